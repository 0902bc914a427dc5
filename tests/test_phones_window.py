"""Votes from phones through the real window (SDL dummy driver) and the real server on
loopback: simulated phones (aiohttp clients) vote, the teacher's keys are real pygame events,
and what the windows draw is checked. The end-to-end test: 60 phones play an episode of
story/standing-city by their votes to an ending."""
import time
from types import SimpleNamespace

import pygame
import pytest

from ui_helpers import REPO, TUTORIAL, home, key, pump  # noqa: F401

from game.phones.simulate import Phones

CITY = REPO / "story" / "standing-city"


def make(pack, monkeypatch=None, presenter=False, **settings):
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings
    if presenter:
        monkeypatch.setenv("STANDING_PRESENTER", "both")
    args = SimpleNamespace(pack=str(pack), projector=True, presenter=presenter,
                           audience_display=None, phones=True, lan=False, seed=1, episode=None)
    app = App(args, size=(1280, 720), settings=Settings(reduced_motion=True, **settings))
    app.push(TitleScreen(app))
    app.after_first_frame()
    app.draw()
    assert app.phones is not None and app.phones.server.wait_ready()
    pump(app, 2)
    assert app.top.name == "join", "turning phones on shows the join card"
    key(app, "return")
    return app


def until(app, cond, timeout=20.0) -> bool:
    """Run frames until cond() (bounded; waits for phones' news, asserts no speed)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        pump(app)
        if cond():
            return True
        time.sleep(0.005)
    return cond()


def votes_in(app, n) -> bool:
    b = app.phones
    return bool(b.round) and b.counts.round == b.round and b.counts.votes_in >= n


def play_screen(app):
    return next(s for s in reversed(app.stack) if s.name == "play")


def to_a_real_choice(app) -> None:
    """On to the first choice point with two choices or more (A takes a lone choice)."""
    for _ in range(20):
        if app.top.name == "pause":
            key(app, "return")
        elif len(play_screen(app).views) < 2:
            key(app, "a")
            pump(app, 3)
        else:
            return
    raise AssertionError("no choice point with two choices")


@pytest.fixture
def cleanup():
    made = []
    yield made
    for x in made:
        x.stop()
    pygame.quit()


def test_sixty_phones_play_an_episode_of_standing_city_to_an_ending(home, cleanup):  # noqa: F811
    app = make(CITY)
    class_ = Phones(app.phones.ready.url, n=60, seed=11)
    cleanup += [class_, app.phones]
    class_.start()
    assert class_.wait_joined()
    assert until(app, lambda: app.phones.counts.joined == 60)
    steps = 0
    while play_screen(app).rt.ending is None:
        assert steps < 60, "an episode ends within 60 votes"
        if app.top.name == "pause":
            key(app, "return")
            continue
        assert until(app, lambda: votes_in(app, 60)), (steps, play_screen(app).rt.state.scene, app.classroom.phones_status, class_.refused)
        rt = play_screen(app).rt
        before = len(rt.state.history)
        key(app, "t")
        key(app, "return")  # count: the phones' votes go into the projector's vote
        assert app.top.name == "tally" and app.classroom.vote.result is not None
        assert sum(app.classroom.vote.result.counts) == 60
        key(app, "return")  # take the class's choice
        assert len(rt.state.history) == before + 1
        steps += 1
        pump(app, 3)
    tallies = play_screen(app).rt.state.extra["tallies"]
    assert len(tallies) == steps >= 3
    assert all(sum(t["counts"]) == 60 for t in tallies.values()), "the report keeps each count"
    assert class_.refused == []


def test_the_presenter_shows_phones_joined_and_votes_in_never_who_voted_what(
        home, monkeypatch, cleanup):  # noqa: F811
    from test_ui_presenter import shown
    app = make(TUTORIAL, monkeypatch, presenter=True)
    class_ = Phones(app.phones.ready.url, n=12, seed=3, pick=lambda i, r: "A")
    cleanup += [class_, app.phones]
    class_.start()
    assert until(app, lambda: votes_in(app, 12))
    _, teacher = shown(app)
    assert "12 phones joined" in teacher and "12 of 12 voted" in teacher
    assert "Room " + app.phones.ready.room in teacher
    assert "A   12" not in teacher, "no tally while the vote is open"


def test_typed_hands_add_to_the_phones_votes(home, cleanup):  # noqa: F811
    app = make(CITY)
    to_a_real_choice(app)
    class_ = Phones(app.phones.ready.url, n=5, seed=3, pick=lambda i, r: "A")
    cleanup += [class_, app.phones]
    class_.start()
    assert until(app, lambda: votes_in(app, 5))
    key(app, "t")
    key(app, "b")
    key(app, "7")  # seven hands for B from students without phones
    key(app, "return")
    assert app.classroom.vote.result.counts[:2] == (5, 7)
    assert app.classroom.vote.result.chosen == 1


def test_the_countdown_reaching_zero_closes_and_counts_the_phones_vote(home, cleanup):  # noqa: F811
    app = make(CITY, countdown=10)
    class_ = Phones(app.phones.ready.url, n=9, seed=5, pick=lambda i, r: "A")
    cleanup += [class_, app.phones]
    to_a_real_choice(app)
    class_.start()
    assert until(app, lambda: votes_in(app, 9) and app.classroom.counting)
    pump(app, 12, dt=1.0)  # ten seconds pass on the countdown
    assert app.top.name == "tally"
    assert app.classroom.vote.result is not None and app.classroom.vote.result.counts[0] == 9
    assert until(app, lambda: app.phones.counts.round == 0), "the server closed the round"


def test_a_choice_made_another_way_ends_the_round(home, cleanup):  # noqa: F811
    app = make(TUTORIAL)
    cleanup.append(app.phones)
    assert until(app, lambda: app.phones.round == 1 and app.phones.counts.round == 1)
    from phones_helpers import join, post
    srv = app.phones.server
    tok = join(srv)
    key(app, "a")  # the teacher picks A on the projector, without a vote
    assert until(app, lambda: app.phones.round != 1)
    assert until(app, lambda: post(srv, "vote", {"token": tok, "round": 1, "choice": "A"})[1]
                 .get("code") in ("no-round", "closed")), "round 1 takes no more votes"


def test_f6_turns_phones_off_and_the_server_stops(home, cleanup):  # noqa: F811
    app = make(TUTORIAL)
    bridge = app.phones
    port = bridge.ready.port
    key(app, "f6")
    assert app.phones is None
    assert app.classroom.phones_status == "" and app.classroom.phones is None
    assert until(app, lambda: not bridge.server.running, 5), "the server stops on its thread"
    import socket
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    key(app, "f6")
    assert app.phones is not None and app.top.name == "join"
    cleanup.append(app.phones)
    assert app.phones.server.wait_ready()
    assert until(app, lambda: app.phones.ready is not None)
    assert app.phones.ready.port != port or app.phones.ready.room != bridge.ready.room


def test_without_phones_nothing_listens(home, monkeypatch):  # noqa: F811
    from ui_helpers import make_app
    from game.phones import PhoneServer

    def refuse(self):
        raise AssertionError("a vote server started with phones off")
    monkeypatch.setattr(PhoneServer, "start", refuse)
    app = make_app()
    try:
        assert app.start_game(str(TUTORIAL), seed=1)
        pump(app, 5)
        key(app, "t")  # a class vote by hands: still no server
        assert app.phones is None and app.classroom.phones is None
        assert app.classroom.vote is not None and app.classroom.vote.phones is None
    finally:
        pygame.quit()


def test_the_join_card_draws_a_qr_code_that_matches_the_address(home, cleanup):  # noqa: F811
    import segno
    from game.ui.phones import JoinScreen, qr_surface
    app = make(TUTORIAL)
    cleanup.append(app.phones)
    url = app.phones.ready.url
    surf = qr_surface(url, 400)
    matrix = segno.make(url, error="m", boost_error=False).matrix
    n = len(matrix) + 8
    k = surf.get_width() // n
    assert surf.get_width() == k * n <= 400 and k >= 3
    for y in range(len(matrix)):
        for x in range(len(matrix)):
            px = surf.get_at(((x + 4) * k + k // 2, (y + 4) * k + k // 2))[:3]
            assert px == ((0, 0, 0) if matrix[y][x] else (255, 255, 255))
    key(app, "f7")
    assert app.top.name == "join"
    from test_ui_presenter import drawn
    text = drawn(app.rend, app.draw)
    assert "Room " + app.phones.ready.room in text
    host, _, path = url.replace("http://", "").partition("/")
    assert host in text and "/" + path in text, "the address to type, on two lines"
    assert "joined" in text
    for b in app.top.buttons:
        assert not b.rect.colliderect(app.top.qr_box), "the button never covers the code"
    assert isinstance(app.top, JoinScreen)


def test_f6_in_the_presenter_window_turns_phones_on(home, monkeypatch, cleanup):  # noqa: F811
    from test_ui_presenter import press, shown
    from game.ui.app import App
    from game.ui.screens.title import TitleScreen
    from game.ui.settings import Settings
    monkeypatch.setenv("STANDING_PRESENTER", "both")
    args = SimpleNamespace(pack=None, projector=True, presenter=True, audience_display=None)
    app = App(args, size=(1280, 720), settings=Settings(reduced_motion=True))
    app.push(TitleScreen(app))
    app.after_first_frame()
    assert app.phones is None
    press(app, "f6", window=app.presenter.window)
    assert app.phones is not None, "the teacher's window turns phones on"
    cleanup.append(app.phones)
    assert app.top.name == "join", "and the class sees the join card"
    assert until(app, lambda: app.phones.ready is not None)
    assert app.phones.ready.host == "127.0.0.1", "this computer only until F8"
    _, teacher = shown(app)
    assert "0 phones joined" in teacher and "F8" in teacher
