"""The checker's own interface words (Back, Continue, There is a problem, ...), behind one accessor.

`interface_words()` is the only way the build reads them: the defaults below, with any override
under `checker_ui:` in content/checker/index.md's front matter.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import meta as mkdocs_meta

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)

from triage.view import CHECKER_DIR

#: The checker's start page (an editors' page), whose front matter may override the words.
START_PAGE = CHECKER_DIR + "index.md"

#: The checker's own interface words. Override any under `checker_ui:` in content/checker/index.md.
UI: dict[str, str] = {
    "back": "Back",
    "continue": "Continue",
    "your_answers": "Your answers",
    "change": "Change",
    "change_hidden": "your answer to: {question}",
    "error_summary_title": "There is a problem",
    "error_title_prefix": "Error: ",
    "error_prefix_hidden": "Error:",
    "day": "Day",
    "month": "Month",
    "year": "Year",
    "or": "or",
    "contacts_heading": "Who to contact",
    "dates_heading": "Dates that matter",
    "sources_heading": "Where this comes from",
    "sources_intro": "The facts this result relies on. Each links to its source.",
    "days_left_one": "1 day left",
    "days_left_other": "{n} days left",
    "last_day": "Today is the last day",
    "days_late_one": "1 day late",
    "days_late_other": "{n} days late",
    "print_button": "Print or save this page",
    "print_hint": "To keep a copy, print this page or save it as a PDF from your browser's menu.",
    "status_loading": "Getting the checker ready on this device. You can carry on: every answer "
                      "already works.",
    "status_loading_rules": "Almost ready.",
    "status_ready": "The checker is ready. Your answers stay on this device: nothing you enter "
                    "is sent anywhere.",
    "status_failed": "Your browser could not start the part of the checker that works out your "
                     "dates. You can still use the checker: choose your answers as links, and "
                     "the result will tell you how to work out your dates.",
    "status_unsupported": "Your browser cannot run the part of the checker that works out your "
                          "dates. You can still use the checker: choose your answers as links, "
                          "and the result will tell you how to work out your dates.",
}


def interface_words(files: Files) -> dict[str, str]:
    """The checker's interface words for this build: `UI`, with the editors' `checker_ui:` overrides."""
    ui = dict(UI)
    start = files.get_file_from_path(START_PAGE)
    if start is None:
        return ui
    _, meta = mkdocs_meta.get_data(start.content_string)
    custom = meta.get("checker_ui") or {}
    if not isinstance(custom, dict):
        raise PluginError(f"content/{START_PAGE}: `checker_ui` must be a block of `name: text` lines.\n"
                          f"  Fix: indent each line under `checker_ui:`, e.g. `  back: Back`.")
    unknown = sorted(set(custom) - set(UI))
    if unknown:
        raise PluginError(f"content/{START_PAGE}: unknown `checker_ui` name(s): {', '.join(unknown)}.\n"
                          f"  Fix: use only {', '.join(UI)}.")
    ui.update({k: str(v) for k, v in custom.items()})
    return ui
