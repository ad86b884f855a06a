"""The editors' wording, contacts and sources, as the package ships them: compiled JSON.

Editors write Markdown with front matter in `content/checker/` and YAML in `content/_data/` (see
`content/checker/README.md`). Those files are read and checked at build time only, by
`triage/wording_compiler.py`, into one JSON file, `triage/wording.json`, which the wheel carries
(hatch_build.py writes it). This module only reads that JSON (through `importlib.resources`, so
also when the package is imported from the wheel as a zip, as the browser does): no YAML or
Markdown reader runs in the browser or the installed command line.

In a source checkout (the repository's `triage/` next to `content/`, as `make setup` installs it)
there is no JSON file: the wording is compiled from `content/` on first use, and again when one of
its files changes (their sizes and modification times are checked on each call, about 0.5 ms), so
an editor's change is always seen (decisions/wording-compiled-at-build.md).
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from . import rules
from .flow import Flow
from .record import Record

#: The compiled data's shape; bumped when it changes (the reader refuses another).
FORMAT = 2
#: The compiled file inside the package (the wheel).
COMPILED = "wording.json"
#: Error messages every question needs, by kind (codes are in triage/README.md).
REQUIRED_ERRORS = {
    "choice": ("required",),
    "date": ("required", "real_date", "future", "missing_day", "missing_month", "missing_year",
             "missing_day_month", "missing_day_year", "missing_month_year", "year_digits", "invalid"),
}
#: Codes an editor may also give a message for (otherwise a related message is used).
OPTIONAL_ERRORS = ("invalid",)
# `{{ rules.name }}`, with or without spaces; anything else inside `{{ }}` is reported.
_PLACEHOLDER = re.compile(r"\{\{\s*rules\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%", re.S)


class WordingError(ValueError):
    """The wording is missing or wrong. `problems` lists each, with the file and the fix."""

    def __init__(self, problems: list[str] | tuple[str, ...]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"The checker's wording has {len(self.problems)} problem(s):\n{lines}")


class QuestionText(Record):
    """One question's wording. Texts have `{{ rules.NAME }}` already filled in."""

    id: str
    kind: str
    title: str
    hint: str
    options: Mapping[str, str]  # answer value -> label, in the flow's order
    option_hints: Mapping[str, str]
    errors: Mapping[str, str]  # error code -> message
    unknown_label: str  # date questions: the "I don't know" choice
    body: str
    last_reviewed: str
    path: str


class OutcomeText(Record):
    """One outcome's wording: title, summary, contact ids, source ids and Markdown body."""

    id: str
    title: str
    summary: str
    contacts: tuple[str, ...]
    sources: tuple[str, ...]
    last_reviewed: str
    body: str
    path: str


class DraftText(Record):
    """A draft message (content/checker/drafts/<id>.md): the outcomes it serves, its recipient's
    contact id ("" for none), subject and text with `{placeholders}` (triage/draft.py)."""

    id: str
    outcomes: tuple[str, ...]
    to: str
    subject: str
    text: str
    blanks: Mapping[str, str]  # placeholder -> this draft's own blank (else the interface's)
    sources: tuple[str, ...]
    last_reviewed: str
    path: str


class DateText(Record):
    """A date's or a date-driven flag's label ("Ask for a review by") and its rule, stated where
    the date is not known ("28 days, starting the day after …")."""

    label: str
    rule: str


class Wording(Record, eq=False):
    """Everything the checker says, checked against the flow."""

    questions: Mapping[str, QuestionText]
    outcomes: Mapping[str, OutcomeText]
    flags: Mapping[str, str]
    dates: Mapping[str, DateText]
    flag_rules: Mapping[str, DateText]  # for each of DATE_FLAGS: stated when its date is unknown
    contacts: Mapping[str, Mapping[str, Any]]
    sources: Mapping[str, Mapping[str, Any]]
    interface: Mapping[str, Mapping[str, str]]  # group ("checker", "command_line") -> key -> text
    drafts: Mapping[str, DraftText] = MappingProxyType({})  # by draft id
    source: str = ""  # where it was read from: the compiled file, or the folder compiled

    def draft_for(self, outcome: str) -> DraftText | None:
        """The draft message of `outcome`, if the person writes to someone there."""
        return next((d for d in self.drafts.values() if outcome in d.outcomes), None)

    def message(self, question: str, code: str) -> str:
        """The plain-English message for an error `code` on `question`.

        `invalid` (a value that is not an option, or text that is not a date) uses the
        question's own `invalid` message if the editors wrote one, else the closest one.
        """
        errors = self.questions[question].errors
        if code in errors:
            return errors[code]
        return errors.get("real_date") or errors["required"]


def fill(text: str, file: str = "<text>") -> str:
    """Replace each `{{ rules.NAME }}` with the value of `rules.RULES[NAME]`.

    Raises `WordingError` naming `file` if a name is unknown or another `{{ }}` is used.
    """
    problems = placeholder_problems(text, file)
    if problems:
        raise WordingError(problems)
    return _PLACEHOLDER.sub(lambda m: str(rules.RULES[m.group(1)]), text)


def placeholder_problems(text: str, file: str) -> list[str]:
    """Each `{{ ... }}` in `text` that is not a known `{{ rules.NAME }}`, as a message naming `file`."""
    problems = []
    for match in _TEMPLATE.finditer(text):
        name = _PLACEHOLDER.fullmatch(match.group(0))
        if name is None:
            problems.append(f"{file}: `{match.group(0)[:40]}` is not a rule placeholder. Write "
                            f"`{{{{ rules.NAME }}}}` with NAME one of {', '.join(rules.RULES)}")
        elif name.group(1) not in rules.RULES:
            problems.append(f"{file}: `{{{{ rules.{name.group(1)} }}}}` is not a known rule. Use one "
                            f"of {', '.join(rules.RULES)} (triage/rules.py)")
    return problems


def load_wording(root: str | Path | None = None, flow: Flow | None = None) -> Wording:
    """The checked wording; raise `WordingError` listing every problem.

    By default the package's own: its compiled `wording.json` (the wheel), or, in a source
    checkout, `content/` compiled now (again only after a file in it changes). With `root` (a folder holding
    `checker/` and `_data/`, like `content/`) or `flow`, that wording is compiled and checked
    against that flow: what the site build does.
    """
    if root is None and flow is None:
        return _default_wording()
    from .wording_compiler import compile_wording  # build time: needs PyYAML

    return from_data(compile_wording(root, flow), str(root or "content"))


def checker_ui() -> dict[str, str]:
    """The checker's interface words (Back, Continue, ...), by key: `interface.checker`."""
    return dict(load_wording().interface["checker"])


def from_data(data: Mapping[str, Any], source: str = "") -> Wording:
    """A `Wording` from the compiled data (`wording_compiler.compile_wording()` or its JSON)."""
    if data.get("format") != FORMAT:
        raise WordingError([f"{source}: compiled wording of format {data.get('format')!r}, not "
                            f"{FORMAT}. Rebuild the wheel (or run from the repository)"])
    frozen = MappingProxyType
    return Wording(
        questions=frozen({k: QuestionText(**{**q, "options": frozen(q["options"]),
                                             "option_hints": frozen(q["option_hints"]),
                                             "errors": frozen(q["errors"])})
                          for k, q in data["questions"].items()}),
        outcomes=frozen({k: OutcomeText(**{**o, "contacts": tuple(o["contacts"]), "sources": tuple(o["sources"])})
                         for k, o in data["outcomes"].items()}),
        flags=frozen(data["flags"]),
        dates=frozen({k: DateText(**d) for k, d in data["dates"].items()}),
        flag_rules=frozen({k: DateText(**d) for k, d in data["flag_rules"].items()}),
        contacts=frozen(data["contacts"]), sources=frozen(data["sources"]),
        interface=frozen({k: frozen(v) for k, v in data["interface"].items()}),
        drafts=frozen({k: DraftText(**{**d, "outcomes": tuple(d["outcomes"]), "blanks": frozen(d["blanks"]),
                                              "sources": tuple(d["sources"])})
                       for k, d in data["drafts"].items()}),
        source=source)


def _default_wording() -> Wording:
    package = files(__package__)
    if isinstance(package, Path) and (package.resolve().parent / "content" / "checker").is_dir():
        # A source checkout: compile the editors' current files, again whenever one changes
        # (a long-lived process such as `mkdocs serve` sees an edit too).
        content = package.resolve().parent / "content"
        return _compiled_checkout(content, _fingerprint(content))
    return _installed()


def _fingerprint(content: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of every file the compiler reads (about 50 stats)."""
    found = []
    folders = [str(content / "checker"), str(content / "_data")]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    folders.append(entry.path)
                else:
                    stat = entry.stat()
                    found.append((entry.path, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


@lru_cache(maxsize=1)
def _compiled_checkout(content: Path, fingerprint: tuple[tuple[str, int, int], ...]) -> Wording:
    try:
        from .wording_compiler import compile_wording
    except ImportError as exc:
        raise WordingError([f"triage runs from a source checkout, where the wording is compiled "
                            f"from content/ with PyYAML ({exc}). Run `make setup`"]) from None
    return from_data(compile_wording(content), str(content))


@lru_cache(maxsize=1)
def _installed() -> Wording:
    compiled = files(__package__) / COMPILED
    if not compiled.is_file():
        raise WordingError([f"{compiled} is missing: build the package with hatchling "
                            f"(hatch_build.py compiles the wording into it), or run from the repository"])
    return from_data(json.loads(compiled.read_text(encoding="utf-8")), str(compiled))
