"""The phone page in the game's current language: templates/phone.html with its words filled in.

    render(template, room="K7QX")   # the page as served, in game.i18n.current()

The template holds `{{NAME}}` marks. Words for the page's HTML go in escaped for HTML text and
quoted attributes; the words its script says (`WORDS`, looked up here, formatted there by the
script's `t(key, values)` with the same named placeholders) go in as one JSON object that can
neither end the script (`<`, `>` and `&` are written as \\u escapes) nor trip an old phone's
parser (every character past ASCII is a \\u escape too, U+2028 included).
"""
from __future__ import annotations

import html
import json
import re
from typing import Dict

from .. import i18n
from ..i18n import _, N_

# What the page's script says, by the key the script uses. Looked up when the page is made.
WORDS: Dict[str, str] = {
    "cannot_reach": N_("Cannot reach the class's computer. Retrying\u2026"),
    "lost": N_("Lost the class's computer. Retrying\u2026"),
    # Translators: {letter} is the letter of the choice tapped (A, B, C...).
    "sending": N_("Sending your vote for {letter}\u2026"),
    "not_arrived": N_("Your vote did not arrive. Tap again."),
    # Translators: under a choice that cannot be voted for; {reason} is the story's reason
    # ("needs Trusted standing"), or "not available".
    "locked": N_("Locked: {reason}"),
    "not_available": N_("not available"),
    # Translators: what a screen reader says for a choice button: its letter and its text.
    "label": N_("{letter}: {choice}"),
    "label_locked": N_("{letter}: {choice}. Locked: {reason}"),
    # Translators: a screen reader's label for the choice this phone voted for.
    "label_mine": N_("{label}. Your vote"),
    "mine_open": N_("Your vote (tap another to change it)"),
    "mine": N_("Your vote"),
    "waiting": N_("Joined. Waiting for the next vote\u2026"),
    "voted_open": N_("You voted {letter}. You can change it until the vote closes."),
    "vote_now": N_("Vote now: tap a choice."),
    "closed": N_("Vote closed."),
    "closed_late": N_("Vote closed. Your last tap came after the count."),
    "closed_voted": N_("Vote closed. You voted {letter}."),
    # Translators: the closed vote's status line, then what the class chose ("The class chose
    # B: Stay").
    "with_result": N_("{status} {result}"),
}

_MARK = re.compile(r"\{\{([A-Z_]+)\}\}")
_SCRIPT_UNSAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def words_json() -> str:
    """WORDS in the current language, as a JavaScript object literal safe inside <script>."""
    looked = {key: _(msg) for key, msg in WORDS.items()}
    return json.dumps(looked, ensure_ascii=True, sort_keys=True).translate(_SCRIPT_UNSAFE)


def render(template: str, room: str) -> str:
    """The page for `room` in the current language (one pass: a filled-in word is never read
    again as a mark)."""
    e = lambda s: html.escape(s, quote=True)  # noqa: E731
    fill = {
        "LANG": e(i18n.current()),
        "ROOM": e(room),
        # Translators: the phone page's title; {room} is the room code (K7QX).
        "TITLE": e(_("Standing: class vote, room {room}").format(room=room)),
        "ROOM_LABEL": e(_("room code")),
        "JOINING": e(_("Joining the class\u2026")),
        # Translators: a screen reader's name for the list of choice buttons.
        "CHOICES": e(_("Choices")),
        "ANONYMOUS": e(_("Your vote is anonymous: no name, no account. Nothing is kept after "
                         "the lesson.")),
        "WORDS": words_json(),
    }
    return _MARK.sub(lambda m: fill.get(m.group(1), m.group(0)), template)
