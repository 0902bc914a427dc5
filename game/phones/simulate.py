"""Simulated phones, for the tests and bench/phones.py: each joins a room like the phone page
does, long-polls for news, and votes when a round opens. Runs on its own thread and loop.

    class_ = Phones(url, n=60, seed=3)     # 60 phones, each choosing an open choice at random
    class_.start(); class_.wait_joined(); ...; class_.stop()

`pick(phone_index, round_view) -> letter or None` decides each vote (default: a random open
choice, seeded, so a run is repeatable); `sent` records (round, perf_counter at the send).
Loopback only: it refuses any other address.
"""
from __future__ import annotations

import asyncio
import random
import threading
import time
from typing import Callable, List, Optional, Tuple
from urllib.parse import urlsplit

import aiohttp


def random_open(rng: random.Random) -> Callable[[int, dict], Optional[str]]:
    def pick(i: int, view: dict) -> Optional[str]:
        letters = [c["letter"] for c in view["choices"] if c["open"]]
        return rng.choice(letters) if letters else None
    return pick


class Phones:
    def __init__(self, url: str, n: int = 60, seed: int = 0,
                 pick: Optional[Callable[[int, dict], Optional[str]]] = None,
                 spread: float = 0.0):
        host = urlsplit(url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("simulated phones talk to loopback only")
        self.url, self.n = url, n
        self.pick = pick or random_open(random.Random(seed))
        self.spread = spread  # each vote waits up to this long (reading time); 0: at once
        self._rng = random.Random(seed + 1)
        self.sent: List[Tuple[int, float]] = []  # (round, when the vote was sent)
        self.refused: List[str] = []
        self.joined = 0
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._stop: Optional[asyncio.Event] = None
        self._ready = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="phones-sim", daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def wait_joined(self, timeout: float = 20.0) -> bool:
        end = time.monotonic() + timeout
        while self.joined < self.n and time.monotonic() < end:
            time.sleep(0.02)
        return self.joined >= self.n

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._ready.set()
        tasks = [asyncio.ensure_future(self._own_connections(i)) for i in range(self.n)]
        await self._stop.wait()
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _own_connections(self, i: int) -> None:
        """Each phone has its own connections, as real phones do (the server's limits are
        per connection)."""
        async with aiohttp.ClientSession() as http:
            await self._phone(http, i)

    async def _post(self, http, path: str, body: dict) -> Tuple[int, dict]:
        """(status, answer); status 0 when the connection broke, which the phone page also
        survives: it polls again, and its student taps again (as after a 429)."""
        try:
            async with http.post(self.url + path, json=body) as r:
                return r.status, await r.json(content_type=None)
        except (aiohttp.ClientError, ConnectionError, asyncio.TimeoutError, ValueError):
            return 0, {}

    async def _phone(self, http, i: int) -> None:
        await asyncio.sleep(i * 0.005)  # a class arrives over a moment, not in one instant
        status, data = await self._post(http, "join", {})
        while status != 200:
            await asyncio.sleep(0.2)
            status, data = await self._post(http, "join", {})
        token, version, voted = data["token"], None, set()
        self.joined += 1
        while True:
            status, view = await self._post(http, "poll", {"token": token, "v": version})
            if status != 200:
                await asyncio.sleep(0.2)
                continue
            version = view["v"]
            r = view["round"]
            if r is None or not r["open"] or r["id"] in voted:
                continue
            voted.add(r["id"])
            choice = self.pick(i, r)
            if choice is None:
                continue
            if self.spread:
                await asyncio.sleep(self._rng.uniform(0, self.spread))
            self.sent.append((r["id"], time.perf_counter()))
            vote = {"token": token, "round": r["id"], "choice": choice}
            status, said = await self._post(http, "vote", vote)
            for _ in range(10):  # a broken connection or "wait a moment": the student taps again
                if status not in (0, 429):
                    break
                await asyncio.sleep(0.5)
                status, said = await self._post(http, "vote", vote)
            if status != 200:
                self.refused.append(said.get("code", str(status)))
