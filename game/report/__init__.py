"""Classroom reports: a run rendered as one self-contained, printable HTML file.

`render_report(pack, state)` is what the window's "Export report" button and `standing report`
call; it builds on game.engine.debrief, so the report shows exactly what the debrief shows.
"""
from .html import render_report

__all__ = ["render_report"]
