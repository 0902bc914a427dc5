"""Loading packs from YAML, checking them, and the tools built on the loader."""
from .diagnostics import Diagnostic
from .loader import LoadResult, load_pack, read_info

__all__ = ["Diagnostic", "LoadResult", "load_pack", "read_info"]
