"""The server's limits, in one place so the docs, the tests and the code agree, and the small
token bucket that enforces the rates."""
from __future__ import annotations

from dataclasses import dataclass

MAX_BODY = 1024  # bytes in a request body: a vote is about 100
MAX_HEADER_LINE = 2048  # bytes in the request line or one header
MAX_CONNECTIONS = 300  # open at once; more are closed at once (a class uses about two each)
REQUEST_S = 5.0  # a request's headers and body must arrive within this (slowloris)
IDLE_S = 10.0  # a connection with no request in progress is closed after this
POLL_S = 20.0  # a phone's "anything new?" waits at most this long for news
SWEEP_S = 1.0  # how often idle connections and idle phones are looked for

# (requests per second, burst) for each kind of thing that can be counted
PER_CONNECTION = (10.0, 20)  # any request, per TCP connection
PER_TOKEN_VOTES = (4.0, 8)  # votes, per phone page
JOINS = (100.0, 400)  # new phone pages, for the whole room (a class arriving at once)


@dataclass
class Bucket:
    """A token bucket: `take(now)` is True while the rate holds, False when over it."""
    rate: float
    burst: int
    level: float = -1.0
    at: float = 0.0

    def take(self, now: float) -> bool:
        if self.level < 0:
            self.level, self.at = float(self.burst), now
        self.level = min(float(self.burst), self.level + (now - self.at) * self.rate)
        self.at = now
        if self.level < 1.0:
            return False
        self.level -= 1.0
        return True


def bucket(spec) -> Bucket:
    return Bucket(spec[0], spec[1])
