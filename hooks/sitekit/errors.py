"""Editor-facing errors: each names the file (and line when known) and says how to fix it."""
from __future__ import annotations

from collections.abc import Iterable

from mkdocs.exceptions import PluginError


def where(file: str, line: int | None = None) -> str:
    """`content/review.md:14`, or just the file when the line is not known."""
    return f"{file}:{line}" if line else file


def editor_error(
    place: str, problem: str, fix: str, *, known: Iterable[str] | None = None
) -> PluginError:
    """One mistake: where it is, what is wrong, how to fix it (and the names that would work)."""
    lines = [f"{place}: {problem}"]
    if known is not None:
        names = ", ".join(sorted(known)) or "(none)"
        lines.append(f"  Known names: {names}")
    lines.append(f"  Fix: {fix}")
    return PluginError("\n".join(lines))


class Problems:
    """Collects every mistake found in one pass, so editors can fix them all at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, place: str, problem: str, fix: str) -> None:
        self.items.append(f"{place}: {problem}\n    Fix: {fix}")

    def raise_if_any(self, what: str) -> None:
        if self.items:
            listed = "\n".join(f"- {item}" for item in self.items)
            raise PluginError(
                f"{what}: {len(self.items)} problem(s) stop the build.\n{listed}\n"
                "See CONTRIBUTING.md for the page conventions."
            )
