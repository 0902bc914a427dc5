"""The pure engine: story model, run state, rating regime, conditions and the runtime.

It never imports pygame (a test checks), so every client can drive it.
"""
from .conditions import ConditionError, parse as parse_condition
from .model import Ending, Episode, Pack, PackInfo, Regime, Scene
from .regime import Breakdown
from .runtime import ChoiceView, Passage, Runtime, RuntimeUsageError, play_path, replay
from .state import GameState, StateError

__all__ = ["Breakdown", "ChoiceView", "ConditionError", "Ending", "Episode", "GameState", "Pack",
           "PackInfo", "Passage", "Regime", "Runtime", "RuntimeUsageError", "Scene",
           "StateError", "parse_condition", "play_path", "replay"]
