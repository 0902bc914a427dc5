"""The vote server: aiohttp on its own thread and event loop, talking to the game only through
two thread-safe queues.

    srv = PhoneServer(wake=post_a_pygame_event)    # nothing is bound yet
    srv.start()                                    # binds 127.0.0.1 (lan=True: the LAN address)
    srv.send(OpenRound(1, choices)); srv.send(CloseRound(1, seen))   # never blocks
    for ev in srv.events(): ...                    # Ready, Failed, Counts; never blocks
    srv.stop()                                     # unbinds; the room and its votes are gone

HTTP, long-poll (plain XMLHttpRequest works on any phone browser from the last ten years):
    GET  /ROOM/SECRET/        the phone page (templates/phone.html, in the game's language)
    POST /ROOM/SECRET/join    {}                        -> {"token": ...}
    POST /ROOM/SECRET/poll    {"token", "v"}            -> the phone's view, when it differs from v
    POST /ROOM/SECRET/vote    {"token", "round", "choice"} -> {"ok": true} | {"error": sentence}
Nothing else answers (404), nothing is written to disk, and nothing outlives stop().
"""
from __future__ import annotations

import asyncio
import json
import queue
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from aiohttp import web

from .. import i18n
from ..classroom.vote import letter
from ..i18n import _
from . import limits as L
from .page import render
from .room import REFUSALS, Choice, Room

PAGE = Path(__file__).with_name("templates") / "phone.html"
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": ("default-src 'none'; script-src 'unsafe-inline'; "
                                "style-src 'unsafe-inline'; connect-src 'self'; "
                                "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"),
}


# ---- what crosses the queues ------------------------------------------------------------------

@dataclass(frozen=True)
class OpenRound:
    round: int
    choices: Tuple[Choice, ...]


@dataclass(frozen=True)
class CloseRound:
    round: int
    seen: int  # how many accepted votes the game counted (Counts.seq): later ones are dropped


@dataclass(frozen=True)
class Announce:
    round: int
    result: str  # "The class chose B: Stay" for the phones' closed screen, in the game's words


@dataclass(frozen=True)
class EndRound:
    round: int  # the choice was made another way: close without a count


@dataclass(frozen=True)
class Ready:
    url: str
    room: str
    host: str
    port: int
    lan: bool


@dataclass(frozen=True)
class Failed:
    message: str


@dataclass(frozen=True)
class Counts:
    round: int  # 0 when no round is open
    joined: int
    votes_in: int
    counts: Tuple[int, ...]  # per choice, in the order shown; the game shows only totals live
    seq: int  # accepted votes so far this round: CloseRound(seen=seq) counts exactly these
    at: float  # time.perf_counter() when the server made it (the benchmark's start mark)


def choices(texts: Sequence[str], open_: Sequence[bool],
            reasons: Sequence[str]) -> Tuple[Choice, ...]:
    """The round's choices as the screen letters them (A, B, C ...)."""
    return tuple(Choice(letter(i), t, ok, why) for i, (t, ok, why) in
                 enumerate(zip(texts, open_, reasons)))


def lan_address() -> Optional[str]:
    """This machine's address on its local network, or None. A UDP "connect" only asks the
    routing table which interface would be used: no packet is sent."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.254.254.254", 9))
        addr = s.getsockname()[0]
    except OSError:
        return None
    finally:
        s.close()
    return None if addr.startswith("127.") else addr


class PhoneServer:
    def __init__(self, lan: bool = False, port: int = 0,
                 wake: Optional[Callable[[], None]] = None,
                 clock: Callable[[], float] = time.monotonic):
        self.lan = lan
        self.port = port
        self.room = Room.new()
        self._wake = wake
        self._clock = clock
        self._commands: "queue.SimpleQueue" = queue.SimpleQueue()
        self._events: "queue.SimpleQueue" = queue.SimpleQueue()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._ready = threading.Event()
        self._woken = threading.Event()  # set while a wake-up is on its way to the game
        self._stopped: Optional[asyncio.Event] = None
        self._news: Optional[asyncio.Event] = None
        self._emit_pending = False
        self._conn: Dict[object, "_Conn"] = {}
        self._votes: Dict[str, L.Bucket] = {}
        self._joins = L.bucket(L.JOINS)
        self._last: Optional[Tuple[int, int, int]] = None
        self.url = ""
        self._template = ""
        self._pages: Dict[str, str] = {}  # the page in each language asked for so far
        self.refused_connections = 0
        self._accepting = 0

    # ---- the game's side (any thread, never blocks) ----------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="standing-phones", daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float = 5.0) -> bool:
        """For tests and the benchmark: wait until the server is bound (the game never does)."""
        return self._ready.wait(timeout)

    def send(self, command) -> None:
        self._commands.put(command)
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._drain_commands)
            except RuntimeError:
                pass  # the loop is closing: the command no longer matters

    def events(self) -> List[object]:
        self._woken.clear()
        out = []
        while True:
            try:
                out.append(self._events.get_nowait())
            except queue.Empty:
                return out

    def stop(self, timeout: float = 3.0) -> None:
        loop, stopped = self._loop, self._stopped
        if loop is not None and stopped is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(stopped.set)
            except RuntimeError:
                pass
        if self._thread is not None and timeout > 0:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ---- the server's thread ---------------------------------------------------------

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        except Exception as e:  # noqa: BLE001 - told to the game, never a traceback
            # Translators: {problem} is the system's own description of what went wrong.
            self._put(Failed(_("The phone server stopped: {problem}").format(problem=e)))
        finally:
            self._ready.set()
            pending = asyncio.all_tasks(loop)  # requests cut off by stop(): let them unwind
            for t in pending:
                t.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    async def _serve(self) -> None:
        self._stopped = asyncio.Event()
        self._news = asyncio.Event()
        host = "127.0.0.1"
        if self.lan:
            host = lan_address() or ""
            if not host:
                self._put(Failed(_("No local network found: join a Wi-Fi network or turn on "
                                   "this computer's hotspot, then turn phones on again.")))
                return
        self._template = PAGE.read_text(encoding="utf-8")
        app = web.Application(client_max_size=L.MAX_BODY, middlewares=[self._guard])
        base = f"/{self.room.room}/{self.room.secret}/"
        app.router.add_get(base, self._page)
        app.router.add_post(base + "join", self._join)
        app.router.add_post(base + "poll", self._poll)
        app.router.add_post(base + "vote", self._vote)
        app.router.add_get("/{room}/{secret}", self._typed)
        app.router.add_get("/{room}/{secret}/", self._typed)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5,
                               keepalive_timeout=L.IDLE_S, max_line_size=L.MAX_HEADER_LINE,
                               max_field_size=L.MAX_HEADER_LINE)
        await runner.setup()
        factory = runner.server
        try:
            server = await asyncio.get_running_loop().create_server(
                lambda: self._accept(factory), host, self.port, backlog=128)
        except OSError as e:
            # Translators: {address} is host:port; {problem} the system's reason.
            self._put(Failed(_("Phones could not start on {address}: {problem}").format(
                address=f"{host}:{self.port}", problem=e.strerror)))
            await runner.cleanup()
            return
        port = server.sockets[0].getsockname()[1]
        self.url = f"http://{host}:{port}{base}"
        self._put(Ready(self.url, self.room.room, host, port, self.lan))
        self._ready.set()
        sweeper = asyncio.ensure_future(self._sweep(factory))
        try:
            await self._stopped.wait()
        finally:
            sweeper.cancel()
            server.close()
            self._news.set()  # long polls answer now rather than hold the shutdown
            for h in factory.connections:
                if h.transport is not None:
                    h.transport.abort()
            await runner.cleanup()
            self.room = Room(self.room.room, self.room.secret)  # the votes go with the server

    def _put(self, ev) -> None:
        self._events.put(ev)
        if self._wake is not None and not self._woken.is_set():
            self._woken.set()
            self._wake()

    def _drain_commands(self) -> None:
        room = self.room
        while True:
            try:
                c = self._commands.get_nowait()
            except queue.Empty:
                break
            if isinstance(c, OpenRound):
                room.open_round(c.round, c.choices)
            elif isinstance(c, CloseRound):
                room.close_round(c.round, c.seen)
            elif isinstance(c, Announce):
                room.announce(c.round, c.result)
            elif isinstance(c, EndRound):
                room.end_round(c.round)
        self._news_now()

    def _news_now(self) -> None:
        """Wake the phones waiting for news, and tell the game the counts if they moved."""
        news, self._news = self._news, asyncio.Event()
        news.set()
        self._tell_game()

    def _tell_game(self) -> None:
        """Send the game the counts once this turn of the loop is done (votes coalesce)."""
        if not self._emit_pending:
            self._emit_pending = True
            asyncio.get_running_loop().call_soon(self._emit)

    def _emit(self) -> None:
        self._emit_pending = False
        room, now = self.room, self._clock()
        rid = room.round.id if room.round is not None and room.round.open else 0
        key = (rid, room.joined(now), room.seq)
        if key == self._last:
            return
        self._last = key
        self._put(Counts(rid, key[1], room.votes_in() if rid else 0,
                         room.counts() if rid else (), room.seq if rid else 0,
                         time.perf_counter()))

    # ---- connections: a cap, and no idling ---------------------------------------------

    def _accept(self, factory):
        if len(factory.connections) + self._accepting >= L.MAX_CONNECTIONS:
            self.refused_connections += 1
            return _Refuse()
        handler = factory()
        self._conn[handler] = _Conn(self._clock())
        # Until its connection_made (two loop turns away) it is not in factory.connections:
        # count it meanwhile, or a burst of connections would slip past the cap.
        self._accepting += 1
        loop = asyncio.get_running_loop()
        loop.call_soon(loop.call_soon, self._accepted)
        return handler

    def _accepted(self) -> None:
        self._accepting -= 1

    async def _sweep(self, factory) -> None:
        """Close connections that idle or dribble (slowloris), forget idle phones' buckets,
        and tell the game when the joined count drops."""
        while True:
            await asyncio.sleep(L.SWEEP_S)
            now = self._clock()
            live = set(factory.connections)
            for h in list(self._conn):
                c = self._conn[h]
                if h not in live and now - c.mark > L.IDLE_S:
                    del self._conn[h]  # closed, or never made: forget it
                elif c.busy == 0 and now - c.mark > L.IDLE_S and h.transport is not None:
                    h.transport.abort()
            for tok in [t for t in self._votes if not self.room.known(t)]:
                del self._votes[tok]
            if self._last is not None and self._last[1] != self.room.joined(now):
                self._emit()

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        c = self._conn.get(request.protocol)
        now = self._clock()
        if c is None:
            c = self._conn[request.protocol] = _Conn(now)
        if not c.bucket.take(now):
            return _json({"error": _("Too many requests: wait a moment.")}, 429)
        if request.method == "POST" and request.content_length is None:
            return _json({"error": _("Send a body with a length.")}, 411)
        if (request.content_length or 0) > L.MAX_BODY:
            return _json({"error": _("Too large.")}, 413)
        if request.headers.get("Content-Encoding"):
            return _json({"error": _("No compressed bodies.")}, 415)
        c.busy += 1
        try:
            return await handler(request)
        finally:
            c.busy -= 1
            c.mark = self._clock()

    # ---- the four requests -------------------------------------------------------------

    async def _page(self, request: web.Request) -> web.Response:
        lang = i18n.current()  # the game's language now: a switch shows at the next load
        page = self._pages.get(lang)
        if page is None:
            page = self._pages[lang] = render(self._template, self.room.room)
        return web.Response(text=page, content_type="text/html", headers=HEADERS)

    async def _typed(self, request: web.Request) -> web.Response:
        """The address as a person types it: any case, with or without the last slash."""
        room, secret = request.match_info["room"].upper(), request.match_info["secret"].upper()
        if room == self.room.room and secrets.compare_digest(secret, self.room.secret):
            raise web.HTTPFound(f"/{self.room.room}/{self.room.secret}/", headers=HEADERS)
        raise web.HTTPNotFound()

    async def _body(self, request: web.Request) -> Optional[dict]:
        """The JSON object sent, or None. The whole body must arrive within REQUEST_S."""
        try:
            raw = await asyncio.wait_for(request.read(), L.REQUEST_S)
            data = json.loads(raw.decode("utf-8"))
        except asyncio.TimeoutError:
            request.protocol.force_close()  # a dribbled body: answer, then hang up
            return None
        except (UnicodeDecodeError, ValueError, RecursionError, web.HTTPException):
            return None
        return data if isinstance(data, dict) else None

    async def _token(self, request: web.Request) -> Tuple[Optional[dict], Optional[web.Response]]:
        data = await self._body(request)
        if data is None:
            return None, _json({"error": _("Not a request this server understands.")}, 400)
        if not self.room.known(data.get("token")):
            return None, _json({"error": _(REFUSALS["token"]), "code": "token"}, 403)
        return data, None

    async def _join(self, request: web.Request) -> web.Response:
        if await self._body(request) is None:
            return _json({"error": _("Not a request this server understands.")}, 400)
        now = self._clock()
        if not self._joins.take(now):
            return _json({"error": _("Too many phones joining at once: try again.")}, 429)
        tok = self.room.join(now)
        if tok is None:
            return _json({"error": _("This room is full.")}, 503)
        self._tell_game()
        return _json({"token": tok, "room": self.room.room})

    async def _poll(self, request: web.Request) -> web.Response:
        data, bad = await self._token(request)
        if bad is not None:
            return bad
        tok, since = data["token"], data.get("v")
        self.room.seen(tok, self._clock())
        self._emit()  # the joined count may have grown
        if since == self.room.version:
            waiting = self._news
            try:
                await asyncio.wait_for(waiting.wait(), L.POLL_S)
            except asyncio.TimeoutError:
                pass
        self.room.seen(tok, self._clock())
        return _json(self.room.view(tok))

    async def _vote(self, request: web.Request) -> web.Response:
        data, bad = await self._token(request)
        if bad is not None:
            return bad
        tok = data["token"]
        b = self._votes.get(tok)
        if b is None:
            b = self._votes[tok] = L.bucket(L.PER_TOKEN_VOTES)
        now = self._clock()
        if not b.take(now):
            return _json({"error": _("Too many taps: wait a moment."), "code": "rate"}, 429)
        self.room.seen(tok, now)
        said = self.room.vote(tok, data.get("round"), data.get("choice"))
        if said != "ok":
            return _json({"error": _(REFUSALS[said]), "code": said}, 409)
        self._tell_game()
        return _json({"ok": True, "mine": data["choice"]})


class _Conn:
    __slots__ = ("mark", "busy", "bucket")

    def __init__(self, now: float):
        self.mark = now  # when it opened or last finished a request
        self.busy = 0  # requests in progress (a long poll is one)
        self.bucket = L.bucket(L.PER_CONNECTION)


class _Refuse(asyncio.Protocol):
    """Over the connection cap: closed before a byte is read."""

    def connection_made(self, transport) -> None:
        transport.abort()


def _json(obj, status: int = 200) -> web.Response:
    return web.Response(text=json.dumps(obj), status=status, content_type="application/json",
                        headers=HEADERS)


__all__ = ["Announce", "CloseRound", "Counts", "EndRound", "Failed", "OpenRound", "PhoneServer",
           "Ready", "choices", "lan_address"]
