"""Helpers for REFI-QDA tests: the shared sample files, schema checks, spans."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.etree as etree  # type: ignore[import-untyped, unused-ignore]
import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "refi-qda"


def shared(name: str) -> Path:
    """A file from ../shared/refi-qda (the schema and other tools' exports)."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def qde_of(path: Path) -> bytes:
    """project.qde from a .qdpx."""
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def assert_valid(schema: etree.XMLSchema, data: bytes) -> None:
    """Validate XML bytes, showing every schema error on failure."""
    document = etree.fromstring(data)
    assert schema.validate(document), "\n".join(str(e) for e in schema.error_log)


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)
