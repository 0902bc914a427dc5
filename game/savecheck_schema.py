"""The save format, declared once as data: a JSON Schema that `check` enforces and that
docs/schema/save.schema.json publishes (tests/test_savecheck.py keeps the two identical;
`python3 -m game.savecheck_schema > docs/schema/save.schema.json` regenerates it).

`check` understands the subset of JSON Schema used here (type, const, properties, required,
additionalProperties, propertyNames, maxProperties, items, maxItems, minimum, maximum,
maxLength, pattern, $ref to #/$defs) and is stricter in one way: "integer" means a JSON
number written without a fraction, and true/false are never numbers. It walks with its own
stack, so the depth of the data cannot exhaust Python's.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from .i18n import N_, _, format_integer, localize_number

MAX_HISTORY = 1_000  # choices in one saved run: replaying it must stay quick (see bench)
MAX_ENTRIES = 10_000  # ratings or records in one run
MAX_KEYS = 10_000  # variables, visits, character scores
MAX_TEXT = 10_000  # characters in one saved text
MAX_SHORT = 300  # characters of the texts the save list shows before the pack is loaded

_NO_CONTROL = "^[^\\u0000-\\u001f\\u007f]*$"


def _ref(name: str) -> Dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _int(lo: int, hi: int) -> Dict[str, Any]:
    return {"type": "integer", "minimum": lo, "maximum": hi}


def _obj(props: Dict[str, Any], required: Tuple[str, ...] = (), extra: Any = True,
         most: int = 64) -> Dict[str, Any]:
    out: Dict[str, Any] = {"type": "object", "properties": props, "maxProperties": most}
    if required:
        out["required"] = list(required)
    out["additionalProperties"] = extra
    return out


def _list(item: Any, most: int) -> Dict[str, Any]:
    return {"type": "array", "items": item, "maxItems": most}


def _map(value: Any, most: int = MAX_KEYS) -> Dict[str, Any]:
    return {"type": "object", "propertyNames": _ref("id"), "additionalProperties": value,
            "maxProperties": most}


DEFS: Dict[str, Any] = {
    "id": {"title": N_("an id (letters, digits, `_` and `-`)"), "type": "string",
           "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]*$", "maxLength": 200},
    "id_or_empty": {"title": N_("an id or nothing"), "type": "string",
                    "pattern": "^([A-Za-z0-9][A-Za-z0-9_-]*)?$", "maxLength": 200},
    "text": {"title": N_("text"), "type": "string", "maxLength": MAX_TEXT},
    "label": {"title": N_("one line of text"), "type": "string", "maxLength": MAX_SHORT,
              "pattern": _NO_CONTROL},
    "score": {"title": N_("a score"), "type": "number", "minimum": -1e12, "maximum": 1e12},
    "count": _int(0, 10 ** 9),
    "value": {"title": N_("a variable's value"), "type": ["boolean", "integer", "number", "string"],
              "minimum": -1e300, "maximum": 1e300, "maxLength": MAX_TEXT},
    "indexes": _list(_int(0, MAX_ENTRIES), MAX_ENTRIES),
}

RATING = _obj({
    "stars": _ref("score"), "rater": _ref("score"), "count": _ref("count"),
    "step": _int(0, MAX_HISTORY), "by": _ref("id_or_empty"), "label": _ref("text"),
}, ("stars", "rater", "count", "step"), extra=False)

RECORD = _obj({
    "category": _ref("id"), "impact": _ref("score"), "permanent": {"type": "boolean"},
    "step": _int(0, MAX_HISTORY), "saw": _ref("text"), "truth": _ref("text"),
    "scene": _ref("id_or_empty"),
}, ("category", "impact", "permanent", "step", "saw", "truth"), extra=False)

STEP = _obj({
    "index": _int(1, MAX_HISTORY), "episode": _ref("id"), "scene": _ref("id"),
    "choice": _int(0, 10_000), "text": _ref("text"), "score_before": _ref("score"),
    "score_after": _ref("score"), "tier_after": _ref("id"), "records": _ref("indexes"),
    "ratings": _ref("indexes"),
}, ("index", "episode", "scene", "choice", "text", "score_before", "score_after",
    "tier_after"), extra=False)

TALLY = _obj({"counts": _list(_ref("count"), 1_000), "chosen": _int(-1, 10_000),
              "tie_break": _ref("text"), "tied": _list(_int(0, 10_000), 1_000)}, ("counts",))

STATE = _obj({
    "format": {"const": 1}, "pack_id": _ref("id"), "pack_version": _ref("label"),
    "seed": _int(0, 2 ** 63), "start_episode": _ref("id"), "episode": _ref("id"),
    "scene": _ref("id"), "vars": _map(_ref("value")), "friends": _list(_ref("id"), MAX_KEYS),
    "char_scores": _map(_ref("score")), "ratings": _list(RATING, MAX_ENTRIES),
    "records": _list(RECORD, MAX_ENTRIES), "visits": _map(_ref("count")),
    "history": _list(STEP, MAX_HISTORY), "episode_scores": _map(_ref("score")),
    "draws": _ref("count"), "step": _int(0, MAX_HISTORY), "ended": {"type": "boolean"},
    "extra": _obj({"tallies": {"type": "object", "propertyNames": {"pattern": "^[0-9]{1,6}$"},
                               "additionalProperties": TALLY, "maxProperties": MAX_HISTORY}}),
}, ("format", "pack_id", "pack_version", "seed", "start_episode", "episode", "scene"))

SAVE = _obj({
    "save_format": {"const": 1}, "pack_path": {"title": N_("a file path"), "type": "string",
                                               "maxLength": 4096, "pattern": "^[^\\u0000]*$"},
    "pack_id": _ref("id"), "pack_digest": _ref("label"), "pack_title": _ref("label"),
    "episode": _ref("id"), "episode_title": _ref("label"), "score_text": _ref("label"),
    "tier": _ref("label"), "pack_language": _ref("label"), "saved_at": {"title": N_("a time"), "type": "number", "minimum": 0,
                                        "maximum": 1e11},
    "state": STATE,
}, ("save_format", "pack_path", "pack_id", "episode", "score_text", "saved_at", "state"))


def json_schema() -> Dict[str, Any]:
    """The published schema of a save file."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://standing.invalid/schema/save.schema.json",
            "title": "Standing saved game",
            "description": "A save written by Standing (game/saves.py). Generated from "
                           "game/savecheck_schema.py; do not edit by hand.",
            **SAVE, "$defs": DEFS}


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


# ---- checking --------------------------------------------------------------------------------

# Translators: what a field of a save should hold, after "`state.seed` should be".
_KIND = {"object": N_("an object"), "array": N_("a list"), "string": N_("text"),
         "integer": N_("a whole number"), "number": N_("a number"),
         "boolean": N_("true or false"), "null": N_("null")}


def _is(kind: str, v: Any) -> bool:
    if kind == "integer":
        return type(v) is int
    if kind == "number":
        return type(v) in (int, float)
    return type(v) is {"object": dict, "array": list, "string": str, "boolean": bool,
                       "null": type(None)}[kind]


@lru_cache(maxsize=None)
def _pattern(text: str) -> "re.Pattern[str]":
    return re.compile(text)


def check(value: Any, schema: Dict[str, Any] = SAVE, where: str = "") -> Optional[str]:
    """The first way `value` breaks `schema`, as a sentence, or None when it fits."""
    todo: List[Tuple[Dict[str, Any], Any, str]] = [(schema, value, where)]
    while todo:
        sch, v, path = todo.pop()
        problem = _check_one(sch, v, path, todo)
        if problem:
            return problem
    return None


def _check_one(sch: Dict[str, Any], v: Any, path: str, todo: list) -> Optional[str]:
    if "$ref" in sch:
        sch = DEFS[sch["$ref"].rsplit("/", 1)[1]]
    # Translators: `name` is a field of a save (`state.seed`) or "the save" itself.
    name = f"`{path}`" if path else _("the save")
    if "const" in sch and (v != sch["const"] or type(v) is not type(sch["const"])):
        return _should(name, repr(sch["const"]))
    kinds = sch.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(k, v) for k in kinds):
            return _should(name, _(sch.get("title") or _KIND[kinds[0]]))
    if isinstance(v, str):
        if len(v) > sch.get("maxLength", len(v)):
            return _("{name} is too long (over {most} characters)").format(
                name=name, most=format_integer(sch["maxLength"]))
        if "pattern" in sch and not _pattern(sch["pattern"]).search(v):
            return _should(name, _(sch["title"]) if "title" in sch else _("text of another form"))
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        if not sch.get("minimum", v) <= v <= sch.get("maximum", v):
            return _("{name} is out of range ({low} to {high})").format(
                name=name, low=_number(sch["minimum"]), high=_number(sch["maximum"]))
    elif isinstance(v, list):
        if len(v) > sch.get("maxItems", len(v)):
            return _too_many(name, sch["maxItems"])
        if "items" in sch:
            todo.extend((sch["items"], x, f"{path}[{i}]") for i, x in enumerate(v))
    elif isinstance(v, dict):
        return _check_object(sch, v, path, name, todo)
    return None


def _check_object(sch: Dict[str, Any], v: Dict[str, Any], path: str, name: str,
                  todo: list) -> Optional[str]:
    if len(v) > sch.get("maxProperties", len(v)):
        return _too_many(name, sch["maxProperties"])
    missing = [k for k in sch.get("required", ()) if k not in v]
    if missing:
        # Translators: `fields` lists the missing fields' names.
        return _("{name} is incomplete (no {fields})").format(
            name=name, fields=", ".join(f"`{k}`" for k in missing))
    props, extra = sch.get("properties", {}), sch.get("additionalProperties", True)
    keys = sch.get("propertyNames")
    for k, x in v.items():
        part = k if _PLAIN.fullmatch(k) else _short(k)
        inner = f"{path}.{part}" if path else part
        if keys is not None:
            problem = _check_one(keys, k, f"{path} key {_short(k)}", todo)
            if problem:
                return problem
        if k in props:
            todo.append((props[k], x, inner))
        elif extra is False:
            return _("{name} has an unknown field {field}").format(name=name, field=_short(k))
        elif isinstance(extra, dict):
            todo.append((extra, x, inner))
    return None


def _should(name: str, what: str) -> str:
    # Translators: `name` is a field of a save, `what` what it should hold ("a whole number").
    return _("{name} should be {what}").format(name=name, what=what)


def _too_many(name: str, most: int) -> str:
    return _("{name} has too many entries (over {most})").format(name=name,
                                                                 most=format_integer(most))


def _number(value: float) -> str:
    """A schema bound as the message always showed it (1,000,000,000; 1e+12)."""
    return localize_number(f"{value:,}")


_PLAIN = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _short(key: str) -> str:
    return repr(key if len(key) <= 40 else key[:39] + "…")


if __name__ == "__main__":
    import sys
    sys.stdout.write(schema_text())
