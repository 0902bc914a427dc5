"""Settings: text size, contrast, motion, text speed, volume, display, self-voicing, projector.
Left and Right change the focused setting, Enter steps it; every change applies at once and is
saved."""
from __future__ import annotations

from typing import Callable, List, Tuple

import pygame

from ..settings import TEXT_SIZES, TEXT_SPEEDS
from ..widgets import Button
from .menu import Panel

# (label, current value, change(direction), note, why it does not apply now or "")
Row = Tuple[str, Callable[[], str], Callable[[int], None], str, str]


class SettingsScreen(Panel):
    name = "settings"
    heading = "Settings"

    def rows(self) -> List[Row]:
        """Every value shown is the effective one: what projector mode forces says so, and a
        row that cannot apply (no speech engine, a countdown outside projector mode) is
        greyed with the reason in its note."""
        s = self.app.settings
        onoff = lambda v: "On" if v else "Off"  # noqa: E731
        speech = self.app.speech
        proj = s.projector
        forced = "Projector mode sets this; turn projector mode off to choose"
        if speech.engine:
            voice_note = f"Reads passages and the focused choice aloud with {speech.engine_name}"
            voice_off = ""
        else:
            voice_note = ("No speech engine is installed on this computer, so nothing can be "
                          "spoken. Install espeak-ng (Linux) to use this.")
            voice_off = "no speech engine is installed"
        return [
            ("Text size", lambda: "Projector size" if proj else TEXT_SIZES[s.text_size],
             lambda d: self._step("text_size", d, len(TEXT_SIZES)),
             forced if proj else "Passages, choices and menus reflow to the new size",
             "projector mode sets the text size" if proj else ""),
            ("High contrast", lambda: "On (projector mode)" if proj else onoff(s.high_contrast),
             lambda d: self._flip("high_contrast"),
             forced if proj else "Black background, white text, yellow focus",
             "projector mode always uses high contrast" if proj else ""),
            ("Reduced motion", lambda: onoff(s.reduced_motion),
             lambda d: self._flip("reduced_motion"), "No animations; passages appear at once", ""),
            ("Text speed", lambda: TEXT_SPEEDS[s.text_speed],
             lambda d: self._step("text_speed", d, len(TEXT_SPEEDS)),
             "How fast passages type out; any key shows the rest at once", ""),
            ("Volume", lambda: f"{s.volume * 10}%", lambda d: self._step("volume", d, 11, False),
             "Sound cues for ratings and your score", ""),
            ("Sound", lambda: self.app.sound.status(s.muted), lambda d: self._flip("muted"),
             "Mute every sound", ""),
            ("Display", lambda: "Full screen" if s.fullscreen else "Window",
             lambda d: self._fullscreen(), "F11 switches at any time", ""),
            ("Self-voicing", lambda: "Unavailable" if voice_off else onoff(s.self_voicing),
             lambda d: self._voice(), voice_note, voice_off),
            ("Projector mode", lambda: onoff(s.projector), lambda d: self._flip("projector"),
             "Extra-large text and high contrast for a classroom screen", ""),
            ("Vote countdown",
             lambda: (f"{s.countdown} s" if s.countdown else "Off") if proj else
             "Projector mode only",
             lambda d: self._countdown(d),
             "Projector mode: seconds to discuss before a choice can be made" if proj else
             "Only in projector mode: seconds to discuss before a choice can be made",
             "" if proj else "the countdown is for projector mode"),
            ("Presenter view", lambda: ("Open" if self.app.presenter else "On, one display")
             if s.presenter else "Off", lambda d: self._presenter(),
             "With two displays, a teacher's window beside the projector's: notes, the vote, "
             "the clock. With one, F2 shows the notes here", ""),
            ("Audience display", lambda: "The last one" if s.audience_display < 0 else
             f"Display {s.audience_display}", lambda d: self._audience(d),
             "The display the class sees, counted from 0; applies at the next start", ""),
        ]

    def layout(self) -> None:
        self._rows = self.rows()
        self.buttons = [Button(label, (lambda f=change: f(1)), value=value(), kind="quiet",
                               compact=True, enabled=not off,
                               speak=f"{label}. {note}" if note else label)
                        for label, value, change, note, off in self._rows]
        self.buttons.append(Button("Done", self.app.pop, kind="primary", compact=True))
        # The focused row's explanation shows in a footer, so every row stays one line high.
        width = min(self.theme.px(760), self.theme.w - self.theme.px(60)) - self.theme.px(64)
        notes = [self.rend.block(n or " ", width, "small", "italic", 1.3) for _, _, _, n, _ in
                 self._rows]
        self._notes = notes
        self.panel_layout(760, footer=max(b.height for b in notes) + self.theme.px(20),
                          gap=6)

    def refused(self, b) -> None:
        """A greyed row: say why it does not apply, change nothing."""
        i = self.buttons.index(b)
        self.app.sound.play("locked")
        self.app.toast(self._rows[i][4][:1].upper() + self._rows[i][4][1:], "locked",
                       f"{b.label} unavailable")

    # ---- changing --------------------------------------------------------------------

    def _step(self, name: str, d: int, n: int, wrap: bool = True) -> None:
        s = self.app.settings
        v = getattr(s, name) + d
        v = v % n if wrap else max(0, min(n - 1, v))
        setattr(s, name, v)
        self._changed(name)

    def _flip(self, name: str) -> None:
        s = self.app.settings
        setattr(s, name, not getattr(s, name))
        self._changed(name)

    def _countdown(self, d: int) -> None:
        from ..settings import COUNTDOWNS
        s = self.app.settings
        i = COUNTDOWNS.index(s.countdown) if s.countdown in COUNTDOWNS else 0
        s.countdown = COUNTDOWNS[(i + d) % len(COUNTDOWNS)]
        self._changed("countdown")

    def _presenter(self) -> None:
        self.app.set_presenter(not self.app.settings.presenter)
        self._changed("presenter")

    def _audience(self, d: int) -> None:
        s = self.app.settings
        n = max(2, pygame.display.get_num_displays())
        s.audience_display = (s.audience_display + 1 + d) % (n + 1) - 1  # -1 (the last), 0..n-1
        self._changed("audience_display")

    def _fullscreen(self) -> None:
        self.app.set_fullscreen(not self.app.settings.fullscreen)
        self._changed("fullscreen")

    def _voice(self) -> None:
        s = self.app.settings
        s.self_voicing = not s.self_voicing
        self.app.speech.enabled = s.self_voicing
        self._changed("self_voicing")
        self.app.speech.say("Self-voicing on" if s.self_voicing else "")

    def _changed(self, name: str) -> None:
        self.app.save_settings()
        if name in ("text_size", "high_contrast", "projector"):
            focus = self.focus
            self.app.relayout()  # text reflows everywhere; every screen lays out again
            self.focus = focus
        else:
            self.layout()
        b = self.focused()
        if b is not None:
            self.app.speak_button(b)
        self.app.dirty = True

    def on_key(self, e) -> bool:
        if e.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.focus < len(self._rows):
            if not self.buttons[self.focus].enabled:
                self.refused(self.buttons[self.focus])
            else:
                self._rows[self.focus][2](1 if e.key == pygame.K_RIGHT else -1)
            return True
        return False

    def draw(self, surf: pygame.Surface) -> None:
        super().draw(surf)
        t = self.theme
        if self.focus < len(self._notes):
            note = self._notes[self.focus]
            note.draw(self.rend, surf, self.card.x + t.px(32),
                      self.card.bottom - t.px(22) - note.height, t.pal.muted)
        hint = self.rend.label("body", "tiny", "Left and Right change the setting", t.pal.muted)
        surf.blit(hint, (self.card.right - t.px(32) - hint.get_width(),
                         self.card.y + t.px(28) + self._head.get_height() - hint.get_height()))

    def spoken(self) -> str:
        return "Settings. " + ". ".join(f"{label}: {value()}" for label, value, *_ in self._rows)
