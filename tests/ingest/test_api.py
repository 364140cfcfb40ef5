"""read_document dispatch and errors, and iter_import_files."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import SUPPORTED_EXTENSIONS, ReadError, iter_import_files, read_document


def test_supported_extensions() -> None:
    assert SUPPORTED_EXTENSIONS == (
        ".docx",
        ".md",
        ".odt",
        ".pdf",
        ".rtf",
        ".sbv",
        ".srt",
        ".txt",
        ".vtt",
    )


def test_unsupported_extension_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.pages"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == (
        "notes.pages: unsupported file type .pages"
        " (supported: .docx, .md, .odt, .pdf, .rtf, .sbv, .srt, .txt, .vtt)"
    )
    with pytest.raises(ReadError, match=r"^README: unsupported file without an extension"):
        read_document(tmp_path / "README", data=b"text")


@pytest.mark.parametrize("name", ["participants.csv", "Sheet.XLSX", "roster.ods"])
def test_a_participant_sheet_given_to_import_is_pointed_to_its_command(
    tmp_path: Path, name: str
) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(tmp_path / name, data=b"label,name\nP1,Sara Lee\n")
    message = str(caught.value)
    assert message.startswith(f"{name}: unsupported file type")
    assert "qualcode participants import" in message
    assert "\n" not in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(tmp_path / "gone.txt")
    assert str(caught.value) == "gone.txt: file not found"
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ReadError, match=r"^folder\.txt: "):
        read_document(tmp_path / "folder.txt")


def test_data_argument_wins_and_extension_case_is_ignored(tmp_path: Path) -> None:
    doc = read_document(tmp_path / "never-written.TxT", data=b"Q: a\nA: b")
    assert (doc.text, doc.format, doc.source_name) == ("Q: a\nA: b", "txt", "never-written.TxT")
    with pytest.raises(ReadError, match=r"^x\.md: the file is empty$"):
        read_document(tmp_path / "x.md", data=b"")


def test_same_content_in_different_formats_shares_a_hash(tmp_path: Path) -> None:
    a = read_document(tmp_path / "a.txt", data="Q: caf\u00e9?\r\nA: Yes.".encode("cp1252"))
    b = read_document(tmp_path / "b.md", data="Q: cafe\u0301?\nA: Yes.\n".encode("utf-8-sig"))
    c = read_document(tmp_path / "c.txt", data=b"Q: something else")
    assert a.sha256 == b.sha256 != c.sha256
    assert len(a.sha256) == 64 and int(a.sha256, 16) >= 0


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    return path


def test_iter_import_files(tmp_path: Path) -> None:
    root = tmp_path / "study"
    wanted = [  # sorted by path, ignoring case, numbers in natural order
        touch(root / "b" / "notes.md"),
        touch(root / "B" / "z.vtt"),
        touch(root / "Interview 2.docx"),
        touch(root / "interview 10.TXT"),
    ]
    touch(root / ".hidden.txt")
    touch(root / ".git" / "notes.txt")
    touch(root / "~$Interview 2.docx")
    touch(root / "b" / "photo.jpg")
    explicit = touch(tmp_path / "report.pdf")
    hidden_explicit = touch(tmp_path / ".secret.txt")
    found = iter_import_files([root, explicit, hidden_explicit, wanted[2]])
    assert found == [*wanted, explicit, hidden_explicit]
    assert iter_import_files([]) == []
    missing = tmp_path / "missing.txt"
    assert iter_import_files([missing]) == [missing]
