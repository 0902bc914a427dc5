"""The playtester: a seeded driver over the real runtime, like ChoiceScript's randomtest.

Two modes share one `Coverage` result:

- `random_playtest`: many random playthroughs; it finds what a class is likely to hit.
- `explore`: a breadth-first search over every distinct run state; when it completes, it
  proves which endings are reachable and which scenes are not, and the first path found to
  each ending is a shortest one.

Every problem carries a seed and the choice numbers (1-based, as `play --text` shows them)
that reproduce it. Nothing here knows about the command line: game/commands/playtest.py
prints the result and replays a path verbosely.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import random
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from ..engine import conditions
from ..engine.model import Choice, Pack, Roll
from ..engine.runtime import Runtime
from ..engine.state import GameState
from ..i18n import _
from .diagnostics import join_clauses

MAX_STEPS = 10_000  # choices per random run; a run this long is stuck in a loop
MAX_STATES = 100_000  # distinct states the exhaustive search may visit
ROLL_EXACT = 100  # roll outcomes per step enumerated exhaustively; more are sampled
NEXT = 0  # the move "begin the next episode" (choice numbers start at 1)

ChoiceRef = Tuple[str, int]  # (scene id, index of the choice as written in the pack)


@dataclass
class Problem:
    """Something a player can hit: a runtime error, a dead end, or a run that never ends."""
    kind: str  # error | dead-end | step-limit
    scene: str
    message: str
    seed: int
    path: Tuple[int, ...]  # choice numbers (1-based) from the start; NEXT = next episode
    detail: str = ""  # where an exception was raised
    count: int = 1
    replayable: bool = True  # False when the exhaustive search varied a roll along the path

    @property
    def replay(self) -> str:
        return replay_spec(self.seed, self.path)

    def to_json(self) -> Dict[str, Any]:
        return {"kind": self.kind, "scene": self.scene, "message": self.message,
                "seed": self.seed, "choices": list(self.path), "replay": self.replay,
                "replayable": self.replayable, "count": self.count, "detail": self.detail}


@dataclass
class EndingStat:
    scene: str
    title: str
    episode: str
    count: int = 0  # runs (random) or distinct states (exhaustive) that reached it
    min_score: float = float("inf")
    max_score: float = float("-inf")
    seed: int = 0
    path: Optional[Tuple[int, ...]] = None  # the shortest path seen
    replayable: bool = True
    moves: int = 0  # choices on `path`

    def reached(self, score: float, seed: int, moves: int,
                path: Callable[[], Sequence[int]], replayable: bool) -> None:
        """Count a run that reached this ending after `moves` choices. `path` is called only
        when the run is the shortest yet: counting or copying a long path on every arrival
        made many-episode packs quadratic to playtest."""
        self.count += 1
        self.min_score, self.max_score = min(self.min_score, score), max(self.max_score, score)
        if self.path is None or moves < self.moves:
            self.seed, self.path, self.moves, self.replayable = seed, tuple(path()), moves, \
                replayable

    def to_json(self, fmt: Callable[[float], str]) -> Dict[str, Any]:
        out: Dict[str, Any] = {"scene": self.scene, "title": self.title, "episode": self.episode,
                     "count": self.count}
        if self.count:
            out.update(min_score=fmt(self.min_score), max_score=fmt(self.max_score),
                       shortest={"choices": list(self.path or ()), "length": self.moves,
                                 "replay": replay_spec(self.seed, self.path or ()),
                                 "replayable": self.replayable})
        return out


def _moves(path: Optional[Sequence[int]]) -> int:
    """Path length in choices; beginning the next episode is not a choice."""
    return sum(1 for n in path or () if n != NEXT)


def replay_spec(seed: int, path: Sequence[int]) -> str:
    return f"{seed}:" + ",".join(str(n) for n in path)


def parse_replay(spec: str) -> Tuple[int, List[int]]:
    """`SEED:1,2,1` to (seed, [1, 2, 1]); raises ValueError with a readable message."""
    seed_text, _sep, rest = spec.partition(":")
    try:
        seed = int(seed_text)
        path = [int(n) for n in rest.replace(" ", "").split(",") if n]
    except ValueError:
        # Translators: {spec} is what was given to --replay; SEED and N stay as they are.
        raise ValueError(_("cannot read {spec}: write SEED:N,N,... such as 42:1,2,1").format(
            spec=repr(spec))) from None
    if any(n < 0 for n in path):
        raise ValueError(_("choice numbers start at 1 (0 begins the next episode)"))
    return seed, path


@dataclass
class Coverage:
    """What a playtest saw: visits, choices, endings and problems."""
    pack: Pack
    mode: str  # random | exhaustive
    seed: int = 0
    runs: int = 0
    steps: int = 0
    states: int = 0
    complete: bool = True  # exhaustive only: every reachable state was explored
    notes: List[str] = field(default_factory=list)
    visits: Counter[str] = field(default_factory=Counter)  # scene -> runs or states seen there
    available: Counter[ChoiceRef] = field(default_factory=Counter)  # ChoiceRef -> times available
    taken: Counter[ChoiceRef] = field(default_factory=Counter)  # ChoiceRef -> times taken
    endings: Dict[str, EndingStat] = field(default_factory=dict)
    problems: Dict[Tuple[str, str, str], Problem] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for sc in self.pack.endings():
            assert sc.ending is not None
            self.endings[sc.id] = EndingStat(sc.id, sc.ending.title, sc.episode)

    # ---- recording ---------------------------------------------------------------------

    def problem(self, p: Problem) -> None:
        """Keep one problem per kind, scene and message: the one with the shortest path."""
        key = (p.kind, p.scene, p.message)
        old = self.problems.get(key)
        if old is None:
            self.problems[key] = p
            return
        old.count += 1
        if _moves(p.path) < _moves(old.path):
            p.count = old.count
            self.problems[key] = p

    # ---- reading -----------------------------------------------------------------------

    def all_choices(self) -> List[ChoiceRef]:
        return [(sid, i) for sid, sc in self.pack.scenes.items() for i in range(len(sc.choices))]

    def unvisited(self) -> List[str]:
        return [sid for sid in self.pack.scenes if not self.visits[sid]]

    def never_available(self) -> List[ChoiceRef]:
        return [c for c in self.all_choices() if not self.available[c]]

    def never_taken(self) -> List[ChoiceRef]:
        """Choices that were available at least once but never picked."""
        return [c for c in self.all_choices() if self.available[c] and not self.taken[c]]

    def unreached(self) -> List[str]:
        return [sid for sid, e in self.endings.items() if not e.count]

    def by_kind(self, kind: str) -> List[Problem]:
        return [p for p in self.problems.values() if p.kind == kind]

    def choice(self, ref: ChoiceRef) -> Choice:
        return self.pack.scenes[ref[0]].choices[ref[1]]

    def to_json(self) -> Dict[str, Any]:
        fmt = self.pack.regime.scale.fmt
        return {
            "pack": self.pack.id, "mode": self.mode, "seed": self.seed, "runs": self.runs,
            "steps": self.steps, "states": self.states, "complete": self.complete,
            "notes": self.notes,
            "scenes": {"total": len(self.pack.scenes),
                       "visited": len(self.pack.scenes) - len(self.unvisited()),
                       "unvisited": self.unvisited()},
            "choices": {"total": len(self.all_choices()),
                        "taken": sum(1 for c in self.all_choices() if self.taken[c]),
                        "never_available": [self._choice_json(c) for c in self.never_available()],
                        "never_taken": [self._choice_json(c) for c in self.never_taken()]},
            "endings": [e.to_json(fmt) for e in self.endings.values()],
            "unreached_endings": self.unreached(),
            "problems": [p.to_json() for p in self.problems.values()],
        }

    def _choice_json(self, ref: ChoiceRef) -> Dict[str, Any]:
        c = self.choice(ref)
        out = {"scene": ref[0], "choice": ref[1] + 1, "text": c.text.source,
               "where": str(c.pos)}
        if c.condition is not None:
            out["if"] = conditions.unparse(c.condition)
        if c.show_if is not None:
            out["show_if"] = conditions.unparse(c.show_if)
        return out


# ---- shared helpers ------------------------------------------------------------------------

def _open_moves(rt: Runtime, cov: Coverage) -> List[int]:
    """Visible indexes of the available choices, counting each as available."""
    views = rt.choices
    sources = rt.visible_sources() if rt.scene.choices else []
    moves = []
    for v in views:
        if v.available:
            moves.append(v.index)
            if sources:
                cov.available[(rt.scene.id, sources[v.index])] += 1
    return moves


def _where(exc: BaseException) -> str:
    """The innermost frame of an exception, as `file:line in function`."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    f = frames[-1]
    return f"{f.filename}:{f.lineno} in {f.name}"


def _error(rt: Optional[Runtime], exc: Exception, seed: int, path: Sequence[int],
           replayable: bool = True) -> Problem:
    scene = rt.state.scene if rt is not None else ""
    return Problem("error", scene, f"{type(exc).__name__}: {exc}", seed, tuple(path),
                   _where(exc), replayable=replayable)


def _dead_end(rt: Runtime, seed: int, path: Sequence[int], replayable: bool = True) -> Problem:
    views = rt.choices
    # Translators: a locked choice: its label, then why it is locked.
    why = join_clauses(_("\"{label}\" locked ({reason})").format(label=v.text, reason=v.reason)
                       for v in views) or _("every choice is hidden by `show_if`")
    # Translators: {why} lists the locked choices, or says that every choice is hidden.
    return Problem("dead-end", rt.state.scene, _("no choice is available: {why}").format(
        why=why), seed, tuple(path), replayable=replayable)


# ---- random mode ---------------------------------------------------------------------------

def random_playtest(pack: Pack, runs: int = 1000, seed: int = 0,
                    max_steps: int = MAX_STEPS) -> Coverage:
    """`runs` random playthroughs; run i uses a seed drawn from `seed`, so all are repeatable."""
    cov = Coverage(pack, "random", seed=seed)
    seeds = random.Random(seed)
    for _run in range(runs):
        play_random(pack, seeds.randrange(2 ** 31), cov, max_steps)
    return cov


def play_random(pack: Pack, seed: int, cov: Coverage, max_steps: int = MAX_STEPS) -> None:
    """One playthrough choosing uniformly among available choices, recorded into `cov`."""
    pick = random.Random(seed)
    path: List[int] = []
    rt: Optional[Runtime] = None
    cov.runs += 1
    try:
        rt = Runtime.start(pack, seed=seed)
        while _random_step(rt, pick, cov, seed, path, max_steps):
            pass
    except Exception as exc:  # a crash in the engine or pack is exactly what we look for
        cov.problem(_error(rt, exc, seed, path))
    finally:
        if rt is not None:
            cov.visits.update(rt.state.visits.keys())
            cov.steps += rt.state.step


def _random_step(rt: Runtime, pick: random.Random, cov: Coverage, seed: int,
                 path: List[int], max_steps: int) -> bool:
    """Advance one move; False when the run is over."""
    sc = rt.scene
    if sc.ending is not None:
        cov.endings[sc.id].reached(rt.score, seed, rt.state.step, lambda: path, True)
        if rt.next_episode is None:
            return False
        path.append(NEXT)
        rt.begin_next_episode()
        return True
    moves = _open_moves(rt, cov)
    if not moves:
        cov.problem(_dead_end(rt, seed, path))
        return False
    if len(path) >= max_steps:
        cov.problem(Problem("step-limit", sc.id, _(
            "the run made {count} choices without reaching the last ending; it is probably "
            "stuck in a loop").format(count=max_steps), seed, tuple(path)))
        return False
    move = pick.choice(moves)
    path.append(move + 1)
    rt.choose(move)
    if sc.choices:
        cov.taken[(sc.id, rt.state.history[-1].choice)] += 1
    return True


# ---- exhaustive mode -----------------------------------------------------------------------

def visit_reads(pack: Pack) -> Dict[str, bool]:
    """Scenes whose visits a choice condition reads: True when it counts them (`visits`),
    False when it only asks whether (`visited`). Other visit counts cannot change which
    choices open, so the state key leaves them out and loops through hubs converge."""
    out: Dict[str, bool] = {}
    for sc in pack.scenes.values():
        for c in sc.choices:
            for e in (c.condition, c.show_if):
                for call in conditions.calls(e) if e is not None else ():
                    if call.fn in ("visits", "visited"):
                        out[call.arg] = out.get(call.arg, False) or call.fn == "visits"
    return out


def state_key(s: GameState, reads: Dict[str, bool]) -> bytes:
    """A digest of everything in the state that can change what happens next.

    Left out: the history, the episode start scores and rating labels (only the debrief
    reads them), the seed and draw count (the search enumerates rolls instead), and visit
    counts no choice condition reads (only whether, for `visited`). The step matters only
    through fading records, so each record keeps its age (step - record.step) instead: two
    runs that differ only in how long ago they started are the same state."""
    visits = sorted((k, v if reads[k] else v > 0) for k, v in s.visits.items() if k in reads)
    data = [s.scene, s.episode, s.ended, sorted(s.vars.items()), s.friends,
            sorted(s.char_scores.items()),
            [(r.stars, r.rater, r.count) for r in s.ratings],
            [(r.category, r.impact, r.permanent, None if r.permanent else s.step - r.step)
             for r in s.records],
            visits]
    text = json.dumps(data, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _roll_outcomes(effects: Sequence[object]) -> int:
    n = 1
    for e in effects:
        if isinstance(e, Roll):
            n *= max(1, e.max - e.min + 1)
    return n


def move_outcomes(pack: Pack, rt: Runtime, move: int) -> int:
    """How many roll outcomes a move can have (1 when it rolls no dice)."""
    sc = rt.scene
    if move == NEXT:
        nxt = rt.next_episode
        return _roll_outcomes(pack.scenes[nxt.start].effects) if nxt else 1
    if sc.choices:
        choice = sc.choices[rt.visible_sources()[move - 1]]
        return _roll_outcomes(choice.effects) * _roll_outcomes(pack.scenes[choice.goto].effects)
    return _roll_outcomes(pack.scenes[sc.goto or ""].effects)


@dataclass
class _Node:
    parent: Optional[bytes]
    move: int
    depth: int  # moves from the start
    replayable: bool  # every roll on the way here used the starting seed
    choices: int = 0  # moves from the start that were choices (not "next episode")


class Explorer:
    """Breadth-first search over run states; first arrivals are shortest paths.

    States wait in a heap ordered by (episode, depth): an episode is searched to the end
    before the next begins, so the state budget is shared between episodes and a story whose
    first episode alone has more states than `max_states` is still explored in every
    episode (from the endings found so far), not abandoned after the first."""

    def __init__(self, pack: Pack, max_states: int = MAX_STATES, seed: int = 0):
        self.pack, self.max_states, self.seed = pack, max_states, seed
        self.cov = Coverage(pack, "exhaustive", seed=seed)
        self.reads = visit_reads(pack)
        self.nodes: Dict[bytes, _Node] = {}
        self.heap: List[Tuple[int, int, int, bytes, GameState]] = []
        self.order = {e.id: i for i, e in enumerate(pack.episodes)}
        self.budgets: Dict[int, int] = {}
        self.expanded: Counter[int] = Counter()  # states expanded per episode index
        self.cut: Dict[int, bool] = {}  # episodes with states left unexplored
        self.sampled = False

    def run(self) -> Coverage:
        self._start()
        while self.heap:
            ep, _depth, _order, key, state = heapq.heappop(self.heap)
            if self.expanded[ep] >= self._budget(ep):
                self.cut[ep] = True  # over this episode's share: left unexplored
                continue
            self.expanded[ep] += 1
            try:
                self._expand(key, state)
            except Exception as exc:  # reading the passage or its choices crashed
                path, ok = self.path(key)
                self.cov.problem(_error(Runtime(self.pack, state), exc, self.seed, path, ok))
        self._finish()
        return self.cov

    def _budget(self, ep: int) -> int:
        """An episode's share of the states still unspent when its search begins."""
        if ep not in self.budgets:
            left = self.max_states - sum(self.expanded.values())
            self.budgets[ep] = max(1, left // max(1, len(self.pack.episodes) - ep))
        return self.budgets[ep]

    def _finish(self) -> None:
        self.cov.states = sum(self.expanded.values())
        for ep, budget in sorted(self.budgets.items()):
            if self.cut.get(ep):
                self.cov.complete = False
                self.cov.notes.append(_(
                    "episode `{episode}` was cut off after {count} states (raise --max-states "
                    "to explore further)").format(episode=self.pack.episodes[ep].id,
                                                  count=budget))
        if self.sampled:
            self.cov.complete = False
            self.cov.notes.append(_("a step rolls more than {count} combinations; its outcomes "
                                    "were sampled, not enumerated").format(count=ROLL_EXACT))

    def path(self, key: Optional[bytes]) -> Tuple[Tuple[int, ...], bool]:
        moves: List[int] = []
        replayable = True
        while key is not None:
            node = self.nodes[key]
            replayable = replayable and node.replayable
            if node.parent is not None:
                moves.append(node.move)
            key = node.parent
        return tuple(reversed(moves)), replayable

    # ---- the search --------------------------------------------------------------------

    def _start(self) -> None:
        """The start state, once per roll outcome of the first scene's effects."""
        first = self.pack.scenes[self.pack.episodes[0].start]
        outcomes = _roll_outcomes(first.effects)
        seen: Set[bytes] = set()
        for seed in self._seeds(self.seed, outcomes):
            try:
                state = Runtime.start(self.pack, seed=seed).state
            except Exception as exc:
                self.cov.problem(_error(None, exc, seed, (), seed == self.seed))
                return
            seen.add(self._add(state, None, NEXT, seed == self.seed))
            if outcomes <= 1 or len(seen) >= outcomes:
                return

    def _seeds(self, first: int, outcomes: int) -> Iterator[int]:
        """The state's own seed, then others, as many as needed to see every roll outcome."""
        yield first
        if outcomes <= 1:
            return
        tries = outcomes * 20 if outcomes <= ROLL_EXACT else ROLL_EXACT * 2
        self.sampled = self.sampled or outcomes > ROLL_EXACT
        gen = random.Random(f"explore:{self.seed}")
        for _try in range(tries):
            yield gen.randrange(2 ** 31)

    def _expand(self, key: bytes, state: GameState) -> None:
        rt = Runtime(self.pack, state.clone())
        sc = rt.scene
        self.cov.visits[sc.id] += 1
        node = self.nodes[key]
        replayable = node.replayable
        if sc.ending is not None:
            self.cov.endings[sc.id].reached(rt.score, self.seed, node.choices,
                                            lambda: self.path(key)[0], replayable)
            if rt.next_episode is not None:
                self._follow(key, rt, NEXT, replayable)
            return
        moves = _open_moves(rt, self.cov)
        if not moves:
            self.cov.problem(_dead_end(rt, self.seed, self.path(key)[0], replayable))
        for m in moves:
            self._follow(key, rt, m + 1, replayable)

    def _follow(self, key: bytes, rt: Runtime, move: int, replayable: bool) -> None:
        """Take `move` from the state at `key`, once per roll outcome."""
        outcomes = move_outcomes(self.pack, rt, move)
        own = rt.state.seed
        seen: Set[bytes] = set()
        for seed in self._seeds(own, outcomes):
            state = rt.state.clone()
            state.seed = seed
            nxt = Runtime(self.pack, state)
            try:
                self._apply(nxt, move)
            except Exception as exc:
                path, ok = self.path(key)
                self.cov.problem(_error(nxt, exc, self.seed, path + (move,),
                                        ok and seed == own))
                return
            state.history.clear()  # only undo reads it; clearing keeps clones cheap
            seen.add(self._add(state, key, move, replayable and seed == own))
            if outcomes <= 1 or len(seen) >= outcomes:
                return

    def _apply(self, rt: Runtime, move: int) -> None:
        if move == NEXT:
            rt.begin_next_episode()
            return
        sc = rt.scene
        rt.choose(move - 1)
        if sc.choices:
            self.cov.taken[(sc.id, rt.state.history[-1].choice)] += 1

    def _add(self, state: GameState, parent: Optional[bytes], move: int,
             replayable: bool) -> bytes:
        key = state_key(state, self.reads)
        if key not in self.nodes:
            up = self.nodes.get(parent) if parent is not None else None
            depth = 0 if up is None else up.depth + 1
            choices = 0 if up is None else up.choices + (move != NEXT)
            self.nodes[key] = _Node(parent, move, depth, replayable, choices)
            ep = self.order.get(state.episode, 0)
            heapq.heappush(self.heap, (ep, depth, len(self.nodes), key, state))
        return key


def explore(pack: Pack, max_states: int = MAX_STATES, seed: int = 0) -> Coverage:
    """Every distinct reachable state, breadth first (see `Explorer`)."""
    return Explorer(pack, max_states, seed).run()
