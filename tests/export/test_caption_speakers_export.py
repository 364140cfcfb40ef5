"""A caption speaker who speaks once is an identifier: imported captions, exported quotes,
no name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app


def cues(*texts: str, srt: bool = False) -> str:
    """Numbered one-line cues, as Zoom writes .vtt (or a SubRip file, with decimal commas)."""
    mark = "," if srt else "."
    blocks = [
        f"{n}\n00:00:{2 * n:02d}{mark}000 --> 00:00:{2 * n + 1:02d}{mark}500\n{text}"
        for n, text in enumerate(texts, start=1)
    ]
    body = "\n\n".join(blocks) + "\n"
    return body if srt else "WEBVTT\n\n" + body


ONCE = "small charities cannot compete on price, {who} told the council so."
CAPTIONS = {
    # A Zoom display name typed in lower case, said once among "Name:" cues.
    "zoom.vtt": (
        "jo",
        cues(
            "Sara Lindqvist: How did the contract go for you?",
            "Tomasz Okafor: We lost the tender on price to a national provider.",
            "jo: yes, " + ONCE.format(who="jo"),
            "Sara Lindqvist: Was that the first time?",
            "Tomasz Okafor: No, the third tender we lost on price.",
        ),
    ),
    # Bracketed speakers, one of them once.
    "captions.srt": (
        "Tom Ng",
        cues(
            "[Sara Lindqvist] How did the contract go for you?",
            "[Tomasz Okafor] We lost the tender on price to a national provider.",
            "[Tom Ng] Yes, " + ONCE.format(who="Tom Ng"),
            "[Sara Lindqvist] Was that the first time?",
            "[Tomasz Okafor] No, the third tender we lost on price.",
            srt=True,
        ),
    ),
}


@pytest.mark.parametrize("name", list(CAPTIONS))
def test_exported_quotes_never_name_a_caption_speaker_said_once(tmp_path: Path, name: str) -> None:
    who, content = CAPTIONS[name]
    (tmp_path / name).write_text(content, encoding="utf-8")
    project, out = str(tmp_path / "study.qc"), tmp_path / "quotes.md"
    runner = CliRunner()
    steps = [["init", project], ["import", project, str(tmp_path / name)]]
    code = ["--code", "competitive-tendering", "--coder", "ana"]
    # the first four passages: the words said once are among them, as a turn or inside one
    steps += [
        ["code", "add", project, "--doc", "1", "--passage", str(n), *code] for n in range(1, 5)
    ]
    steps.append(["export", "quotes", project, "--include-interviewer", "--out", str(out)])
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    quotes = out.read_text(encoding="utf-8")
    assert "small charities cannot compete on price" in quotes  # the words, not the name
    for name_said in (who, "Sara Lindqvist", "Tomasz Okafor"):
        assert not re.search(rf"\b{name_said}\b", quotes, re.IGNORECASE), name_said
