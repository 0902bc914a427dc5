"""Settings: language, text size, contrast, motion, text speed, volume, display, self-voicing, projector.
Left and Right change the focused setting, Enter steps it; every change applies at once and is
saved."""
from __future__ import annotations

from typing import Callable, List, Tuple

import pygame

from ... import i18n
from ...i18n import _
from ..settings import TEXT_SIZES, TEXT_SPEEDS
from ..widgets import Button
from .menu import Panel

# (label, current value, change(direction), note, why it does not apply now or "")
Row = Tuple[str, Callable[[], str], Callable[[int], None], str, str]


class SettingsScreen(Panel):
    name = "settings"

    @property
    def heading(self) -> str:
        return _("Settings")

    @property
    def hint(self) -> str:
        # Translators: Left and Right are the arrow keys
        return _("Left and Right change the setting")

    def rows(self) -> List[Row]:
        """Every value shown is the effective one: what projector mode forces says so, and a
        row that cannot apply (no speech engine, a countdown outside projector mode) is
        greyed with the reason in its note."""
        s = self.app.settings
        onoff = lambda v: _("On") if v else _("Off")  # noqa: E731
        speech = self.app.speech
        proj = s.projector
        forced = _("Projector mode sets this; turn projector mode off to choose")
        if speech.engine:
            # Translators: {engine} is the speech program's name (espeak-ng, SAPI, …)
            voice_note = _("Reads passages and the focused choice aloud with {engine}").format(
                engine=speech.engine_name)
            voice_off = ""
        else:
            voice_note = _("No speech engine is installed on this computer, so nothing can be "
                           "spoken. Install espeak-ng (Linux) to use this.")
            # Translators: why a setting is greyed; starts lowercase, shown after a heading
            voice_off = _("no speech engine is installed")
        return [self._language_row(),
            (_("Text size"), lambda: _("Projector size") if proj else _(TEXT_SIZES[s.text_size]),
             lambda d: self._step("text_size", d, len(TEXT_SIZES)),
             forced if proj else _("Passages, choices and menus reflow to the new size"),
             _("projector mode sets the text size") if proj else ""),
            (_("High contrast"),
             lambda: _("On (projector mode)") if proj else onoff(s.high_contrast),
             lambda d: self._flip("high_contrast"),
             forced if proj else _("Black background, white text, yellow focus"),
             _("projector mode always uses high contrast") if proj else ""),
            (_("Reduced motion"), lambda: onoff(s.reduced_motion),
             lambda d: self._flip("reduced_motion"),
             _("No animations; passages appear at once"), ""),
            (_("Text speed"), lambda: _(TEXT_SPEEDS[s.text_speed]),
             lambda d: self._step("text_speed", d, len(TEXT_SPEEDS)),
             _("How fast passages type out; any key shows the rest at once"), ""),
            (_("Volume"),
             # Translators: the volume setting's value, {percent} from 0 to 100
             lambda: _("{percent}%").format(percent=s.volume * 10),
             lambda d: self._step("volume", d, 11, False),
             _("Sound cues for ratings and your score"), ""),
            (_("Sound"), lambda: self.app.sound.status(s.muted), lambda d: self._flip("muted"),
             _("Mute every sound"), ""),
            (_("Display"),
             # Translators: the Display setting's values: the game fills the screen, or not
             lambda: _("Full screen") if s.fullscreen else _("Window"),
             lambda d: self._fullscreen(), _("F11 switches at any time"), ""),
            (_("Self-voicing"),
             lambda: _("Unavailable") if voice_off else onoff(s.self_voicing),
             lambda d: self._voice(), voice_note, voice_off),
            (_("Projector mode"), lambda: onoff(s.projector), lambda d: self._flip("projector"),
             _("Extra-large text and high contrast for a classroom screen"), ""),
            (_("Vote countdown"),
             # Translators: the vote countdown's length; "s" abbreviates seconds
             lambda: (_("{seconds} s").format(seconds=s.countdown) if s.countdown else _("Off"))
             if proj else _("Projector mode only"),
             lambda d: self._countdown(d),
             _("Projector mode: seconds to discuss before a choice can be made") if proj else
             _("Only in projector mode: seconds to discuss before a choice can be made"),
             "" if proj else _("the countdown is for projector mode")),
            (_("Presenter view"),
             # Translators: the presenter view's state: its window is open, or it is on
             # but there is only one display to show it on
             lambda: (_("Open") if self.app.presenter else _("On, one display"))
             if s.presenter else _("Off"), lambda d: self._presenter(),
             _("With two displays, a teacher's window beside the projector's: notes, the "
               "vote, the clock. With one, F2 shows the notes here"), ""),
            (_("Audience display"),
             # Translators: which display the class sees: the last one, or display 0, 1, …
             lambda: _("The last one") if s.audience_display < 0 else
             _("Display {number}").format(number=s.audience_display), lambda d: self._audience(d),
             _("The display the class sees, counted from 0; applies at the next start"), ""),
        ]

    def _language_row(self) -> Row:
        """First, and labelled in English too while the game speaks another language, so a
        player who cannot read the current one can still find their way back."""
        label = _("Language")
        if i18n.current() != "en" and label != "Language":
            label = f"{label} · Language"
        return (label, self._language_value, self._language,
                _("The game's own words. Automatic follows the story's language, then this "
                  "computer's; a story with a translation into the chosen language is played "
                  "in it from its next start"), "")

    def _language_value(self) -> str:
        chosen = self.app.settings.language
        if chosen:
            return i18n.endonym(chosen)
        # Translators: the Automatic language setting, with the language now in use
        return _("Automatic ({language})").format(language=i18n.endonym(i18n.current()))

    def _language(self, d: int) -> None:
        from ..settings import LANGUAGE_CHOICES
        s = self.app.settings
        i = LANGUAGE_CHOICES.index(s.language) if s.language in LANGUAGE_CHOICES else 0
        focus = self.focus
        self.app.set_language(LANGUAGE_CHOICES[(i + d) % len(LANGUAGE_CHOICES)])
        self.focus = focus
        b = self.focused()
        if b is not None:
            self.app.speak_button(b)

    def layout(self) -> None:
        self._rows = self.rows()
        self.buttons = [Button(label, (lambda f=change: f(1)), value=value(), kind="quiet",
                               compact=True, enabled=not off,
                               # Translators: read aloud: a setting's name, then its note
                               speak=_("{setting}. {note}").format(setting=label, note=note)
                               if note else label)
                        for label, value, change, note, off in self._rows]
        self.buttons.append(Button(_("Done"), self.app.pop, kind="primary", compact=True))
        # The focused row's explanation shows in a footer, so every row stays one line high.
        width = min(self.theme.px(760), self.theme.w - self.theme.px(60)) - self.theme.px(64)
        notes = [self.rend.block(row[3] or " ", width, "small", "italic", 1.3)
                 for row in self._rows]
        self._notes = notes
        self.panel_layout(760, footer=max(b.height for b in notes) + self.theme.px(20),
                          gap=6)

    def refused(self, b) -> None:
        """A greyed row: say why it does not apply, change nothing."""
        i = self.buttons.index(b)
        self.app.sound.play("locked")
        why = self._rows[i][4]
        # Translators: a toast's title when a greyed setting is picked; {setting} is its name
        self.app.toast(why[:1].upper() + why[1:], "locked",
                       _("{setting} unavailable").format(setting=b.label))

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
        self.app.speech.say(_("Self-voicing on") if s.self_voicing else "")

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

    def spoken(self) -> str:
        # Translators: read aloud: a setting's name, then its value
        rows = [_("{setting}: {value}").format(setting=label, value=value())
                for label, value, *rest in self._rows]
        # Translators: read aloud: {rows} is each setting and its value ("Volume: 80%. …")
        return _("Settings. {rows}").format(rows=". ".join(rows))
