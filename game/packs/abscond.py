"""Conditions over an abstract state, in three-valued logic (True, False, or None: unknown).

The prover (prove.py) keeps variables, friends and visit counts exactly and the score as an
interval (absscore.py). A comparison that reads the score, the tier, a category or a
character's score is decided when the whole interval falls on one side, and unknown when it
straddles; `and`/`or`/`not` follow Kleene's rules. So True and False are facts about every run
merged into the state, and None means "may be either".
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Callable, Optional, Tuple, Union

from ..engine.conditions import (Arith, Call, Compare, Const, Expr, Logic, Name, Neg, Not,
                                 compare, number, truthy)

Truth = Optional[bool]


@dataclass(frozen=True)
class Range:
    """A number known only to lie between lo and hi."""
    lo: float
    hi: float


Value = Union[object, Range, None]  # an exact value, a Range, or None (an unknown truth)


def exact_or_range(lo: float, hi: float) -> object:
    return lo if lo == hi else Range(lo, hi)


class AbstractEnv:
    """What abscond reads: exact values for variables and calls, ranges where the score is
    involved. `special`/`call` may return a Range."""

    def __init__(self, var: Callable[[str], object], special: Callable[[str], object],
                 call: Callable[[str, str], object], tier_rank: Callable[[str], int],
                 tier_range: Callable[[], Tuple[int, int]]):
        self.var, self.special, self.call, self.tier_rank = var, special, call, tier_rank
        self.tier_range = tier_range  # the ranks of the lowest and highest tier possible


def holds(e: Expr, env: AbstractEnv) -> Truth:
    """Whether `e` is true in every run (True), in none (False), or unknown (None)."""
    return _truth(_eval(e, env))


def _truth(v: Value) -> Truth:
    if v is None:
        return None
    if isinstance(v, Range):
        if v.lo > 0 or v.hi < 0:
            return True
        return False if v.lo == v.hi == 0 else None
    return truthy(v)


def _eval(e: Expr, env: AbstractEnv) -> Value:  # recursion bounded by MAX_TREE_DEPTH
    if isinstance(e, Const):
        return e.value
    if isinstance(e, Name):
        return e.eval(env)
    if isinstance(e, Call):
        return env.call(e.fn, e.arg)
    if isinstance(e, Not):
        t = _truth(_eval(e.operand, env))
        return None if t is None else not t
    if isinstance(e, Neg):
        v = _eval(e.operand, env)
        return _arith("-", 0, v)
    if isinstance(e, Logic):
        return _logic(e, env)
    if isinstance(e, Arith):
        acc = _eval(e.operands[0], env)
        acc = acc if isinstance(acc, Range) or acc is None else number(acc)
        for op, x in zip(e.ops, e.operands[1:]):
            acc = _arith(op, acc, _eval(x, env))
        return acc
    assert isinstance(e, Compare)
    return _compare(e, env)


def _logic(e: Logic, env: AbstractEnv) -> Truth:
    deciding = e.op == "or"  # `or` is decided by a True, `and` by a False
    unknown = False
    for x in e.operands:
        t = _truth(_eval(x, env))
        if t is None:
            unknown = True
        elif t == deciding:
            return deciding
    return None if unknown else not deciding


def _arith(op: str, a: Value, b: Value) -> Value:
    if a is None or b is None:
        return Range(float("-inf"), float("inf"))
    if not isinstance(a, Range) and not isinstance(b, Range):
        return Arith((op,), (Const(number(a)), Const(number(b)))).eval(None)  # type: ignore
    ra, rb = _as_range(a), _as_range(b)
    if op == "+":
        return Range(ra.lo + rb.lo, ra.hi + rb.hi)
    if op == "-":
        return Range(ra.lo - rb.hi, ra.hi - rb.lo)
    if op == "/" and rb.lo <= 0 <= rb.hi:
        return Range(float("-inf"), float("inf"))
    values = [x * y if op == "*" else x / y
              for x, y in itertools.product((ra.lo, ra.hi), (rb.lo, rb.hi))]
    return Range(min(values), max(values))


def _as_range(v: Value) -> Range:
    if isinstance(v, Range):
        return v
    n = number(v)
    return Range(n, n)


def _compare(e: Compare, env: AbstractEnv) -> Truth:
    a, b = _eval(e.left, env), _eval(e.right, env)
    # `tier >= 'trusted'` compares ranks (as Compare.operands does)
    if _is_tier(e.left) and isinstance(e.right, Const):
        a, b = exact_or_range(*env.tier_range()), env.tier_rank(str(b))
    elif _is_tier(e.right) and isinstance(e.left, Const):
        a, b = env.tier_rank(str(a)), exact_or_range(*env.tier_range())
    if a is None or b is None:
        return None
    if not isinstance(a, Range) and not isinstance(b, Range):
        return compare(e.op, a, b)
    if isinstance(a, str) or isinstance(b, str):
        return e.op == "!="  # a number never equals a string, nor orders against one
    ra, rb = _as_range(a), _as_range(b)
    return _ranges(e.op, ra, rb)


def _is_tier(e: Expr) -> bool:
    return isinstance(e, Name) and e.name == "tier"


def _ranges(op: str, a: Range, b: Range) -> Truth:
    if op in (">", ">="):
        return _ranges("<" if op == ">" else "<=", b, a)
    if op == "<":
        return True if a.hi < b.lo else False if a.lo >= b.hi else None
    if op == "<=":
        return True if a.hi <= b.lo else False if a.lo > b.hi else None
    equal = a.lo == a.hi == b.lo == b.hi
    apart = a.hi < b.lo or b.hi < a.lo
    if op == "==":
        return True if equal else False if apart else None
    return False if equal else True if apart else None
