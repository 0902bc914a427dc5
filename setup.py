"""The build compiles the game's message catalogues (game/locale/*/LC_MESSAGES/standing.po) into
the `.mo` files gettext reads, with Babel; everything else is in pyproject.toml."""
import io
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "game" / "locale"


class BuildWithCatalogs(build_py):
    def run(self):
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
        # An editable install reads the package from the source tree, so the .mo goes there.
        out = LOCALE if self.editable_mode else Path(self.build_lib) / "game" / "locale"
        for po in sorted(LOCALE.glob("*/LC_MESSAGES/standing.po")):
            folder = po.parent.parent.name
            catalog = read_po(io.BytesIO(po.read_bytes()), locale=folder)
            target = out / folder / "LC_MESSAGES" / "standing.mo"
            target.parent.mkdir(parents=True, exist_ok=True)
            buf = io.BytesIO()
            write_mo(buf, catalog, use_fuzzy=False)
            target.write_bytes(buf.getvalue())


setup(cmdclass={"build_py": BuildWithCatalogs})
