"""The classroom: one lesson's shared state (vote, tallies, countdown, discussion pause, the
teacher's notes, the lesson clock) and the vote's rules. No pygame here: the projector window
and the teacher's presenter window are two views of it (game/ui/presenter.py draws the second).
"""
from .session import ClassroomSession, LessonTimer, Notes, Vote, clock_text, notes_for

__all__ = ["ClassroomSession", "LessonTimer", "Notes", "Vote", "clock_text", "notes_for"]
