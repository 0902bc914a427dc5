"""The immutable model of a loaded pack.

The loader builds these once; everything after it trusts them. Mappings are stored as tuples of
pairs or read-only dicts so that nothing downstream can mutate a pack by accident.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from ..i18n import N_, _, format_integer
from .conditions import Expr
from .numbers import score_text

Value = Union[bool, int, float, str]


def frozen_map(d: Optional[Dict[str, Any]] = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(d or {}))


@dataclass(slots=True, unsafe_hash=True)
class Position:
    """Where something was written: file path, 1-based line and column. Not frozen: the loader
    makes hundreds of thousands of these and a frozen dataclass is three times slower to build."""
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Position("<builtin>", 0, 0)
# Translators: the one way on from a scene with no choices (a button).
CONTINUE = N_("Continue")
# Translators: a pack's licence, when its author named none.
UNSPECIFIED = N_("unspecified")
# Translators: a pack's age when its author gave none (shown as "age all", "AGE ALL").
ALL_AGES = N_("all")


@dataclass(frozen=True)
class FactNote:
    kind: str  # fact | fiction | myth | disputed
    note: str
    source: str = ""


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    weight: float


@dataclass(frozen=True)
class Tier:
    id: str
    name: str
    min: float
    perks: Tuple[str, ...] = ()
    penalties: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Scale:
    min: float
    max: float
    start: float
    decimals: int

    @property
    def span(self) -> float:
        return self.max - self.min

    def fmt(self, value: float) -> str:
        """The one rounding rule (numbers.py): the score as the player sees it."""
        return score_text(self.decimals, value)


@dataclass(frozen=True)
class Regime:
    name: str
    scale: Scale
    visible: bool
    prior: float
    rater_influence: float
    categories: Tuple[Category, ...]
    association: float
    half_life: float
    tiers: Tuple[Tier, ...]  # sorted by min, ascending

    def category(self, cid: str) -> Optional[Category]:
        for c in self.categories:
            if c.id == cid:
                return c
        return None

    def shown(self, score: float) -> float:
        """The score as players see it (rounded to the scale's decimals). Tiers and `score` in
        conditions use this, so nothing contradicts the number on screen."""
        return round(score, self.scale.decimals)

    def tier_for(self, score: float) -> Tier:
        shown = self.shown(score)
        current = self.tiers[0]
        for t in self.tiers:
            if shown + 1e-9 >= t.min:
                current = t
        return current

    def tier_rank(self, tier_id: str) -> int:
        for i, t in enumerate(self.tiers):
            if t.id == tier_id:
                return i
        raise KeyError(tier_id)


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    score: float
    role: str = ""
    motive: str = ""
    friend: bool = False


# ---- effects -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rate:
    """A rating from a character (`by`) or from anonymous raters with score `rater`."""
    stars: float
    by: Optional[str] = None
    rater: Optional[float] = None
    count: int = 1
    label: str = ""


@dataclass(frozen=True)
class Record:
    """Behaviour recorded by the system: what it saw, and what really happened."""
    category: str
    impact: float
    saw: str
    truth: str = ""
    permanent: bool = False
    fact: Optional[FactNote] = None


@dataclass(frozen=True)
class SetVars:
    values: Tuple[Tuple[str, Value], ...]


@dataclass(frozen=True)
class AddVars:
    values: Tuple[Tuple[str, float], ...]


@dataclass(frozen=True)
class Befriend:
    who: str


@dataclass(frozen=True)
class Unfriend:
    who: str


@dataclass(frozen=True)
class Shift:
    values: Tuple[Tuple[str, float], ...]


@dataclass(frozen=True)
class Roll:
    var: str
    min: int
    max: int


Effect = Union[Rate, Record, SetVars, AddVars, Befriend, Unfriend, Shift, Roll]


# ---- text ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Literal:
    text: str


@dataclass(frozen=True)
class Interp:
    """`{name}` or `{who.score}` inside text."""
    name: str
    attr: str = ""


@dataclass(frozen=True)
class IfText:
    cond: Expr
    then: "Template"
    otherwise: "Template"


TextPart = Union[Literal, Interp, IfText]


@dataclass(frozen=True)
class Template:
    parts: Tuple[TextPart, ...]
    source: str = ""

    # Rendering asks these for every label on every turn: each is worked out once per
    # template and kept outside the dataclass fields (equality and the cache never see it).
    @cached_property
    def is_plain(self) -> bool:
        return all(isinstance(p, Literal) for p in self.parts)

    @cached_property
    def plain_text(self) -> str:
        """The literal parts joined (`{{` in the source is already one brace there)."""
        return "".join(p.text for p in self.parts if isinstance(p, Literal)) \
            if self.is_plain else ""


# ---- story ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    text: Template
    goto: str
    condition: Optional[Expr] = None
    locked: str = ""
    show_if: Optional[Expr] = None
    effects: Tuple[Effect, ...] = ()
    pos: Position = NOWHERE


@dataclass(frozen=True)
class Ending:
    title: str
    debrief: str
    prompts: Tuple[str, ...]
    tone: str = "mixed"
    notes: str = ""


@dataclass(frozen=True)
class Scene:
    id: str
    episode: str
    text: Template
    speaker: Optional[str] = None
    image: Optional[str] = None
    effects: Tuple[Effect, ...] = ()
    choices: Tuple[Choice, ...] = ()
    goto: Optional[str] = None
    continue_label: str = CONTINUE  # the game's own word unless the pack gives one
    ending: Optional[Ending] = None
    fact: Optional[FactNote] = None
    pause: str = ""
    pos: Position = NOWHERE


@dataclass(frozen=True)
class Episode:
    id: str
    title: str
    summary: str
    start: str
    scenes: Tuple[str, ...]  # ids in file order
    file: str = ""


@dataclass(frozen=True)
class PackInfo:
    """Metadata only: what the pack picker shows without loading scenes."""
    id: str
    title: str
    version: str = "1.0.0"
    format: int = 1
    authors: Tuple[str, ...] = ()
    licence: str = UNSPECIFIED  # the game's word until the pack names its licence
    language: str = "en"
    description: str = ""
    content_notes: Tuple[str, ...] = ()
    age: str = ALL_AGES
    minutes: int = 15
    engine: str = "0.1"
    guide: Optional[str] = None

    @property
    def shown_age(self) -> str:
        """The age it is for; the game's "all" (the default) in the current language."""
        return _(ALL_AGES) if self.age == ALL_AGES else self.age

    @property
    def shown_licence(self) -> str:
        """The licence as people read it: the game's "unspecified" in the current language."""
        return _(UNSPECIFIED) if self.licence == UNSPECIFIED else self.licence


def show_value(value: object) -> str:
    """A variable's value as players read it: whole numbers from 1,000 up with thousands
    separators, 240.0 as 240, flags as yes/no."""
    if isinstance(value, bool):
        # Translators: the value of a yes-or-no variable in a sentence ("needs met maya: yes").
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and abs(value) >= 1000:
        return format_integer(value)
    return str(value)


@dataclass(frozen=True)
class VarDisplay:
    """How players see a variable where the game (not the author's prose) names it: lock
    reasons in the game, the terminal, the debrief, the lab and the report."""
    template: str = "{}"  # `{}` is the value: "{} marks", "¥{}"
    label: str = ""  # what the variable is called in a sentence, e.g. "savings"

    def show(self, value: object) -> str:
        return self.template.replace("{}", show_value(value), 1)


@dataclass(frozen=True)
class Pack:
    info: PackInfo
    regime: Regime
    characters: Mapping[str, Character]
    variables: Mapping[str, Value]
    episodes: Tuple[Episode, ...]
    scenes: Mapping[str, Scene]
    root: str = ""  # folder the pack came from (for images and the guide)
    digest: str = ""  # hash of the pack's files, ties saves and caches to this version
    displays: Mapping[str, VarDisplay] = field(default_factory=frozen_map)  # by variable

    def var_label(self, name: str) -> str:
        """What a variable is called in a sentence: its label, else its id in words."""
        d = self.displays.get(name)
        return d.label if d and d.label else name.replace("_", " ")

    @property
    def id(self) -> str:
        return self.info.id

    @cached_property
    def _episode_index(self) -> Mapping[str, int]:
        # Asked on every ending and episode start: a scan per call made a pack of many
        # episodes quadratic to play, playtest and draw. Kept out of the dataclass fields,
        # so equality, hashing and the compiled cache never see it.
        index: Dict[str, int] = {}
        for i, e in enumerate(self.episodes):
            index.setdefault(e.id, i)  # the first, as a scan would find
        return index

    def episode(self, eid: str) -> Episode:
        i = self._episode_index.get(eid)
        if i is None:
            raise KeyError(eid)
        return self.episodes[i]

    def next_episode(self, eid: str) -> Optional[Episode]:
        i = self._episode_index.get(eid)
        if i is None:
            raise ValueError(f"no episode {eid!r}")
        return self.episodes[i + 1] if i + 1 < len(self.episodes) else None

    def endings(self) -> Tuple[Scene, ...]:
        return tuple(s for s in self.scenes.values() if s.ending is not None)
