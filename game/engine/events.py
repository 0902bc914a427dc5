"""What a choice caused, as frozen values that every front end can announce its own way."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

from .model import Ending, FactNote


@dataclass(frozen=True)
class SceneEntered:
    scene: str
    episode: str


@dataclass(frozen=True)
class EpisodeStarted:
    episode: str
    title: str


@dataclass(frozen=True)
class RatingReceived:
    stars: float
    rater_score: float
    weight: float  # how much it counted, after weighting by the rater's score
    count: int = 1
    by: str = ""  # character id, "" for anonymous raters
    name: str = ""  # the rater's display name or the author's label


@dataclass(frozen=True)
class BehaviourRecorded:
    category: str
    label: str
    impact: float
    saw: str
    truth: str
    permanent: bool
    fact: Optional[FactNote] = None


@dataclass(frozen=True)
class ScoreChanged:
    old: float
    new: float
    text_old: str
    text_new: str

    @property
    def delta(self) -> float:
        return self.new - self.old


@dataclass(frozen=True)
class TierChanged:
    old: str
    new: str
    old_name: str
    new_name: str
    up: bool


@dataclass(frozen=True)
class FriendAdded:
    who: str
    name: str


@dataclass(frozen=True)
class FriendRemoved:
    who: str
    name: str


@dataclass(frozen=True)
class CharacterScoreChanged:
    who: str
    name: str
    old: float
    new: float


@dataclass(frozen=True)
class VariableSet:
    name: str
    value: object


@dataclass(frozen=True)
class EndingReached:
    scene: str
    ending: Ending
    next_episode: Optional[str]


Event = Union[SceneEntered, EpisodeStarted, RatingReceived, BehaviourRecorded, ScoreChanged,
              TierChanged, FriendAdded, FriendRemoved, CharacterScoreChanged, VariableSet,
              EndingReached]
