"""Nothing kept: a whole phone session (start, 30 phones join, vote, change, a close, stop)
opens no file for writing, in any thread. Python's audit hook sees every open() and os.open()
the process makes, including aiohttp's and the server thread's."""
import os
import sys
import threading

from phones_helpers import counts, wait_for

from game.phones import CloseRound, OpenRound, PhoneServer, choices
from game.phones.simulate import Phones

_watch = threading.Event()
_writes = []
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _hook(event, args):
    if not _watch.is_set() or event != "open":
        return
    path, mode, flags = (list(args) + [None, None, None])[:3]
    writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or \
        (isinstance(flags, int) and flags & WRITE_FLAGS)
    if writing and path not in (None, os.devnull) and not isinstance(path, int):
        _writes.append((event, str(path), mode, flags))


sys.addaudithook(_hook)  # cannot be removed: it does nothing unless _watch is set


def test_a_whole_phone_session_writes_nothing_to_disk():
    _writes.clear()
    _watch.set()
    try:
        srv = PhoneServer()
        srv.start()
        assert srv.wait_ready()
        phones = Phones(srv.url, n=30, seed=4)
        phones.start()
        assert phones.wait_joined()
        for rid in (1, 2):
            srv.send(OpenRound(rid, choices(["Go", "Stay"], [True, True], ["", ""])))
            assert wait_for(lambda r=rid: counts(srv) is not None and counts(srv).round == r
                            and counts(srv).votes_in == 30, timeout=20)
            srv.send(CloseRound(rid, counts(srv).seq))
        phones.stop()
        srv.stop()
    finally:
        _watch.clear()
    assert _writes == []
