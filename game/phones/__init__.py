"""Votes from phones: a small local vote server for the classroom (issue 11).

No pygame, and never imported by game/engine. The game starts a PhoneServer only when the
teacher turns phones on, talks to it through its two queues (send() commands, events()
news), and stops it when the game stops. See server.py for the protocol and room.py for
the rules (one vote per phone page per round, changeable until the round closes).
"""
from .room import Choice, Room
from .server import (Announce, CloseRound, Counts, EndRound, Failed, OpenRound, PhoneServer,
                     Ready, choices, lan_address)

__all__ = ["Announce", "Choice", "CloseRound", "Counts", "EndRound", "Failed", "OpenRound",
           "PhoneServer", "Ready", "Room", "choices", "lan_address"]
