"""Harlowe and SugarCube expressions as Standing conditions and effects.

Only what maps exactly is converted: variables, numbers, strings, true/false, comparisons,
and/or/not, arithmetic, visit counts; assignments of a literal, `$x + n` (an `add`) and a
random whole number (a `roll`). Anything else raises ExprError with a sentence for the list of
what was not converted. Every result is checked by the game's own condition parser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple, Union

from ..engine import conditions
from ..i18n import _

Value = Union[bool, int, float, str]
Effect = Tuple[str, str, object]  # ("set", var, value) | ("add", var, n) | ("roll", var, (a, b))


class ExprError(Exception):
    """An expression Standing cannot express; the message says what."""


_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?|\.\d+)
  | (?P<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<var>[$_][A-Za-z_]\w{0,63})
  | (?P<hmacro>\((?:history|random|visited):)
  | (?P<word>[A-Za-z]\w{0,63})
  | (?P<op>===|!==|==|!=|<=|>=|\+=|-=|\+\+|--|&&|\|\||[-+*/<>()!,;=%.\[\]{}:?'])
  | (?P<bad>.)
""", re.VERBOSE | re.DOTALL)

H_WORDS = {"is": "==", "and": "and", "or": "or", "not": "not", "true": "true",
           "false": "false"}
SC_WORDS = {"eq": "==", "is": "==", "neq": "!=", "isnot": "!=", "gt": ">", "gte": ">=",
            "lt": "<", "lte": "<=", "and": "and", "or": "or", "not": "not", "true": "true",
            "false": "false"}
OPS = {"===": "==", "!==": "!=", "==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">",
       ">=": ">=", "&&": "and", "||": "or", "!": "not", "+": "+", "-": "-", "*": "*", "/": "/",
       "(": "(", ")": ")"}
RESERVED = set(conditions.SPECIAL_NAMES) | set(conditions.KEYWORDS) | set(conditions.FUNCTIONS)


def tokens(src: str) -> List[Tuple[str, str]]:
    out = []
    for m in _TOKEN.finditer(src):
        kind = m.lastgroup or ""
        if kind == "bad":
            raise ExprError(_("the character {char}").format(char=repr(m.group())))
        if kind != "ws":
            out.append((kind, m.group()))
    return out


@dataclass
class Variable:
    id: str
    twine: str  # `$name` as written
    start: Optional[Value] = None  # from StoryInit / startup passages
    first: Optional[Value] = None  # the first literal it is given anywhere
    numeric: bool = False  # added to or rolled
    compared: Optional[Value] = None  # a literal it is compared with
    read: bool = False


@dataclass
class Names:
    """Twine variables by their written name, with safe unique Standing ids."""
    vars: Dict[str, Variable] = field(default_factory=dict)
    taken: set = field(default_factory=set)

    def get(self, twine: str) -> Variable:
        v = self.vars.get(twine)
        if v is None:
            base = re.sub(r"\W", "_", twine[1:], flags=re.ASCII)
            base = ("temp_" + base.lstrip("_")) if twine.startswith("_") else base
            if not base[:1].isalpha():
                base = "v_" + base
            if base in RESERVED:
                base += "_var"
            vid, k = base[:60], 2
            while vid in self.taken:
                vid, k = f"{base[:56]}_{k}", k + 1
            self.taken.add(vid)
            v = self.vars[twine] = Variable(vid, twine)
        return v


def literal(kind: str, text: str) -> Value:
    if kind == "num":
        return float(text) if "." in text else int(text)
    if kind == "str":
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    if kind == "word" and text in ("true", "false"):
        return text == "true"
    raise ExprError(_("`{text}` is not a plain value").format(text=text))


def quote(s: str) -> str:
    if "'" not in s:
        return f"'{s}'"
    if '"' not in s:
        return f'"{s}"'
    raise ExprError(_("a string holding both kinds of quote"))


def condition(src: str, family: str, names: Names,
              scene_of: Callable[[str], Optional[str]], here: str) -> str:
    """The Standing condition for a Twine one; raises ExprError."""
    toks = tokens(src)
    words = H_WORDS if family == "harlowe" else SC_WORDS
    out: List[str] = []
    i = 0
    while i < len(toks):
        kind, text = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ("", "")
        if kind == "var":
            var = names.get(text)
            var.read = True
            if nxt[1] in (".", "[") or (nxt[0] == "op" and nxt[1] == "'"):
                raise ExprError(_("`{text}` with a property or index").format(text=text))
            out.append(var.id)
            _note_compare(var, toks, i)
        elif kind in ("num", "str"):
            out.append(quote(str(literal(kind, text))) if kind == "str" else text)
        elif kind == "hmacro" and text == "(history:" and toks[i + 1:i + 4] and \
                toks[i + 1][1] == ")" and toks[i + 2][1] == "contains":
            out.append(_visit("visited", toks[i + 3:i + 4], scene_of))
            i += 4
            continue
        elif kind == "word" and text in ("visited", "hasVisited", "visits", "visit") and \
                family in ("sugarcube", "harlowe"):
            i = _visit_call(toks, i, out, scene_of, here)
            continue
        elif kind == "word" and text == "is" and nxt[1] == "not" and family == "harlowe":
            out.append("!=")
            i += 2
            continue
        elif kind == "word" and text in words:
            out.append(words[text])
        elif kind == "op" and text in OPS:
            out.append(OPS[text])
        else:
            raise ExprError(f"`{text}`")
        i += 1
    result = " ".join(out)
    try:
        conditions.parse(result)
    except conditions.ConditionError as e:
        # Translators: {problem} is the condition checker's reason, e.g. "names no variable".
        raise ExprError(_("it reads as `{condition}`, which {problem}").format(
            condition=result, problem=e.message)) from None
    return result


def _note_compare(var: Variable, toks, i: int) -> None:
    """Remember a literal the variable is compared with (its type, when nothing sets it)."""
    if i + 2 < len(toks) and toks[i + 2][0] in ("num", "str") or \
            (i + 2 < len(toks) and toks[i + 2][1] in ("true", "false")):
        try:
            var.compared = literal(*toks[i + 2])
        except ExprError:
            pass


def _visit(fn: str, arg, scene_of) -> str:
    if not arg or arg[0][0] != "str":
        raise ExprError(_("a visit test that does not name a passage"))
    sid = scene_of(str(literal(*arg[0])))
    if sid is None:
        raise ExprError(_("a visit test of {name}, which is not a passage").format(
            name=arg[0][1]))
    return f"{fn}({sid})"


def _visit_call(toks, i: int, out: List[str], scene_of, here: str) -> int:
    """`visited("X")` (a count), `hasVisited("X")`, `visited()` and Harlowe's `visits`."""
    word = toks[i][1]
    if word in ("visits", "visit"):
        out.append(f"visits({here})")
        return i + 1
    if toks[i + 1:i + 2] != [("op", "(")]:
        raise ExprError(_("`{word}` without its parentheses").format(word=word))
    if toks[i + 2:i + 3] == [("op", ")")]:
        out.append(f"visits({here})")
        return i + 3
    if toks[i + 3:i + 4] != [("op", ")")]:
        raise ExprError(_("`{call}` of more than one passage").format(call=f"{word}(...)"))
    out.append(_visit("visited" if word == "hasVisited" else "visits", toks[i + 2:i + 3],
                      scene_of))
    return i + 4


# ---- assignments ---------------------------------------------------------------------------

def assignments(src: str, family: str, names: Names) -> List[Effect]:
    """Effects for `(set: $a to 1, $b to it + 2)`, `(put: 1 into $a)` or `<<set $a = 1>>`."""
    toks = tokens(src)
    effects = []
    for part in _split(toks):
        effects.append(_one(part, family, names))
    if not effects:
        raise ExprError(_("an empty assignment"))
    return effects


def _split(toks) -> List[List[Tuple[str, str]]]:
    parts: List[List[Tuple[str, str]]] = [[]]
    depth = 0
    for t in toks:
        if t[1] == "(" or t[0] == "hmacro":
            depth += 1
        elif t[1] == ")":
            depth -= 1
        if depth == 0 and t[1] in (",", ";"):
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _one(part, family: str, names: Names) -> Effect:
    if len(part) >= 3 and part[-2] == ("word", "into") and part[-1][0] == "var":  # (put:)
        target, op, value = part[-1], "to", part[:-2]
    elif part[0][0] == "var" and len(part) >= 2:
        target, op, value = part[0], part[1][1], part[2:]
    else:
        raise ExprError(_("an assignment that does not start with a variable"))
    var = names.get(target[1])
    if op in ("++", "--") and not value:
        var.numeric = True
        return ("add", var.id, 1 if op == "++" else -1)
    if op in ("+=", "-=") and len(value) == 1 and value[0][0] == "num":
        var.numeric = True
        n = literal(*value[0])
        return ("add", var.id, n if op == "+=" else -n)
    if op not in ("to", "="):
        raise ExprError(_("the assignment `{op}`").format(op=op))
    return _value(var, value, family)


def _value(var: Variable, value, family: str) -> Effect:
    texts = [t for _kind, t in value]
    if len(value) == 1 or (len(value) == 2 and texts[0] == "-" and value[1][0] == "num"):
        v = literal(*value[-1])
        if len(value) == 2:
            v = -v  # type: ignore[operator]
        if var.first is None:
            var.first = v
        return ("set", var.id, v)
    if len(value) == 3 and texts[1] in ("+", "-") and value[2][0] == "num" and \
            (texts[0] == var.twine or (texts[0] == "it" and family == "harlowe")):
        var.numeric = True
        n = literal(*value[2])
        return ("add", var.id, n if texts[1] == "+" else -n)
    if len(value) == 3 and texts[1] == "+" and value[0][0] == "num" and texts[2] == var.twine:
        var.numeric = True
        return ("add", var.id, literal(*value[0]))
    rolled = _roll(value)
    if rolled is not None:
        var.numeric = True
        return ("roll", var.id, rolled)
    raise ExprError(_("`{variable}` given the value of an expression (`{value}`); Standing "
                      "sets plain values and adds numbers").format(
                          variable=var.twine, value=" ".join(texts)))


def _roll(value) -> Optional[Tuple[int, int]]:
    """`random(1, 6)` or `(random: 1, 6)` with whole numbers: a roll."""
    texts = [t for _kind, t in value]
    if texts[:2] == ["random", "("] or texts[:1] == ["(random:"]:
        args = [t for k, t in value if k == "num"]
        shape = [t for k, t in value if k != "num"]
        if len(args) == 2 and "." not in "".join(args) and \
                shape in (["random", "(", ",", ")"], ["(random:", ",", ")"]):
            lo, hi = int(args[0]), int(args[1])
            return (min(lo, hi), max(lo, hi))
    return None
