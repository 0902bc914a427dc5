"""A small Markdown subset as blocks, shared by the guide screen and the printed report.

Blocks: `#` headings, paragraphs, `-`/`*`/`+` and `1.` list items (indented lines continue an
item), `>` quotes, `---` rules and `|` tables. Inline markup is left in the text, or mapped by
the `inline` function a caller passes: the window keeps **bold** and *italic*, the report escapes
everything and produces HTML. Nothing in a guide can run, load or fetch anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, List

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _same(text: str) -> str:
    return text


@dataclass
class Block:
    kind: str  # h | p | li | quote | rule | table
    text: str = ""
    level: int = 0  # heading level, or list indent
    marker: str = ""  # "•" or "3."
    rows: List[List[str]] = field(default_factory=list)  # table rows; rows[0] is the header


def parse(md: str, inline: Callable[[str], str] = _same) -> List[Block]:
    out: List[Block] = []
    lines = md.replace("\r\n", "\n").replace("\t", "    ").split("\n")
    para: List[str] = []

    def flush() -> None:
        if para:
            out.append(Block("p", inline(" ".join(para))))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("|") and i + 1 < len(lines) and _TABLE_SEP.match(lines[i + 1]):
            flush()
            rows = [_cells(line, inline)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i], inline))
                i += 1
            out.append(Block("table", rows=rows))
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            out.append(Block("h", inline(m.group(2)), level=len(m.group(1))))
        elif not stripped:
            flush()
        elif _RULE.match(line):
            flush()
            out.append(Block("rule"))
        elif _BULLET.match(line):
            flush()
            b = _BULLET.match(line)
            out.append(Block("li", inline(b.group(2)), level=len(b.group(1)) // 2,
                             marker="\u2022"))
        elif _NUMBERED.match(line):
            flush()
            n = _NUMBERED.match(line)
            out.append(Block("li", inline(n.group(3)), level=len(n.group(1)) // 2,
                             marker=n.group(2) + "."))
        elif _QUOTE.match(line):
            flush()
            out.append(Block("quote", inline(_QUOTE.match(line).group(1))))
        elif line[:1].isspace() and out and out[-1].kind == "li" and not para:
            out[-1].text += " " + inline(stripped)  # an indented line continues the item
        else:
            para.append(stripped)
        i += 1
    flush()
    return out


def _cells(line: str, inline: Callable[[str], str] = _same) -> List[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [inline(c.strip()) for c in s.split("|")]
