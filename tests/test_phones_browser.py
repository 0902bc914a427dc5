"""A real browser on the phone page: headless Chromium from Debian (/usr/bin/chromium), driven by
Playwright for Python with that system browser (no browser is ever downloaded), against the real
server on loopback. It joins, votes, changes its vote and sees the vote close; a second page is
checked for what a screen reader hears."""
import os
import shutil
from pathlib import Path

import pytest

from phones_helpers import counts, server, wait_for  # noqa: F401

from game.phones import Announce, CloseRound, OpenRound, choices

CHROMIUM = os.environ.get("STANDING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = os.environ.get("STANDING_PHONE_SHOTS")  # a folder: also save the docs' screenshots

if os.environ.get("CI") or os.environ.get("STANDING_REQUIRE_BROWSER"):  # a failure in CI
    from playwright import sync_api
    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}"
else:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)",
                    allow_module_level=True)


@pytest.fixture
def phone():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 760}, device_scale_factor=2)
        yield page
        browser.close()


def says(page, text: str, timeout: float = 10_000) -> None:
    """Wait until the status line (aria-live) says `text` (the page's CSP forbids eval, so no
    wait_for_function strings)."""
    sync_api.expect(page.locator("#status")).to_contain_text(text, timeout=timeout)


def status(page) -> str:
    return page.inner_text("#status")


def test_a_phone_joins_votes_changes_its_vote_and_sees_the_vote_close(server, phone):  # noqa: F811
    phone.set_default_timeout(10_000)
    phone.goto(server.url)
    says(phone, "Waiting for the next vote")
    assert wait_for(lambda: counts(server) is not None and counts(server).joined == 1)
    server.send(OpenRound(1, choices(
        ["Pay the fee and keep your score", "Walk away", "Ask the manager for a discount"],
        [True, True, False], ["", "", "needs Trusted standing (you are Ordinary)"])))
    phone.wait_for_selector("button.choice[data-letter=A]")
    assert "Vote now" in status(phone)
    locked = phone.locator("button.choice[data-letter=C]")
    assert locked.is_disabled()
    assert "Locked: needs Trusted standing" in locked.inner_text()
    assert phone.get_attribute("#status", "aria-live") == "polite"

    phone.click("button.choice[data-letter=A]")
    phone.wait_for_selector("button.choice[data-letter=A][aria-pressed=true]")
    assert "You voted A" in status(phone)
    assert wait_for(lambda: counts(server).counts == (1, 0, 0))
    if SHOTS:
        phone.screenshot(path=str(Path(SHOTS) / "phone-vote.png"))

    phone.click("button.choice[data-letter=B]")  # a change of mind
    phone.wait_for_selector("button.choice[data-letter=B][aria-pressed=true]")
    assert phone.get_attribute("button.choice[data-letter=A]", "aria-pressed") == "false"
    assert wait_for(lambda: counts(server).counts == (0, 1, 0) and counts(server).votes_in == 1)

    server.send(CloseRound(1, counts(server).seq))
    server.send(Announce(1, "The class chose B: Walk away"))
    says(phone, "Vote closed")
    assert "You voted B" in status(phone) and "The class chose B" in status(phone)
    assert phone.locator("button.choice[data-letter=B]").is_disabled()
    if SHOTS:
        phone.screenshot(path=str(Path(SHOTS) / "phone-closed.png"))
    assert phone.context.cookies() == [], "no cookie, ever"


def test_the_page_reads_well_to_a_screen_reader(server, phone):  # noqa: F811
    server.send(OpenRound(1, choices(["Go", "Stay"], [True, False], ["", "needs 4.0"])))
    phone.goto(server.url)
    phone.wait_for_selector("button.choice[data-letter=B]")
    # each in one evaluation: the page rebuilds its buttons when news arrives
    labels = phone.evaluate("() => Array.prototype.map.call(document.querySelectorAll("
                            "'button.choice'), function (b) { return b.getAttribute("
                            "'aria-label'); })")
    assert labels == ["A: Go", "B: Stay. Locked: needs 4.0"]
    assert phone.get_attribute("#choices", "aria-label") == "Choices"
    assert phone.get_attribute("html", "lang") == "en"
    size = phone.evaluate("() => parseFloat(getComputedStyle(document.querySelector("
                          "'button.choice')).fontSize)")
    assert size >= 20, "readable at arm's length"


def test_a_closed_server_is_said_plainly(server, phone):  # noqa: F811
    phone.goto(server.url)
    says(phone, "Waiting")
    server.stop()
    says(phone, "Retrying", timeout=15_000)


def test_focus_stays_on_the_tapped_choice_and_news_keeps_the_page(server, phone):  # noqa: F811
    server.send(OpenRound(1, choices(["Go", "Stay"], [True, True], ["", ""])))
    phone.goto(server.url)
    phone.wait_for_selector("button.choice[data-letter=B]")
    phone.focus("button.choice[data-letter=B]")
    phone.keyboard.press("Enter")  # a keyboard or switch user votes
    phone.wait_for_selector("button.choice[data-letter=B][aria-pressed=true]")
    assert phone.evaluate("() => document.activeElement.getAttribute('data-letter')") == "B"
    phone.evaluate("() => { document.querySelector('button.choice').id = 'kept'; }")
    phone.wait_for_timeout(1000)  # a few long polls come back with nothing new (POLL_S 0.3 s)
    assert phone.evaluate("() => !!document.getElementById('kept')"), "not rebuilt"


def test_the_page_speaks_the_games_language(server, phone):  # noqa: F811
    from game import i18n
    i18n.set_language("qps")  # every word accented: one left plain skipped the catalogue
    try:
        server.send(OpenRound(1, choices(["Go", "Stay"], [True, False], ["", ""])))
        phone.goto(server.url)
        phone.wait_for_selector("button.choice[data-letter=B]")
        says(phone, i18n.pseudo("Vote now: tap a choice."))
        labels = phone.evaluate("() => Array.prototype.map.call(document.querySelectorAll("
                                "'button.choice'), function (b) { return b.getAttribute("
                                "'aria-label'); })")
        assert labels == ["A: Go", "B: Stay. " + i18n.pseudo("Locked: not available")]
        assert phone.get_attribute("html", "lang") == "qps"
        phone.click("button.choice[data-letter=A]")
        says(phone, i18n.pseudo("You voted {letter}.").format(letter="A"))
    finally:
        i18n.set_language("en")
