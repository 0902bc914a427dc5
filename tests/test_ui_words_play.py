"""The play, pause-card, tally, ending, history, what-if, error and menu screens show their own
words through the catalogue: in the pseudo-language (every letter accented) none of the English
strings marked in those files is drawn or spoken as it is, and switching the language back
rewords what is on screen at the next layout."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
import re
import sys
from pathlib import Path
import pytest

from ui_helpers import REPO, TUTORIAL, app, home, make_app, pygame, start  # noqa: F401

from game import i18n

FILES = [REPO / "game" / "ui" / "screens" / f"{name}.py"
         for name in ("play", "pause_card", "ending", "history", "whatif", "error", "menu")]


def marked_phrases():
    """Every English phrase marked in FILES, split at its placeholders; only the pieces long
    enough never to occur by chance in a pack's prose."""
    extract = pytest.importorskip("babel.messages.extract")
    found = set()
    for path in FILES:
        for _line, msg, _comments, _ctx in extract.extract_from_file("python", str(path)):
            for text in (msg if isinstance(msg, tuple) else (msg,)):
                found.update(p.strip() for p in re.split(r"\{[^{}]*\}", text)
                             if len(p.strip()) >= 10 or (p == text and len(p) >= 4))
    return found


@pytest.fixture
def pseudo():
    i18n.set_language("qps")
    yield
    i18n.set_language("en")


OTHERS = ("title.py", "debrief.py", "saves.py", "settings.py", "picker.py", "guide.py")


def from_other_screens() -> bool:
    """True when the caller is a screen these tests do not cover (the title screen beneath)."""
    f = sys._getframe(2)
    for _ in range(6):
        if f is None:
            return False
        if f.f_code.co_filename.endswith(OTHERS):
            return True
        f = f.f_back
    return False


MINE = tuple(str(Path("screens") / f.name) for f in FILES)


def record_drawn(monkeypatch, own=None):
    """Every string handed to the renderer or to a notification, from now on; and in `own`,
    those the covered screens hand to the renderer themselves."""
    from game.ui import notifications, widgets
    shown = []
    feed_message = notifications.Feed.message

    def message(self, text, kind="info", title="", *args, **kw):
        shown.extend((text, title))
        return feed_message(self, text, kind, title, *args, **kw)
    monkeypatch.setattr(notifications.Feed, "message", message)
    for name in ("text", "label", "block"):
        orig = getattr(widgets.Renderer, name)

        def wrap(self, *args, _orig=orig, _name=name, **kw):
            if not from_other_screens():
                shown.extend(a for a in args if isinstance(a, str))
            if own is not None and sys._getframe(1).f_code.co_filename.endswith(MINE):
                own.append(args[0] if _name == "block" else args[2])
            return _orig(self, *args, **kw)
        monkeypatch.setattr(widgets.Renderer, name, wrap)
    return shown


def visit(app, screen, shown):
    """Push `screen`, draw it, note what it says aloud and on its buttons, and leave it."""
    app.push(screen)
    app.draw()
    shown.append(screen.spoken())
    shown.extend(s for b in screen.buttons for s in (b.label, b.sub or "", b.speak or ""))


def play_to_the_end(app, last: bool = False, data=None):
    """Take the first (or last) open choice until an ending, noting in `data` the passages and
    choices as the runtime words them (the author's text with the score filled in)."""
    while True:
        p, views = app.top.passage, app.top.views
        if data is not None:
            data.update((p.text, p.fact.note if p.fact else "", p.speaker_name or ""))
            data.update(s for v in views for s in (v.text, v.reason or ""))
        if app.session.rt.ending is not None:
            return
        ok = [i for i, v in enumerate(views) if v.available]
        app.top.pick(ok[-1] if last else ok[0])
        app.top.finish_reveal()
        app.draw()


def test_every_marked_phrase_goes_through_the_catalogue(home, pseudo, monkeypatch):
    from game.engine.numbers import breakdown_rows
    from game.ui.screens.ending import EndingScreen
    from game.ui.screens.error import ErrorScreen
    from game.ui.screens.history import HistoryScreen
    from game.ui.screens.menu import PauseMenu
    from game.ui.screens.pause_card import PauseCardScreen
    from game.ui.screens.whatif import CompareScreen, WhatIfScreen, rewind_to
    from game.ui.settings import Settings
    phrases = marked_phrases()
    own = []
    shown = record_drawn(monkeypatch, own)
    app = make_app(Settings(reduced_motion=True, projector=True, countdown=30,
                            language="qps"))
    try:
        start(app, TUTORIAL)
        play = app.top
        shown.append(play.spoken())
        play.undo()  # "Nothing to undo yet"
        visit(app, PauseMenu(app), shown)
        app.pop()
        visit(app, PauseCardScreen(app, "Why?"), shown)
        app.pop()
        play.pick(0)  # to a passage with three choices (one locked)
        play.finish_reveal()
        play.room.update(0)  # the countdown starts: its card, and a pick says to wait
        app.draw()
        play.room.blocks()
        play.room.open_tally()
        shown.append(app.top.spoken())
        app.top.entry.type("3")
        app.top.count()
        app.draw()
        shown.append(app.top.spoken())
        app.pop()
        play.room.countdown.skip()
        app.settings.projector = False
        play.layout()
        data = set()
        play_to_the_end(app, data=data)
        shown.append(app.top.spoken())
        visit(app, HistoryScreen(app), shown)
        app.pop()
        visit(app, EndingScreen(app), shown)
        visit(app, WhatIfScreen(app), shown)
        rewind_to(app, 2)
        play_to_the_end(app, last=True, data=data)
        visit(app, CompareScreen(app), shown)
        visit(app, ErrorScreen(app, "pack", []), shown)
        data |= pack_strings(app.session.pack) | {"pack"}  # and the error screen's path
        # the breakdown's row names are the engine's words (game/engine/numbers.py)
        rt = app.session.rt
        data.update(label for label, _text, _part in breakdown_rows(rt.pack.regime, rt.breakdown()))
    finally:
        pygame.quit()
    said = "\n".join(shown)
    assert i18n.pseudo("Paused") in said and i18n.pseudo("Two runs compared") in said
    left = sorted(p for p in phrases if p in said)
    assert not left, f"shown without a catalogue lookup: {left}"
    plain = sorted({w for text in own for w in english_words(text, data)})
    assert not plain, f"words drawn without a catalogue lookup: {plain}"


KEPT = {"Standing"}  # the game's name


def pack_strings(pack) -> set:
    """Every string in the loaded pack (the author's words, never translated by the game)."""
    out, todo, seen = set(), [pack], set()
    while todo:
        x = todo.pop()
        if isinstance(x, str):
            out.add(x)
            continue
        if id(x) in seen or isinstance(x, (int, float, bytes, type(None))):
            continue
        seen.add(id(x))
        if isinstance(x, Mapping):
            todo.extend(x.keys())
            todo.extend(x.values())
        elif isinstance(x, (list, tuple, set, frozenset)):
            todo.extend(x)
        elif dataclasses.is_dataclass(x):
            todo.extend(getattr(x, f.name) for f in dataclasses.fields(x))
    return out


def english_words(text: str, data: set):
    """Words of plain ASCII letters left in `text` once the pack's own strings are taken out:
    in the pseudo-language every word of the game's own has an accented letter."""
    text = " ".join(text.replace("**", "").split())
    for d in sorted(data, key=len, reverse=True):
        d = " ".join(d.replace("**", "").split())
        if len(d) > 2:
            text = text.replace(d, " ").replace(d.upper(), " ")
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in KEPT]


def test_a_change_of_language_rewords_the_screen_at_its_next_layout(app, monkeypatch):
    from game.ui.screens.menu import PauseMenu
    start(app, TUTORIAL)
    menu = PauseMenu(app)
    app.push(menu)
    try:
        i18n.set_language("qps")
        app.relayout()
        assert menu.heading == i18n.pseudo("Paused")
        assert menu.buttons[0].label == i18n.pseudo("Resume")
    finally:
        i18n.set_language("en")
    app.relayout()
    assert (menu.heading, menu.buttons[0].label) == ("Paused", "Resume")
