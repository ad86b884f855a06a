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
The work is shared out: wording_reader.py reads the files, wording_checks.py checks the
questions, outcomes, flags and dates against the flow, wording_drafts.py the draft messages,
wording_interface.py the interface words.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .flow import Flow, load_flow
from .wording import FORMAT, WordingError
from .wording_checks import extra_files, flags_file, outcome, question
from .wording_drafts import drafts
from .wording_interface import INTERFACE, interface_file, start_page
from .wording_reader import Reader, locate

__all__ = ["compile_wording", "write", "INTERFACE", "WordingError"]


def compile_wording(root: str | Path | None = None, flow: Flow | None = None) -> dict[str, Any]:
    """Read and check the editors' files; return the compiled data, or raise `WordingError`.

    `root` is a folder holding `checker/` and `_data/` (like `content/`); by default the
    repository's `content/`.
    """
    checker, data = locate(root)
    flow = flow or load_flow()
    reader = Reader(checker, data)
    contacts = reader.data_file("contacts.yml")
    for cid, entry in contacts.items():
        if not isinstance(entry.get("name"), str) or not entry.get("name"):
            reader.problem(reader.data / "contacts.yml", f"contact `{cid}` has no `name`. Add one")
    sources = reader.data_file("sources.yml")
    questions = {q.id: question(reader, q) for q in flow.questions.values()}
    outcomes = {o: outcome(reader, o, contacts, sources) for o in flow.outcomes}
    flags, dates, flag_rules = flags_file(reader)
    messages = drafts(reader, flow, contacts, sources, {k: v for k, v in outcomes.items() if v})
    words = interface_file(reader)
    start_page(reader)
    extra_files(reader, "questions", flow.questions, "question")
    extra_files(reader, "outcomes", flow.outcomes, "outcome")
    if reader.problems:
        raise WordingError(reader.problems)
    return {
        "format": FORMAT,
        "questions": {k: v for k, v in questions.items() if v is not None},
        "outcomes": {k: v for k, v in outcomes.items() if v is not None},
        "flags": flags, "dates": dates, "flag_rules": flag_rules, "interface": words,
        "contacts": contacts, "sources": sources, "drafts": messages,
    }


def write(path: str | Path, root: str | Path | None = None, flow: Flow | None = None) -> Path:
    """Compile and write the data as JSON to `path` (what the wheel carries)."""
    path = Path(path)
    text = json.dumps(compile_wording(root, flow), ensure_ascii=False, sort_keys=False,
                      separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path
