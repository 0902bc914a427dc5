"""The debrief: what the player chose, what the system recorded, what really happened, and how
the number moved. Computed here from the pack and the run state, so the window, the terminal and
the HTML report only draw it.

    d = build_debrief(pack, state)
    d.timeline[0].records[0].saw, d.timeline[0].records[0].truth
    d.series.scores, d.regime.tiers, d.movers, d.ending.prompts

The state's own history (scores before and after each choice, the records and ratings it made)
is the source of truth. The run is also replayed once from its seed (`trace`) to learn which
choices were offered at each step and why some were locked; a state that cannot be replayed
does not belong to this pack and raises StateError.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ..i18n import _
from .model import Ending, FactNote, Pack, Record, Regime, Scene, Tier
from .numbers import shown_delta
from .regime import Breakdown, RatingEntry, RecordEntry, rating_weight
from .regime import record_contribution
from .runtime import Runtime, RuntimeUsageError, rendered_ending, shown_label, step_into
from .state import GameState, StateError, Step
from .text import reflow


# ---- replaying a run: what was offered, and the world at each step --------------------------

@dataclass(frozen=True)
class Offer:
    """A choice as the player saw it at a step (hidden choices are not offered)."""
    source: int  # index in the scene's choices as written in the pack
    text: str
    available: bool
    reason: str = ""  # why it was locked


@dataclass(frozen=True)
class Moment:
    """The parts of the run that feed the score at one point; the counts are prefixes of
    GameState.ratings and .records, which only ever grow in the order things happened."""
    ratings: int
    records: int
    friends: Tuple[str, ...]
    friend_scores: Tuple[float, ...]
    now: int  # choices made so far (the `age` clock of fading records)


@dataclass(frozen=True)
class TracedStep:
    index: int
    scene: str
    choice: int  # source index taken
    offered: Tuple[Offer, ...]
    before: Moment  # when the choices were offered
    after: Moment  # when the choice and the scene it led to were done
    vars: Mapping[str, Any]  # variables, visits and character scores when offered, so that
    visits: Mapping[str, int]  # conditions can be re-evaluated later (the algorithm lab)
    char_scores: Mapping[str, float]


@dataclass(frozen=True)
class Trace:
    steps: Tuple[TracedStep, ...]
    start: Moment  # before the first choice
    end: Moment  # the state as it is now


def trace(pack: Pack, state: GameState) -> Trace:
    """Replay `state` from its seed once, noting the offers and the score inputs at each step."""
    check_state(pack, state)
    try:
        rt = Runtime.start(pack, state.start_episode, state.seed)
        steps = [_trace_step(rt, step) for step in state.history]
    except (RuntimeUsageError, KeyError, IndexError) as exc:
        # Translators: `problem` is a developer's message, kept in English.
        raise StateError(_("this run does not replay in '{title}' ({problem})").format(
            title=pack.info.title, problem=exc)) from None
    start = steps[0].before if steps else _moment(rt)
    return Trace(tuple(steps), start, _end(rt, state))


def _end(rt: Runtime, state: GameState) -> Moment:
    # The saved state may have gone on to begin the next episode after its last choice.
    if state.scene != rt.state.scene and rt.scene.ending is not None and rt.next_episode:
        rt.begin_next_episode()
    if state.scene != rt.state.scene:
        # Translators: `scene` and `reached` are scene ids.
        raise StateError(_("the run stands in `{scene}`, but replaying it reaches "
                           "`{reached}`").format(scene=state.scene, reached=rt.state.scene))
    return _moment(rt)


def _trace_step(rt: Runtime, step: Step) -> TracedStep:
    step_into(rt, step)
    sources = rt.visible_sources()
    if step.choice not in sources:
        # Translators: `choice` numbers a choice of the scene `scene` (an id), from 0.
        raise StateError(_("step {step}: choice {choice} of `{scene}` is not offered when the "
                           "run is replayed").format(step=step.index, choice=step.choice,
                                                     scene=step.scene))
    offered = tuple(Offer(src, v.text, v.available, v.reason)
                    for src, v in zip(sources, rt.choices))
    before = _moment(rt)
    s = rt.state
    context = (MappingProxyType(dict(s.vars)), MappingProxyType(dict(s.visits)),
               MappingProxyType(dict(s.char_scores)))
    rt.choose(sources.index(step.choice))
    return TracedStep(step.index, step.scene, step.choice, offered, before, _moment(rt),
                      *context)


def _moment(rt: Runtime) -> Moment:
    s = rt.state
    return Moment(len(s.ratings), len(s.records), tuple(s.friends),
                  tuple(rt.score_of(f) for f in s.friends), s.step)


def check_state(pack: Pack, state: GameState) -> None:
    """Raise StateError when `state` plainly cannot be a run of `pack`."""
    if state.pack_id != pack.id:
        # Translators: `found` and `pack` are pack ids.
        raise StateError(_("this run belongs to pack `{found}`, not `{pack}`").format(
            found=state.pack_id, pack=pack.id))
    missing = [s.scene for s in state.history if s.scene not in pack.scenes]
    if state.scene not in pack.scenes:
        missing.append(state.scene)
    if missing:
        raise StateError(_("this run visits scene `{scene}`, which '{title}' does not have (the "
                           "pack has changed since)").format(scene=missing[0],
                                                             title=pack.info.title))
    if state.start_episode not in {e.id for e in pack.episodes}:
        raise StateError(_("this run starts in episode `{episode}`, which '{title}' does not "
                           "have").format(episode=state.start_episode, title=pack.info.title))


# ---- the debrief's parts ---------------------------------------------------------------------

@dataclass(frozen=True)
class RatingLine:
    stars: float
    rater_score: float  # the rater's own score when they rated
    count: int
    by: str  # character id, "" for anonymous raters
    name: str  # the rater's name, the author's label, or "anonymous raters"
    weight: float  # how much it counted (rater weighting times count)


@dataclass(frozen=True)
class RecordLine:
    index: int  # into GameState.records
    step: int
    scene: str
    category: str
    label: str  # the category's label
    impact: float
    permanent: bool
    saw: str  # what the system saw
    truth: str  # what really happened
    initial: float  # contribution when it was recorded (category weight * impact)
    contribution: float  # contribution now, after fading
    fact: Optional[FactNote] = None


@dataclass(frozen=True)
class Tally:
    """A class vote at one step: counts[i] are the votes for the i-th choice as shown."""
    counts: Tuple[int, ...]
    chosen: int
    tie_break: str = ""  # in English, as the save keeps it
    tied: Tuple[int, ...] = ()  # the choices that tied (saves from before this: empty)


@dataclass(frozen=True)
class TimelineEntry:
    step: int
    episode: str
    episode_title: str
    scene: str
    choice: int  # source index in the scene's choices
    text: str  # the choice as the player read it
    score_before: float
    score_after: float
    tier: str  # tier id after the choice
    tier_name: str
    records: Tuple[RecordLine, ...]
    ratings: Tuple[RatingLine, ...]
    offered: Tuple[Offer, ...]  # every choice shown at that step, locked ones with the reason
    votes: Optional[Tally] = None
    decimals: int = 3  # the scale's: changes are told as the difference of the shown scores

    @property
    def delta(self) -> float:
        return shown_delta(self.decimals, self.score_before, self.score_after)


@dataclass(frozen=True)
class EpisodeSpan:
    episode: str
    title: str
    first: int  # index into ScoreSeries.scores where the episode begins
    last: int


@dataclass(frozen=True)
class ScoreSeries:
    """The score before the first choice, then after each choice (scores[k] = after step k)."""
    scores: Tuple[float, ...]
    tiers: Tuple[str, ...]  # tier id at each point
    episodes: Tuple[EpisodeSpan, ...]
    low: float  # the band a chart should show: the run plus the nearest thresholds around it
    high: float


@dataclass(frozen=True)
class CategoryLine:
    id: str
    label: str
    weight: float
    contribution: float  # the category's part of the final score


@dataclass(frozen=True)
class FactLine:
    kind: str  # fact | fiction | myth | disputed
    note: str
    source: str
    scene: str
    step: int  # choices made when it was met
    origin: str  # "scene" or "record"


@dataclass(frozen=True)
class EndingLine:
    scene: str
    episode: str
    title: str
    tone: str
    debrief: str
    prompts: Tuple[str, ...]
    notes: str  # for facilitators


@dataclass(frozen=True)
class Debrief:
    pack_id: str
    pack_title: str
    episodes: Tuple[str, ...]  # ids of the episodes the run went through, in order
    timeline: Tuple[TimelineEntry, ...]
    series: ScoreSeries
    regime: Regime  # revealed in full: scale, prior, rater_influence, categories, tiers...
    categories: Tuple[CategoryLine, ...]
    movers: Tuple[RecordLine, ...]  # records by how much they move the final score, largest first
    breakdown: Breakdown  # the final score, taken apart
    final_score: float
    final_text: str  # as the player sees it (rounded to the scale's decimals)
    tier: Tier
    ending: Optional[EndingLine]  # the ending the run stands at, if any
    endings: Tuple[EndingLine, ...]  # every ending reached, in order
    facts: Tuple[FactLine, ...]  # fact notes met along the way, in order
    pauses: Tuple[str, ...]  # discussion pauses met along the way

    @property
    def records(self) -> Tuple[RecordLine, ...]:
        return tuple(r for e in self.timeline for r in e.records)


# ---- building it -----------------------------------------------------------------------------

def build_debrief(pack: Pack, state: GameState,
                  tallies: Optional[Mapping[str, Any]] = None) -> Debrief:
    """Everything the debrief screen and the report show. `tallies` defaults to the class votes
    stored in `state.extra["tallies"]`."""
    run = trace(pack, state)
    regime = pack.regime
    final = Runtime(pack, state).breakdown()
    lines = [record_line(pack, state, i) for i in range(len(state.records))]
    votes = parse_tallies(state.extra.get("tallies") if tallies is None else tallies)
    timeline = tuple(_entry(pack, state, step, traced, lines, votes.get(step.index))
                     for step, traced in zip(state.history, run.steps))
    path = scene_path(pack, state)
    at_end = Runtime(pack, state)  # endings' texts are rendered with the run's last state
    endings = tuple(ending_line(pack.scenes[sid], at_end) for _at, sid in path
                    if pack.scenes[sid].ending is not None)
    here = pack.scenes[state.scene]
    return Debrief(
        pack_id=pack.id, pack_title=pack.info.title, episodes=_episodes(pack, path),
        timeline=timeline, series=score_series(pack, state), regime=regime,
        categories=_categories(regime, final),
        movers=tuple(sorted(lines, key=lambda r: -abs(r.contribution))),
        breakdown=final, final_score=final.score, final_text=regime.scale.fmt(final.score),
        tier=regime.tier_for(final.score),
        ending=ending_line(here, at_end) if here.ending is not None else None, endings=endings,
        facts=_facts(pack, path, lines),
        pauses=tuple(pack.scenes[sid].pause for _at, sid in path if pack.scenes[sid].pause))


def record_line(pack: Pack, state: GameState, index: int) -> RecordLine:
    rec = state.records[index]
    regime = pack.regime
    cat = regime.category(rec.category)
    return RecordLine(index, rec.step, rec.scene, rec.category, cat.label if cat else rec.category,
                      rec.impact, rec.permanent, rec.saw, rec.truth,
                      record_contribution(regime, rec, rec.step),
                      record_contribution(regime, rec, state.step), _record_fact(pack, rec))


def _record_fact(pack: Pack, rec: RecordEntry) -> Optional[FactNote]:
    # The state keeps what a record said, not the effect that made it: find that effect in the
    # scene it was recorded in (its own effects or one of its choices').
    sc = pack.scenes.get(rec.scene)
    if sc is None:
        return None
    effects = list(sc.effects) + [e for c in sc.choices for e in c.effects]
    for e in effects:
        if isinstance(e, Record) and (e.category, e.impact, e.saw, e.truth) == \
                (rec.category, rec.impact, rec.saw, rec.truth):
            return e.fact
    return None


def rating_line(pack: Pack, rating: RatingEntry) -> RatingLine:
    if rating.by and rating.by in pack.characters:
        name = pack.characters[rating.by].name
    else:
        # Translators: who rated the player, when the pack names no one.
        name = rating.label or _("anonymous raters")
    return RatingLine(rating.stars, rating.rater, rating.count, rating.by, name,
                      rating_weight(pack.regime, rating.rater, rating.count))


def _entry(pack: Pack, state: GameState, step: Step, traced: TracedStep,
           lines: Sequence[RecordLine], votes: Optional[Tally]) -> TimelineEntry:
    tier = _tier(pack.regime, step.tier_after)
    return TimelineEntry(
        step.index, step.episode, _episode_title(pack, step.episode), step.scene, step.choice,
        shown_label(step.text), step.score_before, step.score_after, tier.id, tier.name,
        tuple(lines[i] for i in step.records if i < len(lines)),
        tuple(rating_line(pack, state.ratings[i]) for i in step.ratings
              if i < len(state.ratings)),
        traced.offered, votes, pack.regime.scale.decimals)


def _tier(regime: Regime, tier_id: str) -> Tier:
    for t in regime.tiers:
        if t.id == tier_id:
            return t
    return regime.tiers[0]


def _episode_title(pack: Pack, eid: str) -> str:
    return next((e.title for e in pack.episodes if e.id == eid), eid)


def _categories(regime: Regime, final: Breakdown) -> Tuple[CategoryLine, ...]:
    return tuple(CategoryLine(c.id, c.label, c.weight, final.category(c.id))
                 for c in regime.categories)


def ending_line(scene: Scene, rt: Optional[Runtime] = None) -> EndingLine:
    """The ending as the debrief shows it; with `rt`, its templates rendered for that run."""
    end: Optional[Ending] = scene.ending
    assert end is not None
    if rt is not None:
        end = rendered_ending(end, rt)
    return EndingLine(scene.id, scene.episode, end.title, end.tone, reflow(end.debrief),
                      end.prompts, reflow(end.notes))


def parse_tallies(raw: Any) -> Dict[int, Tally]:
    """Class votes from `state.extra["tallies"]`: {"<step>": {"counts": [..], "chosen": i,
    "tie_break": "...", "tied": [i, j]}}. Malformed entries are skipped: votes are a front end's notes, and a
    damaged one must not stop the debrief."""
    out: Dict[int, Tally] = {}
    if not isinstance(raw, Mapping):
        return out
    for key, value in raw.items():
        try:
            counts = tuple(int(n) for n in value["counts"])
            out[int(key)] = Tally(counts, int(value.get("chosen", -1)),
                                  str(value.get("tie_break") or ""),
                                  tuple(int(i) for i in value.get("tied") or ()))
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
    return out


# ---- the path of scenes, the score series ----------------------------------------------------

def scene_path(pack: Pack, state: GameState) -> Tuple[Tuple[int, str], ...]:
    """Every scene the run entered, in order, with the number of choices made at the time."""
    current = pack.episode(state.start_episode).start
    path = [(0, current)]
    for step in state.history:
        if step.scene != current:  # a new episode began between two choices
            path.append((step.index - 1, step.scene))
        current = _target(pack.scenes[step.scene], step.choice)
        path.append((step.index, current))
    if state.scene != current:
        path.append((state.step, state.scene))
    return tuple(path)


def _target(scene: Scene, choice: int) -> str:
    if scene.choices:
        return scene.choices[choice].goto
    return scene.goto or scene.id


def _episodes(pack: Pack, path: Sequence[Tuple[int, str]]) -> Tuple[str, ...]:
    out: List[str] = []
    for _at, sid in path:
        ep = pack.scenes[sid].episode
        if not out or out[-1] != ep:
            out.append(ep)
    return tuple(out)


def score_series(pack: Pack, state: GameState) -> ScoreSeries:
    """The score line: before the first choice, then after each choice, with its episodes."""
    regime = pack.regime
    hist = state.history
    if hist:
        scores = (hist[0].score_before,) + tuple(s.score_after for s in hist)
        episodes = (hist[0].episode,) + tuple(s.episode for s in hist)
    else:
        scores = (Runtime(pack, state).score,)
        episodes = (state.episode,)
    low, high = chart_range(scores, regime)
    return ScoreSeries(scores, tuple(regime.tier_for(s).id for s in scores),
                       _spans(pack, episodes), low, high)


def _spans(pack: Pack, episodes: Sequence[str]) -> Tuple[EpisodeSpan, ...]:
    # A point belongs to the episode of the choice that produced it; the start point to the first.
    spans: List[EpisodeSpan] = []
    titles = {e.id: e.title for e in pack.episodes}
    for i, ep in enumerate(episodes):
        if spans and spans[-1].episode == ep:
            spans[-1] = EpisodeSpan(ep, spans[-1].title, spans[-1].first, i)
        else:
            first = i - 1 if spans else 0  # the new episode's line starts where the last ended
            spans.append(EpisodeSpan(ep, titles.get(ep, ep), max(0, first), i))
    return tuple(spans)


def chart_range(scores: Sequence[float], regime: Regime) -> Tuple[float, float]:
    """The band of the scale a chart should show: the run's scores widened to the nearest tier
    threshold below and above them, so the door the player was near is on the chart, with a
    little margin. The whole scale would flatten a run that moved 0.1 on a 4-point scale."""
    scale = regime.scale
    lo, hi = min(scores), max(scores)
    mins = sorted(t.min for t in regime.tiers)
    below = [m for m in mins if m <= lo and m > scale.min]
    above = [m for m in mins if m >= hi]
    lo = below[-1] if below else lo
    hi = above[0] if above else hi
    pad = max((hi - lo) * 0.1, scale.span * 0.01)
    return max(scale.min, lo - pad), min(scale.max, hi + pad)


def thresholds(regime: Regime, low: float, high: float) -> Tuple[Tier, ...]:
    """The tiers whose threshold falls inside a chart's band (the lines worth drawing)."""
    return tuple(t for t in regime.tiers if low <= t.min <= high)


def _facts(pack: Pack, path: Sequence[Tuple[int, str]],
           lines: Sequence[RecordLine]) -> Tuple[FactLine, ...]:
    """Each note once, however often its scene was visited or its record made."""
    facts: Dict[Tuple[str, str], FactLine] = {}
    for step, sid in path:
        fact = pack.scenes[sid].fact
        if fact is not None and (sid, fact.note) not in facts:
            facts[(sid, fact.note)] = FactLine(fact.kind, fact.note, fact.source, sid, step,
                                               "scene")
    for r in lines:
        if r.fact is not None and (r.scene, r.fact.note) not in facts:
            facts[(r.scene, r.fact.note)] = FactLine(r.fact.kind, r.fact.note, r.fact.source,
                                                     r.scene, r.step, "record")
    return tuple(sorted(facts.values(), key=lambda f: f.step))  # stable: scenes first at a step
