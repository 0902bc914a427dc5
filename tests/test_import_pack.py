"""`standing import-pack`: untrusted zips are checked before anything is written, good packs
land in the user packs folder, and broken packs there never hide the good ones."""
import stat
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, TUTORIAL
from packutil import EPISODE, PACK_YAML, write_pack
from game.commands import import_pack as imp
from game.packs import load_pack
from game.packs.discover import list_packs
from game.paths import user_packs_dir


def pack_files(folder: Path):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_zip(path: Path, entries, compression=zipfile.ZIP_DEFLATED) -> Path:
    """A zip of (name, bytes) pairs, or ZipInfo/bytes pairs for special entries."""
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return path


def tutorial_zip(path: Path, prefix: str = "tutorial/", extra=()) -> Path:
    entries = [(prefix + rel, data) for rel, data in pack_files(TUTORIAL).items()]
    return make_zip(path, entries + list(extra))


MINI = [("pack.yaml", PACK_YAML.encode()), ("one.yaml", EPISODE.encode())]


def patch_central(path: Path, name: str, offset: int, fmt: str, value: int) -> None:
    """Overwrite a field of `name`'s central directory record (headers are what lie)."""
    raw = bytearray(path.read_bytes())
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46:at + 46 + name_len] == name.encode():
            struct.pack_into(fmt, raw, at + offset, value)
            path.write_bytes(bytes(raw))
            return
        at = raw.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"no central record for {name}")


def installed(home_packs: Path):
    return sorted(p.name for p in home_packs.iterdir()) if home_packs.exists() else []


# ---- good packs ------------------------------------------------------------------------------

def test_a_good_pack_is_installed_under_its_id(tmp_path):
    src = tutorial_zip(tmp_path / "Tutorial (2).zip")
    done = imp.import_pack(src)
    target = user_packs_dir() / "tutorial.zip"
    assert done.target == target and done.pack_id == "tutorial" and not done.replaced
    assert installed(user_packs_dir()) == ["tutorial.zip"]
    r = load_pack(str(target))
    assert r.ok and r.pack.info.title == load_pack(str(TUTORIAL)).pack.info.title
    with zipfile.ZipFile(target) as zf:  # repacked without the top folder
        assert sorted(zf.namelist()) == sorted(pack_files(TUTORIAL))
    [entry] = [e for e in list_packs() if e.origin == "user"]
    assert entry.info is not None and entry.info.id == "tutorial"


def test_archiver_junk_is_left_behind(tmp_path):
    junk = [("__MACOSX/tutorial/._pack.yaml", b"\0\5\26\7"), ("tutorial/.DS_Store", b"\0"),
            ("tutorial/.schema/pack.schema.json", b"{}")]
    done = imp.import_pack(tutorial_zip(tmp_path / "t.zip", extra=junk))
    with zipfile.ZipFile(done.target) as zf:
        names = zf.namelist()
    assert not [n for n in names if "MACOSX" in n or "/." in n or n.startswith(".")]


def test_an_installed_pack_is_replaced_only_when_asked(tmp_path):
    src = make_zip(tmp_path / "mini.zip", MINI)
    imp.import_pack(src)
    with pytest.raises(imp.ImportRefused, match="already installed.*--replace"):
        imp.import_pack(src)
    assert imp.import_pack(src, replace=True).replaced


def test_a_pack_with_errors_is_refused_with_its_diagnostics(tmp_path):
    broken = [("pack.yaml", PACK_YAML.encode()),
              ("one.yaml", EPISODE.replace("goto: done", "goto: dnoe", 1).encode())]
    src = make_zip(tmp_path / "broken.zip", broken)
    with pytest.raises(imp.ImportRefused, match="the pack has errors") as info:
        imp.import_pack(src)
    [d] = info.value.diagnostics
    assert d.code == "SP011" and d.file == f"{src}/one.yaml"  # named after the author's zip
    assert installed(user_packs_dir()) == []  # and no temporary file is left behind


# ---- hostile zips ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../evil.yaml", "tutorial/../../evil.yaml", "/etc/evil.yaml",
                                  "C:/evil.yaml", "C:\\evil.yaml", "..\\evil.yaml", ".."])
def test_paths_that_escape_the_pack_are_refused(tmp_path, name):
    src = make_zip(tmp_path / "evil.zip", MINI + [(name, b"format: 1\n")])
    with pytest.raises(imp.ImportRefused, match="outside the pack"):
        imp.import_pack(src)
    assert installed(user_packs_dir()) == []
    assert not (tmp_path / "evil.yaml").exists() and not Path("/etc/evil.yaml").exists()


def test_symbolic_links_are_refused(tmp_path):
    link = zipfile.ZipInfo("art/link.png")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    src = make_zip(tmp_path / "link.zip", MINI + [(link, b"/etc/passwd")])
    with pytest.raises(imp.ImportRefused, match="symbolic link"):
        imp.import_pack(src)


def test_encrypted_entries_are_refused(tmp_path):
    src = make_zip(tmp_path / "enc.zip", MINI)
    patch_central(src, "one.yaml", 8, "<H", 0x1)  # general purpose flag: encrypted
    with pytest.raises(imp.ImportRefused, match="encrypted"):
        imp.import_pack(src)


def test_too_many_files_are_refused(tmp_path):
    many = [(f"episodes/e{i}.yaml", b"") for i in range(imp.MAX_FILES)]
    src = make_zip(tmp_path / "many.zip", MINI + many)
    with pytest.raises(imp.ImportRefused, match=f"a pack may have {imp.MAX_FILES}"):
        imp.import_pack(src)


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    big = ("art/huge.png", bytes(range(256)) * (imp.MAX_FILE_BYTES // 256 + 1))
    src = make_zip(tmp_path / "big.zip", MINI + [big], zipfile.ZIP_STORED)
    with pytest.raises(imp.ImportRefused, match="limit is 8 MiB per file"):
        imp.import_pack(src)


def test_a_pack_over_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(imp, "MAX_PACK_BYTES", 4096)
    src = make_zip(tmp_path / "fat.zip", MINI + [("art/a.png", bytes(3000)),
                                                 ("art/b.png", bytes(3000))], zipfile.ZIP_STORED)
    with pytest.raises(imp.ImportRefused, match="unpacks to over"):
        imp.import_pack(src)


def test_a_zip_bomb_is_refused(tmp_path):
    """7 MiB of zeros squeezes into a few KiB: under the size limit, but a bomb's ratio."""
    src = make_zip(tmp_path / "bomb.zip", MINI + [("episodes/bomb.yaml", bytes(7 * 2 ** 20))])
    assert src.stat().st_size < 64 * 1024
    with pytest.raises(imp.ImportRefused, match="zip bomb"):
        imp.import_pack(src)


def test_a_header_that_lies_about_the_size_is_refused(tmp_path):
    """The header claims 100 bytes; the data inflates to 200 MiB. At most the claim is read."""
    src = make_zip(tmp_path / "liar.zip", MINI + [("episodes/liar.yaml", bytes(200 * 2 ** 20))])
    patch_central(src, "episodes/liar.yaml", 24, "<I", 100)
    with pytest.raises(imp.ImportRefused, match="damaged|more than its header says"):
        imp.import_pack(src)


def test_a_zip_holding_one_file_twice_is_refused(tmp_path):
    src = tmp_path / "twice.zip"
    with pytest.warns(UserWarning, match="Duplicate name"):
        make_zip(src, MINI + [("one.yaml", b"episode: other\n")])
    with pytest.raises(imp.ImportRefused, match="holds `one.yaml` twice"):
        imp.import_pack(src)


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_damaged_or_fake_zips_are_refused(tmp_path, content):
    src = tmp_path / "fake.zip"
    src.write_bytes(content)
    with pytest.raises(imp.ImportRefused, match="damaged|cannot be read|no pack.yaml"):
        imp.import_pack(src)


def test_a_zip_without_a_pack_is_refused(tmp_path):
    src = make_zip(tmp_path / "photos.zip", [("a/one.yaml", b"x: 1\n"), ("b/two.yaml", b"")])
    with pytest.raises(imp.ImportRefused, match="no pack.yaml"):
        imp.import_pack(src)


# ---- the user packs folder -----------------------------------------------------------------

def test_broken_packs_in_the_user_folder_never_hide_the_good_ones(tmp_path):
    imp.import_pack(tutorial_zip(tmp_path / "t.zip"))
    packs = user_packs_dir()
    write_pack(packs / "bad-yaml", pack="format: 1\nid: [unclosed\n")
    write_pack(packs / "no-regime", pack="format: 1\nid: nope\ntitle: Nope\n")
    make_zip(packs / "bad-inside.zip", [("pack.yaml", b"format: one\n")])
    (packs / "empty-folder").mkdir()
    (packs / "not-a-zip.zip").write_bytes(b"nonsense")
    entries = {Path(e.path).name: e for e in list_packs() if e.origin == "user"}
    assert entries["tutorial.zip"].info.id == "tutorial" and not entries["tutorial.zip"].broken
    for name in ("bad-yaml", "no-regime", "bad-inside.zip"):
        assert entries[name].broken and entries[name].diagnostics, name
    assert any(e.origin == "bundled" and not e.broken for e in list_packs())


def test_a_damaged_zip_in_the_user_folder_never_hides_the_good_ones(tmp_path):
    imp.import_pack(tutorial_zip(tmp_path / "t.zip"))
    damaged = make_zip(user_packs_dir() / "damaged.zip", MINI, zipfile.ZIP_STORED)
    raw = bytearray(damaged.read_bytes())
    raw[30 + len("pack.yaml")] ^= 0x20  # `format` -> `Format`: the CRC no longer matches
    damaged.write_bytes(bytes(raw))
    entries = {Path(e.path).name: e for e in list_packs() if e.origin == "user"}
    assert not entries["tutorial.zip"].broken and entries["damaged.zip"].broken


# ---- the command ---------------------------------------------------------------------------

def standing(*args, home):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120,
                          env={"STANDING_HOME": str(home), "PATH": "/usr/bin:/bin"})


def test_cli_imports_then_refuses_a_duplicate_and_an_escape(tmp_path):
    home = tmp_path / "home"
    src = tutorial_zip(tmp_path / "tutorial.zip")
    r = standing("import-pack", src, home=home)
    assert r.returncode == 0, r.stderr
    target = home / "packs" / "tutorial.zip"
    assert f"Imported 'Tutorial: The Morning Feed' (id `tutorial`) as {target}" in r.stdout
    assert "another pack with the id `tutorial` is also listed" in r.stdout  # the bundled one
    again = standing("import-pack", src, home=home)
    assert again.returncode == 2 and "use --replace" in again.stderr
    assert standing("import-pack", "--replace", src, home=home).returncode == 0
    evil = make_zip(tmp_path / "evil.zip", MINI + [("../evil.yaml", b"x")])
    r = standing("import-pack", evil, home=home)
    assert r.returncode == 2 and "refused: the entry '../evil.yaml' points outside" in r.stderr
    assert sorted(p.name for p in (home / "packs").iterdir()) == ["tutorial.zip"]


def _corrupt_stream(path: Path, method: int) -> Path:
    """A zip whose directory is sound but whose compressed bytes are not (found by fuzzing)."""
    make_zip(path, MINI, method)
    raw = bytearray(path.read_bytes())
    start = raw.index(b"pack.yaml") + len("pack.yaml")  # the first entry's data
    raw[start:start + 40] = b"\xff" * 40
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2])
def test_a_corrupt_compressed_stream_is_refused_or_diagnosed(tmp_path, method):
    src = _corrupt_stream(tmp_path / "pack.zip", method)
    with pytest.raises(imp.ImportRefused, match="damaged"):
        imp.read_zip(src)
    r = load_pack(str(src))
    assert not r.ok and "damaged" in r.errors[0].message


def test_lzma_entries_are_refused_before_their_dictionary_is_allocated(tmp_path):
    """An LZMA header names the dictionary the reader allocates: a fuzzed 10 KB zip asked for
    200 MB. Packs are zipped with deflate (or stored, or bzip2); LZMA is refused unread."""
    src = make_zip(tmp_path / "pack.zip", MINI, zipfile.ZIP_LZMA)
    with pytest.raises(imp.ImportRefused, match="compression method"):
        imp.read_zip(src)
    r = load_pack(str(src))
    assert not r.ok and "compression method" in r.errors[0].message
