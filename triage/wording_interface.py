"""Build time only: check the interface words (content/checker/interface.md) and their `{name}` slots.

`INTERFACE` lists every key of the checker's and the command line's own words with the values the
code puts into each (`{question}`, `{n}` ...); a text that loses a slot, or names one the code does
not provide, is reported with its file, line and fix.
"""
from __future__ import annotations

import re
from pathlib import Path

from .draft import placeholders
from .flow import load_flow
from .wording_reader import Reader

#: The draft message's words (site_templates/checker/_draft.html, app.js's draft section), and the
#: blank shown for each placeholder not known ("[your name]"), used by every surface.
DRAFT_WORDS: dict[str, tuple[str, ...]] = {
    "draft_heading": (), "draft_intro": (), "draft_intro_fields": (), "draft_optional": ("n",),
    "draft_label_name": (), "draft_label_reference": (), "draft_label_what_happened": (),
    "draft_label_what_you_want": (), "draft_to": (), "draft_subject": (), "draft_copy": (),
    "draft_download": (), "draft_email": (), "draft_copied": (), "draft_copy_failed": (),
    **{f"draft_blank_{name}": () for name in placeholders(load_flow())},
}

#: The interface's words, by group and key, each with the values the code puts into it (`{name}`).
#: `checker`: the checker's pages and app (site_templates/checker/*, app.js; `triage.checker_ui()`);
#: `command_line`: `python -m triage` (triage/cli*.py); `date_lookup`: the site's date lookup pages.
#: Editors write the words in interface.md.
INTERFACE: dict[str, dict[str, tuple[str, ...]]] = {
    "checker": {
        "back": (), "continue": (), "your_answers": (), "change": (), "change_hidden": ("question",),
        "error_summary_title": (), "error_title_prefix": (), "error_prefix_hidden": (),
        "title_question": ("n",), "title_result": (),
        "day": (), "month": (), "year": (), "or": (), "contacts_heading": (), "dates_heading": (),
        "sources_heading": (), "sources_intro": (),
        # a contact's labels (triage.view.contact_view); the words of a link to a page
        "contact_website": (), "contact_page": (), "contact_form": (), "contact_phone": (), "contact_email": (),
        "contact_email_page": (), "contact_email_page_before": (), "contact_post": (),
        "contact_owner_page": ("owner", "host"), "days_left_one": (), "days_left_other": ("n",),
        "last_day": (), "days_late_one": (), "days_late_other": ("n",), "print_button": (),
        "print_hint": (), "as_of": ("date",), "print_from": ("site",), "print_built": ("date",),
        "print_date": ("date",), "status_loading": (), "status_loading_rules": (), "status_retrying": (),
        "status_ready": (), "status_checking": (), "status_opening": (), "status_waiting": (), "engine_download": ("size",),
        "status_failed": (), "status_unsupported": (), "date_cannot_check": (),
        **DRAFT_WORDS,
    },
    "command_line": {
        "answer_choice": ("answer",), "answer_date": ("date_answer", "unknown_answer"),
        "problem": ("question", "message"), "type_date": (), "if_unknown": (),
        "dates_heading": (), "flags_heading": (), "contacts_heading": (), "sources_heading": (),
        "answers_label": (), "contact_website": (), "contact_page": (), "contact_form": (), "contact_phone": (),
        "contact_email": (), "contact_email_page": (), "contact_post": (),
        "answer_prompt": (), "finish_prompt": (), "first_question": (),
        # its arguments: the usage line, --help, and mistakes in the arguments
        "usage": (), "help": (), "prefix": ("message",), "today_shape": ("value",),
        "today_real": ("value",), "today_twice": (), "today_missing": (), "no_value": ("option",),
        "not_an_option": ("arg", "close"), "close": ("close",), "not_an_answer": ("arg",),
        "no_id": ("arg",), "twice": ("question",),
    },
    # the no-JavaScript date lookup's pages (hooks/date_lookup_pages.py); `from_<flag>` labels
    # the first day on which each date flag (`DATE_FLAGS`) is raised
    "date_lookup": {
        "months_heading": (), "covers": ("first", "last"), "days_heading": (), "other_months": (),
        "from_review_late": (), "from_update_overdue": (), "from_over_12_months": (),
    },
}
_INTERFACE_KEYS = {*INTERFACE, "last_reviewed"}
# `{name}`: a value the code puts into an interface text (after `{{ rules.NAME }}` is filled).
_SLOT = re.compile(r"\{([^{}]*)\}")


def interface_file(reader: Reader) -> dict[str, dict[str, str]]:
    """`interface.md`: the words of the checker's and the command line's own interface."""
    path = reader.checker / "interface.md"
    groups = " and ".join(f"`{group}:`" for group in INTERFACE)
    read = reader.required(path, markdown=True,
                           fix=f"Create it with {groups} (see content/checker/README.md)")
    if read is None:
        return {}
    meta, _ = read
    reader.unknown_keys(meta, _INTERFACE_KEYS, path)
    reader.reviewed(meta, path)
    words: dict[str, dict[str, str]] = {}
    for group, slots_by_key in INTERFACE.items():
        given = reader.mapping(meta, group, path, required=True)
        reader.unknown_keys(given, slots_by_key, path, within=group)
        words[group] = {}
        for key, slots in slots_by_key.items():
            if key not in given:
                if given:
                    reader.problem(path, f"`{key}` is missing under `{group}:`. Add `  {key}: <text>`",
                                   (group,))
                continue
            text = given[key]
            if not isinstance(text, str) or not text.strip():
                reader.problem(path, f"`{key}` under `{group}:` is empty. Write its words after "
                               f"`{key}: `", (group, key))
                continue
            # Not stripped: "Error: " keeps its space. A folded `>` text loses its last newline.
            text = reader.filled(text.strip("\n"), path)
            check_slots(reader, text, slots, (group, key), path)
            words[group][key] = text
    return words


def check_slots(reader: Reader, text: str, slots: tuple[str, ...], at: tuple[str, str],
                path: Path) -> None:
    """`text` must use each of its `slots` once or more, and no other `{name}`."""
    where = ".".join(at)
    used = _SLOT.findall(text)
    for name in used:
        if name not in slots:
            offer = (f"This text can use {', '.join(f'{{{s}}}' for s in slots)}" if slots
                     else "This text has no values to put in")
            reader.problem(path, f"`{where}` uses {{{name}}}, which the checker does not provide. "
                           f"{offer}; remove the braces or fix the name", at)
    for name in slots:
        if name not in used:
            reader.problem(path, f"`{where}` has lost {{{name}}}, where the checker puts its "
                           f"value. Put {{{name}}} back in the text", at)
    if _SLOT.sub("", text).count("{") or _SLOT.sub("", text).count("}"):
        reader.problem(path, f"`{where}` has a lone `{{` or `}}`. Remove it (braces mark a value "
                       f"the checker puts in, like {{n}})", at)


def start_page(reader: Reader) -> None:
    """The interface words moved from the start page's `checker_ui:` to interface.md."""
    path = reader.checker / "index.md"
    read = reader.read(path, markdown=True) if path.is_file() else None
    if read is not None and "checker_ui" in read[0]:
        reader.problem(path, "`checker_ui:` is no longer read here. Move its lines under "
                       "`checker:` in content/checker/interface.md", ("checker_ui",))

