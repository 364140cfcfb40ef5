"""Tests that the codebook package stays core: no terminal UI libraries are imported."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_codebook_package_imports_no_ui_library() -> None:
    script = (
        "import sys, qualcode.codebook, qualcode.codebook.yamlio\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'typer', 'rich'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
