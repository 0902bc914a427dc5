"""`standing schema [pack|episode|translation]`: the JSON Schema of pack.yaml, of an episode
file or of a translation file (PACK/translations/LANG.yaml).

Both come from the specs the loader itself converts with (game/packs/schema.py), so editor
completion and the loader agree about which keys exist. docs/schema/*.json are these texts,
checked by tests/test_schema.py; `standing schema --write docs/schema` regenerates them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..fsutil import atomic_write
from ..i18n import _
from ..packs.template import ALL_SCHEMA_KINDS, schema_file_name, schema_text


def register(sub) -> None:
    p = sub.add_parser("schema", help=_("print the JSON Schema for pack.yaml, episode or "
                                        "translation files"),
                       description=_("Print the JSON Schema of pack.yaml (`pack`), of an "
                                     "episode file (`episode`) or of a translation file "
                                     "(`translation`), for editors and CI. With --write DIR, "
                                     "write all three as DIR/KIND.schema.json."))
    p.add_argument("kind", nargs="?", choices=ALL_SCHEMA_KINDS, default="pack",
                   help=_("which file's schema (default: pack)"))
    p.add_argument("--write", metavar="DIR", help=_("write every schema file into DIR"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.write:
        for kind in ALL_SCHEMA_KINDS:
            target = Path(args.write) / schema_file_name(kind)
            atomic_write(target, schema_text(kind).encode("utf-8"))
            print(_("wrote {file}").format(file=target))
        return 0
    sys.stdout.write(schema_text(args.kind))
    return 0
