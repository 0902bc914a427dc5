"""The window's own words outside the screens follow the game's language: the score panel, the
presenter window (its title too) and the phones' join card and status, drawn under the dummy
driver in the pseudo-language, where a word left in plain English skipped the catalogue."""
import pytest

from test_ui_presenter import drawn, press, two  # noqa: F401
from ui_helpers import home, pump  # noqa: F401

from game import i18n
from game.ui.presenter import TITLE

q = i18n.pseudo


@pytest.fixture
def pseudo():
    yield
    i18n.set_language("en")


def test_the_presenter_and_the_score_panel_speak_the_new_language(two, pseudo):  # noqa: F811
    app = two
    i18n.set_language("qps")
    app.relayout()  # what the Language setting does after a switch
    assert app.presenter.window.title == q(TITLE)
    app.presenter.update()
    app.presenter.dirty = True
    teacher = drawn(app.presenter.rend, app.presenter.draw)
    for words in ("PRESENTER  \u00b7  ONLY YOU SEE THIS WINDOW", "THE CLASS SEES", "Class vote"):
        assert q(words) in teacher and words not in teacher, words
    assert "opens a vote" not in teacher and q("opens") in teacher  # a wrapped sentence
    assert "NEXT PROMPT" not in teacher and q("Next prompt").upper() in teacher
    assert "digits type the hands" not in teacher  # KEYS_HELP
    play = next(s for s in app.stack if s.name == "play")
    while app.top is not play:
        app.pop()
    app.dirty = True
    audience = drawn(app.rend, app.draw)
    assert q("YOUR STANDING") in audience and "YOUR STANDING" not in audience


def test_the_join_card_and_the_phones_status_follow_a_switch(two, pseudo):  # noqa: F811
    app = two
    press(app, "f6")
    assert app.phones is not None and app.phones.server.wait_ready()
    pump(app, 3)
    assert app.top.name == "join"
    assert "phone" in app.classroom.phones_status  # "0 phones joined"
    try:
        i18n.set_language("qps")
        app.relayout()
        assert app.classroom.phones_status.startswith(q("{n} phones joined").format(n=0))
        card = drawn(app.rend, app.draw)
        assert q("VOTE FROM YOUR PHONE") in card
        for english in ("VOTE FROM YOUR PHONE", "Scan the code", "joined", "Back to the game"):
            assert english not in card, english
    finally:
        app.phones.stop(wait=1.0)
