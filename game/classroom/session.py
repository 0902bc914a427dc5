"""One lesson's classroom state, shared by the projector and the teacher's window.

Plain Python with no pygame, like the engine: the audience window and the presenter window both
draw it, keys in either window change it, and tests drive it directly.

    room = ClassroomSession()
    room.follow(runtime)                   # notes and prompts for the current scene or ending
    vote = room.open_vote(["Go", "Stay"], [True, True], ["", ""], seed=7, step=3)
    vote.entry.type("9"); vote.count()     # vote.result.chosen == 0
    room.close_vote(taken=True)            # room.last_vote is that result
    room.tick(1.0)                         # the countdown moves unless the timer is held

`version` grows with every change, so a window redraws its classroom panel only when it moved.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional, Sequence, Tuple

from .. import i18n
from ..i18n import _, N_
from .vote import Countdown, TallyEntry, VoteError, VoteResult

# A fact note's kind (game/packs/schema.py FACT_KINDS) as the teacher's notes name it.
FACT_KINDS = {"fact": N_("Fact"), "fiction": N_("Fiction"), "myth": N_("Myth"),
              "disputed": N_("Disputed")}


@dataclass
class Vote:
    """A show of hands in progress: the options, the typed counts and, once counted, the result."""
    options: List[str]
    reasons: List[str]
    seed: int
    step: int
    entry: TallyEntry
    result: Optional[VoteResult] = None
    message: str = ""  # why the counts cannot decide yet
    phones: Any = None  # votes from phones (game/ui/phones.py): added to the hands when counted

    def count(self) -> Optional[VoteResult]:
        if self.phones is not None:
            self.phones.close_into(self)  # closes the phones' round; their votes join the hands
        try:
            self.result = self.entry.decide(self.seed, self.step)
            self.message = ""
        except VoteError as e:
            self.result, self.message = None, str(e)
        return self.result


@dataclass(frozen=True)
class Notes:
    """What the teacher reads beside the current scene (never on the projector)."""
    episode: str = ""
    scene: str = ""
    pause: str = ""  # the scene's discussion pause: the next prompt for the class
    fact: str = ""  # the scene's fact note and its source
    ending: str = ""  # the ending's title, when the run is on one
    ending_notes: str = ""  # the author's notes for facilitators
    prompts: Tuple[str, ...] = ()  # the ending's discussion prompts

    @property
    def next_prompt(self) -> str:
        return self.pause or (self.prompts[0] if self.prompts else "")


@dataclass
class LessonTimer:
    """Time since the lesson began; H holds it (and the countdown) while the class talks."""
    clock: Callable[[], float] = time.monotonic
    started: Optional[float] = None
    held_at: Optional[float] = None
    held_total: float = 0.0

    def start(self) -> None:
        if self.started is None:
            self.started = self.clock()

    @property
    def held(self) -> bool:
        return self.held_at is not None

    def toggle_hold(self) -> None:
        now = self.clock()
        if self.held_at is None:
            self.held_at = now
        else:
            self.held_total += now - self.held_at
            self.held_at = None

    def elapsed(self) -> float:
        if self.started is None:
            return 0.0
        now = self.held_at if self.held_at is not None else self.clock()
        return max(0.0, now - self.started - self.held_total)

    def until_next_second(self) -> Optional[float]:
        """Seconds until the shown minutes:seconds change; None while held or not started."""
        if self.started is None or self.held:
            return None
        return 1.0 - (self.elapsed() % 1.0)


def clock_text(seconds: float) -> str:
    """0:42, 12:05, 1:02:05."""
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


@dataclass
class ClassroomSession:
    timer: LessonTimer = field(default_factory=LessonTimer)
    vote: Optional[Vote] = None
    last_vote: Optional[VoteResult] = None
    countdown: Optional[Countdown] = None
    pause_pending: bool = False  # a discussion pause holds the choices back
    notes: Notes = field(default_factory=Notes)
    version: int = 0
    phones: Any = None  # while phones are on: what feeds their votes into each vote
    phones_status: str = ""  # "23 phones joined · 17 voted": counts only, never who voted what
    _followed: Any = None

    def changed(self) -> None:
        self.version += 1

    # ---- following the run -----------------------------------------------------------

    def follow(self, rt: Any) -> bool:
        """Read the notes for the runtime's current scene (again after a change of language);
        True when they changed."""
        key = (id(rt), rt.state.scene, len(rt.state.history), i18n.current()) \
            if rt is not None else None
        if key == self._followed:
            return False
        self._followed = key
        self.notes = notes_for(rt) if rt is not None else Notes()
        if rt is not None:
            self.timer.start()
        self.changed()
        return True

    # ---- the vote --------------------------------------------------------------------

    def open_vote(self, options: Sequence[str], available: Sequence[bool],
                  reasons: Sequence[str], seed: int, step: int) -> Vote:
        self.vote = Vote(list(options), list(reasons), seed, step,
                         TallyEntry(len(options), available), phones=self.phones)
        self.changed()
        return self.vote

    def close_vote(self, taken: bool = False) -> None:
        if self.vote is not None and taken and self.vote.result is not None:
            self.last_vote = self.vote.result
        self.vote = None
        self.changed()

    # ---- the countdown and the timer -------------------------------------------------

    def start_countdown(self, seconds: float) -> None:
        self.countdown = Countdown(seconds)
        self.changed()

    @property
    def counting(self) -> bool:
        return self.countdown is not None and not self.countdown.done

    def tick(self, dt: float) -> bool:
        """Let dt seconds pass on the countdown (not while held); True when its number moved."""
        if not self.counting or self.timer.held:
            return False
        moved = self.countdown.update(dt)
        if moved:
            self.changed()
        return moved

    def toggle_hold(self) -> None:
        self.timer.toggle_hold()
        self.changed()

    def next_change(self) -> Optional[float]:
        """Seconds until something a view shows changes on its own (the lesson clock)."""
        return self.timer.until_next_second()


def notes_for(rt: Any) -> Notes:
    """The teacher's notes for where the run stands (rt is a game.engine Runtime)."""
    scene = rt.scene
    try:
        episode = rt.pack.episode(rt.state.episode).title
    except KeyError:
        episode = rt.state.episode
    fact = ""
    if scene.fact is not None:
        f = scene.fact
        kind = _(FACT_KINDS[f.kind]) if f.kind in FACT_KINDS else f.kind.capitalize()
        # Translators: a scene's fact note for the teacher; {kind} is Fact, Fiction, Myth or
        # Disputed.
        fact = (_("{kind}: {note} (source: {source})") if f.source else
                _("{kind}: {note}")).format(kind=kind, note=f.note, source=f.source)
    end = rt.ending  # its templates rendered for this run
    return Notes(episode=episode, scene=scene.id, pause=scene.pause if end is None else "",
                 fact=fact, ending=end.title if end else "", ending_notes=end.notes if end else "",
                 prompts=tuple(end.prompts) if end else ())
