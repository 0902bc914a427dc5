"""Proofs on packs too big to enumerate: is every scene and ending reachable, can each locked
choice ever open, is there a dead end.

The exhaustive playtester (playtest.Explorer) visits every distinct run state; a pack like
story/standing-city has about 10^10 paths and never finishes. The prover searches a smaller
graph whose states over-approximate the runs:

- **Merging.** Two runs are one state when they stand in the same scene with the same values
  of exactly what later conditions can read there: a static liveness analysis over the scene
  graph (`live_reads`) finds, per scene, the variables and visit counts some condition may
  still read before they are overwritten. Everything else (history, texts, rating labels) is
  forgotten.
- **Intervals.** The score is not part of a state's identity. Each state keeps a `ScoreBox`
  (absscore.py): intervals that hold the score of every run merged into it. A condition on the
  score, the tier or a category is decided when the interval falls on one side and otherwise
  unknown (abscond.py); an unknown choice is explored as if open.

So the search reaches a superset of what runs reach. What it never reaches is **proved**
unreachable (and a choice it never finds open is proved never to open). What it reaches is
then checked with a real run: the search's path is replayed in the real runtime, and failing
that, random playthroughs are sampled. Anything a real run shows is **proved** too (the path
reproduces it). What remains is said plainly to be an over-approximation: "may".
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Deque, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple

from ..engine import conditions
from ..engine.model import (AddVars, Befriend, Choice, Effect, Pack, Rate, Record, Roll, Scene,
                            SetVars, Shift, Unfriend)
from ..engine.runtime import Runtime
from ..i18n import _
from .abscond import AbstractEnv, Range, exact_or_range, holds
from .absscore import ScoreBox, shown, tier_ranks
from .playtest import NEXT, ChoiceRef, random_playtest

MAX_STATES = 300_000  # merged states (memory: about 1 KB each); beyond, nothing unreached is proved
WIDEN_AFTER = 4  # merges that still move a state's intervals before they jump to their limits
ROLL_LIMIT = 1000  # roll outcomes followed per move; beyond, the move is not proved
VALUE_LIMIT = 40  # values a number may take in one scene before it is widened to "any number"
ANY_NUMBER = Range(float("-inf"), float("inf"))
SAMPLE_RUNS = 2000  # random playthroughs used to confirm what the replays did not

Move = int  # source index of the choice taken, or NEXT (= -1 here) to begin the next episode
_NEXT = -1
Key = Tuple[str, Tuple[Tuple[str, object], ...], Tuple[str, ...]]


# ---- what later conditions read ----------------------------------------------------------------

def _reads(scene: Scene) -> Set[str]:
    """Variables (and `@scene` visit counts) the scene's choice conditions read."""
    out: Set[str] = set()
    for c in scene.choices:
        for e in (c.condition, c.show_if):
            if e is None:
                continue
            out.update(n.name for n in conditions.names_read(e))
            out.update("@" + call.arg for call in conditions.calls(e)
                       if call.fn in ("visits", "visited"))
    return out


def _back(effects: Sequence[Effect], live: Set[str]) -> Set[str]:
    """Liveness through effects, backwards: setting or rolling a variable ends its life."""
    live = set(live)
    for e in reversed(effects):
        if isinstance(e, SetVars):
            live.difference_update(name for name, _ in e.values)
        elif isinstance(e, Roll):
            live.discard(e.var)
    return live


def _edges(pack: Pack, scene: Scene) -> Iterator[Tuple[Sequence[Effect], str]]:
    """(effects on the way, next scene) for every move out of `scene`; the next scene's own
    effects run on entry and are accounted for there."""
    if scene.ending is not None:
        nxt = pack.next_episode(scene.episode)
        if nxt is not None:
            yield (), nxt.start
    elif scene.choices:
        for c in scene.choices:
            yield c.effects, c.goto
    elif scene.goto:
        yield (), scene.goto


def live_reads(pack: Pack) -> Dict[str, FrozenSet[str]]:
    """Per scene: what some condition may still read, from the moment its choices are shown
    (after its own effects). A worklist over the scene graph; each scene's set only grows,
    within the finite set of names, so it ends."""
    live: Dict[str, Set[str]] = {sid: _reads(sc) for sid, sc in pack.scenes.items()}
    preds: Dict[str, Set[str]] = {sid: set() for sid in pack.scenes}
    for sid, sc in pack.scenes.items():
        for _effects, target in _edges(pack, sc):
            preds[target].add(sid)
    work: Deque[str] = deque(pack.scenes)
    queued = set(work)
    while work:
        sid = work.popleft()
        queued.discard(sid)
        sc = pack.scenes[sid]
        new = set(live[sid])
        for effects, target in _edges(pack, sc):
            entry = _back(pack.scenes[target].effects, live[target])
            new |= _back(effects, entry)
        if new != live[sid]:
            live[sid] = new
            for p in preds[sid] - queued:
                work.append(p)
                queued.add(p)
    return {sid: frozenset(v) for sid, v in live.items()}


# ---- the abstract run ----------------------------------------------------------------------

@dataclass
class _State:
    scene: str
    vars: Dict[str, object]  # only the live ones (and `@scene` visit counts)
    friends: Tuple[str, ...]
    box: ScoreBox

    def key(self) -> Key:
        return (self.scene, tuple(sorted(self.vars.items(), key=lambda kv: kv[0])),
                self.friends)


@dataclass
class _Node:
    state: _State
    parent: Optional[Key]
    move: Move
    sure: bool  # the path to here took only moves open in every run merged on the way
    merges: int = 0


@dataclass
class Answer:
    """One question's answer: `proved` says whether it is a proof; `path` reproduces it."""
    verdict: str  # reachable | unreachable | maybe  (scenes, endings)
    #               opens | never | maybe            (locked choices)
    proved: bool
    path: Optional[Tuple[int, ...]] = None  # choice numbers as `playtest --replay` reads them
    how: str = ""  # "replayed" | "sampled" | "search" | "over-approximation"
    seed: int = 0  # the run's seed, for `--replay SEED:path`


@dataclass
class Proof:
    pack: Pack
    states: int = 0
    complete: bool = True
    notes: List[str] = field(default_factory=list)
    scenes: Dict[str, Answer] = field(default_factory=dict)
    locks: Dict[ChoiceRef, Answer] = field(default_factory=dict)  # choices with an `if:`
    dead_ends: List[Answer] = field(default_factory=list)  # proved ones, with a path
    maybe_dead_ends: List[str] = field(default_factory=list)  # scenes, over-approximated

    @property
    def endings(self) -> Dict[str, Answer]:
        return {sid: self.scenes[sid] for sid, sc in self.pack.scenes.items()
                if sc.ending is not None and sid in self.scenes}

    @property
    def all_proved(self) -> bool:
        return self.complete and not self.maybe_dead_ends and \
            all(a.proved for a in list(self.scenes.values()) + list(self.locks.values()))


class Prover:
    def __init__(self, pack: Pack, max_states: int = MAX_STATES, sample_runs: int = SAMPLE_RUNS):
        self.pack, self.max_states, self.sample_runs = pack, max_states, sample_runs
        self.live = live_reads(pack)
        self.counted = {call.arg for sc in pack.scenes.values() for c in sc.choices
                        for e in (c.condition, c.show_if) if e is not None
                        for call in conditions.calls(e) if call.fn == "visits"}
        self.nodes: Dict[Key, _Node] = {}
        self.queue: Deque[Key] = deque()
        self.queued: Set[Key] = set()
        self.first: Dict[str, Key] = {}  # scene -> first state found there
        self.opened: Dict[ChoiceRef, Tuple[bool, Key]] = {}  # (surely open?, where)
        self.stuck: Dict[str, Key] = {}  # scene -> a state where nothing may be open
        self.surely_stuck: Dict[str, Key] = {}
        self.approximate_rolls = False
        self.values: Dict[Tuple[str, str], Set[object]] = {}  # (scene, variable) -> values seen

    # ---- the search ------------------------------------------------------------------

    def run(self) -> Proof:
        proof = Proof(self.pack)
        start = self.pack.episodes[0].start
        base = _State(start, dict(self.pack.variables),
                      tuple(sorted(c.id for c in self.pack.characters.values() if c.friend)),
                      ScoreBox.start(self.pack))
        for s in self._enter(base, start):
            self._arrive(s, None, _NEXT, True)
        while self.queue:
            if len(self.nodes) > self.max_states:
                proof.complete = False
                proof.notes.append(_("the search stopped after {count} merged states; nothing "
                                     "it did not reach is proved unreachable").format(
                                         count=self.max_states))
                break
            key = self.queue.popleft()
            self.queued.discard(key)
            self._expand(key)
        if self.approximate_rolls:
            proof.complete = False
            proof.notes.append(_("a move's dice have more than {count} outcomes; only {count} "
                                 "were followed").format(count=ROLL_LIMIT))
        proof.states = len(self.nodes)
        return _Verdicts(self, proof).decide()

    def _arrive(self, s: _State, parent: Optional[Key], move: Move, sure: bool) -> None:
        """Merge `s` into its state. A path of sure moves is a real run's path (by induction:
        that run lies in every box on the way, and each move was open for all of the box),
        so the search keeps one where it can: it is the witness a replay confirms."""
        key = s.key()
        node = self.nodes.get(key)
        sure = sure and (parent is None or self.nodes[parent].sure)
        if node is None:
            self.nodes[key] = _Node(s, parent, move, sure)
            if sure or s.scene not in self.first:
                self.first[s.scene] = key
            elif not self.nodes[self.first[s.scene]].sure and sure:
                self.first[s.scene] = key
        else:
            if sure and not node.sure:
                node.parent, node.move, node.sure = parent, move, True
                if not self.nodes[self.first[s.scene]].sure:
                    self.first[s.scene] = key
            joined = node.state.box.join(s.box)
            if joined == node.state.box:
                return
            node.merges += 1
            if node.merges > WIDEN_AFTER:
                joined = joined.widen(node.state.box, self.pack.regime)
            node.state.box = joined
        if key not in self.queued:
            self.queue.append(key)
            self.queued.add(key)

    def _expand(self, key: Key) -> None:
        s = self.nodes[key].state
        sc = self.pack.scenes[s.scene]
        if sc.ending is not None:
            nxt = self.pack.next_episode(sc.episode)
            if nxt is not None:
                outcomes = self._enter(s, nxt.start)
                for t in outcomes:
                    self._arrive(t, key, _NEXT, len(outcomes) == 1)
            return
        if not sc.choices:
            outcomes = self._take(s, (), sc.goto or "")
            for t in outcomes:
                self._arrive(t, key, 0, len(outcomes) == 1)
            return
        env = self._env(s)
        surely = False
        for i, c in enumerate(sc.choices):
            shown_ = True if c.show_if is None else holds(c.show_if, env)
            opens = True if c.condition is None else holds(c.condition, env)
            if shown_ is False or opens is False:
                continue
            sure = shown_ is True and opens is True
            surely = surely or sure
            if c.condition is not None:
                witness = sure and self.nodes[key].sure
                was = self.opened.get((sc.id, i))
                if was is None or (witness and not was[0]):
                    self.opened[(sc.id, i)] = (witness, key)
            outcomes = self._take(s, c.effects, c.goto)
            for t in outcomes:  # a rolled outcome is not the one seed 0 gives: not a witness
                self._arrive(t, key, i, sure and len(outcomes) == 1)
        if not surely:
            self.stuck.setdefault(sc.id, key)
            if all(self._closed(c, env) for c in sc.choices):
                self.surely_stuck.setdefault(sc.id, key)

    @staticmethod
    def _closed(c: Choice, env: AbstractEnv) -> bool:
        return (c.show_if is not None and holds(c.show_if, env) is False) or \
            (c.condition is not None and holds(c.condition, env) is False)

    # ---- moving ----------------------------------------------------------------------

    def _take(self, s: _State, effects: Sequence[Effect], target: str) -> List[_State]:
        """A choice: one step passes (fading records fade), its effects, then the target."""
        t = _State(s.scene, dict(s.vars), s.friends, s.box.tick(self.pack.regime))
        out: List[_State] = []
        for mid in self._apply(t, effects):
            out += self._enter(mid, target)
        return out

    def _enter(self, s: _State, target: str) -> List[_State]:
        sc = self.pack.scenes[target]
        s = _State(target, dict(s.vars), s.friends, s.box)
        visits = "@" + target
        count = s.vars.get(visits, 0)
        if not isinstance(count, Range):
            count = int(count) + 1  # type: ignore[call-overload]
            s.vars[visits] = count if target in self.counted else min(1, count)
        out = []
        live = self.live[target]
        for t in self._apply(s, sc.effects):
            t.vars = {k: self._widened(target, k, v) for k, v in t.vars.items() if k in live}
            out.append(t)
        return out

    def _widened(self, scene: str, name: str, value: object) -> object:
        """A counter or sum that keeps growing around a loop (visits, cash added each time)
        would give the search endless states: past VALUE_LIMIT values in one scene it becomes
        "any number", which conditions treat as unknown (the widening of numbers)."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        seen = self.values.setdefault((scene, name), set())
        if len(seen) >= VALUE_LIMIT and value not in seen:
            return ANY_NUMBER
        seen.add(value)
        return value

    def _apply(self, s: _State, effects: Sequence[Effect]) -> List[_State]:
        states = [s]
        for e in effects:
            states = [t for one in states for t in self._effect(one, e)]
            if len(states) > ROLL_LIMIT:  # several large rolls in one move multiply
                self.approximate_rolls, states = True, states[:ROLL_LIMIT]
        return states

    def _effect(self, s: _State, e: Effect) -> List[_State]:
        regime = self.pack.regime
        if isinstance(e, Rate):
            s.box = s.box.rate(self.pack, e)
        elif isinstance(e, Record):
            s.box = s.box.record(regime, e)
        elif isinstance(e, Shift):
            s.box = s.box.shift(regime, e)
        elif isinstance(e, SetVars):
            s.vars.update(e.values)
        elif isinstance(e, AddVars):
            for name, amount in e.values:
                old = s.vars.get(name, 0)
                if isinstance(old, Range):  # any number plus a number is any number
                    continue
                number = old if isinstance(old, (int, float)) and not isinstance(old, bool) else 0
                s.vars[name] = number + amount
        elif isinstance(e, Befriend):
            s.friends = tuple(sorted(set(s.friends) | {e.who}))
        elif isinstance(e, Unfriend):
            s.friends = tuple(f for f in s.friends if f != e.who)
        elif isinstance(e, Roll):
            return self._roll(s, e)
        return [s]

    def _roll(self, s: _State, e: Roll) -> List[_State]:
        top = e.max
        if e.max - e.min + 1 > ROLL_LIMIT:
            self.approximate_rolls, top = True, e.min + ROLL_LIMIT - 1
        out = []
        for value in range(e.min, top + 1):
            out.append(_State(s.scene, {**s.vars, e.var: value}, s.friends, s.box))
        return out

    # ---- conditions ------------------------------------------------------------------

    def _env(self, s: _State) -> AbstractEnv:
        regime = self.pack.regime
        score = s.box.score(regime, s.friends)

        def special(name: str) -> object:
            if name == "score":
                return exact_or_range(*shown(regime, score))
            if name == "tier":
                lo, hi = tier_ranks(regime, score)
                return regime.tiers[lo].id if lo == hi else None
            return len(s.friends)

        def call(fn: str, arg: str) -> object:
            if fn == "friend":
                return arg in s.friends
            if fn in ("visits", "visited"):
                count = s.vars.get("@" + arg, 0)
                if isinstance(count, Range):
                    return count if fn == "visits" else None
                return count if fn == "visits" else count > 0  # type: ignore[operator]
            if fn == "score_of":
                return exact_or_range(*s.box.char(arg))
            return exact_or_range(*s.box.category(arg))

        return AbstractEnv(lambda n: s.vars.get(n, False), special, call,
                           lambda tid: regime.tier_rank(tid), lambda: tier_ranks(regime, score))

    # ---- paths -----------------------------------------------------------------------

    def path(self, key: Key) -> List[Move]:
        moves: List[Move] = []
        node: Optional[_Node] = self.nodes[key]
        while node is not None and node.parent is not None:
            moves.append(node.move)
            node = self.nodes[node.parent]
        return moves[::-1]


# ---- from the search to answers -----------------------------------------------------------

def replay_moves(pack: Pack, moves: Sequence[Move]) -> Optional[Tuple[Runtime, Tuple[int, ...]]]:
    """Play `moves` (source indexes, _NEXT) in the real runtime from seed 0; the runtime and
    the choice numbers `playtest --replay` takes, or None when a move is not open there."""
    try:
        rt = Runtime.start(pack, seed=0)
        numbers: List[int] = []
        for m in moves:
            if m == _NEXT:
                if rt.next_episode is None:
                    return None
                rt.begin_next_episode()
                numbers.append(NEXT)
                continue
            sources = rt.visible_sources()
            if m not in sources or not rt.choices[sources.index(m)].available:
                return None
            rt.choose(sources.index(m))
            numbers.append(sources.index(m) + 1)
        return rt, tuple(numbers)
    except Exception:  # a crash is the playtester's to report, with its own path
        return None


def _open_in(rt: Runtime, src: int) -> bool:
    sources = rt.visible_sources() if rt.scene.choices else []
    return src in sources and rt.choices[sources.index(src)].available


class _Verdicts:
    """Turn what the search reached into proofs (a real run shows it, or the search never
    reached it) and honest maybes."""

    def __init__(self, prover: Prover, proof: Proof):
        self.p, self.proof = prover, proof
        self.pending_scenes: List[str] = []
        self.pending_locks: List[ChoiceRef] = []
        self.pending_stuck: List[str] = []

    def decide(self) -> Proof:
        p, proof = self.p, self.proof
        for sid in p.pack.scenes:
            self._scene(sid)
        for sid, sc in p.pack.scenes.items():
            for i, c in enumerate(sc.choices):
                if c.condition is not None:
                    self._lock((sid, i))
        for sid, key in p.stuck.items():
            self._stuck(sid, p.surely_stuck.get(sid, key))
        if self.pending_scenes or self.pending_locks or self.pending_stuck:
            self._sample()
        return proof

    def _scene(self, sid: str) -> None:
        key = self.p.first.get(sid)
        if key is None:
            self.proof.scenes[sid] = Answer("unreachable", self.proof.complete, how="search")
            return
        done = replay_moves(self.p.pack, self.p.path(key))
        if done is not None and done[0].state.scene == sid:
            self.proof.scenes[sid] = Answer("reachable", True, done[1], "replayed")
        else:
            self.pending_scenes.append(sid)

    def _lock(self, ref: ChoiceRef) -> None:
        found = self.p.opened.get(ref)
        if found is None:
            self.proof.locks[ref] = Answer("never", self.proof.complete, how="search")
            return
        done = replay_moves(self.p.pack, self.p.path(found[1]))
        if done is not None and done[0].state.scene == ref[0] and _open_in(done[0], ref[1]):
            self.proof.locks[ref] = Answer("opens", True, done[1], "replayed")
        else:
            self.pending_locks.append(ref)

    def _stuck(self, sid: str, key: Key) -> None:
        done = replay_moves(self.p.pack, self.p.path(key))
        if done is not None and done[0].state.scene == sid and \
                not any(v.available for v in done[0].choices):
            self.proof.dead_ends.append(Answer("dead-end", True, done[1], "replayed"))
        else:
            self.pending_stuck.append(sid)

    def _sample(self) -> None:
        """Random playthroughs for what the replays did not show; what they miss stays a
        maybe (an over-approximation of the search)."""
        cov = random_playtest(self.p.pack, self.p.sample_runs, seed=0)
        proof = self.proof
        for sid in self.pending_scenes:
            stat = cov.endings.get(sid)
            path = stat.path if stat is not None and stat.count else None
            seed = stat.seed if stat is not None and path is not None else 0
            proof.scenes[sid] = Answer("reachable", True, path, "sampled", seed) \
                if cov.visits[sid] \
                else Answer("maybe", False, how="over-approximation")
        for ref in self.pending_locks:
            proof.locks[ref] = Answer("opens", True, how="sampled") if cov.available[ref] \
                else Answer("maybe", False, how="over-approximation")
        seen = {pr.scene: pr for pr in cov.by_kind("dead-end")}
        for sid in self.pending_stuck:
            if sid in seen:
                found = seen[sid]
                proof.dead_ends.append(Answer("dead-end", True, found.path, "sampled", found.seed))
            else:
                proof.maybe_dead_ends.append(sid)


def prove(pack: Pack, max_states: int = MAX_STATES, sample_runs: int = SAMPLE_RUNS) -> Proof:
    """Answer the authors' questions about `pack` (see the module docstring)."""
    return Prover(pack, max_states, sample_runs).run()
