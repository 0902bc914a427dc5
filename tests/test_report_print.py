"""Both report forms printed to PDF by headless Chromium, as a teacher would print them.

For each bundled pack's longest of eight seeded runs: the handout fits two A4 pages, the
teacher's record stays a sensible length, every word lies inside the page's printable area (no
table or chart runs off the page), and the printed text holds everything each form promises
(the handout nothing a teacher keeps). A run full of unbreakable 190-character words must stay
on the page too. Needs Debian's `chromium` and `poppler-utils` (pdfinfo, pdftotext); skipped
without them except in CI (`CI` set), where .ci/run installs them.
"""
import os
import random
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import STORY
from game.engine import Runtime
from game.engine.debrief import build_debrief
from game.packs import load_pack
from game.report import render_handout, render_teacher_record
from packutil import start, write_pack

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p), None)
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
if not (CHROMIUM and POPPLER) and not os.environ.get("CI"):
    pytest.skip("headless Chromium and poppler-utils are not installed (apt-get install "
                "chromium poppler-utils); CI installs them and runs this test",
                allow_module_level=True)

PACKS = ("tutorial", "sesame-month", "standing-city")
A4 = (595.3, 841.9)  # points
MM = 72 / 25.4
MARGINS = {"handout": (12 * MM, 10 * MM), "teacher": (14 * MM, 14 * MM)}  # sides, top


def print_pdf(html_path: Path) -> Path:
    """`html_path` printed to a PDF beside it by headless Chromium, with a fresh profile."""
    assert CHROMIUM and POPPLER, "CI must install chromium and poppler-utils (see .ci/run)"
    pdf = html_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                        html_path.as_uri()],
                       check=True, capture_output=True, timeout=180)
    return pdf


def pages(pdf: Path):
    """(page count, page size in points)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    w, h = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups()
    return count, (float(w), float(h))


def words(pdf: Path):
    """Every word with its box: (page, xmin, ymin, xmax, ymax, text)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    found, page = [], 0
    for m in re.finditer(r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="([\d.]+)">([^<]*)</word>', out):
        if m.group(0) == "<page ":
            page += 1
            continue
        found.append((page,) + tuple(float(g) for g in m.groups()[:4]) + (m.group(5),))
    return found


def printed_text(pdf: Path) -> str:
    """The PDF's text in the order it was laid out (table cells whole), flattened."""
    return flat(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                               capture_output=True, text=True).stdout)


def flat(text: str) -> str:
    """Text compared without whitespace or entities, as a PDF's words can break anywhere."""
    text = text.replace("&amp;", "&").replace("&quot;", '"').replace("&#39;", "'")
    return re.sub(r"\s+", "", text.replace("&lt;", "<").replace("&gt;", ">"))


def played(pack_name: str):
    """The longest of eight seeded random runs of a bundled pack to its last ending (the most
    choices and records: the hardest to fit)."""
    pack = load_pack(str(STORY / pack_name)).pack
    return max((_random_run(pack, seed) for seed in range(1, 9)),
               key=lambda rt: (len(build_debrief(rt.pack, rt.state).records)
                               + len(rt.state.history)))


def _random_run(pack, seed: int) -> Runtime:
    rt, pick = Runtime.start(pack, seed=seed), random.Random(seed)
    for _ in range(400):
        if rt.scene.ending is not None:
            if rt.next_episode is None:
                break
            rt.begin_next_episode()
        else:
            rt.choose(pick.choice([c.index for c in rt.choices if c.available]))
    return rt


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """{(pack, form): (runtime, pdf)} for every bundled pack and both forms, printed two at a
    time."""
    folder = tmp_path_factory.mktemp("print")
    jobs = {}
    for name in PACKS:
        rt = played(name)
        for form, render in (("handout", render_handout),
                             ("teacher", lambda p, s: render_teacher_record(p, [s]))):
            path = folder / f"{name}-{form}.html"
            path.write_text(render(rt.pack, rt.state), encoding="utf-8")
            jobs[(name, form)] = (rt, path)
    with ThreadPoolExecutor(2) as pool:
        pdfs = dict(zip(jobs, pool.map(print_pdf, [p for _, p in jobs.values()])))
    return {key: (jobs[key][0], pdfs[key]) for key in jobs}


def assert_on_the_page(pdf: Path, form: str) -> None:
    side, top = MARGINS[form]
    for page, x0, y0, x1, y1, text in words(pdf):
        where = f"page {page}: {text!r} at x {x0:.0f}..{x1:.0f}, y {y0:.0f}..{y1:.0f}"
        assert side - 2 <= x0 and x1 <= A4[0] - side + 2, "runs off the side: " + where
        assert top - 2 <= y0 and y1 <= A4[1] - top + 2, "runs off the foot: " + where


@pytest.mark.parametrize("name", PACKS)
def test_the_handout_fits_two_a4_pages_and_holds_what_it_promises(printed, name):
    rt, pdf = printed[(name, "handout")]
    count, size = pages(pdf)
    assert abs(size[0] - A4[0]) < 1 and abs(size[1] - A4[1]) < 1, size
    assert 1 <= count <= 2, f"{name}: the handout takes {count} pages"
    assert_on_the_page(pdf, "handout")
    text = printed_text(pdf)
    d = build_debrief(rt.pack, rt.state)
    shown = [e.text for e in d.timeline if len(e.offered) > 1 or e.records or e.ratings]
    shown += [r.saw for r in d.records] + [r.truth for r in d.records]
    shown += [p for e in d.endings for p in e.prompts] + [d.final_text, "Name", "Date"]
    for needed in shown:
        assert flat(needed) in text, f"{name}: {needed!r} is not printed"
    for teacher_only in [e.notes for e in d.endings if e.notes] + ["Facilitator guide",
                                                                   "For facilitators"]:
        assert flat(teacher_only) not in text, f"{name}: {teacher_only!r} is on the handout"


@pytest.mark.parametrize("name", PACKS)
def test_the_teachers_record_prints_everything_on_the_page(printed, name):
    rt, pdf = printed[(name, "teacher")]
    count, _ = pages(pdf)
    assert count <= 30, f"{name}: the teacher's record of one run takes {count} pages"
    assert_on_the_page(pdf, "teacher")
    text = printed_text(pdf)
    d = build_debrief(rt.pack, rt.state)
    needed = [e.text for e in d.timeline] + [r.saw for r in d.records]
    needed += [r.truth for r in d.records] + [f.note for f in d.facts]
    needed += [x for e in d.endings for x in (e.notes, *e.prompts) if x]
    needed += ["Facilitator guide", "The algorithm, revealed"]
    needed += [t.name for t in d.regime.tiers]
    for n in needed:
        assert flat(n) in text, f"{name}: {n!r} is not printed"


WIDE = "W" * 190  # one word no column can hold, under the 200-character label cap
WIDE_PACK = """\
format: 1
id: wide
title: Wide
regime:
  scale: {min: 1.0, max: 5.0, start: 4.0, decimals: 3}
  categories:
    c: {label: %(w)s, weight: 1.0}
  tiers:
    low: {name: %(w)s, min: 1.0, perks: [%(w)s]}
""" % {"w": WIDE}
WIDE_EPISODE = """\
episode: e
title: %(w)s
scenes:
  a:
    text: A
    choices:
      - text: %(w)s
        effects:
          - record: {category: c, impact: -0.1, saw: %(w)s, truth: %(w)s}
        goto: b
      - text: other %(w)s
        goto: b
  b:
    text: B
    ending: {title: %(w)s, tone: bleak, debrief: %(w)s, prompts: [%(w)s], notes: %(w)s}
""" % {"w": WIDE}


def test_unbreakable_words_stay_on_the_page(tmp_path):
    rt = start(write_pack(tmp_path / "wide", pack=WIDE_PACK, episodes={"e.yaml": WIDE_EPISODE}))
    rt.choose(0)
    handout, teacher = tmp_path / "handout.html", tmp_path / "teacher.html"
    handout.write_text(render_handout(rt.pack, rt.state), encoding="utf-8")
    teacher.write_text(render_teacher_record(rt.pack, [rt.state]), encoding="utf-8")
    with ThreadPoolExecutor(2) as pool:
        pdfs = list(pool.map(print_pdf, [handout, teacher]))
    for pdf, form in zip(pdfs, ("handout", "teacher")):
        assert_on_the_page(pdf, form)
        text = printed_text(pdf)
        assert text.count(WIDE) >= 4, form  # broken across lines, but all there
