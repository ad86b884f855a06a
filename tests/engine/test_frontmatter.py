"""The strict reader (PyYAML's parser, every scalar text) agrees with PyYAML's BaseLoader on every
real file and refuses YAML's surprises clearly, naming the file, the line and the fix."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from triage.frontmatter import FrontMatterError, parse, split

from .conftest import ROOT

CHECKER = ROOT / "content" / "checker"
DATA = ROOT / "content" / "_data"
MARKDOWN = sorted(p for p in CHECKER.rglob("*.md") if p.read_text(encoding="utf-8").startswith("---\n"))
YAML_FILES = sorted(DATA.glob("*.yml"))


def _reference(text: str) -> object:
    """PyYAML with every scalar kept as text: what the reader promises to return."""
    return yaml.load(text, Loader=yaml.BaseLoader) or {}


def test_there_are_files_to_compare() -> None:
    assert len(MARKDOWN) > 20 and len(YAML_FILES) >= 2


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_markdown_front_matter_matches_pyyaml(path) -> None:
    text = path.read_text(encoding="utf-8")
    meta, body = split(text, str(path))
    front = text.split("\n---\n", 1)[0].removeprefix("---\n")
    assert meta == _reference(front)
    assert body == text.split("\n---\n", 1)[1]


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_data_files_match_pyyaml(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse(text, str(path)) == _reference(text)


SUPPORTED = """\
# a comment
title: Plain text, with commas and 'quotes' and a colon:like this
quoted: "Emergency: 999"
single: 'It''s here'
escaped: "a \\"b\\" \\\\ \\u00e9"
empty: ""
number: 999
yes_no: yes
date: 2026-11-25
list: [F01, "F 02", 'x, y']
empty_list: []
nested:
  inner: value
  deeper:
    leaf: text
block:
  - one
  - "two: 2"
same_indent:
- a
- b
folded: >
  First line
  continues here.

  Second paragraph.
stripped: >-
  No final
  newline
dash: -5
url: https://example.org/a?b=c&d=e
hash: "Call 101 # then 2"
literal: |
  Kept
  as lines
four_spaces:
    fine: too
quoted_empty: ""
"""


def test_supported_subset_matches_pyyaml() -> None:
    assert parse(SUPPORTED) == _reference(SUPPORTED)
    parsed = parse(SUPPORTED)
    assert parsed["yes_no"] == "yes" and parsed["number"] == "999"  # text, unlike YAML's True and 999
    assert parsed["date"] == "2026-11-25" and parsed["hash"] == "Call 101 # then 2"


def test_every_real_file_keeps_every_scalar_as_text() -> None:
    """The files' `no`, `yes`, dates and numbers (answer ids, phone numbers) all stay text."""
    def leaves(value: object) -> list[object]:
        if isinstance(value, dict):
            return [*value, *(leaf for v in value.values() for leaf in leaves(v))]
        if isinstance(value, list):
            return [leaf for v in value for leaf in leaves(v)]
        return [value]

    values = [leaf for path in MARKDOWN for leaf in leaves(split(path.read_text(encoding="utf-8"))[0])]
    values += [leaf for path in YAML_FILES for leaf in leaves(parse(path.read_text(encoding="utf-8")))]
    assert values and all(isinstance(v, str) for v in values)
    assert {"no", "yes"} <= set(values)  # e.g. the answers of `serious`, not booleans


def test_key_lines_point_at_each_key() -> None:
    from triage.frontmatter import split_with_lines

    _, _, lines = split_with_lines("---\ntitle: x\nerrors:\n  required: y\n---\nbody\n")
    assert lines == {("title",): 2, ("errors",): 3, ("errors", "required"): 4}


BROKEN = [
    # YAML's surprises, refused: anchors, aliases, tags, a key twice, a comment eating text, a
    # key with no value, a `{` read as a mapping (`days: {n} days`), a second document.
    ("title: a\n\tbad: tab\n", 2, "tab"),
    ("a: &anchor x\n", 1, "&"),
    ("a: *alias\n", 1, "*"),
    ("a: !tag x\n", 1, "!"),
    ("a: {b: c}\n", 1, "{"),
    ("a: {n} days left\n", 1, "double quotes"),
    ("a: x\na: y\n", 2, "twice"),
    ("a:\n  b: x\n  b: y\n", 3, "twice"),
    ("a: text # comment\n", 1, "comment"),
    ("a:\nb: x\n", 1, "no value"),
    ("a: >\nb: x\n", 1, "no value"),
    ("a:\n  -\n", 2, "empty"),
    ("a: x\n---\nb: y\n", 2, "document"),
    ("a: [x]\n? [b]\n: c\n", 2, "key"),
    # Not YAML at all, or not `key: value` lines: PyYAML's own error, with the line and a fix.
    ('a: "not closed\n', 1, "quote"),
    ("a: 'not closed\n", 1, "quote"),
    ("a: x\n  b: y\n", 2, "indentation"),
    ("a:b\n", 1, "space"),
    ("a: one: two\n", 1, ": "),
    ("a: [x, y\n", 1, "]"),
    ("a: [x y, z] trailing\n", 1, "indentation"),
    ('a: "x" y\n', 1, "quotes"),
    ('a: "\\q"\n', 1, "escape"),
    ("- x\n", 1, "list"),
    ("just text\n", 1, "key: value"),
    ("a: @x\n", 1, "@"),
    ("a: %x\n", 1, "%"),
]


@pytest.mark.parametrize("text, line, word", BROKEN)
def test_broken_yaml_names_the_line_and_the_fix(text: str, line: int, word: str) -> None:
    with pytest.raises(FrontMatterError) as info:
        parse(text, "content/checker/questions/x.md")
    assert info.value.line == line
    assert info.value.file == "content/checker/questions/x.md"
    assert str(info.value).startswith(f"content/checker/questions/x.md:{line}:")
    assert word.lower() in str(info.value).lower()
    assert info.value.fix


def test_split_needs_front_matter_and_reports_lines_in_the_whole_file() -> None:
    with pytest.raises(FrontMatterError) as info:
        split("title: x\n", "f.md")
    assert info.value.line == 1
    with pytest.raises(FrontMatterError) as info:
        split("---\ntitle: x\n", "f.md")
    assert "closed" in str(info.value)
    with pytest.raises(FrontMatterError) as info:
        split("---\ntitle: x\nbad line\n---\nbody\n", "f.md")
    assert info.value.line == 3


def test_a_key_twice_names_both_lines() -> None:
    with pytest.raises(FrontMatterError) as info:
        split("---\ntitle: x\nerrors:\n  required: a\n  required: b\n---\n", "f.md")
    assert info.value.line == 5 and "line 4" in info.value.problem


@pytest.mark.parametrize("text", ["a: on\n", "a: null\n", "a: 01234\n", "a: NO\n", "a: ~\n", "a: 1e3\n"])
def test_yaml_implicit_types_stay_text(text: str) -> None:
    assert parse(text) == {"a": text[3:-1]}


def test_split_handles_bom_and_crlf() -> None:
    meta, body = split("\ufeff---\r\ntitle: x\r\n---\r\nbody\r\n")
    assert meta == {"title": "x"} and body == "body\n"


# Random documents built from the subset: our reader and PyYAML agree.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789_-", min_size=1, max_size=8)
plain = st.builds(lambda a, b: f"{a} {b}", words, words).filter(lambda s: not s.startswith(("-", "?", ":")))
quoted = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")), max_size=15)
scalars = st.one_of(plain, quoted.map(lambda s: ("dq", s)), quoted.map(lambda s: ("sq", s)))


def _scalar(value: object) -> str:
    if isinstance(value, tuple) and value[0] == "dq":
        return '"' + value[1].replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        return "'" + value[1].replace("'", "''") + "'"
    return str(value)


def _render(doc: dict, indent: int = 0) -> str:
    out = []
    for key, value in doc.items():
        pad = " " * indent
        if isinstance(value, dict):
            out.append(f"{pad}{key}:\n{_render(value, indent + 2)}")
        elif isinstance(value, list):
            out.append(f"{pad}{key}: [" + ", ".join(_scalar(v) for v in value) + "]")
        else:
            out.append(f"{pad}{key}: {_scalar(value)}")
    return "\n".join(out)


keys = st.from_regex(r"[a-z0-9_][a-z0-9_-]{0,7}", fullmatch=True)
documents = st.recursive(
    st.dictionaries(keys, st.one_of(scalars, st.lists(scalars, max_size=3)), min_size=1, max_size=4),
    lambda children: st.dictionaries(keys, children, min_size=1, max_size=3), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_random_documents_match_pyyaml(doc: dict) -> None:
    text = _render(doc) + "\n"
    assert parse(text) == _reference(text)
