"""The menus' and classroom screens' own words go through the catalogue when they are laid out,
so a language chosen while the game runs reaches screens already open; the save list's times
follow the language too. The pseudo-language (every letter accented) stands in for a real one."""
from datetime import datetime
from types import SimpleNamespace

import pytest

from game import i18n
from game.ui.screens import saves as saves_screen
from game.ui.screens.debrief import plural_n
from game.ui.screens.lab import LabScreen
from ui_helpers import app, home, key  # noqa: F401


@pytest.fixture
def pseudo():
    """Switch to the pseudo-language for one test, and back to English after it."""
    i18n.set_language("qps")
    yield i18n.pseudo
    i18n.set_language("en")


def test_open_screens_take_a_new_language_at_the_next_layout(app, pseudo):
    from game.ui.screens.settings import SettingsScreen
    i18n.set_language("en")
    app.push(SettingsScreen(app))
    title, settings = app.stack[0], app.top
    assert [b.label for b in title.buttons][:2] == ["Continue", "New game"]
    i18n.set_language("qps")
    app.relayout()  # what a language change does: every screen lays out again
    assert [b.label for b in title.buttons][:2] == [pseudo("Continue"), pseudo("New game")]
    assert settings.heading == pseudo("Settings")
    assert settings.buttons[-1].label == pseudo("Done")
    assert settings.spoken().startswith(pseudo("Settings.") + " " + pseudo("Language"))
    assert " " + pseudo("Text size") + ":" in settings.spoken()


def test_a_save_time_is_written_in_the_players_language(monkeypatch):
    stamp = datetime(2026, 3, 5, 14, 7).timestamp()
    assert saves_screen.saved_when(stamp) == "05 Mar 2026, 14:07"
    assert saves_screen.saved_when(0) == ""
    assert saves_screen.saved_when(1e300) == ""  # a hand-edited time: no date, no crash
    # A translator's pattern Babel cannot read gives the language's own medium form.
    monkeypatch.setattr(saves_screen, "_", lambda s: "qqqqqqqqq" if s.startswith("dd") else s)
    assert saves_screen.saved_when(stamp) == i18n.format_datetime(
        datetime.fromtimestamp(stamp), "medium")


def test_a_door_in_the_lab_reads_as_one_sentence_in_any_language(pseudo):
    door = SimpleNamespace(step=3, text="Take the bus", was="open", now="locked",
                           reason="needs 4.200", taken=True)
    i18n.set_language("en")
    assert LabScreen._door(door) == ("**Choice 3: Take the bus**  was open, now "
                                     "**locked:** needs 4.200  (the player took it)")
    i18n.set_language("qps")
    line = LabScreen._door(door)
    assert "Take the bus" in line and "needs 4.200" in line  # the pack's words stay its own
    assert pseudo("locked") in line and pseudo("open") in line and "was" not in line


def test_plural_counts_for_numbers_with_decimals():
    assert [plural_n(x) for x in (1, 1.0, 4, 4.5, 0.5)] == [1, 1, 4, 2, 2]
