"""The one rounding rule: every number a player reads is the score rounded to the scale's
`decimals`, and every figure derived from shown numbers (a change, the parts of a breakdown) is
computed from what is shown, so a class can check the arithmetic on the screen.

    score_text(2, 4.2136)          -> "4.21"
    delta_text(0, 612.4, 598.6)    -> "−13"   (599 − 612; a true minus sign)
    signed_text(3, -0.0001)        -> "0.000" (never "−0.000" or "+0.000")
    apportion(0, [601.4, 3.3, -0.4], 604.3) -> [601, 3, 0]   (the parts add up to 604)

Every front end (window, terminal, report, lab, lock reasons) formats scores through here, in
the signs of the game's language (`game.i18n`: "4,21" and "1.234" in German).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, List, Sequence, Tuple

from ..i18n import _, localize_number

if TYPE_CHECKING:
    from .model import Regime
    from .regime import Breakdown

MINUS = "\u2212"


def units(decimals: int, value: float) -> int:
    """`value` in the scale's smallest shown step (round half to even, as Python's round)."""
    return int(round(round(value, decimals) * 10 ** decimals))


def _text(decimals: int, count: int, sign: bool) -> str:
    body = localize_number(f"{abs(count) / 10 ** decimals:.{decimals}f}")
    if count == 0:
        return body
    if count < 0:
        return MINUS + body if sign else "-" + body
    return "+" + body if sign else body


def score_text(decimals: int, value: float) -> str:
    """A score as the player sees it: `decimals` places, no negative zero, in the language's
    signs. (Formatting rounds exactly as round() does; this is on every turn's path, so it
    formats once.)"""
    return localize_number(plain_score_text(decimals, value))


def plain_score_text(decimals: int, value: float) -> str:
    """score_text with a full stop for every language ("4.213"): what a save keeps."""
    text = f"{value:.{decimals}f}"
    if text[0] == "-" and not text.strip("-0."):
        text = text[1:]
    return text


def signed_text(decimals: int, value: float) -> str:
    """A change or a part of a breakdown: +0.012 / −0.201; zero has no sign."""
    return _text(decimals, units(decimals, value), sign=True)


def delta_text(decimals: int, before: float, after: float) -> str:
    """The change between two scores as the player reads them (each rounded first), so that
    "4.102 to 3.966" is always "−0.136", never a "−0.135" a class could not subtract to."""
    return _text(decimals, units(decimals, after) - units(decimals, before), sign=True)


def shown_delta(decimals: int, before: float, after: float) -> float:
    """delta_text as a number."""
    return (units(decimals, after) - units(decimals, before)) / float(10 ** decimals)


def apportion(decimals: int, parts: Sequence[float], total: float) -> List[float]:
    """Round `parts` to `decimals` so that the rounded parts add up to `total` as shown
    (largest-remainder rounding: each part is floored, and the steps still missing go to the
    parts that lost the most). `parts` should add up to `total`; if they do not (a caller's
    mistake), the difference goes to the largest part so the shown sum still holds."""
    if not parts:
        return []
    scale = 10 ** decimals
    exact = [p * scale for p in parts]
    floors = [math.floor(x) for x in exact]
    missing = units(decimals, total) - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (floors[i] - exact[i], i))
    for i in order[:max(0, min(missing, len(parts)))]:
        floors[i] += 1
    rest = missing - max(0, min(missing, len(parts)))
    if rest:
        biggest = max(range(len(parts)), key=lambda i: abs(exact[i]))
        floors[biggest] += rest
    return [f / scale for f in floors]


class ShownBreakdown:
    """A Breakdown (regime.py) as the player reads it: every part rounded so that
    ratings + categories + friends' pull (+ the scale's limit, when the score was held at the
    top or bottom of the scale) add up to the shown score."""

    def __init__(self, decimals: int, bd: "Breakdown"):
        cats = list(bd.categories)
        limit = bd.score - (bd.ratings + bd.behaviour + bd.association)
        parts = [bd.ratings] + [v for _, v in cats] + [bd.association, limit]
        shown = apportion(decimals, parts, bd.score)
        self.decimals = decimals
        self.ratings = shown[0]
        self.categories = tuple((cid, v) for (cid, _), v in zip(cats, shown[1:-2]))
        self.association, self.limit = shown[-2], shown[-1]
        self.score = units(decimals, bd.score) / 10 ** decimals

    def category(self, cid: str) -> float:
        return dict(self.categories).get(cid, 0.0)

    def text(self, value: float) -> str:
        return score_text(self.decimals, value)

    def signed(self, value: float) -> str:
        return signed_text(self.decimals, value)


def breakdown_rows(regime: "Regime", bd: "Breakdown") -> List[Tuple[str, str, float]]:
    """(label, text, shown value) for each part of the score, in the order every front end
    shows them; the scale's limit only when the score was held at it. The shown values add up
    to the shown score."""
    s = ShownBreakdown(regime.scale.decimals, bd)
    rows = [(_("Ratings average"), s.text(s.ratings), s.ratings)]
    rows += [(c.label, s.signed(s.category(c.id)), s.category(c.id)) for c in regime.categories]
    # Translators: the part of the score that comes from the scores of the player's friends.
    rows.append((_("Friends' pull"), s.signed(s.association), s.association))
    if s.limit:
        rows.append((_("Held at the scale's limit"), s.signed(s.limit), s.limit))
    return rows
