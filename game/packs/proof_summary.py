"""What `standing playtest --prove` (and `--exhaustive` on a pack too big to enumerate) prints:
the prover's answers (game/packs/prove.py), each marked as a proof or not."""
from __future__ import annotations

from typing import Any, Dict, Iterable, List

from ..engine.conditions import unparse
from .prove import Answer, Proof

SHOW_PATH = 200


def failures(proof: Proof, allow_unreached: bool, allow_dead_ends: bool,
             strict: bool) -> List[str]:
    out = []
    if not allow_dead_ends and proof.dead_ends:
        out.append(_count(len(proof.dead_ends), "dead end"))
    missing = [sid for sid, a in proof.endings.items() if a.verdict != "reachable"]
    if not allow_unreached and missing:
        out.append(_count(len(missing), "ending") + " not proved reachable")
    if strict:
        scenes = [sid for sid, a in proof.scenes.items() if a.verdict != "reachable"]
        if scenes:
            out.append(_count(len(scenes), "scene") + " not proved reachable")
        never = [ref for ref, a in proof.locks.items() if a.verdict != "opens"]
        if never:
            out.append(_count(len(never), "locked choice") + " not proved to open")
    return out


def summary(proof: Proof, path: str) -> str:
    state = "complete" if proof.complete else "incomplete"
    lines = [f"{path}: proof search over {proof.states} merged states ({state})",
             "  (states merge runs that agree on what later conditions read; the score is kept "
             "as an interval)"]
    lines += [f"  note: {n}" for n in proof.notes]
    lines += _scenes(proof) + _locks(proof) + _endings(proof, path) + _dead_ends(proof, path)
    lines.append("  proofs: " + ("every answer above is a proof" if proof.all_proved else
                                 "answers marked MAY are over-approximations, not proofs"))
    return "\n".join(lines)


def _scenes(proof: Proof) -> List[str]:
    answers = proof.scenes
    ok = [s for s, a in answers.items() if a.verdict == "reachable"]
    lines = [f"  scenes    {len(ok)}/{len(answers)} reachable ({_how(answers.values())})"]
    never = [s for s, a in answers.items() if a.verdict == "unreachable"]
    maybe = [s for s, a in answers.items() if a.verdict == "maybe"]
    if never:
        word = "unreachable (proved)" if proof.complete else "not reached (the search stopped)"
        lines.append(f"            {word}: " + ", ".join(never))
    if maybe:
        lines.append("            MAY be reachable (over-approximation, no run found): "
                     + ", ".join(maybe))
    return lines


def _locks(proof: Proof) -> List[str]:
    answers = proof.locks
    opens = sum(1 for a in answers.values() if a.verdict == "opens")
    lines = [f"  locked    {opens}/{len(answers)} choices with `if:` can open "
             f"({_how(answers.values())})"]
    for ref, a in answers.items():
        if a.verdict == "opens":
            continue
        c = proof.pack.scenes[ref[0]].choices[ref[1]]
        word = "MAY open (over-approximation, no run found)" if a.verdict == "maybe" else \
            "never opens (proved)" if a.proved else "never opened (the search stopped)"
        assert c.condition is not None
        lines.append(f"            `{ref[0]}` choice {ref[1] + 1} \"{c.text.source}\" "
                     f"[if {unparse(c.condition)}] {word} ({c.pos})")
    return lines


def _endings(proof: Proof, path: str) -> List[str]:
    answers = proof.endings
    ok = sum(1 for a in answers.values() if a.verdict == "reachable")
    lines = [f"  endings   {ok}/{len(answers)} reachable"]
    width = max((len(s) for s in answers), default=0)
    for sid, a in answers.items():
        lines.append(f"            {sid:<{width}}  {_verdict(a)}")
    return lines


def _dead_ends(proof: Proof, path: str) -> List[str]:
    if not proof.dead_ends and not proof.maybe_dead_ends:
        word = "none (proved)" if proof.complete else "none found (the search stopped)"
        return [f"  dead ends {word}"]
    lines = [f"  dead ends {len(proof.dead_ends)} proved, {len(proof.maybe_dead_ends)} possible"]
    for a in proof.dead_ends:
        lines.append(f"            dead end (proved): {_path(a)}")
    if proof.maybe_dead_ends:
        lines.append("            MAY be stuck (over-approximation, no run found) in: "
                     + ", ".join(proof.maybe_dead_ends))
    return lines


def _how(answers: Iterable[Answer]) -> str:
    answers = list(answers)
    replayed = sum(1 for a in answers if a.proved and a.how == "replayed")
    sampled = sum(1 for a in answers if a.proved and a.how == "sampled")
    search = sum(1 for a in answers if a.proved and a.how == "search")
    maybe = sum(1 for a in answers if not a.proved)
    parts = [f"{replayed} proved by replaying the search's path"] if replayed else []
    parts += [f"{sampled} proved by a sampled run"] if sampled else []
    parts += [f"{search} proved impossible by the search"] if search else []
    parts += [f"{maybe} not proved"] if maybe else []
    return "; ".join(parts) or "nothing to prove"


def _verdict(a: Answer) -> str:
    if a.verdict == "reachable":
        return f"reachable (proved, {a.how}){_path(a, ': ')}"
    if a.verdict == "unreachable":
        return "UNREACHABLE (proved)" if a.proved else "NOT FOUND (the search stopped)"
    return "MAY be reachable (over-approximation, no run found)"


def _path(a: Answer, lead: str = "") -> str:
    if a.path is None:
        return ""
    if len(a.path) > SHOW_PATH:
        return f"{lead}a path of {len(a.path)} moves (see --json)"
    return f"{lead}--replay {a.seed}:" + ",".join(str(n) for n in a.path)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def to_json(proof: Proof) -> Dict[str, Any]:
    def answer(a: Answer) -> Dict[str, Any]:
        return {"verdict": a.verdict, "proved": a.proved, "how": a.how,
                "replay": None if a.path is None else f"{a.seed}:" + ",".join(map(str, a.path))}

    return {"states": proof.states, "complete": proof.complete, "notes": proof.notes,
            "all_proved": proof.all_proved,
            "scenes": {sid: answer(a) for sid, a in proof.scenes.items()},
            "locked_choices": [{"scene": ref[0], "choice": ref[1] + 1, **answer(a)}
                               for ref, a in proof.locks.items()],
            "dead_ends": [answer(a) for a in proof.dead_ends],
            "possible_dead_ends": proof.maybe_dead_ends}
