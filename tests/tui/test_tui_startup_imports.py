"""The workbench loads only what its documents screen needs before the first paint (issue 15)."""

from __future__ import annotations

import subprocess
import sys

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


def test_the_workbench_module_loads_no_later_screen() -> None:
    script = (
        f"import sys\nimport qualcode.tui.app\nprint(sorted(set(sys.modules) & set({LATER!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
