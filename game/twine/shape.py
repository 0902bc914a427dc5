"""The story's shape made valid: a Twine story may hold passages no link reaches and loops with
no way out, which a pack may not. Unreachable passages are left out, and each loop gets one
"End the story here" choice, both listed. Both walks are breadth-first worklists, linear in
scenes plus links."""
from __future__ import annotations

from collections import deque
from typing import Dict, List, Set

from ..i18n import _
from .drafts import ChoiceDraft, Conversion, SceneDraft

END_LABEL = "End the story here"


def successors(sc: SceneDraft) -> List[str]:
    return [sc.goto] if sc.goto else [ch.target for ch in sc.choices]


def prune_unreachable(conv: Conversion) -> None:
    by_id = {sc.id: sc for sc in conv.scenes}
    seen: Set[str] = set()
    todo = deque([conv.start] if conv.start in by_id else [])
    while todo:
        sid = todo.popleft()
        if sid in seen:
            continue
        seen.add(sid)
        todo.extend(t for t in successors(by_id[sid]) if t in by_id and t not in seen)
    for sc in conv.scenes:
        if sc.id not in seen:
            conv.problems.append((sc.line, 1, _("no link reaches the passage {name} from the "
                                                "start passage; it was left out").format(
                                                    name=repr(sc.name))))
    conv.scenes = [sc for sc in conv.scenes if sc.id in seen]


def add_exits(conv: Conversion, end_id: str) -> None:
    """Give every loop that cannot reach an ending a way out, to one added ending."""
    preds: Dict[str, List[str]] = {sc.id: [] for sc in conv.scenes}
    for sc in conv.scenes:
        for t in successors(sc):
            preds.setdefault(t, []).append(sc.id)
    done: Set[str] = set()

    def finish_from(start: str) -> None:
        todo = deque([start])
        while todo:
            sid = todo.popleft()
            if sid in done:
                continue
            done.add(sid)
            todo.extend(p for p in preds.get(sid, ()) if p not in done)

    for sc in conv.scenes:
        if sc.ending or sc.fallback:
            finish_from(sc.id)
    added = False
    for sc in conv.scenes:
        if sc.id in done:
            continue
        if sc.goto:
            sc.choices, sc.goto = [ChoiceDraft("Continue", sc.goto)], ""
        sc.choices.append(ChoiceDraft(END_LABEL, end_id))
        # Translators: {label} is the English label of the choice added to the pack.
        conv.problems.append((sc.line, 1, _("no ending can be reached from the passage {name} "
                                            "(a loop); a choice \"{label}\" was added").format(
                                                name=repr(sc.name), label=END_LABEL)))
        finish_from(sc.id)
        added = True
    if added:
        conv.scenes.append(SceneDraft(end_id, "The End", 0, "The story ends here.", ending=True))
