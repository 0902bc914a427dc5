"""What a converted story is before it is written: scenes, choices and the list of what was
not converted."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple

from .expr import Effect, Names


@dataclass
class ChoiceDraft:
    label: str
    target: str = ""  # scene id
    conds: Tuple[str, ...] = ()
    effects: List[Effect] = field(default_factory=list)
    line: int = 0
    col: int = 0
    redirect: bool = False  # a `goto` inside an `if`: while it holds, Twine moves on at once


@dataclass
class SceneDraft:
    id: str
    name: str
    line: int  # the passage's header line
    text: str = ""
    effects: List[Effect] = field(default_factory=list)
    choices: List[ChoiceDraft] = field(default_factory=list)
    goto: str = ""  # an unconditional (goto:)
    ending: bool = False
    fallback: str = ""  # the id of an added ending for when no choice shows


@dataclass
class Conversion:
    title: str
    family: str
    start: str
    scenes: List[SceneDraft]
    names: Names
    problems: List[Tuple[int, int, str]]  # (line, col, what), sorted
