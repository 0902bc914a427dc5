"""The phones' room: who may vote, in which round, for what. Pure state, no I/O and no clock of
its own (time comes in as arguments), so the protocol's rules are tested without a socket.

    room = Room.new()                       # a fresh room code and secret for this session
    tok = room.join(now=0.0)                # a random token for one phone page, or None (full)
    room.open_round(1, [Choice("A", "Go", True, ""), Choice("B", "Stay", False, "needs 4.0")])
    room.vote(tok, 1, "A", now=1.0)         # OK; the phone may change it until the round closes
    room.counts()                           # (1, 0); seq 1: one accepted vote so far
    room.close_round(1, seen=1)             # the final tally is the first `seen` votes

Nothing here knows a name: a token is 128 random bits made for one page and forgotten with the
room; a round keeps only the votes made in it, and forgets them when the next one opens.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..i18n import N_

# A room code and secret a person can read off a screen and type: no 0/O, 1/I/L, 5/S, 2/Z.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
ROOM_LEN = 4
SECRET_LEN = 10  # about 48 bits: far more than can be guessed in a lesson at the rate limits
MAX_TOKENS = 400  # phones per session: a big lecture hall, and a bound on memory
MAX_CHOICES = 26
MAX_VOTES_PER_ROUND = 20_000  # accepted votes (changes included) kept while a round is open
ACTIVE_S = 45.0  # a phone counts as joined while it has asked for news this recently


def code(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


@dataclass(frozen=True)
class Choice:
    letter: str
    text: str
    open: bool
    reason: str  # why a locked choice is locked, as on the screen


@dataclass
class Round:
    id: int
    choices: Tuple[Choice, ...]
    open: bool = True
    log: List[Tuple[str, int]] = field(default_factory=list)  # (token, choice) in order
    mine: Dict[str, int] = field(default_factory=dict)  # each token's current choice
    result: str = ""  # what the class chose, once the game has counted


# Why a vote was refused: the phone page shows these sentences as they are (the server looks
# them up in the game's language when it answers).
REFUSALS = {
    "no-round": N_("There is no vote open right now."),
    "closed": N_("This vote has closed."),
    "future": N_("That vote has not opened yet."),
    "bad-choice": N_("That is not one of the choices."),
    "locked": N_("That choice is locked."),
    "token": N_("This page has expired: reload it to join again."),
    "full": N_("The vote is full for this round."),
}


class Room:
    def __init__(self, room: str, secret: str):
        self.room = room
        self.secret = secret
        self.tokens: Dict[str, float] = {}  # token -> when it last asked for news
        self.round: Optional[Round] = None
        self.version = 0  # grows whenever what a phone would show changes
        self.late: Dict[str, int] = {}  # tokens whose vote came after the game counted

    @classmethod
    def new(cls) -> "Room":
        return cls(code(ROOM_LEN), code(SECRET_LEN))

    def changed(self) -> None:
        """What every phone is shown changed (a round opened, closed or was decided): their
        waiting polls answer. A vote changes only its own phone's view, so it does not: with
        60 phones that would be 60 answers per vote."""
        self.version += 1

    # ---- phones ----------------------------------------------------------------------

    def join(self, now: float) -> Optional[str]:
        """A new page's token, or None when the room is full (after dropping idle phones)."""
        if len(self.tokens) >= MAX_TOKENS:
            self._forget_idle(now)
            if len(self.tokens) >= MAX_TOKENS:
                return None
        tok = secrets.token_urlsafe(16)
        self.tokens[tok] = now
        return tok

    def known(self, token: object) -> bool:
        return isinstance(token, str) and token in self.tokens

    def seen(self, token: str, now: float) -> None:
        self.tokens[token] = now

    def joined(self, now: float) -> int:
        return sum(1 for t in self.tokens.values() if now - t <= ACTIVE_S)

    def _forget_idle(self, now: float) -> None:
        for tok in [t for t, at in self.tokens.items() if now - at > ACTIVE_S]:
            del self.tokens[tok]

    # ---- rounds (commands from the game) ---------------------------------------------

    def open_round(self, rid: int, choices: Sequence[Choice]) -> None:
        self.round = Round(rid, tuple(choices[:MAX_CHOICES]))
        self.late = {}
        self.changed()

    def close_round(self, rid: int, seen: int) -> Tuple[int, ...]:
        """Close round `rid` with the first `seen` accepted votes (what the game counted);
        votes accepted after those are dropped and their phones told. Returns the tally."""
        r = self.round
        if r is None or r.id != rid or not r.open:
            return ()
        r.open = False
        kept: Dict[str, int] = {}
        for tok, i in r.log[:seen]:
            kept[tok] = i
        self.late = {tok: i for tok, i in r.log[seen:] if kept.get(tok) != i}
        r.mine, r.log = kept, []
        self.changed()
        return self.counts()

    def announce(self, rid: int, result: str) -> None:
        if self.round is not None and self.round.id == rid:
            self.round.result = result
            self.changed()

    def end_round(self, rid: int) -> None:
        """The choice was made another way (a click, a skip): nothing to count, just close."""
        if self.round is not None and self.round.id == rid:
            self.round = None
            self.late = {}
            self.changed()

    # ---- votes -----------------------------------------------------------------------

    def vote(self, token: str, rid: object, choice: object) -> str:
        """"ok" or a key of REFUSALS. A token has one vote per round; voting again changes it."""
        if not self.known(token):
            return "token"
        r = self.round
        if r is None:
            return "no-round"
        if not isinstance(rid, int) or isinstance(rid, bool):
            return "bad-choice"
        if rid < r.id:
            return "closed"
        if rid > r.id:
            return "future"
        if not r.open:
            return "closed"
        letters = [c.letter for c in r.choices]
        if not isinstance(choice, str) or choice not in letters:
            return "bad-choice"
        i = letters.index(choice)
        if not r.choices[i].open:
            return "locked"  # greyed on the phone as on the screen: it cannot be tapped
        if r.mine.get(token) == i:
            return "ok"  # the same vote again (a double tap, a retry): nothing changes
        if len(r.log) >= MAX_VOTES_PER_ROUND:
            return "full"
        r.mine[token] = i
        r.log.append((token, i))
        return "ok"  # no change for the others: a phone learns its own vote from the answer

    @property
    def seq(self) -> int:
        return len(self.round.log) if self.round is not None else 0

    def counts(self) -> Tuple[int, ...]:
        r = self.round
        if r is None:
            return ()
        out = [0] * len(r.choices)
        for i in r.mine.values():
            out[i] += 1
        return tuple(out)

    def votes_in(self) -> int:
        return len(self.round.mine) if self.round is not None else 0

    # ---- what a phone sees -----------------------------------------------------------

    def view(self, token: str) -> dict:
        """Everything one phone is shown: the round, its choices and its own vote only."""
        r = self.round
        out: dict = {"v": self.version, "room": self.room, "round": None}
        if r is None:
            return out
        mine = r.mine.get(token)
        out["round"] = {
            "id": r.id, "open": r.open, "result": r.result,
            "choices": [{"letter": c.letter, "text": c.text, "open": c.open,
                         "reason": c.reason} for c in r.choices],
            "mine": r.choices[mine].letter if mine is not None else None,
            "late": token in self.late,
        }
        return out
