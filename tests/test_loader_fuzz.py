"""Mangled packs never crash the loader: every run ends in diagnostics, never a traceback,
within the fuzz budgets of time and memory (tests/fuzzutil.py)."""
import io
import random
import re
import shutil
import stat
import warnings
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TUTORIAL
from fuzzutil import fuzz, memory_budget
from game.commands.import_pack import ImportRefused, read_zip
from game.packs import load_pack
from game.packs.plans import read_plans
from packutil import PACK_YAML, write_pack

FILES = ["pack.yaml", "episodes/01-coffee.yaml", "episodes/02-commute.yaml"]


def mangle(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.3:
            del lines[i]
        elif op < 0.6 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(":{}[]-'\"!&*|>#% \t0a") + lines[i][j + 1:]
        elif op < 0.8:
            lines.insert(i, lines[rng.randrange(len(lines))])
        else:
            lines[i] = lines[i].replace("  ", " ", 1)
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(8))
def test_mangled_tutorial_never_crashes(tmp_path, seed):
    rng = random.Random(seed)
    for i in range(25):
        d = tmp_path / f"p{i}"
        shutil.copytree(TUTORIAL, d)
        f = d / rng.choice(FILES)
        f.write_text(mangle(f.read_text(), rng))
        r = load_pack(str(d))
        assert r.ok or r.errors
        for diag in r.diagnostics:
            assert diag.line >= 0 and diag.format()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_as_an_episode_file_never_crashes(tmp_path_factory, body):
    folder = write_pack(tmp_path_factory.mktemp("p"), pack=PACK_YAML,
                        episodes={"one.yaml": body})
    r = load_pack(str(folder))
    assert r.errors or r.ok


# ---- structured mutations of a real pack, as a folder and as a zip (issue 14 §11) ----------

TEXT_FILES = FILES + ["plans.yaml"]
KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):", re.M)
VALUE = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:)[ \t]+(\S.*)$", re.M)
ODD_VALUES = ["9" * 400, "-1e999", ".nan", ".inf", "null", "~", "[]", "{}", "''", "|", ">-",
              "!!python/object/apply:os.system ['true']", "!custom x", "'unclosed", "\"\\e[2J\"",
              "\"\\x00\\u202e\"", "*nowhere", "<<: *a", "2026-01-01", "0x1F", "0o17", "yes",
              "{a: [b, {c: d}]}", "- x", "#", "&a", "x" * 3000]
ODD_KEYS = ["goto", "if", "effects", "text", "ending", "choices", "scenes", "id", "<<", "? x",
            "1", "true", "é", "a" * 300, "-", "[a]", "{}", "'q'"]
odd_text = st.text(max_size=40)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1"]


def _splice(pattern, text: str, draw, new: str) -> str:
    """`text` with group 2 of one match of `pattern` replaced by `new`."""
    spots = list(pattern.finditer(text))
    if not spots:
        return text + "\nx: " + new
    m = spots[draw(st.integers(0, len(spots) - 1))]
    return text[:m.start(2)] + new + text[m.end(2):]


def _alias(text: str, draw) -> str:
    """Anchor one value and alias it from many others (aliases count against the budget)."""
    spots = list(VALUE.finditer(text))
    if len(spots) < 2:
        return text
    first = draw(st.integers(0, len(spots) - 1))
    users = set(draw(st.lists(st.integers(0, len(spots) - 1), max_size=30)))
    out, last = [], 0
    for i, m in enumerate(spots):
        if i == first:
            out.append(text[last:m.start(2)] + "&a " + m.group(2))
        elif i in users:
            out.append(text[last:m.start(2)] + "*a")
        else:
            continue
        last = m.end(2)
    return "".join(out) + text[last:]


def _nest(draw) -> str:
    n = draw(st.integers(1, 3000))
    return draw(st.sampled_from(["[" * n + "]" * n, "{a: " * n + "1" + "}" * n,
                                 "\n" + "".join("  " * i + "- \n" for i in range(min(n, 400)))]))


MUTATIONS = ["line", "key", "value", "alias", "nest", "bytes"]


@st.composite
def mutated_files(draw):
    """The tutorial's files with a few structured mutations, as bytes by path."""
    files = {p.relative_to(TUTORIAL).as_posix(): p.read_bytes()
             for p in TUTORIAL.rglob("*") if p.is_file()}
    texts = {name: files[name].decode("utf-8") for name in TEXT_FILES}
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(TEXT_FILES))
        text = texts[name]
        kind = draw(st.sampled_from(MUTATIONS))
        if kind == "line":
            text = mangle(text, random.Random(draw(st.integers(0, 2 ** 32))))
        elif kind == "key":
            text = _splice(KEY, text, draw, draw(st.sampled_from(ODD_KEYS) | odd_text))
        elif kind == "value":
            text = _splice(VALUE, text, draw, draw(st.sampled_from(ODD_VALUES) | odd_text))
        elif kind == "alias":
            text = _alias(text, draw)
        elif kind == "nest":
            text = _splice(VALUE, text, draw, _nest(draw))
        texts[name] = text
        files[name] = draw(st.binary(max_size=2000)) if kind == "bytes" else \
            text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.booleans()):  # an extra file with an odd name
        odd = draw(st.sampled_from(["episodes/ x .yaml", "episodes/é.yaml", "episodes/.hidden.yaml",
                                    "episodes/" + "n" * 200 + ".yaml", "episodes/a.YAML",
                                    "episodes/deep/er/x.yaml", "GUIDE.md.yaml", "art/x.png"]))
        files[odd] = draw(st.binary(max_size=300) | st.sampled_from([files[FILES[1]], b""]))
    return files


def _check(result) -> None:
    assert result.ok or result.errors
    for diag in result.diagnostics:
        assert diag.line >= 0 and diag.format()


@fuzz(100)
@given(mutated_files())
def test_a_mutated_pack_folder_ends_in_diagnostics_within_budget(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("p")
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    with memory_budget():
        result = load_pack(str(folder))
        _check(result)
        if result.source is not None:  # validate reads the story test plans too
            read_plans(result.source)


ZIP_NAMES = ["../evil.yaml", "/abs/evil.yaml", "a\\..\\..\\b.yaml", "C:/x.yaml", "x/../../y.yaml",
             "./pack.yaml", "episodes//01.yaml", "dir/", "é/pack.yaml", "x" * 250 + ".yaml",
             "top/pack.yaml", "top/episodes/01-coffee.yaml", "__MACOSX/._pack.yaml", ""]


@st.composite
def mutated_zips(draw):
    """A zip of a mutated tutorial: odd entry names, duplicates, symlink entries, compression
    methods, and damage to the archive's own bytes."""
    files = draw(mutated_files())
    prefix = draw(st.sampled_from(["", "tutorial/", "a/b/"]))
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                   zipfile.ZIP_LZMA]))
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point
        with zipfile.ZipFile(buf, "w", method) as zf:
            for name, data in files.items():
                zf.writestr(prefix + name, data)
            for name in draw(st.lists(st.sampled_from(ZIP_NAMES) | st.text(max_size=30),
                                      max_size=4)):
                info = zipfile.ZipInfo(name or "x")
                if draw(st.booleans()):
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16  # a symlink entry
                zf.writestr(info, draw(st.sampled_from([b"../../etc/passwd", b"", b"x: 1"])))
    raw = bytearray(buf.getvalue())
    for _ in range(draw(st.integers(0, 3))):  # flip bytes: sizes, offsets, names, data
        i = draw(st.integers(0, len(raw) - 1))
        raw[i] = draw(st.integers(0, 255))
    cut = draw(st.none() | st.integers(0, len(raw)))
    return bytes(raw[:cut] if cut is not None else raw)


@fuzz(100)
@given(mutated_zips())
def test_a_mutated_pack_zip_ends_in_diagnostics_or_a_refusal_within_budget(
        tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("z") / "pack.zip"
    path.write_bytes(raw)
    with memory_budget():
        _check(load_pack(str(path)))
        try:
            read_zip(path)
        except ImportRefused as e:
            assert str(e)
