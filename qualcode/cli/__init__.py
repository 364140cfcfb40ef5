"""The command-line face of qualcode: a Typer app over the core functions."""
