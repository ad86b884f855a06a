"""The no-JavaScript date lookup's pages, as views drawn from the date table (triage/date_lookup.py).

Per date question a first page, `checker/dates/<slug>/` (where to find the date, then the months
of the table's window as links), and one page per month, `checker/dates/<slug>/YYYY-MM/` (each
day with the dates that follow from it). site_templates/checker/date_lookup.html draws them;
every date and its text come from the table, every word from the editors' files (the dates'
labels from content/checker/flags.md, the pages' own words from interface.md's `date_lookup:`
and content/_data/generated_pages.yml). The HTML hooks are in the shared spec: a month is
`a[data-month="YYYY-MM"]`, a day's entry `[data-date="YYYY-MM-DD"]`, each date in it
`<time datetime data-result="<date or flag name>">`.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from sitekit import errors, state, templating

from triage import DATE_FLAGS, URL_PREFIX
from triage import date_lookup
from triage.view import site_path

#: Where the lookup's pages are, from the site's root.
DATES_DIR = site_path(URL_PREFIX) + "dates/"
#: The template that draws every page of the lookup.
TEMPLATE = "checker/date_lookup.html"
#: The entry of each date question's first page in content/_data/generated_pages.yml.
WORDS_PREFIX = "date_lookup_"

Json = dict[str, Any]


def index_path(question: str) -> str:
    """`letter_date` -> `checker/dates/letter/`: a date question's first page, from the site's root."""
    return f"{DATES_DIR}{date_lookup.slug(question)}/"


def month_path(question: str, month: str) -> str:
    """`checker/dates/letter/2026-11/`: the page of one month (`YYYY-MM`)."""
    return f"{index_path(question)}{month}/"


def page_id(question: str, month: str | None = None) -> str:
    """`date_lookup__letter`, `date_lookup__letter__2026_11`: the page's id (unique in the site)."""
    parts = ["date_lookup", date_lookup.slug(question).replace("-", "_")]
    return "__".join(parts + ([month.replace("-", "_")] if month else []))


def months(table: Mapping[str, Any]) -> list[str]:
    """Every month (`YYYY-MM`) of the table's window, earliest first."""
    found: list[str] = []
    for day in date_lookup.days(date.fromisoformat(table["first"]), date.fromisoformat(table["last"])):
        if day.isoformat()[:7] not in found:
            found.append(day.isoformat()[:7])
    return found


def month_text(table: Mapping[str, Any], month: str) -> str:
    """`2026-11` -> `November 2026`, from the table's own text of the month's first day."""
    return table["texts"][month + "-01"].split(" ", 2)[2]


def index_view(table: Mapping[str, Any], question: str, title: str, words: Mapping[str, str]) -> Json:
    """A date question's first page: the months to choose (the latest first: a letter or update is
    most often recent) and what the lookup covers."""
    first, last = (table["texts"][table[end]].split(" ", 1)[1] for end in ("first", "last"))
    return {"kind": "index", "question": question, "title": title, "words": dict(words),
            "covers": words["covers"].replace("{first}", first).replace("{last}", last),
            "months": [{"month": m, "text": month_text(table, m), "href": month_path(question, m)}
                       for m in reversed(months(table))]}


def month_view(table: Mapping[str, Any], question: str, month: str, title: str,
               labels: Mapping[str, str], notes: Mapping[str, str], words: Mapping[str, str]) -> Json:
    """One month's page: each day of it in the table, with every date and date flag that follows.

    `labels`: each date's label (flags.md `dates:`); `notes`: each flag's text (flags.md
    `flags:`), for a flag raised on the answered day whatever today is (bank_holidays_unknown).
    The safe date is shown only where it differs from the deadline (a weekend or bank holiday).
    """
    texts = table["texts"]
    days = []
    for iso, row in table["questions"][question].items():
        if not iso.startswith(month + "-"):
            continue
        dates = row["dates"]
        results = [{"name": name, "label": labels[name], "iso": value, "text": texts[value]}
                   for name, value in dates.items()
                   if not (name == "review_safe_by" and value == dates.get("review_deadline"))]
        results += [{"name": flag, "label": words[f"from_{flag}"], "iso": start, "text": texts[start]}
                    for flag, start in row["flags"].items() if flag in DATE_FLAGS]
        days.append({"iso": iso, "text": texts[iso], "day": int(iso[8:]), "results": results,
                     "notes": [{"flag": flag, "text": notes[flag]} for flag in row["flags"]
                               if flag not in DATE_FLAGS]})
    return {"kind": "month", "question": question, "title": title, "words": dict(words), "month": month,
            "month_text": month_text(table, month), "index": index_path(question), "days": days}


_TEXTS: dict[str, Any] = {}  # this build's `texts`, worked out once ({"build": BuildState, "texts": ...})


def texts(docs_name: str) -> dict[str, dict[str, str]]:
    """Each date question's lookup words, `{{ rules.NAME }}` filled in: {question: {title,
    description, intro}}, from content/_data/generated_pages.yml (`date_lookup_<question>`).

    Read once a build: the checker's data (its results' links) and the lookup's pages share them.
    A mistake in them stops the build, naming the file, the entry and the fix.
    """
    build, site = state.current(), state.site_data()
    if _TEXTS.get("build") is build:
        return _TEXTS["texts"]
    context = templating.page_context(site.rules, site.contacts, build.counters)
    texts_file = f"{docs_name}/_data/generated_pages.yml"
    out: dict[str, dict[str, str]] = {}
    for question in date_lookup.date_questions(site.flow):
        key = WORDS_PREFIX + question
        words = site.generated_pages.get(key)
        if words is None:  # pragma: no cover - sitekit/data.py requires every entry it knows
            errors.stop(texts_file, None, f"no `{key}:` entry for the date question {question!r}",
                        f"add `{key}:` with `title:`, `description:` and `intro:` (and to GENERATED_PAGES "
                        "in hooks/sitekit/data.py)")
        try:
            out[question] = {k: templating.render(words[k], context, file=f"{texts_file} ({key})")
                             for k in ("title", "description", "intro")}
        except errors.Problem as exc:  # template code in the words: stop with everything found so far
            errors.current().add(exc.error)
            errors.stop_if_any()
            raise
    _TEXTS.update(build=build, texts=out)
    return out


def links(texts_by_question: Mapping[str, Mapping[str, str]]) -> dict[str, Json]:
    """Each date question's link to its lookup: {question: {question, href, text}}; the text is
    the lookup's title (checker-data.json's `date_lookups`, for the results and the app)."""
    return {q: {"question": q, "href": index_path(q), "text": t["title"]} for q, t in texts_by_question.items()}


def outcome_links(skipped: list[str], by_question: Mapping[str, Json]) -> list[Json]:
    """A result's links to the lookup, one per date question its route skipped (`State.skipped_dates`)."""
    return [by_question[q] for q in skipped if q in by_question]
