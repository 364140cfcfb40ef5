"""PostgreSQL's driver is an extra: without it, a database URL gets one line naming the extra."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

QUALCODE = str(Path(sys.executable).with_name("qualcode"))

# Loaded by Python at start-up (site), before qualcode: psycopg is then as good as absent.
BLOCKER = """
import sys

class NoPsycopg:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "psycopg":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoPsycopg())
"""


def test_a_postgresql_url_without_psycopg_names_the_extra(tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    done = subprocess.run(
        [QUALCODE, "status", "postgresql://coder:secret@localhost:1/study"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("error: postgresql+psycopg://coder:***@localhost:1/study: ")
    assert "pip install 'qualcode[postgres]'" in done.stderr
    assert "secret" not in done.stderr
