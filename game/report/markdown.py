"""A small, safe Markdown subset to HTML, for facilitator guides inside packs.

Everything is escaped first; only the markup below is then produced, so a guide cannot inject
HTML, scripts or styles. Links become their text followed by the address in brackets: a printed
handout cannot be clicked, and the report must not point outside itself.

Blocks come from game/markdown.py (shared with the guide screen): headings, paragraphs, lists,
quotes, rules and tables; inline: **bold**, *italic* / _italic_, `code` and [links](address).
"""
from __future__ import annotations

import html
from typing import List

from ..engine.delimiters import Units, runs
from ..markdown import EM, STRONG, Block, code_split, parse, unlink


def inline(text: str) -> str:
    """One line of Markdown text as escaped HTML with inline markup, in linear time."""
    out = []
    for i, part in enumerate(code_split(text)):  # odd items are code spans, kept literal
        if i % 2:
            out.append(f"<code>{html.escape(part)}</code>")
        else:
            out.append(_emphasis(html.escape(part, quote=True)))
    return "".join(out)


def _emphasis(escaped: str) -> str:
    """Bold first, then italics around and inside it; a bold span is one unit to the italics
    pass, so the tags always nest properly."""
    units: List[str] = []
    for piece, style in runs(unlink(escaped), STRONG):
        if style:
            units.append(f"<strong>{_em(piece)}</strong>")
        else:
            units.extend(piece)
    return _em(units)


def _em(units: Units) -> str:
    return "".join(f"<em>{''.join(piece)}</em>" if style else "".join(piece)
                   for piece, style in runs(units, EM))


def markdown_to_html(text: str, top_level: int = 3) -> str:
    """Markdown as HTML; `# Title` becomes <h{top_level}> so a guide nests inside a page."""
    out: List[str] = []
    blocks = parse(text, inline)
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "li":  # consecutive items of one kind make one list
            tag = "ul" if b.marker == "\u2022" else "ol"
            items = []
            while i < len(blocks) and blocks[i].kind == "li" and \
                    (blocks[i].marker == "\u2022") == (tag == "ul"):
                items.append(f"<li>{blocks[i].text}</li>")
                i += 1
            out.append(f"<{tag}>{''.join(items)}</{tag}>")
            continue
        out.append(_block(b, top_level))
        i += 1
    return "\n".join(out)


def _block(b: Block, top_level: int) -> str:
    if b.kind == "h":
        level = min(b.level, 4) + top_level - 1
        return f"<h{level}>{b.text}</h{level}>"
    if b.kind == "rule":
        return "<hr>"
    if b.kind == "quote":
        return f"<blockquote><p>{b.text}</p></blockquote>"
    if b.kind == "table":
        head, *rows = b.rows
        cells = "".join(f"<th>{c}</th>" for c in head)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"
    return f"<p>{b.text}</p>"
