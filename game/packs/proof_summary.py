"""What `standing playtest --prove` (and `--exhaustive` on a pack too big to enumerate) prints:
the prover's answers (game/packs/prove.py), each marked as a proof or not."""
from __future__ import annotations

from typing import Any, Dict, Iterable, List

from ..engine.conditions import unparse
from ..i18n import _, ngettext, pgettext
from .diagnostics import join_clauses
from .prove import Answer, Proof

SHOW_PATH = 200


def failures(proof: Proof, allow_unreached: bool, allow_dead_ends: bool,
             strict: bool) -> List[str]:
    out = []
    if not allow_dead_ends and proof.dead_ends:
        n = len(proof.dead_ends)
        out.append(ngettext("{n} dead end", "{n} dead ends", n).format(n=n))
    missing = [sid for sid, a in proof.endings.items() if a.verdict != "reachable"]
    if not allow_unreached and missing:
        n = len(missing)
        out.append(ngettext("{n} ending not proved reachable", "{n} endings not proved reachable",
                            n).format(n=n))
    if strict:
        n = len([sid for sid, a in proof.scenes.items() if a.verdict != "reachable"])
        if n:
            out.append(ngettext("{n} scene not proved reachable",
                                "{n} scenes not proved reachable", n).format(n=n))
        n = len([ref for ref, a in proof.locks.items() if a.verdict != "opens"])
        if n:
            out.append(ngettext("{n} locked choice not proved to open",
                                "{n} locked choices not proved to open", n).format(n=n))
    return out


def summary(proof: Proof, path: str) -> str:
    head = _("{path}: proof search over {count} merged states (complete)") if proof.complete \
        else _("{path}: proof search over {count} merged states (incomplete)")
    lines = [head.format(path=path, count=proof.states),
             "  " + _("(states merge runs that agree on what later conditions read; the score is "
                      "kept as an interval)")]
    # Translators: a line of the proof summary; {note} says where the search was cut short.
    lines += ["  " + _("note: {note}").format(note=n) for n in proof.notes]
    rows = _Rows()
    lines += _scenes(proof, rows) + _locks(proof, rows) + _endings(proof, rows) + \
        _dead_ends(proof, rows)
    lines.append("  " + (_("proofs: every answer above is a proof") if proof.all_proved else
                         _("proofs: answers marked MAY are over-approximations, not proofs")))
    return "\n".join(lines)


class _Rows:
    """The summary's rows: a label column as wide as the longest label in the reader's
    language, then the row's text; more lines of a row are indented to the text."""

    def __init__(self) -> None:
        # Translators: labels of the proof summary's rows (a column; keep them short).
        self.labels = {"scenes": pgettext("proof summary", "scenes"),
                       "locked": pgettext("proof summary", "locked"),
                       "endings": pgettext("proof summary", "endings"),
                       "dead ends": pgettext("proof summary", "dead ends")}
        self.width = max(len(s) for s in self.labels.values())

    def row(self, label: str, text: str) -> str:
        return f"  {self.labels[label]:<{self.width}} {text}"

    def more(self, text: str) -> str:
        return " " * (self.width + 3) + text


def _scenes(proof: Proof, rows: _Rows) -> List[str]:
    answers = proof.scenes
    ok = [s for s, a in answers.items() if a.verdict == "reachable"]
    # Translators: {how} says how the answers were found ("3 proved by a sampled run; ...").
    lines = [rows.row("scenes", _("{ok}/{total} reachable ({how})").format(
        ok=len(ok), total=len(answers), how=_how(answers.values())))]
    never = [s for s, a in answers.items() if a.verdict == "unreachable"]
    maybe = [s for s, a in answers.items() if a.verdict == "maybe"]
    if never:
        said = _("unreachable (proved): {scenes}") if proof.complete else \
            _("not reached (the search stopped): {scenes}")
        lines.append(rows.more(said.format(scenes=", ".join(never))))
    if maybe:
        lines.append(rows.more(_("MAY be reachable (over-approximation, no run found): {scenes}")
                               .format(scenes=", ".join(maybe))))
    return lines


def _locks(proof: Proof, rows: _Rows) -> List[str]:
    answers = proof.locks
    opens = sum(1 for a in answers.values() if a.verdict == "opens")
    lines = [rows.row("locked", _("{ok}/{total} choices with `if:` can open ({how})").format(
        ok=opens, total=len(answers), how=_how(answers.values())))]
    for ref, a in answers.items():
        if a.verdict == "opens":
            continue
        c = proof.pack.scenes[ref[0]].choices[ref[1]]
        # Translators: {scene} is a scene id, {n} the choice's number, {label} its text,
        # {condition} its `if:`, {where} file:line:column.
        said = _("`{scene}` choice {n} \"{label}\" [if {condition}] MAY open "
                 "(over-approximation, no run found) ({where})") if a.verdict == "maybe" else \
            _("`{scene}` choice {n} \"{label}\" [if {condition}] never opens (proved) "
              "({where})") if a.proved else \
            _("`{scene}` choice {n} \"{label}\" [if {condition}] never opened (the search "
              "stopped) ({where})")
        assert c.condition is not None
        lines.append(rows.more(said.format(scene=ref[0], n=ref[1] + 1, label=c.text.source,
                                           condition=unparse(c.condition), where=c.pos)))
    return lines


def _endings(proof: Proof, rows: _Rows) -> List[str]:
    answers = proof.endings
    ok = sum(1 for a in answers.values() if a.verdict == "reachable")
    lines = [rows.row("endings", _("{ok}/{total} reachable").format(ok=ok, total=len(answers)))]
    width = max((len(s) for s in answers), default=0)
    for sid, a in answers.items():
        lines.append(rows.more(f"{sid:<{width}}  {_verdict(a)}"))
    return lines


def _dead_ends(proof: Proof, rows: _Rows) -> List[str]:
    if not proof.dead_ends and not proof.maybe_dead_ends:
        word = _("none (proved)") if proof.complete else _("none found (the search stopped)")
        return [rows.row("dead ends", word)]
    lines = [rows.row("dead ends", _("{proved} proved, {possible} possible").format(
        proved=len(proof.dead_ends), possible=len(proof.maybe_dead_ends)))]
    for a in proof.dead_ends:
        # Translators: {path} is how to replay it, e.g. "--replay 7:1,2,1".
        lines.append(rows.more(_("dead end (proved): {path}").format(path=_path(a))))
    if proof.maybe_dead_ends:
        lines.append(rows.more(_("MAY be stuck (over-approximation, no run found) in: {scenes}")
                               .format(scenes=", ".join(proof.maybe_dead_ends))))
    return lines


def _how(answers: Iterable[Answer]) -> str:
    answers = list(answers)
    replayed = sum(1 for a in answers if a.proved and a.how == "replayed")
    sampled = sum(1 for a in answers if a.proved and a.how == "sampled")
    search = sum(1 for a in answers if a.proved and a.how == "search")
    maybe = sum(1 for a in answers if not a.proved)
    parts = [_("{n} proved by replaying the search's path").format(n=replayed)] if replayed \
        else []
    parts += [_("{n} proved by a sampled run").format(n=sampled)] if sampled else []
    parts += [_("{n} proved impossible by the search").format(n=search)] if search else []
    parts += [_("{n} not proved").format(n=maybe)] if maybe else []
    return join_clauses(parts) or _("nothing to prove")


def _verdict(a: Answer) -> str:
    if a.verdict == "reachable":
        return _reachable(a)
    if a.verdict == "unreachable":
        return _("UNREACHABLE (proved)") if a.proved else _("NOT FOUND (the search stopped)")
    return _("MAY be reachable (over-approximation, no run found)")


def _reachable(a: Answer) -> str:
    """How an ending was proved reachable (the prover's `how`), with the path if it has one."""
    replayed = a.how == "replayed"
    # Translators: "replayed": the search's path was played again and reached it; "sampled":
    # a random run reached it. {path} is how to replay it, e.g. "--replay 7:1,2,1".
    if a.path is None:
        return _("reachable (proved, replayed)") if replayed else \
            _("reachable (proved, sampled)")
    said = _("reachable (proved, replayed): {path}") if replayed else \
        _("reachable (proved, sampled): {path}")
    return said.format(path=_path(a))


def _path(a: Answer) -> str:
    if a.path is None:
        return ""
    if len(a.path) > SHOW_PATH:
        return _("a path of {n} moves (see --json)").format(n=len(a.path))
    return f"--replay {a.seed}:" + ",".join(str(n) for n in a.path)


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
