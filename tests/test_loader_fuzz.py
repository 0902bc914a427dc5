"""Mangled packs never crash the loader: every run ends in diagnostics, never a traceback."""
import random
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TUTORIAL
from game.packs import load_pack
from packutil import PACK_YAML, write_pack

FILES = ["pack.yaml", "episodes/01-coffee.yaml", "episodes/02-commute.yaml"]


def mangle(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.3:
            del lines[i]
        elif op < 0.6 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(":{}[]-'\"!&*|>#% \t0a") + lines[i][j + 1:]
        elif op < 0.8:
            lines.insert(i, lines[rng.randrange(len(lines))])
        else:
            lines[i] = lines[i].replace("  ", " ", 1)
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(8))
def test_mangled_tutorial_never_crashes(tmp_path, seed):
    rng = random.Random(seed)
    for i in range(25):
        d = tmp_path / f"p{i}"
        shutil.copytree(TUTORIAL, d)
        f = d / rng.choice(FILES)
        f.write_text(mangle(f.read_text(), rng))
        r = load_pack(str(d))
        assert r.ok or r.errors
        for diag in r.diagnostics:
            assert diag.line >= 0 and diag.format()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_as_an_episode_file_never_crashes(tmp_path_factory, body):
    folder = write_pack(tmp_path_factory.mktemp("p"), pack=PACK_YAML,
                        episodes={"one.yaml": body})
    r = load_pack(str(folder))
    assert r.errors or r.ok
