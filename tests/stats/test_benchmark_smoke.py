"""The agreement benchmark runs end to end on a small corpus and writes its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "agreement.json"
    args = ["--docs", "6", "--chars", "3000", "--codes", "5", "--rounds", "1", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.agreement", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["characters"] == 18_000
    assert result["codes"] == 5 and result["coders"] == 2
    assert result["pass"] is True
    assert -1.0 <= result["overall_char_kappa"] <= 1.0
