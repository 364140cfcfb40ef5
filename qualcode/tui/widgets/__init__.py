"""Widgets of the coding workbench, one per file."""
