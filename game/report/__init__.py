"""Classroom reports: a session rendered as self-contained, printable HTML, in two forms.

    render_handout(pack, state)                  # the student handout: one or two A4 pages
    render_teacher_record(pack, [first, *what_ifs])  # the teacher's record: everything
    render_report(pack, state)                   # the teacher's record of one run (as before)

`standing report SAVE --form handout|teacher` and the debrief's Export (game.report.files) call
these; they build on game.engine.debrief, so a report shows exactly what the debrief shows.
Every value reaches the page through game.report.safe, the one HTML escaper.
"""
from .handout import render_handout
from .html import render_report
from .teacher import render_teacher_record

__all__ = ["render_handout", "render_report", "render_teacher_record"]
