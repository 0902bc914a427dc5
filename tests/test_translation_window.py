"""`standing play --lang` in the window: the pack is shown in its translation."""
import pygame

from ui_helpers import TUTORIAL, app, home, key, start  # noqa: F401


def test_the_window_plays_a_translation(app, monkeypatch):
    from game.ui import session
    monkeypatch.setattr(session, "LANGUAGE", "es")
    start(app, TUTORIAL)
    play = app.top
    assert app.session.pack.info.language == "es"
    assert [b.label for b in play.buttons] == ["Levantarse"]
    key(app, "1")
    assert app.session.rt.state.scene == "counter"
    labels = [b.label for b in app.top.buttons]
    assert labels[:2] == ["Prepararlo exactamente como siempre",
                          "Invitarle a probar el café nuevo"]
    assert app.top.buttons[2].sub == "Solo para clientes a los que ya has atendido"


def test_a_missing_translation_is_an_error_screen_not_a_crash(app, monkeypatch):
    from game.ui import session
    monkeypatch.setattr(session, "LANGUAGE", "fr")
    assert not app.start_game(str(TUTORIAL), seed=1)
    assert app.top.name == "error"
    assert [d.code for d in app.top.diagnostics] == ["SP046"]
    pygame.event.pump()
