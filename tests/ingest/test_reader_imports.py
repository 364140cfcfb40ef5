"""Importing plain text loads no library that only Word, Markdown or legacy files need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("docx", "charset_normalizer", "frontmatter")
CHECK = """
import sys
from pathlib import Path
from qualcode.importing import import_files
from qualcode.store.db import create_project
with create_project(sys.argv[1]) as project:
    [outcome] = import_files(project, [Path(sys.argv[2])], coder="ana")
assert outcome.status == "imported", outcome.message
print(" ".join(m for m in {heavy} if m in sys.modules))
"""


def test_a_text_import_loads_no_reader_library_it_does_not_use(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Interviewer: Who funds you?\n\nMorgan: The council.\n", encoding="utf-8")
    script = CHECK.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "study.qc"), str(notes)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
