"""The report's one HTML escaper: every value put into a page is escaped unless it is Markup.

    html('<td class="{css}">{text}</td>', css=css, text=entry.text)   # both escaped
    html("<ul>{items}</ul>", items=join(html("<li>{}</li>", x) for x in xs))  # built parts pass

`html` formats like str.format, then escapes each interpolated value for HTML text and quoted
attributes (&, <, >, " and ' all become references), whatever its type: a step number read from
an edited save may be a string holding a tag, so numbers are escaped too. Only Markup, which
only this module's functions (and `trusted`, for text that was escaped by its own maker) return,
passes unchanged. The report writes no URL, no event handler, no script and no style attribute
from data, so text and quoted attributes are the only contexts a value can reach; templates
always quote their attributes (tests/test_report_escaping.py checks the templates for that).
"""
from __future__ import annotations

import html as _html
import string
from typing import Any, Iterable


class Markup(str):
    """A piece of HTML that is already safe: inserted as it is."""
    __slots__ = ()


def escape(value: object) -> Markup:
    """`value` as HTML text, safe in element content and in a quoted attribute."""
    if isinstance(value, Markup):
        return value
    return Markup(_html.escape(str(value), quote=True))


def trusted(text: str) -> Markup:
    """Mark HTML as safe. Only for text that was escaped by the code that made it (the
    stylesheet, the Markdown reader's output); never for anything read from a pack or save."""
    return Markup(text)


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Markup) and not format_spec:
            return value
        return escape(format(value, format_spec))


_FORMATTER = _Formatter()


def html(template: str, *args: Any, **kwargs: Any) -> Markup:
    """`template` formatted like str.format with every value escaped (Markup excepted)."""
    return Markup(_FORMATTER.vformat(template, args, kwargs))


def join(parts: Iterable[object], sep: str = "") -> Markup:
    """The parts, each escaped unless it is Markup, joined by `sep` (escaped too)."""
    return Markup(escape(sep).join(escape(p) for p in parts))


def when(condition: object, template: str, *args: Any, **kwargs: Any) -> Markup:
    """html(template, ...) when `condition` holds, else nothing (for optional parts)."""
    return html(template, *args, **kwargs) if condition else Markup()


