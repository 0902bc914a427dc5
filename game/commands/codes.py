"""`standing codes`: the diagnostic catalogue (docs/errors.md is generated from it)."""
from __future__ import annotations

from ..packs.codes import CODES, markdown


def register(sub) -> None:
    p = sub.add_parser("codes", help="list the diagnostic codes and their fixes")
    p.add_argument("code", nargs="?", help="one code, e.g. SP011")
    p.add_argument("--markdown", action="store_true", help="print docs/errors.md")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.markdown:
        print(markdown(), end="")
        return 0
    for c in CODES.values():
        if args.code and c.code != args.code.upper():
            continue
        print(f"{c.code} {c.name} ({c.severity}): {c.summary}\n    fix: {c.fix}")
    return 0
