"""Load the editors' wording and the shared contacts and sources, and check them against the flow.

Wording lives in Markdown files with front matter (see `content/checker/README.md`). Inside the
built wheel the same files sit in `triage/wording/` and `triage/data/` (pyproject.toml copies them
there); in the repository they are `content/checker/` and `content/_data/`. The package's own
copy is read through its loader (`importlib.resources`), so it is found wherever the package is
imported from: a folder, or the wheel itself as a zip on sys.path (as the browser does).

Checking collects every problem in every file and raises one `WordingError` listing them all,
each with the file and the fix, so an editor can fix everything in one go.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Any, Mapping

from . import frontmatter, rules
from .flow import DATE_FLAGS, DATES, FLAGS, Flow, Question, load_flow
from .record import Record

#: Error messages every question needs, by kind (codes are in triage/README.md).
REQUIRED_ERRORS = {
    "choice": ("required",),
    "date": ("required", "real_date", "future", "missing_day", "missing_month", "missing_year",
             "missing_day_month", "missing_day_year", "missing_month_year", "year_digits", "invalid"),
}
#: Codes an editor may also give a message for (otherwise a related message is used).
OPTIONAL_ERRORS = ("invalid",)
_QUESTION_KEYS = {"question", "title", "hint", "options", "option_hints", "errors",
                  "unknown_label", "last_reviewed"}
_OUTCOME_KEYS = {"outcome", "title", "summary", "contacts", "sources", "last_reviewed"}
_FLAGS_KEYS = {"flags", "dates", "flag_rules", "last_reviewed"}
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
    checker_dir: Traversable = Path(".")  # a Path, or a folder inside a zip (the wheel)
    data_dir: Traversable = Path(".")

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
    problems = _placeholder_problems(text, file)
    if problems:
        raise WordingError(problems)
    return _PLACEHOLDER.sub(lambda m: str(rules.RULES[m.group(1)]), text)


def _placeholder_problems(text: str, file: str) -> list[str]:
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
    """Load and check the wording; raise `WordingError` listing every problem.

    `root` is a folder holding `checker/` and `_data/` (like `content/`), or `wording/` and
    `data/` (like the installed package). By default: the package's own copy if present (the
    wheel), else the repository's `content/`.
    """
    if root is None and flow is None:
        return _default_wording()
    return _load(*_locate(root), flow or load_flow())


@lru_cache(maxsize=1)
def _default_wording() -> Wording:
    return _load(*_locate(None), load_flow())


def _locate(root: str | Path | None) -> tuple[Traversable, Traversable]:
    if root is None:
        package = files(__package__)
        pairs = [(package / "wording", package / "data")]
        if isinstance(package, Path):  # imported from a folder: maybe the repository's triage/
            top = package.resolve().parent
            pairs.append((top / "content" / "checker", top / "content" / "_data"))
    else:
        root = Path(root)
        pairs = [(root / "checker", root / "_data"), (root / "wording", root / "data"),
                 (root, root.parent / "_data")]
    for checker, data in pairs:
        if (checker / "questions").is_dir():
            return checker, data
    tried = ", ".join(str(c) for c, _ in pairs)
    raise WordingError([f"no wording folder found (looked for {tried}): run from the repository, "
                        f"or install the triage wheel, which carries a copy"])


class _Loader:
    """Reads every file once, noting problems instead of stopping at the first."""

    def __init__(self, checker: Traversable, data: Traversable, flow: Flow) -> None:
        self.checker, self.data, self.flow = checker, data, flow
        self.problems: list[str] = []

    def name(self, path: Traversable) -> str:
        """A short path for messages: content/checker/questions/about.md."""
        base = self.checker.parent.parent
        try:
            relative = path.relative_to(base)  # a Path; inside a zip, a str
        except ValueError:
            return str(path)
        return relative.as_posix() if isinstance(relative, PurePath) else relative

    def problem(self, path: Traversable, text: str) -> None:
        self.problems.append(f"{self.name(path)}: {text}")

    def read(self, path: Traversable, markdown: bool) -> tuple[dict[str, Any], str] | None:
        if not path.is_file():
            return None
        try:
            text = path.read_text(encoding="utf-8")
            if markdown:
                return frontmatter.split(text, self.name(path))
            return frontmatter.parse(text, self.name(path)), ""
        except frontmatter.FrontMatterError as exc:
            self.problems.append(str(exc))
        except (OSError, UnicodeDecodeError) as exc:
            self.problem(path, f"cannot be read ({exc}). Save it as UTF-8 text")
        return None

    # -- field helpers ---------------------------------------------------------------------
    def text(self, meta: dict[str, Any], key: str, path: Traversable, required: bool = True,
             within: str = "") -> str:
        value = meta.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            where = f"under `{within}:`" if within else "to the front matter"
            self.problem(path, f"`{key}` is missing or empty. Add `{key}: <text>` {where}")
            return ""
        return self.filled(value.strip(), path)

    def filled(self, value: str, path: Traversable) -> str:
        problems = _placeholder_problems(value, self.name(path))
        self.problems.extend(problems)
        return value if problems else fill(value)

    def mapping(self, meta: dict[str, Any], key: str, path: Traversable, required: bool) -> dict[str, Any]:
        value = meta.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            self.problem(path, f"`{key}` must be a block of `name: text` lines indented under "
                         f"`{key}:`. Add it")
            return {}
        return value

    def ids(self, meta: dict[str, Any], key: str, path: Traversable, known: Mapping[str, Any],
            known_file: str, allow_empty: bool) -> tuple[str, ...]:
        value = meta.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(path, f"`{key}` must be a list of ids, like `{key}: [a, b]`. Add it")
            return ()
        if not value and not allow_empty:
            self.problem(path, f"`{key}` is empty. List at least one id from {known_file}")
        for item in value:
            if item not in known:
                self.problem(path, f"`{key}` names {item!r}, which is not in {known_file}. Fix the "
                             f"id or add the entry there")
        return tuple(value)

    def reviewed(self, meta: dict[str, Any], path: Traversable) -> str:
        value = meta.get("last_reviewed")
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            self.problem(path, f"`last_reviewed` is {value!r}, not a date. Write the date you last "
                         f"checked this text, like `last_reviewed: 2026-11-25`")
            return ""
        return value

    def unknown_keys(self, meta: dict[str, Any], allowed: set[str], path: Traversable) -> None:
        for key in meta:
            if key not in allowed:
                self.problem(path, f"unknown key `{key}`. Use only {', '.join(sorted(allowed))} "
                             f"(see content/checker/README.md)")

    def body(self, text: str, path: Traversable, required: bool) -> str:
        text = text.strip()
        if required and not text:
            self.problem(path, "the text under the front matter is empty. Write what the person "
                         "should do next")
        return self.filled(text, path)

    # -- files -----------------------------------------------------------------------------
    def data_file(self, name: str) -> dict[str, dict[str, Any]]:
        path = self.data / name
        read = self.read(path, markdown=False)
        if read is None:
            if not path.is_file():
                self.problem(path, "is missing. Restore it")
            return {}
        entries, _ = read
        for key, value in entries.items():
            if not isinstance(value, dict):
                self.problem(path, f"entry `{key}` must be a block of `name: value` lines")
        return {k: v for k, v in entries.items() if isinstance(v, dict)}

    def question(self, question: Question) -> QuestionText | None:
        path = self.checker / "questions" / f"{question.id}.md"
        read = self.read(path, markdown=True)
        if read is None:
            if not path.is_file():
                self.problem(path, f"is missing. Create it for question `{question.id}` (see "
                             f"content/checker/README.md)")
            return None
        meta, body = read
        self.unknown_keys(meta, _QUESTION_KEYS, path)
        if meta.get("question") != question.id:
            self.problem(path, f"`question` is {meta.get('question')!r}. Write `question: {question.id}`")
        options: dict[str, str] = {}
        option_hints = self.mapping(meta, "option_hints", path, required=False)
        if question.is_date:
            if "options" in meta:
                self.problem(path, "a date question has no `options`. Remove them")
            unknown_label = self.text(meta, "unknown_label", path)
        else:
            unknown_label = ""
            if "unknown_label" in meta:
                self.problem(path, "only date questions have `unknown_label`. Remove it")
            labels = self.mapping(meta, "options", path, required=True)
            for value in question.values:
                if value in labels:
                    options[value] = self.text(labels, value, path, within="options")
                elif labels:
                    self.problem(path, f"option `{value}` has no label. Add `  {value}: <label>` "
                                 f"under `options:`")
            for value in list(labels) + list(option_hints):
                if value not in question.values:
                    self.problem(path, f"`{value}` is not an answer of question `{question.id}` "
                                 f"({', '.join(question.values)}). Remove it or fix the id")
        hints = {v: self.text(option_hints, v, path, within="option_hints") for v in question.values if v in option_hints}
        errors = self.mapping(meta, "errors", path, required=True)
        messages = {}
        if errors:  # if the block itself is missing, that is already reported
            for code in REQUIRED_ERRORS[question.kind]:
                messages[code] = self.text(errors, code, path, within="errors")
        for code in OPTIONAL_ERRORS:
            if code in errors:
                messages[code] = self.text(errors, code, path, within="errors")
        known = tuple(dict.fromkeys(REQUIRED_ERRORS[question.kind] + OPTIONAL_ERRORS))
        for code in errors:
            if code not in known:
                self.problem(path, f"unknown error `{code}`. A {question.kind} question has "
                             f"{', '.join(known)}")
        return QuestionText(
            id=question.id, kind=question.kind, title=self.text(meta, "title", path),
            hint=self.text(meta, "hint", path, required=False),
            options=MappingProxyType(options), option_hints=MappingProxyType(hints),
            errors=MappingProxyType(messages), unknown_label=unknown_label,
            body=self.body(body, path, required=False), last_reviewed=self.reviewed(meta, path),
            path=self.name(path))

    def outcome(self, outcome: str, contacts: Mapping[str, Any],
                sources: Mapping[str, Any]) -> OutcomeText | None:
        path = self.checker / "outcomes" / f"{outcome}.md"
        read = self.read(path, markdown=True)
        if read is None:
            if not path.is_file():
                self.problem(path, f"is missing. Create it for outcome `{outcome}` (see "
                             f"content/checker/README.md)")
            return None
        meta, body = read
        self.unknown_keys(meta, _OUTCOME_KEYS, path)
        if meta.get("outcome") != outcome:
            self.problem(path, f"`outcome` is {meta.get('outcome')!r}. Write `outcome: {outcome}`")
        return OutcomeText(
            id=outcome, title=self.text(meta, "title", path), summary=self.text(meta, "summary", path),
            contacts=self.ids(meta, "contacts", path, contacts, "content/_data/contacts.yml", True),
            sources=self.ids(meta, "sources", path, sources, "content/_data/sources.yml", False),
            last_reviewed=self.reviewed(meta, path), body=self.body(body, path, required=True),
            path=self.name(path))

    def flags_file(self) -> tuple[dict[str, str], dict[str, DateText], dict[str, DateText]]:
        path = self.checker / "flags.md"
        read = self.read(path, markdown=True)
        if read is None:
            if not path.is_file():
                self.problem(path, "is missing. Create it with `flags:`, `dates:` and `flag_rules:` "
                             "(see content/checker/README.md)")
            return {}, {}, {}
        meta, _ = read
        self.unknown_keys(meta, _FLAGS_KEYS, path)
        self.reviewed(meta, path)
        flags_meta = self.mapping(meta, "flags", path, required=True)
        dates_meta = self.mapping(meta, "dates", path, required=True)
        for name in list(flags_meta) + list(dates_meta):
            if name not in FLAGS + DATES:
                self.problem(path, f"`{name}` is not a flag or date of the checker. Remove it or use "
                             f"one of {', '.join(FLAGS + DATES)}")
        flags = {}
        for name in FLAGS:
            if name not in flags_meta:
                self.problem(path, f"flag `{name}` has no text. Add `  {name}: >` under `flags:`")
            else:
                flags[name] = self.text(flags_meta, name, path, within="flags")
        rules_meta = self.mapping(meta, "flag_rules", path, required=True)
        for name in rules_meta:
            if name not in DATE_FLAGS:
                self.problem(path, f"`{name}` in `flag_rules:` is not a flag a date raises. Remove it "
                             f"or use one of {', '.join(DATE_FLAGS)}")
        dates = self.labelled_rules(dates_meta, DATES, "date", "dates", path)
        flag_rules = self.labelled_rules(rules_meta, tuple(DATE_FLAGS), "flag", "flag_rules", path)
        return flags, dates, flag_rules

    def labelled_rules(self, meta: dict[str, Any], names: tuple[str, ...], what: str, within: str,
                       path: Traversable) -> dict[str, DateText]:
        found = {}
        for name in names:
            entry = meta.get(name)
            if not isinstance(entry, dict):
                self.problem(path, f"{what} `{name}` needs `label:` and `rule:` lines under "
                             f"`  {name}:` in `{within}:`. Add them")
                continue
            found[name] = DateText(self.text(entry, "label", path, within=name),
                                   self.text(entry, "rule", path, within=name))
        return found

    def extra_files(self, folder: str, known: Mapping[str, Any] | tuple[str, ...], what: str) -> None:
        for path in sorted((self.checker / folder).glob("*.md"), key=lambda p: p.name):
            if path.stem not in known:
                self.problem(path, f"there is no {what} `{path.stem}` in the flow (triage/flow.toml). "
                             f"Rename the file to a {what} id, or remove it")


def _load(checker: Traversable, data: Traversable, flow: Flow) -> Wording:
    loader = _Loader(checker, data, flow)
    contacts = loader.data_file("contacts.yml")
    for cid, entry in contacts.items():
        if not isinstance(entry.get("name"), str) or not entry.get("name"):
            loader.problem(data / "contacts.yml", f"contact `{cid}` has no `name`. Add one")
    sources = loader.data_file("sources.yml")
    questions = {q.id: loader.question(q) for q in flow.questions.values()}
    outcomes = {o: loader.outcome(o, contacts, sources) for o in flow.outcomes}
    flags, dates, flag_rules = loader.flags_file()
    loader.extra_files("questions", flow.questions, "question")
    loader.extra_files("outcomes", flow.outcomes, "outcome")
    if loader.problems:
        raise WordingError(loader.problems)
    return Wording(
        questions=MappingProxyType({k: v for k, v in questions.items() if v is not None}),
        outcomes=MappingProxyType({k: v for k, v in outcomes.items() if v is not None}),
        flags=MappingProxyType(flags), dates=MappingProxyType(dates), flag_rules=MappingProxyType(flag_rules),
        contacts=MappingProxyType(contacts), sources=MappingProxyType(sources),
        checker_dir=checker, data_dir=data)
