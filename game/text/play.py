"""A terminal player: numbered choices, locked ones with their reason, score changes in words.

Plain lines only (no cursor movement or colour), so it works with piped input and screen
readers. Commands: a number chooses; `u` undoes; `s` shows the score breakdown; `q` quits.
Everything printed passes the terminal escaper, so a pack cannot send control sequences; an
answer is read at most MAX_ANSWER characters at a time, so no answer can exhaust memory.
"""
from __future__ import annotations

from typing import IO, Callable, List, Optional

from ..engine import Runtime
from ..i18n import N_, _, localize_number, ngettext
from ..engine import events as ev
from ..engine.text import plain
from ..engine.debrief import build_debrief
from ..engine.numbers import breakdown_rows
from ..textflow import wrap_columns
from .debrief import debrief_lines, notes_lines, row_text
from .escape import for_terminal

# Translators: the terminal's help; u, s, h and q are the keys to type and stay as they are.
HELP = N_("Type a choice number. Other keys: u = undo, s = score breakdown, h = help, q = quit.")
MAX_ANSWER = 80  # characters; a longer line is skipped, a piece at a time, and asked again

# Translators: a fact note in the terminal; `note` is the pack's text.
NOTES = {"fact": N_("(Note, fact: {note})"), "fiction": N_("(Note, fiction: {note})"),
         "myth": N_("(Note, myth: {note})"), "disputed": N_("(Note, disputed: {note})")}


def announce(e: ev.Event, rt: Runtime, drift: str = "") -> Optional[str]:
    """One event as a sentence, or None when it is not worth saying. `drift` is what moved a
    score nobody rated (see _drift): the name of the friend whose score moved, or _FADE."""
    fmt = rt.pack.regime.scale.fmt
    if isinstance(e, ev.RatingReceived):
        if e.by or e.count == 1:
            name = e.name or _("an anonymous rater")
            # Translators: `name` is who rated you, `score` their own score, `stars` "4 stars".
            return _("{name} ({score}) rated you {stars}.").format(
                name=f"{name[:1].upper()}{name[1:]}", score=fmt(e.rater_score),
                stars=stars_text(e.stars))
        # Translators: `count` people (`raters`, e.g. "commuters") rated you `stars` each.
        return _("{count} {raters} ({score}) each rated you {stars}.").format(
            count=e.count, raters=e.name or _("anonymous raters"), score=fmt(e.rater_score),
            stars=stars_text(e.stars))
    if isinstance(e, ev.BehaviourRecorded):
        sign = "+" if e.impact >= 0 else "\u2212"  # a true minus, as every score change
        # Translators: `label` is a category of the score, `saw` what the system saw,
        # `impact` a signed number.
        return _("The system recorded under {label}: {saw} ({impact}).").format(
            label=e.label, saw=e.saw, impact=sign + localize_number(f"{abs(e.impact):g}"))
    if isinstance(e, ev.ScoreChanged):
        return _score_changed(e, drift)
    if isinstance(e, ev.TierChanged):
        # Translators: `old` and `new` are the names of standing tiers.
        text = _("Your standing rose: {old} to {new}.") if e.up else \
            _("Your standing fell: {old} to {new}.")
        return text.format(old=e.old_name, new=e.new_name)
    if isinstance(e, ev.FriendAdded):
        return _("You are now friends with {name}.").format(name=e.name)
    if isinstance(e, ev.FriendRemoved):
        return _("You are no longer friends with {name}.").format(name=e.name)
    if isinstance(e, ev.CharacterScoreChanged):
        text = _("{name}'s score rose from {old} to {new}.") if e.new > e.old else \
            _("{name}'s score fell from {old} to {new}.")
        return text.format(name=e.name, old=fmt(e.old), new=fmt(e.new))
    if isinstance(e, ev.EpisodeStarted):
        return f"\n== {e.title} ==\n"
    return None


def _score_changed(e: ev.ScoreChanged, drift: str) -> str:
    rose = e.delta > 0
    if not drift:
        text = _("Your score rose from {old} to {new}.") if rose else \
            _("Your score fell from {old} to {new}.")
    elif drift == _FADE:
        text = _("Your score rose from {old} to {new} as older records fade.") if rose else \
            _("Your score fell from {old} to {new} as older records fade.")
    else:
        # Translators: `name` is a friend whose own score moved and pulled yours with it.
        text = _("Your score rose from {old} to {new} as {name}'s score moved.") if rose else \
            _("Your score fell from {old} to {new} as {name}'s score moved.")
    return text.format(old=e.text_old, new=e.text_new, name=drift)


_FADE = "\0"  # no name: a score that moves as older records fade
_CAUSES = (ev.RatingReceived, ev.BehaviourRecorded, ev.FriendAdded, ev.FriendRemoved)


def _has_cause(events: List[ev.Event]) -> bool:
    return any(isinstance(e, _CAUSES) for e in events)


def _drift(events: List[ev.Event]) -> str:
    """Why a score moved when nobody rated and nothing was recorded: the name of a friend
    whose score moved, else _FADE (older records fade)."""
    moved = [e.name for e in events if isinstance(e, ev.CharacterScoreChanged)]
    return moved[0] if moved else _FADE


def stars_text(n: float) -> str:
    """"4 stars", "1 star", "4.5 stars" in the current language."""
    # Plural rules count whole numbers; a fraction takes the form of 2 ("4.5 stars"), which
    # is also the fraction's form in the languages whose plurals differ there (Russian, Polish).
    count = int(n) if float(n).is_integer() else 2
    return ngettext("{stars} star", "{stars} stars", count).format(stars=localize_number(f"{n:g}"))


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
        self.say(_(HELP))
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
        # Translators: the terminal's status line; `tier` is the name of a standing tier.
        return _("[Your score: {score}, {tier}]").format(score=rt.score_text, tier=rt.tier.name)

    def show_passage(self) -> None:
        p = self.rt.passage
        self.say()
        if p.speaker_name:
            # Translators: who speaks next, with their score, before their words.
            self.say(_("{name} ({score}):").format(
                name=p.speaker_name, score=self.rt.pack.regime.scale.fmt(self.rt.score_of(p.speaker))))
        self.say(p.text)
        if p.fact:
            kind = p.fact.kind
            text = _(NOTES[kind]) if kind in NOTES else _("(Note, {kind}: {note})")
            self.say(text.format(kind=kind, note=p.fact.note))
        if p.pause:
            self.say(_("Discussion pause: {pause}").format(pause=p.pause))
        self.say(self.status())

    def list_choices(self, views) -> None:
        for i, c in enumerate(views, 1):
            # Translators: a locked choice, numbered; `reason` says what would open it.
            line = f"{i}. {c.text}" if c.available else \
                _("{number}. (locked: {reason}) {text}").format(number=i, reason=c.reason, text=c.text)
            self.say(line)
        if not any(c.available for c in views):
            self.say(_("Every door here is locked. Type u to undo your last choice."))

    def turn(self) -> bool:
        views = self.rt.choices
        self.list_choices(views)
        while True:
            raw = self.ask(_("Choose: "))
            if raw is None or raw in ("q", "quit"):
                self.say(_("Goodbye."))
                return False
            done = self.command(raw)
            if done == "passage":
                return True
            if done == "choices":  # help or the breakdown: the choices again, not the scene
                self.list_choices(views)
                continue
            number = choice_number(raw, len(views))
            if number:
                c = views[number - 1]
                if not c.available:
                    self.say(_("That door is locked: {reason}.").format(reason=c.reason))
                    continue
                self.report(self.rt.choose(c.index))
                self.changed()
                return True
            self.say(_("Type 1, or h for help.") if len(views) == 1 else
                     _("Type a number from 1 to {count}, or h for help.").format(count=len(views)))

    def command(self, raw: str) -> str:
        """Handle u/s/h: "passage" when the scene should be shown again (undo), "choices" when
        only the choices should (after help or the breakdown), "" when `raw` is no command."""
        if raw == "u":
            if self.rt.can_undo:
                crossed = self.rt.undo(cross_episode=True)
                self.changed()
                self.say(_("Undone: back into the previous episode.") if crossed else _("Undone."))
            else:
                self.say(_("Nothing to undo."))
                return "choices"
            return "passage"
        if raw == "s":
            self.say(self.breakdown())
            return "choices"
        if raw in ("h", "help", "?"):
            self.say(_(HELP))
            return "choices"
        return ""

    def breakdown(self) -> str:
        rt, regime = self.rt, self.rt.pack.regime
        bd = rt.breakdown()
        if not regime.visible:
            return f"{self.status()}\n" + _("The system does not show how it reached this number.")
        lines = [self.status()]
        lines += [row_text(label, text) for label, text, _value in breakdown_rows(regime, bd)]
        return "\n".join(lines)

    def report(self, events: List[ev.Event]) -> None:
        for e in events:
            drift = _drift(events) if isinstance(e, ev.ScoreChanged) and not _has_cause(events) \
                else ""
            line = announce(e, self.rt, drift)
            if line:
                self.say(line)

    def finish_episode(self) -> bool:
        end = self.rt.ending
        assert end is not None
        self.say("\n== " + _("Ending: {title}").format(title=end.title) + " ==")
        debrief = build_debrief(self.rt.pack, self.rt.state)
        for line in debrief_lines(self.rt.pack, debrief, self.rt.state.episode):
            self.say(line)
        nxt = self.rt.next_episode
        if nxt is None:
            self.say("\n" + _("The end. Final score {score} ({tier}).").format(
                score=self.rt.score_text, tier=self.rt.tier.name))
        # Translators: n and q are keys to type; Enter is the key.
        question = _("Press Enter to begin '{title}', n for the facilitator notes, or q to "
                     "stop: ").format(title=nxt.title) if nxt else \
            _("Press Enter to finish, n for the facilitator notes, or q to stop: ")
        while True:
            raw = self.ask(question)
            if raw == "n":
                for line in notes_lines(debrief):
                    self.say(line)
                continue
            if raw is None or raw in ("q", "quit") or nxt is None:
                self.say(_("Goodbye."))
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
                self.say("\n" + _("(Input ended.)"))
                return None
            if len(line) > MAX_ANSWER and not line.endswith("\n"):
                self._skip_line()
                self.say("\n" + _("(That answer is over {count} characters; it was "
                                   "ignored.)").format(count=MAX_ANSWER))
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
