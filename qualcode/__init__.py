"""qualcode: keyboard-first qualitative interview coding, private by construction."""

__version__ = "0.1.0"
