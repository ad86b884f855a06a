"""Hook: read the site's data once per build, before any page.

- `on_startup`: notes whether this is `mkdocs serve` (the CSP then allows live reload).
- `on_config`: reads `triage.rules.RULES` and content/_data/{sources,contacts,glossary}.yml,
  checks them (a mistake stops the build naming the file, the entry and the fix) and starts a
  fresh build state (`mkdocs serve` rebuilds in the same process).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)
from sitekit import data, state


def on_startup(*, command: str, dirty: bool) -> None:
    state.set_serving(command == "serve")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    build = state.reset()  # first: the data's mistakes go to this build's collector
    build.data = data.load(Path(config.docs_dir).resolve(), root)
    return config
