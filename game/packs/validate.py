"""Static story checks over a loaded pack: reachability, dead ends, stuck choices."""
from __future__ import annotations

from collections import deque
from typing import Dict, Iterable, List, Set

from ..engine.model import Pack, Scene
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
                report.add("unreachable-ending", sc.pos, f"no path reaches the ending `{sid}` "
                           f"(\"{sc.ending.title}\")", "add a `goto` to it, or delete it")
            else:
                report.add("unreachable-scene", sc.pos, f"no path reaches the scene `{sid}`",
                           "add a `goto` to it, or delete it")
        if sid not in finishing:
            report.add("dead-end", sc.pos, f"no ending can be reached from the scene `{sid}`",
                       "give the player a way out of this loop to an ending")
        if sc.choices and all(c.condition is not None or c.show_if is not None
                              for c in sc.choices):
            report.add("all-conditional", sc.pos, f"every choice of `{sid}` has a condition; "
                       "if none holds, the player is stuck",
                       "leave one choice without `if`/`show_if`, or run `standing playtest`")
