"""The audit core stays free of the terminal and UI libraries (and of spaCy until asked)."""

from __future__ import annotations

import subprocess
import sys


def test_audit_core_imports_no_ui_libraries() -> None:
    code = (
        "import pkgutil, importlib, sys\n"
        "import qualcode.audit\n"
        "for info in pkgutil.iter_modules(qualcode.audit.__path__, 'qualcode.audit.'):\n"
        "    importlib.import_module(info.name)\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded & {'typer', 'rich', 'textual', 'spacy'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_suggester_name_matches_the_suggesters() -> None:
    from qualcode.audit.gather import SUGGESTER
    from qualcode.nlp.labels import SUGGESTER as NLP_SUGGESTER

    assert SUGGESTER == NLP_SUGGESTER
