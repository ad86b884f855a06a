"""A draft message: the editors' text with its `{placeholders}` filled from what the person gave.

An outcome where the person writes to someone (the flow's `writes`) has a draft in
content/checker/drafts/ (checked at build by triage/wording_drafts.py). Its subject and text hold
placeholders such as `{reference}` or `{review_deadline}`; `fill` puts in what is known (a field
the person typed, a date in words) and a visible blank such as "[your reference]" for the rest,
never "None" or the placeholder itself. The command line and the static pages call `fill`; the app
in the browser does the same replacement with the same data (triage/README.md, "Drafts").
"""
from __future__ import annotations

import re
from datetime import date
from typing import Mapping

from .answers import UNKNOWN
from .dates import long_date
from .flow import DATES, Flow

#: The fields the person may type (all optional), each with its input's name in the page.
FIELDS = {"name": "draft-name", "reference": "draft-reference", "what_happened": "draft-what-happened",
          "what_you_want": "draft-what-you-want"}
#: The fields typed in a box of several lines (their line breaks are kept).
LONG_FIELDS = ("what_happened", "what_you_want")
#: The most characters a field takes (its input's maxlength, told in its hint): a line (name,
#: reference) and a box. Every field this full (paragraphs in the boxes) still prints on two A4
#: pages with any outcome (tests/browser/test_outcome.py; 500 in a box made review_by_mopac three);
#: the person can write more in their own email or letter.
MAX_LENGTH = {"line": 60, "box": 400}
#: `{name}`: a placeholder in a draft's subject or text.
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(flow: Flow) -> dict[str, str]:
    """Every placeholder a draft may use, with where its value comes from.

    `field`: typed by the person (FIELDS); `answer`: a date question's answer (`letter_date` ...);
    `date`: a date the engine works out (`review_deadline` ...). Driven by the flow.
    """
    found = {name: "field" for name in FIELDS}
    found.update({q.id: "answer" for q in flow.questions.values() if q.is_date})
    found.update({name: "date" for name in DATES})
    return found


def used(text: str) -> list[str]:
    """The placeholders `text` uses, in order, each once."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def fill(text: str, kinds: Mapping[str, str], blanks: Mapping[str, str], *,
         answers: Mapping[str, str] | None = None, dates: Mapping[str, date] | None = None,
         fields: Mapping[str, str | None] | None = None) -> str:
    """`text` with each `{placeholder}` replaced, in one pass (typed text is never read again).

    `kinds` is `placeholders(flow)`; `blanks` the visible blank of each ("[your name]"); a date is
    written as every surface writes a person's dates (`long_date`, with the weekday).
    """
    answers, dates, fields = answers or {}, dates or {}, fields or {}

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        kind = kinds.get(name)
        shown = ""
        if kind == "field":
            typed = str(fields.get(name) or "")
            shown = typed.strip() if name in LONG_FIELDS else " ".join(typed.split())
        elif kind == "answer":
            answer = answers.get(name)
            if answer and answer != UNKNOWN:
                try:
                    shown = long_date(date.fromisoformat(answer), weekday=True)
                except ValueError:
                    shown = ""
        elif kind == "date" and name in dates:
            shown = long_date(dates[name], weekday=True)
        return shown or blanks.get(name, f"[{name.replace('_', ' ')}]")

    return PLACEHOLDER.sub(value, text)
