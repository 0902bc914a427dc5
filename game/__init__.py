"""Standing: a narrative game about living under a public rating."""
__version__ = "0.1.0"
