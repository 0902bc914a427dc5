"""Files a pack holds or names: folder walks, links out, pictures (header check before any
decode), guides, and the tiers' layout."""
import io
import os
import struct
import zipfile

import pytest

from game.packs import load_pack
from game.packs import sources
from game.packs.images import ImageError, check, probe
from game.packs.loader import read_info
from game.packs.sources import read_asset
from hostile_packs import deep_folders, huge_guide, huge_png_header
from packutil import EPISODE, PACK_YAML, diags, png_bytes, write_pack


def where(d):
    return d.code, d.file.rsplit("/", 1)[-1], d.line, d.column


# ---- folders ---------------------------------------------------------------------------------

def test_folders_nested_too_deep_are_reported_not_walked(tmp_path):
    # os.walk recursed once per level: 1,000 levels crashed it (and shutil.rmtree, which
    # pytest uses to clean up, so this test stays shallower and bench/ goes deeper)
    (d,) = diags(deep_folders(tmp_path / "p", depth=300))
    assert d.code == "SP003" and d.line == 0
    assert d.file.endswith("/p/" + "/".join(["a"] * 17))
    assert d.message == "folders here are nested more than 16 deep; nothing below is read"


def test_episode_files_in_subfolders_are_still_read(tmp_path):
    folder = write_pack(tmp_path / "p", episodes={"eps/deeper/one.yaml": EPISODE})
    assert load_pack(str(folder)).ok


def test_a_folder_of_too_many_names_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_ENTRIES", 50)
    folder = write_pack(tmp_path / "p")
    for i in range(60):
        (folder / f"junk{i}.txt").write_text("x")
    (d,) = diags(folder)
    assert d.code == "SP003" and "more than 50 files and folders" in d.message


def test_a_link_to_a_parent_folder_is_not_followed(tmp_path):
    folder = write_pack(tmp_path / "p")
    os.symlink("..", folder / "loop")
    assert load_pack(str(folder)).ok


def test_a_pack_yaml_linking_out_of_the_pack_is_refused(tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text(PACK_YAML)
    folder = write_pack(tmp_path / "p")
    (folder / "pack.yaml").unlink()
    os.symlink(outside, folder / "pack.yaml")
    info, found = read_info(str(folder))
    assert info is None
    assert [(d.code, d.file.rsplit("/", 1)[-1], d.message) for d in found][0] == (
        "SP019", "pack.yaml", "pack.yaml is a link to a file outside the pack; it is not read")
    assert not load_pack(str(folder)).ok


# ---- pictures --------------------------------------------------------------------------------

def _gif(w, h, fw, fh):
    return b"GIF89a" + struct.pack("<HHBBB", w, h, 0, 0, 0) + b"!\xf9\x04\x00\x00\x00\x00\x00" \
        + b"," + struct.pack("<HHHHB", 0, 0, fw, fh, 0) + b"\x02\x02D\x01\x00;"


def _webp_vp8x(w, h):
    body = b"VP8X" + struct.pack("<I", 10) + b"\0\0\0\0" + (w - 1).to_bytes(3, "little") + \
        (h - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def _saved(ext, size=(5, 3)):
    import pygame
    out = io.BytesIO()
    pygame.image.save(pygame.Surface(size), out, "x." + ext)
    return out.getvalue()


@pytest.mark.parametrize("name, data, size", [
    ("a.png", png_bytes(7, 4), (7, 4)),
    ("a.jpg", "jpg", (5, 3)),
    ("a.bmp", "bmp", (5, 3)),
    ("a.gif", _gif(10, 10, 40, 20), (40, 20)),  # the first frame may outgrow the screen
    ("a.webp", _webp_vp8x(300, 200), (300, 200)),
])
def test_picture_sizes_come_from_the_header(name, data, size):
    data = _saved(data) if isinstance(data, str) else data
    pic = check(data, name)
    assert (pic.width, pic.height) == size


@pytest.mark.parametrize("name, data, problem", [
    ("a.png", png_bytes(30000, 30000, pixels=False), "is 30,000 x 30,000 pixels; the limit is "
     "8,192 pixels a side and 16,777,216 pixels in all"),
    ("a.png", png_bytes(8000, 8000, pixels=False), "is 8,000 x 8,000 pixels"),
    ("a.gif", _gif(10, 10, 65535, 65535), "is 65,535 x 65,535 pixels"),
    ("a.webp", _webp_vp8x(16384, 16384), "is 16,384 x 16,384 pixels"),
    ("a.tga", png_bytes(), "holds a PNG picture, but its name does not end with .png"),
    ("a.png", b"\x89PNG\r\n\x1a\n", "has a header that is cut short or damaged"),
    ("a.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "is not a PNG, JPEG, GIF, BMP or "
     "WebP picture"),
    ("a.png", png_bytes(0, 5), "is 0 x 5 pixels: it is empty"),
])
def test_pictures_over_the_limits_are_refused_from_the_header(name, data, problem):
    with pytest.raises(ImageError) as e:
        check(data, name)
    assert str(e.value).startswith(problem)


def test_a_jpeg_size_is_found_past_its_other_segments():
    jpg = _saved("jpg", (9, 6))
    exif = b"\xff\xe1" + struct.pack(">H", 2 + 5000) + b"\0" * 5000
    assert (probe(jpg[:2] + exif + jpg[2:]).width, probe(jpg).height) == (9, 6)


def test_a_huge_picture_is_a_positioned_error_at_load(tmp_path):
    (d,) = diags(huge_png_header(tmp_path / "p"))
    assert where(d) == ("SP032", "one.yaml", 6, 12)
    assert d.message.startswith("the picture `big.png` is 30,000 x 30,000 pixels")


def test_a_huge_picture_file_is_refused_from_its_first_bytes(tmp_path):
    folder = huge_png_header(tmp_path / "p")
    with open(folder / "big.png", "r+b") as fh:  # a 3 GB file (sparse) with a small header
        fh.write(png_bytes(64, 64, pixels=False))
        fh.truncate(3 * 2 ** 30)
    (d,) = diags(folder)
    assert where(d) == ("SP032", "one.yaml", 6, 12)
    assert d.message == "the picture `big.png` is 3072.0 MiB; the limit is 16 MiB"
    assert read_asset(str(folder), "big.png") is None


def test_read_asset_hands_the_window_no_picture_over_the_limits(tmp_path):
    folder = huge_png_header(tmp_path / "p")
    assert read_asset(str(folder), "big.png") is None
    (folder / "ok.png").write_bytes(png_bytes())
    assert read_asset(str(folder), "ok.png") == png_bytes()
    (folder / "odd.tga").write_bytes(png_bytes())
    assert read_asset(str(folder), "odd.tga") is None


def test_read_asset_checks_pictures_in_zips_too(tmp_path):
    folder = huge_png_header(tmp_path / "p")
    z = tmp_path / "p.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f.name)
    assert read_asset(str(z), "big.png") is None
    assert [d.code for d in diags(z)] == ["SP032"]


# ---- guides ----------------------------------------------------------------------------------

def _with_guide(tmp_path, name, data):
    folder = write_pack(tmp_path / "p", PACK_YAML + f"guide: {name}\n")
    (folder / name).write_bytes(data)
    return folder


def test_a_huge_guide_is_refused_without_reading_it(tmp_path):
    (d,) = diags(huge_guide(tmp_path / "p"))  # 3 GB, sparse
    assert where(d) == ("SP003", "pack.yaml", 6, 8)
    assert d.message == "the guide `guide.md` is over the limit of 1,024 KiB"


def test_a_guide_must_be_markdown(tmp_path):
    (d,) = diags(_with_guide(tmp_path, "guide.pdf", b"%PDF-1.4"))
    assert (d.code, d.message) == ("SP019", "the guide `guide.pdf` is not a Markdown file")


def test_a_guide_must_be_utf8(tmp_path):
    (d,) = diags(_with_guide(tmp_path, "guide.md", b"# Caf\xe9\n"))
    assert where(d) == ("SP002", "guide.md", 1, 6)


def test_a_sound_guide_passes(tmp_path):
    assert load_pack(str(_with_guide(tmp_path, "guide.md", b"# Guide\n\nTalk.\n"))).ok


def test_reading_a_big_file_of_the_pack_stops_at_the_limit(tmp_path):
    folder = huge_guide(tmp_path / "p")
    source = sources.open_source(str(folder), meta_only=True)
    with pytest.raises(sources.SourceError) as e:
        source.read("guide.md", 1024)
    assert e.value.too_large


# ---- tiers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("tiers, expected", [
    ("low: {min: 2.0}\n    high: {min: 4.0}",
     [(10, "scores from 1.000 to 2.000 have no tier of their own, so they count as `low`")]),
    ("low: {min: 1.0}\n    mid: {min: 3.5}\n    also: {min: 3.5}",
     [(12, "`also` starts at the same score as `mid`, so one of them never applies")]),
    ("low: {min: 1.0}\n    gold: {min: 6.0}",
     [(11, "`gold` starts at 6.000, above the top of the scale (5.000), so no score "
       "reaches it")]),
    ("low: {min: 0}\n    high: {min: 4.0}", []),
])
def test_tier_layout_warnings(tmp_path, tiers, expected):
    pack = PACK_YAML.replace("""    low: {min: 1.0}
    mid: {name: Middling, min: 3.5}
    high: {name: Trusted, min: 4.2, perks: [Fast lane]}""", "    " + tiers)
    found = [d for d in diags(write_pack(tmp_path / "p", pack)) if d.code == "SP033"]
    assert [(d.line, d.message) for d in found] == expected
    assert all(d.severity == "warning" for d in found)


def test_every_reader_of_guides_gets_them_through_one_limited_door(tmp_path):
    folder = huge_guide(tmp_path / "p")
    with pytest.raises(sources.SourceError) as e:
        sources.guide_bytes(str(folder), "guide.md")
    assert e.value.too_large
    with pytest.raises(sources.SourceError):
        sources.guide_bytes(str(folder), "pack.yaml")
    (folder / "guide.md").write_bytes(b"# Guide\n")
    assert sources.guide_bytes(str(folder), "guide.md") == b"# Guide\n"


def test_a_pack_over_the_yaml_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_TEXT_BYTES", 2048)
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": EPISODE, "two.yaml": "#" * 2000})
    (d,) = diags(folder)
    assert d.code == "SP003" and "2 KiB of YAML and Markdown" in d.message


def test_a_cached_pack_that_grows_too_deep_is_reported(tmp_path, monkeypatch):
    from game.packs.cache import load_cached
    monkeypatch.setenv("STANDING_HOME", str(tmp_path / "home"))
    folder = write_pack(tmp_path / "p")
    assert load_cached(str(folder)).ok
    deep = folder / "/".join(["d"] * 20)
    deep.mkdir(parents=True)
    assert [d.code for d in load_cached(str(folder)).errors] == ["SP003"]


def test_a_guide_name_too_long_for_the_file_system_is_missing_not_a_crash(tmp_path):
    """Found by fuzzing: a 400-character name made the folder check raise ENAMETOOLONG."""
    folder = write_pack(tmp_path / "p", PACK_YAML + f"guide: {'9' * 400}.md\n")
    assert [d.code for d in diags(folder)] == ["SP019"]


def test_a_zip_entry_with_an_empty_name_is_a_damaged_zip(tmp_path):
    """zipfile reads past an empty entry name (the fuzzer found it): a refusal, not a crash."""
    path = tmp_path / "bad.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pack.yaml", PACK_YAML)
        zf.writestr(zipfile.ZipInfo(""), b"")
    result = load_pack(str(path))
    assert result.pack is None and result.errors
    assert "damaged" in result.errors[0].message
