"""Progress on standard error: shown when it is a terminal, never in --json output, never
mixed into standard output sent to a pipe."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

Terminal = Callable[..., tuple[int, str, str]]  # the on_terminal fixture


def interviews(transcript: Path, count: int) -> list[Path]:
    """Copies of the fixture's transcript, each made different by its first line."""
    paths = []
    for number in range(1, count + 1):
        path = transcript.with_name(f"interview-{number:02}.txt")
        text = transcript.read_text(encoding="utf-8")
        path.write_text(f"Interview {number}\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


def test_import_shows_progress_on_a_terminal_and_keeps_stdout_plain(
    on_terminal: Terminal, project_file: Path, transcript: Path
) -> None:
    code, out, terminal = on_terminal("import", project_file, *interviews(transcript, 3))
    assert code == 0, terminal
    assert "Importing: interview-0" in terminal and "3/3" in terminal
    lines = out.splitlines()
    assert len(lines) == 4 and lines[-1] == "3 imported, 0 already present, 0 failed."
    assert "\x1b" not in out and "Importing" not in out


def test_json_output_has_no_progress(
    on_terminal: Terminal, project_file: Path, transcript: Path, tmp_path: Path
) -> None:
    files = interviews(transcript, 3)
    code, out, terminal = on_terminal("import", project_file, *files, "--json")
    assert code == 0 and json.loads(out)["imported"] == 3
    assert terminal == ""
    report = tmp_path / "report.md"
    code, out, terminal = on_terminal("audit", "report", project_file, "--out", report, "--json")
    assert code == 0 and json.loads(out)["path"] == str(report) and terminal == ""


def test_exports_and_the_audit_report_show_their_stages(
    on_terminal: Terminal, project_file: Path, transcript: Path, tmp_path: Path
) -> None:
    assert on_terminal("import", project_file, transcript)[0] == 0
    quotes = tmp_path / "quotes.md"
    code, out, terminal = on_terminal("export", "quotes", project_file, "--out", quotes)
    assert code == 0 and out.startswith("Wrote 0 quotes")
    assert "Writing quotes.md" in terminal
    code, out, terminal = on_terminal("audit", "report", project_file, "--out", tmp_path / "r.md")
    assert code == 0 and out.startswith("Wrote the audit report")
    assert "Writing r.md" in terminal
