"""A contact block as HTML, from the one template of it (site_templates/partials/contact.html).

`triage.view.contact_view` decides what a contact shows; the partial is its only markup, used by
the checker's results, by `{{ contact("ID") }}` in editors' pages (sitekit.templating) and, as a
<template>, by the app.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import jinja2
from markupsafe import Markup

from triage.view import contact_view

from .words import interface_words

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates"


@lru_cache(maxsize=1)
def _macro() -> Any:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("partials/contact.html").module.contact


def contact_html(cid: str, entry: Mapping[str, Any]) -> Markup:
    """The contact's block: only what contacts.yml gives, nothing invented."""
    return Markup(str(_macro()(contact_view(cid, entry, interface_words()))))
