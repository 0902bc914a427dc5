"""Sub-commands of `standing`; every module here has `register(subparsers)`."""
