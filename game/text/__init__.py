"""The terminal front end: plain text over the same runtime, friendly to screen readers."""
from .play import TextPlayer, announce

__all__ = ["TextPlayer", "announce"]
