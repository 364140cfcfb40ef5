"""The CLI loads spaCy only inside the commands that suggest or train (issue 14)."""

from __future__ import annotations

import subprocess
import sys


def test_loading_the_cli_does_not_load_spacy() -> None:
    script = (
        "import sys\n"
        "import qualcode.cli.app\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
