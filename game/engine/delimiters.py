"""Paired inline delimiters (`**bold**`, `*italic*`, `_em_`) found in linear time.

The rules are those of a lazy regular expression such as `\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*`, tried
mark by mark at each position from the left: the first opener that has a closer later on the
same line pairs with the nearest one. A regex finds that by scanning ahead from every opener,
which is quadratic on text such as `**x **x **x ...`; here the closers are listed once and
each opener finds its nearest one by binary search: O(n log n) at worst, one pass in practice.

Text is a sequence of units: a `str` (one character per unit) or a list in which a unit may be
a whole already-marked-up piece that pairs cannot cut through.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable, List, Sequence, Tuple

Units = Sequence[str]


def is_space(u: str) -> bool:
    return len(u) == 1 and u.isspace()


def is_word(u: str) -> bool:
    """What `\\w` matches, for one unit; a marked-up piece is not a word character."""
    return len(u) == 1 and (u.isalnum() or u == "_")


@dataclass(frozen=True)
class Mark:
    """One kind of paired delimiter. `opens(before, first)` sees the unit before the opening
    mark ("" at the start) and the first unit inside; `closes(last, after)` the last unit
    inside and the unit after the closing mark ("" at the end). With `plain_inside`, the
    content may not hold the mark's own character (as in `\\*([^*]+?)\\*`); unless
    `one_line` is False, it may not hold a line break (as `.` in a regex)."""
    style: str
    text: str
    opens: Callable[[str, str], bool]
    closes: Callable[[str, str], bool]
    plain_inside: bool = False
    one_line: bool = True


Span = Tuple[int, int, Mark]  # start of the opening mark, end of the closing mark, which mark


def find_spans(units: Units, marks: Sequence[Mark]) -> List[Span]:
    """Non-overlapping spans, leftmost first; the content of each is units[start + len(mark)
    : end - len(mark)], at least one unit long."""
    occ = {c: _occurrences(units, c) for c in {mk.text[0] for mk in marks} | {"\n"}}
    closers = [[j for j in occ[mk.text[0]] if _closes_at(units, j, mk)] for mk in marks]
    out: List[Span] = []
    i = 0
    for cand in sorted(set().union(*(occ[mk.text[0]] for mk in marks))):
        if cand < i:
            continue  # inside the span just found
        for mk, mk_closers in zip(marks, closers):
            end = _pair_at(units, cand, mk, mk_closers, occ["\n"], occ[mk.text[0]])
            if end:
                out.append((cand, end, mk))
                i = end
                break
    return out


def _occurrences(units: Units, c: str) -> List[int]:
    if isinstance(units, str):
        out, j = [], units.find(c)
        while j >= 0:
            out.append(j)
            j = units.find(c, j + 1)
        return out
    return [j for j, u in enumerate(units) if u == c]


def _first_from(positions: List[int], p: int, none: int) -> int:
    """The first of the sorted `positions` at or after p, else `none`."""
    k = bisect_left(positions, p)
    return positions[k] if k < len(positions) else none


def _at(units: Units, i: int, text: str) -> bool:
    piece = units[i:i + len(text)]
    return piece == text if isinstance(piece, str) else "".join(piece) == text and \
        len(piece) == len(text)


def _closes_at(units: Units, j: int, mk: Mark) -> bool:
    if j == 0 or not _at(units, j, mk.text):
        return False
    after = j + len(mk.text)
    return mk.closes(units[j - 1], units[after] if after < len(units) else "")


def _pair_at(units: Units, i: int, mk: Mark, closers: List[int], newlines: List[int],
             same: List[int]) -> int:
    """End of the span opening at i with `mk`, or 0."""
    n, start = len(units), i + len(mk.text)
    if start >= n or not _at(units, i, mk.text):
        return 0
    if not mk.opens(units[i - 1] if i else "", units[start]):
        return 0
    j = _first_from(closers, start + 1, n)  # at least one unit inside
    if j >= n or (mk.one_line and _first_from(newlines, start, n) < j):
        return 0
    if mk.plain_inside and _first_from(same, start, n) < j:
        return 0
    return j + len(mk.text)


def runs(units: Units, marks: Sequence[Mark]) -> List[Tuple[Units, str]]:
    """The units cut into (piece, style) runs: style "" outside every span, else the span's
    mark style with the marks themselves left out."""
    out: List[Tuple[Units, str]] = []
    pos = 0
    for start, end, mk in find_spans(units, marks):
        if start > pos:
            out.append((units[pos:start], ""))
        out.append((units[start + len(mk.text):end - len(mk.text)], mk.style))
        pos = end
    if pos < len(units):
        out.append((units[pos:], ""))
    return out
