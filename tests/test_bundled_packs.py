"""Every bundled pack validates clean, every ending is reachable, and no playthrough dead-ends.

The search walks the real runtime over distinct states (breadth first), so it proves what it
finds; a cap keeps it bounded, and random playthroughs cover what the cap cuts off."""
import random
from collections import deque

import pytest

from conftest import STORY
from game.engine import Runtime
from game.packs import load_pack
from game.packs.discover import is_pack

PACKS = sorted(p for p in STORY.iterdir() if is_pack(p))


def key(rt: Runtime) -> str:
    s = rt.state
    return repr((s.episode, s.scene, sorted(s.vars.items()), s.friends,
                 sorted(s.char_scores.items()), s.ratings, s.records,
                 sorted(s.visits.items()), s.step, s.draws))


def explore(pack, cap=20000):
    """Endings reached and dead ends found, from every episode start."""
    endings, dead, seen = set(), [], set()
    todo = deque(Runtime.start(pack, e.id, seed=1) for e in pack.episodes)
    while todo and len(seen) < cap:
        rt = todo.popleft()
        k = key(rt)
        if k in seen:
            continue
        seen.add(k)
        if rt.ending is not None:
            endings.add(rt.state.scene)
            if rt.next_episode is not None:
                rt.begin_next_episode()
                todo.append(rt)
            continue
        views = [c for c in rt.choices if c.available]
        if not views:
            dead.append(rt.state.scene)
        for c in views:
            nxt = Runtime(pack, rt.state.clone())
            nxt.choose(c.index)
            todo.append(nxt)
    return endings, dead


def random_runs(pack, n=300):
    endings = set()
    for seed in range(n):
        rng = random.Random(seed)
        rt = Runtime.start(pack, seed=seed)
        for _ in range(2000):
            if rt.ending is not None:
                endings.add(rt.state.scene)
                if rt.next_episode is None:
                    break
                rt.begin_next_episode()
                continue
            views = [c for c in rt.choices if c.available]
            assert views, f"dead end at {rt.state.scene} (seed {seed})"
            rt.choose(rng.choice(views).index)
        else:
            pytest.fail(f"seed {seed} never finished")
    return endings


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_pack_validates_clean(path):
    r = load_pack(str(path))
    assert r.ok and not r.warnings, "\n".join(d.format() for d in r.diagnostics)


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_ending_is_reachable_and_nothing_dead_ends(path):
    pack = load_pack(str(path)).pack
    endings, dead = explore(pack)
    endings |= random_runs(pack)
    assert not dead, f"dead ends at {sorted(set(dead))}"
    assert endings == {s.id for s in pack.endings()}


def test_the_game_has_bundled_packs():
    assert {p.name for p in PACKS} >= {"tutorial"}
