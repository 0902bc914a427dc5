"""The condition language: a tokenizer, a precedence-climbing parser and a tree evaluator.

Conditions are parsed once at load time into frozen nodes. Evaluation never touches Python's
`eval`; a node can only read what the `Env` protocol offers.

A chain of one operator (`a and b and c`, `1 + 2 - 3`) becomes one flat node, so a condition's
length never makes its tree deeper; only what an author nests (brackets, `not`, minus signs)
does, and the parser refuses more than MAX_NESTING of that. Every walk over a tree is therefore
bounded by MAX_TREE_DEPTH and may recurse.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator, List, Protocol, Tuple, Union

from ..i18n import N_, _

FUNCTIONS = {
    # name: (what its argument names, result description)
    "friend": "character",
    "score_of": "character",
    "visited": "scene",
    "visits": "scene",
    "category": "category",
}
SPECIAL_NAMES = ("score", "tier", "friends")
KEYWORDS = ("and", "or", "not", "true", "false")
MAX_NESTING = 16
# Per nesting level a tree holds at most or > and > comparison > sum > product, plus the
# nesting node itself (`not`, minus) and the leaves.
MAX_TREE_DEPTH = 6 * (MAX_NESTING + 1)


class ConditionError(Exception):
    """An author's syntax error; `column` is 1-based within the condition text."""

    def __init__(self, message: str, column: int, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


class Env(Protocol):
    def var(self, name: str) -> object: ...
    def special(self, name: str) -> object: ...
    def call(self, fn: str, arg: str) -> object: ...
    def tier_rank(self, tier_id: str) -> int: ...


# ---- nodes ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Const:
    value: Union[bool, int, float, str]

    def eval(self, env: Env) -> object:
        return self.value


@dataclass(frozen=True)
class Name:
    name: str
    col: int = 0

    def eval(self, env: Env) -> object:
        if self.name in SPECIAL_NAMES:
            return env.special(self.name)
        return env.var(self.name)


@dataclass(frozen=True)
class Call:
    fn: str
    arg: str
    col: int = 0
    arg_col: int = 0

    def eval(self, env: Env) -> object:
        return env.call(self.fn, self.arg)


@dataclass(frozen=True)
class Not:
    operand: "Expr"

    def eval(self, env: Env) -> object:
        return not truthy(self.operand.eval(env))


@dataclass(frozen=True)
class Neg:
    operand: "Expr"

    def eval(self, env: Env) -> object:
        return _bounded(-number(self.operand.eval(env)))


@dataclass(frozen=True)
class Logic:
    """`a and b and ...` or `a or b or ...`, evaluated left to right with short-circuit."""
    op: str  # and | or
    operands: Tuple["Expr", ...]

    def eval(self, env: Env) -> object:
        if self.op == "and":
            return all(truthy(e.eval(env)) for e in self.operands)
        return any(truthy(e.eval(env)) for e in self.operands)


@dataclass(frozen=True)
class Arith:
    """`a + b - c ...` or `a * b / c ...`: ops[i] joins operands[i] and operands[i + 1]."""
    ops: Tuple[str, ...]
    operands: Tuple["Expr", ...]

    def eval(self, env: Env) -> object:
        acc = number(self.operands[0].eval(env))
        for op, e in zip(self.ops, self.operands[1:]):
            acc = _arith(op, acc, number(e.eval(env)))
        return acc


def _arith(op: str, a: float, b: float) -> float:
    if op == "+":
        return _bounded(a + b)
    if op == "-":
        return _bounded(a - b)
    if op == "*":
        return _bounded(a * b)
    return a / b if b else 0.0  # a story must never crash on division by zero


_EXACT = 2 ** 53


def _bounded(v: float) -> float:
    """Whole numbers beyond a float's exact range become floats (infinity at the far end), so
    a chain of multiplications never builds a huge integer, nor one too big to divide."""
    if isinstance(v, int) and not -_EXACT <= v <= _EXACT:
        try:
            return float(v)
        except OverflowError:
            return float("inf") if v > 0 else float("-inf")
    return v


@dataclass(frozen=True)
class Compare:
    op: str
    left: "Expr"
    right: "Expr"

    def operands(self, env: Env) -> Tuple[object, object]:
        a, b = self.left.eval(env), self.right.eval(env)
        # `tier >= 'trusted'` compares ranks, not strings.
        if _is_tier(self.left) and isinstance(self.right, Const):
            return env.tier_rank(str(a)), env.tier_rank(str(b))
        if _is_tier(self.right) and isinstance(self.left, Const):
            return env.tier_rank(str(a)), env.tier_rank(str(b))
        return a, b

    def eval(self, env: Env) -> object:
        a, b = self.operands(env)
        return compare(self.op, a, b)


Expr = Union[Const, Name, Call, Not, Neg, Logic, Arith, Compare]


def children(e: Expr) -> Tuple[Expr, ...]:
    if isinstance(e, (Logic, Arith)):
        return e.operands
    if isinstance(e, Compare):
        return (e.left, e.right)
    if isinstance(e, (Not, Neg)):
        return (e.operand,)
    return ()


def _is_tier(e: "Expr") -> bool:
    return isinstance(e, Name) and e.name == "tier"


def truthy(v: object) -> bool:
    return bool(v)


def number(v: object) -> float:
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return v
    return 0.0


def compare(op: str, a: object, b: object) -> bool:
    if op == "==":
        return a == b
    if op == "!=":
        return a != b
    if isinstance(a, str) != isinstance(b, str):
        return False  # ordering a string against a number is always false, never an exception
    if op == "<":
        return bool(a < b)  # type: ignore[operator]
    if op == "<=":
        return bool(a <= b)  # type: ignore[operator]
    if op == ">":
        return bool(a > b)  # type: ignore[operator]
    return bool(a >= b)  # type: ignore[operator]


# ---- tokenizer -----------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d+)?|\.\d+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\+|-|\*|/|,)
  | (?P<bad>.)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    col: int  # 1-based


def tokenize(src: str) -> List[Token]:
    tokens: List[Token] = []
    for m in _TOKEN.finditer(src):
        kind = m.lastgroup or ""
        if kind == "ws":
            continue
        if kind == "bad":
            i = m.start()
            ch = src[i]
            if ch in "'\"":
                raise ConditionError(_("this string is never closed"), i + 1,
                                     _("add the closing quote"))
            raise ConditionError(_("unexpected character {char}").format(char=repr(ch)), i + 1,
                                 _char_hint(ch, src[i + 1:i + 2], src[i - 1:i]))
        tokens.append(Token(kind, m.group(), m.start() + 1))
    tokens.append(Token("end", "", len(src) + 1))
    return tokens


def _char_hint(ch: str, after: str = "", before: str = "") -> str:
    if ch == "=" and before and before in "<>=!":  # `>==`, `===`: one `=` too many
        # Translators: the comparisons are condition code, kept as they are.
        return _("compare with one of `==`, `!=`, `<`, `<=`, `>`, `>=`")
    if ch == "=" and after and after in "<>!":
        return _write(f"{after}=")
    if ch in _CHAR_HINTS:
        return _(_CHAR_HINTS[ch])
    if ch.isalpha():  # 小费: a letter to its author, but not one a name can hold
        return _(ASCII_NAMES)
    return _("conditions use names, numbers, 'strings', comparisons, and/or/not and parentheses")


# Translators: for authors who write ids in their own script; `_` is the underscore.
ASCII_NAMES = N_("ids and the names in conditions and `{...}` use ASCII letters (a-z, A-Z), "
                 "digits and `_`; the text players see can be in any language")
# Translators: `and`, `or`, `not`, `==` and `!=` are condition code, kept as they are.
_CHAR_HINTS = {"=": N_("use `==` to compare"), "&": N_("use `and`"), "|": N_("use `or`"),
               "!": N_("use `not` or `!=`"), "!=": N_("use `!=` to compare")}
# Translators: what a condition function takes an id of (after "needs the id of").
_ID_KINDS = {"character": N_("`{fn}` needs the id of a character"),
             "scene": N_("`{fn}` needs the id of a scene"),
             "category": N_("`{fn}` needs the id of a category")}


def _unexpected(found: str) -> str:
    # Translators: `found` is code or "the end of the condition".
    return _("unexpected {found}").format(found=found)


def _write(code: str) -> str:
    # Translators: `code` is condition code to write instead.
    return _("write {code}").format(code=f"`{code}`")


# ---- parser --------------------------------------------------------------------------------

_COMPARE = ("==", "!=", "<", "<=", ">", ">=")


class _Parser:
    def __init__(self, src: str):
        self.src = src
        self.tokens = tokenize(src)
        self.i = 0
        self.depth = 0  # brackets, `not`s and minus signs open around the current token

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def expect(self, text: str, hint: str) -> Token:
        if self.tok.text != text:
            # Translators: `want` is a bracket, `found` what came instead (code or "the end
            # of the condition").
            raise ConditionError(_("expected {want} but found {found}").format(
                want=f"`{text}`", found=self._desc(self.tok)), self.tok.col, hint)
        return self.take()

    def nest(self) -> Token:
        """Take a bracket or unary operator, refusing nesting the tree walks cannot afford."""
        t = self.take()
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(_("this condition is nested too deeply"), t.col,
                                 _("brackets, `not` and minus signs may nest {depth} deep; "
                                   "chains such as `a and b and c` do not count").format(
                                       depth=MAX_NESTING))
        return t

    @staticmethod
    def _desc(t: Token) -> str:
        return _("the end of the condition") if t.kind == "end" else f"`{t.text}`"

    def parse(self) -> Expr:
        if self.tok.kind == "end":
            raise ConditionError(_("the condition is empty"), 1,
                                 _("write e.g. {code}").format(code="`score >= 4.0`"))
        e = self.parse_or()
        if self.tok.text in ("is", "equals"):
            raise self._is_word(e)
        if self.tok.kind != "end":
            hint = _("join conditions with `and` or `or`")
            if self.tok.text == ")":
                hint = _("this `)` has no matching `(`")
            raise ConditionError(_unexpected(self._desc(self.tok)), self.tok.col, hint)
        return e

    def _is_word(self, before: Expr) -> ConditionError:
        """`friend(greta) is true`: English words for comparing; say what to write instead."""
        word, col = self.tok.text, self.tok.col
        after = self.tokens[self.i + 1].text if self.i + 1 < len(self.tokens) else ""
        left = unparse(before)
        if after == "true":
            # Translators: `code` is the author's condition, kept as written.
            hint = _("{code} is already true or false: write just {code}").format(
                code=f"`{left}`")
        elif after == "false":
            hint = _write(f"not {left}")
        elif after == "not":
            hint = _(_CHAR_HINTS["!="])
        else:
            hint = _(_CHAR_HINTS["="])
        # Translators: `word` is the English word the author wrote ("is", "equals").
        return ConditionError(_("conditions do not use the word {word}").format(
            word=f"`{word}`"), col, hint)

    def parse_or(self) -> Expr:
        return self._logic("or", self.parse_and)

    def parse_and(self) -> Expr:
        return self._logic("and", self.parse_not)

    def _logic(self, op: str, operand: Callable[[], Expr]) -> Expr:
        items = [operand()]
        while self.tok.text == op:
            self.take()
            items.append(operand())
        return items[0] if len(items) == 1 else Logic(op, tuple(items))

    def parse_not(self) -> Expr:
        return self._unary("not", Not, self.parse_cmp)

    def parse_cmp(self) -> Expr:
        e = self.parse_sum()
        if self.tok.text in _COMPARE:
            op = self.take().text
            e = Compare(op, e, self.parse_sum())
            if self.tok.text in _COMPARE:
                raise ConditionError(_("comparisons cannot be chained"), self.tok.col,
                                     _write("a < b and b < c"))
        return e

    def parse_sum(self) -> Expr:
        return self._chain(("+", "-"), self.parse_term)

    def parse_term(self) -> Expr:
        return self._chain(("*", "/"), self.parse_unary)

    def _chain(self, ops: Tuple[str, ...], operand: Callable[[], Expr]) -> Expr:
        items, joins = [operand()], []
        while self.tok.text in ops:
            joins.append(self.take().text)
            items.append(operand())
        return items[0] if len(items) == 1 else Arith(tuple(joins), tuple(items))

    def parse_unary(self) -> Expr:
        return self._unary("-", Neg, self.parse_atom)

    def _unary(self, word: str, node: Callable[[Expr], Expr], operand: Callable[[], Expr]
               ) -> Expr:
        count = 0
        while self.tok.text == word:  # a loop, not recursion: `not not not ...` is flat here
            self.nest()
            count += 1
        e = operand()
        for _n in range(count):
            e = node(e)
        self.depth -= count
        return e

    def parse_atom(self) -> Expr:
        t = self.tok
        if t.text == "(":
            self.nest()
            e = self.parse_or()
            self.expect(")", _("a `(` is never closed"))
            self.depth -= 1
            return e
        if t.kind == "num":
            self.take()
            if len(t.text) > 30:
                raise ConditionError(_("this number is too long"), t.col, "")
            return Const(float(t.text) if "." in t.text else int(t.text))
        if t.kind == "str":
            self.take()
            return Const(t.text[1:-1])
        if t.kind == "name":
            return self.parse_name()
        if t.kind == "end":
            raise ConditionError(_("the condition ends too early"), t.col,
                                 _("something is missing after the last operator"))
        raise ConditionError(_unexpected(self._desc(t)), t.col,
                             _("expected a number, a 'string', a name or `(`"))

    def parse_name(self) -> Expr:
        t = self.take()
        if t.text in ("true", "false"):
            return Const(t.text == "true")
        if t.text in ("and", "or", "not"):
            # Translators: `word` is `and`, `or` or `not`.
            raise ConditionError(_("{word} needs something before it").format(
                word=f"`{t.text}`"), t.col, "")
        if self.tok.text == "(":
            return self.parse_call(t)
        return Name(t.text, t.col)

    def parse_call(self, fn: Token) -> Expr:
        if fn.text not in FUNCTIONS:
            from .suggest import did_you_mean
            raise ConditionError(_("unknown function {name}").format(name=f"`{fn.text}`"),
                                 fn.col, did_you_mean(fn.text, FUNCTIONS) or
                                 _("functions are {names}").format(
                                     names=", ".join(sorted(FUNCTIONS))))
        self.take()
        arg = self.tok
        if arg.kind not in ("name", "str"):
            raise ConditionError(_(_ID_KINDS[FUNCTIONS[fn.text]]).format(fn=fn.text), arg.col,
                                 _("write e.g. {code}").format(code=f"`{fn.text}(maya)`"))
        self.take()
        self.expect(")", _("{fn} takes exactly one id").format(fn=f"`{fn.text}`"))
        name = arg.text.strip("'\"")
        return Call(fn.text, name, fn.col, arg.col)


@functools.lru_cache(maxsize=4096)
def parse(src: str) -> Expr:
    """Parse a condition; raises ConditionError with a column on bad syntax. Trees are
    immutable, so a condition written many times in a pack is parsed once."""
    return _Parser(src).parse()


# ---- introspection -------------------------------------------------------------------------

def walk(e: Expr) -> List[Expr]:
    """Every node of a tree in reading order, iteratively (the loader calls this for every
    condition)."""
    out, stack = [], [e]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(children(n)))
    return out


def depth(e: Expr) -> int:
    """How many nodes deep a tree is (at most MAX_TREE_DEPTH for a parsed condition)."""
    deepest, stack = 0, [(e, 1)]
    while stack:
        n, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in children(n))
    return deepest


def names_read(e: Expr) -> Iterator[Name]:
    return (n for n in walk(e) if isinstance(n, Name) and n.name not in SPECIAL_NAMES)


def calls(e: Expr) -> Iterator[Call]:
    return (n for n in walk(e) if isinstance(n, Call))


def tier_literals(e: Expr) -> Iterator[Const]:
    """Tier names compared with `tier` (e.g. 'trusted' in `tier >= 'trusted'`)."""
    for n in walk(e):
        if isinstance(n, Compare):
            if _is_tier(n.left) and isinstance(n.right, Const):
                yield n.right
            elif _is_tier(n.right) and isinstance(n.left, Const):
                yield n.left


# ---- plain-data form, for the compiled-pack cache ------------------------------------------
# These recurse: a parsed tree is at most MAX_TREE_DEPTH deep.

def to_data(e: Expr) -> List[Any]:
    if isinstance(e, Const):
        return ["c", e.value]
    if isinstance(e, Name):
        return ["n", e.name, e.col]
    if isinstance(e, Call):
        return ["f", e.fn, e.arg, e.col, e.arg_col]
    if isinstance(e, (Not, Neg)):
        return ["!" if isinstance(e, Not) else "~", to_data(e.operand)]
    if isinstance(e, Logic):
        return ["l", e.op, [to_data(x) for x in e.operands]]
    if isinstance(e, Arith):
        return ["a", list(e.ops), [to_data(x) for x in e.operands]]
    return ["=", e.op, to_data(e.left), to_data(e.right)]


def from_data(d: List[Any]) -> Expr:
    k = d[0]
    if k == "c":
        return Const(d[1])
    if k == "n":
        return Name(d[1], d[2])
    if k == "f":
        return Call(d[1], d[2], d[3], d[4])
    if k == "!":
        return Not(from_data(d[1]))
    if k == "~":
        return Neg(from_data(d[1]))
    if k == "l":
        return Logic(d[1], tuple(from_data(x) for x in d[2]))
    if k == "a":
        return Arith(tuple(d[1]), tuple(from_data(x) for x in d[2]))
    return Compare(d[1], from_data(d[2]), from_data(d[3]))


# How tightly each node binds; a child binding no tighter than its parent needs brackets.
_BINDING = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "*": 6, "-": 7, "atom": 8}


def _binding(e: Expr) -> int:
    if isinstance(e, Logic):
        return _BINDING[e.op]
    if isinstance(e, Not):
        return _BINDING["not"]
    if isinstance(e, Compare):
        return _BINDING["cmp"]
    if isinstance(e, Arith):
        return _BINDING["+"] if e.ops[0] in "+-" else _BINDING["*"]
    if isinstance(e, Neg):
        return _BINDING["-"]
    return _BINDING["atom"]


def unparse(e: Expr) -> str:
    """Readable source for an expression (used in generated lock reasons and graphs), with
    brackets only where they are needed, so it parses back to the same tree."""
    if isinstance(e, Const):
        if isinstance(e.value, bool):
            return "true" if e.value else "false"
        return repr(e.value) if isinstance(e.value, str) else str(e.value)
    if isinstance(e, Name):
        return e.name
    if isinstance(e, Call):
        return f"{e.fn}({e.arg})"
    if isinstance(e, Not):
        return f"not {_operand(e.operand, _BINDING['not'] - 1)}"
    if isinstance(e, Neg):
        return f"-{_operand(e.operand, _BINDING['-'] - 1)}"
    if isinstance(e, Compare):
        here = _BINDING["cmp"]
        return f"{_operand(e.left, here)} {e.op} {_operand(e.right, here)}"
    here = _binding(e)
    ops = (e.op,) * (len(e.operands) - 1) if isinstance(e, Logic) else e.ops
    words = [_operand(e.operands[0], here)]
    for op, x in zip(ops, e.operands[1:]):
        words.append(f"{op} {_operand(x, here)}")
    return " ".join(words)


def _operand(e: Expr, loosest: int) -> str:
    """`e` as an operand, bracketed when it binds no tighter than `loosest`."""
    text = unparse(e)
    return f"({text})" if _binding(e) <= loosest else text
