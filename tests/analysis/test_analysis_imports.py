"""The analysis core imports no terminal or UI library, and Word and Excel only to write them."""

from __future__ import annotations

import subprocess
import sys


def _loaded(script: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_analysis_core_imports_no_ui_libraries() -> None:
    script = (
        "import pkgutil, importlib, sys\n"
        "import qualcode.analysis\n"
        "for info in pkgutil.iter_modules(qualcode.analysis.__path__, 'qualcode.analysis.'):\n"
        "    importlib.import_module(info.name)\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded & {'typer', 'rich', 'textual', 'spacy'}))\n"
    )
    assert _loaded(script) == "[]"


def test_matrix_and_query_leave_word_and_excel_unloaded() -> None:
    script = (
        "import sys\n"
        "import qualcode.analysis.matrix, qualcode.analysis.query, qualcode.analysis.write\n"
        "import qualcode.cli.analysis_cmds\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'spacy'}))\n"
    )
    assert _loaded(script) == "[]"
