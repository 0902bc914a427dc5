"""Importing Twine stories (Twee 3 source, Twine 2 published HTML) as Standing packs."""
from .convert import Conversion, Converter
from .story import TwineError, read_story

__all__ = ["Conversion", "Converter", "TwineError", "read_story"]
