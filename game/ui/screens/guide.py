"""A pack's facilitator guide (Markdown inside the pack), readable from the pack picker.

A small, safe rendering of the Markdown subset guides use: headings, paragraphs, `-`/`*` and
`1.` lists, `>` quotes, `---` rules, **bold**, *italic*, and tables drawn as aligned rows with
wrapped cells. Code and link markup are shown as plain text (links keep their address in
brackets, as in the printed report). Nothing in a guide can run, load or fetch anything.

Keys: Up/Down, Page Up/Down, Home/End and the wheel scroll; Esc or G goes back.
"""
from __future__ import annotations

from typing import List, Sequence, Tuple

import pygame

from ...i18n import _
from ...markdown import Block, inline_for_window
from ...markdown import parse as parse_blocks
from ..theme import mix
from ..widgets import TextBlock
from .base import Screen


def parse(md: str) -> List[Block]:
    """The guide as blocks, with inline markup reduced to what the text layout draws."""
    return parse_blocks(md, inline)


def inline(text: str) -> str:
    """Markdown inline markup down to what the text layout draws (see inline_for_window)."""
    return inline_for_window(text)


def read_guide(entry) -> Tuple[str, str]:
    """(markdown, problem) for a pack-picker entry; problem is "" when the guide was read."""
    from ...packs.sources import SourceError, guide_bytes
    info = getattr(entry, "info", None)
    if info is None or not info.guide:
        return "", _("This pack has no facilitator guide.")
    try:
        data = guide_bytes(entry.path, info.guide)
    except (SourceError, OSError) as e:
        # Translators: {problem} is the system's reason the file could not be read
        return "", _("The guide could not be read: {problem}").format(problem=e)
    if data is None:
        # Translators: {file} is the guide's file name inside the pack
        return "", _("The guide `{file}` is missing from the pack.").format(file=info.guide)
    return data.decode("utf-8", errors="replace"), ""


HEAD_KINDS = {1: "h1", 2: "h2", 3: "h3"}


class GuideScreen(Screen):
    name = "guide"

    def __init__(self, app, title: str, markdown: str, problem: str = ""):
        super().__init__(app)
        self.title = title
        self.blocks = parse(markdown) if markdown else []
        self.problem = problem

    @classmethod
    def for_entry(cls, app, entry) -> "GuideScreen":
        md, problem = read_guide(entry)
        return cls(app, entry.info.title if entry.info else entry.path, md, problem)

    # ---- layout ----------------------------------------------------------------------

    def layout(self) -> None:
        t, r, pal = self.theme, self.rend, self.theme.pal
        w = min(t.px(1040), t.w - t.px(72))
        self.card = pygame.Rect((t.w - w) // 2, t.px(24), w, t.h - t.px(48))
        pad = t.px(36)
        # Translators: above a pack's facilitator guide (capitals); {title} is the pack's
        self.kicker = r.label("bold", "tiny", _("FACILITATOR GUIDE  \u00b7  {title}").format(
            title=self.title.upper()), pal.accent)
        self.hint = r.label("body", "tiny", _("Arrows, Page Up/Down or the wheel scroll  "
                                              "\u00b7  Esc goes back"), pal.muted)
        top = self.card.y + pad + self.kicker.get_height() + t.px(14)
        self.scroll.view = pygame.Rect(self.card.x + pad, top, w - 2 * pad,
                                       self.card.bottom - t.px(20) - top)
        inner = self.scroll.view.w - t.px(18)
        self.inner = inner
        self.items: List[Tuple[str, object, int]] = []
        y = 0
        if self.problem:
            b = r.block(self.problem, inner, "body", "italic")
            self.items.append(("text", (b, pal.muted, 0), y))
            y += b.height
        prev = ""
        for blk in self.blocks:
            y = getattr(self, "_l_" + blk.kind)(blk, y, inner, prev)
            prev = blk.kind
        self.scroll.content_h = y + t.px(20)
        self.scroll.clamp()
        self.buttons = []

    def _add(self, kind: str, payload, y: int, h: int) -> int:
        self.items.append((kind, payload, y))
        return y + h

    def _l_h(self, blk: Block, y: int, inner: int, prev: str) -> int:
        t = self.theme
        kind = HEAD_KINDS.get(blk.level, "h3")
        b = self.rend.block(blk.text, inner, kind, "heading", 1.2)
        y += t.px(22 if blk.level <= 2 else 14) if y else 0
        return self._add("text", (b, t.pal.text, 0), y, b.height + t.px(10))

    def _l_p(self, blk: Block, y: int, inner: int, prev: str) -> int:
        b = self.rend.block(blk.text, inner, "body", "body", 1.5)
        return self._add("text", (b, self.theme.pal.text, 0), y, b.height + self.theme.px(12))

    def _l_li(self, blk: Block, y: int, inner: int, prev: str) -> int:
        t = self.theme
        indent = t.px(34) * (blk.level + 1)
        b = self.rend.block(blk.text, inner - indent, "body", "body", 1.45)
        return self._add("li", (b, blk.marker, indent), y, b.height + t.px(6)) + \
            (0 if prev == "li" else 0)

    def _l_quote(self, blk: Block, y: int, inner: int, prev: str) -> int:
        t = self.theme
        b = self.rend.block(blk.text, inner - t.px(28), "body", "italic", 1.45)
        return self._add("quote", b, y, b.height + t.px(12))

    def _l_rule(self, blk: Block, y: int, inner: int, prev: str) -> int:
        return self._add("rule", None, y + self.theme.px(8), self.theme.px(24))

    def _l_table(self, blk: Block, y: int, inner: int, prev: str) -> int:
        t, r = self.theme, self.rend
        rows = blk.rows
        n = max(len(row) for row in rows)
        rows = [row + [""] * (n - len(row)) for row in rows]
        gap = t.px(18)
        widths = column_widths(self.rend, rows, inner - gap * (n - 1))
        header = any(c.strip() for c in rows[0])
        laid: List[Tuple[List[TextBlock], int, bool]] = []
        for i, row in enumerate(rows):
            if i == 0 and not header:
                continue
            cells = [r.block(c if (i or not c) else f"**{c}**", widths[j], "small",
                             "body", 1.35) for j, c in enumerate(row)]
            h = max([c.height for c in cells] + [t.text_px("small")]) + t.px(14)
            laid.append((cells, h, i == 0))
        total = sum(row[1] for row in laid)
        y += t.px(4)
        y = self._add("table", (laid, widths, gap), y, total)
        return y + t.px(16)

    # ---- input -----------------------------------------------------------------------

    def key(self, e) -> bool:
        k = e.key
        step = self.theme.px(70)
        if k in (pygame.K_ESCAPE, pygame.K_g, pygame.K_BACKSPACE):
            self.back()
        elif k == pygame.K_DOWN:
            self.scroll.by(step)
        elif k == pygame.K_UP:
            self.scroll.by(-step)
        elif k in (pygame.K_PAGEDOWN, pygame.K_SPACE):
            self.scroll.by(self.scroll.view.h * 3 // 4)
        elif k == pygame.K_PAGEUP:
            self.scroll.by(-self.scroll.view.h * 3 // 4)
        elif k == pygame.K_HOME:
            self.scroll.offset = 0
        elif k == pygame.K_END:
            self.scroll.offset = self.scroll.max_offset
        else:
            return False
        self.app.dirty = True
        return True

    def wheel(self, y: int) -> bool:
        return self.scroll.by(-y * self.theme.px(60))

    def spoken(self) -> str:
        parts = [_("Facilitator guide: {title}.").format(title=self.title)]
        for b in self.blocks[:12]:
            if b.text:
                parts.append(b.text.replace("**", ""))
        return " ".join(parts)

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        r.blit_card(surf, self.card, pal.card, t.px(28), pal.card_edge)
        x0 = self.card.x + t.px(36)
        surf.blit(self.kicker, (x0, self.card.y + t.px(36)))
        hx = self.card.right - t.px(36) - self.hint.get_width()
        if hx > x0 + self.kicker.get_width() + t.px(20):
            surf.blit(self.hint, (hx, self.card.y + t.px(36)))
        view = self.scroll.view
        surf.set_clip(view)
        off = view.y - self.scroll.offset
        for kind, payload, y in self.items:
            if y + off > view.bottom:
                break
            getattr(self, "_d_" + kind)(surf, view.x, y + off, payload)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)

    def _d_text(self, surf, x, y, payload) -> None:
        block, colour, indent = payload
        block.draw(self.rend, surf, x + indent, y, colour, clip=self.scroll.view)

    def _d_li(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        block, marker, indent = payload
        m = r.label("bold", "body", marker, pal.accent)
        surf.blit(m, (x + indent - t.px(10) - m.get_width(), y + block.inset))
        block.draw(r, surf, x + indent, y, pal.text, clip=self.scroll.view)

    def _d_quote(self, surf, x, y, block) -> None:
        t, pal = self.theme, self.theme.pal
        pygame.draw.rect(surf, pal.accent, pygame.Rect(x, y, t.px(5), block.height),
                         border_radius=t.px(2))
        block.draw(self.rend, surf, x + t.px(24), y, pal.muted, clip=self.scroll.view)

    def _d_rule(self, surf, x, y, _payload) -> None:
        pal = self.theme.pal
        pygame.draw.line(surf, mix(pal.card_edge, pal.muted, 0.4), (x, y), (x + self.inner, y), 2)

    def _d_table(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        laid, widths, gap = payload
        for i, (cells, h, head) in enumerate(laid):
            if y > self.scroll.view.bottom:
                break
            if y + h >= self.scroll.view.top:
                if head:
                    pygame.draw.line(surf, pal.text, (x, y + h - 2), (x + self.inner, y + h - 2), 2)
                elif i % 2 == 0:
                    pygame.draw.rect(surf, pal.chip, pygame.Rect(x - t.px(6), y, self.inner +
                                                                 t.px(12), h),
                                     border_radius=t.px(6))
                cx = x
                for j, c in enumerate(cells):
                    c.draw(r, surf, cx, y + t.px(7), pal.text)
                    cx += widths[j] + gap
            y += h


def column_widths(rend, rows: Sequence[Sequence[str]], total: int) -> List[int]:
    """Columns as wide as their longest cell when they fit; otherwise each keeps at least its
    longest unbreakable piece (a word, or one Chinese character) and the rest of the width goes
    to the columns with the most text. Measured through the renderer, fallback fonts included."""
    from ...textflow import break_units
    px = rend.theme.text_px("small")
    n = len(rows[0])
    natural = [0] * n
    least = [0] * n
    for row in rows:
        for j, c in enumerate(row):
            plain = c.replace("**", "")
            role = "bold" if c.startswith("**") else "body"
            natural[j] = max(natural[j], rend.measure(role, px, plain) + 4)
            pieces = [p.strip() for p in break_units(plain)] or [""]
            least[j] = max(least[j], max(rend.measure(role, px, p) for p in pieces) + 4)
    least = [min(m, total // n) for m in least]
    if sum(natural) <= total:
        return natural
    out = list(least)
    spare = total - sum(out)
    want = [max(0, natural[j] - out[j]) for j in range(n)]
    wsum = sum(want) or 1
    for j in range(n):
        out[j] += int(spare * want[j] / wsum)
    return out
