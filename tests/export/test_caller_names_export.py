"""Zoom callers shown by address, number or device: imported from .vtt, exported as quotes
with neither the address, the number nor the owner's name."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app

CUES = [
    "lukas.brandt@uni-example.ac.uk: Can you hear me okay on the phone?",
    "447700900777: Yes, I'm on the bus, sorry. We have 44 staff across the UK.",
    "lukas.brandt@uni-example.ac.uk: How are visits funded?",
    "+44 7700 900777: From a lottery grant, three years, and it ends in March.",
    "Ana's iPhone: Sorry, Ana here on my phone. We applied to four trusts.",
    "lukas.brandt@uni-example.ac.uk: Thanks, Ana. Anything else?",
]


def test_exported_quotes_name_no_caller(tmp_path: Path) -> None:
    blocks = [
        f"{n}\n00:00:{4 * n:02d}.000 --> 00:00:{4 * n + 3:02d}.000\n{text}"
        for n, text in enumerate(CUES, start=1)
    ]
    source = tmp_path / "dialin.vtt"
    source.write_text("WEBVTT\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    project, out = str(tmp_path / "study.qc"), tmp_path / "quotes.md"
    runner = CliRunner()
    code = ["--code", "competitive-tendering", "--coder", "ana"]
    steps = [["init", project], ["import", project, str(source)]]
    steps += [
        ["code", "add", project, "--doc", "1", "--passage", str(n), *code] for n in range(1, 7)
    ]
    steps.append(["export", "quotes", project, "--include-interviewer", "--out", str(out)])
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    quotes = out.read_text(encoding="utf-8")
    # one quote per turn: each caller's words are their own passage
    assert quotes.count("\n> ") == 6
    assert "From a lottery grant, three years" in quotes
    assert "We have 44 staff across the UK." in quotes  # no piece of a number or address
    for said in ("lukas", "brandt", "uni-example", "7700", "900777", "Ana", "iPhone:"):
        assert not re.search(rf"\b{re.escape(said)}", quotes, re.IGNORECASE), said
