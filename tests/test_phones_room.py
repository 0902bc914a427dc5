"""The phones' room rules, without a socket: tokens, one vote per token per round, changing a
vote, closed and future rounds, locked choices, and the close that keeps exactly what the game
counted. Also the package boundaries (no pygame in game/phones; the engine never imports it)."""
import ast
from pathlib import Path

from game.phones.limits import Bucket
from game.phones.room import ALPHABET, MAX_TOKENS, Choice, Room

ROOT = Path(__file__).resolve().parent.parent
GO_STAY = [Choice("A", "Go", True, ""), Choice("B", "Stay", True, ""),
           Choice("C", "Bribe", False, "needs Trusted standing")]


def room_with_round(rid=1):
    room = Room.new()
    room.open_round(rid, GO_STAY)
    return room


def test_room_code_and_secret_are_readable_and_differ_per_session():
    a, b = Room.new(), Room.new()
    assert len(a.room) == 4 and len(a.secret) == 10
    assert set(a.room + a.secret) <= set(ALPHABET)
    assert (a.room, a.secret) != (b.room, b.secret)


def test_tokens_are_random_and_unknown_ones_are_refused():
    room = room_with_round()
    t1, t2 = room.join(0), room.join(0)
    assert t1 != t2 and len(t1) >= 20
    assert room.vote("forged-token", 1, "A") == "token"
    assert room.vote(None, 1, "A") == "token"
    other = Room.new()
    assert other.vote(t1, 1, "A") == "token", "a token from another session means nothing"


def test_one_vote_per_token_per_round_and_it_may_change():
    room = room_with_round()
    t = room.join(0)
    assert room.vote(t, 1, "A") == "ok"
    assert room.vote(t, 1, "A") == "ok"  # replayed: still one vote
    assert room.counts() == (1, 0, 0) and room.seq == 1
    assert room.vote(t, 1, "B") == "ok"
    assert room.counts() == (0, 1, 0) and room.votes_in() == 1
    assert room.view(t)["round"]["mine"] == "B"


def test_closed_future_and_missing_rounds_refuse_votes():
    room = Room.new()
    t = room.join(0)
    assert room.vote(t, 1, "A") == "no-round"
    room.open_round(2, GO_STAY)
    assert room.vote(t, 1, "A") == "closed"
    assert room.vote(t, 3, "A") == "future"
    assert room.vote(t, "2", "A") == "bad-choice"
    assert room.vote(t, True, "A") == "bad-choice"
    room.close_round(2, seen=0)
    assert room.vote(t, 2, "A") == "closed"


def test_only_shown_letters_and_never_a_locked_one():
    room = room_with_round()
    t = room.join(0)
    for bad in ("D", "a", "", None, 0, ["A"], {"A": 1}, "A" * 5000):
        assert room.vote(t, 1, bad) == "bad-choice"
    assert room.vote(t, 1, "C") == "locked"
    assert room.counts() == (0, 0, 0)


def test_close_keeps_exactly_the_votes_the_game_saw_and_tells_late_phones():
    room = room_with_round()
    a, b, c = room.join(0), room.join(0), room.join(0)
    room.vote(a, 1, "A")
    room.vote(b, 1, "B")
    seen = room.seq  # the game counted here
    room.vote(c, 1, "A")  # arrives after the count
    room.vote(b, 1, "A")  # a change after the count
    assert room.close_round(1, seen) == (1, 1, 0)
    assert room.view(a)["round"]["late"] is False
    assert room.view(b)["round"]["mine"] == "B" and room.view(b)["round"]["late"]
    assert room.view(c)["round"]["mine"] is None and room.view(c)["round"]["late"]
    assert room.round.log == [], "the order of votes is forgotten once counted"


def test_a_phone_sees_its_own_vote_and_never_anyone_elses():
    room = room_with_round()
    a, b = room.join(0), room.join(0)
    room.vote(a, 1, "A")
    view = room.view(b)
    assert view["round"]["mine"] is None
    assert "counts" not in str(view) and a not in str(view)


def test_the_room_fills_up_and_idle_phones_make_space():
    room = Room.new()
    for _ in range(MAX_TOKENS):
        assert room.join(0) is not None
    assert room.join(10) is None
    assert room.joined(10) == MAX_TOKENS
    assert room.join(100) is not None, "phones idle for a while are forgotten"
    assert room.joined(100) == 1


def test_a_new_round_forgets_the_last_ones_votes():
    room = room_with_round()
    t = room.join(0)
    room.vote(t, 1, "A")
    room.open_round(2, GO_STAY)
    assert room.counts() == (0, 0, 0) and room.view(t)["round"]["mine"] is None


def test_token_bucket_allows_the_burst_then_the_rate():
    b = Bucket(2.0, 3)
    assert [b.take(0.0) for _ in range(4)] == [True, True, True, False]
    assert b.take(0.5) and not b.take(0.5)


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield ("." * node.level) + (node.module or "")


def test_phones_has_no_pygame_and_the_engine_and_classroom_never_import_phones():
    for f in (ROOT / "game" / "phones").rglob("*.py"):
        assert not any(m.split(".")[0] == "pygame" for m in _imports(f)), f
    for pkg in ("engine", "classroom"):
        for f in (ROOT / "game" / pkg).rglob("*.py"):
            assert not any("phones" in m for m in _imports(f)), f
