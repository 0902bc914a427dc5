"""Scanning a passage's text into a tree of text, links, variables, macros and hooks.

One forward pass with an explicit stack (no recursion): Harlowe hooks `[...]` and SugarCube
container macros `<<if>>...<</if>>` push, their ends pop, and nesting past MAX_DEPTH makes the
file unusable. Every search for a closing token goes through `_Finder`, which remembers where
the next one is, so a file full of unclosed openers still scans in linear time.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..i18n import _
from .story import TwineError

MAX_DEPTH = 50

# SugarCube macros that enclose content up to `<</name>>`.
SC_CONTAINERS = {
    "if", "link", "button", "nobr", "silently", "for", "switch", "widget", "script", "repeat",
    "timed", "append", "prepend", "replace", "type", "done", "capture", "linkappend",
    "linkprepend", "linkreplace", "cycle", "listbox", "do", "createplaylist", "createaudiogroup",
}

# Where a token may start, per story format: everything between is text, skipped by the regex
# engine. Each alternative looks at most ~40 characters ahead, so a search stays linear.
_COMMON = r"\$[A-Za-z_]|/\*|<!--|</?[A-Za-z]"
_SPECIAL = {
    "harlowe": re.compile(r"\[|\]|\([A-Za-z][\w-]{0,39}:|\|[\w-]{1,40}>\[|`|[{}]|" + _COMMON),
    "sugarcube": re.compile(r"\[\[|\[[iI][mM][gG]\[|<<|/%|\"\"\"|" + _COMMON),
    "": re.compile(r"\[\[|" + _COMMON),
}
_H_MACRO = re.compile(r"\(([A-Za-z][\w-]{0,39}):")
_SC_MACRO = re.compile(r"<<(/?)([A-Za-z=\-][\w-]{0,39})")
_VAR = re.compile(r"\$([A-Za-z_][\w]{0,63})")
_TAG = re.compile(r"</?([A-Za-z][\w-]{0,20})")
_NAMED_OPEN = re.compile(r"\|[\w-]{1,40}>\[")
_RUN = re.compile(r"(.)\1*", re.S)
_NAMED_CLOSE = re.compile(r"<[\w-]{1,40}\|")


@dataclass
class Node:
    kind: str  # text | link | var | macro | hook | tag
    text: str  # the text, link body, variable or macro name, tag name
    line: int
    col: int
    args: str = ""  # a macro's arguments, a link's setter, a tag's whole source
    children: Optional[List["Node"]] = None  # a hook's or container's content
    prop: bool = False  # a variable followed by a property (`$bag.size`)
    closing: bool = False  # an end tag `</b>`


@dataclass
class Scan:
    nodes: List[Node]
    problems: List[Tuple[int, int, str]] = field(default_factory=list)  # (line, col, what)


class _Finder:
    """`str.find` that remembers its last answer per needle (queries only move forward)."""

    def __init__(self, text: str):
        self.text = text
        self.next: Dict[str, int] = {}

    def find(self, needle: str, start: int) -> int:
        hit = self.next.get(needle)
        if hit is None or (hit != -1 and hit < start):
            hit = self.text.find(needle, start)
            self.next[needle] = hit
        return hit


class _Scanner:
    def __init__(self, text: str, family: str, line: int):
        self.text, self.family, self.base = text, family, line
        self.low = text.lower()
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.find = _Finder(text).find
        self.find_low = _Finder(self.low).find
        self.root: List[Node] = []
        # (children, owner node or None, closer): closer is "]" for hooks, a macro name for
        # SugarCube containers
        self.stack: List[Tuple[List[Node], Optional[Node], str]] = [(self.root, None, "")]
        self.problems: List[Tuple[int, int, str]] = []
        self.buf: List[str] = []
        self.buf_at = 0

    # ---- positions and output ----

    def pos(self, i: int) -> Tuple[int, int]:
        row = bisect.bisect_right(self.starts, i) - 1
        return self.base + row, i - self.starts[row] + 1

    def add(self, node: Node) -> None:
        self.flush()
        self.stack[-1][0].append(node)

    def text_node(self, s: str, i: int) -> None:
        """Text is gathered in pieces and joined once (repeated `+=` would be quadratic)."""
        if not self.buf:
            self.buf_at = i
        self.buf.append(s)

    def flush(self) -> None:
        if self.buf:
            self.stack[-1][0].append(Node("text", "".join(self.buf), *self.pos(self.buf_at)))
            self.buf = []

    def problem(self, i: int, what: str) -> None:
        self.problems.append((*self.pos(i), what))

    def push(self, node: Node, closer: str, i: int) -> None:
        if len(self.stack) > MAX_DEPTH:
            raise TwineError(_("hooks and macros nested more than {limit} deep").format(
                limit=MAX_DEPTH), *self.pos(i))
        node.children = []
        self.add(node)
        self.stack.append((node.children, node, closer))

    # ---- the pass ----

    def run(self) -> Scan:
        text, n, i = self.text, len(self.text), 0
        harlowe, sugar = self.family == "harlowe", self.family == "sugarcube"
        special = _SPECIAL.get(self.family, _SPECIAL[""])
        while i < n:
            m = special.search(text, i)
            j = m.start() if m else n
            if j > i:
                self.text_node(text[i:j], i)
                i = j
                continue
            step = self.special(i, harlowe, sugar)
            if step < 0:  # an unclosed macro: the rest of the passage stays plain text
                self.text_node(text[i:], i)
                break
            if step <= i:  # not a token here: text (the scan always advances)
                run = _RUN.match(text, i).end()  # type: ignore[union-attr]
                step = max(i + 1, run - 2)  # a token may start in a run's last two characters
                self.text_node(text[i:step], i)
            i = step
        self.flush()
        self.unclosed(1, at_end=True)
        return Scan(self.root, self.problems)

    def unclosed(self, depth: int, at_end: bool) -> None:
        """List the hooks and containers open from `depth` up as never closed (`at_end`: by
        the end of the passage, else by the end of their container)."""
        said = _("`{opening}` is never closed; its content was kept up to the end of the "
                 "passage") if at_end else \
            _("`{opening}` is never closed; it ends where its container does")
        for _at, owner, closer in self.stack[depth:]:
            assert owner is not None
            self.problems.append((owner.line, owner.col,
                                  said.format(opening=_shown(owner, closer))))

    def special(self, i: int, harlowe: bool, sugar: bool) -> int:
        """Handle the token at i; returns where to go on (i: not a token; -1: give up)."""
        text, c = self.text, self.text[i]
        if text.startswith("[[", i) and not (harlowe and text.startswith("[[[", i)):
            return self.link(i)
        if c == "$":
            return self.var(i)
        if text.startswith("/*", i):
            return self.skip_to("*/", i)
        if text.startswith("<!--", i):
            return self.skip_to("-->", i)
        if harlowe:
            return self.harlowe(i, c)
        if sugar:
            return self.sugarcube(i, c)
        if c == "<":
            return self.tag(i)
        return i

    def skip_to(self, closer: str, i: int) -> int:
        end = self.find(closer, i + 2)
        return i if end < 0 else end + len(closer)

    def link(self, i: int) -> int:
        end = self.find("]]", i + 2)
        if end < 0:
            return i
        body, setter = self.text[i + 2:end], ""
        if "][" in body:
            body, setter = body.split("][", 1)
        self.add(Node("link", body, *self.pos(i), args=setter))
        return end + 2

    def var(self, i: int) -> int:
        m = _VAR.match(self.text, i)
        if not m:
            return i
        end = m.end()
        rest = self.text[end:end + 4]
        prop = rest[:1] == "[" or (rest[:1] == "." and rest[1:2].isalpha()) or \
            rest.startswith("'s ")
        self.add(Node("var", m.group(1), *self.pos(i), prop=prop))
        return end

    # ---- Harlowe ----

    def harlowe(self, i: int, c: str) -> int:
        text = self.text
        if c == "(":
            m = _H_MACRO.match(text, i)
            if not m:
                return i
            end = _close_paren(text, m.end())
            if end < 0:
                self.problem(i, _("the macro `{macro}` is never closed").format(
                    macro=f"({m.group(1)}:"))
                return -1
            node = Node("macro", m.group(1).lower().replace("-", ""), *self.pos(i),
                        args=text[m.end():end])
            j = end + 1
            while j < len(text) and text[j] in " \t":
                j += 1
            if j < len(text) and text[j] == "[" and (not text.startswith("[[", j)
                                                    or text.startswith("[[[", j)):
                self.push(node, "]", i)
                return j + 1
            self.add(node)
            return end + 1
        if c == "[":
            self.push(Node("hook", "", *self.pos(i)), "]", i)
            return i + 1
        if c == "|":
            m = _NAMED_OPEN.match(text, i)
            if not m:
                return i
            self.push(Node("hook", "", *self.pos(i)), "]", i)
            return m.end()
        if c == "]" and self.stack[-1][2] == "]":
            self.flush()
            self.stack.pop()
            m = _NAMED_CLOSE.match(text, i + 1)
            return m.end() if m else i + 1
        if c in "{}":
            return i + 1  # collapsing-whitespace markup: the prose is reflowed anyway
        if c == "`":
            k = len(text[i:i + 5]) - len(text[i:i + 5].lstrip("`"))
            end = self.find("`" * k, i + k)
            if end < 0:
                return i
            self.text_node(text[i + k:end], i)
            return end + k
        if c == "<":
            return self.tag(i)
        return i

    # ---- SugarCube ----

    def sugarcube(self, i: int, c: str) -> int:
        text = self.text
        if text.startswith("<<", i):
            return self.sc_macro(i)
        if text.startswith("/%", i):
            return self.skip_to("%/", i)
        if text.startswith('"""', i):
            end = self.find('"""', i + 3)
            if end < 0:
                return i
            self.text_node(text[i + 3:end], i)
            return end + 3
        if self.low.startswith("<nowiki>", i):
            end = self.find_low("</nowiki>", i)
            if end < 0:
                return i
            self.text_node(text[i + 8:end], i)
            return end + 9
        if self.low.startswith("[img[", i):
            end = self.find("]]", i)
            if end < 0:
                return i
            self.problem(i, _("an image (`[img[...]]`): Standing shows pictures from the pack "
                              "folder with a scene's `image:`"))
            return end + 2
        if c == "<":
            return self.tag(i)
        return i

    def sc_macro(self, i: int) -> int:
        m = _SC_MACRO.match(self.text, i)
        if not m:
            return i
        end = _close_angles(self.text, m.end())
        if end < 0:
            self.problem(i, _("the macro `{macro}` is never closed").format(
                macro=f"<<{m.group(1)}{m.group(2)}"))
            return -1
        name, args = m.group(2).lower(), self.text[m.end():end].strip()
        if name.startswith("end") and name[3:] in SC_CONTAINERS:  # <<endif>>, the old close
            m_close, name = "/", name[3:]
        else:
            m_close = m.group(1)
        if m_close:
            self.close(name, i)
        elif name in SC_CONTAINERS:
            self.push(Node("macro", name, *self.pos(i), args=args), name, i)
        else:
            self.add(Node("macro", name, *self.pos(i), args=args))
        return end + 2

    def close(self, name: str, i: int) -> None:
        depth = next((d for d in range(len(self.stack) - 1, 0, -1)
                      if self.stack[d][2] == name), 0)
        if not depth:
            self.problem(i, _("`{closing}` closes nothing; it was left out").format(
                closing=f"<</{name}>>"))
            return
        self.flush()
        self.unclosed(depth + 1, at_end=False)
        del self.stack[depth:]

    # ---- HTML ----

    def tag(self, i: int) -> int:
        m = _TAG.match(self.text, i)
        if not m:
            return i
        end = self.find(">", m.end())
        if end < 0:
            return i
        name = m.group(1).lower()
        if name in ("script", "style") and not self.text.startswith("</", i):
            close = self.find_low(f"</{name}", end)
            self.problem(i, _("an inline {element}: Standing runs no code and has one "
                              "look").format(element=f"<{name}>"))
            gt = self.find(">", close) if close >= 0 else -1
            return len(self.text) if gt < 0 else gt + 1
        self.add(Node("tag", name, *self.pos(i), args=self.text[i:end + 1],
                      closing=self.text.startswith("</", i)))
        return end + 1


def _shown(owner: Node, closer: str) -> str:
    if closer == "]":
        return f"({owner.text}:)[" if owner.kind == "macro" else "["
    return f"<<{owner.text}>>"


def _close_paren(text: str, i: int) -> int:
    """The index of the `)` that closes a Harlowe macro whose arguments start at i, or -1."""
    depth, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            i = _string_end(text, i)
            if i < 0:
                return -1
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


def _close_angles(text: str, i: int) -> int:
    """The index of the `>>` that ends a SugarCube macro whose arguments start at i, or -1."""
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            i = _string_end(text, i)
            if i < 0:
                return -1
        elif c == ">" and text.startswith(">>", i):
            return i
        i += 1
    return -1


def _string_end(text: str, i: int) -> int:
    """The index of the quote closing the string that opens at i, or -1."""
    quote, i, n = text[i], i + 1, len(text)
    while i < n:
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            return i
        if text[i] == "\n" and quote != "`":
            return -1
        i += 1
    return -1


def scan(text: str, family: str, line: int) -> Scan:
    """The passage `text` (whose first line is file line `line`) as a tree."""
    return _Scanner(text, family, line).run()
