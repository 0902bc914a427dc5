"""Author errors as data: a Diagnostic has a code, a position, a sentence and a hint."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Set

from .codes import BY_NAME


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str  # error | warning
    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    source_line: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file

    def format(self) -> str:
        out = [f"{self.where}: {self.severity}[{self.code}]: {self.message}"]
        if self.source_line and self.line > 0:
            gutter = f"{self.line:>5}"
            out.append(f"{gutter} | {self.source_line.rstrip()}")
            pad = " " * len(gutter)
            caret_col = max(1, self.column)
            out.append(f"{pad} | {' ' * (caret_col - 1)}^")
        if self.hint:
            out.append(f"  hint: {self.hint}")
        return "\n".join(out)

    def to_json(self) -> dict:
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

    def add(self, name: str, pos, message: str, hint: str = "") -> None:
        """Record a problem at `pos`: a Position, None, or a function that works one out
        (so callers need not compute positions for the common case of no problem)."""
        if callable(pos):
            pos = pos()
        code = BY_NAME[name]
        file, line, col = (pos.file, pos.line, pos.column) if pos else ("<pack>", 0, 0)
        lines = self.sources.get(file, [])
        src = lines[line - 1] if 0 < line <= len(lines) else ""
        self.items.append(Diagnostic(code.code, code.severity, file, line, col, message, hint,
                                     src))

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self.items.extend(diags)

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> List[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    def sorted(self) -> List[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.file, d.line, d.column, d.code))
