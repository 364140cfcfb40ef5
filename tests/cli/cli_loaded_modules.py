"""Which of some modules one CLI command loads, run in a fresh process as the console script."""

from __future__ import annotations

import json
import subprocess
import sys

# Runs one command in-process as the console script would, then reports which of the watched
# modules (or top-level packages) are loaded, on stderr after whatever the command printed.
SCRIPT = """
import json, sys
sys.argv = ["qualcode", *json.loads(sys.argv[1])]
from qualcode.cli.app import main
try:
    main()
except SystemExit as exit:
    status = exit.code
loaded = {{name.split(".")[0] for name in sys.modules}} | set(sys.modules)
print("\\nLOADED", json.dumps(sorted(loaded & set({watched!r}))), status, file=sys.stderr)
"""


def loaded_by(args: list[str], watched: list[str]) -> list[str]:
    """The watched modules `qualcode ARGS` loaded; the command must succeed."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(watched=watched), json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded, _, status = done.stderr.rsplit("\nLOADED ", 1)[-1].strip().rpartition(" ")
    assert status in {"0", "None"}, done.stderr  # the command succeeded
    return list(json.loads(loaded))
