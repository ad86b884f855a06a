"""The checker's own interface words (Back, Continue, There is a problem, ...), behind one accessor.

`interface_words()` is the only way the build reads them: the `checker:` block of
content/checker/interface.md, compiled and checked with the rest of the checker's wording
(triage/wording.py), as loaded once for this build (hooks/site_data.py).
"""
from __future__ import annotations

from typing import Any

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)
from sitekit import state

from triage.view import CHECKER_DIR

#: The checker's start page (an editors' page).
START_PAGE = CHECKER_DIR + "index.md"


def interface_words() -> dict[str, str]:
    """The checker's interface words for this build, by key."""
    return dict(wording().interface["checker"])


def wording() -> Any:
    """The checker's wording, as loaded once for this build (hooks/site_data.py); outside a build
    (a hook's unit test), the package's own."""
    found = getattr(state.current().data, "wording", None)
    if found is not None:
        return found
    from triage import load_wording
    return load_wording()
