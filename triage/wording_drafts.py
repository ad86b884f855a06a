"""Build time only: check the draft messages (content/checker/drafts/*.md) against the flow.

Every outcome in the flow's `writes` needs exactly one draft; a draft names only outcomes of the
flow, a known recipient (content/_data/contacts.yml) and facts its outcomes cite; its subject and
text use only known `{placeholders}` (triage/draft.py), and a date only where the route can know
it. Each problem names the file, the line and the fix (triage/wording_reader.py's `Reader`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from .draft import PLACEHOLDER, placeholders
from .wording import placeholder_problems
from .engine import all_paths, rules_for_unknown_dates
from .flow import Flow
from .wording_reader import Reader

FOLDER = "drafts"
_KEYS = {"draft", "outcomes", "to", "subject", "blanks", "sources", "last_reviewed"}
_RULE = re.compile(r"\{\{.*?\}\}")  # `{{ rules.NAME }}`, checked and filled by the reader
_TAG = re.compile(r"<[A-Za-z/!]")
#: Control characters (a CR or LF would start a new header line in the email app's message).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def drafts(reader: Reader, flow: Flow, contacts: Mapping[str, Any],
           sources: Mapping[str, Any], outcomes: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every draft, checked, by id: `{id, outcomes, to, subject, text, blanks, sources,
    last_reviewed, path}`."""
    folder = reader.checker / FOLDER
    kinds = placeholders(flow)
    known_dates = _dates_by_outcome(flow)
    found: dict[str, dict[str, Any]] = {}
    owner: dict[str, Path] = {}
    unreadable = False  # a draft whose front matter is broken may name any outcome
    for path in sorted(folder.glob("*.md"), key=lambda p: p.name):
        draft = _draft(reader, path, flow, contacts, sources, outcomes, kinds, known_dates)
        if draft is None:
            unreadable = True
            continue
        for outcome in draft["outcomes"]:
            if outcome in owner:
                reader.problem(path, f"outcome `{outcome}` already has a draft, "
                               f"{reader.name(owner[outcome])}. Name each outcome in one draft only",
                               ("outcomes",))
            owner.setdefault(outcome, path)
        found[draft["id"]] = draft
    for outcome in flow.writes:
        if outcome not in owner and not unreadable:
            reader.problem(folder / f"{outcome}.md", f"is missing: outcome `{outcome}` needs a draft "
                           f"message (it is in `writes` in triage/flow.toml). Create it, or add "
                           f"`{outcome}` to the `outcomes:` of another draft (see content/checker/README.md)")
    return found


def _draft(reader: Reader, path: Path, flow: Flow, contacts: Mapping[str, Any],
           sources: Mapping[str, Any], outcomes: Mapping[str, Any], kinds: Mapping[str, str],
           known_dates: Mapping[str, set[str]]) -> dict[str, Any] | None:
    read = reader.read(path, markdown=True)
    if read is None:
        return None
    meta, body = read
    reader.unknown_keys(meta, _KEYS, path)
    if meta.get("draft") is None:
        reader.problem(path, f"`draft:` is missing. Add `draft: {path.stem}` (the file's name) to the "
                       f"front matter", ("draft",))
    elif meta.get("draft") != path.stem:
        reader.problem(path, f"`draft` is `{meta.get('draft')}`, not the file's name. Write "
                       f"`draft: {path.stem}`", ("draft",))
    named = reader.ids(meta, "outcomes", path, {o: o for o in flow.outcomes},
                       "the flow's outcomes (triage/flow.toml)", allow_empty=False)
    named = [o for o in named if o in flow.outcomes]
    to = meta.get("to")
    if to is not None and (not isinstance(to, str) or to not in contacts):
        reader.problem(path, f"`to` is {to!r}, which is not in content/_data/contacts.yml. Write the "
                       f"id of the contact the message goes to, or remove `to`", ("to",))
        to = None
    facts = reader.ids(meta, "sources", path, sources, "content/_data/sources.yml", allow_empty=True)
    for outcome in named:
        cited = set((outcomes.get(outcome) or {}).get("sources") or ())
        for fact in facts:
            if fact in sources and fact not in cited:
                reader.problem(path, f"`sources` names {fact}, which outcome `{outcome}` does not cite. "
                               f"Say only what its sources say, or add {fact} to "
                               f"content/checker/outcomes/{outcome}.md", ("sources",))
    subject = reader.text(meta, "subject", path)
    if _TAG.search(subject) or _CONTROL.search(subject):
        reader.problem(path, "`subject` must be one line of plain text, and it holds a tag (`<`) or "
                       "a line break. Remove it (write `less than` for the sign)", ("subject",))
        subject = ""
    _placeholders(reader, path, meta.get("subject") if isinstance(meta.get("subject"), str) else "",
                  None, kinds, named, known_dates)
    first = _body_line(path)
    _placeholders(reader, path, body, first, kinds, named, known_dates)
    for offset, line in enumerate(body.split("\n")):
        if _TAG.search(line):
            reader.problems.append(f"{reader.name(path)}:{first + offset}: a draft is plain text, "
                                   f"and `<` starts HTML here. Remove the tag (write `less than` "
                                   f"for the sign)")
    # Unknown `{{ ... }}` noted by the line they are on, then the text filled in.
    unknown = [problem for offset, line in enumerate(body.split("\n"))
               for problem in placeholder_problems(line, f"{reader.name(path)}:{first + offset}")]
    reader.problems.extend(unknown)
    text = paragraphs(body) if unknown else reader.filled(paragraphs(body), path)
    if not text:
        reader.problem(path, "the text under the front matter is empty. Write the message the "
                       "person can send")
    given = reader.mapping(meta, "blanks", path, required=False)
    uses = set(PLACEHOLDER.findall(f"{meta.get('subject')}\n{body}"))
    blanks = {}
    for name in given:
        if name not in uses:
            reader.problem(path, f"`blanks` gives `{name}`, which this draft does not use. Use one "
                           f"of its placeholders ({', '.join(sorted(uses & set(kinds)))}), or remove "
                           f"the line", ("blanks", name))
        else:
            blanks[name] = reader.text(given, name, path, within="blanks")
    return {"id": path.stem, "outcomes": named, "to": to or "", "subject": subject, "text": text,
            "blanks": blanks, "sources": facts, "last_reviewed": reader.reviewed(meta, path), "path": reader.name(path)}


def paragraphs(body: str) -> str:
    """The message as sent: lines of a paragraph joined, paragraphs apart by a blank line.

    A line starting with `- ` stays a line of its own (a list), so editors can wrap the file's
    lines as they like.
    """
    out = []
    for block in re.split(r"\n[ \t]*\n", body.strip()):
        lines: list[str] = []
        for line in block.split("\n"):
            line = line.strip()
            if not line:
                continue
            if lines and not line.startswith("- "):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)


def _placeholders(reader: Reader, path: Path, text: str, first: int | None,
                  kinds: Mapping[str, str], outcomes: list[str],
                  known_dates: Mapping[str, set[str]]) -> None:
    """Each `{name}` in `text` must be known and, if a date, known on every outcome's route."""
    offer = ", ".join(f"{{{k}}}" for k in kinds)
    for offset, line in enumerate(text.split("\n")):
        line = _RULE.sub("", line)

        def note(message: str) -> None:
            if first is None:
                reader.problem(path, message, ("subject",))
            else:
                reader.problems.append(f"{reader.name(path)}:{first + offset}: {message}")

        for name in PLACEHOLDER.findall(line):
            if name not in kinds:
                note(f"{{{name}}} is not a placeholder of a draft. Use one of {offer} "
                     f"(content/checker/README.md), or remove the braces")
            elif kinds[name] != "field":
                never = [o for o in outcomes if name not in known_dates.get(o, set())]
                if never:
                    note(f"{{{name}}} is never known on outcome {', '.join(never)}: no route to it "
                         f"asks for that date. Remove it, or write the words instead")
        rest = PLACEHOLDER.sub("", line)
        if "{" in rest or "}" in rest:
            note("a lone `{` or `}`. Remove it (braces mark a placeholder, like {reference})")


def _body_line(path: Path) -> int:
    """The file's line number of the text's first line (after the front matter's closing `---`)."""
    try:
        lines = path.read_text(encoding="utf-8").removeprefix("\ufeff").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r") == "---"), 0)
    return closing + 2


def _dates_by_outcome(flow: Flow) -> dict[str, set[str]]:
    """For each outcome: the date answers and worked-out dates some route to it can have."""
    found: dict[str, set[str]] = {}
    for route in all_paths(flow):
        answers = route.answers()
        dates, _ = rules_for_unknown_dates(answers)
        asked = {q for _, q, value in route.steps if value is None}
        found.setdefault(route.outcome, set()).update(asked, dates)
    return found
