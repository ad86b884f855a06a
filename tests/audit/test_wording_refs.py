"""Outcomes send the reader to a section by its heading ('under "Dates that matter" at the top'):
every surface that prints such an outcome has a heading with those words. Tested on the command
line (the site's pages draw the checker's own `dates_heading`)."""
from __future__ import annotations

import io
from datetime import date

import triage
from triage.cli import main

TODAY = date(2026, 12, 2)


def test_the_command_line_has_the_heading_the_outcomes_point_to() -> None:
    wording = triage.load_wording()
    heading = wording.interface["checker"]["dates_heading"]
    pointing = {o for o, text in wording.outcomes.items() if f"“{heading}”" in str(text.body) or f'"{heading}"' in str(text.body)}
    assert pointing, "no outcome names the dates section (the test would check nothing)"
    routes = {r.outcome: r for r in triage.all_paths() if r.outcome in pointing}
    for outcome, route in routes.items():
        out = io.StringIO()
        assert main(["--today", TODAY.isoformat(), *(f"{k}={v}" for k, v in route.answers().items())],
                    stdin=io.StringIO(), stdout=out, stderr=io.StringIO()) == 0
        lines = [line.strip() for line in out.getvalue().splitlines()]
        assert heading in lines, f"{outcome}: its text points to “{heading}”, which the command line never prints"
