"""A strict YAML reader for the editors' files: PyYAML's parser, none of YAML's surprises.

Build-time only (it needs PyYAML, a dev dependency): the compiled wording the package ships
(`triage/wording.json`, see triage/wording_compiler.py) is plain JSON, so neither the command
line nor the browser ever reads YAML.

What it keeps from YAML is the structure: mappings, lists, plain, quoted and folded text. What
it refuses, naming the file, the line and the fix:

- implicit types: every scalar is returned as `str`, so `yes`, `no`, `999`, `null` and
  `2026-11-25` stay text (YAML would give True, False, 999, None and a date). Answer values such
  as `no` are ids, not booleans;
- a key given twice in one mapping (YAML would silently keep the last);
- anchors, aliases and tags (`&a`, `*a`, `!x`): not needed, and aliases can blow up in size;
- a comment after a value on the same line (`a: Call 101 # ext 2` silently drops `# ext 2`);
- a value starting with `{` (a YAML mapping: `days: {n} days` is meant as text);
- a key with nothing after it (`hint:` alone), a key that is not text, more than one document,
  and a file whose top level is not `key: value` lines.

Events are read from the parser and never resolved or constructed, so no object can be built.

The result equals PyYAML's `yaml.load(text, Loader=yaml.BaseLoader)` for every input it accepts.
"""
from __future__ import annotations

from typing import Any, Union

import yaml

# libyaml's parser when available (about ten times faster than pure Python); the events are the same.
_Events = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

Value = Union[str, list["Value"], dict[str, "Value"]]

_FIX_SYNTAX = ("Check the indentation of this line and the one before it (two spaces a level), put a "
               "space after each `:`, and put text containing `: ` or ` #` in double quotes")


class FrontMatterError(ValueError):
    """An editor's file is not YAML this reader accepts; names the file, line and fix."""

    def __init__(self, file: str, line: int, problem: str, fix: str) -> None:
        self.file, self.line, self.problem, self.fix = file, line, problem, fix
        super().__init__(f"{file}:{line}: {problem}. {fix}.")


#: Where each key is: `{("errors", "required"): 12}`, a line number in the whole file.
Lines = dict[tuple[str, ...], int]


def split(text: str, file: str = "<text>") -> tuple[dict[str, Value], str]:
    """Split a Markdown file into its front matter (parsed) and its body (the text after it)."""
    meta, body, _ = split_with_lines(text, file)
    return meta, body


def parse(text: str, file: str = "<text>") -> dict[str, Value]:
    """Parse a whole YAML data file (such as `content/_data/contacts.yml`) into a mapping."""
    return parse_with_lines(text, file)[0]


def split_with_lines(text: str, file: str = "<text>") -> tuple[dict[str, Value], str, Lines]:
    """`split`, and the line of each key (for messages that point at one)."""
    lines = _normalise(text).split("\n")
    if lines[0] != "---":
        raise FrontMatterError(file, 1, "the file does not start with front matter",
                               "Make the first line exactly `---`, then the keys, then another `---`")
    for end in range(1, len(lines)):
        if lines[end] == "---":
            break
    else:
        raise FrontMatterError(file, len(lines), "the front matter is not closed",
                               "Add a line `---` after the last key")
    meta, where = _read("\n".join(lines[1:end]) + "\n", file, first_line=2)
    return meta, "\n".join(lines[end + 1:]), where


def parse_with_lines(text: str, file: str = "<text>") -> tuple[dict[str, Value], Lines]:
    """`parse`, and the line of each key."""
    return _read(_normalise(text), file, first_line=1)


def _normalise(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _read(text: str, file: str, first_line: int) -> tuple[dict[str, Value], Lines]:
    builder = _Builder(text, file, first_line)
    try:
        return builder.document(), builder.key_lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem, fix = exc.problem or exc.context or "this is not valid YAML", _FIX_SYNTAX
        context, line_text = exc.context or "", text.split("\n")[mark.line if mark else 0]
        if "quoted scalar" in context and "end of stream" in problem and exc.context_mark:
            mark = exc.context_mark
            problem = "a quote opened on this line is not closed"
            fix = "Close it on the same line, or write `''` for a ' inside single quotes"
        elif "simple key" in context and exc.context_mark:
            mark = exc.context_mark
            problem = "this line is not `key: value`"
            fix = "Add `: ` after the key, or indent the line by two spaces if it goes on from the line above"
        elif "flow sequence" in context and exc.context_mark:
            mark = exc.context_mark
            problem = "the list opened with `[` on this line is not closed as expected"
            fix = "Write the list on one line, like `[a, b]`, with a `]` at the end and nothing after it"
        elif "escape" in problem:
            problem = "a `\\` in double quotes starts an escape YAML does not know"
            fix = "Write a backslash as `\\\\`, or use single quotes around the text"
        elif "\t" in line_text:
            problem, fix = "this line contains a tab", "Use spaces instead of tabs"
        elif "cannot start any token" in problem and mark and mark.column < len(line_text):
            problem = f"`{line_text[mark.column]}` cannot start a value"
            fix = "Put the whole value in double quotes"
        raise FrontMatterError(file, (mark.line if mark else 0) + first_line, problem, fix) from None
    except yaml.YAMLError as exc:  # e.g. a character YAML does not allow
        raise FrontMatterError(file, first_line, str(exc).split("\n")[0], _FIX_SYNTAX) from None


class _Builder:
    """Turns the parser's events into plain values, refusing what the module docstring lists."""

    def __init__(self, text: str, file: str, first_line: int) -> None:
        self.lines, self.file, self.first = text.split("\n"), file, first_line
        self.events = _Events(text)
        self.key_lines: Lines = {}

    def fail(self, mark: Any, problem: str, fix: str) -> Any:
        raise FrontMatterError(self.file, mark.line + self.first, problem, fix)

    def next(self) -> Any:
        return self.events.get_event()

    def document(self) -> dict[str, Value]:
        self.next()  # StreamStart
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return {}  # an empty file or front matter
        root_event = self.next()
        if not isinstance(root_event, yaml.MappingStartEvent):
            if isinstance(root_event, yaml.ScalarEvent) and root_event.value == "" and not root_event.style:
                return {}  # only comments
            what = "a list" if isinstance(root_event, yaml.SequenceStartEvent) else "text"
            self.fail(root_event.start_mark, f"the file is {what}, not `key: value` lines",
                      "Start each line with a key, a colon and a space, then its value, like `title: Some text`")
        value = self.value(root_event)
        self.next()  # DocumentEnd
        event = self.next()
        if not isinstance(event, yaml.StreamEndEvent):
            self.fail(event.start_mark, "a second document starts here",
                      "Remove the `---` line (only the front matter's two `---` lines are allowed)")
        return value  # type: ignore[return-value]

    def value(self, event: Any, at: tuple[str, ...] = ()) -> Value:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.fail(event.start_mark, "`&` or `*` (a YAML anchor or alias) is not allowed here",
                      "Write the text out in full, or put it in double quotes if it starts with & or *")
        if getattr(event, "tag", None) is not None:
            self.fail(event.start_mark, "`!` (a YAML tag) is not allowed here",
                      "Remove it, or put the text in double quotes if it starts with !")
        if isinstance(event, yaml.ScalarEvent):
            if event.style not in ("|", ">"):
                rest = self.lines[event.end_mark.line][event.end_mark.column:] if event.end_mark.line < len(self.lines) else ""
                if rest.lstrip().startswith("#"):
                    self.fail(event.end_mark, "a `#` after a space starts a comment, so the rest of "
                              "this line would be dropped",
                              "Put the whole value in double quotes, or move the comment to a line of its own")
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(item := self.next(), yaml.SequenceEndEvent):
                if isinstance(item, yaml.ScalarEvent) and item.value == "" and not item.style:
                    self.fail(item.start_mark, "an empty `-` item in a list",
                              "Write the item after `- `, or remove the line")
                items.append(self.value(item, at))
            return items
        if event.flow_style:
            self.fail(event.start_mark, "`{` starts a YAML mapping here",
                      "Put the whole value in double quotes, like `key: \"{n} days\"`")
        mapping: dict[str, Value] = {}
        while not isinstance(key := self.next(), yaml.MappingEndEvent):
            if not isinstance(key, yaml.ScalarEvent) or key.anchor or key.tag:
                self.fail(key.start_mark, "this key is not plain text",
                          "Write keys as plain words, like `title:`")
            if key.value in mapping:
                first = self.key_lines[(*at, key.value)]
                self.fail(key.start_mark, f"the key `{key.value}` is given twice (first on line {first})",
                          "Keep one of them: YAML would silently use the last")
            item = self.next()
            if isinstance(item, yaml.ScalarEvent) and item.value == "" and item.style not in ("'", '"'):
                self.fail(key.start_mark, f"`{key.value}` has no value",
                          f"Write the value after `{key.value}: ` (or `\"\"` for none), indent the lines "
                          f"under it by two spaces, or remove the line")
            self.key_lines[(*at, key.value)] = key.start_mark.line + self.first
            mapping[key.value] = self.value(item, (*at, key.value))
        return mapping
