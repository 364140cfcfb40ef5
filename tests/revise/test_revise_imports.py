"""The editing core stays free of the terminal and UI libraries."""

from __future__ import annotations

import subprocess
import sys


def test_revise_imports_no_ui_libraries() -> None:
    code = (
        "import pkgutil, importlib, sys\n"
        "import qualcode.revise as package\n"
        "for info in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'textual'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
