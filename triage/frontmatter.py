"""A small, strict reader for the YAML used by the checker's wording and data files.

Pyodide has no PyYAML, and the editors' files only need a little of YAML, so this reads exactly
the subset described in `content/checker/README.md` and stops, with the file, the line and the
fix, at anything else:

- `key: value` mappings, nested by indentation (two spaces per level);
- plain, 'single-quoted' and "double-quoted" scalars on one line;
- lists as `[a, b, "c"]` on one line, or as `- item` lines under the key (indented by two spaces,
  or at the key's own indentation, as YAML allows);
- folded text: `key: >` (or `>-`) followed by more-indented lines, joined into one paragraph;
  a blank line starts a new paragraph (a newline in the value);
- comments on lines of their own, starting with `#`.

Every scalar is returned as `str`: unlike YAML, `2026-11-25` stays the text "2026-11-25", and
`yes`, `no`, `999` and `null` stay text too (YAML would turn them into a date, booleans, a number
and None). This is what the wording needs: answer values such as `yes` are ids, not booleans.
The result equals PyYAML's `yaml.load(text, Loader=yaml.BaseLoader)` for every input it accepts.
"""
from __future__ import annotations

import re
from typing import NoReturn, Union

Value = Union[str, list["Value"], dict[str, "Value"]]

_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
# Characters that cannot start a plain (unquoted) value in YAML, or that this reader refuses.
_RESERVED_START = set("[]{}#&*!|>'\"%@`,?:-")
_ESCAPES = {"\\": "\\", '"': '"', "/": "/", "n": "\n", "t": "\t", "r": "\r", "0": "\0", " ": " "}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


class FrontMatterError(ValueError):
    """A wording or data file uses YAML this reader does not accept; names the file, line and fix."""

    def __init__(self, file: str, line: int, problem: str, fix: str) -> None:
        self.file, self.line, self.problem, self.fix = file, line, problem, fix
        super().__init__(f"{file}:{line}: {problem}. {fix}.")


def split(text: str, file: str = "<text>") -> tuple[dict[str, Value], str]:
    """Split a Markdown file into its front matter (parsed) and its body (the text after it)."""
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
    meta = _Parser(lines[1:end], file, first_line=2).document()
    return meta, "\n".join(lines[end + 1:])


def parse(text: str, file: str = "<text>") -> dict[str, Value]:
    """Parse a whole YAML data file (such as `content/_data/contacts.yml`) into a mapping."""
    lines = _normalise(text).split("\n")
    first = 1
    if lines and lines[0] == "---":  # an optional document start marker
        lines, first = lines[1:], 2
    return _Parser(lines, file, first_line=first).document()


def _normalise(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


class _Parser:
    """Reads lines top-down; `pos` is the index of the next unread line."""

    def __init__(self, lines: list[str], file: str, first_line: int) -> None:
        self.lines, self.file, self.first, self.pos = lines, file, first_line, 0
        for i, line in enumerate(lines):
            if "\t" in line:
                self.fail(i, "this line contains a tab", "Use spaces instead of tabs")
            if line.rstrip() in ("---", "..."):
                self.fail(i, "a second document marker", "Remove the line, or close the front "
                          "matter once, with a single `---`")

    # -- helpers ---------------------------------------------------------------------------
    def fail(self, index: int, problem: str, fix: str) -> NoReturn:
        raise FrontMatterError(self.file, self.first + index, problem, fix)

    def skip_blank(self) -> None:
        """Skip empty lines and full-line comments."""
        while self.pos < len(self.lines):
            stripped = self.lines[self.pos].strip()
            if stripped and not stripped.startswith("#"):
                return
            self.pos += 1

    def peek(self) -> tuple[int, str] | None:
        """(indentation, text) of the next meaningful line, or None at the end."""
        self.skip_blank()
        if self.pos >= len(self.lines):
            return None
        line = self.lines[self.pos].rstrip(" ")
        text = line.lstrip(" ")
        return len(line) - len(text), text

    @staticmethod
    def is_item(text: str) -> bool:
        return text == "-" or text.startswith("- ")

    # -- structure -------------------------------------------------------------------------
    def document(self) -> dict[str, Value]:
        head = self.peek()
        if head is None:
            return {}
        indent, text = head
        if indent:
            self.fail(self.pos, "the first key is indented", "Start top-level keys at the beginning of the line")
        if self.is_item(text):
            self.fail(self.pos, "a list where keys were expected", "Write `key: value` lines")
        result = self.mapping(0)
        if self.peek() is not None:
            self.fail(self.pos, "this line is indented less than the keys above it",
                      "Line it up with the keys it belongs to")
        return result

    def mapping(self, indent: int) -> dict[str, Value]:
        result: dict[str, Value] = {}
        while (head := self.peek()) is not None:
            ind, text = head
            if ind < indent:
                break
            if ind > indent:
                self.fail(self.pos, "unexpected indentation", "Line this key up with the keys above "
                          "it; for long text write `key: >` and indent the lines under it")
            if self.is_item(text):
                self.fail(self.pos, "a list item where a key was expected",
                          "Put the `- item` lines under a `key:` line")
            index = self.pos
            key, rest = self.key(text, index)
            if key in result:
                self.fail(index, f"the key `{key}` appears twice", "Keep one of them")
            self.pos += 1
            result[key] = self.value_after_key(indent, rest, index, key)
        return result

    def key(self, text: str, index: int) -> tuple[str, str]:
        if text[0] in "\"'":
            self.fail(index, "a quoted key", "Write keys without quotes")
        match = re.match(r"([^:\s]+):(?: (.*)|)\Z", text)
        if not match:
            if re.match(r"[^:\s]+:\S", text):
                self.fail(index, "no space after the colon", "Write `key: value`, with a space after the colon")
            self.fail(index, "expected `key: value`", "Write a key, a colon, a space and the value; "
                      "if this line continues the text above, use `key: >` and indent the lines")
        key, rest = match.group(1), (match.group(2) or "").strip(" ")
        if not _KEY.match(key):
            self.fail(index, f"`{key}` is not a valid key",
                      "Use letters, digits, `_` and `-` only in keys")
        return key, rest

    def value_after_key(self, indent: int, rest: str, index: int, key: str) -> Value:
        if rest in (">", ">-"):
            return self.folded(indent, rest == ">", index, key)
        if rest:
            return self.scalar_or_list(rest, index)
        head = self.peek()
        if head is not None and head[0] == indent and self.is_item(head[1]):
            return self.block_list(indent)  # YAML allows `- item` at the key's own indentation
        if head is None or head[0] <= indent:
            self.fail(index, f"`{key}` has no value", 'Give a value, or write "" for empty text')
        if head[0] != indent + 2:
            self.fail(self.pos, "the lines under a key must be indented by two more spaces",
                      f"Indent them by {indent + 2} spaces")
        if self.is_item(head[1]):
            return self.block_list(indent + 2)
        return self.mapping(indent + 2)

    def block_list(self, indent: int) -> list[Value]:
        items: list[Value] = []
        while (head := self.peek()) is not None:
            ind, text = head
            if ind < indent or (ind == indent and not self.is_item(text)):
                break
            if ind > indent:
                self.fail(self.pos, "unexpected indentation in a list", "Start every item with `- ` at the same indentation")
            rest = text[1:].strip(" ")
            if not rest:
                self.fail(self.pos, "an empty list item", "Write the item after `- `, or remove the line")
            if re.match(r"[^\"'\[]\S*:( |\Z)", rest) or rest.startswith("- "):
                self.fail(self.pos, "a list item that YAML would read as a key or a nested list",
                          "Put the item in double quotes")
            if rest in (">", ">-"):
                self.fail(self.pos, "folded text in a list item", "Write the item on one line")
            items.append(self.scalar_or_list(rest, self.pos))
            self.pos += 1
        return items

    def folded(self, indent: int, keep_newline: bool, index: int, key: str) -> str:
        """`key: >` text: lines at one indentation joined by spaces; blank lines make newlines."""
        block_indent = None
        paragraphs: list[list[str]] = [[]]
        blanks = 0
        pos = self.pos
        while pos < len(self.lines):
            line = self.lines[pos].rstrip(" ")
            if not line:
                blanks += 1
                pos += 1
                continue
            ind = len(line) - len(line.lstrip(" "))
            if ind <= indent:
                break
            if block_indent is None:
                if blanks:
                    self.fail(pos - blanks, f"`{key}: >` text starts with a blank line",
                              "Remove the blank line")
                block_indent = ind
            elif ind != block_indent:
                self.fail(pos, "a line of folded text is indented differently from the others",
                          f"Indent every line of `{key}` by {block_indent} spaces")
            if blanks and paragraphs[-1]:
                paragraphs.extend([] for _ in range(blanks))
            blanks = 0
            paragraphs[-1].append(line.strip(" "))
            pos += 1
        if block_indent is None:
            self.fail(index, f"`{key}: >` has no text under it",
                      "Write the text on the following lines, indented by two more spaces")
        # A trailing blank line is not part of the text (YAML's default "clip").
        self.pos = pos
        text = "\n".join(" ".join(lines) for lines in paragraphs)
        return text + "\n" if keep_newline else text

    # -- scalars ---------------------------------------------------------------------------
    def scalar_or_list(self, text: str, index: int) -> Value:
        if text.startswith("["):
            return self.inline_list(text, index)
        value, rest = self.scalar(text, index, in_list=False)
        if rest.strip(" "):
            self.fail(index, "text after the closing quote", "Put the whole value inside the quotes")
        return value

    def inline_list(self, text: str, index: int) -> list[Value]:
        if not text.endswith("]"):
            self.fail(index, "a list that does not end with `]` on the same line",
                      "Write the whole list on one line, like [a, b, c], with nothing after `]`")
        inner = text[1:-1].strip(" ")
        items: list[Value] = []
        while inner:
            value, inner = self.scalar(inner, index, in_list=True)
            items.append(value)
            inner = inner.lstrip(" ")
            if inner.startswith(","):
                inner = inner[1:].lstrip(" ")
                if not inner:
                    self.fail(index, "a comma with no item after it", "Remove the last comma")
            elif inner:
                self.fail(index, "items in a [list] must be separated by commas",
                          "Write the list like [a, b, c]; quote an item that contains a comma")
        return items

    def scalar(self, text: str, index: int, in_list: bool) -> tuple[str, str]:
        """Read one scalar from the start of `text`; return it and the text after it."""
        if text[0] == '"':
            return self.double_quoted(text, index)
        if text[0] == "'":
            end = 1
            out = []
            while True:
                quote = text.find("'", end)
                if quote < 0:
                    self.fail(index, "a single quote is not closed on this line",
                              "Close the quote on the same line (multi-line quoted text is not allowed)")
                out.append(text[end:quote])
                if text.startswith("''", quote):
                    out.append("'")
                    end = quote + 2
                    continue
                return "".join(out), text[quote + 1:]
        stop = len(text)
        if in_list:
            stop = min((i for i in (text.find(","), text.find("]")) if i >= 0), default=len(text))
        value = text[:stop].rstrip(" ")
        if not value:
            self.fail(index, "an empty item", "Write a value, or remove the extra comma")
        first = value[0]
        if first in _RESERVED_START and not (first in "-?:" and len(value) > 1 and value[1] != " "):
            self.fail(index, f"a value that starts with `{first}`", "Put the value in double quotes")
        if ": " in value or value.endswith(":"):
            self.fail(index, "a value that contains `: `", "Put the value in double quotes")
        if " #" in value:
            self.fail(index, "` #` in a value starts a comment in YAML", "Put the value in double "
                      "quotes, or move the comment to a line of its own")
        if in_list and any(c in value for c in "[]{}"):
            self.fail(index, "a bracket inside a [list] item", "Put the item in double quotes")
        return value, text[stop:]

    def double_quoted(self, text: str, index: int) -> tuple[str, str]:
        out: list[str] = []
        i = 1
        while i < len(text):
            char = text[i]
            if char == '"':
                return "".join(out), text[i + 1:]
            if char != "\\":
                out.append(char)
                i += 1
                continue
            code = text[i + 1:i + 2]
            if code in _ESCAPES:
                out.append(_ESCAPES[code])
                i += 2
            elif code in _HEX_ESCAPES:
                digits = text[i + 2:i + 2 + _HEX_ESCAPES[code]]
                if not re.fullmatch(r"[0-9A-Fa-f]+", digits) or len(digits) != _HEX_ESCAPES[code]:
                    self.fail(index, f"a broken `\\{code}` escape", "Write the character itself instead")
                out.append(chr(int(digits, 16)))
                i += 2 + len(digits)
            else:
                self.fail(index, f"the escape `\\{code}` is not supported",
                          "Write the character itself, or `\\\\` for a backslash")
        self.fail(index, "a double quote is not closed on this line",
                  "Close the quote on the same line (multi-line quoted text is not allowed)")
