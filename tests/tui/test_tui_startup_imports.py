"""The workbench loads only what its documents screen needs before the first paint (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Screens shown later (and what they import: the importers, fuzzy matching) load
# when first shown; the documents list is on the terminal sooner without them.
LATER = [
    "qualcode.tui.screens.transcript",
    "qualcode.tui.screens.code_palette",
    "qualcode.tui.screens.codebook",
    "qualcode.tui.screens.code_view",
    "qualcode.tui.screens.compare",
    "qualcode.tui.screens.import_files",
    "qualcode.importing",
    "rapidfuzz",
    "spacy",
]

# Nor does painting the documents list need the ORM models (it reads plain tables), the
# undo history and the editing modules behind it, or any heavy library.
AFTER_THE_FIRST_PAINT = [
    *LATER,
    "qualcode.store.models",
    "qualcode.store.workbench",
    "qualcode.store.coding_actions",
    "qualcode.store.open_coding",
    "qualcode.store.codebook_edits",
    "qualcode.withdraw.removals",
    "qualcode.tui.history",
    "qualcode.nlp",
    "numpy",
    "docx",
    "openpyxl",
]


def test_the_workbench_module_loads_no_later_screen() -> None:
    script = (
        f"import sys\nimport qualcode.tui.app\nprint(sorted(set(sys.modules) & set({LATER!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_first_paint_loads_no_model_editing_module_or_heavy_library(study: Path) -> None:
    """The real app in a fresh process, quitting once the documents' rows are painted (as the
    start-up benchmark runs it), then asked what it loaded."""
    script = f"""
import os, sys
os.environ["QUALCODE_TUI_EXIT_AFTER_PAINT"] = "1"
from qualcode.store.db import open_project
from qualcode.tui.app import QualcodeApp
project = open_project({str(study)!r})
app = QualcodeApp(project, "ana")
app.run(headless=True, size=(120, 40))
project.close()
painted = app.bench.document_order
print(painted, sorted(set(sys.modules) & set({AFTER_THE_FIRST_PAINT!r})))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.strip() == "[1, 2] []"
