"""The ending and debrief: the ending's title, how your number moved, what the system recorded
beside what really happened, the breakdown (always revealed here), and the discussion prompts.
Then "continue to the next episode" when there is one."""
from __future__ import annotations

from typing import List, Tuple

import pygame

from ...engine.runtime import reflow
from ...engine.numbers import breakdown_rows, delta_text
from ...i18n import N_, _
from ..theme import mix
from ..widgets import Button, TextBlock, chip
from .base import Screen

# Translators: the tone of an ending, on a small badge
TONES = {"hopeful": N_("HOPEFUL"), "bleak": N_("BLEAK"), "mixed": N_("MIXED")}


class EndingScreen(Screen):
    """The card scrolls (wheel, PageUp/PageDown, Home/End) above a row of actions pinned to
    the window's foot, so every action is on screen and the focus starts on the debrief:
    Enter never skips past it to the next episode."""
    name = "ending"

    @property
    def rt(self):
        return self.app.session.rt

    def layout(self) -> None:
        t, r = self.theme, self.rend
        rt = self.rt
        end = rt.ending
        w = min(max(t.px(900), int(t.w * 0.62)), t.w - t.px(80))  # a wide room: a wider card
        x = (t.w - w) // 2
        foot_y = self._actions(w)
        self.scroll.view = pygame.Rect(0, t.px(4), t.w, foot_y - t.px(16) - t.px(4))
        pad = t.px(40)
        inner = w - 2 * pad
        self.items: List[Tuple[str, object, int]] = []  # (kind, payload, y)
        y = self.scroll.view.y + t.px(24) + pad
        episode = self.app.session.episode_title().upper()
        # Translators: a small capitalised label over the ending's title
        kicker = r.block(_("EPISODE ENDED  ·  {episode}").format(episode=episode), inner, "tiny",
                         "bold", 1.2)  # wraps when a translation and a long title need it
        y = self._add("label", kicker, y, kicker.height + t.px(10))
        title = r.block(end.title, inner, "h1", "heading", 1.15)
        y = self._add("title", title, y, title.height + t.px(12))
        tone_h = r.label("bold", "tiny", "X", (0, 0, 0)).get_height() + t.px(30)
        tone = TONES.get(end.tone)
        y = self._add("tone", _(tone) if tone else end.tone.upper(), y, tone_h)
        move_h = t.font_px("display", t.text_px("score_small") * 3 // 2).get_linesize()
        y = self._add("move", None, y, move_h + t.px(22))
        debrief = r.block(reflow(end.debrief), inner, "body", "body", 1.55)
        y = self._add("text", debrief, y, debrief.height + t.px(24))
        self.inner = inner
        records = self._records()
        if records:
            y = self._head(_("What the system recorded, and what really happened"), y)
            half = (inner - t.px(20)) // 2
            for label, saw, truth in records:
                heads = (record_head(r, _("THE SYSTEM SAW"), label, half - t.px(28)),
                         record_head(r, _("WHAT REALLY HAPPENED"), "", half - t.px(28)))
                a = r.block(saw, half - t.px(28), "small", "body", 1.35)
                # Translators: in place of what really happened, when the story never asked
                b = r.block(truth or _("(no one asked)"), half - t.px(28), "small", "body", 1.35)
                head_h = max(hb.height for hb in heads)
                h = head_h + max(a.height, b.height) + t.px(40)
                y = self._add("record", (heads, head_h, a, b, half, h), y, h + t.px(10))
        y = self._head(_("Where the number came from"), y + t.px(8))
        y = self._breakdown_rows(y, inner)
        # Translators: the heading over the ending's discussion questions
        y = self._head(_("Discussion"), y + t.px(14))
        for i, q in enumerate(end.prompts, 1):
            b = r.block(reflow(q), inner - t.px(44), "body", "body", 1.45)
            y = self._add("prompt", (i, b), y, b.height + t.px(14))
        self.card = pygame.Rect(x, self.scroll.view.y + t.px(24), w,
                                y + pad - self.scroll.view.y - t.px(24))
        self.pad = pad
        self.scroll.content_h = self.card.bottom - self.scroll.view.y + t.px(16)
        self.scroll.clamp()

    def _actions(self, width: int) -> int:
        """The actions along the foot, the debrief first (it has the focus at first); the
        next episode comes after it. Returns the top of the row."""
        from .debrief import row_buttons
        t, rt = self.theme, self.rt
        nxt = rt.next_episode
        # Translators: a button: the review after an episode (records, chart, the algorithm)
        self.buttons = [Button(_("Debrief"), self.debrief, kind="primary",
                               speak=_("Debrief: choices, records, the score chart, the "
                                       "algorithm revealed, the prompts")),
                        Button(_("What if\u2026"), self.what_if,
                               speak=_("What if: rewind to an earlier choice and compare")),
                        Button(_("Story so far"), self.history)]
        if nxt is not None:
            # Translators: {episode} is the next episode's title; {summary} its summary
            self.buttons.append(Button(_("Continue to {episode}").format(episode=nxt.title),
                                       self.next_episode,
                                       speak=_("Continue to {episode}: {summary}").format(
                                           episode=nxt.title, summary=nxt.summary)))
            self.buttons.append(Button(_("Save and return to the title"), self.app.home))
        else:
            # Translators: read aloud; {tier} is the name of the player's score tier
            speak = _("Back to the title. Final score {score}, {tier}").format(
                score=rt.score_text, tier=rt.tier.name)
            self.buttons.append(Button(_("Back to the title"), self.app.home, speak=speak))
        wide = min(t.w - t.px(40), max(width, t.px(1100)))
        h = row_buttons(self, self.buttons, 0, 0, wide, t.px(12), centre=True)
        top = t.h - t.px(20) - h
        for b in self.buttons:
            b.rect.move_ip((t.w - wide) // 2, top)
        self.focus = min(self.focus, len(self.buttons) - 1)
        return top

    def _head(self, text: str, y: int) -> int:
        b = self.rend.block(text, self.inner, "h3", "heading", 1.2)
        return self._add("head", b, y, b.height + self.theme.px(12))

    def _add(self, kind: str, payload, y: int, h: int) -> int:
        self.items.append((kind, payload, y))
        return y + h

    def _records(self):
        """This episode's records: (category label, what the system saw, what happened)."""
        rt = self.rt
        ep = rt.state.episode
        out = []
        for rec in rt.state.records:
            sc = rt.pack.scenes.get(rec.scene)
            if sc is not None and sc.episode != ep:
                continue
            cat = rt.pack.regime.category(rec.category)
            out.append((cat.label if cat else rec.category, rec.saw, rec.truth))
        return out

    def _breakdown_rows(self, y: int, inner: int) -> int:
        rt = self.rt
        regime, bd = rt.pack.regime, rt.breakdown()
        rows = [(label, text) for label, text, _ in breakdown_rows(regime, bd)]
        rows.append((_("Your score"), rt.score_text))
        self.row_h = self.rend.label("bold", "body", "X", (0, 0, 0)).get_height() + self.theme.px(12)
        for label, value in rows:
            y = self._add("row", (label, value), y, self.row_h)
        return y

    # ---- actions ---------------------------------------------------------------------

    def next_episode(self) -> None:
        from .play import PlayScreen
        events = self.app.session.next_episode()
        play = PlayScreen(self.app)
        self.app.home()
        self.app.enter_game(play)
        play.announce(events)

    def history(self) -> None:
        from .history import HistoryScreen
        self.app.push(HistoryScreen(self.app))

    def debrief(self) -> None:
        from .debrief import DebriefScreen
        self.app.push(DebriefScreen(self.app))

    def what_if(self) -> None:
        from .whatif import WhatIfScreen
        self.app.push(WhatIfScreen(self.app))

    def back(self) -> None:
        self.app.pop()  # back to the ending passage

    def on_key(self, e) -> bool:
        v = self.scroll.view.h
        steps = {pygame.K_PAGEDOWN: v * 3 // 4, pygame.K_PAGEUP: -v * 3 // 4,
                 pygame.K_HOME: -self.scroll.content_h, pygame.K_END: self.scroll.content_h}
        if e.key in steps:
            self.scroll.by(steps[e.key])
            return True
        return False

    def wheel(self, y: int) -> bool:
        return self.scroll.by(-y * self.theme.px(60))

    def spoken(self) -> str:
        end = self.rt.ending
        # Translators: read aloud: a discussion question's number, then the question
        prompts = " ".join(_("Question {number}: {question}").format(number=i, question=q)
                           for i, q in enumerate(end.prompts, 1))
        # Translators: read aloud: {title} is the ending's title, {move} says how the score
        # moved, {debrief} is the author's debrief and {prompts} the discussion questions
        return _("Episode ended: {title}. {move} {debrief} Discussion. {prompts}").format(
            title=end.title, move=self._move_text(), debrief=end.debrief, prompts=prompts)

    def _move_text(self) -> str:
        rt = self.rt
        start = rt.state.episode_scores.get(rt.state.episode, rt.score)
        fmt = rt.pack.regime.scale.fmt
        return _("Your score went from {start} to {score}.").format(start=fmt(start),
                                                                     score=rt.score_text)

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        off = -self.scroll.offset
        surf.set_clip(self.scroll.view)
        r.blit_card(surf, self.card.move(0, off), pal.card, t.px(30), pal.card_edge)
        x = self.card.x + self.pad
        for kind, payload, y in self.items:
            getattr(self, "_d_" + kind)(surf, x, y + off, payload)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)
        self.draw_buttons(surf)

    def _d_label(self, surf, x, y, block: TextBlock) -> None:
        block.draw(self.rend, surf, x, y, self.theme.pal.accent)

    def _d_title(self, surf, x, y, block: TextBlock) -> None:
        block.draw(self.rend, surf, x, y, self.theme.pal.text)

    def _d_tone(self, surf, x, y, text) -> None:
        pal = self.theme.pal
        chip(self.rend, surf, x, y, text, pal.chip, pal.text, "tiny")

    def _d_move(self, surf, x, y, _) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        rt = self.rt
        fmt = rt.pack.regime.scale.fmt
        start = rt.state.episode_scores.get(rt.state.episode, rt.score)
        delta = rt.score - start
        px = t.text_px("score_small") * 3 // 2
        w = r.glyphs("display", px, fmt(start), pal.muted, surf, (x, y))
        arrow_y = y + t.font_px("display", px).get_linesize() // 2
        ax = x + w + t.px(16)
        pygame.draw.line(surf, pal.muted, (ax, arrow_y), (ax + t.px(34), arrow_y), 3)
        pygame.draw.polygon(surf, pal.muted, [(ax + t.px(40), arrow_y), (ax + t.px(30), arrow_y - t.px(7)),
                                              (ax + t.px(30), arrow_y + t.px(7))])
        colour = pal.up if delta > 0 else pal.down if delta < 0 else pal.text
        w2 = r.glyphs("display", px, rt.score_text, colour, surf, (ax + t.px(56), y))
        change = delta_text(rt.pack.regime.scale.decimals, start, rt.score)
        d = r.label("bold", "small", f"{change}  ·  {rt.tier.name}", pal.muted)
        surf.blit(d, (ax + t.px(56) + w2 + t.px(16), arrow_y - d.get_height() // 2))

    def _d_text(self, surf, x, y, block: TextBlock) -> None:
        block.draw(self.rend, surf, x, y, self.theme.pal.text)

    def _d_head(self, surf, x, y, block: TextBlock) -> None:
        block.draw(self.rend, surf, x, y, self.theme.pal.text)

    def _d_record(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        heads, head_h, a, b, half, h = payload
        for i, (head, block, tint) in enumerate(((heads[0], a, pal.down), (heads[1], b, pal.up))):
            rect = pygame.Rect(x + i * (half + t.px(20)), y, half, h)
            fill = pal.chip if t.contrast else mix(pal.card, tint, 0.08)
            pygame.draw.rect(surf, fill, rect, border_radius=t.px(14))
            if t.contrast:
                pygame.draw.rect(surf, tint, rect, 2, border_radius=t.px(14))
            head.draw(r, surf, rect.x + t.px(14), rect.y + t.px(14), tint)
            block.draw(r, surf, rect.x + t.px(14), rect.y + t.px(22) + head_h, pal.text)

    def _d_row(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        label, value = payload
        inner = self.card.w - 2 * self.pad
        ls = r.label("body", "body", label, pal.muted)
        vs = r.label("bold", "body", value, pal.text)
        surf.blit(ls, (x, y))
        surf.blit(vs, (x + inner - vs.get_width(), y))
        ly = y + self.row_h - t.px(4)
        pygame.draw.line(surf, mix(pal.card_edge, pal.card, 0.3), (x, ly), (x + inner, ly), 1)

    def _d_prompt(self, surf, x, y, payload) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        i, block = payload
        c = (x + t.px(14), y + block.line_h // 2)
        pygame.draw.circle(surf, pal.accent, c, t.px(14))
        n = r.label("bold", "small", str(i), pal.accent_text)
        surf.blit(n, n.get_rect(center=c))
        block.draw(r, surf, x + t.px(44), y, pal.text)


def record_head(rend, title: str, label: str, width: int) -> TextBlock:
    """A record box's heading with its category: on one line when it fits, else the category
    on a line of its own (a long label such as "Behaviour and preferences" is never dropped)."""
    if not label:
        return rend.block(title, width, "tiny", "bold", 1.2)
    one = f"{title}  \u00b7  {label.upper()}"
    if rend.measure("bold", rend.theme.text_px("tiny"), one) <= width:
        return rend.block(one, width, "tiny", "bold", 1.2)
    return rend.block(f"{title}\n{label.upper()}", width, "tiny", "bold", 1.2)
