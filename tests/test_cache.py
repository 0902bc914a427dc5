"""The compiled-pack cache: same pack as a cold load, rebuilt when files or cache change."""
import json

from game.packs import load_pack
from game.packs.cache import CACHE_FORMAT, _cache_file, load_cached
from game.packs.loader import digest
from game.packs.sources import open_source
from conftest import TUTORIAL
from packutil import write_pack


def test_warm_load_equals_cold_load():
    cold = load_pack(str(TUTORIAL)).pack
    first = load_cached(str(TUTORIAL))
    warm = load_cached(str(TUTORIAL))
    assert first.ok and warm.ok
    assert warm.pack == cold
    assert _cache_file(digest(open_source(str(TUTORIAL)))).is_file()


def test_changed_files_miss_the_cache(tmp_path):
    folder = write_pack(tmp_path / "p")
    assert load_cached(str(folder)).pack.info.title == "Mini"
    (folder / "pack.yaml").write_text((folder / "pack.yaml").read_text().replace(
        "title: Mini", "title: Maxi"))
    assert load_cached(str(folder)).pack.info.title == "Maxi"


def test_a_damaged_cache_entry_is_rebuilt(tmp_path):
    folder = write_pack(tmp_path / "p")
    load_cached(str(folder))
    f = _cache_file(digest(open_source(str(folder))))
    f.write_text("{not json")
    assert load_cached(str(folder)).ok
    assert json.loads(f.read_text())["format"] == CACHE_FORMAT


def test_broken_packs_are_never_cached(tmp_path):
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": "episode: [\n"})
    r = load_cached(str(folder))
    assert not r.ok and not _cache_file(digest(open_source(str(folder)))).exists()


def test_a_damaged_scene_in_the_cache_is_never_trusted_silently(tmp_path):
    folder = write_pack(tmp_path / "p")
    load_cached(str(folder))
    f = _cache_file(digest(open_source(str(folder))))
    data = json.loads(f.read_text())
    data["pack"] = {"$": "NoSuchClass", "v": []}
    f.write_text(json.dumps(data))
    assert load_cached(str(folder)).pack.info.title == "Mini"


def test_warnings_survive_the_cache(tmp_path):
    from packutil import EPISODE
    body = EPISODE.replace("          - add: {cash: -5}",
                           "          - add: {cash: -5}\n          - set: {met: true}")
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": body})
    first, second = load_cached(str(folder)), load_cached(str(folder))
    assert [d.code for d in first.warnings] == [d.code for d in second.warnings] == ["SP025"]


def test_a_picture_removed_after_caching_is_caught(tmp_path):
    from packutil import EPISODE, png_bytes
    body = EPISODE.replace("    text: Done.\n", "    text: Done.\n    image: art/a.png\n")
    folder = write_pack(tmp_path / "p", episodes={"one.yaml": body})
    (folder / "art").mkdir()
    (folder / "art" / "a.png").write_bytes(png_bytes())
    assert load_cached(str(folder)).ok
    (folder / "art" / "a.png").unlink()
    again = load_cached(str(folder))
    assert not again.ok and again.errors[0].code == "SP019"
