"""Hook: the checker without JavaScript (one page per state) and the data its in-browser twin reads.

- `on_files`: adds one generated page (`File.generated`) per state of `triage.static_states()`:
  the first question at /checker/start/, then /checker/<value>/<value>/.../ (the choice answers
  in path order; date questions are skipped, the outcome states their rule instead). Each page
  is a question (its answers are links to the next state's page) or an outcome.
- `on_nav`: registers those pages with the other hooks (page id, review date) the way
  hooks/generated_pages.py does.
- `on_page_markdown`: gives each checker page its view (`page.meta["checker"]`, read by
  site_templates/checker/*.html); the checker's start page (checker/index.md) gets the template
  checker/start.html, which loads the app on it too.
- `on_page_content`: keeps each question's and outcome's rendered Markdown.
- `on_post_page`: marks an outcome page's `<main>` with `data-outcome="<id>"`, and keeps the
  outcome's HTML as the app will show it.
- `on_post_build`: writes `checker/checker-data.json`: every state's URL, answers and question or
  outcome, the wording, and the outcomes' HTML. The app fetches it once with its own files, so
  no request is ever needed again to move from one step to the next.

The HTML contract (tests and scripts rely on it, see triage/README.md): each answer link is
`<a data-value="<value>">` inside an element with `data-question="<id>"`; an outcome's `<main>`
carries `data-outcome="<id>"`; the checker's root is `<div id="checker">`.

The few words of the checker's own interface (Back, Continue, There is a problem, ...) are `UI`
below; editors may override any of them under `checker_ui:` in content/checker/index.md's front
matter.
"""
from __future__ import annotations

import hashlib
import json
import logging
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import meta as mkdocs_meta

import sitekit  # noqa: F401  (puts this project's triage first on sys.path)
from sitekit import generated, pages, state, templating

import triage
from triage.bridge import describe_question

log = logging.getLogger("mkdocs.hooks.checker")

ROOT = Path(__file__).resolve().parents[1]
#: The checker's start page (an editors' page) and its generated pages' folder.
START_PAGE = "checker/index.md"
PREFIX = "checker/"
#: The data file the app reads (relative to the site's root).
DATA_FILE = "checker/checker-data.json"
SOURCES_PAGE = "sources.md"
TEMPLATES = {"question": "checker/question.html", "outcome": "checker/outcome.html", "start": "checker/start.html"}
ASSETS = ("assets/checker/app.js", "assets/checker/worker.js", "assets/checker/theme.js",
          "assets/checker/checker.css")

#: The checker's own interface words. Override any under `checker_ui:` in content/checker/index.md.
UI: dict[str, str] = {
    "back": "Back",
    "continue": "Continue",
    "your_answers": "Your answers",
    "change": "Change",
    "change_hidden": "your answer to: {question}",
    "error_summary_title": "There is a problem",
    "error_title_prefix": "Error: ",
    "error_prefix_hidden": "Error:",
    "day": "Day",
    "month": "Month",
    "year": "Year",
    "or": "or",
    "contacts_heading": "Who to contact",
    "dates_heading": "Dates that matter",
    "sources_heading": "Where this comes from",
    "sources_intro": "The facts this result relies on. Each links to its source.",
    "days_left_one": "1 day left",
    "days_left_other": "{n} days left",
    "last_day": "Today is the last day",
    "days_late_one": "1 day late",
    "days_late_other": "{n} days late",
    "print_button": "Print or save this page",
    "print_hint": "To keep a copy, print this page or save it as a PDF from your browser's menu.",
    "status_loading": "Getting the checker ready on this device. You can carry on: every answer "
                      "already works.",
    "status_loading_rules": "Almost ready.",
    "status_ready": "The checker is ready. Your answers stay on this device: nothing you enter "
                    "is sent anywhere.",
    "status_failed": "Your browser could not start the part of the checker that works out your "
                     "dates. You can still use the checker: choose your answers as links, and "
                     "the result will tell you how to work out your dates.",
    "status_unsupported": "Your browser cannot run the part of the checker that works out your "
                          "dates. You can still use the checker: choose your answers as links, "
                          "and the result will tell you how to work out your dates.",
}


# --------------------------------------------------------------------------------------------
# The states
# --------------------------------------------------------------------------------------------


@dataclass
class CheckerState:
    """One generated page: a state of the checker without dates."""

    key: str                      # "checker/met/outcome/" (the page's URL, from the site root)
    src_uri: str                  # "checker/met/outcome/index.md"
    page_id: str                  # "checker__met__outcome"
    choices: tuple[tuple[str, str], ...]   # the choice answers leading here, in order
    answers: tuple[tuple[str, str], ...]   # the same with each skipped date question as "unknown"
    question: str | None = None
    node: str | None = None
    outcome: str | None = None
    skipped_dates: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()            # flags that follow from the choice answers alone
    date_rules: tuple[str, ...] = ()       # dates that apply once the skipped dates are given
    flag_rules: tuple[str, ...] = ()       # flags the skipped dates could raise


@dataclass
class Build:
    states: dict[str, CheckerState] = field(default_factory=dict)        # by src_uri
    by_key: dict[str, CheckerState] = field(default_factory=dict)
    ui: dict[str, str] = field(default_factory=dict)
    version: str = ""
    start_url: str = "checker/"
    sources_url: str = "sources/"
    question_html: dict[str, str] = field(default_factory=dict)   # question id -> body HTML
    outcome_html: dict[str, str] = field(default_factory=dict)    # outcome id -> fragment HTML


_BUILD = Build()


def _key(state: Any) -> str:
    """`/checker/met/` -> `checker/met/` (URLs are kept relative to the site's root)."""
    return state.url_path.lstrip("/")


def _page_id(key: str) -> str:
    parts = [p for p in key.strip("/").split("/") if p]
    return "__".join(parts)


def _states(today: date) -> list[CheckerState]:
    """Every static state, with its answers, flags and dates worked out by the engine."""
    out = []
    for raw in triage.static_states():
        choices = tuple(raw.path)
        unknowns = {q: triage.UNKNOWN for q in raw.skipped_dates}
        step = triage.evaluate({**dict(choices), **unknowns}, today)
        if isinstance(step, triage.AnswerError):  # pragma: no cover - the engine's own states
            raise PluginError(f"checker state {raw.url_path}: the engine rejects its answers ({step.message})")
        key = _key(raw)
        state_ = CheckerState(
            key=key, src_uri=key + "index.md", page_id=_page_id(key), choices=choices,
            answers=tuple(step.answers.items()), question=raw.question, node=raw.node,
            outcome=raw.outcome, skipped_dates=tuple(raw.skipped_dates),
        )
        if raw.outcome is not None:
            state_.flags = tuple(step.flags)
            state_.date_rules, state_.flag_rules = triage.rules_for_unknown_dates(step.answers)
        out.append(state_)
    return out


# --------------------------------------------------------------------------------------------
# Links: Markdown written next to content/checker/outcomes/ but shown at /checker/a/b/
# --------------------------------------------------------------------------------------------

_MD_LINK = re.compile(r"(\]\()(<[^>]*>|[^)\s]+)")
_MD_REF = re.compile(r"^( {0,3}\[[^\]]+\]:\s*)(\S+)", re.M)
_ATTR = re.compile(r"""(\s(?:href|src)=)(["'])(.*?)\2""", re.I | re.S)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/|#)", re.I)


def _move_links(markdown: str, from_dir: str, to_dir: str) -> str:
    """Rewrite relative Markdown links written in `from_dir` so they work from `to_dir`."""

    def move(target: str) -> str:
        bracketed = target.startswith("<") and target.endswith(">")
        raw = target[1:-1] if bracketed else target
        if not raw or _EXTERNAL.match(raw):
            return target
        path, sep, rest = _split(raw)
        if not path:
            return target
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(from_dir, path)), to_dir or ".")
        moved += sep + rest
        return f"<{moved}>" if bracketed else moved

    markdown = _MD_LINK.sub(lambda m: m.group(1) + move(m.group(2)), markdown)
    return _MD_REF.sub(lambda m: m.group(1) + move(m.group(2)), markdown)


def _split(url: str) -> tuple[str, str, str]:
    """"a/b.md#x" -> ("a/b.md", "#", "x")."""
    match = re.search(r"[?#]", url)
    if match is None:
        return url, "", ""
    return url[: match.start()], url[match.start()], url[match.start() + 1:]


def _root_relative(html: str, page_url: str) -> str:
    """Make every relative link of `html` (rendered for the page at `page_url`) relative to the site's root.

    The app resolves them against the site's root, whatever page it shows them on.
    """
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"

    def fix(match: re.Match[str]) -> str:
        value = match.group(3)
        if not value or _EXTERNAL.match(value):
            return match.group(0)
        path, sep, rest = _split(value)
        if path:
            joined = posixpath.normpath(posixpath.join(base, path))
            if path.endswith("/") and not joined.endswith("/"):
                joined += "/"
            path = "./" if joined in (".", "./") else joined
        else:
            path = base
        return f"{match.group(1)}{match.group(2)}{path}{sep}{rest}{match.group(2)}"

    return _ATTR.sub(fix, html)


# --------------------------------------------------------------------------------------------
# Views: what the templates show
# --------------------------------------------------------------------------------------------


def _wording() -> Any:
    site = state.site_data()
    wording = getattr(site, "wording", None)
    return wording if wording is not None else triage.load_wording()


def _answer_rows(st: CheckerState, wording: Any) -> list[dict[str, str]]:
    """The choice answers so far, each with a link to the state where it was asked."""
    rows = []
    for index, (qid, value) in enumerate(st.choices):
        text = wording.questions[qid]
        asked = _BUILD.by_key[_key_for(st.choices[:index])]
        rows.append({
            "question": qid, "title": text.title, "value": value,
            "label": text.options.get(value, value), "href": asked.key,
        })
    return rows


def _key_for(choices: tuple[tuple[str, str], ...]) -> str:
    return "checker/start/" if not choices else PREFIX + "/".join(v for _, v in choices) + "/"


def _back(st: CheckerState) -> str:
    return _BUILD.start_url if not st.choices else _key_for(st.choices[:-1])


def _view(st: CheckerState) -> dict[str, Any]:
    wording = _wording()
    site = state.site_data()
    view: dict[str, Any] = {
        "kind": "outcome" if st.outcome else "question", "key": st.key, "ui": _BUILD.ui,
        "back": _back(st), "answers": _answer_rows(st, wording), "version": _BUILD.version,
    }
    if st.question is not None:
        text = wording.questions[st.question]
        view.update(question=st.question, node=st.node, title=text.title, hint=text.hint, options=[
            {"value": value, "label": label, "hint": text.option_hints.get(value, ""),
             "href": _BUILD.by_key[_next_key(st, value)].key}
            for value, label in text.options.items()
        ])
    else:
        text = wording.outcomes[st.outcome]
        view.update(
            outcome=st.outcome, title=text.title, summary=text.summary,
            contacts=[Markup(templating.contact_block(cid, site.contacts[cid])) for cid in text.contacts],
            sources=[{"id": fact, "summary": site.sources.get(fact, {}).get("summary", ""),
                      "href": f"{_BUILD.sources_url}#{fact}"} for fact in text.sources],
            dates=[{"name": name, "label": wording.dates[name].label, "rule": wording.dates[name].rule}
                   for name in st.date_rules],
            flag_rules=[{"name": name, "label": wording.flag_rules[name].label, "rule": wording.flag_rules[name].rule}
                        for name in st.flag_rules],
            flags=[{"name": name, "html": _flag_html(wording.flags[name])} for name in st.flags],
            last_reviewed=text.last_reviewed,
        )
    return view


def _next_key(st: CheckerState, value: str) -> str:
    return _key_for(st.choices + ((st.question, value),))  # type: ignore[operator]


def _flag_html(text: str) -> Markup:
    return Markup("<p>") + escape(text) + Markup("</p>")


# --------------------------------------------------------------------------------------------
# MkDocs events
# --------------------------------------------------------------------------------------------


def _ui(files: Files) -> dict[str, str]:
    ui = dict(UI)
    start = files.get_file_from_path(START_PAGE)
    if start is None:
        return ui
    _, meta = mkdocs_meta.get_data(start.content_string)
    custom = meta.get("checker_ui") or {}
    if not isinstance(custom, dict):
        raise PluginError(f"content/{START_PAGE}: `checker_ui` must be a block of `name: text` lines.\n"
                          f"  Fix: indent each line under `checker_ui:`, e.g. `  back: Back`.")
    unknown = sorted(set(custom) - set(UI))
    if unknown:
        raise PluginError(f"content/{START_PAGE}: unknown `checker_ui` name(s): {', '.join(unknown)}.\n"
                          f"  Fix: use only {', '.join(UI)}.")
    ui.update({k: str(v) for k, v in custom.items()})
    return ui


def _version() -> str:
    digest = hashlib.sha256()
    for rel in ASSETS:
        path = ROOT / "site_templates" / rel
        digest.update(path.read_bytes() if path.is_file() else b"")
    for path in sorted((ROOT / "triage").glob("*.*")) + sorted((ROOT / "content" / "checker").rglob("*.md")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _BUILD
    _BUILD = Build(ui=_ui(files), version=_version())
    start = files.get_file_from_path(START_PAGE)
    if start is not None:
        _BUILD.start_url = start.url
    sources = files.get_file_from_path(SOURCES_PAGE)
    if sources is not None:
        _BUILD.sources_url = sources.url
    build = state.current()
    wording = _wording()
    docs_name = Path(config.docs_dir).name
    for st in _states(date.today()):
        if files.get_file_from_path(st.src_uri) is not None:
            raise PluginError(
                f"{docs_name}/{st.src_uri}: this address belongs to a page of the checker "
                f"(generated from triage/flow.toml).\n  Fix: move or rename the file.")
        if st.key in _BUILD.by_key:  # pragma: no cover - two paths with the same values
            raise PluginError(f"two checker states share the address /{st.key}: give their answers different values")
        _BUILD.states[st.src_uri] = st
        _BUILD.by_key[st.key] = st
        files.append(File.generated(config, st.src_uri, content=_markdown(st, wording),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        build.prerendered.add(st.src_uri)
    return files


def _markdown(st: CheckerState, wording: Any) -> str:
    if st.question is not None:
        text = wording.questions[st.question]
        meta = dict(id=st.page_id, title=text.title, description=text.hint or text.title,
                    template=TEMPLATES["question"])
        body = _move_links(text.body, "checker/questions", posixpath.dirname(st.src_uri))
    else:
        text = wording.outcomes[st.outcome]
        meta = dict(id=st.page_id, title=text.title, description=text.summary,
                    template=TEMPLATES["outcome"])
        body = _move_links(text.body, "checker/outcomes", posixpath.dirname(st.src_uri))
    lines = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()),
             'hide: ["navigation", "toc"]',
             # Search finds the checker's start page; its states would repeat each outcome.
             "search:", "  exclude: true", "---", "", body, ""]
    return "\n".join(lines)


@event_priority(-20)  # after hooks/page_checks.py and hooks/generated_pages.py
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build = state.current()
    docs_name = Path(config.docs_dir).name
    wording = _wording()
    taken = {info.page_id: info.display for info in build.pages.values() if info.page_id}
    for src_uri, st in _BUILD.states.items():
        file = files.get_file_from_path(src_uri)
        if file is None:  # pragma: no cover - another hook removed it
            continue
        if st.page_id in taken:
            raise PluginError(f"{taken[st.page_id]}: id {st.page_id!r} belongs to a checker page.\n"
                              "  Fix: give that page another id.")
        info = pages.read_page(file, docs_name)
        info.page_id = st.page_id
        reviewed = (wording.outcomes[st.outcome].last_reviewed if st.outcome
                    else wording.questions[st.question].last_reviewed)
        info.last_reviewed = pages.parse_date(reviewed)
        build.pages[src_uri] = info
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    if src == START_PAGE:
        page.meta.setdefault("template", TEMPLATES["start"])
        page.meta["checker"] = {"kind": "start", "key": "", "ui": _BUILD.ui, "version": _BUILD.version}
        return markdown
    st = _BUILD.states.get(src)
    if st is not None:
        page.meta["checker"] = _view(st)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    st = _BUILD.states.get(page.file.src_uri)
    if st is not None and st.question is not None and st.question not in _BUILD.question_html:
        _BUILD.question_html[st.question] = _root_relative(html, page.url)
    return html


_MAIN = re.compile(r"<main\b", re.I)
_FRAGMENT = re.compile(r"<!--checker-fragment-->(.*?)<!--/checker-fragment-->", re.S)
_SLOT = re.compile(r"<!--slot:(\w+)-->.*?<!--/slot:\1-->", re.S)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    st = _BUILD.states.get(page.file.src_uri)
    if st is None or st.outcome is None:
        return output
    if st.outcome not in _BUILD.outcome_html:
        found = _FRAGMENT.search(output)
        if found is None:
            raise PluginError(f"{TEMPLATES['outcome']}: the outcome's <!--checker-fragment--> markers are missing.")
        fragment = _SLOT.sub("", found.group(1)).strip()
        _BUILD.outcome_html[st.outcome] = _root_relative(fragment, page.url)
    if 'data-outcome="' not in output.split(">", 1)[0] and not re.search(r"<main\b[^>]*\sdata-outcome=", output):
        output = _MAIN.sub(f'<main data-outcome="{escape(st.outcome)}"', output, count=1)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    wording = _wording()
    questions = {
        qid: {**describe_question(text), "body_html": _BUILD.question_html.get(qid, "")}
        for qid, text in wording.questions.items()
    }
    states = {}
    for st in _BUILD.by_key.values():
        entry: dict[str, Any] = {"kind": "outcome" if st.outcome else "question",
                                 "answers": [list(pair) for pair in st.answers]}
        if st.outcome:
            entry.update(outcome=st.outcome, flags=list(st.flags), date_rules=list(st.date_rules),
                         flag_rules=list(st.flag_rules))
        else:
            entry.update(question=st.question, node=st.node)
        states[st.key] = entry
    missing = sorted(set(wording.outcomes) & {st.outcome for st in _BUILD.by_key.values()} - set(_BUILD.outcome_html))
    if missing:
        raise PluginError(f"checker: no page was rendered for outcome(s) {', '.join(missing)}")
    data = {
        "version": _BUILD.version,
        "start_page": _BUILD.start_url,
        "ui": _BUILD.ui,
        "questions": questions,
        "states": states,
        "outcomes": {oid: {"title": text.title, "summary": text.summary, "html": _BUILD.outcome_html.get(oid, "")}
                     for oid, text in wording.outcomes.items()},
        "flags": {name: str(_flag_html(text)) for name, text in wording.flags.items()},
        "dates": {name: {"label": d.label, "rule": d.rule} for name, d in wording.dates.items()},
        "flag_rules": {name: {"label": d.label, "rule": d.rule, "question": triage.DATE_FLAGS[name]}
                       for name, d in wording.flag_rules.items()},
    }
    out = Path(config.site_dir) / DATA_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    log.info("checker: %d pages (%d questions, %d outcomes), %s (%d bytes)",
             len(states), sum(1 for s in states.values() if s["kind"] == "question"),
             sum(1 for s in states.values() if s["kind"] == "outcome"), DATA_FILE, out.stat().st_size)
