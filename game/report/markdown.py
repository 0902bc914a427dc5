"""A small, safe Markdown subset to HTML, for facilitator guides inside packs.

Everything is escaped first; only the markup below is then produced, so a guide cannot inject
HTML, scripts or styles. Links become their text followed by the address in brackets: a printed
handout cannot be clicked, and the report must not point outside itself.

Supported: `#` headings, paragraphs, `-`/`*`/`+` and `1.` lists, `>` quotes, `---` rules,
**bold**, *italic* / _italic_, `code` and [links](address).
"""
from __future__ import annotations

import html
import re
from typing import List, Tuple

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")

_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_EM = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")


def inline(text: str) -> str:
    """One line of Markdown text as escaped HTML with inline markup."""
    parts = _CODE.split(text)  # odd items are code spans, kept literal
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f"<code>{html.escape(part)}</code>")
        else:
            out.append(_emphasis(html.escape(part, quote=True)))
    return "".join(out)


def _emphasis(escaped: str) -> str:
    s = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", escaped)
    s = _STRONG.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", s)
    return _EM.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", s)


def markdown_to_html(text: str, top_level: int = 3) -> str:
    """Markdown as HTML; `# Title` becomes <h{top_level}> so a guide nests inside a page."""
    out: List[str] = []
    block: List[str] = []  # lines of the current paragraph, list or quote
    kind = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        new_kind, content = _classify(line)
        continues = new_kind == "p" and kind in ("ul", "ol") and line[:1].isspace()
        if not continues and (new_kind in ("heading", "rule", "blank") or new_kind != kind):
            _flush(out, kind, block)
            block, kind = [], ""
        if new_kind == "heading":
            level, title = content
            out.append(f"<h{level + top_level - 1}>{inline(title)}</h{level + top_level - 1}>")
        elif new_kind == "rule":
            out.append("<hr>")
        elif continues:
            block[-1] += " " + content[1]  # an indented line continues the list item
        elif new_kind != "blank":
            block.append(content[1])
            kind = new_kind
    _flush(out, kind, block)
    return "\n".join(out)


def _classify(line: str) -> Tuple[str, Tuple[int, str]]:
    m = _HEADING.match(line)
    if m:
        return "heading", (min(len(m.group(1)), 4), m.group(2))
    if not line.strip():
        return "blank", (0, "")
    if _RULE.match(line):
        return "rule", (0, "")
    for kind, pattern in (("ul", _BULLET), ("ol", _NUMBERED), ("quote", _QUOTE)):
        m = pattern.match(line)
        if m:
            return kind, (0, m.group(1))
    return "p", (0, line.strip())


def _flush(out: List[str], kind: str, block: List[str]) -> None:
    if not block:
        return
    if kind in ("ul", "ol"):
        items = "".join(f"<li>{inline(item)}</li>" for item in block)
        out.append(f"<{kind}>{items}</{kind}>")
    elif kind == "quote":
        out.append(f"<blockquote><p>{inline(' '.join(block))}</p></blockquote>")
    else:
        out.append(f"<p>{inline(' '.join(block))}</p>")
