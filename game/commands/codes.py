"""`standing codes`: the diagnostic catalogue (docs/errors.md is generated from it)."""
from __future__ import annotations

import sys

from ..i18n import _
from ..packs.codes import BY_NAME, CODES, markdown


def register(sub) -> None:
    p = sub.add_parser("codes", help=_("list the diagnostic codes and their fixes"))
    p.add_argument("code", nargs="?", help=_("one code or name, e.g. SP011 or unknown-scene"))
    p.add_argument("--markdown", action="store_true", help=_("print docs/errors.md"))
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
        if hint:
            # Translators: {hint} is a suggestion such as "did you mean `SP011`?".
            text = _("standing codes: no code `{code}`; {hint}").format(code=wanted, hint=hint)
        else:
            text = _("standing codes: no code `{code}`; `standing codes` lists them all").format(
                code=wanted)
        print(text, file=sys.stderr)
        return 2
    for c in shown:
        # Translators: one diagnostic code, e.g. "SP011 unknown-scene (error): A goto names
        # a scene that does not exist"; {name} stays as it is (authors search for it).
        said = _("{code} {name} (error): {summary}") if c.severity == "error" else \
            _("{code} {name} (warning): {summary}")
        print(said.format(code=c.code, name=c.name, summary=_(c.summary)))
        # Translators: how to fix a diagnostic, printed under it.
        print("    " + _("fix: {fix}").format(fix=_(c.fix)))
    return 0
