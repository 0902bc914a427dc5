"""The phone page and the server's sentences in the game's language (game/phones/page.py): the
page is filled per language, its words escaped for where they go, and a refusal is said in the
language the game speaks when it answers."""
import json
import re

import pytest

from phones_helpers import request, server  # noqa: F401

from game import i18n
from game.phones import page
from game.phones.room import REFUSALS
from game.phones.server import PAGE

HOSTILE = "</script><img src=x onerror=alert(1)>\"'&\u2028"


@pytest.fixture
def pseudo():
    i18n.set_language("qps")
    yield
    i18n.set_language("en")


def words_of(html: str) -> dict:
    found = re.search(r"var W = (\{.*?\});", html)
    assert found, "the script's words are in the page"
    return json.loads(found.group(1))


def test_the_english_page_says_what_it_always_said():
    html = page.render(PAGE.read_text(encoding="utf-8"), "K7QX")
    assert '<html lang="en">' in html
    assert "<title>Standing: class vote, room K7QX</title>" in html
    assert 'aria-label="room code">K7QX</span>' in html
    assert "Joining the class\u2026</div>" in html and 'aria-label="Choices"' in html
    assert "Nothing is kept after the lesson." in html
    assert "{{" not in html, "every mark is filled"
    words = words_of(html)
    assert words.keys() == page.WORDS.keys()
    assert words["voted_open"] == "You voted {letter}. You can change it until the vote closes."


def test_the_page_in_another_language_has_no_english_word_left(pseudo):
    html = page.render(PAGE.read_text(encoding="utf-8"), "K7QX")
    assert '<html lang="qps">' in html
    assert i18n.pseudo("Joining the class\u2026") in html
    for english in ("Joining the class", '"Choices"', "room code", "Your vote is anonymous"):
        assert english not in html, english
    words = words_of(html)
    assert words["sending"] == i18n.pseudo("Sending your vote for {letter}\u2026")
    assert "{letter}" in words["sending"], "the script fills the same named places"


def test_translated_words_cannot_break_out_of_the_html_or_the_script(monkeypatch):
    monkeypatch.setattr(page, "_", lambda s: HOSTILE)
    html = page.render(PAGE.read_text(encoding="utf-8"), "K7QX")
    assert "<img" not in html and "</script><" not in html.replace("</script>\n</body>", "")
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&amp;" in html
    script = html[html.index("<script>"):]
    assert "\u2028" not in script, "an old phone's parser ends a string at U+2028"
    assert set(words_of(html).values()) == {HOSTILE}
    assert html.count("</script>") == 1


def test_the_server_answers_in_the_language_the_game_speaks_now(server):  # noqa: F811
    status, body = request(server, "GET", "")
    assert status == 200 and '<html lang="en">' in body["text"]
    i18n.set_language("qps")
    try:
        status, body = request(server, "GET", "")
        assert '<html lang="qps">' in body["text"]
        status, said = request(server, "POST", "vote", b'{"token": "forged"}',
                               {"Content-Type": "application/json"})
        assert status == 403 and said["error"] == i18n.pseudo(REFUSALS["token"])
        assert said["code"] == "token", "the code a program reads stays as it is"
    finally:
        i18n.set_language("en")
    status, body = request(server, "GET", "")
    assert '<html lang="en">' in body["text"]
