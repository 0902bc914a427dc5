"""game.savecheck: every reader of a save (the list at start-up, Continue/Load, `standing
report`) answers a hostile file with "damaged: <reason>", never a traceback or a hang."""
import json
import os
from pathlib import Path

import pytest

from game import saves, savecheck
from game.cli import main
from game.engine import Runtime
from game.packs import load_pack
from game.savecheck_schema import check, schema_text

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = str(ROOT / "story" / "tutorial")


@pytest.fixture(scope="module")
def pack():
    r = load_pack(TUTORIAL)
    assert r.ok
    return r.pack


@pytest.fixture
def good(pack):
    """A real save document of a tutorial run three choices in."""
    rt = Runtime.start(pack, seed=5)
    for _ in range(3):
        rt.choose(next(c.index for c in rt.choices if c.available))
    return json.loads(json.dumps(saves.to_dict(rt, TUTORIAL)))


def _set(doc, path, value):
    """`path` like "state.history.0.scene"; the last key is replaced (or added)."""
    *parts, last = path.split(".")
    for p in parts:
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    if isinstance(doc, list):
        doc[int(last)] = value
    else:
        doc[last] = value


EDITS = [  # (what the edit does, path, value, words in the reason)
    ("a step's scene is markup", "state.history.0.scene", "<script>alert(1)</script>",
     "should be an id"),
    ("a step's text is markup", "state.history.0.text", "<img src=x onerror=alert(1)>",
     "history"),
    ("a step's choice is out of range", "state.history.0.choice", 99, "do not replay"),
    ("a record index points nowhere", "state.history.0.records", [999], "history"),
    ("an unknown friend", "state.friends", ["nobody"], "friends"),
    ("an unknown character's score", "state.char_scores", {"ghost": 4.0}, "char_scores"),
    ("an unknown scene", "state.scene", "nowhere", "nowhere"),
    ("an unknown episode", "state.start_episode", "e99", "do not replay"),
    ("an unknown variable", "state.vars", {"cash": 1, "made_up": 5}, "vars"),
    ("the history is text", "state.history", "lots", "should be a list"),
    ("a step is a number", "state.history.0", 7, "should be an object"),
    ("a float index", "state.history.0.index", 1.0, "whole number"),
    ("a boolean seed", "state.seed", True, "whole number"),
    ("vars are a list", "state.vars", [1, 2], "should be an object"),
    ("a list as a variable", "state.vars", {"cash": [1]}, "a variable's value"),
    ("a huge seed", "state.seed", 10 ** 19, "out of range"),
    ("an edited score", "state.ratings", [], "ratings"),
    ("a title with a NUL", "pack_title", "Tutorial\x00", "one line of text"),
    ("a long score text", "score_text", "9" * 5000, "too long"),
    ("an object as score text", "score_text", {"a": 1}, "text"),
    ("a NUL in the pack path", "pack_path", "story\x00/x", "file path"),
    ("a saved time as text", "saved_at", "yesterday", "a time"),
    ("a tally that is not counts", "state.extra.tallies", {"1": {"counts": "many"}}, "list"),
    ("a missing state", "state", None, "should be an object"),
]


def _write(home_slot: str, text) -> Path:
    path = saves.slot_path(home_slot)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _reports(path: Path, tmp_path: Path, capsys) -> str:
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 2
    assert not (tmp_path / "r.html").exists()
    return capsys.readouterr().err


@pytest.mark.parametrize("what, where, value, words", EDITS, ids=[e[0] for e in EDITS])
def test_an_edited_save_is_damaged_for_every_reader(good, pack, tmp_path, capsys, what, where,
                                                    value, words):
    _set(good, where, value)
    path = _write("1", json.dumps(good))
    slot = saves.read("1")
    with pytest.raises(saves.SaveError) as e:
        saves.restore(slot, pack)
    message = slot.error or str(e.value)
    assert str(e.value).startswith("damaged: ") and words in message
    err = _reports(path, tmp_path, capsys)
    assert "damaged" in err and "Traceback" not in err


HOSTILE_FILES = [
    ("200,000-deep lists", b"[" * 200_000 + b"]" * 200_000, "nested 200,000 levels"),
    ("200,000-deep objects", b'{"a":' * 200_000 + b"1" + b"}" * 200_000, "nested"),
    ("a 4,000-digit number", b'{"save_format": 1, "saved_at": ' + b"9" * 4000 + b"}",
     "more than 20 digits"),
    ("a 5,000-digit number", b"[" + b"1" * 5000 + b"]", "more than 20 digits"),
    ("a float too large", b'{"saved_at": 1e999}', "too large to use"),
    ("NaN", b'{"saved_at": NaN}', "NaN"),
    ("not UTF-8", b'{"a": "\xff\xfe"}', "not UTF-8"),
    ("not JSON", b"{not json", "not valid JSON"),
    ("a million lists", b"[" + b"[]," * 1_000_000 + b"[]]", "objects and lists"),
    ("a million texts", b"[" + b'"a",' * 1_000_000 + b'"a"]', "texts"),
]


@pytest.mark.parametrize("what, raw, words", HOSTILE_FILES, ids=[h[0] for h in HOSTILE_FILES])
def test_a_hostile_file_is_damaged_for_every_reader(tmp_path, capsys, what, raw, words):
    path = _write("2", raw)
    slot = saves.read("2")
    assert not slot.ok and words in slot.error
    with pytest.raises(saves.SaveError, match="^damaged: "):
        saves.restore(slot)
    assert words in _reports(path, tmp_path, capsys)


def test_the_start_up_list_survives_a_hostile_autosave(good, pack):
    """The title screen reads the newest autosave at start-up: a save whose time is a
    4,000-digit number used to overflow there, and deep JSON raised RecursionError."""
    _set(good, "saved_at", 10 ** 3999)
    deep = saves.slot_path(saves.auto_slot("deep"))
    deep.parent.mkdir(parents=True, exist_ok=True)
    deep.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    huge = saves.slot_path(saves.auto_slot("tutorial"))
    huge.write_text(json.dumps(good), encoding="utf-8")
    found = saves.autosaves()
    assert [s.ok for s in found] == [False, False]
    assert not saves.latest_autosave().ok
    assert all(s.saved_at == 0.0 and s.label.startswith("Autosave") for s in found)


def test_a_huge_file_is_refused_without_reading_it(tmp_path, capsys):
    path = saves.slot_path("3")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.truncate(10 * 1024 * 1024)  # 10 MB of zeros, sparse
    assert "too large" in saves.read("3").error
    assert "too large" in _reports(path, tmp_path, capsys)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_save_does_not_hang_the_list():
    path = saves.slot_path("1")
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    assert "not a regular file" in saves.read("1").error


def test_a_good_save_restores_as_its_replay(good, pack):
    _write("1", json.dumps(good))
    rt = saves.restore(saves.read("1"), pack)
    assert rt.state.to_dict() == good["state"]


def test_a_changed_pack_restores_the_choices_as_it_now_plays_them(good, pack):
    """Only a pack with the same digest holds the save to its saved scores; after an edit
    of the pack the run is what the same choices give now."""
    good["pack_digest"] = "an older version"
    good["state"]["ratings"] = []
    _write("1", json.dumps(good))
    rt = saves.restore(saves.read("1"), pack)
    assert rt.state.ratings and rt.state.history[-1].scene == good["state"]["history"][-1]["scene"]


def test_a_save_begun_in_the_next_episode_restores(tmp_path):
    from packutil import EPISODE, PACK_YAML, write_pack
    two = EPISODE.replace("episode: one", "episode: two").replace("title: One", "title: Two")
    two = two.replace("start:", "start2:").replace("goto: done", "goto: done2")
    two = two.replace("  done:", "  done2:")
    folder = write_pack(tmp_path / "p", PACK_YAML + "episodes: [one, two]\n",
                        {"one.yaml": EPISODE, "two.yaml": two})
    result = load_pack(str(folder))
    assert result.ok, [d.format() for d in result.errors]
    rt = Runtime.start(result.pack, seed=1)
    rt.choose(2)
    rt.begin_next_episode()
    doc = json.loads(json.dumps(rt.state.to_dict()))
    state = savecheck.fit(result.pack, doc, result.pack.digest)
    assert state.to_dict() == doc


def test_prescan_ignores_brackets_inside_texts():
    text = json.dumps({"a": ["[[[[" * 50 + '\\"' + "{{{{" * 50], "b": "]]\\\\"})
    assert savecheck.parse(text.encode()) == json.loads(text)


def test_the_published_schema_is_the_one_enforced():
    assert (ROOT / "docs" / "schema" / "save.schema.json").read_text() == schema_text()
    assert check({"save_format": 1}) == "the save is incomplete (no `pack_path`, `pack_id`, " \
        "`episode`, `score_text`, `saved_at`, `state`)"
