"""The vote server, for real, on loopback: every bad input a phone (or anyone on the school's
network) could send is refused, and none of them stops the class from voting. Bounded in count
(1,000 connections at most) and time (each wait has a bound; no speed is asserted)."""
import resource
import socket

import pytest

from phones_helpers import (address, counts, join, post, request, server, wait_for)  # noqa: F401

from game.phones import CloseRound, OpenRound, PhoneServer, choices
from game.phones import limits as L


def open_round(srv, rid=1):
    srv.send(OpenRound(rid, choices(["Go", "Stay", "Bribe"], [True, True, False],
                                    ["", "", "needs Trusted standing"])))
    assert wait_for(lambda: (counts(srv) or None) is not None and counts(srv).round == rid)


def vote(srv, tok, choice="A", rid=1):
    return post(srv, "vote", {"token": tok, "round": rid, "choice": choice})


def test_listens_on_loopback_only_by_default_and_nothing_after_stop():
    srv = PhoneServer()
    assert srv.url == "" and not srv.running, "nothing is bound before start"
    srv.start()
    assert srv.wait_ready()
    host, port, _ = address(srv)
    assert host == "127.0.0.1"
    srv.stop()
    assert not srv.running
    with pytest.raises(OSError):
        socket.create_connection((host, port), timeout=2).close()


def test_a_phone_joins_sees_the_round_votes_and_changes_its_vote(server):  # noqa: F811
    open_round(server)
    tok = join(server)
    status, view = post(server, "poll", {"token": tok, "v": None})
    assert status == 200
    assert [c["letter"] for c in view["round"]["choices"]] == ["A", "B", "C"]
    assert view["round"]["choices"][2] == {"letter": "C", "text": "Bribe", "open": False,
                                           "reason": "needs Trusted standing"}
    assert vote(server, tok, "A") == (200, {"ok": True, "mine": "A"})
    assert vote(server, tok, "B")[0] == 200
    assert wait_for(lambda: counts(server).votes_in == 1 and counts(server).counts == (0, 1, 0))


def test_wrong_room_code_or_secret_finds_nothing(server):  # noqa: F811
    _, _, base = address(server)
    room, secret = base.strip("/").split("/")
    for path in (f"/XXXX/{secret}/", f"/{room}/WRONGWRONG/", f"/{room}/", "/",
                 f"/{room}/{secret}x/", f"/{room}/{secret}/../{secret}/join"):
        status, _ = request(server, "GET", path)
        assert status == 404, path
        status, _ = request(server, "POST", path.rstrip("/") + "/join", b"{}",
                            {"Content-Type": "application/json"})
        assert status in (404, 405), path
    assert request(server, "GET", "")[0] == 200, "the right address serves the page"
    for typed in (f"/{room.lower()}/{secret.lower()}", f"/{room}/{secret}"):
        host, port, _ = address(server)
        import http.client
        c = http.client.HTTPConnection(host, port, timeout=5)
        c.request("GET", typed)
        r = c.getresponse()
        r.read()
        assert (r.status, r.getheader("Location")) == (302, base), "typed in lower case"
        c.close()


def test_forged_replayed_and_old_tokens(server):  # noqa: F811
    open_round(server)
    assert vote(server, "A" * 22)[0] == 403
    assert vote(server, None)[0] == 403
    tok = join(server)
    for _ in range(3):  # the same request replayed: one vote
        assert vote(server, tok, "A")[0] == 200
    assert wait_for(lambda: counts(server).votes_in == 1 and counts(server).counts[0] == 1)
    other = PhoneServer(clock=server.clock)
    other.start()
    assert other.wait_ready()
    try:
        assert post(other, "vote", {"token": tok, "round": 1, "choice": "A"})[0] == 403, \
            "a token from another session is refused"
    finally:
        other.stop()


def test_closed_and_future_rounds_refuse_votes(server):  # noqa: F811
    tok = join(server)
    assert vote(server, tok)[1]["code"] == "no-round"
    open_round(server, 2)
    assert vote(server, tok, rid=3)[1]["code"] == "future"
    assert vote(server, tok, rid=1)[1]["code"] == "closed"
    assert vote(server, tok, "C", rid=2)[1]["code"] == "locked"
    assert vote(server, tok, "A", rid=2)[0] == 200
    server.send(CloseRound(2, seen=1))
    assert wait_for(lambda: post(server, "poll", {"token": tok, "v": None})[1]["round"]["open"]
                    is False)
    status, said = vote(server, tok, "B", rid=2)
    assert status == 409 and said["code"] == "closed"


@pytest.mark.parametrize("body", [b"", b"{", b"[]", b'"x"', b"null", b"\xff\xfe", b"1e999999",
                                  b'{"token": {"$gt": ""}}', b"[" * 500 + b"]" * 500])
def test_malformed_bodies_are_refused(server, body):  # noqa: F811
    open_round(server)
    for path in ("join", "poll", "vote"):
        status, data = request(server, "POST", path, body, {"Content-Type": "application/json"})
        if path == "join" and body.startswith(b"{\""):
            assert status == 200, "join takes any object and gives a token only"
            assert set(data) == {"token", "room"}
        else:
            assert status in (400, 403), (path, body, status)
    assert join(server), "and the server still works"


def test_huge_bodies_are_refused_before_they_are_read(server):  # noqa: F811
    big = b'{"token": "' + b"x" * 2_000_000 + b'"}'
    status, _ = request(server, "POST", "vote", big, {"Content-Type": "application/json"})
    assert status == 413
    # without a length (chunked): cut off at the cap while reading
    host, port, base = address(server)
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(f"POST {base}join HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              .encode())
    try:
        for _ in range(50):
            s.sendall(b"400\r\n" + b"x" * 1024 + b"\r\n")
        reply = s.recv(200)
    except OSError:
        reply = b"closed"
    s.close()
    assert not reply.startswith(b"HTTP/1.1 200"), reply
    long_header = {"X-Pad": "y" * 10_000}
    assert request(server, "GET", "", None, long_header)[0] in (400, 431)
    assert join(server)


def test_compressed_bodies_are_refused(server):  # noqa: F811
    status, _ = request(server, "POST", "join", b"\x1f\x8b", {"Content-Encoding": "gzip"})
    assert status == 415


def test_idle_and_dribbling_connections_are_closed(server):  # noqa: F811
    host, port, base = address(server)
    idle = socket.create_connection((host, port), timeout=5)
    slow = socket.create_connection((host, port), timeout=5)
    slow.sendall(f"GET {base} HTTP/1.1\r\nHost: x\r\n".encode())  # headers never finish
    slow_body = socket.create_connection((host, port), timeout=5)
    slow_body.sendall(f"POST {base}join HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{{"
                      .encode())  # the body never finishes
    assert wait_for(lambda: len(server._conn) >= 3)
    server.clock.now += L.IDLE_S + 1  # the idle limit passes (the test's clock)
    for s in (idle, slow, slow_body):
        s.settimeout(5)
        try:
            data = s.recv(4096)
            while data and not data.endswith(b"}"):  # a 400 for the unfinished body, then EOF
                more = s.recv(4096)
                if not more:
                    break
                data += more
            assert s.recv(10) == b""
        except ConnectionResetError:
            pass  # aborted: closed all the same
        s.close()
    assert join(server), "the server still answers"


def test_a_connection_that_floods_is_rate_limited(server):  # noqa: F811
    host, port, base = address(server)
    import http.client
    c = http.client.HTTPConnection(host, port, timeout=5)
    statuses = []
    for _ in range(L.PER_CONNECTION[1] + 10):
        c.request("POST", base + "join", b"{}", {"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        statuses.append(r.status)
    c.close()
    assert 429 in statuses and statuses[0] == 200


def test_a_phone_that_taps_too_fast_is_slowed_down(server):  # noqa: F811
    open_round(server)
    tok = join(server)
    codes = []
    for i in range(L.PER_TOKEN_VOTES[1] + 4):
        status, data = vote(server, tok, "AB"[i % 2])
        codes.append(status)
    assert codes.count(429) >= 4


def test_a_thousand_connections_at_once_leave_the_class_voting(server):  # noqa: F811
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2500:
        if hard != resource.RLIM_INFINITY and hard < 2500:
            pytest.skip("the file descriptor limit is below 2,500 here")
        resource.setrlimit(resource.RLIMIT_NOFILE, (2500, hard))
    open_round(server)
    tok = join(server)
    host, port, _ = address(server)
    socks = []
    try:
        for _ in range(1000):
            s = socket.socket()
            s.settimeout(5)
            try:
                s.connect((host, port))
            except OSError:
                s.close()
                continue
            socks.append(s)
        assert wait_for(lambda: server.refused_connections >= 1000 - L.MAX_CONNECTIONS - 5)
        assert len(server._conn) <= L.MAX_CONNECTIONS + 5
        server.clock.now += L.IDLE_S + 1  # they all idle past the limit and are swept
        assert wait_for(lambda: len(server._conn) == 0), "all swept: none was let in to stay"
        assert vote(server, tok, "A")[0] == 200
    finally:
        for s in socks:
            s.close()
    assert wait_for(lambda: counts(server).votes_in == 1)


def test_only_join_see_and_vote(server):  # noqa: F811
    for method, path in (("GET", "join"), ("GET", "poll"), ("GET", "vote"), ("PUT", "vote"),
                         ("DELETE", ""), ("POST", ""), ("POST", "close"), ("POST", "open"),
                         ("GET", "counts"), ("POST", "../join"), ("OPTIONS", "vote")):
        status, _ = request(server, method, path, b"{}" if method != "GET" else None,
                            {"Content-Type": "application/json"})
        assert status in (404, 405), (method, path, status)


def test_the_page_is_self_contained_and_sets_no_cookie(server):  # noqa: F811
    host, port, base = address(server)
    import http.client
    c = http.client.HTTPConnection(host, port, timeout=5)
    c.request("GET", base)
    r = c.getresponse()
    html = r.read().decode()
    assert r.getheader("Set-Cookie") is None
    assert "default-src 'none'" in r.getheader("Content-Security-Policy")
    assert r.getheader("Cache-Control") == "no-store"
    for outside in ("http://", "https://", "//cdn", "<link", "src="):
        assert outside not in html, outside
    assert 'aria-live="polite"' in html
    for modern in ("=>", "const ", "let ", "`", "async ", "fetch("):
        assert modern not in html, f"ES5 only for old phones: {modern!r}"
    c.close()


def test_lan_mode_binds_the_one_lan_address_never_every_interface(monkeypatch):
    import game.phones.server as server_mod
    from game.phones import Failed, Ready
    monkeypatch.setattr(server_mod, "lan_address", lambda: "127.0.0.2")  # stays on loopback
    srv = PhoneServer(lan=True)
    srv.start()
    try:
        assert srv.wait_ready()
        ready = [e for e in srv.events() if isinstance(e, Ready)][0]
        assert ready.host == "127.0.0.2" and ready.lan and srv.url.startswith("http://127.0.0.2:")
        with pytest.raises(OSError):  # not on 127.0.0.1: only the address asked for
            socket.create_connection(("127.0.0.1", ready.port), timeout=2).close()
    finally:
        srv.stop()
    monkeypatch.setattr(server_mod, "lan_address", lambda: None)
    srv = PhoneServer(lan=True)
    srv.start()
    assert srv.wait_ready()
    srv.stop()
    failed = [e for e in srv.events() if isinstance(e, Failed)]
    assert failed and "hotspot" in failed[0].message and srv.url == ""
