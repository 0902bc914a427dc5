"""Proof that Standing opens no network connection: sockets patched to refuse and record.

In the test process:

    from privacy_helpers import SocketGuard, no_network   # no_network is a pytest fixture

    def test_something(no_network):
        ...play...
        assert no_network.attempts == []

In a child process (the real command line, the window under SDL's dummy driver):

    result = run_guarded(["game", "play", "--text", "story/tutorial"], input="1\\n...")
    assert result.returncode == 0 and result.attempts == []

Every patched call raises NetworkBlocked (an OSError, so code that copes with a missing network
keeps running) and is recorded; the test then fails on the record, not on a crash somewhere.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
LOG_ENV = "STANDING_NETWORK_LOG"

# Every way into the network that the standard library (and so urllib, http, ssl, asyncio
# connections and most third-party clients) goes through.
PATCHED = ("socket", "create_connection", "create_server", "getaddrinfo", "gethostbyname",
           "gethostbyname_ex", "gethostbyaddr")


class NetworkBlocked(OSError):
    """Raised instead of touching the network while a SocketGuard is active."""


class SocketGuard:
    """While active, the socket functions above refuse and record each attempt."""

    def __init__(self, on_attempt: Optional[Callable[[str], None]] = None):
        self.attempts: List[str] = []
        self._saved: Dict[str, object] = {}
        self._on_attempt = on_attempt

    def _refuse(self, name: str) -> Callable[..., object]:
        def refuse(*args: object, **kwargs: object) -> object:
            what = f"socket.{name}{_short(args)}"
            self.attempts.append(what)
            if self._on_attempt:
                self._on_attempt(what)
            raise NetworkBlocked(f"Standing must not use the network ({what})")
        return refuse

    def __enter__(self) -> "SocketGuard":
        for name in PATCHED:
            self._saved[name] = getattr(socket, name)
            setattr(socket, name, self._refuse(name))
        return self

    def __exit__(self, *exc: object) -> None:
        for name, original in self._saved.items():
            setattr(socket, name, original)
        self._saved.clear()


def _short(args: Sequence[object]) -> str:
    text = repr(tuple(args))
    return text if len(text) <= 80 else text[:77] + "...)"


@pytest.fixture
def no_network():
    """A SocketGuard active for the whole test; assert on `.attempts`."""
    with SocketGuard() as guard:
        yield guard


# ---- child processes -------------------------------------------------------------------------

@dataclass
class GuardedRun:
    returncode: int
    stdout: str
    stderr: str
    attempts: List[str] = field(default_factory=list)


# Run as `python -c BOOT module args...`: install the guard, then run the module as __main__.
BOOT = (
    "import os, runpy, sys; "
    f"sys.path.insert(0, {str(TESTS)!r}); "
    "import privacy_helpers as p; "
    "p.guard_child(); "
    "module = sys.argv[1]; sys.argv = [module] + sys.argv[2:]; "
    "runpy.run_module(module, run_name='__main__', alter_sys=True)"
)


def guard_child() -> SocketGuard:
    """In a child process: guard sockets for good, appending each attempt to $STANDING_NETWORK_LOG
    as it happens (the child may exit in ways that skip any clean-up)."""
    log = os.environ.get(LOG_ENV, "")

    def write(what: str) -> None:
        if log:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(what + "\n")
    return SocketGuard(write).__enter__()


def run_guarded(args: Sequence[str], input: str = "", cwd: Path = ROOT,
                env: Optional[Dict[str, str]] = None, timeout: float = 120) -> GuardedRun:
    """Run `python -m args[0] args[1:]` with sockets guarded from the first line."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "network.log"
        child_env = dict(os.environ if env is None else env)
        child_env[LOG_ENV] = str(log)
        child_env.setdefault("SDL_VIDEODRIVER", "dummy")
        child_env.setdefault("SDL_AUDIODRIVER", "dummy")
        proc = subprocess.run([sys.executable, "-c", BOOT, *args], input=input, text=True,
                              capture_output=True, cwd=str(cwd), env=child_env,
                              timeout=timeout)
        attempts = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return GuardedRun(proc.returncode, proc.stdout, proc.stderr, attempts)
