"""Settings: changed by keys on the settings screen, applied at once, kept across restarts."""
import json

import pygame

from game.ui.settings import Settings
from ui_helpers import TUTORIAL, app, home, key, make_app, start  # noqa: F401


def open_settings(app):
    title = app.top
    for _ in range([b.label for b in title.buttons].index("Settings") - title.focus):
        key(app, "down")
    key(app, "return")
    assert app.top.name == "settings"
    return app.top


def focus_row(app, label):
    s = app.top
    while s.buttons[s.focus].label != label:
        key(app, "down")


def test_settings_persist_across_a_restart(home):
    app = make_app(Settings.load())
    open_settings(app)
    focus_row(app, "High contrast")
    key(app, "return")
    focus_row(app, "Text size")
    key(app, "right")
    key(app, "right")
    focus_row(app, "Reduced motion")
    key(app, "return")
    focus_row(app, "Volume")
    key(app, "left")
    assert app.settings.high_contrast and app.settings.text_size == 3
    pygame.quit()
    saved = json.loads((home / "config" / "settings.json").read_text())
    assert saved["high_contrast"] is True and saved["text_size"] == 3
    again = make_app(Settings.load())
    assert again.settings.high_contrast and again.settings.text_size == 3
    assert again.settings.reduced_motion and again.settings.volume == 6
    assert again.theme.pal.bg_top == (0, 0, 0)
    pygame.quit()


def test_text_size_reflows_the_play_screen(app):
    start(app, TUTORIAL)
    lines_before = len(app.top.block.lines)
    px_before = app.top.block.px
    key(app, "escape")
    labels = [b.label for b in app.top.buttons]
    for _ in range(labels.index("Settings")):
        key(app, "down")
    key(app, "return")
    assert app.top.name == "settings"
    focus_row(app, "Text size")  # below Language
    key(app, "right")
    key(app, "right")  # Medium -> Extra large
    key(app, "escape")
    assert app.top.name == "play"
    assert app.top.block.px > px_before
    assert len(app.top.block.lines) >= lines_before


def test_bad_settings_files_fall_back_to_defaults(home):
    path = Settings.path()
    path.parent.mkdir(parents=True)
    path.write_text('{"text_size": 99, "volume": "loud", "muted": 1, "projector": true}')
    s = Settings.load()
    assert s.text_size == 3 and s.volume == 7 and s.muted is False and s.projector is True
    assert s.contrast and s.text_scale > 1.5
    path.write_text("not json")
    assert Settings.load() == Settings()


def test_reduced_motion_means_instant_text(home):
    app = make_app(Settings(reduced_motion=True, text_speed=0))
    start(app, TUTORIAL)
    assert not app.top.busy and not app.animating
    pygame.quit()


def test_self_voicing_says_plainly_when_no_engine(app, monkeypatch):
    import game.ui.speech as speech
    monkeypatch.setattr(speech.shutil, "which", lambda name: None)
    app.speech = speech.Speech(True)
    screen = open_settings(app)
    notes = [n for _, _, _, n, _ in screen._rows if "speech engine" in n]
    assert notes and "No speech engine is installed" in notes[0]
    row = next(i for i, b in enumerate(screen.buttons) if b.label == "Self-voicing")
    b = screen.buttons[row]
    assert not b.enabled and b.value == "Unavailable"  # cannot be switched on for nothing
    focus_row(app, "Self-voicing")
    before = app.settings.self_voicing
    key(app, "right")
    key(app, "return")
    assert app.settings.self_voicing == before
    assert "No speech engine is installed" in app.feed.last_text
    key(app, "escape")
    start(app, TUTORIAL)
    assert "bedside speaker" in app.speech.last  # what it would have said


def test_projector_flag_from_the_command_line(home):
    from types import SimpleNamespace
    from game.ui.app import App
    a = App(SimpleNamespace(pack=None, episode=None, seed=None, projector=True),
            settings=Settings())
    assert a.settings.projector and a.theme.contrast
    pygame.quit()


def test_projector_mode_shows_what_it_forces(home):
    app = make_app(Settings(reduced_motion=True, high_contrast=False, text_size=1))
    screen = open_settings(app)
    rows = {b.label: b for b in screen.buttons}
    assert rows["High contrast"].value == "Off" and rows["High contrast"].enabled
    assert not rows["Vote countdown"].enabled  # the countdown is a projector-mode setting
    focus_row(app, "Projector mode")
    key(app, "return")
    assert app.settings.projector
    rows = {b.label: b for b in app.top.buttons}
    assert rows["High contrast"].value == "On (projector mode)"
    assert not rows["High contrast"].enabled and not rows["Text size"].enabled
    assert rows["Text size"].value == "Projector size"
    assert rows["Vote countdown"].enabled
    focus_row(app, "High contrast")
    assert "Projector mode sets this" in app.top._rows[app.top.focus][3]
    key(app, "right")  # refused, with the reason
    assert app.settings.high_contrast is False
    assert "Projector mode always uses high contrast" in app.feed.last_text
    assert app.theme.contrast  # the effective state, as shown
    pygame.quit()
