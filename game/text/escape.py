"""The terminal escaper: text from a pack, made safe to print.

A pack's words reach the terminal through the text player and the author tools. A control
character in them could move the cursor, recolour or clear the screen, retitle the window or
rewrite what was printed before (`\\r`, ANSI escape sequences starting with ESC or CSI). Every
such character is shown instead as a visible placeholder: C0 controls and DEL as their Unicode
"control picture" (ESC prints as ␛), C1 controls and the bidirectional overrides that can
reorder a line as `<U+009B>`. Line breaks and tabs are kept.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import IO, Any, Dict, Iterator, TextIO, cast

KEPT = "\n\t"
_BIDI = [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]


def _table() -> Dict[int, str]:
    table = {cp: chr(0x2400 + cp) for cp in range(0x20) if chr(cp) not in KEPT}
    table[0x7F] = "\u2421"  # ␡
    for cp in [*range(0x80, 0xA0), *_BIDI]:
        table[cp] = f"<U+{cp:04X}>"
    return table


_TABLE = _table()


def for_terminal(text: str) -> str:
    """`text` with every control character replaced by a visible placeholder (linear time)."""
    return text.translate(_TABLE)


class TerminalSafe:
    """A text stream that escapes everything written through it (see `safe_output`)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding... of the real stream
        return getattr(self._stream, name)


@contextmanager
def safe_output() -> Iterator[None]:
    """Escape whatever a command prints to stdout and stderr while the block runs.

    Every command's output passes through here once, rather than each print site remembering
    to escape the author text it quotes (ids, titles, prose, file names in diagnostics). The
    project never prints control characters of its own, so nothing wanted is lost."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, TerminalSafe(saved[0]))
    sys.stderr = cast(TextIO, TerminalSafe(saved[1]))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
