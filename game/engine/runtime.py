"""The runtime: the one small API that every client drives.

    rt = Runtime.start(pack, seed=7)
    rt.passage.text          # the current passage, rendered
    rt.choices               # ChoiceView(index, text, available, reason)
    events = rt.choose(0)    # what happened
    rt.undo()                # back one choice
    rt.ending, rt.begin_next_episode()

Misuse (choosing a locked or missing choice) raises RuntimeUsageError; authors' mistakes were
already caught by the loader.
"""
from __future__ import annotations

import functools
import random
from dataclasses import dataclass, replace
from typing import Any, Dict, List, Optional, Sequence

from ..i18n import N_, _, current, localize_number
from . import events as ev
from .conditions import truthy
from .effects import apply
from .model import CONTINUE, Choice, Ending, Episode, FactNote, Pack, Scene, Template, Tier
from .reasons import explain
from .regime import Breakdown, RatingSums, breakdown, rating_sums
from .numbers import plain_score_text
from .state import GameState, StateError, Step
from .text import TemplateError, parse_template, reflow, render


_reflow_plain = functools.lru_cache(maxsize=4096)(reflow)  # a plain passage reflows the same


class RuntimeUsageError(Exception):
    """The caller used the API wrongly (not an author error)."""


@dataclass(frozen=True)
class Passage:
    scene: str
    episode: str
    text: str
    speaker: Optional[str] = None  # character id
    speaker_name: str = ""
    image: Optional[str] = None
    fact: Optional[FactNote] = None
    pause: str = ""
    ending: Optional[Ending] = None


@dataclass(frozen=True)
class ChoiceView:
    index: int  # what to pass to choose()
    text: str
    available: bool
    reason: str = ""  # why it is locked


class Runtime:
    def __init__(self, pack: Pack, state: GameState):
        self.pack = pack
        self.state = state
        self._bd: Optional[Breakdown] = None
        self._tier: Optional[Tier] = None  # of self._bd's score; both reset together
        self._visible: Optional[List[int]] = None
        self._views: Optional[List[ChoiceView]] = None
        self._views_lang = ""
        self._sums: Optional[RatingSums] = None
        self._sums_of: Optional[GameState] = None
        if state.scene not in pack.scenes:
            raise StateError(_("the saved scene `{scene}` is not in this version of "
                               "'{title}'").format(scene=state.scene, title=pack.info.title))

    # ---- starting ----------------------------------------------------------------------

    @classmethod
    def start(cls, pack: Pack, episode: Optional[str] = None, seed: Optional[int] = None
              ) -> "Runtime":
        if episode and episode not in {e.id for e in pack.episodes}:
            raise RuntimeUsageError(f"'{pack.info.title}' has no episode `{episode}`")
        ep = pack.episode(episode) if episode else pack.episodes[0]
        seed = random.SystemRandom().randrange(2 ** 31) if seed is None else seed
        state = GameState(pack.id, pack.info.version, seed, ep.id, ep.id, ep.start,
                          vars=dict(pack.variables),
                          friends=[c.id for c in pack.characters.values() if c.friend])
        rt = cls(pack, state)
        rt._begin(ep)
        return rt

    @classmethod
    def restore(cls, pack: Pack, data: Dict[str, Any]) -> "Runtime":
        """A runtime for a saved state; StateError when the save does not fit this pack."""
        state = GameState.from_dict(data)
        check_fits(pack, state)
        return cls(pack, state)

    def _begin(self, ep: Episode) -> List[ev.Event]:
        self.state.episode = ep.id
        self.state.ended = False
        self.state.episode_scores[ep.id] = self.score
        return [ev.EpisodeStarted(ep.id, ep.title)] + self._enter(ep.start)

    # ---- reading -----------------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        return self.pack.scenes[self.state.scene]

    @property
    def passage(self) -> Passage:
        sc = self.scene
        speaker = self.pack.characters[sc.speaker].name if sc.speaker else ""
        text = _reflow_plain(sc.text.plain_text) if sc.text.is_plain else \
            reflow(self.render(sc.text))
        return Passage(sc.id, sc.episode, text, sc.speaker, speaker,
                       sc.image, sc.fact, sc.pause, self.ending)

    @property
    def choices(self) -> List[ChoiceView]:
        if self._views is None or self._views_lang != current():
            self._views_lang = current()  # lock reasons are worded in the game's language
            sc = self.scene
            if sc.ending is not None:
                self._views = []
            elif not sc.choices:
                self._views = [ChoiceView(0, shown_label(sc.continue_label), True)]
            else:
                self._views = [self._view(i, sc.choices[src])
                               for i, src in enumerate(self._visible_indexes())]
        return list(self._views)

    def _view(self, i: int, c: Choice) -> ChoiceView:
        if c.condition is None or truthy(c.condition.eval(self)):
            return ChoiceView(i, self.render(c.text), True)
        reason = c.locked or explain(c.condition, self)
        return ChoiceView(i, self.render(c.text), False, reason)

    def visible_sources(self) -> List[int]:
        """The pack indexes of the choices shown now (a scene with only `goto` shows one)."""
        return list(self._visible_indexes()) if self.scene.choices else [0]

    def choose_source(self, src: int) -> List[ev.Event]:
        """Choose by the choice's position in the pack (as history records it)."""
        sources = self.visible_sources()
        if src not in sources:
            raise RuntimeUsageError(f"choice {src} of `{self.scene.id}` is not shown now")
        return self.choose(sources.index(src))

    def _visible_indexes(self) -> List[int]:
        if self._visible is None:
            self._visible = [i for i, c in enumerate(self.scene.choices)
                             if c.show_if is None or truthy(c.show_if.eval(self))]
        return self._visible

    @property
    def ending(self) -> Optional[Ending]:
        """The scene's ending with `{score}`, `{if ...}` and the rest rendered in its debrief,
        prompts and notes, as in passages (the run's state at the ending is known)."""
        end = self.scene.ending
        return None if end is None else rendered_ending(end, self)

    @property
    def next_episode(self) -> Optional[Episode]:
        if self.scene.ending is None:
            return None
        return self.pack.next_episode(self.state.episode)

    # ---- the regime --------------------------------------------------------------------

    def breakdown(self) -> Breakdown:
        if self._bd is None:
            s = self.state
            friends = [self.score_of(f) for f in s.friends]
            # Ratings are only ever appended to a state, so their sums can be carried on.
            if self._sums_of is not s:
                self._sums, self._sums_of = None, s
            self._sums = rating_sums(self.pack.regime, s.ratings, self._sums)
            self._bd = breakdown(self.pack.regime, s.ratings, s.records, friends, s.step,
                                 self._sums)
            self._tier = None
        return self._bd

    @property
    def score(self) -> float:
        return self.breakdown().score

    @property
    def score_text(self) -> str:
        return self.pack.regime.scale.fmt(self.score)

    @property
    def tier(self) -> Tier:
        bd = self.breakdown()  # the hot path of every playthrough: asked several times a step
        if self._tier is None:
            self._tier = self.pack.regime.tier_for(bd.score)
        return self._tier

    @property
    def shown_score(self) -> float:
        return self.pack.regime.shown(self.score)

    def score_of(self, who: str) -> float:
        return self.state.char_scores.get(who, self.pack.characters[who].score)

    # ---- acting ------------------------------------------------------------------------

    def choose(self, index: int) -> List[ev.Event]:
        views = self.choices
        if not 0 <= index < len(views):
            raise RuntimeUsageError(f"there is no choice {index} (there are {len(views)})")
        if not views[index].available:
            raise RuntimeUsageError(f"choice {index} is locked: {views[index].reason}")
        sc = self.scene
        if not sc.choices:  # the history keeps the pack's word, never a translation
            return self._take(sc, 0, sc.continue_label)
        return self._take(sc, self._visible_indexes()[index], views[index].text)

    def _take(self, sc: Scene, src: int, label: str) -> List[ev.Event]:
        s = self.state
        before, tier_before = self.score, self.tier
        n_ratings, n_records = len(s.ratings), len(s.records)
        s.step += 1
        out: List[ev.Event] = []
        if sc.choices:
            choice = sc.choices[src]
            for e in choice.effects:
                out += apply(self, e)
            target = choice.goto
        else:
            target = sc.goto or ""
        self._invalidate()
        out += self._enter(target)
        s.history.append(Step(s.step, sc.episode, sc.id, src, label, before, self.score,
                              self.tier.id, list(range(n_records, len(s.records))),
                              list(range(n_ratings, len(s.ratings)))))
        return out + self._score_events(before, tier_before)

    def _enter(self, scene_id: str) -> List[ev.Event]:
        s = self.state
        s.scene = scene_id
        s.visits[scene_id] = s.visits.get(scene_id, 0) + 1
        sc = self.scene
        s.episode = sc.episode
        out: List[ev.Event] = [ev.SceneEntered(scene_id, sc.episode)]
        for e in sc.effects:
            out += apply(self, e)
        self._invalidate()
        if sc.ending is not None:
            s.ended = True
            nxt = self.pack.next_episode(sc.episode)
            out.append(ev.EndingReached(sc.id, sc.ending, nxt.id if nxt else None))
        return out

    def _score_events(self, before: float, tier_before: Tier) -> List[ev.Event]:
        out: List[ev.Event] = []
        regime = self.pack.regime
        old, new = regime.shown(before), regime.shown(self.score)
        if old != new:  # told as the player sees it: the shown scores and their difference
            out.append(ev.ScoreChanged(old, new, regime.scale.fmt(old), regime.scale.fmt(new)))
        if self.tier.id != tier_before.id:
            regime = self.pack.regime
            up = regime.tier_rank(self.tier.id) > regime.tier_rank(tier_before.id)
            out.append(ev.TierChanged(tier_before.id, self.tier.id, tier_before.name,
                                      self.tier.name, up))
        return out

    def begin_next_episode(self) -> List[ev.Event]:
        nxt = self.next_episode
        if nxt is None:
            raise RuntimeUsageError("there is no next episode to begin")
        before, tier_before = self.score, self.tier
        return self._begin(nxt) + self._score_events(before, tier_before)

    def _invalidate(self) -> None:
        self._bd = None
        self._tier = None
        self._visible = None
        self._views = None

    # ---- going back --------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self.state.history)

    @property
    def undo_crosses_episode(self) -> bool:
        """True when the last choice was taken in an earlier episode: this episode has no
        choice of its own yet, so undoing goes back into the one before."""
        h = self.state.history
        return bool(h) and h[-1].episode != self.state.episode

    def undo(self, cross_episode: bool = False) -> bool:
        """Take back the last choice. Going back into the previous episode must be asked for
        (`cross_episode`), so a front end can ask the player first; returns True when it
        did. Undoing an episode's first choice lands on that episode's start, never on the
        previous episode's ending."""
        if not self.can_undo:
            raise RuntimeUsageError("nothing to undo")
        crossing = self.undo_crosses_episode
        if crossing and not cross_episode:
            raise RuntimeUsageError("undo would go back into the previous episode; "
                                    "pass cross_episode=True")
        episode = self.state.episode
        self.rewind(len(self.state.history) - 1)
        if (not crossing and self.state.episode != episode and self.scene.ending is not None
                and self.next_episode is not None):
            self.begin_next_episode()  # the replay stopped at the ending before this episode
        return crossing

    def rewind(self, steps: int) -> None:
        """Go back to the moment after `steps` choices, by replaying the run from its seed."""
        self.state = replay(self.pack, self.state, steps).state
        self._invalidate()

    # ---- the condition environment (conditions.Env) -----------------------------------

    def var(self, name: str) -> object:
        return self.state.vars.get(name, False)

    def special(self, name: str) -> object:
        if name == "score":
            return self.shown_score  # a 4.1996 that reads "4.200" meets 4.2
        if name == "tier":
            return self.tier.id
        return len(self.state.friends)

    def call(self, fn: str, arg: str) -> object:
        if fn == "friend":
            return arg in self.state.friends
        if fn == "visits":
            return self.state.visits.get(arg, 0)
        if fn == "visited":
            return self.state.visits.get(arg, 0) > 0
        if fn == "score_of":
            return self.score_of(arg)
        return self.breakdown().category(arg)

    def tier_rank(self, tier_id: str) -> int:
        return self.pack.regime.tier_rank(tier_id)

    # ---- text --------------------------------------------------------------------------

    def render(self, template: Template) -> str:
        return template.plain_text if template.is_plain else render(template, self, self._lookup)

    def _lookup(self, name: str, attr: str) -> str:
        """A value inside the pack's prose, in the signs of the prose's language (the pack's,
        not the game's words': an English passage reads 4.250 in a German window)."""
        lang = self.pack.info.language
        if name == "score":
            return localize_number(plain_score_text(self.pack.regime.scale.decimals,
                                                    self.score), lang)
        if name == "tier":
            return self.tier.name
        if name == "friends":
            return str(len(self.state.friends))
        if name in self.pack.characters:
            c = self.pack.characters[name]
            return localize_number(plain_score_text(self.pack.regime.scale.decimals,
                                                    self.score_of(name)), lang) \
                if attr == "score" else c.name
        value = self.var(name)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 1000:
            return localize_number(f"{value:,}", lang)  # 1,230 marks, as authors write them
        if isinstance(value, float):
            return localize_number(str(value), lang)  # 0.5, or 0,5 in a German pack
        return str(value)


def shown_label(text: str) -> str:
    """A choice's words as the player reads them: the game's own "Continue" (the word kept
    in the state and the history) in the current language, a pack's words as written."""
    return _(CONTINUE) if text == CONTINUE else text


@functools.lru_cache(maxsize=1024)
def _text_template(src: str) -> Optional[Template]:
    """An ending's text as a template (the loader has checked it), or None when it has no
    braces or does not parse."""
    if "{" not in src and "}" not in src:
        return None
    try:
        return parse_template(src)
    except TemplateError:
        return None


def render_text(src: str, rt: "Runtime") -> str:
    """Plain text from a pack (an ending's debrief, prompts, notes) with its templates
    rendered for `rt`'s state."""
    t = _text_template(src)
    return src if t is None else reflow(rt.render(t))


def rendered_ending(end: Ending, rt: "Runtime") -> Ending:
    texts = (end.debrief, end.notes) + end.prompts
    if not any(_text_template(s) for s in texts):
        return end
    return replace(end, debrief=render_text(end.debrief, rt), notes=render_text(end.notes, rt),
                   prompts=tuple(render_text(p, rt) for p in end.prompts))


def check_fits(pack: Pack, state: GameState) -> None:
    """Raise StateError when a saved state names things this version of the pack lacks."""
    if state.pack_id != pack.id:
        # Translators: `found` and `pack` are pack ids.
        raise StateError(_("this save belongs to pack `{found}`, not `{pack}`").format(
            found=state.pack_id, pack=pack.id))
    episodes = {e.id for e in pack.episodes}
    checks = [
        (N_("the save mentions the scene `{name}`, which this version of '{title}' does not have"),
         [state.scene] + [s.scene for s in state.history], pack.scenes),
        (N_("the save mentions the episode `{name}`, which this version of '{title}' does not "
            "have"), [state.episode, state.start_episode], episodes),
        (N_("the save mentions the character `{name}`, which this version of '{title}' does "
            "not have"), list(state.friends) + list(state.char_scores), pack.characters)]
    for problem, names, known in checks:
        for name in names:
            if name not in known:
                raise StateError(_(problem).format(name=name, title=pack.info.title))


def replay(pack: Pack, state: GameState, steps: int) -> Runtime:
    """A fresh runtime that repeats the first `steps` choices of `state` exactly."""
    rt = Runtime.start(pack, state.start_episode, state.seed)
    rt.state.extra = _extra_up_to(state.extra, steps)
    for step in state.history[:steps]:
        step_into(rt, step)
        if step.choice not in rt.visible_sources():
            # Translators: `choice` numbers a choice of the scene `scene` (an id), from 0.
            raise StateError(_("cannot replay: choice {choice} of `{scene}` is no longer "
                               "shown").format(choice=step.choice, scene=step.scene))
        rt.choose_source(step.choice)
    return rt


def _extra_up_to(extra: Dict[str, Any], steps: int) -> Dict[str, Any]:
    """Front-end data kept across a rewind, less class votes for choices being taken back."""
    out = dict(extra)
    tallies = out.get("tallies")
    if isinstance(tallies, dict):
        out["tallies"] = {k: v for k, v in tallies.items()
                          if not (str(k).isdecimal() and int(k) > steps)}
    return out


def step_into(rt: Runtime, step: Step) -> None:
    """Bring a replay to where `step` was taken: begin the next episode if the last choice
    ended one, and check the replay is in the scene the step was taken in."""
    if rt.scene.ending is not None and rt.next_episode is not None:
        rt.begin_next_episode()
    if rt.state.scene != step.scene:
        raise StateError(_("step {step} was taken in `{scene}`, but replaying the run reaches "
                           "`{reached}`").format(step=step.index, scene=step.scene,
                                                 reached=rt.state.scene))


def play_path(rt: Runtime, choices: Sequence[int]) -> Runtime:
    """Take a sequence of visible choice indexes, beginning next episodes as needed."""
    for i in choices:
        if rt.scene.ending is not None and rt.next_episode is not None:
            rt.begin_next_episode()
        rt.choose(i)
    return rt
