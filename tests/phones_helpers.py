"""Helpers for the phone tests: a real PhoneServer on loopback with a clock the test moves, and
plain HTTP requests to it (http.client: nothing between the test and the bytes)."""
from __future__ import annotations

import http.client
import json
import time
from typing import Optional, Tuple
from urllib.parse import urlsplit

import pytest

from game.phones import PhoneServer
from game.phones import limits as L


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server(monkeypatch):
    """A running server with a test clock; the sweeper looks every 20 ms instead of 1 s."""
    monkeypatch.setattr(L, "SWEEP_S", 0.02)
    monkeypatch.setattr(L, "REQUEST_S", 0.3)
    monkeypatch.setattr(L, "POLL_S", 0.3)
    clock = FakeClock()
    srv = PhoneServer(clock=clock)
    srv.clock = clock
    srv.start()
    assert srv.wait_ready()
    yield srv
    srv.stop()


def address(srv) -> Tuple[str, int, str]:
    u = urlsplit(srv.url)
    return u.hostname, u.port, u.path


def request(srv, method: str, path: str, body: Optional[bytes] = None,
            headers: Optional[dict] = None) -> Tuple[int, dict]:
    """(status, JSON body or {"text": ...}). `path` is relative to the room's base unless it
    starts with "/"."""
    host, port, base = address(srv)
    c = http.client.HTTPConnection(host, port, timeout=5)
    try:
        c.request(method, path if path.startswith("/") else base + path, body=body,
                  headers=headers or {})
        r = c.getresponse()
        raw = r.read()
    finally:
        c.close()
    try:
        return r.status, json.loads(raw)
    except ValueError:
        return r.status, {"text": raw.decode("utf-8", "replace")}


def post(srv, path: str, obj) -> Tuple[int, dict]:
    return request(srv, "POST", path, json.dumps(obj).encode(),
                   {"Content-Type": "application/json"})


def join(srv) -> str:
    status, data = post(srv, "join", {})
    assert status == 200, data
    return data["token"]


def wait_for(cond, timeout: float = 5.0) -> bool:
    """Until cond() or the bound: waits for an event, never asserts a speed."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.01)
    return cond()


def counts(srv):
    """The latest Counts the server has sent the game (draining its queue)."""
    from game.phones import Counts
    found = [e for e in srv.events() if isinstance(e, Counts)]
    if found:
        srv.last_counts = found[-1]
    return getattr(srv, "last_counts", None)
