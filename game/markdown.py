"""A small Markdown subset as blocks, shared by the guide screen and the printed report.

Blocks: `#` headings, paragraphs, `-`/`*`/`+` and `1.` list items (indented lines continue an
item), `>` quotes, `---` rules and `|` tables. Inline markup is left in the text, or mapped by
the `inline` function a caller passes: the window keeps **bold** and *italic*, the report escapes
everything and produces HTML. Nothing in a guide can run, load or fetch anything.

Each line is classified by plain string operations, never by a regular expression that could
backtrack, so reading a guide takes time linear in its size whatever it holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

from .engine.delimiters import Mark, is_space, is_word, runs
from .textflow import join_lines


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
            out.append(Block("p", "\n".join(para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("|") and i + 1 < len(lines) and _table_rule(lines[i + 1]):
            flush()
            rows = [_cells(line, inline)]
            i += 2
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i], inline))
                i += 1
            out.append(Block("table", rows=rows))
            continue
        block = _line_block(line, stripped)
        if block is not None:
            flush()
            if block.kind != "blank":
                out.append(block)
        elif line[:1].isspace() and out and out[-1].kind == "li" and not para:
            out[-1].text += "\n" + stripped  # an indented line continues the item
        else:
            para.append(stripped)
        i += 1
    flush()
    for b in out:  # marked up once whole, so a line break between Chinese lines can vanish
        if b.kind != "table":
            b.text = inline(join_lines(b.text.split("\n")))
    return out


def _line_block(line: str, stripped: str) -> Optional[Block]:
    """The block one line starts (a "blank" one for an empty line), or None for prose."""
    head = _heading(line)
    if head is not None:
        return head
    if not stripped:
        return Block("blank")
    if _is_rule(stripped):
        return Block("rule")
    text = line.lstrip()
    item = _list_item(text)
    if item is not None:
        return Block("li", item[1], level=(len(line) - len(text)) // 2, marker=item[0])
    if text.startswith(">"):
        rest = text[1:]
        return Block("quote", rest[1:] if rest[:1].isspace() else rest)
    return None


def _heading(line: str) -> Optional[Block]:
    """`# Title ##`: one to six hashes at the very start, a space, then the title with any
    closing hashes and spaces left off."""
    level = len(line) - len(line.lstrip("#"))
    if not 1 <= level <= 6 or not line[level:level + 1].isspace():
        return None
    return Block("h", line[level:].strip().rstrip("#").rstrip(), level=level)


def _is_rule(stripped: str) -> bool:
    """`---`, `* * *`, `___`: three or more of one mark, spaces allowed between."""
    marks = "".join(stripped.split())
    return len(marks) >= 3 and marks[0] in "-*_" and marks == marks[0] * len(marks)


def _list_item(text: str) -> Optional[Tuple[str, str]]:
    """(marker, item text) for `- item`, `* item`, `+ item`, `3. item` or `3) item`."""
    if text[:1] in ("-", "*", "+") and text[1:2].isspace():
        return "\u2022", text[1:].lstrip()
    digits = next((k for k, ch in enumerate(text) if not ch.isdecimal()), len(text))
    if digits and text[digits:digits + 1] in (".", ")") and text[digits + 1:digits + 2].isspace():
        return text[:digits] + ".", text[digits + 1:].lstrip()
    return None


def _table_rule(line: str) -> bool:
    """The line under a table's header: cells of two or more dashes, each optionally with a
    colon at either end (`|---|:--:|`)."""
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") else s
    for cell in s.split("|"):
        dashes = cell.strip()
        dashes = dashes[1:] if dashes.startswith(":") else dashes
        dashes = dashes[:-1] if dashes.endswith(":") else dashes
        if len(dashes) < 2 or dashes.strip("-"):
            return False
    return True


def _cells(line: str, inline: Callable[[str], str] = _same) -> List[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [inline(c.strip()) for c in s.split("|")]


# ---- inline markup, shared by the report and the window ----------------------------------------
# Hand-written scanners with the rules of the regular expressions they replace: each finds
# its next mark with str.find from where the last one stopped, so a line of `[[[[` or
# `**x **x` costs linear time.

_STOP = re.compile(r"[)\s]")  # one character class: a plain linear search


def code_split(text: str) -> List[str]:
    """Like `re.split(r"`([^`]+)`", text)`: odd items are the insides of code spans."""
    out, pos, i = [], 0, text.find("`")
    while i >= 0:
        j = text.find("`", i + 1)
        if j < 0:
            break
        if j == i + 1:  # `` holds nothing: the second backtick may open a span
            i = j
            continue
        out += [text[pos:i], text[i + 1:j]]
        pos = j + 1
        i = text.find("`", pos)
    out.append(text[pos:])
    return out


def unlink(text: str) -> str:
    """`[words](address)` as `words (address)`: a handout cannot be clicked. The words hold
    no `]`; the address holds no `)` or space."""
    out, pos = [], 0
    close = stop = -1  # the last `]` and `)`-or-space found: later searches start past them
    i = text.find("[")
    while i >= 0:
        if close <= i:
            close = text.find("]", i + 1)
            if close < 0:
                break
        end = 0
        if close > i + 1 and text.startswith("(", close + 1):
            if stop < close + 2:
                m = _STOP.search(text, close + 2)
                stop = m.start() if m else len(text)
            if close + 2 < stop < len(text) and text[stop] == ")":
                end = stop + 1
        if end:
            out += [text[pos:i], text[i + 1:close], " (", text[close + 2:stop], ")"]
            pos = end
            i = text.find("[", end)
        else:
            i = text.find("[", i + 1)
    out.append(text[pos:])
    return "".join(out)


def _not_space(a: str, b: str) -> bool:
    return not is_space(b)


STRONG = (Mark("strong", "**", _not_space, lambda last, after: not is_space(last)),
          Mark("strong", "__", _not_space, lambda last, after: not is_space(last)))
EM = (Mark("em", "*", _not_space, lambda last, after: not is_space(last)),
      Mark("em", "_", lambda before, first: not is_word(before) and not is_space(first),
           lambda last, after: not is_space(last) and not is_word(after)))
def _window_em(c: str) -> Mark:
    """The window's italics: a mark beside its own kind is not one, and none sits inside."""
    def opens(before: str, first: str) -> bool:
        return before != c and not is_word(before) and first != c and not is_space(first)

    def closes(last: str, after: str) -> bool:
        return not is_space(last) and after != c and (c == "*" or not is_word(after))
    return Mark("em", c, opens, closes, plain_inside=True, one_line=False)


WINDOW_EM = (_window_em("*"), _window_em("_"))


def inline_for_window(text: str) -> str:
    """Inline markup down to what the window's text layout draws: **bold** and *italic* (also
    written __bold__ and _italic_) stay, code and link markup become plain text."""
    text = unlink("".join(code_split(text))).replace("__", "**")
    return "".join(f"*{piece}*" if style else str(piece)
                   for piece, style in runs(text, WINDOW_EM))
