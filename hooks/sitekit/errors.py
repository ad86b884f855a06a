"""The build's error collector: every hook reports a mistake here as (file, line, problem, fix).

One style for every message, and one stop: hooks report what they find and carry on, so an
editor sees every mistake of a build at once; the build stops where it cannot sensibly go on
(`stop_if_any()`), at the latest before the first page is written (hooks/page_checks.py,
`on_env`) and at the end of the build (`on_post_build`). Usage, from any hook:

    from sitekit import errors

    errors.report("content/review.md", 14, "unknown rule value `rules.nope`",
                  "use one of the known names, e.g. {{ rules.review_days }}",
                  known=RULES)                      # optional: the names that would work
    errors.stop_if_any()                            # only where the build cannot go on

`report` never raises; `stop_if_any` raises one `BuildStopped` (a MkDocs `PluginError`) listing
every problem reported so far, in the order found. `stop(...)` is `report` and `stop_if_any`.
The collector belongs to the current build (`sitekit.state`), so `mkdocs serve` starts afresh.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NoReturn

from mkdocs.exceptions import PluginError

GUIDE = "See CONTRIBUTING.md, \"What stops the build\"."


class BuildStopped(PluginError):
    """The build stopped; the message lists every problem with its file, line and fix."""


class Problem(PluginError):
    """One mistake raised by a helper (`sitekit.templating.render`, ...): the hook that calls it
    reports `exc.error` and carries on; uncaught, it stops the build in the same style."""

    def __init__(self, error: "BuildError") -> None:
        super().__init__(message([error]))
        self.error = error


@dataclass(frozen=True)
class BuildError:
    """One mistake: where it is, what is wrong, how to fix it (and the names that would work)."""

    file: str
    line: int | None
    problem: str
    fix: str
    known: tuple[str, ...] | None = None
    known_label: str = "Known names"

    @property
    def place(self) -> str:
        """`content/review.md:14`, or just the file when the line is not known."""
        return where(self.file, self.line)

    def __str__(self) -> str:
        lines = [f"{self.place}: {self.problem}"]
        if self.known is not None:
            lines.append(f"  {self.known_label}: {', '.join(self.known) or '(none)'}")
        lines.append(f"  Fix: {self.fix}")
        return "\n".join(lines)


def error(file: str, line: int | None, problem: str, fix: str, *,
          known: Iterable[str] | None = None, known_label: str = "Known names") -> BuildError:
    """A `BuildError` in the collector's style (to raise as `Problem(...)` or to report)."""
    return BuildError(file, line or None, problem.rstrip("."), fix,
                      None if known is None else tuple(sorted(known)), known_label)


def where(file: str, line: int | None = None) -> str:
    """`content/review.md:14`, or just the file when the line is not known."""
    return f"{file}:{line}" if line else file


class Collector:
    """Every mistake found in one build, in the order found (each one once)."""

    def __init__(self) -> None:
        self.items: list[BuildError] = []

    def report(self, file: str, line: int | None, problem: str, fix: str, *,
               known: Iterable[str] | None = None, known_label: str = "Known names") -> BuildError:
        item = error(file, line, problem, fix, known=known, known_label=known_label)
        self.add(item)
        return item

    def add(self, item: BuildError) -> None:
        """Record a mistake a helper raised as `Problem` (`errors.current().add(exc.error)`)."""
        if item not in self.items:
            self.items.append(item)

    def stop_if_any(self) -> None:
        if self.items:
            raise BuildStopped(message(self.items))


def message(items: list[BuildError]) -> str:
    """The text of a stopped build: a count, then each problem with its place and fix."""
    count = f"{len(items)} problem" + ("s" if len(items) != 1 else "")
    listed = "\n".join(f"- {item}" for item in items)
    return f"The build stopped: {count} to fix.\n{listed}\n{GUIDE}"


def current() -> Collector:
    """The current build's collector."""
    from sitekit import state  # state imports this module's users: import when called

    return state.current().errors


def report(file: str, line: int | None, problem: str, fix: str, *,
           known: Iterable[str] | None = None, known_label: str = "Known names") -> BuildError:
    """Record one mistake of the current build; the build goes on (see `stop_if_any`)."""
    return current().report(file, line, problem, fix, known=known, known_label=known_label)


def stop_if_any() -> None:
    """Stop the build here if any mistake was reported, listing all of them."""
    current().stop_if_any()


def stop(file: str, line: int | None, problem: str, fix: str, *,
         known: Iterable[str] | None = None, known_label: str = "Known names") -> NoReturn:
    """Record a mistake the build cannot go on after, and stop with everything found so far."""
    report(file, line, problem, fix, known=known, known_label=known_label)
    stop_if_any()
    raise AssertionError("unreachable")  # pragma: no cover

