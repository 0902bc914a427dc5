"""The terminal front end: plain text over the same runtime, friendly to screen readers."""
from __future__ import annotations

from typing import Any

__all__ = ["TextPlayer", "announce"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: the command line imports .escape for every command, and the window
    # must not pay for the engine before its first frame.
    if name in __all__:
        from . import play
        return getattr(play, name)
    raise AttributeError(name)
