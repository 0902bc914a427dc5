"""Privacy: the game makes no network connection and collects nothing about the player."""
import dataclasses
import io
import json
import socket
import urllib.error
import urllib.request

import pytest

from conftest import TUTORIAL
from game.engine import GameState, Runtime, play_path
from game.packs import load_pack
from game.report import render_report
from game.text import TextPlayer
from privacy_helpers import NetworkBlocked, SocketGuard, no_network, run_guarded  # noqa: F401

# Enough answers to play the tutorial to its end whatever is locked: "1" takes the first
# choice, and when that one is locked the "2" after it takes the next; any answer begins the
# next episode.
ANSWERS = "1\n2\n" * 40


def test_the_guard_refuses_and_records(no_network):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.org", 80))
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen("http://example.org/", timeout=1)
    assert len(no_network.attempts) == 2
    assert no_network.attempts[0].startswith("socket.create_connection")


def test_the_guard_undoes_itself():
    original = socket.getaddrinfo
    with SocketGuard():
        assert socket.getaddrinfo is not original
    assert socket.getaddrinfo is original


def test_a_whole_game_in_the_terminal_touches_no_network(no_network):
    pack = load_pack(str(TUTORIAL)).pack
    out = io.StringIO()
    code = TextPlayer(Runtime.start(pack, seed=1), io.StringIO(ANSWERS), out).run()
    assert code == 0
    assert "The end." in out.getvalue()
    assert no_network.attempts == []


def test_the_command_line_game_touches_no_network():
    run = run_guarded(["game", "play", "--text", str(TUTORIAL), "--seed", "1"], input=ANSWERS)
    assert run.returncode == 0, run.stderr
    assert "The end." in run.stdout
    assert run.attempts == []


def test_the_child_guard_catches_a_connection(tmp_path):
    (tmp_path / "netprobe.py").write_text(
        "import socket\nsocket.getaddrinfo('example.org', 443)\n", encoding="utf-8")
    run = run_guarded(["netprobe"], cwd=tmp_path)
    assert run.returncode != 0 and "NetworkBlocked" in run.stderr
    assert len(run.attempts) == 1 and run.attempts[0].startswith("socket.getaddrinfo")


@pytest.fixture
def finished_run():
    pack = load_pack(str(TUTORIAL)).pack
    return play_path(Runtime.start(pack, seed=3), [0, 1, 0, 0, 1, 0])


def test_a_report_is_written_without_the_network(no_network, finished_run):
    html = render_report(finished_run.pack, finished_run.state)
    assert "<svg" in html
    assert no_network.attempts == []


def test_the_report_command_touches_no_network(tmp_path, finished_run):
    save = tmp_path / "run.json"
    save.write_text(json.dumps({"save_format": 1, "pack_path": str(TUTORIAL),
                                "pack_id": "tutorial", "episode": "commute",
                                "score_text": finished_run.score_text, "saved_at": 0,
                                "state": finished_run.state.to_dict()}), encoding="utf-8")
    out = tmp_path / "report.html"
    run = run_guarded(["game", "report", str(save), "-o", str(out)])
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run.attempts == []


def test_the_run_state_holds_nothing_about_the_player(finished_run):
    """The run state is what saves and reports are made of: choices and numbers, no identity.
    A new field that could hold personal data should fail here and get a privacy review."""
    personal = ("name", "email", "age", "birth", "school", "class", "address", "phone",
                "location", "user", "player", "ip", "device")
    for f in dataclasses.fields(GameState):
        assert not any(word in f.name.lower().split("_") for word in personal), f.name
    assert set(finished_run.state.to_dict()) == {f.name for f in
                                                 dataclasses.fields(GameState)} | {"format"}


def test_the_terminal_game_never_asks_who_you_are():
    pack = load_pack(str(TUTORIAL)).pack
    out = io.StringIO()
    TextPlayer(Runtime.start(pack, seed=1), io.StringIO(ANSWERS), out).run()
    said = out.getvalue().lower()
    for question in ("your name", "e-mail", "email", "how old", "your school", "sign in",
                     "log in"):
        assert question not in said
