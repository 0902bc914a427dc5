"""game.saves: slots on disk, restoring runs, damaged files kept apart."""
import json
from pathlib import Path

import pytest

from game import saves
from game.engine import Runtime
from game.packs import load_pack

TUTORIAL = str(Path(__file__).resolve().parent.parent / "story" / "tutorial")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("STANDING_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def pack():
    r = load_pack(TUTORIAL)
    assert r.ok, [d.format() for d in r.diagnostics]
    return r.pack


def played(pack, n=2):
    rt = Runtime.start(pack, seed=3)
    for _ in range(n):
        rt.choose(next(c.index for c in rt.choices if c.available))
    return rt


def test_save_document_has_the_documented_fields(home, pack):
    rt = played(pack)
    path = saves.write("1", rt, TUTORIAL)
    assert path.parent == home / "saves"
    data = json.loads(path.read_text())
    for k in ("save_format", "pack_path", "pack_id", "pack_digest", "episode", "score_text",
              "saved_at", "state"):
        assert k in data
    assert data["save_format"] == 1
    assert data["pack_id"] == "tutorial"
    assert data["pack_digest"] == pack.digest
    assert data["score_text"] == rt.score_text
    assert data["state"] == rt.state.to_dict()


def test_save_then_restore_gives_the_same_state(home, pack):
    rt = played(pack, 3)
    saves.write("2", rt, TUTORIAL)
    slot = saves.read("2")
    assert slot.ok and slot.title == pack.info.title and slot.score_text == rt.score_text
    back = saves.restore(slot, pack)
    assert back.state.to_dict() == rt.state.to_dict()
    assert back.passage == rt.passage
    again = saves.restore(slot)  # loads the pack from pack_path itself
    assert again.state.to_dict() == rt.state.to_dict()


def test_a_damaged_slot_never_hides_the_others(home, pack):
    saves.write("1", played(pack), TUTORIAL)
    saves.write("3", played(pack, 1), TUTORIAL)
    saves.slot_path("2").write_text("{not json", encoding="utf-8")
    slots = {s.slot: s for s in saves.list_slots()}
    assert slots["1"].ok and slots["3"].ok
    assert not slots["2"].ok and "not valid JSON" in slots["2"].error
    assert not any(saves.is_auto(k) for k in slots)  # no autosave yet
    assert not saves.latest_autosave().exists
    with pytest.raises(saves.SaveError):
        saves.restore(slots["2"])


def test_wrong_format_and_missing_fields_are_reported(home):
    saves.slot_path("1").parent.mkdir(parents=True)
    saves.slot_path("1").write_text(json.dumps({"save_format": 99}))
    saves.slot_path("2").write_text(json.dumps({"save_format": 1, "pack_id": "x"}))
    assert "format 99" in saves.read("1").error
    assert "incomplete" in saves.read("2").error


def test_a_save_that_no_longer_fits_its_pack_says_so(home, pack):
    rt = played(pack)
    saves.write("1", rt, TUTORIAL)
    data = json.loads(saves.slot_path("1").read_text())
    data["state"]["scene"] = "a_scene_that_was_deleted"
    data["pack_digest"] = "old"
    saves.slot_path("1").write_text(json.dumps(data))
    with pytest.raises(saves.SaveError) as e:
        saves.restore(saves.read("1"), pack)
    assert "no longer fits" in str(e.value) and "a_scene_that_was_deleted" in str(e.value)
    assert "changed since" in str(e.value)


def test_a_missing_pack_is_a_clear_error(home, pack, tmp_path):
    saves.write("1", played(pack), str(tmp_path / "gone"))
    with pytest.raises(saves.SaveError, match="missing"):
        saves.restore(saves.read("1"))


def test_writes_are_atomic_and_leave_no_temporary_files(home, pack):
    rt = played(pack)
    for _ in range(3):
        saves.write("auto", rt, TUTORIAL)
    files = sorted(p.name for p in (home / "saves").iterdir())
    assert files == ["autosave-tutorial.json"]


def test_delete_and_unknown_slots(home, pack):
    saves.write("1", played(pack), TUTORIAL)
    saves.delete("1")
    saves.delete("1")  # deleting twice is fine
    assert not saves.read("1").exists
    with pytest.raises(ValueError):
        saves.slot_path("9")


def test_each_pack_keeps_its_own_autosave(home, pack, tmp_path):
    """Playing another pack (an author's test pack under F5) never overwrites Continue for the
    others; Continue resumes the newest; Load lists every pack's autosave."""
    import shutil
    copy = tmp_path / "mine"
    shutil.copytree(TUTORIAL, copy)
    yaml_path = copy / "pack.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("id: tutorial", "id: my-test-pack", 1))
    loaded = load_pack(str(copy))
    assert loaded.ok
    other = loaded.pack
    rt = played(pack, 2)
    saves.write("auto", rt, TUTORIAL)
    t1 = saves.read(saves.auto_slot("tutorial")).saved_at
    rt2 = Runtime.start(other, seed=3)
    saves.write("auto", rt2, str(copy))
    mine = saves.read(saves.auto_slot("tutorial"))
    assert mine.ok and mine.saved_at == t1 and mine.get("state") == rt.state.to_dict()
    latest = saves.latest_autosave()
    assert latest.slot == "auto:my-test-pack" and latest.get("pack_id") == "my-test-pack"
    assert [s.slot for s in saves.autosaves()] == ["auto:my-test-pack", "auto:tutorial"]
    assert [s.slot for s in saves.list_slots()][:2] == ["auto:my-test-pack", "auto:tutorial"]
    assert saves.list_slots(include_auto=False)[0].slot == "1"
    assert mine.label == f"Autosave: {pack.info.title}"
    back = saves.restore(mine, pack)
    assert back.state.to_dict() == rt.state.to_dict()
    saves.delete("auto:my-test-pack")
    assert saves.latest_autosave().slot == "auto:tutorial"


def test_an_old_shared_autosave_is_still_read_then_superseded(home, pack):
    rt = played(pack, 1)
    data = saves.to_dict(rt, TUTORIAL)
    saves.slot_path("auto").parent.mkdir(parents=True, exist_ok=True)
    saves.slot_path("auto").write_text(json.dumps(data), encoding="utf-8")
    assert saves.latest_autosave().slot == "auto" and saves.latest_autosave().ok
    saves.write("auto", played(pack, 2), TUTORIAL)
    assert not saves.slot_path("auto").exists()  # replaced by the pack's own autosave
    assert [s.slot for s in saves.autosaves()] == ["auto:tutorial"]


def test_autosave_slot_names_are_safe(home):
    assert saves.auto_slot("tutorial") == "auto:tutorial"
    odd = saves.auto_slot("../../etc/passwd")
    assert "/" not in odd and "." not in odd
    assert saves.slot_path(odd).parent == saves.slot_path("1").parent
    with pytest.raises(ValueError):
        saves.slot_path("auto:../x")
    with pytest.raises(ValueError):
        saves.slot_path("auto:")
