"""The play screen: the passage in a card (typewriter reveal, any key skips), choices as buttons
(locked ones greyed with their reason), and the profile panel with your animated score.

Keys: 1-9 choose, arrows/Tab move, Enter takes, Esc menu, H history, U or Ctrl+Z undo,
F5 reload the pack from disk. Only the runtime API is used, through app.session.
"""
from __future__ import annotations

import math
import os
from typing import Dict, List, Optional, Tuple

import pygame

from ...engine import events as ev
from ...engine.runtime import reflow
from ..hud import ProfilePanel, ScoreAnim
from ..theme import person_colour
from ..widgets import Button, TextBlock, chip, draw_avatar
from .base import Screen

FACT_LABELS = {"fact": "FACT", "fiction": "FICTION", "myth": "MYTH", "disputed": "DISPUTED"}


class PlayScreen(Screen):
    name = "play"
    scrolls = True

    def __init__(self, app):
        super().__init__(app)
        self.anim = ScoreAnim(self.rt.score)
        self.panel = ProfilePanel(app.rend)
        self.revealed = math.inf
        self.block: Optional[TextBlock] = None
        self._images: Dict[Tuple[str, int], Optional[pygame.Surface]] = {}
        self._said = ""  # announcements spoken before the next passage
        from .pause_card import Classroom
        self.room = Classroom(self)  # projector mode: letters, pause card, countdown, tally
        self.new_passage()

    @property
    def rt(self):
        return self.app.session.rt

    # ---- state -----------------------------------------------------------------------

    def new_passage(self) -> None:
        self.passage = self.rt.passage
        self.views = self.rt.choices
        cps = self.app.settings.chars_per_second
        self.revealed = 0.0 if cps > 0 else math.inf
        self.scroll.offset = 0
        self.focus = next((i for i, v in enumerate(self.views) if v.available), 0)
        self.room.new_passage()
        self.layout()
        self.room.update(0)
        self.app.speech.say(self.spoken())
        self.app.dirty = True

    @property
    def busy(self) -> bool:
        """The typewriter is still revealing (scripted input waits for this)."""
        return self.block is not None and self.revealed < self.block.chars

    @property
    def animating(self) -> bool:
        return self.busy or self.anim.animating or self.room.animating

    def update(self, dt: float) -> bool:
        changed = self.anim.update(dt)
        if self.busy:
            self.revealed += dt * self.app.settings.chars_per_second
            changed = True
        return self.room.update(dt) or changed

    def finish_reveal(self) -> None:
        self.revealed = math.inf
        self.app.dirty = True

    # ---- layout ----------------------------------------------------------------------

    def layout(self) -> None:
        t = self.theme
        margin, top = t.px(28), t.px(84)
        panel_w = max(t.px(300), min(t.px(380), int(t.w * 0.3)))
        self.panel.rect = pygame.Rect(t.w - margin - panel_w, top, panel_w, t.h - top - margin)
        view = pygame.Rect(margin - t.px(8), top - t.px(8),
                           self.panel.rect.x - margin - t.px(12), t.h - top - margin + t.px(16))
        self.scroll.view = view
        card_x, card_w = view.x + t.px(8), view.w - t.px(26)
        pad = t.px(30)
        inner = card_w - 2 * pad
        y = view.y + t.px(8) + pad
        p = self.passage
        self.els: List[Tuple[str, int]] = [("episode", y)]
        y += self.rend.label("bold", "tiny", "X", (0, 0, 0)).get_height() + t.px(14)
        if p.speaker:
            self.els.append(("speaker", y))
            y += t.px(64)
        img = self._image(p.image, inner) if p.image else None  # shorter on a projector
        if img is not None:
            self.els.append(("image", y))
            y += img.get_height() + t.px(20)
        self.block = self.rend.block(p.text, inner, "body", "body", 1.55)
        self.els.append(("text", y))
        y += self.block.height
        self.extra_blocks = {}
        if p.fact:
            self.extra_blocks["fact"] = self.rend.block(reflow(p.fact.note), inner - t.px(32), "small",
                                                        "body", 1.35)
            self.els.append(("fact", y + t.px(20)))
            y += t.px(20) + self._box_h("fact")
        if p.pause:
            self.extra_blocks["pause"] = self.rend.block(reflow(p.pause), inner - t.px(32), "body",
                                                         "bold", 1.35)
            self.els.append(("pause", y + t.px(20)))
            y += t.px(20) + self._box_h("pause")
        self.card = pygame.Rect(card_x, view.y + t.px(8), card_w, y + pad - view.y - t.px(8))
        self.pad = pad
        self._make_buttons()
        end = self.stack_buttons(card_x, self.card.bottom + t.px(20), card_w, t.px(12))
        self.scroll.content_h = end - view.y + t.px(8)
        self.scroll.clamp()

    def _box_h(self, kind: str) -> int:
        t = self.theme
        head = self.rend.label("bold", "tiny", "X", (0, 0, 0)).get_height()
        return t.px(14) * 2 + head + t.px(8) + self.extra_blocks[kind].height

    def _make_buttons(self) -> None:
        if self.rt.ending is not None:
            self.buttons = [Button("See the debrief", self.to_ending, kind="primary", number=1)]
            return
        self.buttons = self.room.decorate([
            Button(v.text, (lambda i=i: self.pick(i)), sub=v.reason, enabled=v.available,
                   number=i + 1 if i < 9 else None, kind="choice")
            for i, v in enumerate(self.views)])

    def _image(self, rel: str, width: int) -> Optional[pygame.Surface]:
        key = (rel, width)
        if key not in self._images:
            self._images[key] = None
            path = os.path.join(self.app.session.pack.root, rel)
            try:
                h = self.theme.px(110 if self.app.settings.projector else 170)
                self._images[key] = banner(pygame.image.load(path), width, h,
                                           self.theme.px(18))
            except (pygame.error, OSError, ZeroDivisionError):
                pass  # a missing picture never stops the story
        return self._images[key]

    # ---- actions ---------------------------------------------------------------------

    def pick(self, i: int) -> None:
        if not 0 <= i < len(self.views):
            return
        v = self.views[i]
        if not v.available:
            self.refused(self.buttons[i])
            return
        if self.room.blocks():  # a discussion pause or the countdown holds the choice back
            return
        events = self.app.session.choose(v.index)
        self.announce(events)
        self.new_passage()
        if self.app.session.autosave_error:
            self.app.toast(self.app.session.autosave_error, "down")

    def to_ending(self) -> None:
        from .ending import EndingScreen
        self.app.push(EndingScreen(self.app))

    def announce(self, events: List[ev.Event]) -> None:
        """Ratings become floating notifications, score moves animate, all with sound."""
        from ...text import announce
        rt, app = self.rt, self.app
        fmt = rt.pack.regime.scale.fmt
        motion = not app.settings.reduced_motion
        said = []
        for e in events:
            if isinstance(e, ev.RatingReceived):
                app.feed.rating(e.name or "Anonymous", e.by, e.stars, fmt(e.rater_score),
                                e.weight, e.count)
                app.sound.play("notify")
            elif isinstance(e, ev.BehaviourRecorded) and rt.pack.regime.visible:
                app.feed.message(e.saw, "up" if e.impact >= 0 else "down",
                                 f"Recorded: {e.label}")
            elif isinstance(e, ev.ScoreChanged):
                self.anim.move(e.old, e.new, motion)
                app.sound.play("up" if e.delta > 0 else "down")
            elif isinstance(e, ev.TierChanged):
                app.feed.message(f"From {e.old_name} to {e.new_name}", "up" if e.up else "down",
                                 "Your tier rose" if e.up else "Your tier fell")
                app.sound.play("tier_up" if e.up else "tier_down")
            elif isinstance(e, (ev.FriendAdded, ev.FriendRemoved, ev.CharacterScoreChanged)):
                line = announce(e, rt)
                if line:
                    kind = "down" if isinstance(e, ev.FriendRemoved) or (
                        isinstance(e, ev.CharacterScoreChanged) and e.new < e.old) else "up"
                    app.feed.message(line, kind)
            if not (isinstance(e, ev.BehaviourRecorded) and not rt.pack.regime.visible):
                line = announce(e, rt)
                if line and not isinstance(e, ev.EpisodeStarted):
                    said.append(line)
        self._said = " ".join(said)
        app.dirty = True

    def undo(self) -> None:
        if self.app.session.undo():
            self.anim.snap(self.rt.score)
            self.app.feed.clear()
            self.new_passage()
            self.app.toast("Went back one choice", "info")
        else:
            self.app.toast("Nothing to undo yet", "locked")

    def reload(self) -> None:
        from .error import ErrorScreen
        from ..session import PackProblem
        try:
            msg = self.app.session.reload()
        except PackProblem as p:
            self.app.push(ErrorScreen(self.app, p.path, p.diagnostics, p.message, reload=True))
            return
        self._images.clear()
        self.anim.snap(self.rt.score)
        self.new_passage()
        self.app.toast(msg, "info", "F5")

    def back(self) -> None:
        from .menu import PauseMenu
        self.app.push(PauseMenu(self.app))

    def entered(self) -> None:
        # Settings may have changed (text size, theme); the session may have been reloaded.
        self.passage = self.rt.passage
        self.views = self.rt.choices

    def on_key(self, e: pygame.event.Event) -> bool:
        if self.busy and e.key not in (pygame.K_ESCAPE, pygame.K_F5):
            self.finish_reveal()  # any key skips the typewriter
            return True
        if self.room.on_key(e):  # A-D, T class vote, S skip the countdown
            return True
        ctrl = bool(e.mod & pygame.KMOD_CTRL)
        if e.key == pygame.K_F5:
            self.reload()
        elif e.key == pygame.K_h:
            from .history import HistoryScreen
            self.app.push(HistoryScreen(self.app))
        elif e.key == pygame.K_u or (ctrl and e.key == pygame.K_z):
            self.undo()
        else:
            return False
        return True

    def handle(self, e: pygame.event.Event) -> bool:
        if self.busy and e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            self.finish_reveal()
            return True
        if e.type == pygame.MOUSEWHEEL and self.panel.rect.collidepoint(pygame.mouse.get_pos()):
            return self.panel.scroll.by(-e.y * self.theme.px(50))
        return super().handle(e)

    def hit(self, pos):
        return None if self.busy else super().hit(pos)

    def spoken(self) -> str:
        p = self.passage
        parts = [self._said] if self._said else []
        self._said = ""
        if p.speaker_name:
            parts.append(f"{p.speaker_name}, {self.rt.pack.regime.scale.fmt(self.rt.score_of(p.speaker))}.")
        parts.append(p.text)
        for i, v in enumerate(self.views, 1):
            parts.append(f"Choice {i}: {v.text}." + ("" if v.available else f" Locked: {v.reason}."))
        if self.rt.ending is not None:
            parts.append("Press Enter to see the debrief.")
        return " ".join(parts)

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        surf.blit(r.background(t.w, t.h), (0, 0))
        self._top_bar(surf)
        view = self.scroll.view
        surf.set_clip(view)
        off = -self.scroll.offset
        r.blit_card(surf, self.card.move(0, off), pal.card, t.px(28), pal.card_edge)
        x = self.card.x + self.pad
        for kind, y in self.els:
            getattr(self, "_draw_" + kind)(surf, x, y + off)
        if not self.busy:
            self.draw_buttons(surf)
        surf.set_clip(None)
        self.scroll.draw_bar(surf, t)
        self.panel.draw(surf, self.rt, self.anim, self.app.settings.reduced_motion)
        self.room.draw(surf, self.panel.rect)

    def _top_bar(self, surf: pygame.Surface) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        y = t.px(24)
        mark = r.label("heading", "h3", "Standing", pal.accent)
        surf.blit(mark, (t.px(28), y))
        sess = self.app.session
        where = r.label("body", "small", f"{sess.pack.info.title}  ·  {sess.episode_title()}",
                        pal.muted)
        surf.blit(where, (t.px(28) + mark.get_width() + t.px(16),
                          y + mark.get_height() - where.get_height() - t.px(2)))
        keys = ("A\u2013D choose  ·  T class vote  ·  Esc menu" if self.app.settings.projector
                else "Esc menu  ·  H history  ·  U undo  ·  F5 reload")
        hint = r.label("body", "tiny", keys, pal.muted)
        hx = t.w - t.px(28) - hint.get_width()
        if hx > t.px(28) + mark.get_width() + where.get_width() + t.px(40):
            surf.blit(hint, (hx, y + mark.get_height() - hint.get_height() - t.px(2)))

    def _draw_episode(self, surf, x: int, y: int) -> None:
        pal = self.theme.pal
        s = self.rend.label("bold", "tiny", self.app.session.episode_title().upper(), pal.accent)
        surf.blit(s, (x, y))

    def _draw_speaker(self, surf, x: int, y: int) -> None:
        t, pal, r = self.theme, self.theme.pal, self.rend
        p = self.passage
        rad = t.px(24)
        draw_avatar(r, surf, (x + rad, y + rad), rad, p.speaker_name,
                    person_colour(p.speaker or "", t.contrast))
        name = r.label("bold", "h3", p.speaker_name, pal.text)
        nx = x + 2 * rad + t.px(14)
        surf.blit(name, (nx, y + rad - name.get_height() + t.px(4)))
        score = self.rt.pack.regime.scale.fmt(self.rt.score_of(p.speaker))
        st = r.star(t.px(15), pal.star)
        surf.blit(st, (nx, y + rad + t.px(6)))
        s = r.label("body", "small", score, pal.muted)
        surf.blit(s, (nx + t.px(20), y + rad + t.px(6) + (st.get_height() - s.get_height()) // 2))

    def _draw_image(self, surf, x: int, y: int) -> None:
        img = self._image(self.passage.image, self.card.w - 2 * self.pad)
        if img is not None:
            surf.blit(img, (x, y))

    def _draw_text(self, surf, x: int, y: int) -> None:
        reveal = None if self.revealed == math.inf else int(self.revealed)
        self.block.draw(self.rend, surf, x, y, self.theme.pal.text, reveal, self.scroll.view)

    def _draw_fact(self, surf, x: int, y: int) -> None:
        fact = self.passage.fact
        self._box(surf, x, y, "fact", FACT_LABELS.get(fact.kind, fact.kind.upper()))

    def _draw_pause(self, surf, x: int, y: int) -> None:
        self._box(surf, x, y, "pause", "DISCUSSION PAUSE")

    def _box(self, surf, x: int, y: int, kind: str, label: str) -> None:
        if self.busy:
            return
        t, pal, r = self.theme, self.theme.pal, self.rend
        rect = pygame.Rect(x, y, self.card.w - 2 * self.pad, self._box_h(kind))
        pygame.draw.rect(surf, pal.chip, rect, border_radius=t.px(14))
        if t.contrast:
            pygame.draw.rect(surf, pal.muted, rect, 1, border_radius=t.px(14))
        c = chip(r, surf, x + t.px(16), y + t.px(12), label, pal.accent, pal.accent_text, "tiny")
        self.extra_blocks[kind].draw(r, surf, x + t.px(16), c.bottom + t.px(8), pal.text)


def banner(raw: pygame.Surface, w: int, h: int, radius: int) -> pygame.Surface:
    """Scale a picture to cover w x h (cropping the middle), with rounded corners, once."""
    scale = max(w / raw.get_width(), h / raw.get_height())
    big = pygame.transform.smoothscale(raw.convert_alpha(), (max(w, round(raw.get_width() * scale)),
                                                             max(h, round(raw.get_height() * scale))))
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    out.blit(big, ((w - big.get_width()) // 2, (h - big.get_height()) // 2))
    mask = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
    out.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return out
