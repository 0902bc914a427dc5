"""A terminal player: numbered choices, locked ones with their reason, score changes in words.

Plain lines only (no cursor movement or colour), so it works with piped input and screen
readers. Commands: a number chooses; `u` undoes; `s` shows the score breakdown; `q` quits.
Everything printed passes the terminal escaper, so a pack cannot send control sequences; an
answer is read at most MAX_ANSWER characters at a time, so no answer can exhaust memory.
"""
from __future__ import annotations

from typing import IO, Callable, List, Optional

from ..engine import Runtime
from ..engine import events as ev
from ..engine.text import plain
from ..engine.debrief import build_debrief
from ..engine.numbers import breakdown_rows
from ..textflow import wrap_columns
from .debrief import debrief_lines, notes_lines
from .escape import for_terminal

HELP = "Type a choice number. Other keys: u = undo, s = score breakdown, h = help, q = quit."
MAX_ANSWER = 80  # characters; a longer line is skipped, a piece at a time, and asked again


def announce(e: ev.Event, rt: Runtime) -> Optional[str]:
    """One event as a sentence, or None when it is not worth saying."""
    fmt = rt.pack.regime.scale.fmt
    if isinstance(e, ev.RatingReceived):
        if e.by or e.count == 1:
            name = e.name or "an anonymous rater"
            who = f"{name[:1].upper()}{name[1:]} ({fmt(e.rater_score)})"
            return f"{who} rated you {_stars(e.stars)}."
        return f"{e.count} {e.name or 'anonymous raters'} ({fmt(e.rater_score)}) each rated " \
            f"you {_stars(e.stars)}."
    if isinstance(e, ev.BehaviourRecorded):
        sign = "+" if e.impact >= 0 else ""
        return f"The system recorded under {e.label}: {e.saw} ({sign}{e.impact:g})."
    if isinstance(e, ev.ScoreChanged):
        word = "rose" if e.delta > 0 else "fell"
        return f"Your score {word} from {e.text_old} to {e.text_new}."
    if isinstance(e, ev.TierChanged):
        return f"Your standing {'rose' if e.up else 'fell'}: {e.old_name} to {e.new_name}."
    if isinstance(e, ev.FriendAdded):
        return f"You are now friends with {e.name}."
    if isinstance(e, ev.FriendRemoved):
        return f"You are no longer friends with {e.name}."
    if isinstance(e, ev.CharacterScoreChanged):
        word = "rose" if e.new > e.old else "fell"
        return f"{e.name}'s score {word} from {fmt(e.old)} to {fmt(e.new)}."
    if isinstance(e, ev.EpisodeStarted):
        return f"\n== {e.title} ==\n"
    return None


_CAUSES = (ev.RatingReceived, ev.BehaviourRecorded, ev.FriendAdded, ev.FriendRemoved)


def _has_cause(events: List[ev.Event]) -> bool:
    return any(isinstance(e, _CAUSES) for e in events)


def _drift_cause(events: List[ev.Event]) -> str:
    """Why a score moved when nobody rated and nothing was recorded."""
    moved = [e.name for e in events if isinstance(e, ev.CharacterScoreChanged)]
    if moved:
        return f"as {moved[0]}'s score moved"
    return "as older records fade"


def _stars(n: float) -> str:
    n_text = f"{n:g}"
    return f"{n_text} star{'s' if n != 1 else ''}"


class TextPlayer:
    """`saved` is called with the runtime after every change to the run (a choice, an undo,
    a new episode), to autosave and write --save FILE as the window does."""

    def __init__(self, rt: Runtime, inp: IO[str], out: IO[str], width: int = 78,
                 saved: Optional[Callable[[Runtime], Optional[str]]] = None):
        self.rt, self.inp, self.out, self.width = rt, inp, out, width
        self.saved = saved

    def changed(self) -> None:
        problem = self.saved(self.rt) if self.saved is not None else None
        if problem:
            self.say(problem)

    def say(self, text: str = "") -> None:
        for para in for_terminal(plain(text)).split("\n"):
            lead = len(para) - len(para.lstrip(" "))
            indent = " " * (lead + 2) if lead else ""  # a wrapped list item stays inside
            lines = wrap_columns(para, self.width, subsequent_indent=indent) \
                if para.strip() else [""]
            self.out.write("\n".join(lines) + "\n")
        self.out.flush()

    def run(self) -> int:
        info = self.rt.pack.info
        self.say(f"{info.title}")
        self.say(HELP)
        self.say(f"\n== {self.rt.pack.episode(self.rt.state.episode).title} ==\n")
        self.changed()
        while True:
            self.show_passage()
            if self.rt.ending is not None:
                if not self.finish_episode():
                    return 0
                continue
            if not self.turn():
                return 0

    def status(self) -> str:
        rt = self.rt
        return f"[Your score: {rt.score_text}, {rt.tier.name}]"

    def show_passage(self) -> None:
        p = self.rt.passage
        self.say()
        if p.speaker_name:
            self.say(f"{p.speaker_name} ({self.rt.pack.regime.scale.fmt(self.rt.score_of(p.speaker))}):")
        self.say(p.text)
        if p.fact:
            self.say(f"(Note, {p.fact.kind}: {p.fact.note})")
        if p.pause:
            self.say(f"Discussion pause: {p.pause}")
        self.say(self.status())

    def turn(self) -> bool:
        views = self.rt.choices
        for i, c in enumerate(views, 1):
            line = f"{i}. {c.text}" if c.available else f"{i}. (locked: {c.reason}) {c.text}"
            self.say(line)
        if not any(c.available for c in views):
            self.say("Every door here is locked. Type u to undo your last choice.")
        while True:
            raw = self.ask("Choose: ")
            if raw is None or raw in ("q", "quit"):
                self.say("Goodbye.")
                return False
            if self.command(raw):
                return True
            number = choice_number(raw, len(views))
            if number:
                c = views[number - 1]
                if not c.available:
                    self.say(f"That door is locked: {c.reason}.")
                    continue
                self.report(self.rt.choose(c.index))
                self.changed()
                return True
            self.say("Type 1, or h for help." if len(views) == 1 else
                     f"Type a number from 1 to {len(views)}, or h for help.")

    def command(self, raw: str) -> bool:
        """Handle u/s/h; True when the passage should be shown again."""
        if raw == "u":
            if self.rt.can_undo:
                crossed = self.rt.undo(cross_episode=True)
                self.changed()
                self.say("Undone: back into the previous episode." if crossed else "Undone.")
            else:
                self.say("Nothing to undo.")
            return True
        if raw == "s":
            self.say(self.breakdown())
            return True
        if raw in ("h", "help", "?"):
            self.say(HELP)
            return True
        return False

    def breakdown(self) -> str:
        rt, regime = self.rt, self.rt.pack.regime
        bd = rt.breakdown()
        if not regime.visible:
            return f"{self.status()}\nThe system does not show how it reached this number."
        lines = [self.status()]
        lines += [f"{label}: {text}" for label, text, _ in breakdown_rows(regime, bd)]
        return "\n".join(lines)

    def report(self, events: List[ev.Event]) -> None:
        for e in events:
            line = announce(e, self.rt)
            if line and isinstance(e, ev.ScoreChanged) and not _has_cause(events):
                line = line[:-1] + f" {_drift_cause(events)}."
            if line:
                self.say(line)

    def finish_episode(self) -> bool:
        end = self.rt.ending
        assert end is not None
        self.say(f"\n== Ending: {end.title} ==")
        debrief = build_debrief(self.rt.pack, self.rt.state)
        for line in debrief_lines(self.rt.pack, debrief, self.rt.state.episode):
            self.say(line)
        nxt = self.rt.next_episode
        if nxt is None:
            self.say(f"\nThe end. Final score {self.rt.score_text} ({self.rt.tier.name}).")
        question = f"Press Enter to begin '{nxt.title}'," if nxt else "Press Enter to finish,"
        while True:
            raw = self.ask(f"{question} n for the facilitator notes, or q to stop: ")
            if raw == "n":
                for line in notes_lines(debrief):
                    self.say(line)
                continue
            if raw is None or raw in ("q", "quit") or nxt is None:
                self.say("Goodbye.")
                return False
            self.report(self.rt.begin_next_episode())
            self.changed()
            return True

    def ask(self, prompt: str) -> Optional[str]:
        while True:
            self.out.write(for_terminal(prompt))
            self.out.flush()
            line = self.inp.readline(MAX_ANSWER + 1)
            if not line:
                self.say("\n(Input ended.)")
                return None
            if len(line) > MAX_ANSWER and not line.endswith("\n"):
                self._skip_line()
                self.say(f"\n(That answer is over {MAX_ANSWER} characters; it was ignored.)")
                continue
            if not self.inp.isatty():  # echo piped answers
                self.out.write(for_terminal(line if line.endswith("\n") else line + "\n"))
            return line.strip().lower()

    def _skip_line(self) -> None:
        """Read past the rest of an over-long line without holding it."""
        while True:
            piece = self.inp.readline(4096)
            if not piece or piece.endswith("\n"):
                return


def choice_number(raw: str, count: int) -> int:
    """The choice an answer names (1..count), or 0; never converts a long digit string."""
    if raw.isascii() and raw.isdigit() and len(raw.lstrip("0")) <= len(str(count)):
        number = int(raw)
        return number if 1 <= number <= count else 0
    return 0
