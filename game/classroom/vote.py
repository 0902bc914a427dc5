"""The class vote's rules, free of pygame like the engine: choice
letters for a show of hands, the countdown before a choice can be made, and the class vote
(majority of the hands the teacher typed, a visible and reproducible tie-break, locked options
never winning).

    letter(2) == "C"
    cd = Countdown(20); cd.update(5.0); cd.shown == 15; cd.done is False
    result = decide([12, 12, 3], [True, True, True], seed=7, step=4)
    result.chosen, result.tie_break   # 1, "Tie between A and B — broken by coin flip ..."
    store(state, step=4, result)      # state.extra["tallies"]["4"] = {"counts": ..., ...}

The tallies are kept as counts only (no names) in `state.extra["tallies"]`, keyed by the step
number the choice becomes (len(history) + 1), counts in the order the choices were shown; the
debrief and the session report read them from there.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any, Callable, List, Optional, Sequence, Tuple

from .. import i18n
from ..i18n import _, N_, ngettext

__all__ = ["COUNTDOWN_CHOICES", "LETTERS", "MAX_COUNT", "Countdown", "TallyEntry", "VoteError",
           "VoteResult", "decide", "join_letters", "letter", "letter_index", "prune", "store",
           "tally_key", "tie_break_rng"]

COUNTDOWN_CHOICES = (0, 10, 20, 30)  # seconds; 0 is off
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_COUNT = 9999  # more hands than any room holds; keeps typed numbers sane


def letter(i: int) -> str:
    """The letter a choice is called by in a show of hands: A, B, C, ... then A2, B2 ..."""
    if i < len(LETTERS):
        return LETTERS[i]
    return LETTERS[i % len(LETTERS)] + str(i // len(LETTERS) + 1)


def letter_index(ch: str, n: int) -> Optional[int]:
    """The choice a typed letter names, if there are that many choices."""
    if len(ch) != 1 or not ch.isalpha():
        return None
    i = LETTERS.find(ch.upper())
    return i if 0 <= i < n else None


def join_letters(letters: Sequence[str]) -> str:
    """"A", "A and C", "A, B and D", in the current language ("A, B und D", "A、B和D")."""
    if len(letters) > 1 and i18n.current() not in ("en", i18n.PSEUDO):
        return i18n.format_list(letters)
    if i18n.current() == i18n.PSEUDO:
        return _english_list(letters).replace(" and ", i18n.pseudo(" and "))
    return _english_list(letters)


def _english_list(letters: Sequence[str]) -> str:
    """The English form, also kept in saves (CLDR's English adds a comma before "and")."""
    if len(letters) <= 1:
        return "".join(letters)
    return ", ".join(letters[:-1]) + " and " + letters[-1]


# ---- the countdown ------------------------------------------------------------------------------

class Countdown:
    """Seconds before a choice can be made. Time comes in through update(dt), so tests (and a
    paused window) decide how much of it passes."""

    def __init__(self, seconds: float):
        self.total = max(0.0, float(seconds))
        self.left = self.total

    @property
    def done(self) -> bool:
        return self.left <= 0

    @property
    def shown(self) -> int:
        """The whole seconds to show: 20, 19, ... 1 (never 0 while still running)."""
        return max(0, math.ceil(self.left - 1e-9))

    @property
    def fraction(self) -> float:
        """How much of the countdown is left, 1.0 down to 0.0 (for a ring or a bar)."""
        return self.left / self.total if self.total > 0 else 0.0

    def update(self, dt: float) -> bool:
        """Let dt seconds pass; True when the shown number changed (or it just finished)."""
        if self.done:
            return False
        before = self.shown
        self.left = max(0.0, self.left - dt)
        return self.shown != before

    def skip(self) -> None:
        self.left = 0.0


# ---- the class vote -----------------------------------------------------------------------------

class VoteError(ValueError):
    """The typed counts cannot decide a choice; str() says what the teacher should do."""


# The tie-break sentence, kept in the save in English (a save never holds a translated
# string) and shown in the current language.
TIE_COIN = N_("Tie between {letters} \u2014 broken by coin flip from the run's seed: {chosen}")
TIE_DRAW = N_("Tie between {letters} \u2014 broken by a draw from the run's seed: {chosen}")


@dataclass(frozen=True)
class VoteResult:
    counts: Tuple[int, ...]  # hands per choice, in the order shown
    chosen: int  # the winning choice, in the order shown
    tied: Tuple[int, ...]  # the open choices that shared the most hands (one when no tie)
    over: Tuple[int, ...] = ()  # locked choices with more hands than any open one

    @property
    def letter(self) -> str:
        return letter(self.chosen)

    @property
    def tie_break(self) -> str:
        """The sentence shown when a tie was broken, in the current language, else ""."""
        return self._tie_break(_, join_letters)

    @property
    def kept_tie_break(self) -> str:
        """The same sentence in English, as the save keeps it."""
        return self._tie_break(lambda s: s, _english_list)

    def _tie_break(self, look: Callable[[str], str], join: Callable[[Sequence[str]], str]) -> str:
        return tie_sentence(self.tied, self.chosen, look, join)

    @property
    def locked_note(self) -> str:
        """When a locked choice had the most hands, a sentence saying so, else ""."""
        if not self.over:
            return ""
        # Translators: {letters} are choice letters ("A" or "A and C"), {hands} a number.
        return ngettext("{letters} had the most hands ({hands}) but was locked, so it could not "
                        "win.",
                        "{letters} had the most hands ({hands}) but were locked, so they could "
                        "not win.", len(self.over)).format(
            letters=join_letters([letter(i) for i in self.over]), hands=max(self.counts))

    def summary(self) -> str:
        """One line for the screen: "A 12 · B 9 · C 3: the class chose A"."""
        # Translators: one choice's count in a vote's summary: its letter, then the hands.
        counts = "  \u00b7  ".join(_("{letter} {hands}").format(letter=letter(i), hands=n)
                                    for i, n in enumerate(self.counts))
        # Translators: {counts} is "A 12  ·  B 9  ·  C 3"; {letter} the winning choice's letter.
        return _("{counts}: the class chose {letter}").format(counts=counts, letter=self.letter)


def tie_break_rng(seed: int, step: int) -> random.Random:
    """The same seed and step always break the same tie the same way (string seeds hash
    deterministically in `random`, unlike hash())."""
    return random.Random(f"standing-vote:{seed}:{step}")


def decide(counts: Sequence[int], available: Sequence[bool], seed: int, step: int) -> VoteResult:
    """The majority of the open choices. Locked choices may be voted for (that says something
    too) but can never win. Raises VoteError when no open choice has a hand."""
    if len(counts) != len(available):
        raise ValueError("one count per choice")
    counts = tuple(max(0, min(MAX_COUNT, int(n))) for n in counts)
    open_ = [i for i, ok in enumerate(available) if ok]
    if not open_:
        raise VoteError(_("Every choice here is locked."))
    best = max(counts[i] for i in open_)
    if best <= 0:
        raise VoteError(_("No hands for an open choice yet: type a count for at least one."))
    tied = tuple(i for i in open_ if counts[i] == best)
    chosen = tied[0] if len(tied) == 1 else tie_break_rng(seed, step).choice(tied)
    top = max(counts)
    over = tuple(i for i, ok in enumerate(available) if not ok and counts[i] == top and top > best)
    return VoteResult(counts, chosen, tied, over)


def tally_key(state: Any) -> str:
    """The step number the next choice will become, as the tallies' key."""
    return str(len(state.history) + 1)


def tie_sentence(tied: Sequence[int], chosen: int, look: Callable[[str], str] = _,
                 join: Callable[[Sequence[str]], str] = join_letters) -> str:
    """How a tie between the choices `tied` was broken for `chosen` ("" when no tie): in the
    current language, or with `look` and `join` in English for the save."""
    if len(tied) < 2:
        return ""
    template = TIE_COIN if len(tied) == 2 else TIE_DRAW
    return look(template).format(letters=join([letter(i) for i in tied]), chosen=letter(chosen))


def shown_tie_break(tally: Any) -> str:
    """A stored vote's tie-break in the current language (`game.engine.debrief.Tally`): made
    again from the tied choices, or the stored English of a save from before they were kept."""
    if len(tally.tied) >= 2 and 0 <= tally.chosen:
        return tie_sentence(tally.tied, tally.chosen)
    return tally.tie_break


def store(state: Any, result: VoteResult) -> None:
    """Keep the vote in state.extra["tallies"] for the debrief and the report."""
    tallies = state.extra.get("tallies")
    if not isinstance(tallies, dict):
        tallies = {}
    else:
        tallies = dict(tallies)  # never mutate a dict another state may share
    entry = {"counts": list(result.counts), "chosen": result.chosen}
    if result.kept_tie_break:
        entry["tie_break"] = result.kept_tie_break
        entry["tied"] = list(result.tied)  # so each reader words it in its own language
    tallies[tally_key(state)] = entry
    state.extra["tallies"] = tallies


def prune(state: Any, steps: int) -> None:
    """Drop the votes for steps after `steps` (a rewind: those choices are to be made again)."""
    tallies = state.extra.get("tallies")
    if not isinstance(tallies, dict):
        return
    kept = {}
    for k, v in tallies.items():
        try:
            if int(k) <= steps:
                kept[k] = v
        except (TypeError, ValueError):
            continue
    state.extra["tallies"] = kept


# ---- typing the counts ------------------------------------------------------------------------

class TallyEntry:
    """The teacher typing hands per option: a letter or the arrows pick the option, digits
    type its count, Backspace deletes. Pure state; the card in screens/pause_card.py draws it."""

    def __init__(self, n: int, available: Sequence[bool]):
        self.texts: List[str] = [""] * n
        self.available = list(available)
        self.focus = next((i for i, ok in enumerate(available) if ok), 0)

    @property
    def counts(self) -> List[int]:
        return [int(t) if t else 0 for t in self.texts]

    def move(self, d: int) -> None:
        if self.texts:
            self.focus = (self.focus + d) % len(self.texts)

    def select(self, i: int) -> None:
        if 0 <= i < len(self.texts):
            self.focus = i

    def type(self, ch: str) -> bool:
        if not ch.isdigit() or not self.texts:
            return False
        t = (self.texts[self.focus] + ch).lstrip("0") or "0"
        if int(t) > MAX_COUNT:
            return False
        self.texts[self.focus] = t
        return True

    def backspace(self) -> bool:
        if not self.texts or not self.texts[self.focus]:
            return False
        self.texts[self.focus] = self.texts[self.focus][:-1]
        return True

    def decide(self, seed: int, step: int) -> VoteResult:
        return decide(self.counts, self.available, seed, step)
