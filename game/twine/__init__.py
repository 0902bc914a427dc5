"""Importing Twine stories (Twee 3 source, Twine 2 published HTML) as Standing packs."""
from .convert import Converter
from .drafts import Conversion
from .story import TwineError, read_story

__all__ = ["Conversion", "Converter", "TwineError", "read_story"]
