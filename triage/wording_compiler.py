"""Compile the editors' wording into the data the package ships (`triage/wording.json`).

Build-time only: it reads Markdown front matter and YAML with `triage.frontmatter` (PyYAML), so
it is left out of the wheel, and nothing the command line or the browser runs imports it. It
runs in three places, always on the current files (see decisions/wording-compiled-at-build.md):

- `mkdocs build` / `make serve`: hooks/sitekit/data.py calls `triage.load_wording(content/)`;
- building the wheel: hatch_build.py writes `compile_wording()` into it as triage/wording.json;
- a source checkout (`make setup`, an editable install): `triage.load_wording()` compiles
  `content/` on first use and again after any change to it, so it is never stale.

Checking collects every problem in every file and raises one `WordingError` listing them all,
each with the file (and line, for YAML mistakes) and the fix, so an editor can fix everything in
one go. The result is plain JSON data, described in triage/README.md ("Compiled wording").
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from . import frontmatter
from .flow import DATE_FLAGS, DATES, FLAGS, Flow, Question, load_flow
from .wording import (FORMAT, OPTIONAL_ERRORS, REQUIRED_ERRORS, WordingError, fill,
                      placeholder_problems)

_QUESTION_KEYS = {"question", "title", "hint", "options", "option_hints", "errors",
                  "unknown_label", "last_reviewed"}
_OUTCOME_KEYS = {"outcome", "title", "summary", "contacts", "sources", "last_reviewed"}
_FLAGS_KEYS = {"flags", "dates", "flag_rules", "last_reviewed"}
#: The interface's words, by group and key, each with the values the code puts into it (`{name}`).
#: `checker`: the checker's pages and app (site_templates/checker/*, app.js; `triage.checker_ui()`);
#: `command_line`: `python -m triage` (triage/cli.py). Editors write the words in interface.md.
INTERFACE: dict[str, dict[str, tuple[str, ...]]] = {
    "checker": {
        "back": (), "continue": (), "your_answers": (), "change": (), "change_hidden": ("question",),
        "error_summary_title": (), "error_title_prefix": (), "error_prefix_hidden": (),
        "day": (), "month": (), "year": (), "or": (), "contacts_heading": (), "dates_heading": (),
        "sources_heading": (), "sources_intro": (), "days_left_one": (), "days_left_other": ("n",),
        "last_day": (), "days_late_one": (), "days_late_other": ("n",), "print_button": (),
        "print_hint": (), "status_loading": (), "status_loading_rules": (), "status_ready": (),
        "status_failed": (), "status_unsupported": (),
    },
    "command_line": {
        "answer_choice": ("answer",), "answer_date": ("date_answer", "unknown_answer"),
        "problem": ("question", "message"), "type_date": (), "if_unknown": (),
        "dates_heading": (), "flags_heading": (), "contacts_heading": (), "sources_heading": (),
        "answers_label": (), "contact_website": (), "contact_page": (), "contact_phone": (),
        "contact_email": (), "contact_email_page": (), "contact_post": (),
        "answer_prompt": (), "finish_prompt": (), "first_question": (),
        # its arguments: the usage line, --help, and mistakes in the arguments
        "usage": (), "help": (), "prefix": ("message",), "today_shape": ("value",),
        "today_real": ("value",), "today_twice": (), "today_missing": (), "no_value": ("option",),
        "not_an_option": ("arg", "close"), "close": ("close",), "not_an_answer": ("arg",),
        "no_id": ("arg",), "twice": ("question",),
    },
}
_INTERFACE_KEYS = {*INTERFACE, "last_reviewed"}
# `{name}`: a value the code puts into an interface text (after `{{ rules.NAME }}` is filled).
_SLOT = re.compile(r"\{([^{}]*)\}")


def compile_wording(root: str | Path | None = None, flow: Flow | None = None) -> dict[str, Any]:
    """Read and check the editors' files; return the compiled data, or raise `WordingError`.

    `root` is a folder holding `checker/` and `_data/` (like `content/`); by default the
    repository's `content/`.
    """
    checker, data = _locate(root)
    return _Loader(checker, data, flow or load_flow()).compile()


def write(path: str | Path, root: str | Path | None = None, flow: Flow | None = None) -> Path:
    """Compile and write the data as JSON to `path` (what the wheel carries)."""
    path = Path(path)
    text = json.dumps(compile_wording(root, flow), ensure_ascii=False, sort_keys=False,
                      separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _locate(root: str | Path | None) -> tuple[Path, Path]:
    if root is None:
        root = Path(__file__).resolve().parents[1] / "content"
    root = Path(root)
    pairs = [(root / "checker", root / "_data"), (root, root.parent / "_data")]
    for checker, data in pairs:
        if (checker / "questions").is_dir():
            return checker, data
    tried = ", ".join(str(c) for c, _ in pairs)
    raise WordingError([f"no wording folder found (looked for {tried}): run from the repository's "
                        f"folder, where content/checker/ holds the wording"])


class _Loader:
    """Reads every file once, noting problems instead of stopping at the first."""

    def __init__(self, checker: Path, data: Path, flow: Flow) -> None:
        self.checker, self.data, self.flow = checker, data, flow
        self.problems: list[str] = []
        self.lines: dict[Path, frontmatter.Lines] = {}
        self.names: dict[Path, str] = {}

    def name(self, path: Path) -> str:
        """A short path for messages: content/checker/questions/about.md."""
        if path not in self.names:
            try:
                self.names[path] = path.relative_to(self.checker.parent.parent).as_posix()
            except ValueError:
                self.names[path] = str(path)
        return self.names[path]

    def problem(self, path: Path, text: str, at: tuple[str, ...] = ()) -> None:
        """Note a problem in `path`, at the line of key `at` (or of the block holding it)."""
        lines = self.lines.get(path, {})
        line = next((lines[at[:k]] for k in range(len(at), 0, -1) if at[:k] in lines), None)
        self.problems.append(f"{self.name(path)}{'' if line is None else f':{line}'}: {text}")

    def read(self, path: Path, markdown: bool) -> tuple[dict[str, Any], str] | None:
        if not path.is_file():
            return None
        try:
            text = path.read_text(encoding="utf-8")
            if markdown:
                meta, body, self.lines[path] = frontmatter.split_with_lines(text, self.name(path))
                return meta, body
            meta, self.lines[path] = frontmatter.parse_with_lines(text, self.name(path))
            return meta, ""
        except frontmatter.FrontMatterError as exc:
            self.problems.append(str(exc))
        except (OSError, UnicodeDecodeError) as exc:
            self.problem(path, f"cannot be read ({exc}). Save it as UTF-8 text")
        return None

    def compile(self) -> dict[str, Any]:
        contacts = self.data_file("contacts.yml")
        for cid, entry in contacts.items():
            if not isinstance(entry.get("name"), str) or not entry.get("name"):
                self.problem(self.data / "contacts.yml", f"contact `{cid}` has no `name`. Add one")
        sources = self.data_file("sources.yml")
        questions = {q.id: self.question(q) for q in self.flow.questions.values()}
        outcomes = {o: self.outcome(o, contacts, sources) for o in self.flow.outcomes}
        flags, dates, flag_rules = self.flags_file()
        words = self.interface_file()
        self.start_page()
        self.extra_files("questions", self.flow.questions, "question")
        self.extra_files("outcomes", self.flow.outcomes, "outcome")
        if self.problems:
            raise WordingError(self.problems)
        return {
            "format": FORMAT,
            "questions": {k: v for k, v in questions.items() if v is not None},
            "outcomes": {k: v for k, v in outcomes.items() if v is not None},
            "flags": flags, "dates": dates, "flag_rules": flag_rules, "interface": words,
            "contacts": contacts, "sources": sources,
        }

    # -- field helpers ---------------------------------------------------------------------
    def text(self, meta: dict[str, Any], key: str, path: Path, required: bool = True,
             within: str = "") -> str:
        value = meta.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            where = f"under `{within}:`" if within else "to the front matter"
            self.problem(path, f"`{key}` is missing or empty. Add `{key}: <text>` {where}",
                         (within, key) if within else (key,))
            return ""
        return self.filled(value.strip(), path)

    def filled(self, value: str, path: Path) -> str:
        problems = placeholder_problems(value, self.name(path))
        self.problems.extend(problems)
        return value if problems else fill(value)

    def mapping(self, meta: dict[str, Any], key: str, path: Path, required: bool) -> dict[str, Any]:
        value = meta.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            self.problem(path, f"`{key}` must be a block of `name: text` lines indented under "
                         f"`{key}:`. Add it")
            return {}
        return value

    def ids(self, meta: dict[str, Any], key: str, path: Path, known: Mapping[str, Any],
            known_file: str, allow_empty: bool) -> list[str]:
        value = meta.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(path, f"`{key}` must be a list of ids, like `{key}: [a, b]`. Add it")
            return []
        if not value and not allow_empty:
            self.problem(path, f"`{key}` is empty. List at least one id from {known_file}")
        for item in value:
            if item not in known:
                self.problem(path, f"`{key}` names {item!r}, which is not in {known_file}. Fix the "
                             f"id or add the entry there")
        return list(value)

    def reviewed(self, meta: dict[str, Any], path: Path) -> str:
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

    def unknown_keys(self, meta: dict[str, Any], allowed: set[str] | Mapping[str, Any], path: Path,
                     within: str = "") -> None:
        for key in meta:
            if key not in allowed:
                where = f" under `{within}:`" if within else ""
                self.problem(path, f"unknown key `{key}`{where}. Use only {', '.join(sorted(allowed))} "
                             f"(see content/checker/README.md)", (within, key) if within else (key,))

    def body(self, text: str, path: Path, required: bool) -> str:
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

    def question(self, question: Question) -> dict[str, Any] | None:
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
        hints = {v: self.text(option_hints, v, path, within="option_hints")
                 for v in question.values if v in option_hints}
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
        return {
            "id": question.id, "kind": question.kind, "title": self.text(meta, "title", path),
            "hint": self.text(meta, "hint", path, required=False), "options": options,
            "option_hints": hints, "errors": messages, "unknown_label": unknown_label,
            "body": self.body(body, path, required=False), "last_reviewed": self.reviewed(meta, path),
            "path": self.name(path),
        }

    def outcome(self, outcome: str, contacts: Mapping[str, Any],
                sources: Mapping[str, Any]) -> dict[str, Any] | None:
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
        return {
            "id": outcome, "title": self.text(meta, "title", path),
            "summary": self.text(meta, "summary", path),
            "contacts": self.ids(meta, "contacts", path, contacts, "content/_data/contacts.yml", True),
            "sources": self.ids(meta, "sources", path, sources, "content/_data/sources.yml", False),
            "last_reviewed": self.reviewed(meta, path), "body": self.body(body, path, required=True),
            "path": self.name(path),
        }

    def flags_file(self) -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, dict[str, str]]]:
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
                       path: Path) -> dict[str, dict[str, str]]:
        found = {}
        for name in names:
            entry = meta.get(name)
            if not isinstance(entry, dict):
                self.problem(path, f"{what} `{name}` needs `label:` and `rule:` lines under "
                             f"`  {name}:` in `{within}:`. Add them")
                continue
            found[name] = {"label": self.text(entry, "label", path, within=name),
                           "rule": self.text(entry, "rule", path, within=name)}
        return found

    def interface_file(self) -> dict[str, dict[str, str]]:
        """`interface.md`: the words of the checker's and the command line's own interface."""
        path = self.checker / "interface.md"
        read = self.read(path, markdown=True)
        if read is None:
            if not path.is_file():
                self.problem(path, f"is missing. Create it with {' and '.join(f'`{g}:`' for g in INTERFACE)} "
                             f"(see content/checker/README.md)")
            return {}
        meta, _ = read
        self.unknown_keys(meta, _INTERFACE_KEYS, path)
        self.reviewed(meta, path)
        words: dict[str, dict[str, str]] = {}
        for group, slots_by_key in INTERFACE.items():
            given = self.mapping(meta, group, path, required=True)
            self.unknown_keys(given, slots_by_key, path, within=group)
            words[group] = {}
            for key, slots in slots_by_key.items():
                if key not in given:
                    if given:
                        self.problem(path, f"`{key}` is missing under `{group}:`. Add `  {key}: <text>`",
                                     (group,))
                    continue
                text = given[key]
                if not isinstance(text, str) or not text.strip():
                    self.problem(path, f"`{key}` under `{group}:` is empty. Write its words after "
                                 f"`{key}: `", (group, key))
                    continue
                # Not stripped: "Error: " keeps its space. A folded `>` text loses its last newline.
                text = self.filled(text.strip("\n"), path)
                self.slots(text, slots, (group, key), path)
                words[group][key] = text
        return words

    def slots(self, text: str, slots: tuple[str, ...], at: tuple[str, str], path: Path) -> None:
        where = ".".join(at)
        used = _SLOT.findall(text)
        for name in used:
            if name not in slots:
                offer = (f"This text can use {', '.join(f'{{{s}}}' for s in slots)}" if slots
                         else "This text has no values to put in")
                self.problem(path, f"`{where}` uses {{{name}}}, which the checker does not provide. "
                             f"{offer}; remove the braces or fix the name", at)
        for name in slots:
            if name not in used:
                self.problem(path, f"`{where}` has lost {{{name}}}, where the checker puts its "
                             f"value. Put {{{name}}} back in the text", at)
        if _SLOT.sub("", text).count("{") or _SLOT.sub("", text).count("}"):
            self.problem(path, f"`{where}` has a lone `{{` or `}}`. Remove it (braces mark a value "
                         f"the checker puts in, like {{n}})", at)

    def start_page(self) -> None:
        """The interface words moved from the start page's `checker_ui:` to interface.md."""
        path = self.checker / "index.md"
        read = self.read(path, markdown=True) if path.is_file() else None
        if read is not None and "checker_ui" in read[0]:
            self.problem(path, "`checker_ui:` is no longer read here. Move its lines under "
                         "`checker:` in content/checker/interface.md", ("checker_ui",))

    def extra_files(self, folder: str, known: Mapping[str, Any] | tuple[str, ...], what: str) -> None:
        for path in sorted((self.checker / folder).glob("*.md"), key=lambda p: p.name):
            if path.stem not in known:
                self.problem(path, f"there is no {what} `{path.stem}` in the flow (triage/flow.toml). "
                             f"Rename the file to a {what} id, or remove it")
