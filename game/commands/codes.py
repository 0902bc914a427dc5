"""`standing codes`: the diagnostic catalogue (docs/errors.md is generated from it)."""
from __future__ import annotations

import sys

from ..packs.codes import BY_NAME, CODES, markdown


def register(sub) -> None:
    p = sub.add_parser("codes", help="list the diagnostic codes and their fixes")
    p.add_argument("code", nargs="?", help="one code or name, e.g. SP011 or unknown-scene")
    p.add_argument("--markdown", action="store_true", help="print docs/errors.md")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.markdown:
        print(markdown(), end="")
        return 0
    wanted = (args.code or "").strip()
    shown = [c for c in CODES.values()
             if not wanted or wanted.upper() == c.code or wanted.lower() == c.name]
    if not shown:
        from ..engine.suggest import did_you_mean
        hint = did_you_mean(wanted.upper(), CODES) or did_you_mean(wanted.lower(), BY_NAME)
        print(f"standing codes: no code `{wanted}`" + (f"; {hint}" if hint else
              "; `standing codes` lists them all"), file=sys.stderr)
        return 2
    for c in shown:
        print(f"{c.code} {c.name} ({c.severity}): {c.summary}\n    fix: {c.fix}")
    return 0
