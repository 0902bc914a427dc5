"""Every bundled pack validates clean, every ending is reachable, and no playthrough dead-ends.

The playtester's exhaustive search walks the real runtime over distinct states and proves what
it reaches; a state cap keeps it bounded on the big flagship, and random playthroughs (also the
playtester) cover what the cap cuts off."""
import pytest

from conftest import STORY
from game.packs import load_pack
from game.packs.discover import is_pack
from game.packs.playtest import Explorer, random_playtest

PACKS = sorted(p for p in STORY.iterdir() if is_pack(p))


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_pack_validates_clean(path):
    r = load_pack(str(path))
    assert r.ok and not r.warnings, "\n".join(d.format() for d in r.diagnostics)


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_ending_is_reachable_and_nothing_dead_ends(path):
    pack = load_pack(str(path)).pack
    searched = Explorer(pack, max_states=20000).run()
    played = random_playtest(pack, runs=400, seed=1)
    for cov in (searched, played):
        problems = [p.message for p in cov.problems.values()]
        assert not problems, problems
    reached = {sid for cov in (searched, played) for sid, e in cov.endings.items() if e.count}
    assert reached == {s.id for s in pack.endings()}
    assert not set(played.unvisited()) & set(searched.unvisited())


def test_the_game_has_bundled_packs():
    assert {p.name for p in PACKS} >= {"tutorial", "standing-city", "sesame-month"}
