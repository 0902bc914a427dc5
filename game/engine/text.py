"""Passage text: `{name}` interpolation and `{if cond}..{else}..{end}` fragments.

Templates are parsed once at load time; rendering only walks the parsed parts. The parser
refuses `{if}`s nested more than MAX_IF_NESTING deep, so rendering and every other walk over a
template may recurse.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator, List, Optional, Tuple

from ..textflow import unbreak

from ..i18n import _
from . import conditions
from .conditions import ASCII_NAMES, ConditionError, Env
from .delimiters import Mark, is_space, runs
from .model import IfText, Interp, Literal, Template, TextPart


class TemplateError(Exception):
    """An author's mistake in text; `offset` is the 0-based index in the text."""

    def __init__(self, message: str, offset: int, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


MAX_IF_NESTING = 8

_TAG = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\{|\}")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")


_IF = {"if": "`{if ...}`"}  # code in messages goes in as a value, never through a catalogue
_NAMES = {"variable": "`{variable}`", "score": "`{score}`", "tier": "`{tier}`", "maya": "`{maya}`",
          "maya_score": "`{maya.score}`", "brace": "`{{`"}


def parse_template(src: str) -> Template:
    parts, rest, closer = _parse_parts(src, _tokens(src), 0, 0)
    if closer is not None:
        # Translators: `tag` is `{else}` or `{end}`, `if` is `{if ...}`: text-template code.
        raise TemplateError(_("{tag} without an {if}").format(tag=f"`{{{closer[0]}}}`", **_IF),
                            closer[1], _("remove it or add the {if} it belongs to").format(**_IF))
    return Template(tuple(parts), src)


def _tokens(src: str) -> List[Tuple[str, str, int]]:
    """Split into ('lit', text, offset) and ('tag', inner, offset) tokens."""
    out: List[Tuple[str, str, int]] = []
    pos = 0
    for m in _TAG.finditer(src):
        if m.start() > pos:
            out.append(("lit", src[pos:m.start()], pos))
        tok = m.group()
        if tok in ("{{", "}}"):
            out.append(("lit", tok[0], m.start()))
        elif tok == "{":
            raise TemplateError("this `{` is never closed", m.start(),
                                "write `{{` for a literal brace")
        elif tok == "}":
            raise TemplateError("this `}` has no opening `{`", m.start(),
                                "write `}}` for a literal brace")
        else:
            out.append(("tag", m.group(1).strip(), m.start()))
        pos = m.end()
    if pos < len(src):
        out.append(("lit", src[pos:], pos))
    return out


Token = Tuple[str, str, int]
Closer = Optional[Tuple[str, int]]


def _parse_parts(src: str, toks: List[Token], i: int, depth: int
                 ) -> Tuple[List[TextPart], int, Closer]:
    """Parse until `{else}`/`{end}` or the end; returns (parts, next index, closer or None).
    `depth` counts the `{if}`s around; recursion stops at MAX_IF_NESTING."""
    parts: List[TextPart] = []
    while i < len(toks):
        kind, text, off = toks[i]
        i += 1
        if kind == "lit":
            _append_literal(parts, text)
        elif text in ("else", "end"):
            return parts, i, (text, off)
        elif text == "if" or (text.startswith("if") and text[2].isspace()):
            if depth >= MAX_IF_NESTING:
                # Translators: `tag` is `{if}`, text-template code; `depth` a number.
                raise TemplateError(_("this {tag} is nested too deeply").format(tag="`{if}`"), off,
                                    _("{tag}s may nest {depth} deep; join the conditions with "
                                      "`and` instead").format(tag="`{if}`", depth=MAX_IF_NESTING))
            part, i = _parse_if(src, toks, i, text, off, depth + 1)
            parts.append(part)
        else:
            parts.append(_interp(text, off))
    return parts, i, None


def _append_literal(parts: List[TextPart], text: str) -> None:
    if parts and isinstance(parts[-1], Literal):
        parts[-1] = Literal(parts[-1].text + text)
    else:
        parts.append(Literal(text))


def _parse_if(src: str, toks: List[Token], i: int, text: str, off: int, depth: int
              ) -> Tuple[IfText, int]:
    cond_src = text[2:].strip()
    try:
        cond = conditions.parse(cond_src)
    except ConditionError as e:
        lead = src.index(cond_src, off) if cond_src else off
        raise TemplateError(e.message, lead + e.column - 1, e.hint) from None
    then, i, closer = _parse_parts(src, toks, i, depth)
    otherwise: List[TextPart] = []
    if closer and closer[0] == "else":
        otherwise, i, closer = _parse_parts(src, toks, i, depth)
        if closer and closer[0] == "else":
            # Translators: `else` and `if` are text-template code, kept as they are.
            raise TemplateError(_("a second {else} in one {if}").format(
                **{"else": "`{else}`", "if": "`{if}`"}), closer[1], "")
    if closer is None:
        # Translators: `if` and `end` are text-template code, kept as they are.
        raise TemplateError(_("this {if} is never closed").format(**_IF), off,
                            _("add {end} after its text").format(end="`{end}`"))
    return IfText(cond, Template(tuple(then)), Template(tuple(otherwise))), i


def _interp(text: str, off: int) -> Interp:
    if not _NAME.match(text):
        # Translators: `tag` is what the author wrote in braces; the hint's placeholders are
        # examples of text-template code, kept as they are.
        hint = _(ASCII_NAMES) if not text.isascii() else \
            _("use {variable}, {score}, {tier}, {maya} or {maya_score}; {brace} shows a "
              "brace").format(**_NAMES)
        raise TemplateError(_("{tag} is not a name to show").format(tag=f"`{{{text}}}`"), off,
                            hint)
    name, _dot, attr = text.partition(".")
    return Interp(name, attr)


def render(t: Template, env: Env, lookup: Callable[[str, str], str]) -> str:
    """Render a template; `lookup(name, attr)` turns an interpolation into text."""
    out: List[str] = []
    _render_into(t, env, lookup, out)
    return "".join(out)


def _render_into(t: Template, env: Env, lookup: Callable[[str, str], str], out: List[str]
                 ) -> None:
    for p in t.parts:
        if isinstance(p, Literal):
            out.append(p.text)
        elif isinstance(p, Interp):
            out.append(lookup(p.name, p.attr))
        else:
            branch = p.then if conditions.truthy(p.cond.eval(env)) else p.otherwise
            _render_into(branch, env, lookup, out)


def walk_parts(t: Template) -> Iterator[TextPart]:
    """Every part in reading order, nested ones included (for the validator), iteratively."""
    stack: List[TextPart] = list(reversed(t.parts))
    while stack:
        p = stack.pop()
        yield p
        if isinstance(p, IfText):
            stack.extend(reversed(p.otherwise.parts))
            stack.extend(reversed(p.then.parts))


def reflow(text: str) -> str:
    """Prose as paragraphs: single line breaks from YAML block scalars are unbroken (see
    `unbreak`), and a blank line separates paragraphs."""
    paras = [unbreak(p) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paras if p)



_BOLD = Mark("bold", "**", opens=lambda before, first: not is_space(first),
             closes=lambda last, after: not is_space(last))
_ITALIC = Mark("italic", "*", opens=lambda before, first: not is_space(first) and first != "*",
               closes=lambda last, after: not is_space(last) and last != "*")


def emphasis(text: str) -> List[Tuple[str, str]]:
    """Split prose into (text, style) runs; style is "", "bold" (`**...**`) or "italic"
    (`*...*`). A lone asterisk, or one beside a space, is just an asterisk. Linear time."""
    return runs(text, (_BOLD, _ITALIC))  # type: ignore[return-value]


def plain(text: str) -> str:
    """Prose without emphasis markers (for the terminal and speech)."""
    return "".join(t for t, _style in emphasis(text))
