"""Jinja2 in editors' Markdown: `{{ rules.NAME }}`, `{{ contacts.ID.field }}`, `{{ contact("ID") }}`.

Editors' text is untrusted code: it runs in Jinja's `ImmutableSandboxedEnvironment` (no
attribute starting with `_`, no unsafe call, nothing modified) with no globals but the three
names above (Jinja's own `range`, `lipsum`, `namespace`, ... are removed). Every unknown name and
everything the sandbox refuses is a `sitekit.errors.Problem` naming the file, the line, the names
that exist and the fix. Jinja comments are `{## ... ##}` so that Markdown's `{#id}` (attr_list)
is left alone.
"""
from __future__ import annotations

import traceback
from collections.abc import Iterable, Mapping
from typing import Any

import jinja2
import jinja2.exceptions
import jinja2.sandbox
from markupsafe import Markup

from sitekit import errors
from sitekit.data import CONTACT_FIELDS
from sitekit.state import Counters

TEMPLATE_NAME = "<page>"
GLOBALS = ("rules", "contacts", "contact")
GUIDE = "CONTRIBUTING.md"


class UnknownName(jinja2.UndefinedError):
    """An editor used a name that does not exist (a rule, a contact or a contact's field)."""

    def __init__(self, problem: str, fix: str, known: Iterable[str], label: str = "Known names") -> None:
        super().__init__(problem)
        self.problem, self.fix, self.known, self.label = problem, fix, sorted(known), label


class RuleValues:
    """`rules` in a page: the values of `triage.rules.RULES`, by lower-case name."""

    __slots__ = ("_rules", "_counters")

    def __init__(self, rules: Mapping[str, Any], counters: Counters) -> None:
        self._rules, self._counters = rules, counters

    def __getitem__(self, name: str) -> Any:
        if name not in self._rules:
            raise UnknownName(
                f"unknown rule value `rules.{name}`",
                "use one of the known names, e.g. {{ rules.review_days }} "
                f"(the list and what each means is in {GUIDE}, \"Rule values\")",
                self._rules,
            )
        self._counters.rule_values += 1
        return self._rules[name]

    def __str__(self) -> str:
        raise UnknownName("`rules` needs a name", "write {{ rules.NAME }}, e.g. {{ rules.review_days }}", self._rules)


class ContactField:
    """`contacts.ID` in a page: one contact's fields, by name."""

    __slots__ = ("_cid", "_entry", "_counters")

    def __init__(self, cid: str, entry: Mapping[str, Any], counters: Counters) -> None:
        self._cid, self._entry, self._counters = cid, entry, counters

    def __getitem__(self, name: str) -> Any:
        if name not in CONTACT_FIELDS or name == "check":
            raise UnknownName(
                f"contacts.{self._cid} has no field `{name}`",
                f"use one of the fields, e.g. {{{{ contacts.{self._cid}.name }}}}",
                [f for f in CONTACT_FIELDS if f != "check"], "Fields",
            )
        if name not in self._entry:
            present = [f for f in CONTACT_FIELDS if f in self._entry and f != "check"]
            raise UnknownName(
                f"contact `{self._cid}` has no `{name}` in content/_data/contacts.yml",
                f"use {{{{ contact(\"{self._cid}\") }}}} (it links to the official page where details "
                "are not known), or add the field to contacts.yml if a source gives it",
                present, f"Fields {self._cid} has",
            )
        self._counters.contact_fields += 1
        value = self._entry[name]
        if name == "post":
            return ", ".join(value)
        if name == "sources":
            return ", ".join(value)
        return value

    def __str__(self) -> str:
        raise UnknownName(
            f"`contacts.{self._cid}` needs a field",
            f"write {{{{ contacts.{self._cid}.name }}}}, or {{{{ contact(\"{self._cid}\") }}}} for the full details",
            [f for f in CONTACT_FIELDS if f in self._entry and f != "check"],
        )


class Contacts:
    """`contacts` in a page: every contact of content/_data/contacts.yml, by id."""

    __slots__ = ("_contacts", "_counters")

    def __init__(self, contacts: Mapping[str, Mapping[str, Any]], counters: Counters) -> None:
        self._contacts, self._counters = contacts, counters

    def __getitem__(self, cid: str) -> ContactField:
        return ContactField(cid, _contact(self._contacts, cid), self._counters)

    def __str__(self) -> str:
        raise UnknownName("`contacts` needs an id and a field", "write {{ contacts.ID.field }}", self._contacts)


def _contact(contacts: Mapping[str, Mapping[str, Any]], cid: Any) -> Mapping[str, Any]:
    if not isinstance(cid, str) or cid not in contacts:
        raise UnknownName(
            f"unknown contact {cid!r}",
            "use an id from content/_data/contacts.yml, e.g. {{ contact(\"met\") }}",
            contacts,
        )
    return contacts[cid]


def contact_block(cid: str, entry: Mapping[str, Any]) -> Markup:
    """The contact's details as an HTML block (hooks/checker/contacts.py: the one contact markup)."""
    from checker.contacts import contact_html  # the checker's package, beside sitekit in hooks/

    # Blank lines around it: Markdown passes an HTML block through only when it stands alone.
    return Markup("\n\n") + contact_html(cid, entry) + Markup("\n\n")


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """No arithmetic either: pages only print values, and `"a" * 10**10` would exhaust memory
    (intercepted operators are also never folded at compile time)."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    intercepted_unops = frozenset({"+", "-"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        raise jinja2.exceptions.SecurityError(f"pages may not compute (`{operator}`)")

    def call_unop(self, context: Any, operator: str, arg: Any) -> Any:
        raise jinja2.exceptions.SecurityError(f"pages may not compute (`{operator}`)")


def make_environment() -> jinja2.Environment:
    """The sandbox editors' text runs in: only the names `page_context` passes exist."""
    env = _Sandbox(
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the text is Markdown, not HTML: the content policy checks its HTML
        keep_trailing_newline=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.globals.clear()  # no range(), lipsum(), cycler(), joiner(), namespace(), dict()
    env.filters.clear()  # no `| center(10**9)`, `| attr(...)`: pages print values as they are
    env.tests.clear()
    return env


_ENV = make_environment()


def page_context(rules: Mapping[str, Any], contacts: Mapping[str, Mapping[str, Any]], counters: Counters) -> dict[str, Any]:
    """What a page can use: `rules`, `contacts` and `contact()`."""

    def contact(cid: str) -> Markup:
        entry = _contact(contacts, cid)
        counters.contact_blocks += 1
        return contact_block(cid, entry)

    return {"rules": RuleValues(rules, counters), "contacts": Contacts(contacts, counters), "contact": contact}


def render(text: str, context: Mapping[str, Any], *, file: str, first_line: int = 1) -> str:
    """Render `text` (Markdown starting at line `first_line` of `file`) in the sandbox.

    Raises `sitekit.errors.Problem` naming `file`, the line, the problem, the known names and
    the fix; the calling hook reports it (`errors.current().add(exc.error)`) and carries on.
    """
    def problem(lineno: int | None, what: str, fix: str, known: Iterable[str] | None = None,
                label: str = "Known names") -> errors.Problem:
        line = first_line + lineno - 1 if lineno else None
        return errors.Problem(errors.error(file, line, what, fix, known=known, known_label=label))

    try:
        _check_contact_lines(text)
        template = _ENV.from_string(text)
    except _ContactNotAlone as exc:
        raise problem(exc.lineno, "{{ contact(...) }} must be on a line of its own",
                      "put it on its own line, with a blank line before and after, not inside a "
                      "sentence, list or box") from None
    except jinja2.exceptions.TemplateAssertionError as exc:  # `| filter` or `is test`: none exist
        raise problem(exc.lineno, f"pages may not use filters or tests ({exc.message})",
                      "use only {{ rules.NAME }}, {{ contacts.ID.field }} or {{ contact(\"ID\") }}, "
                      "without `|`", GLOBALS) from None
    except jinja2.TemplateSyntaxError as exc:
        raise problem(exc.lineno, f"the {{{{ ... }}}} or {{% ... %}} here cannot be read ({exc.message})",
                      "check that each {{ has its }}. To show {{ or {% as text, wrap it in "
                      "{% raw %}...{% endraw %}") from None
    try:
        return template.render(**context)
    except UnknownName as exc:
        raise problem(_template_line(exc), exc.problem, exc.fix, exc.known, exc.label) from None
    except jinja2.exceptions.SecurityError as exc:
        # The sandbox refused: an attribute starting with `_`, an unsafe call, a change to data.
        raise problem(_template_line(exc), f"pages may not use this template code (the sandbox refused: {exc})",
                      "use only {{ rules.NAME }}, {{ contacts.ID.field }} or {{ contact(\"ID\") }} "
                      f"(see {GUIDE}, \"Rule values\" and \"Contacts\")", GLOBALS) from None
    except jinja2.UndefinedError as exc:
        raise problem(_template_line(exc), exc.message or "an unknown name",
                      "write {{ rules.NAME }}, {{ contacts.ID.field }} or {{ contact(\"ID\") }} "
                      f"(see {GUIDE}); to show {{{{ as text, wrap it in {{% raw %}}...{{% endraw %}}",
                      GLOBALS) from None
    except jinja2.TemplateError as exc:
        raise problem(_template_line(exc), str(exc), f"see {GUIDE}, \"Rule values\" and \"Contacts\"",
                      GLOBALS) from None
    except (TypeError, ValueError, AttributeError, LookupError, ArithmeticError, OverflowError) as exc:
        raise problem(_template_line(exc), f"this template code fails ({exc})",
                      f"see {GUIDE}, \"Rule values\" and \"Contacts\"", GLOBALS) from None


def _template_line(exc: BaseException) -> int | None:
    """The template line Jinja reports in its rewritten traceback (innermost frame)."""
    line = getattr(exc, "lineno", None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


class _ContactNotAlone(Exception):
    def __init__(self, lineno: int) -> None:
        self.lineno = lineno


def _check_contact_lines(text: str) -> None:
    """`{{ contact("x") }}` makes an HTML block: it only works alone on a line, not indented."""
    lines = text.split("\n")
    for lineno, kind, value in _ENV.lex(text):
        if kind == "name" and value == "contact":
            line = lines[lineno - 1]
            stripped = line.strip()
            if not (line == stripped and stripped.startswith("{{") and stripped.endswith("}}")
                    and stripped.count("{{") == 1):
                raise _ContactNotAlone(lineno)
