"""Static story checks over a loaded pack: reachability, dead ends, stuck choices."""
from __future__ import annotations

from collections import deque
from itertools import product
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from ..engine import conditions as cond
from ..engine.model import Choice, Pack, Scene
from ..i18n import _
from .diagnostics import Report


def successors(pack: Pack, sc: Scene) -> List[str]:
    """Where a scene can lead; an ending leads on to the next episode's start."""
    if sc.ending is not None:
        nxt = pack.next_episode(sc.episode)
        return [nxt.start] if nxt else []
    if sc.choices:
        return [c.goto for c in sc.choices]
    return [sc.goto] if sc.goto else []


def reachable(pack: Pack, starts: Iterable[str]) -> Set[str]:
    seen: Set[str] = set()
    todo = deque(s for s in starts if s in pack.scenes)
    while todo:
        sid = todo.popleft()
        if sid in seen:
            continue
        seen.add(sid)
        todo.extend(t for t in successors(pack, pack.scenes[sid]) if t not in seen)
    return seen


def can_finish(pack: Pack) -> Set[str]:
    """Scenes from which some ending can be reached (a backwards search from the endings)."""
    preds: Dict[str, List[str]] = {sid: [] for sid in pack.scenes}
    for sid, sc in pack.scenes.items():
        if sc.ending is None:
            for t in successors(pack, sc):
                preds.setdefault(t, []).append(sid)
    done: Set[str] = set()
    todo = deque(s.id for s in pack.endings())
    while todo:
        sid = todo.popleft()
        if sid in done:
            continue
        done.add(sid)
        todo.extend(p for p in preds.get(sid, ()) if p not in done)
    return done


def check_story(pack: Pack, report: Report) -> None:
    live = reachable(pack, [e.start for e in pack.episodes])
    finishing = can_finish(pack)
    for sid, sc in pack.scenes.items():
        if sid not in live:
            if sc.ending is not None:
                # Translators: {scene} is the ending's scene id, {title} its title.
                report.add("unreachable-ending", sc.pos, _(
                    "no path reaches the ending `{scene}` (\"{title}\")").format(
                        scene=sid, title=sc.ending.title), _("add a `goto` to it, or delete it"))
            else:
                report.add("unreachable-scene", sc.pos, _(
                    "no path reaches the scene `{scene}`").format(scene=sid),
                    _("add a `goto` to it, or delete it"))
        if sid not in finishing:
            report.add("dead-end", sc.pos, _(
                "no ending can be reached from the scene `{scene}`").format(scene=sid),
                _("give the player a way out of this loop to an ending"))
        if sc.choices and not covers_every_case(sc.choices):
            report.add("all-conditional", sc.pos, _(
                "every choice of `{scene}` has a condition; if none holds, the player is stuck")
                .format(scene=sid),
                _("leave one choice without `if`/`show_if`, or run `standing playtest`"))


# ---- can the player always choose something? --------------------------------------------

_NEGATED = {"<": ">=", "<=": ">", "!=": "=="}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
MAX_ATOMS = 10
MAX_CASES = 20_000  # combinations of facts x choices tried per scene; past it, warn instead


def covers_every_case(choices: Sequence[Choice]) -> bool:
    """True when, whatever the facts, at least one choice is shown and open.

    Each comparison, flag and function call is treated as an independent yes/no fact
    (`score < 4` counts as `not score >= 4`), and every combination is tried. That proves
    cases like four `show_if`s over two flags; anything subtler is left to the playtester."""
    gates = [_gate(c) for c in choices]
    if any(g is None for g in gates):
        return True
    atoms: Dict[Atom, int] = {}
    for g in gates:
        _collect(g, atoms)  # type: ignore[arg-type]
        if len(atoms) > MAX_ATOMS or len(gates) << len(atoms) > MAX_CASES:
            return False
    return all(any(_holds(g, facts, atoms) for g in gates)  # type: ignore[arg-type]
               for facts in product((False, True), repeat=len(atoms)))


# A yes/no fact: ("cmp", left, op, right) or ("fact", source).
Atom = Tuple[str, ...]


def _collect(e: cond.Expr, atoms: Dict[Atom, int]) -> None:
    stack = [e]
    while stack:
        e = stack.pop()
        if isinstance(e, cond.Logic):
            stack += reversed(e.operands)
        elif isinstance(e, cond.Not):
            stack.append(e.operand)
        elif not isinstance(e, cond.Const):
            atoms.setdefault(_atom(e)[0], len(atoms))  # type: ignore[index]


def _gate(c: Choice) -> Optional[cond.Expr]:
    parts = [e for e in (c.show_if, c.condition) if e is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else cond.Logic("and", (parts[0], parts[1]))


def _atom(n: cond.Expr) -> Optional[Tuple[Atom, bool]]:
    """(key, negated) for a yes/no fact, or None for structure (and/or/not)."""
    if isinstance(n, (cond.Logic, cond.Not)):
        return None
    if isinstance(n, cond.Compare):
        left, op, right = n.left, n.op, n.right
        if isinstance(left, cond.Const) and not isinstance(right, cond.Const):
            left, op, right = right, _FLIPPED[op], left
        negated = op in _NEGATED
        op = _NEGATED.get(op, op)
        return ("cmp", cond.unparse(left), op, cond.unparse(right)), negated
    return ("fact", cond.unparse(n)), False


def _holds(e: cond.Expr, facts: Tuple[bool, ...], atoms: Dict[Atom, int]) -> bool:
    if isinstance(e, cond.Logic):
        sides = (_holds(side, facts, atoms) for side in e.operands)
        return all(sides) if e.op == "and" else any(sides)
    if isinstance(e, cond.Not):
        return not _holds(e.operand, facts, atoms)
    if isinstance(e, cond.Const):
        return bool(e.value)
    key, negated = _atom(e)  # type: ignore[misc]
    return facts[atoms[key]] != negated
