"""Reading a Twine story: Twee 3 source or a Twine 2 published HTML file, into passages.

Both readers are single passes over the text: Twee splits on header lines, the HTML goes
through the standard library's event parser (never a backtracking regex). Input is untrusted:
its size, the number of passages and every name are bounded before anything else happens.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..i18n import _

MAX_INPUT_BYTES = 16 * 1024 * 1024  # a published HTML file carries its story format's code
MAX_PASSAGES = 20_000
MAX_STORY_TEXT = 8 * 1024 * 1024  # characters of passage text, like a pack file's limit
MAX_NAME = 500  # characters of a passage name or tag list

# What YAML (and so a pack) can hold; anything else is dropped as the file is read.
_UNPRINTABLE = re.compile("[^\x09\x0a\x20-\x7e\x85\xa0-\ud7ff\ue002-\ufffd\U00010000-\U0010ffff]")


class TwineError(Exception):
    """The input cannot be used at all; `line` and `column` are 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass
class Passage:
    name: str
    tags: Tuple[str, ...]
    text: str
    line: int  # the file line of the passage's first content line
    header: int = 0  # the file line of its `::` header or <tw-passagedata> tag


@dataclass
class Story:
    title: str = ""
    format: str = ""  # e.g. "Harlowe 3.3.8", "SugarCube 2.36.1"
    start: str = ""  # the starting passage's name
    passages: List[Passage] = field(default_factory=list)
    extras: List[Tuple[int, str]] = field(default_factory=list)  # (line, what) not in passages
    by_name: Dict[str, Passage] = field(default_factory=dict)

    @property
    def family(self) -> str:
        """`harlowe`, `sugarcube`, or `plain` (links only) for other story formats."""
        low = self.format.lower()
        for name in ("harlowe", "sugarcube"):
            if name in low:
                return name
        return "" if not low else "plain"


def clean(text: str) -> str:
    """One newline convention and only characters a YAML file may hold."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _UNPRINTABLE.sub("", text)


def read_story(path: Path) -> Story:
    """The story in a .twee/.tw or .html file; raises TwineError when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise TwineError(_("the file is {size} MiB; the limit is {limit} MiB").format(
                size=size // 2 ** 20, limit=MAX_INPUT_BYTES // 2 ** 20))
        raw = path.read_bytes()[:MAX_INPUT_BYTES + 1]
    except OSError as e:
        raise TwineError(_("cannot read the file: {reason}").format(
            reason=e.strerror or e)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise TwineError(_("the file is not UTF-8 text; save it as UTF-8"), line,
                         e.start - raw.rfind(b"\n", 0, e.start)) from None
    text = clean(text)
    if "<tw-storydata" in text[:MAX_INPUT_BYTES].lower():
        story = parse_html(text)
    else:
        story = parse_twee(text)
    total = sum(len(p.text) for p in story.passages)
    if total > MAX_STORY_TEXT:
        raise TwineError(_("the passages hold {size} MiB of text; the limit is {limit} "
                           "MiB").format(size=total // 2 ** 20, limit=MAX_STORY_TEXT // 2 ** 20))
    if not story.passages:
        raise TwineError(_("no passages found: a Twee file has `:: Name` header lines, a "
                           "published Twine 2 file a <tw-storydata> element"), 1, 1)
    return story


# ---- Twee 3 --------------------------------------------------------------------------------

def parse_twee(text: str) -> Story:
    story = Story()
    lines = text.split("\n")
    header: Optional[Tuple[str, Tuple[str, ...], int]] = None
    body: List[str] = []
    for number, line in enumerate(lines, 1):
        if line.startswith("::"):
            if header is not None:
                _add_twee(story, header, body)
            header, body = _header(line, number), []
        elif header is not None:
            body.append(line)
        elif line.strip():
            raise TwineError(_("text before the first passage header; a Twee file starts "
                               "with a line like `:: Start`"), number, 1)
    if header is not None:
        _add_twee(story, header, body)
    return story


def _header(line: str, number: int) -> Tuple[str, Tuple[str, ...], int]:
    """Name and tags of a `:: Name [tags] {metadata}` line (metadata is position only)."""
    name_chars: List[str] = []
    i, n = 2, len(line)
    while i < n and line[i] not in "[{":
        if line[i] == "\\" and i + 1 < n:
            i += 1
        name_chars.append(line[i])
        i += 1
    tags: Tuple[str, ...] = ()
    if i < n and line[i] == "[":
        close = _unescaped(line, "]", i + 1)
        if close < 0:
            raise TwineError(_("the tag block `[` is never closed"), number, i + 1)
        tags = tuple(_unescape(line[i + 1:close]).split())
        i = close + 1
    rest = line[i:].strip()
    if rest and not rest.startswith("{"):
        raise TwineError(_("unexpected text after the passage's tags"), number, i + 1)
    name = "".join(name_chars).strip()
    if not name:
        raise TwineError(_("a passage header without a name"), number, 3)
    if len(name) > MAX_NAME:
        raise TwineError(_("a passage name of {length} characters; the limit is "
                           "{limit}").format(length=len(name), limit=MAX_NAME), number, 3)
    return name, tags, number


def _unescaped(line: str, char: str, i: int) -> int:
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == char:
            return i
        i += 1
    return -1


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out)


def _add_twee(story: Story, header: Tuple[str, Tuple[str, ...], int], body: List[str]) -> None:
    name, tags, number = header
    while body and not body[-1].strip():  # the spec: trailing blank lines are not content
        body.pop()
    text = "\n".join(body)
    if name == "StoryTitle":
        story.title = text.strip()
    elif name == "StoryData":
        _story_data(story, text, number + 1)
    else:
        _add_passage(story, Passage(name, tags, text, number + 1, number), number)


def _story_data(story: Story, text: str, line: int) -> None:
    try:
        data = json.loads(text)
    except ValueError as e:
        # Translators: {reason} is Python's own English message about the JSON.
        story.extras.append((line, _("StoryData is not valid JSON ({reason}); its start passage "
                                     "and story format were not read").format(reason=e)))
        return
    if not isinstance(data, dict):
        return
    fmt = data.get("format")
    version = data.get("format-version")
    if isinstance(fmt, str):
        story.format = f"{fmt} {version}" if isinstance(version, str) else fmt
    if isinstance(data.get("start"), str):
        story.start = data["start"]


def _add_passage(story: Story, passage: Passage, line: int) -> None:
    if passage.name in story.by_name:
        raise TwineError(_("a second passage named {name}; Twine needs each name "
                           "once").format(name=repr(passage.name)), line, 4)
    if len(story.passages) >= MAX_PASSAGES:
        raise TwineError(_("more than {limit} passages").format(limit=MAX_PASSAGES), line, 1)
    story.passages.append(passage)
    story.by_name[passage.name] = passage


# ---- Twine 2 published HTML ----------------------------------------------------------------

class _StoryHTML(HTMLParser):
    """Collects <tw-storydata> attributes, <tw-passagedata> texts, user script and style."""

    def __init__(self, story: Story):
        super().__init__(convert_charrefs=True)
        self.story = story
        self.start_pid = ""
        self.pids: Dict[str, str] = {}
        self.current: Optional[Passage] = None
        self.parts: List[str] = []
        self.pending: Optional[Tuple[str, int]] = None  # a user <script>/<style> being read
        self.seen_story = False
        self.in_story = False

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: v or "" for k, v in attrs}
        line = self.getpos()[0]
        if self.current is not None:  # raw markup inside a passage is passage text
            self.parts.append(self.get_starttag_text() or "")
        elif tag == "tw-storydata" and not self.seen_story:
            self.seen_story = self.in_story = True
            self.story.title = a.get("name", "")[:MAX_NAME]
            fmt, ver = a.get("format", ""), a.get("format-version", "")
            self.story.format = f"{fmt} {ver}".strip()
            self.start_pid = a.get("startnode", "")
        elif tag == "tw-passagedata" and self.in_story:
            name = a.get("name", "").strip()
            if not name or len(name) > MAX_NAME:
                raise TwineError(_("a <tw-passagedata> without a usable name"), line,
                                 self.getpos()[1] + 1)
            tags = tuple(a.get("tags", "")[:MAX_NAME].split())
            self.current = Passage(name, tags, "", line, line)
            self.pids[a.get("pid", "")] = name
            self.parts = []
        elif tag in ("script", "style") and self.in_story:
            self.pending = (tag, line)

    def handle_endtag(self, tag: str) -> None:
        if self.current is not None and tag != "tw-passagedata":
            self.parts.append(f"</{tag}>")
        elif self.current is not None:
            self.current.text = "".join(self.parts).rstrip("\n")
            _add_passage(self.story, self.current, self.current.line)
            self.current = None
        elif self.pending and tag == self.pending[0]:
            self.pending = None
        elif tag == "tw-storydata":
            self.in_story = False

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            if not self.parts:
                self.current.line = self.getpos()[0]
            self.parts.append(data)
        elif self.pending and data.strip():
            kind, line = self.pending
            said = _("story JavaScript (the Story JavaScript): Standing runs no code and has "
                     "one look") if kind == "script" else \
                _("story stylesheet (CSS): Standing runs no code and has one look")
            self.story.extras.append((line, said))
            self.pending = None


def parse_html(text: str) -> Story:
    story = Story()
    parser = _StoryHTML(story)
    parser.feed(text)
    parser.close()
    if not parser.seen_story:
        raise TwineError(_("no <tw-storydata> element: publish the story from Twine 2 "
                           "(Publish to File) and import that file"), 1, 1)
    if parser.current is not None:
        raise TwineError(_("the passage {name} is never closed (</tw-passagedata>)").format(
            name=repr(parser.current.name)), parser.current.line, 1)
    story.start = parser.pids.get(parser.start_pid, "")
    return story
