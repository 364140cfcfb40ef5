"""The coding workbench: a keyboard-first Textual app over the store's workbench functions."""
