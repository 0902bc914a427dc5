"""Author errors as data: a Diagnostic has a code, a position, a sentence and a hint."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Set, Tuple, Union

from ..i18n import _, format_integer, ngettext
from ..text.escape import for_terminal
from ..textflow import columns
from ..engine.model import Position
from .codes import BY_NAME

# Compilers stop listing a kind of error after a few dozen; so does the loader. The first of
# each code is always kept, so a capped report never hides that an error happened.
MAX_PER_CODE = 50  # per code, per pack
MAX_PER_FILE = 50  # per file, all codes
MAX_PER_PACK = 200
MAX_TEXT = 400  # characters of a message or hint (they quote author values)
SOURCE_WIDTH = 100  # characters of the source line shown around the caret

Hint = Union[str, Callable[[], str]]
# Where a problem is: a position, none, or a function that works one out when it is listed.
Where = Union[Position, None, Callable[[], Optional[Position]]]


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """`text` cut in the middle when longer than `limit`."""
    if len(text) <= limit:
        return text
    half = (limit - 5) // 2
    return f"{text[:half]} ... {text[-half:]}"


def join_clauses(clauses: Iterable[str]) -> str:
    """Clauses one after another, "a; b; c", with the reader's language's separator."""
    out = ""
    for clause in clauses:
        # Translators: one more clause after the ones before it, e.g. "2 dead ends; 1 runtime
        # error"; use your language's semicolon (Chinese: "{clauses}；{clause}").
        out = _("{clauses}; {clause}").format(clauses=out, clause=clause) if out else clause
    return out


def excerpt(line: str, column: int, width: int = SOURCE_WIDTH) -> Tuple[str, int]:
    """A window of at most about `width` terminal columns of `line` around the 1-based
    `column`, and the caret's 1-based column (in characters) in that window (`...` marks what
    was cut). Columns, not characters: a Chinese character takes two."""
    line = line.rstrip()
    if columns(line) <= width:
        return line, column
    start = min(column - 1, len(line))
    used = 0
    while start > 0 and used + _shown_width(line[start - 1]) <= width // 2:
        start -= 1
        used += _shown_width(line[start])
    end, used = start, 0
    while end < len(line) and used + _shown_width(line[end]) <= width:
        used += _shown_width(line[end])
        end += 1
    while start > 0 and used + _shown_width(line[start - 1]) <= width:  # the end came first
        start -= 1
        used += _shown_width(line[start])
    head = "..." if start > 0 else ""
    tail = "..." if end < len(line) else ""
    return head + line[start:end] + tail, column - start + len(head)


def _shown_width(ch: str) -> int:
    return columns(for_terminal(ch))


def caret_indent(before: str) -> str:
    """What to print under `before` (the source text left of the caret) so that a caret after
    it lands under the next character: spaces as wide as each character is shown in a terminal
    (two for a Chinese one, none for a combining mark, a placeholder's width for a control
    character), and a tab for a tab so both reach the same stop."""
    return "".join(c if c == "\t" else " " * _shown_width(c) for c in before)


@dataclass(frozen=True)
class Diagnostic:
    """One problem, its message and hint already in the language shown when it was found (they
    quote author values and engine errors, which are only ever text). A Diagnostic is a plain
    value: equal when its text is; the compiled pack cache keeps one set per language."""
    code: str
    severity: str  # error | warning
    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    source_line: str = ""  # an excerpt of the line around the column when the line is long
    caret: int = 0  # the column within `source_line` (0: the same as `column`)
    count: int = 1  # how many problems this stands for ("and 19,950 more like this")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def caret_column(self) -> int:
        return self.caret or self.column

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file

    def format(self) -> str:
        """The diagnostic as an author reads it, control characters made visible (it quotes
        file names, ids and source lines, which are the author's)."""
        out = [f"{self.where}: {self.severity}[{self.code}]: {self.message}"]
        if self.source_line and self.line > 0:
            gutter = f"{self.line:>5}"
            out.append(f"{gutter} | {self.source_line.rstrip()}")
            pad = " " * len(gutter)
            before = self.source_line[:max(1, self.caret_column) - 1]
            out.append(f"{pad} | {caret_indent(before)}^")
        if self.hint:
            # Translators: the last line of a diagnostic in the terminal, after the source
            # line and its caret; {hint} is a suggestion such as "did you mean `cove`?".
            out.append("  " + _("hint: {hint}").format(hint=self.hint))
        return for_terminal("\n".join(out))

    def to_json(self) -> Dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "file": self.file,
                "line": self.line, "column": self.column, "message": self.message,
                "hint": self.hint}


@dataclass
class Report:
    """Collects every problem in a run; nothing stops at the first."""
    sources: Dict[str, List[str]] = field(default_factory=dict)  # file -> lines, for carets
    items: List[Diagnostic] = field(default_factory=list)
    broken: Set[str] = field(default_factory=set)  # ids whose definitions had errors
    incomplete: bool = False  # a whole file could not be read
    budget: int = 2_000_000  # values the whole pack may convert; aliases count each expansion
    alias_budget: int = 100_000  # values that aliases may add, over the whole pack
    hidden: Dict[str, int] = field(default_factory=dict)  # code -> diagnostics not listed
    _shown: Dict[str, int] = field(default_factory=dict)  # code or file -> listed

    def add(self, name: str, pos: Where, message: str, hint: Hint = "") -> None:
        """Record a problem at `pos`: a Position, None, or a function that works one out
        (so callers need not compute positions for the common case of no problem). `hint`
        may be a function too: it is called only if the diagnostic is listed."""
        code = BY_NAME[name]
        seen = self._shown.get(code.code, 0)
        if seen and (seen >= MAX_PER_CODE or len(self.items) >= MAX_PER_PACK):
            self._hide(code.code)
            return
        if callable(pos):
            pos = pos()
        file, line, col = (pos.file, pos.line, pos.column) if pos else ("<pack>", 0, 0)
        if seen and self._shown.get(file, 0) >= MAX_PER_FILE:
            self._hide(code.code)
            return
        self._shown[code.code] = seen + 1
        self._shown[file] = self._shown.get(file, 0) + 1
        lines = self.sources.get(file, [])
        src, caret = excerpt(lines[line - 1], col) if 0 < line <= len(lines) else ("", 0)
        hint = hint() if callable(hint) else hint
        self.items.append(Diagnostic(code.code, code.severity, file, line, col, clip(message),
                                     clip(hint), src, caret if caret != col else 0))

    def _hide(self, code: str) -> None:
        self.hidden[code] = self.hidden.get(code, 0) + 1

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self.items.extend(diags)

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> List[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    def sorted(self) -> List[Diagnostic]:
        """Every listed diagnostic in file order, then one line per code that was capped."""
        out = sorted(self.items, key=lambda d: (d.file, d.line, d.column, d.code))
        for code, n in sorted(self.hidden.items()):
            last = next(d for d in reversed(self.items) if d.code == code)
            # Translators: listed after the first problems of one kind once there are too
            # many to list; {n} is how many were left out.
            more = ngettext("and {n} more like this", "and {n} more like this", n)
            out.append(Diagnostic(code, last.severity, last.file, 0, 0,
                                  more.format(n=format_integer(n)), "", count=n))
        return out
