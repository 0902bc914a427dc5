"""Build the bundled fallback fonts: small subsets of OFL Noto fonts, one per script the
bundled packs use. Run at build time only (fontTools is not a runtime dependency):

    python3 tools/subset_fonts.py [--noto-dir /usr/share/fonts]

Sources on Debian: fonts-noto-core (Sans, Arabic, Devanagari) and fonts-noto-cjk (Sans CJK).
Han is cut to the 3,755 characters of GB 2312 level 1 (the standard "common characters" list,
taken from Python's own gb2312 codec) plus every Han character the bundled packs and the game's
catalogues (game/locale/*/LC_MESSAGES/standing.po) use, so neither a pack's translation nor the
game's own words ever meet a box while the repository stays small.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont, TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts"  # beside the Latin fonts: one data-files glob ships them

PUNCT = [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x205E)]
TARGETS = {
    # output name: (source file, [(first, last) code point ranges], add pack Han?)
    "NotoSans-Cyrillic-Greek.ttf": ("truetype/noto/NotoSans-Regular.ttf",
                                    [(0x370, 0x3FF), (0x400, 0x52F), (0x1F00, 0x1FFF)], False),
    "NotoSansArabic-Subset.ttf": ("truetype/noto/NotoSansArabic-Regular.ttf",
                                  [(0x600, 0x6FF), (0x750, 0x77F), (0xFB50, 0xFDFF),
                                   (0xFE70, 0xFEFF)], False),
    "NotoSansDevanagari-Subset.ttf": ("truetype/noto/NotoSansDevanagari-Regular.ttf",
                                      [(0x900, 0x97F), (0xA8E0, 0xA8FF), (0x200C, 0x200D)], False),
    "NotoSansSC-Subset.otf": ("opentype/noto/NotoSansCJK-Regular.ttc",
                              [(0x3000, 0x303F), (0xFF00, 0xFFEF), (0x2E80, 0x2EFF)], True),
}


def common_hanzi() -> set[int]:
    """GB 2312 level 1: rows 16-55, the 3,755 most used characters."""
    out = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def pack_chars(folders) -> set[int]:
    """Every character above U+2000 in the packs' YAML and Markdown (episodes, translations,
    guides) and the catalogues' .po files under `folders`."""
    text = "".join(p.read_text("utf-8", "replace") for folder in folders
                   for p in sorted(folder.rglob("*"))
                   if p.suffix in (".yaml", ".yml", ".md", ".po"))
    return {ord(c) for c in text if ord(c) > 0x2000}


def load(path: Path) -> TTFont:
    if path.suffix == ".ttc":  # the collection's SC face: Noto Sans CJK SC is font 2
        for font in TTCollection(str(path)).fonts:
            if "SC" in font["name"].getDebugName(1):
                return font
    return TTFont(str(path))


def build(name: str, src: Path, ranges, han: bool, folders) -> None:
    font = load(src)
    cmap = font.getBestCmap()
    wanted = {cp for a, b in ranges + PUNCT for cp in range(a, b + 1)}
    if han:
        wanted |= common_hanzi() | {cp for cp in pack_chars(folders) if 0x2E80 <= cp <= 0x9FFF}
    opts = subset.Options()
    opts.layout_features = ["*"]  # Arabic joining and Devanagari conjuncts need GSUB/GPOS
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(cp for cp in wanted if cp in cmap))
    sub.subset(font)
    OUT.mkdir(parents=True, exist_ok=True)
    font.save(str(OUT / name))
    print(f"{name}: {len(font.getBestCmap())} chars, {(OUT / name).stat().st_size // 1024} KiB")


def write_coverage() -> None:
    """assets/fonts/coverage.txt: the code points every bundled font covers, as ranges, so the
    validator can tell what the game can draw without fontTools or pygame at run time."""
    lines = ["# font file: covered code point ranges (hex), made by tools/subset_fonts.py"]
    subsets = [OUT / name for name in TARGETS]  # after the Latin fonts, in fallback order
    fonts = sorted(p for p in OUT.glob("*.ttf") if p not in subsets) + subsets
    for path in fonts:
        cps = sorted(TTFont(str(path)).getBestCmap())
        ranges, start, prev = [], cps[0], cps[0]
        for cp in cps[1:] + [-1]:
            if cp != prev + 1:
                ranges.append(f"{start:x}" if start == prev else f"{start:x}-{prev:x}")
                start = cp
            prev = cp
        lines.append(f"{path.relative_to(ROOT / 'assets' / 'fonts')}: {' '.join(ranges)}")
    (ROOT / "assets" / "fonts" / "coverage.txt").write_text("\n".join(lines) + "\n", "utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--noto-dir", default="/usr/share/fonts", type=Path)
    ap.add_argument("--coverage-only", action="store_true", help="only rewrite coverage.txt")
    ap.add_argument("--also", type=Path, action="append", default=[],
                    help="another folder of packs whose characters to keep (e.g. a branch's)")
    args = ap.parse_args(argv)
    if args.coverage_only:
        write_coverage()
        return 0
    for name, (src, ranges, han) in TARGETS.items():
        build(name, args.noto_dir / src, ranges, han,
              [ROOT / "story", ROOT / "game" / "locale"] + args.also)
    write_coverage()
    return 0


if __name__ == "__main__":
    sys.exit(main())
