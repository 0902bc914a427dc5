"""The class vote's rules moved to game/classroom/vote.py (no pygame there); this name stays so
existing imports keep working."""
from ..classroom.vote import *  # noqa: F401,F403
from ..classroom.vote import __all__  # noqa: F401
