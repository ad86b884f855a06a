"""Build time only: check the wording of each question, outcome, flag and date against the flow.

Each function reads one of the editors' files with a `Reader` (triage/wording_reader.py), notes
every problem (a missing file, label, error message or id; a key or id the flow does not have)
and returns that file's part of the compiled data (triage/README.md, "Compiled wording").
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from .flow import DATE_FLAGS, DATES, FLAGS, Question
from .wording import OPTIONAL_ERRORS, REQUIRED_ERRORS
from .wording_reader import Reader

_QUESTION_KEYS = {"question", "title", "hint", "options", "option_hints", "errors",
                  "unknown_label", "last_reviewed"}
_OUTCOME_KEYS = {"outcome", "title", "summary", "contacts", "sources", "last_reviewed"}
_FLAGS_KEYS = {"flags", "dates", "flag_rules", "last_reviewed"}


def _id_file(reader: Reader, kind: str, item: str,
             keys: set[str]) -> tuple[Path, dict[str, Any], str] | None:
    """`<kind>s/<item>.md` read, its keys checked and its `<kind>:` line naming `item`."""
    path = reader.checker / f"{kind}s" / f"{item}.md"
    read = reader.required(path, markdown=True,
                           fix=f"Create it for {kind} `{item}` (see content/checker/README.md)")
    if read is None:
        return None
    meta, body = read
    reader.unknown_keys(meta, keys, path)
    if meta.get(kind) != item:
        reader.problem(path, f"`{kind}` is {meta.get(kind)!r}. Write `{kind}: {item}`")
    return path, meta, body


def question(reader: Reader, question: Question) -> dict[str, Any] | None:
    """A question's file (questions/<id>.md): its title, options, hints and error messages."""
    read = _id_file(reader, "question", question.id, _QUESTION_KEYS)
    if read is None:
        return None
    path, meta, body = read
    options: dict[str, str] = {}
    option_hints = reader.mapping(meta, "option_hints", path, required=False)
    if question.is_date:
        if "options" in meta:
            reader.problem(path, "a date question has no `options`. Remove them")
        unknown_label = reader.text(meta, "unknown_label", path)
    else:
        unknown_label = ""
        if "unknown_label" in meta:
            reader.problem(path, "only date questions have `unknown_label`. Remove it")
        labels = reader.mapping(meta, "options", path, required=True)
        for value in question.values:
            if value in labels:
                options[value] = reader.text(labels, value, path, within="options")
            elif labels:
                reader.problem(path, f"option `{value}` has no label. Add `  {value}: <label>` "
                               f"under `options:`")
        for value in list(labels) + list(option_hints):
            if value not in question.values:
                reader.problem(path, f"`{value}` is not an answer of question `{question.id}` "
                               f"({', '.join(question.values)}). Remove it or fix the id")
    hints = {v: reader.text(option_hints, v, path, within="option_hints")
             for v in question.values if v in option_hints}
    errors = reader.mapping(meta, "errors", path, required=True)
    messages = {}
    if errors:  # if the block itself is missing, that is already reported
        for code in REQUIRED_ERRORS[question.kind]:
            messages[code] = reader.text(errors, code, path, within="errors")
    for code in OPTIONAL_ERRORS:
        if code in errors:
            messages[code] = reader.text(errors, code, path, within="errors")
    known = tuple(dict.fromkeys(REQUIRED_ERRORS[question.kind] + OPTIONAL_ERRORS))
    for code in errors:
        if code not in known:
            reader.problem(path, f"unknown error `{code}`. A {question.kind} question has "
                           f"{', '.join(known)}")
    return {
        "id": question.id, "kind": question.kind, "title": reader.text(meta, "title", path),
        "hint": reader.text(meta, "hint", path, required=False), "options": options,
        "option_hints": hints, "errors": messages, "unknown_label": unknown_label,
        "body": reader.body(body, path, required=False), "last_reviewed": reader.reviewed(meta, path),
        "path": reader.name(path),
    }


def outcome(reader: Reader, outcome: str, contacts: Mapping[str, Any],
            sources: Mapping[str, Any]) -> dict[str, Any] | None:
    """An outcome's file (outcomes/<id>.md); its contacts and sources must be known ids."""
    read = _id_file(reader, "outcome", outcome, _OUTCOME_KEYS)
    if read is None:
        return None
    path, meta, body = read
    return {
        "id": outcome, "title": reader.text(meta, "title", path),
        "summary": reader.text(meta, "summary", path),
        "contacts": reader.ids(meta, "contacts", path, contacts, "content/_data/contacts.yml", True),
        "sources": reader.ids(meta, "sources", path, sources, "content/_data/sources.yml", False),
        "last_reviewed": reader.reviewed(meta, path), "body": reader.body(body, path, required=True),
        "path": reader.name(path),
    }


def flags_file(reader: Reader) -> tuple[dict[str, str], dict[str, dict[str, str]],
                                       dict[str, dict[str, str]]]:
    """flags.md: the text of every flag, and the label and rule of every date and date flag."""
    path = reader.checker / "flags.md"
    read = reader.required(path, markdown=True, fix="Create it with `flags:`, `dates:` and "
                                                    "`flag_rules:` (see content/checker/README.md)")
    if read is None:
        return {}, {}, {}
    meta, _ = read
    reader.unknown_keys(meta, _FLAGS_KEYS, path)
    reader.reviewed(meta, path)
    flags_meta = reader.mapping(meta, "flags", path, required=True)
    dates_meta = reader.mapping(meta, "dates", path, required=True)
    for name in list(flags_meta) + list(dates_meta):
        if name not in FLAGS + DATES:
            reader.problem(path, f"`{name}` is not a flag or date of the checker. Remove it or use "
                           f"one of {', '.join(FLAGS + DATES)}")
    flags = {}
    for name in FLAGS:
        if name not in flags_meta:
            reader.problem(path, f"flag `{name}` has no text. Add `  {name}: >` under `flags:`")
        else:
            flags[name] = reader.text(flags_meta, name, path, within="flags")
    rules_meta = reader.mapping(meta, "flag_rules", path, required=True)
    for name in rules_meta:
        if name not in DATE_FLAGS:
            reader.problem(path, f"`{name}` in `flag_rules:` is not a flag a date raises. Remove it "
                           f"or use one of {', '.join(DATE_FLAGS)}")
    dates = labelled_rules(reader, dates_meta, DATES, "date", "dates", path)
    flag_rules = labelled_rules(reader, rules_meta, tuple(DATE_FLAGS), "flag", "flag_rules", path)
    return flags, dates, flag_rules


def labelled_rules(reader: Reader, meta: dict[str, Any], names: tuple[str, ...], what: str,
                   within: str, path: Path) -> dict[str, dict[str, str]]:
    """`{name: {label, rule}}` for each of `names`, from the block `within:`."""
    found = {}
    for name in names:
        entry = meta.get(name)
        if not isinstance(entry, dict):
            reader.problem(path, f"{what} `{name}` needs `label:` and `rule:` lines under "
                           f"`  {name}:` in `{within}:`. Add them")
            continue
        found[name] = {"label": reader.text(entry, "label", path, within=name),
                       "rule": reader.text(entry, "rule", path, within=name)}
    return found


def extra_files(reader: Reader, folder: str, known: Mapping[str, Any] | tuple[str, ...],
                what: str) -> None:
    """A file in `folder` that names no question or outcome of the flow is a mistake."""
    for path in sorted((reader.checker / folder).glob("*.md"), key=lambda p: p.name):
        if path.stem not in known:
            reader.problem(path, f"there is no {what} `{path.stem}` in the flow (triage/flow.toml). "
                           f"Rename the file to a {what} id, or remove it")
