"""Fuzz target for saves: arbitrary JSON-like values and mutated real saves go through every
reader (the slot list, restore, the report's reader); each answers with a loaded run or a
"damaged" SaveError, and nothing else escapes.

Short by default; STANDING_FUZZ_EXAMPLES=5000 runs it long."""
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import saves
from game.commands.report import ReportError, read_save
from game.engine import Runtime
from game.packs import load_pack

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = str(ROOT / "story" / "tutorial")
EXAMPLES = int(os.environ.get("STANDING_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

_PACK = load_pack(TUTORIAL).pack
_RT = Runtime.start(_PACK, seed=11)
for _ in range(3):
    _RT.choose(next(c.index for c in _RT.choices if c.available))
REAL = json.loads(json.dumps(saves.to_dict(_RT, TUTORIAL)))

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                    st.text(max_size=30), st.sampled_from(["start", "counter", "tutorial", "",
                                                          "<script>", "\x00", "9" * 30]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)),
    max_leaves=30)


def _paths(doc, prefix=()):
    """Every (path) into a document, for choosing what to mutate."""
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = list(_paths(REAL))[1:]


def _mutated(path, value, drop):
    doc = json.loads(json.dumps(REAL))
    *up, last = path
    target = doc
    for p in up:
        target = target[p]
    if drop and isinstance(target, dict):
        del target[last]
    else:
        target[last] = value
    return doc


def _every_reader(text: bytes, tmp_path: Path) -> None:
    path = saves.slot_path("1")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)
    slot = saves.read("1")
    assert slot.ok or slot.error
    try:
        rt = saves.restore(slot, _PACK)
    except saves.SaveError as e:
        assert str(e)
    else:
        assert rt.scene.id in _PACK.scenes and rt.choices is not None
    try:
        read_save(path)
    except ReportError as e:
        assert str(e)
    saves.autosaves()


@FUZZ
@given(values)
def test_arbitrary_json_values(tmp_path, value):
    _every_reader(json.dumps(value).encode("utf-8"), tmp_path)


@FUZZ
@given(st.sampled_from(ALL_PATHS), values, st.booleans())
def test_mutated_real_saves(tmp_path, path, value, drop):
    _every_reader(json.dumps(_mutated(path, value, drop)).encode("utf-8"), tmp_path)


@FUZZ
@given(st.binary(max_size=200), st.integers(0, 2000))
def test_bytes_spliced_into_a_real_save(tmp_path, junk, at):
    raw = json.dumps(REAL).encode("utf-8")
    _every_reader(raw[:at] + junk + raw[at:], tmp_path)


NESTED_40 = json.loads("[" * 40 + "1" + "]" * 40)


@pytest.mark.parametrize("value", [10 ** 4000, NESTED_40], ids=["4000 digits", "40 deep"])
def test_known_killers(tmp_path, value):
    for path in ALL_PATHS[::7]:
        text = json.dumps(_mutated(path, value, False))
        _every_reader(text.encode("utf-8"), tmp_path)
