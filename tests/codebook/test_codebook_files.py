"""Tests for loading codebook files from disk and saving them back safely."""

import os
import stat
from pathlib import Path

import pytest

from qualcode.codebook import (
    CodebookError,
    CodebookSpec,
    CodebookValidationError,
    CodeSpec,
    load_codebook,
    save_codebook,
)
from qualcode.errors import QualcodeError

SPEC = CodebookSpec(
    name="Partnerships in criminal justice",
    description="Codes for the £2m study of charities’ work in prisons.",
    codes=[
        CodeSpec(
            key="commissioning",
            name="Commissioning",
            cues=["tender", "bid"],
            children=[CodeSpec(key="pqq", name="Pre-qualification questionnaires")],
        ),
        CodeSpec(key="independence", name="Indépendance", colour="#2ca02c"),
    ],
)


def test_load_reads_a_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text(
        "codebook: Study\ncodes:\n  - key: money\n    name: Money (£)\n    cues: [“bid”]\n",
        encoding="utf-8",
    )
    assert load_codebook(path) == CodebookSpec(
        name="Study", codes=[CodeSpec(key="money", name="Money (£)", cues=["“bid”"])]
    )


def test_load_accepts_a_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_bytes(b"\xef\xbb\xbfcodebook: Study\r\ncodes:\r\n  - key: a\r\n    name: A\r\n")
    assert load_codebook(path) == CodebookSpec(name="Study", codes=[CodeSpec(key="a", name="A")])


def test_errors_from_a_file_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text("codebook: Study\ncodes:\n  - key: a\n    name: A\n    cue: [x]\n", "utf-8")
    with pytest.raises(CodebookValidationError) as caught:
        load_codebook(path)
    assert str(caught.value) == f"{path}:5: unknown field 'cue' in code 'a'; did you mean 'cues'?"


def test_windows_1252_file_is_refused_with_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    text = "codebook: Study\ncodes:\n  - key: money\n    name: Money (£) – “costs”\n"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(CodebookValidationError) as caught:
        load_codebook(path)
    assert caught.value.errors == [
        f"{path}:4: the file is not UTF-8 text (byte 0xa3); save it as UTF-8 instead"
    ]


def test_utf16_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text("codebook: Study\ncodes: []\n", encoding="utf-16")
    with pytest.raises(CodebookError, match=r":1: the file is UTF-16 text; save it as UTF-8"):
        load_codebook(path)


def test_missing_file_is_a_codebook_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    assert str(caught.value) == f"{path}: cannot read the codebook: No such file or directory"


def test_save_then_load_gives_the_same_codebook(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    save_codebook(SPEC, path)
    assert load_codebook(path) == SPEC


def test_save_writes_utf8_unescaped_with_unix_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    save_codebook(SPEC, path)
    data = path.read_bytes()
    assert "Indépendance".encode() in data
    assert "£2m study of charities’ work".encode() in data
    assert b"\r\n" not in data
    assert data.endswith(b"\n")


def test_save_replaces_an_existing_file_keeping_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text("codebook: Old\ncodes: []\n", encoding="utf-8")
    path.chmod(0o640)
    save_codebook(SPEC, path)
    assert load_codebook(path) == SPEC
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["codebook.yaml"]


def test_failed_save_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "codebook.yaml"
    path.write_text("codebook: Old\ncodes: []\n", encoding="utf-8")

    def broken_replace(source: object, target: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(QualcodeError, match="disk full"):
        save_codebook(SPEC, path)
    assert path.read_text(encoding="utf-8") == "codebook: Old\ncodes: []\n"
    assert sorted(os.listdir(tmp_path)) == ["codebook.yaml"]
