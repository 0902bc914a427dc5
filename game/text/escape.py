"""The terminal escaper: text from a pack, made safe to print.

A pack's words reach the terminal through the text player and the author tools. A control
character in them could move the cursor, recolour or clear the screen, retitle the window or
rewrite what was printed before (`\\r`, ANSI escape sequences starting with ESC or CSI). Every
such character is shown instead as a visible placeholder: C0 controls and DEL as their Unicode
"control picture" (ESC prints as ␛), C1 controls and the bidirectional overrides that can
reorder a line as `<U+009B>`. Line breaks and tabs are kept.
"""
from __future__ import annotations

from typing import Dict

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
