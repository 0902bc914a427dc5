"""The window at start-up and on Continue with hostile autosaves: the title says the autosave
is damaged, Continue opens the error screen with the reason, nothing raises."""
import json

import pygame

from game import saves
from game.engine import Runtime
from game.packs import load_pack
from ui_helpers import TUTORIAL, home, key, make_app  # noqa: F401


def _autosave(text: str) -> None:
    path = saves.slot_path(saves.auto_slot("tutorial"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _edited_save() -> str:
    pack = load_pack(str(TUTORIAL)).pack
    rt = Runtime.start(pack, seed=2)
    rt.choose(0)
    doc = json.loads(json.dumps(saves.to_dict(rt, str(TUTORIAL))))
    doc["state"]["history"][0]["records"] = [999]  # used to crash the debrief and report
    return json.dumps(doc)


def test_start_up_with_a_deeply_nested_autosave_shows_it_as_damaged(home):
    _autosave("[" * 200_000 + "]" * 200_000)
    app = make_app()
    try:
        title = app.top
        assert title.name == "title" and not title.auto.ok
        assert title.buttons[0].sub == "The autosave is damaged"
        assert not title.buttons[0].enabled
    finally:
        pygame.quit()


def test_continue_with_an_edited_autosave_opens_the_error_screen(home):
    _autosave(_edited_save())
    app = make_app()
    try:
        assert app.top.auto.ok  # the schema holds; only the replay shows the edit
        key(app, "return")  # Continue has the focus
        assert app.top.name == "error"
        assert app.top.summary.startswith("damaged: ")
        assert "history" in app.top.summary
    finally:
        pygame.quit()
