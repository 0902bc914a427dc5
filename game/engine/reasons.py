"""Human-readable reasons for a locked choice ("needs 4.200, you have 3.870")."""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Optional

from ..i18n import N_, _
from .conditions import Call, Compare, Const, Expr, Logic, Name, Not, unparse
from .model import show_value

if TYPE_CHECKING:
    from .runtime import Runtime

# One whole sentence per comparison and subject, so a translator can order it freely: `want` is
# the number or tier asked for, `have` what the player has now.
_SCORE = {">=": N_("needs {want}, you have {have}"),
          ">": N_("needs more than {want}, you have {have}"),
          "<=": N_("needs {want} or less, you have {have}"),
          "<": N_("needs less than {want}, you have {have}"),
          "==": N_("needs exactly {want}, you have {have}"),
          "!=": N_("needs other than {want}, you have {have}")}
# `label` is what the pack calls the variable ("savings"), after the number.
_LABELLED = {">=": N_("needs {want} {label}, you have {have}"),
             ">": N_("needs more than {want} {label}, you have {have}"),
             "<=": N_("needs {want} or less {label}, you have {have}"),
             "<": N_("needs less than {want} {label}, you have {have}"),
             "==": N_("needs exactly {want} {label}, you have {have}"),
             "!=": N_("needs other than {want} {label}, you have {have}")}
# `want` and `have` are the names of standing tiers ("Silver").
_TIER = {">=": N_("needs {want} standing, you are {have}"),
         ">": N_("needs more than {want} standing, you are {have}"),
         "<=": N_("needs {want} or less standing, you are {have}"),
         "<": N_("needs less than {want} standing, you are {have}"),
         "==": N_("needs exactly {want} standing, you are {have}"),
         "!=": N_("needs other than {want} standing, you are {have}")}
# `who` is a character's name; `want` and `have` their scores.
_OTHER = {">=": N_("{who} needs {want}, they have {have}"),
          ">": N_("{who} needs more than {want}, they have {have}"),
          "<=": N_("{who} needs {want} or less, they have {have}"),
          "<": N_("{who} needs less than {want}, they have {have}"),
          "==": N_("{who} needs exactly {want}, they have {have}"),
          "!=": N_("{who} needs other than {want}, they have {have}")}


def explain(e: Expr, rt: "Runtime") -> str:
    """Why `e` is false right now, in a sentence fragment, in the current language (for
    display only: it is never stored)."""
    if isinstance(e, Logic):  # recursion is bounded: conditions.MAX_TREE_DEPTH
        if e.op == "and":
            for side in e.operands:
                if not side.eval(rt):
                    return explain(side, rt)
        return functools.reduce(_either, (explain(side, rt) for side in e.operands))
    if isinstance(e, Compare):
        return _explain_compare(e, rt) or _needs(e)
    if isinstance(e, Call):
        return _explain_call(e, rt, want=True)
    if isinstance(e, Not) and isinstance(e.operand, Call):
        return _explain_call(e.operand, rt, want=False)
    if isinstance(e, Name):
        # Translators: a locked choice's reason; `label` is what the pack calls a flag.
        return _("needs {label}").format(label=rt.pack.var_label(e.name))
    if isinstance(e, Not) and isinstance(e.operand, Name):
        name = e.operand.name
        label = rt.pack.var_label(name)
        if name in rt.pack.displays and rt.pack.displays[name].label:
            # Translators: a locked choice's reason; `label` names a state ("a criminal record").
            return _("not possible with {label}").format(label=label)
        # Translators: a locked choice's reason; `label` names an event ("moved out").
        return _("not possible once {label}").format(label=label)
    return _needs(e)


def _either(first: str, other: str) -> str:
    # Translators: two reasons a choice is locked, either of which would open it.
    return _("{reason} or {other}").format(reason=first, other=other)


def _needs(e: Expr) -> str:
    # Translators: a locked choice's reason; `condition` is the pack's condition as written.
    return _("needs {condition}").format(condition=unparse(e))


def _explain_compare(e: Compare, rt: "Runtime") -> Optional[str]:
    subject, other, op = e.left, e.right, e.op
    if isinstance(subject, Const) and not isinstance(other, Const):
        subject, other, op = other, subject, _flip(op)
    if not isinstance(other, Const) or (isinstance(other.value, str) and not
                                        (isinstance(subject, Name) and subject.name == "tier")):
        return None
    scale = rt.pack.regime.scale
    if isinstance(subject, Name) and subject.name == "score":
        return _(_SCORE[op]).format(want=scale.fmt(float(other.value)), have=rt.score_text)
    if isinstance(subject, Name) and subject.name == "tier":
        regime = rt.pack.regime
        want = next((t.name for t in regime.tiers if t.id == other.value), str(other.value))
        return _(_TIER[op]).format(want=want, have=rt.tier.name)
    if isinstance(subject, Call) and subject.fn == "score_of":
        return _(_OTHER[op]).format(who=rt.pack.characters[subject.arg].name,
                                    want=scale.fmt(float(other.value)),
                                    have=scale.fmt(rt.score_of(subject.arg)))
    if isinstance(subject, Name):
        return _explain_var(subject.name, op, other.value, subject.eval(rt), rt)
    return None


def _explain_var(name: str, op: str, want: object, have: object, rt: "Runtime") -> str:
    """"needs 1,200 marks, you have 1,181 marks" with a display form; without one, the
    variable's label follows the number: "needs 1,200 cash, you have 1,181"."""
    shown = rt.pack.displays.get(name)
    if shown is not None and shown.template != "{}":
        return _(_SCORE[op]).format(want=shown.show(want), have=shown.show(have))
    return _(_LABELLED[op]).format(want=show_value(want), label=rt.pack.var_label(name),
                                   have=show_value(have))


def _explain_call(c: Call, rt: "Runtime", want: bool) -> str:
    if c.fn == "friend":
        name = rt.pack.characters[c.arg].name
        return _("only if you are friends with {name}").format(name=name) if want else \
            _("not while you are friends with {name}").format(name=name)
    if c.fn == "visited":
        return _("you have not been there yet") if want else _("you have already been there")
    if want:
        return _("needs {condition}").format(condition=unparse(c))
    # Translators: a locked choice's reason; `condition` is the pack's condition as written.
    return _("needs not {condition}").format(condition=unparse(c))


def _flip(op: str) -> str:
    return {">=": "<=", "<=": ">=", ">": "<", "<": ">"}.get(op, op)

