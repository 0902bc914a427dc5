"""Pack translations (PACK/translations/LANG.yaml): the skeleton, its checks, load-time use."""
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from game.engine import Runtime
from game.packs import load_pack
from game.packs.localize import entries
from game.packs.translation import TRANSLATION, skeleton, source_hash, translated
from game.packs.loader import convert_bytes
from game.packs.diagnostics import Report
from packutil import PACK_YAML, write_pack

ROOT = Path(__file__).resolve().parent.parent


def translation(folder: Path, body: str, lang: str = "de") -> Path:
    path = folder / "translations" / f"{lang}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def h(text: str) -> str:
    return source_hash(text)


GOOD = f"""\
language: de
pack: mini
entries:
  pack.title: {{hash: {h("Mini")}, text: Klein}}
  tier.high.name: {{hash: {h("Trusted")}, text: Vertrauenswürdig}}
  scene.start.text:
    hash: {h("Hello {maya}. You have {cash} coins.")}
    text: "Hallo {{maya}}. Du hast {{cash}} Münzen."
  scene.start.choices.0.text: {{hash: {h("Pay")}, text: Bezahlen}}
  scene.done.ending.debrief: {{hash: {h("It ended.")}, text: Es ist vorbei.}}
  scene.done.ending.prompts.0: {{hash: {h("Why?")}, text: Warum?}}
"""


def codes(diagnostics):
    return [(d.code, d.line, d.column, d.message) for d in diagnostics if d.code >= "SP040"]


def test_the_texts_of_a_pack_by_key():
    keys = list(entries(load_pack(str(ROOT / "story/tutorial")).pack))
    assert keys[:3] == ["pack.title", "pack.description", "pack.content_notes.0"]
    assert "scene.gates.choices.1.text" in keys
    assert "scene.gates.choices.3.effects.0.saw" in keys
    assert any(k.endswith(".ending.debrief") for k in keys)


def test_a_translation_is_applied_at_load_time(tmp_path):
    folder = write_pack(tmp_path / "p")
    translation(folder, GOOD)
    result = load_pack(str(folder))
    assert result.ok
    assert codes(result.diagnostics)[0][0] == "SP041"  # most texts have no entry yet
    pack = translated(result, "DE").pack  # tags match regardless of case
    assert pack.info.title == "Klein" and pack.info.language == "de"
    assert pack.regime.tiers[-1].name == "Vertrauenswürdig"
    rt = Runtime.start(pack, seed=1)
    assert rt.passage.text == "Hallo Maya Okafor. Du hast 10 Münzen."
    assert [c.text for c in rt.choices][0] == "Bezahlen"
    assert pack.scenes["done"].ending.debrief == "Es ist vorbei."
    assert result.pack.info.title == "Mini"  # the source pack is untouched


def test_no_translation_for_the_language(tmp_path):
    folder = write_pack(tmp_path / "p")
    translation(folder, GOOD)
    out = translated(load_pack(str(folder)), "fr")
    assert out.pack is None
    d = out.errors[0]
    assert (d.code, d.message, d.hint) == ("SP046", "this pack has no translation into `fr`",
                                           "its translations: de")


def test_missing_stale_extra_and_untranslated_entries(tmp_path):
    folder = write_pack(tmp_path / "p")
    translation(folder, f"""\
    language: de
    entries:
      pack.title: {{hash: 00000000, text: Klein}}
      scene.strat.text: {{hash: 00000000, text: Hallo}}
      scene.done.text: {{hash: {h("Done.")}, source: Done., text: ""}}
    """)
    got = codes(load_pack(str(folder)).diagnostics)
    by = {c: (line, col, msg) for c, line, col, msg in got}
    assert by["SP042"] == (3, 22, "the source text of `pack.title` has changed since this "
                           "translation was made")
    assert by["SP043"] == (4, 3, "`scene.strat.text` is not a text of this pack")
    assert by["SP045"][:2] == (5, 58)
    n = len(entries(load_pack(str(folder)).pack))
    assert by["SP045"][2] == f"1 of {n} texts have no translation yet (the first is " \
        "`scene.done.text`)"
    diag = next(d for d in load_pack(str(folder)).diagnostics if d.code == "SP043")
    assert diag.hint == "did you mean `scene.start.text`?"
    stale = next(d for d in load_pack(str(folder)).diagnostics if d.code == "SP042")
    assert stale.hint.endswith(f"then set `hash: {h('Mini')}`")
    missing = next(d for d in load_pack(str(folder)).diagnostics if d.code == "SP041")
    assert (missing.line, missing.column) == (3, 3)
    assert missing.message == "`regime.name` has no entry, so players see the source " \
        "text there"


def test_a_translated_template_must_use_the_same_variables(tmp_path):
    folder = write_pack(tmp_path / "p")
    translation(folder, f"""\
    language: de
    entries:
      scene.start.text:
        hash: {h("Hello {maya}. You have {cash} coins.")}
        text: "Hallo {{jun}}. Du hast {{cash}} Münzen."
      scene.start.choices.0.text: {{hash: {h("Pay")}, text: "Bezahlen {{if}}"}}
    """)
    result = load_pack(str(folder))
    got = [(c, line, col, msg) for c, line, col, msg in codes(result.diagnostics) if c == "SP044"]
    assert got == [
        ("SP044", 5, 11, "the translation of `scene.start.text` does not use the same "
         "variables and conditions as the source: it adds {jun}; it leaves out {maya}"),
        ("SP044", 6, 54, "the translation of `scene.start.choices.0.text`: the condition is "
         "empty")]
    pack = translated(result, "de").pack
    assert pack.scenes["start"].text.source == "Hello {maya}. You have {cash} coins."


def test_a_translation_runs_at_most_twice_as_long_as_its_label(tmp_path):
    folder = write_pack(tmp_path / "p")
    translation(folder, f"""\
    language: de
    entries:
      scene.start.choices.2.text: {{hash: {h("Walk away")}, text: "{'x' * 201}"}}
    """)
    got = [d for d in load_pack(str(folder)).diagnostics if d.code == "SP031"]
    assert got[0].message == "this translation is 201 characters long; for a source of 9 " \
        "the limit is 200"


@pytest.mark.parametrize("tag,message,hint", [
    ("zh_CN", "`zh_CN` is not a BCP 47 language tag: its parts are joined by `-`",
     "did you mean `zh-CN`?"),
    ("cn", "`cn` is a country's code, not a language's", "did you mean `zh`?"),
    ("zh-CHS", "`zh-CHS` is an old Windows name, not a BCP 47 tag", "did you mean `zh-Hans`?"),
    ("Chinese", "`Chinese` is a language's name, not its tag", "did you mean `zh`?"),
    ("en_us", "`en_us` is not a BCP 47 language tag: its parts are joined by `-`",
     "did you mean `en-US`?"),
    ("english!", "`english!` is not a BCP 47 language tag", None),
])
def test_pack_language_is_a_bcp47_tag(tmp_path, tag, message, hint):
    folder = write_pack(tmp_path / "p", PACK_YAML + f"language: {tag}\n")
    d = next(d for d in load_pack(str(folder)).diagnostics if d.code == "SP040")
    assert (d.line, d.column, d.message) == (18, 11, message)
    if hint:
        assert d.hint == hint


@pytest.mark.parametrize("tag", ["en", "de-CH", "zh-Hans", "zh-Hans-CN", "sr-Latn-RS", "es-419",
                                 "de-CH-1996", "yue", "x-klingon", "en-US-u-ca-gregory"])
def test_well_formed_tags_pass(tag):
    from game.packs import langtag
    assert langtag.check(tag) is None


def test_a_translation_file_names_its_own_language(tmp_path):
    folder = write_pack(tmp_path / "p")
    translation(folder, "language: fr\nentries: {}\n")
    d = next(d for d in load_pack(str(folder)).diagnostics if d.code == "SP040")
    assert (d.line, d.column, d.message) == (1, 11, "this file is named for `de` but says "
                                             "`language: fr`")


def test_skeleton_round_trip_keeps_sources_and_translations():
    pack = load_pack(str(ROOT / "story/sesame-month")).pack
    src = entries(pack)
    text = skeleton(pack, "de")
    report = Report()
    data = convert_bytes(text.encode(), "de.yaml", TRANSLATION, report)
    assert not report.items
    assert {k: e["source"] for k, e in data["entries"].items()} == \
        {k: s for k, (s, _) in src.items()}
    assert all(e["hash"] == h(e["source"]) and e["text"] == "" for e in data["entries"].values())
    # a translator fills two entries, one of which goes stale; an update keeps both texts
    first, second = list(data["entries"])[:2]
    data["entries"][first]["text"] = "Sesam-Monat"
    data["entries"][second].update(text="Ein Monat\n\nzwei Absätze\n", hash="00000000")
    data["entries"]["scene.gone.text"] = dict(hash="11111111", source="Old", text="Alt")
    again = convert_bytes(skeleton(pack, "de", data).encode(), "de.yaml", TRANSLATION, Report())
    ents = again["entries"]
    assert ents[first]["text"] == "Sesam-Monat" and ents[first]["hash"] == h(src[first][0])
    assert ents[second]["text"] == "Ein Monat\n\nzwei Absätze\n"
    assert ents[second]["hash"] == "00000000"  # still reported stale until checked
    assert ents["scene.gone.text"]["text"] == "Alt"  # kept, and reported as extra


def standing(*args, home):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, input="",
                          env={"STANDING_HOME": str(home), "PATH": "/usr/bin:/bin"})


def test_translate_command_writes_then_updates(tmp_path):
    folder = write_pack(tmp_path / "p")
    r = standing("translate", folder, "--lang", "de", home=tmp_path)
    assert r.returncode == 0, r.stderr
    path = folder / "translations" / "de.yaml"
    body = path.read_text()
    assert "  scene.start.text:\n" in body and "language: de\n" in body
    path.write_text(body.replace('source: "Pay"\n    text: ""', 'source: "Pay"\n    text: Zahlen'))
    assert standing("translate", folder, "--lang", "de", home=tmp_path).returncode == 0
    assert "text: \"Zahlen\"" in path.read_text()
    r = standing("translate", folder, "--lang", "zh_CN", home=tmp_path)
    assert r.returncode == 2 and "did you mean `zh-CN`?" in r.stderr


def test_play_text_in_a_translation(tmp_path):
    folder = write_pack(tmp_path / "p")
    translation(folder, GOOD)
    r = standing("play", "--text", "--lang", "de", folder, home=tmp_path)
    assert "Hallo Maya Okafor. Du hast 10 Münzen." in r.stdout and "Bezahlen" in r.stdout
    r = standing("play", "--text", "--lang", "fr", folder, home=tmp_path)
    assert r.returncode == 2 and "no translation into `fr`" in r.stderr


def test_schema_of_translation_files(tmp_path):
    r = standing("schema", "translation", home=tmp_path)
    assert r.returncode == 0 and '"Standing translation file"' in r.stdout
    assert r.stdout == (ROOT / "docs/schema/translation.schema.json").read_text()


def test_a_plan_runs_in_a_translation(tmp_path):
    from game.packs.plans import read_plans, run_plans
    folder = write_pack(tmp_path / "p")
    translation(folder, GOOD)
    (folder / "plans.yaml").write_text(textwrap.dedent("""\
    plans:
      - name: in German
        lang: de
        steps:
          - expect: {text: "Du hast 10 Münzen"}
          - choose: Bezahlen
      - name: in French
        lang: fr
        steps:
          - choose: Pay
    """), encoding="utf-8")
    result = load_pack(str(folder))
    plans, diags = read_plans(result.source)
    german, french = run_plans(result.pack, plans)
    assert german.ok, [f.format() for f in german.failures]
    assert [f.message for f in french.failures] == ["the pack has no translation into `fr` "
                                                    "that loads"]


@pytest.mark.parametrize("body,code,message", [
    ("language: de\nentries: !!python/object:os.system {}\n", "SP004",
     "the YAML tag `!!python/object:os.system` is not allowed in a pack"),
    ("language: de\nentries: [a, b]\n", "SP008",
     "expected a mapping of ids, found a list"),
    ("language: de\nentries:\n  \"scene.a b\": {text: x}\n", "SP010",
     "`scene.a b` is not an entry key"),
    ("language: de\nentries:\n  pack.title: {text: x, hash: 1, colour: red}\n", "SP007",
     "`colour` is not a key of a translation entry"),
    ("language: de\n", "SP009", "a translation file needs `entries`"),
    ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
     "SP005", None),
])
def test_a_broken_translation_file_is_reported_not_raised(tmp_path, body, code, message):
    folder = write_pack(tmp_path / "p")
    translation(folder, body)
    result = load_pack(str(folder))
    d = next(d for d in result.diagnostics if d.code == code)
    assert d.file.endswith("translations/de.yaml")
    if message:
        assert d.message == message


def test_a_translation_names_its_guide(tmp_path):
    folder = write_pack(tmp_path / "p")
    (folder / "GUIDE.de.md").write_text("# Leitfaden\n", encoding="utf-8")
    translation(folder, GOOD.replace("pack: mini\n", "pack: mini\nguide: GUIDE.de.md\n"))
    assert translated(load_pack(str(folder)), "de").pack.info.guide == "GUIDE.de.md"
    translation(folder, GOOD.replace("pack: mini\n", "pack: mini\nguide: ../GUIDE.md\n"))
    d = next(d for d in load_pack(str(folder)).diagnostics if d.code == "SP019")
    assert (d.line, d.column, d.message) == (3, 8, "the guide `../GUIDE.md` is not a Markdown "
                                             "file in the pack")


def test_sesame_month_and_the_tutorial_are_fully_translated():
    for path, lang in (("story/sesame-month", "zh-Hans"), ("story/tutorial", "es")):
        result = load_pack(str(ROOT / path))
        assert result.ok and not result.diagnostics, [d.format() for d in result.diagnostics]
        pack = translated(result, lang).pack
        english = entries(result.pack)
        mine = entries(pack)
        assert mine.keys() == english.keys()
        same = [k for k in english if mine[k][0] == english[k][0]]
        assert set(same) <= {"character.rui.name", "character.bea.name", "character.greta.name",
                             "variable.cash.display"}, same


def test_a_translated_display_form_keeps_its_value(tmp_path):
    coins = PACK_YAML.replace("  cash: 10\n", "  cash: {value: 10, display: \"{} coins\"}\n")
    folder = write_pack(tmp_path / "p", coins)
    translation(folder, f"""\
    language: de
    entries:
      variable.cash.display: {{hash: {h("{} coins")}, text: Münzen}}
    """)
    result = load_pack(str(folder))
    d = next(d for d in result.diagnostics if d.code == "SP044")
    assert (d.line, d.column, d.message) == (3, 49, "the translation of `variable.cash.display` "
                                             "has no `{}` for the value")
    assert translated(result, "de").pack.displays["cash"].template == "{} coins"


def test_rewrapping_the_source_does_not_make_a_translation_stale():
    assert h("Hello there,\nDana.\n") == h("Hello there, Dana.") != h("Hello there, Dana!")
