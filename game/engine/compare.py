"""What if: two runs of one pack side by side, usually a run and the branch taken after
rewinding it (Runtime.rewind / replay keep the seed, so the shared start is identical).

    c = compare_runs(pack, first_run, other_branch)
    c.shared, c.divergence, c.a.series.scores, c.b.series.scores, c.differing

Only the states' histories are read; nothing is replayed, so a comparison is cheap.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from .debrief import EndingLine, ScoreSeries, chart_range, check_state, ending_line
from .debrief import scene_path, score_series
from .model import Pack, Tier
from .runtime import Runtime, shown_label
from .state import GameState, Step


@dataclass(frozen=True)
class ChoiceLine:
    """One choice of one run."""
    step: int
    episode: str
    scene: str
    choice: int  # source index in the scene's choices
    text: str
    score_before: float
    score_after: float
    tier: str  # tier id after the choice


@dataclass(frozen=True)
class StepPair:
    """The two runs' choices at the same step number; a side is None when that run was over."""
    step: int
    a: Optional[ChoiceLine]
    b: Optional[ChoiceLine]

    @property
    def same(self) -> bool:
        return self.a is not None and self.b is not None and \
            (self.a.scene, self.a.choice) == (self.b.scene, self.b.choice)


@dataclass(frozen=True)
class RunSummary:
    series: ScoreSeries
    final_score: float
    final_text: str
    tier: Tier
    ending: Optional[EndingLine]  # the ending the run stands at, if any
    endings: Tuple[EndingLine, ...]  # every ending it reached, in order
    steps: int


@dataclass(frozen=True)
class Comparison:
    shared: int  # how many choices, from the start, both runs made alike
    divergence: Optional[StepPair]  # the first step where they differ; None if one run simply
    # goes on further than the other (or they are the same run)
    a: RunSummary
    b: RunSummary
    pairs: Tuple[StepPair, ...]  # every step after the shared start, side by side
    low: float  # a chart band that holds both lines and the thresholds near them
    high: float

    @property
    def differing(self) -> Tuple[StepPair, ...]:
        return tuple(p for p in self.pairs if not p.same)

    @property
    def delta(self) -> float:
        """How much higher the second run ended (negative: lower)."""
        return self.b.final_score - self.a.final_score


def compare_runs(pack: Pack, state_a: GameState, state_b: GameState) -> Comparison:
    check_state(pack, state_a)
    check_state(pack, state_b)
    ha, hb = state_a.history, state_b.history
    shared = shared_prefix(ha, hb)
    pairs = tuple(StepPair(i + 1, _line(ha, i), _line(hb, i))
                  for i in range(shared, max(len(ha), len(hb))))
    divergence = pairs[0] if pairs and pairs[0].a and pairs[0].b else None
    a, b = summarise(pack, state_a), summarise(pack, state_b)
    low, high = chart_range(a.series.scores + b.series.scores, pack.regime)
    return Comparison(shared, divergence, a, b, pairs, low, high)


def shared_prefix(ha: Sequence[Step], hb: Sequence[Step]) -> int:
    n = 0
    for sa, sb in zip(ha, hb):
        if (sa.scene, sa.choice) != (sb.scene, sb.choice):
            break
        n += 1
    return n


def _line(history: Sequence[Step], i: int) -> Optional[ChoiceLine]:
    if i >= len(history):
        return None
    s = history[i]
    return ChoiceLine(s.index, s.episode, s.scene, s.choice, shown_label(s.text), s.score_before,
                      s.score_after, s.tier_after)


def summarise(pack: Pack, state: GameState) -> RunSummary:
    regime = pack.regime
    rt = Runtime(pack, state)
    score = rt.score
    here = pack.scenes[state.scene]
    endings = tuple(ending_line(pack.scenes[sid], rt) for _at, sid in scene_path(pack, state)
                    if pack.scenes[sid].ending is not None)
    return RunSummary(score_series(pack, state), score, regime.scale.fmt(score),
                      regime.tier_for(score),
                      ending_line(here, rt) if here.ending is not None else None, endings,
                      len(state.history))
