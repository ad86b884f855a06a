"""Build time only (PyYAML): read the editors' files and their front matter, noting each problem.

`Reader` reads every file once and notes problems (file, and line for YAML mistakes, with the fix)
instead of stopping at the first, so triage/wording_compiler.py can report them all together. Its
field helpers read one value each (text, block, id list, date) and say what is wrong with it.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Mapping

from . import frontmatter
from .wording import WordingError, fill, placeholder_problems


def locate(root: str | Path | None) -> tuple[Path, Path]:
    """The wording folder (`checker/`) and the shared data folder (`_data/`) under `root`."""
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


class Reader:
    """Reads every file once, noting problems instead of stopping at the first."""

    def __init__(self, checker: Path, data: Path) -> None:
        self.checker, self.data = checker, data
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

    def where(self, path: Path, at: tuple[str, ...] = ()) -> str:
        """`content/checker/drafts/x.md:4`: the file, and the line of key `at` (or of the block
        holding it; of the front matter's first line when the key is missing altogether)."""
        lines = self.lines.get(path, {})
        line = next((lines[at[:k]] for k in range(len(at), 0, -1) if at[:k] in lines), None)
        if line is None and at and path in self.lines:
            line = 1
        return f"{self.name(path)}{'' if line is None else f':{line}'}"

    def problem(self, path: Path, text: str, at: tuple[str, ...] = ()) -> None:
        """Note a problem in `path`, at the line of key `at` (see `where`)."""
        self.problems.append(f"{self.where(path, at)}: {text}")

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

    def required(self, path: Path, markdown: bool, fix: str) -> tuple[dict[str, Any], str] | None:
        """`read`, noting "is missing" and `fix` (how to make the file) if there is no file."""
        read = self.read(path, markdown)
        if read is None and not path.is_file():
            self.problem(path, f"is missing. {fix}")
        return read

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
        return self.filled(value.strip(), path, (within, key) if within else (key,))

    def filled(self, value: str, path: Path, at: tuple[str, ...] = ()) -> str:
        """`value` with its `{{ rules.NAME }}` filled in; each unknown one noted at key `at`."""
        problems = placeholder_problems(value, self.where(path, at) if at else self.name(path))
        self.problems.extend(problems)
        return value if problems else fill(value)

    def mapping(self, meta: dict[str, Any], key: str, path: Path, required: bool) -> dict[str, Any]:
        value = meta.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            self.problem(path, f"`{key}` must be a block of `name: text` lines indented under "
                         f"`{key}:`, like `{key}:` then `  name: text` on the next line", (key,))
            return {}
        return value

    def ids(self, meta: dict[str, Any], key: str, path: Path, known: Mapping[str, Any],
            known_file: str, allow_empty: bool) -> list[str]:
        value = meta.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(path, f"`{key}` must be a list of ids, like `{key}: [a, b]`. Add it", (key,))
            return []
        if not value and not allow_empty:
            self.problem(path, f"`{key}` is empty. List at least one id from {known_file}", (key,))
        for item in value:
            if item not in known:
                self.problem(path, f"`{key}` names {item!r}, which is not in {known_file}. Fix the "
                             f"id or add the entry there", (key,))
        return list(value)

    def reviewed(self, meta: dict[str, Any], path: Path) -> str:
        value = meta.get("last_reviewed")
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            day = date.fromisoformat(value)
        except ValueError:
            shown = "missing" if value is None else f"`{value}`, not a real date"
            self.problem(path, f"`last_reviewed` is {shown}. Write the date you last checked this "
                         f"text as YYYY-MM-DD, like `last_reviewed: 2026-11-25`", ("last_reviewed",))
            return ""
        if day > date.today():
            self.problem(path, f"`last_reviewed` is {value}, a day still to come. Write the date you "
                         f"last checked this text (today or before)", ("last_reviewed",))
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

    # -- data files ------------------------------------------------------------------------
    def data_file(self, name: str) -> dict[str, dict[str, Any]]:
        path = self.data / name
        read = self.required(path, markdown=False, fix="Restore it")
        if read is None:
            return {}
        entries, _ = read
        for key, value in entries.items():
            if not isinstance(value, dict):
                self.problem(path, f"entry `{key}` must be a block of `name: value` lines")
        return {k: v for k, v in entries.items() if isinstance(v, dict)}
