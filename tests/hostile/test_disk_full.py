"""A full disk mid-write gives one clean error line and leaves no partial file behind.

The disk is "full" for real: the command runs in a subprocess whose file-size limit
(RLIMIT_FSIZE) is below the size of what it writes, so the kernel refuses the writes with
EFBIG exactly as it refuses them with ENOSPC on a full disk (Python ignores SIGXFSZ).
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from qualcode.codebook.yamlio import load_codebook
from qualcode.ingest import read_document
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.documents import add_document

LIMIT = 96 * 1024  # above SQLite's 32 KB shared-memory file, below every output here
QUALCODE = str(Path(sys.executable).with_name("qualcode"))


def _words(rng: random.Random, count: int) -> str:
    return " ".join(
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(count)
    )


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose one interview (about 300 KB of text that does not compress) is coded."""
    folder = tmp_path_factory.mktemp("full")
    rng = random.Random(12)
    turns = [f"Interviewer: {_words(rng, 20)}?\n\nMorgan: {_words(rng, 160)}." for _ in range(300)]
    source = folder / "interview.txt"
    source.write_text("\n\n".join(turns) + "\n", encoding="utf-8")
    path = folder / "study.qc"
    project, _ = new_project(str(path), load_codebook(DEFAULT_CODEBOOK), coder="tester")
    with project.write() as session:
        document = add_document(session, read_document(source), participant_label="P1")
        code = find_code(session, "commissioning")
        for passage in document.passages:
            add_coding(session, document, code, "tester", passage.start, passage.end)
    project.close()
    source.unlink()
    return path


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


COMMANDS = {
    "backup": ["backup", "study.qc", "OUT.qc"],
    "copy": ["copy", "study.qc", "OUT.qc"],
    "export qdpx": ["export", "qdpx", "study.qc", "--out", "OUT.qdpx"],
    "export quotes md": ["export", "quotes", "study.qc", "--out", "OUT.md"],
    "export quotes docx": ["export", "quotes", "study.qc", "--out", "OUT.docx"],
    "export quotes csv": ["export", "quotes", "study.qc", "--out", "OUT.csv"],
    "code export": ["code", "export", "study.qc", "OUT.csv"],
    "doc show --output": ["doc", "show", "study.qc", "1", "--output", "OUT.txt"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_disk_leaves_no_partial_file(big_project: Path, command: str) -> None:
    folder = big_project.parent
    before = sorted(p.name for p in folder.iterdir())
    result = subprocess.run(
        [QUALCODE, *COMMANDS[command]],
        cwd=folder,
        preexec_fn=_limited,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == before
    # The same command with room to write succeeds: the limit, not the command, failed it.
    result = subprocess.run(
        [QUALCODE, *COMMANDS[command]], cwd=folder, capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    out = next(p for p in folder.iterdir() if p.name.startswith("OUT."))
    assert out.stat().st_size > LIMIT
    out.unlink()
