"""How hard the site's words are to read: a plain-English check for editors (`make check-content`).

Checks every guidance page (`content/*.md`, `content/checker/index.md`) and every checker result
(`content/checker/outcomes/*.md`) and draft message (`content/checker/drafts/*.md`) against three
limits:

- the Flesch-Kincaid grade of the whole page is at most `MAX_GRADE` (measured by `textstat`);
- no sentence is longer than `MAX_SENTENCE_WORDS` words;
- a result's one-line `summary` (front matter) is shorter than `MAX_SUMMARY_WORDS` words.

What it counts is the text a reader sees, as an editor wrote it:

- the front matter is left out (a result's `summary` is counted as the result's first sentence);
- Jinja: `{{ contact("…") }}` blocks (name, address, phone) are left out; `{{ rules.NAME }}` is
  read as its value (`28`, `1 February 2020`), any other `{{ … }}` as the word "this";
  `{% … %}` tags and `{## … ##}` comments are left out;
- Markdown is turned into HTML with the site's extensions, then only the words are kept: links
  count as their text; code, tables (data, not sentences), web addresses written out and HTML
  attributes do not count;
- each heading, list item, table-free paragraph and box title is its own sentence (a list item
  does not run on into the next one).

A sentence ends at `.`, `!` or `?` followed by a space, or at the end of its block; its words are
the runs of letters or digits in it.
"""
from __future__ import annotations

import argparse
import html.parser
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import textstat

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

MAX_GRADE = 6.0
MAX_SENTENCE_WORDS = 25
MAX_SUMMARY_WORDS = 19  # "under 20 words"

# The site's Markdown extensions (mkdocs.yml `markdown_extensions`), so boxes and lists parse alike.
EXTENSIONS = ["attr_list", "admonition", "def_list", "md_in_html", "tables", "pymdownx.details"]

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_CONTACT_BLOCK = re.compile(r"^[ \t]*\{\{\s*contact\(.*?\)\s*\}\}[ \t]*$", re.M)
_RULE = re.compile(r"\{\{\s*rules\.(\w+)\s*\}\}")
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_TAG = re.compile(r"\{%.*?%\}", re.S)
_COMMENT = re.compile(r"\{##.*?##\}", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_URL = re.compile(r"https?://\S+")
_SUMMARY = re.compile(r"^summary:[ \t]*(.*(?:\n[ \t]+.*)*)", re.M)

#: Blocks whose text is its own sentence. Tables, code and scripts are skipped.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "summary", "blockquote", "div"}
_SKIP = {"table", "pre", "code", "script", "style"}


@dataclass
class Report:
    """One page's measures, and what breaks a limit."""

    file: str
    grade: float
    longest: int
    longest_sentence: str
    summary_words: int | None = None
    breaches: list[str] = field(default_factory=list)


def rule_values() -> dict[str, str]:
    """`{{ rules.NAME }}` values as the built page shows them."""
    sys.path.insert(0, str(ROOT))
    from triage.rules import RULES

    return {name: str(value) for name, value in RULES.items()}


def pages(content: Path = CONTENT) -> list[Path]:
    """Every guidance page, checker result and draft message, in a stable order."""
    return [*sorted(content.glob("*.md")), content / "checker" / "index.md",
            *sorted((content / "checker" / "outcomes").glob("*.md")),
            *sorted((content / "checker" / "drafts").glob("*.md"))]


class _Text(html.parser.HTMLParser):
    """Collects the visible words of HTML, one string per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(_URL.sub("", data))  # a web address is not words to read

    def close(self) -> None:
        super().close()
        self._flush()


def split_front_matter(source: str) -> tuple[str, str]:
    """(front matter, body) of a page; the front matter is "" if there is none."""
    match = _FRONT_MATTER.match(source)
    return (match.group(1), source[match.end():]) if match else ("", source)


def summary_of(front: str) -> str:
    """A result's `summary:` (one line, or a `>` block of indented lines)."""
    match = _SUMMARY.search(front)
    if not match:
        return ""
    text = " ".join(match.group(1).split())
    return text[1:].strip() if text.startswith(">") else text.strip().strip("\"'")


def plain_text(body: str, rules: dict[str, str]) -> list[str]:
    """The page's blocks of visible text (see the module docstring for what is left out)."""
    body = _COMMENT.sub("", body)
    body = _CONTACT_BLOCK.sub("", body)
    body = _RULE.sub(lambda m: rules.get(m.group(1), "28"), body)
    body = _EXPRESSION.sub("this", body)
    body = _TAG.sub("", body)
    parser = _Text()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    parser.close()
    return parser.blocks


def sentences(blocks: Iterable[str]) -> Iterator[str]:
    """Each sentence of each block; a block always ends a sentence."""
    for block in blocks:
        for sentence in _SENTENCE_END.split(block):
            if words(sentence):
                yield sentence.strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def measure(path: Path, rules: dict[str, str], root: Path = ROOT) -> Report:
    """Grade, longest sentence and summary length of one page, with any breach of the limits."""
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    summary = summary_of(front) if path.parent.name == "outcomes" else ""
    blocks = ([_RULE.sub(lambda m: rules.get(m.group(1), "28"), summary)] if summary else [])
    blocks += plain_text(body, rules)
    all_sentences = list(sentences(blocks))
    body_sentences = all_sentences[1:] if summary else all_sentences  # the summary has its own limit
    # One sentence per line, each ending in a full stop, so textstat sees the same sentences.
    text = "\n".join(s if s[-1] in ".!?" else s + "." for s in all_sentences)
    grade = round(float(textstat.flesch_kincaid_grade(text)), 1) if text else 0.0
    longest_sentence = max(all_sentences, key=lambda s: len(words(s)), default="")
    try:
        name = path.relative_to(root).as_posix()
    except ValueError:
        name = str(path)
    report = Report(name, grade, len(words(longest_sentence)), longest_sentence)
    if grade > MAX_GRADE:
        report.breaches.append(f"{name}: reading grade {grade} is above {MAX_GRADE:g}. "
                               "Fix: use shorter sentences and shorter, everyday words.")
    for sentence in body_sentences:
        count = len(words(sentence))
        if count > MAX_SENTENCE_WORDS:
            report.breaches.append(f"{name}: a sentence of {count} words (the limit is "
                                   f"{MAX_SENTENCE_WORDS}): \"{_cut(sentence)}\". Fix: split it.")
    if summary:
        report.summary_words = len(words(_RULE.sub("28", summary)))
        if report.summary_words > MAX_SUMMARY_WORDS:
            report.breaches.append(f"{name}: the summary has {report.summary_words} words (it must be under "
                                   f"{MAX_SUMMARY_WORDS + 1}): \"{_cut(summary)}\". Fix: say only what to do.")
    return report


def _cut(sentence: str, limit: int = 80) -> str:
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


def check(paths: Iterable[Path] | None = None) -> list[Report]:
    """Measure every page (or the ones given)."""
    rules = rule_values()
    return [measure(path, rules) for path in (pages() if paths is None else paths)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path, help="pages to check (default: all)")
    args = parser.parse_args(argv)
    reports = check([p.resolve() for p in args.files] or None)
    width = max(len(r.file) for r in reports)
    print(f"{'page':<{width}}  grade  longest sentence (words)  summary (words)")
    for r in reports:
        summary = "" if r.summary_words is None else str(r.summary_words)
        flag = "  <- too hard" if r.breaches else ""
        print(f"{r.file:<{width}}  {r.grade:>5}  {r.longest:>24}  {summary:>15}{flag}")
    breaches = [b for r in reports for b in r.breaches]
    if breaches:
        print(f"\n{len(breaches)} problem(s): the limits are grade {MAX_GRADE:g}, {MAX_SENTENCE_WORDS} words "
              f"a sentence and summaries under {MAX_SUMMARY_WORDS + 1} words.", file=sys.stderr)
        for breach in breaches:
            print(f"- {breach}", file=sys.stderr)
        return 1
    print(f"\nAll {len(reports)} pages are within the limits.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
