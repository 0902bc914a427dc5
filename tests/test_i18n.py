"""The game's own words: language choice, catalogues that are complete and current, numbers and
dates in the language's forms, and the pseudo-language the screen tests use."""
from __future__ import annotations

import datetime
import gettext
import io
import sys
from pathlib import Path

import pytest

from game import i18n
from game.engine.numbers import score_text, signed_text
from game.ui.language import pack_translation, words_for
from game.ui.settings import Settings

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
import catalogs  # noqa: E402

FOLDERS = [folder for tag, (folder, _name, _loc) in i18n.LANGUAGES.items() if folder]


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("tag, want", [
    ("de", "de"), ("de-AT", "de"), ("de_DE.UTF-8", "de"), ("es-MX", "es"), ("es_419", "es"),
    ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh_CN.UTF-8", "zh-Hans"), ("zh-Hans-SG", "zh-Hans"),
    ("zh-TW", None), ("zh-Hant", None), ("zh_HK", None), ("pt-BR", None), ("", None),
    ("en-GB", "en"), ("qps", "qps")])
def test_tags_and_locale_names_find_their_catalogue(tag, want):
    assert i18n.match(tag) == want


def test_the_system_language_comes_from_the_environment_in_gettext_order(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert i18n.system_language() == "es"
    monkeypatch.setenv("LANGUAGE", "pt_BR:de")  # no Portuguese yet: the next one
    assert i18n.system_language() == "de"
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert i18n.system_language() == "en"


def test_an_unknown_language_leaves_english():
    assert i18n.set_language("tlh") == "en"
    assert i18n._("Continue") == "Continue"


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_catalogue_is_complete_and_keeps_its_placeholders(folder):
    """Fails when the code shows a string the catalogue lacks (after `catalogs.py extract`),
    when one is untranslated or fuzzy, or when a translation drops or invents a {field}."""
    found = catalogs.problems(folder)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:40])


def test_the_template_is_what_the_code_marks_now():
    """`python3 tools/catalogs.py extract` was run after the last change to a shown string."""
    from babel.messages.pofile import read_po
    shipped = {(m.context, m.id) for m in read_po(io.BytesIO(catalogs.POT.read_bytes())) if m.id}
    current = {(m.context, m.id) for m in catalogs.extracted() if m.id}
    assert sorted(map(str, current - shipped))[:20] == [], "run: python3 tools/catalogs.py extract"
    assert sorted(map(str, shipped - current))[:20] == [], "run: python3 tools/catalogs.py extract"


@pytest.mark.parametrize("tag", ["de", "es", "zh-Hans"])
def test_each_language_translates_the_title_screen(tag):
    assert i18n.set_language(tag) == tag
    for word in ("Continue", "New game", "Settings", "Quit"):
        assert i18n._(word) != word, (tag, word)


def test_a_po_file_newer_than_its_mo_is_compiled_into_the_cache(tmp_path, monkeypatch):
    """A translator's edit shows at the next start without a rebuild."""
    monkeypatch.setenv("STANDING_HOME", str(tmp_path / "home"))
    base = tmp_path / "locale" / "de" / "LC_MESSAGES"
    base.mkdir(parents=True)
    (base / "standing.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Continue"\nmsgstr "Weiterspielen"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(i18n, "_loaded", {})
    assert i18n._read("de").gettext("Continue") == "Weiterspielen"
    assert list((tmp_path / "home" / "cache" / "locale").glob("de-*.mo"))


def test_a_broken_catalogue_leaves_the_game_in_english(tmp_path, monkeypatch):
    base = tmp_path / "locale" / "de" / "LC_MESSAGES"
    base.mkdir(parents=True)
    (base / "standing.mo").write_bytes(b"\x00" * 40)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    assert isinstance(i18n._read("de"), gettext.NullTranslations)
    assert i18n._read("de").gettext("Continue") == "Continue"


def test_the_pseudo_language_accents_every_letter_and_keeps_placeholders():
    text = i18n.pseudo("Page {page} of {pages} · <b>PgDn</b> %(n)s")
    assert text.startswith("Þåĝé {page} öƒ {pages} · <b>")
    assert "%(n)s" in text
    assert not any("a" <= c.lower() <= "z" for c in text.replace("{page}", "").replace(
        "{pages}", "").replace("<b>", "").replace("</b>", "").replace("%(n)s", ""))


def test_the_built_in_number_signs_are_cldrs():
    from babel.numbers import get_decimal_symbol, get_group_symbol
    for tag, signs in i18n.SIGNS.items():
        loc = i18n.LANGUAGES[tag][2]
        assert signs == (get_decimal_symbol(loc), get_group_symbol(loc)), tag


def test_numbers_and_dates_follow_the_language():
    assert score_text(2, 4.2136) == "4.21"
    assert i18n.format_integer(1200) == "1,200"
    i18n.set_language("de")
    assert score_text(2, 4.2136) == "4,21"
    assert signed_text(1, -0.25) == "\u22120,2"
    assert i18n.format_integer(1200) == "1.200"
    assert i18n.format_date(datetime.date(2026, 12, 1), "long") == "1. Dezember 2026"
    i18n.set_language("zh-Hans")
    assert i18n.format_date(datetime.date(2026, 12, 1), "long") == "2026年12月1日"
    assert i18n.format_list(["甲", "乙", "丙"]) == "甲、乙和丙"


def test_automatic_follows_the_pack_then_the_system(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "es")
    assert words_for("", "zh-Hans") == "zh-Hans"
    assert words_for("", "zh-CN") == "zh-Hans"
    assert words_for("", "ar") == "es"  # no Arabic catalogue: the system's language
    assert words_for("", None) == "es"
    assert words_for("de", "zh-Hans") == "de"  # a chosen language wins


def test_a_chosen_language_plays_the_packs_translation_when_there_is_one(monkeypatch):
    assert pack_translation("zh-Hans", ["zh-hans", "es"]) == "zh-hans"
    assert pack_translation("de", ["zh-Hans"]) is None
    monkeypatch.setenv("LANGUAGE", "pt_BR:de_AT.UTF-8")  # Automatic: the system's languages
    assert pack_translation("", ["zh-Hans", "de", "pt-PT"]) == "pt-PT"
    assert pack_translation("", ["zh-Hans", "de"]) == "de"
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    assert pack_translation("", ["zh-Hans", "es"]) == "zh-Hans"
    monkeypatch.setenv("LANGUAGE", "en")
    assert pack_translation("", ["zh-Hans", "es"]) is None


def test_a_settings_file_with_an_unknown_language_falls_back_to_automatic():
    assert Settings.from_dict({"language": "xx"}).language == ""
    assert Settings.from_dict({"language": "de"}).language == "de"
    assert Settings.from_dict({"language": 3}).language == ""


OUTSIDE_THE_WINDOW = ("game/report/", "game/commands/", "game/cli", "game/twine/",
                      "game/text/", "game/packs/")


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_window_can_draw_every_character_of_each_catalogue(folder):
    """A translation of a string the window shows uses only characters the bundled fonts have
    (tools/subset_fonts.py keeps every Han character the catalogues use), so no player meets a
    box whatever fonts their computer has. The report and the terminal use the reader's fonts."""
    from babel.messages.pofile import read_po
    from game.fontsource import bundled_font_for
    from game.textflow import needs_glyph
    missing = set()
    for m in read_po(io.BytesIO(catalogs.po_path(folder).read_bytes())):
        if not m.id or all(where.startswith(OUTSIDE_THE_WINDOW) for where, _ in m.locations):
            continue
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
            missing |= {ch for ch in text if ord(ch) > 127 and needs_glyph(ch)
                        and bundled_font_for(ch) is None}
    assert not missing, f"no bundled font draws {sorted(missing)}"


def test_a_save_keeps_no_language_and_shows_the_readers():
    """Saved in German, the slot's score is kept as 4.102 (a save holds nothing translated)
    and shown as each reader's language writes it."""
    from game import saves
    from game.engine import Runtime
    from game.packs import load_pack
    rt = Runtime.start(load_pack(str(REPO / "story" / "tutorial")).pack, None, 4)
    i18n.set_language("de")
    assert rt.score_text == "4,102"
    saves.write("1", rt, "story/tutorial")
    slot = saves.read("1")
    assert slot.get("score_text") == "4.102" and slot.score_value == 4.102
    assert slot.score_text == "4,102"
    i18n.set_language("en")
    assert slot.score_text == "4.102"


def test_a_run_played_in_a_translation_is_restored_and_reported_in_it(tmp_path):
    """The save records the language the pack was played in; Continue restores the same
    translation and `standing report` writes the pack's text and its own words in it."""
    from game import saves
    from game.commands.report import build
    from game.engine import Runtime
    from game.packs import load_pack
    from game.packs.translation import translated
    sesame = str(REPO / "story" / "sesame-month")
    pack = translated(load_pack(sesame), "zh-Hans").pack
    rt = Runtime.start(pack, None, 1)
    rt.choose(0)
    saves.write("2", rt, sesame)
    slot = saves.read("2")
    assert slot.get("pack_language") == "zh-Hans"
    assert saves.restore(slot).pack.info.title == pack.info.title
    page = build(str(saves.slot_path("2")), form="handout")
    assert pack.info.title in page and 'lang="zh-Hans"' in page
    assert i18n.current() == "zh-Hans"


def test_the_first_title_frame_loads_no_engine_babel_or_line_breaker(tmp_path):
    """Start-up stays near a bare window (bench/ui.py measures it): the game's words cost a
    gettext lookup, and the engine, Babel's locale data and uniseg wait until needed."""
    import os
    import subprocess
    env = dict(os.environ, STANDING_HOME=str(tmp_path), STANDING_FIRST_FRAME="1",
               SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", LANGUAGE="de")
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "game"], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "FIRST_FRAME" in done.stdout
    loaded = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert not {m for m in loaded if m.startswith(("game.engine", "babel", "uniseg"))}


def test_the_terminal_game_plays_the_translation_into_the_systems_language(tmp_path):
    import os
    import subprocess
    env = dict(os.environ, STANDING_HOME=str(tmp_path), LANGUAGE="zh_CN")
    done = subprocess.run([sys.executable, "-m", "game", "play", "--text",
                           str(REPO / "story" / "sesame-month")], input="q\n", env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines()[0] == "芝麻分的一个月"
    assert "输入选择的编号" in done.stdout  # and the game's own words follow the pack's language
