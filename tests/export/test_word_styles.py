"""The Word writer's own styles, added as python-docx adds them but without its slow check."""

from __future__ import annotations

from typing import Any

import pytest
from docx import Document
from docx.styles.styles import Styles
from lxml import etree

from qualcode.export import word


def test_styles_are_written_as_add_style_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    ours = Document()
    word._add_styles(ours)
    monkeypatch.setattr(word, "_new_style", lambda styles, name, kind: styles.add_style(name, kind))
    theirs = Document()
    word._add_styles(theirs)
    assert etree.tostring(ours.styles.element) == etree.tostring(theirs.styles.element)
    assert ours.styles[word.QUOTE_STYLE].base_style.name == "Normal"


def test_no_style_name_is_compared_with_every_style(monkeypatch: pytest.MonkeyPatch) -> None:
    """`name in styles` reads each of the template's 160 style names: add_style did that for
    every style added."""
    scans: list[str] = []
    original = Styles.__contains__

    def counted(styles: Styles, name: Any) -> bool:
        scans.append(name)
        return original(styles, name)

    monkeypatch.setattr(Styles, "__contains__", counted)
    word._add_styles(Document())
    assert scans == []


def test_a_style_name_already_there_is_refused() -> None:
    document = Document()
    word._add_styles(document)
    with pytest.raises(ValueError, match="already contains"):
        word._new_style(document.styles, word.QUOTE_STYLE, word.WD_STYLE_TYPE.PARAGRAPH)
