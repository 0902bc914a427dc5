"""Every word the window shows comes from a catalogue: each screen of the layout test is drawn in
the pseudo-language `qps` (every letter of a looked-up string accented), with the packs played in
a pseudo translation made the same way, and any plain English word that is drawn is one the code
shows without gettext. Then the same screens in German, Spanish and Chinese: the catalogue's words
are the ones drawn."""
from __future__ import annotations

import re
import shutil

import pygame
import pytest
import yaml

import test_ui_layout as layout
from ui_helpers import REPO, home, make_app, pump  # noqa: F401

from game import i18n
from game.packs.translation import skeleton
from game.ui.layoutlog import LayoutLog, RecordingSurface
from game.ui.settings import Settings

# Words that are the same in every language: key names inside hints, and the game's name.
KEPT = {"Xg",  # measures a line's height; never drawn
        "qps", "Language",  # the pseudo-language's name; "Language" is kept beside its translation
        "Esc", "Enter", "Tab", "PgDn", "PgUp", "Shift", "Ctrl", "Space", "Backspace", "Delete",
        "Home", "End", "F1", "F2", "F5", "F11", "Standing"}
ENGLISH = re.compile(r"[A-Za-z]{2,}")
SOURCE = re.compile(r"^ *source: *(.*)$", re.M)


def pseudo_pack(src, dest):
    """A copy of the pack at `src` with a complete translation into `qps`: the pseudo text
    of every source, so a drawn English word cannot be the pack's."""
    from game.packs import load_pack
    shutil.copytree(src, dest)
    data = yaml.safe_load(skeleton(load_pack(str(dest)).pack, "qps"))
    for entry in data["entries"].values():
        entry["text"] = i18n.pseudo(entry["source"])
    (dest / "translations").mkdir(exist_ok=True)
    (dest / "translations" / "qps.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


@pytest.fixture
def pseudo_packs(tmp_path, monkeypatch):
    """The two packs the screens play, as the only bundled ones, each with a `qps` translation;
    returns the words of their authors and licences (names, not words to translate)."""
    story = tmp_path / "story"
    monkeypatch.setattr(layout, "TUTORIAL", pseudo_pack(layout.TUTORIAL, story / "tutorial"))
    monkeypatch.setattr(layout, "CITY", pseudo_pack(layout.CITY, story / "standing-city"))
    monkeypatch.setenv("STANDING_STORY_DIR", str(story))
    names = set()
    for pack in ("tutorial", "standing-city"):
        info = yaml.safe_load((story / pack / "pack.yaml").read_text(encoding="utf-8"))
        names.update(ENGLISH.findall(" ".join(map(str, [info.get("licence", ""),
                                                         *info.get("authors", [])]))))
        for episode in (story / pack / "episodes").glob("*.yaml"):  # facts cite as published
            for line in SOURCE.findall(episode.read_text(encoding="utf-8")):
                names.update(ENGLISH.findall(line))
    return names


def drawn_words(app) -> dict:
    """Every string the renderer made for one frame of the top screen."""
    log = app.rend.log
    log.text_ids.clear()
    app.rend.clear()
    app.surface = RecordingSurface((app.theme.w, app.theme.h), log)
    app.draw()
    return dict(log.text_ids)


def untranslated(texts, names=frozenset()) -> list:
    found = []
    for text in texts:
        words = [w for w in ENGLISH.findall(text) if w not in KEPT and w not in names]
        if words:
            found.append(text)
    return found


def test_every_screen_draws_only_catalogue_words(home, pseudo_packs):
    app = make_app(Settings(reduced_motion=True, language="qps"))
    app.rend.log = LayoutLog()
    problems = []
    try:
        assert i18n.current() == "qps"
        for name, setup in layout.scenarios():
            if name == "guide":  # the guide screen shows a pack's own Markdown, read as is
                continue
            setup(app)
            pump(app, 2)
            for text in untranslated(drawn_words(app).values(), pseudo_packs):
                problems.append(f"{name}: {text!r}")
    finally:
        pygame.quit()
    assert not problems, f"{len(problems)} strings skipped the catalogue:\n" + "\n".join(
        sorted(set(problems))[:80])


def title_words():
    return [i18n._(w) for w in ("New game", "Settings", "Quit")]


@pytest.mark.parametrize("tag", ["de", "es", "zh-Hans"])
def test_the_title_speaks_the_chosen_language(home, tag):
    app = make_app(Settings(reduced_motion=True, language=tag))
    app.rend.log = LayoutLog()
    try:
        texts = " ".join(drawn_words(app).values())
        words = title_words()
    finally:
        pygame.quit()
    assert i18n.current() == tag
    for english, word in zip(("New game", "Settings", "Quit"), words):
        assert word != english and word in texts, (tag, word, texts[:300])


def test_settings_switch_the_game_words_with_the_keyboard(home):
    """Settings, the Language row (first), Right: each language in turn, everywhere at once,
    and saved for the next start."""
    from game.ui.screens.settings import SettingsScreen
    from ui_helpers import key
    app = make_app(Settings(reduced_motion=True))
    app.rend.log = LayoutLog()
    seen = {}
    try:
        app.push(SettingsScreen(app))
        pump(app, 2)
        assert app.top.focus == 0 and app.top.buttons[0].label == "Language"
        for _ in range(4):  # Automatic -> English -> Deutsch -> Español -> 简体中文
            key(app, "right")
            pump(app, 2)
            texts = " ".join(drawn_words(app).values())
            seen[app.settings.language] = i18n.current()
            assert i18n._("Settings") in texts and i18n._("Language") in texts
        assert Settings.load().language == "zh-Hans"
        key(app, "escape")
        pump(app, 2)
        assert app.top.name == "title"
        texts = " ".join(drawn_words(app).values())
        assert all(w in texts for w in title_words()), texts[:300]
    finally:
        pygame.quit()
    assert seen == {"en": "en", "de": "de", "es": "es", "zh-Hans": "zh-Hans"}


def test_a_chinese_guide_table_breaks_between_characters(home):
    """Column widths measure with the fonts that draw the text, and a Chinese cell may break
    after any character, so a long cell wraps instead of taking the whole table."""
    from game.ui.screens.guide import column_widths
    app = make_app(Settings(reduced_motion=True))
    try:
        rows = [["分钟", "活动"], ["0–5", "热身。提问：“一个支付App在一个月里能了解你哪些事？”把答案写在"
                                         "黑板上。先不要提信用分。"]]
        widths = column_widths(app.rend, rows, 600)
        han = app.rend.measure("body", app.theme.text_px("small"), "分钟")
    finally:
        pygame.quit()
    assert sum(widths) <= 600
    assert widths[0] >= han  # the Han heading is measured with the CJK font, not a box's width
    assert widths[0] < 150  # the short column stays short; the long one takes the rest


def test_automatic_keeps_the_packs_language_into_the_next_episode(home, monkeypatch):
    """On an English system, the tutorial played in German (`play --lang de`) shows German
    words, and the next episode (opened over the title, under the hood) keeps them; the title
    itself is English again."""
    from game.ui import session
    from game.ui.screens.ending import EndingScreen
    from ui_helpers import TUTORIAL, key
    monkeypatch.setattr(session, "LANGUAGE", "de")
    app = make_app(Settings(reduced_motion=True))
    try:
        assert i18n.current() == "en"
        assert app.start_game(str(TUTORIAL), seed=1)
        assert i18n.current() == "de"
        for k in ("1", "1", "1", "1"):
            key(app, k)
        assert app.session.rt.ending is not None
        app.push(EndingScreen(app))
        app.top.next_episode()
        pump(app, 2)
        assert app.top.name == "play" and i18n.current() == "de"
        app.home()
        assert i18n.current() == "en"
    finally:
        pygame.quit()
