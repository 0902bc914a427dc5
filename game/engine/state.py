"""The run state: everything that changes while playing, kept apart from the pack.

It is a plain value that turns into a JSON-compatible dict and back exactly (floats survive
JSON unchanged), so saves, undo, rewinds and playtests are all reproducible.
"""
from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Dict, List

from ..i18n import _
from .regime import RatingEntry, RecordEntry

STATE_FORMAT = 1
_REQUIRED = ("pack_id", "pack_version", "seed", "start_episode", "episode", "scene")


class StateError(ValueError):
    """A saved state that cannot be used (corrupt, from a newer version, wrong pack)."""


@dataclass
class Step:
    """One choice in the run's timeline, for the history and the debrief."""
    index: int  # the step number, from 1
    episode: str
    scene: str
    choice: int  # index into the scene's choices as written in the pack
    text: str
    score_before: float
    score_after: float
    tier_after: str
    records: List[int] = field(default_factory=list)  # indexes into GameState.records
    ratings: List[int] = field(default_factory=list)  # indexes into GameState.ratings


@dataclass
class GameState:
    pack_id: str
    pack_version: str
    seed: int
    start_episode: str
    episode: str
    scene: str
    vars: Dict[str, Any] = field(default_factory=dict)
    friends: List[str] = field(default_factory=list)
    char_scores: Dict[str, float] = field(default_factory=dict)
    ratings: List[RatingEntry] = field(default_factory=list)
    records: List[RecordEntry] = field(default_factory=list)
    visits: Dict[str, int] = field(default_factory=dict)
    history: List[Step] = field(default_factory=list)
    episode_scores: Dict[str, float] = field(default_factory=dict)  # score when each began
    draws: int = 0  # how many random numbers the run has used
    step: int = 0  # choices made so far
    ended: bool = False
    extra: Dict[str, Any] = field(default_factory=dict)  # front-end data (e.g. class tallies)

    def to_dict(self) -> Dict[str, Any]:
        d = asdict(self)
        d["format"] = STATE_FORMAT
        return d

    @classmethod
    def from_dict(cls, d: Any) -> "GameState":
        if not isinstance(d, dict):
            raise StateError(_("the saved state is not a JSON object"))
        version = d.get("format")
        if version != STATE_FORMAT:
            raise StateError(_("the save has state format {found}; this version reads format "
                               "{known}").format(found=repr(version), known=STATE_FORMAT))
        missing = [f.name for f in fields(cls) if f.name in _REQUIRED and f.name not in d]
        if missing:
            # Translators: `fields` lists the missing fields' names.
            raise StateError(_("the saved state is incomplete: it has no {fields}").format(
                fields=", ".join(f"`{m}`" for m in missing)))
        try:
            kwargs = {f.name: copy.deepcopy(d[f.name]) for f in fields(cls) if f.name in d}
            kwargs["ratings"] = [RatingEntry(**r) for r in d.get("ratings", [])]
            kwargs["records"] = [RecordEntry(**r) for r in d.get("records", [])]
            kwargs["history"] = [Step(**s) for s in d.get("history", [])]
            state = cls(**kwargs)
        except (TypeError, KeyError) as exc:
            # Translators: `problem` is a developer's message, kept in English.
            raise StateError(_("the saved state is incomplete or damaged ({problem})").format(
                problem=exc)) from None
        _check_types(state)
        _check_entries(state)
        return state

    def clone(self) -> "GameState":
        """An independent copy, much faster than deepcopy: ratings and records are frozen,
        so copying their lists is enough."""
        c = copy.copy(self)
        c.vars, c.visits, c.char_scores = dict(self.vars), dict(self.visits), \
            dict(self.char_scores)
        c.friends, c.ratings, c.records = list(self.friends), list(self.ratings), \
            list(self.records)
        c.history = [copy.copy(step) for step in self.history]  # Step is a plain dataclass
        c.episode_scores = dict(self.episode_scores)
        c.extra = copy.deepcopy(self.extra)
        return c


def _check_entries(s: GameState) -> None:
    for r in s.ratings:
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool)
                   for x in (r.stars, r.rater, r.count, r.step)):
            raise StateError(_("the saved state has a damaged rating"))
    for rec in s.records:
        if not (isinstance(rec.impact, (int, float)) and isinstance(rec.step, int)
                and isinstance(rec.category, str)):
            raise StateError(_("the saved state has a damaged record"))
    if not isinstance(s.extra, dict) or not isinstance(s.history, list):
        raise StateError(_("the saved state is damaged"))


def _check_types(s: GameState) -> None:
    expect = {"pack_id": str, "start_episode": str, "episode": str, "scene": str, "seed": int, "draws": int,
              "step": int, "vars": dict, "friends": list, "visits": dict, "char_scores": dict}
    for name, kind in expect.items():
        if not isinstance(getattr(s, name), kind):
            # Translators: `kind` is a Python type's name (str, int, dict, list).
            raise StateError(_("the saved state's `{name}` is not a {kind}").format(
                name=name, kind=kind.__name__))
