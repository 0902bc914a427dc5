"""A non-editable install must carry every bundled story and asset file (pyproject data-files)."""
import fnmatch
import tomllib

from conftest import ROOT


def test_every_shipped_file_is_in_the_data_files():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = [p for globs in data["tool"]["setuptools"]["data-files"].values() for p in globs]
    missing = []
    for top in ("story", "assets"):
        for f in (ROOT / top).rglob("*"):
            rel = f.relative_to(ROOT).as_posix()
            if f.is_file() and "__pycache__" not in rel and \
                    not any(fnmatch.fnmatch(rel, p) and rel.count("/") == p.count("/")
                            for p in patterns):
                missing.append(rel)
    assert not missing, f"add to [tool.setuptools.data-files] in pyproject.toml: {missing}"
