"""Every diagnostic code is documented, and docs/errors.md is the generated catalogue."""
import re
from pathlib import Path

from game.packs.codes import BY_NAME, CODES, markdown

ROOT = Path(__file__).resolve().parent.parent


def test_docs_errors_md_is_generated_from_the_table():
    assert (ROOT / "docs" / "errors.md").read_text() == markdown(), \
        "run: python -m game codes --markdown > docs/errors.md"


def test_every_code_the_loader_uses_is_in_the_catalogue():
    used = set()
    for path in (ROOT / "game" / "packs").glob("*.py"):
        used |= set(re.findall(r'(?:report\.add|ctx\.error|self\.error)\(\s*"([a-z0-9-]+)"', path.read_text()))
    assert used and used <= set(BY_NAME), used - set(BY_NAME)


def test_codes_are_unique_and_have_fixes():
    assert len(CODES) == len(BY_NAME)
    for c in CODES.values():
        assert c.fix and c.summary and c.example and c.severity in ("error", "warning")
