"""Human-readable reasons for a locked choice ("needs 4.200, you have 3.870")."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .conditions import Call, Compare, Const, Expr, Logic, Name, Not, unparse
from .model import show_value

if TYPE_CHECKING:
    from .runtime import Runtime

_NEEDS = {">=": "needs {want}", ">": "needs more than {want}", "<=": "needs {want} or less",
          "<": "needs less than {want}", "==": "needs exactly {want}", "!=": "needs other than {want}"}


def explain(e: Expr, rt: "Runtime") -> str:
    """Why `e` is false right now, in a sentence fragment."""
    if isinstance(e, Logic):  # recursion is bounded: conditions.MAX_TREE_DEPTH
        if e.op == "and":
            for side in e.operands:
                if not side.eval(rt):
                    return explain(side, rt)
        return " or ".join(explain(side, rt) for side in e.operands)
    if isinstance(e, Compare):
        return _explain_compare(e, rt) or f"needs {unparse(e)}"
    if isinstance(e, Call):
        return _explain_call(e, rt, want=True)
    if isinstance(e, Not) and isinstance(e.operand, Call):
        return _explain_call(e.operand, rt, want=False)
    if isinstance(e, Name):
        return f"needs {rt.pack.var_label(e.name)}"
    if isinstance(e, Not) and isinstance(e.operand, Name):
        name = e.operand.name
        labelled = name in rt.pack.displays and rt.pack.displays[name].label
        return f"not possible {'with' if labelled else 'once'} {rt.pack.var_label(name)}"
    return f"needs {unparse(e)}"


def _explain_compare(e: Compare, rt: "Runtime") -> Optional[str]:
    subject, other, op = e.left, e.right, e.op
    if isinstance(subject, Const) and not isinstance(other, Const):
        subject, other, op = other, subject, _flip(op)
    if not isinstance(other, Const) or (isinstance(other.value, str) and not
                                        (isinstance(subject, Name) and subject.name == "tier")):
        return None
    template = _NEEDS[op]
    if isinstance(subject, Name) and subject.name == "score":
        want = rt.pack.regime.scale.fmt(float(other.value))
        return f"{template.format(want=want)}, you have {rt.score_text}"
    if isinstance(subject, Name) and subject.name == "tier":
        regime = rt.pack.regime
        want = next((t.name for t in regime.tiers if t.id == other.value), str(other.value))
        return f"{template.format(want=want)} standing, you are {rt.tier.name}"
    if isinstance(subject, Call) and subject.fn == "score_of":
        who = rt.pack.characters[subject.arg].name
        want = rt.pack.regime.scale.fmt(float(other.value))
        have = rt.pack.regime.scale.fmt(rt.score_of(subject.arg))
        return f"{who} {template.format(want=want)}, they have {have}"
    if isinstance(subject, Name):
        return _explain_var(subject.name, template, other.value, subject.eval(rt), rt)
    return None


def _explain_var(name: str, template: str, want: object, have: object, rt: "Runtime") -> str:
    """"needs 1,200 marks, you have 1,181 marks" with a display form; without one, the
    variable's label follows the number: "needs 1,200 cash, you have 1,181"."""
    shown = rt.pack.displays.get(name)
    if shown is not None and shown.template != "{}":
        return f"{template.format(want=shown.show(want))}, you have {shown.show(have)}"
    label = rt.pack.var_label(name)
    return f"{template.format(want=show_value(want))} {label}, you have {show_value(have)}"


def _explain_call(c: Call, rt: "Runtime", want: bool) -> str:
    if c.fn == "friend":
        name = rt.pack.characters[c.arg].name
        return f"only if you are friends with {name}" if want else \
            f"not while you are friends with {name}"
    if c.fn == "visited":
        return "you have not been there yet" if want else "you have already been there"
    return f"needs {'' if want else 'not '}{unparse(c)}"


def _flip(op: str) -> str:
    return {">=": "<=", "<=": ">=", ">": "<", "<": ">"}.get(op, op)

