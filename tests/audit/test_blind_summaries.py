"""Cell summaries and memos under a blind assignment on the CLI: a blind coder can neither
replace nor remove another coder's hidden summary (a cell holds one: it would be lost), and
`matrix` and `memo export` show them only their own work, as the workbench does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from audit_helpers import Study, run, run_json
from typer.testing import CliRunner

from qualcode.analysis.summaries import HIDDEN

ROW, THEME, SUMMARY = "Interviewee 3", "commissioning", "Tendering dominates"


def _cell(runner: CliRunner, study: Study, viewer: str) -> dict[str, Any]:
    found = run_json(runner, "matrix", study.target, "--columns", THEME, coder=viewer)
    assert isinstance(found, dict)
    (cell,) = found["cells"]
    assert isinstance(cell, dict)
    return cell


def _refused(outcome: tuple[int, str, str], text: str) -> None:
    code, out, err = outcome
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1 and lines == [f"error: {text}"], (out, err)


def _blind(runner: CliRunner, study: Study) -> None:
    args = ("assign", study.target, "--doc", study.document_id, "--coders", "ana,ben", "--blind")
    code, _, err = run(runner, *args, coder="sam")
    assert code == 0, err


def test_a_blind_coder_cannot_replace_or_remove_a_hidden_summary(
    runner: CliRunner, study: Study
) -> None:
    code, _, err = run(runner, "summarise", study.target, ROW, THEME, SUMMARY, coder="ben")
    assert code == 0, err
    memos = run_json(runner, "memo", "list", study.target, "--kind", "cell", coder="ben")
    assert isinstance(memos, list)
    (memo,) = memos
    _blind(runner, study)

    summarise = ("summarise", study.target, ROW, THEME)
    _refused(run(runner, *summarise, "Price undercutting", coder="ana"), HIDDEN)
    _refused(run(runner, *summarise, "", coder="ana"), HIDDEN)
    _refused(run(runner, "memo", "edit", study.target, memo["id"], "Other", coder="ana"), HIDDEN)
    _refused(run(runner, "memo", "remove", study.target, memo["id"], coder="ana"), HIDDEN)
    assert _cell(runner, study, "sam")["summary"] == SUMMARY

    code, out, err = run(runner, *summarise, "Tendering dominates, again", coder="ben")
    assert code == 0 and "replaced" in out, err
    assert _cell(runner, study, "sam")["summary"] == "Tendering dominates, again"


def test_matrix_and_memo_export_show_a_blind_coder_only_their_work(
    runner: CliRunner, study: Study, tmp_path: Path
) -> None:
    code, _, err = run(runner, "summarise", study.target, ROW, THEME, SUMMARY, coder="ben")
    assert code == 0, err
    doc_memo = ("memo", "add", study.target, "Tendering matters most here", "--document")
    code, _, err = run(runner, *doc_memo, study.document_id, coder="ben")
    assert code == 0, err
    everyone = _cell(runner, study, "ana")
    assert everyone["summary"] == SUMMARY and everyone["passages"] == 5
    _blind(runner, study)

    code, out, err = run(runner, "matrix", study.target, "--columns", THEME, "--json", coder="ana")
    assert code == 0, err
    assert err.startswith("warning: a blind assignment of yours is open")
    (mine,) = json.loads(out)["cells"]
    assert mine["summary"] is None and mine["passages"] == 4  # ana's passages 1, 3, 5, 7
    assert mine["codings"] < everyone["codings"]
    assert _cell(runner, study, "sam") == everyone  # the supervisor is not blind
    _refused(
        run(runner, "matrix", study.target, "--coder", "ben", coder="ana"),
        "a blind assignment of yours is open: the matrix counts only your codings and shows "
        "only your summaries; give no --coder or --consensus",
    )

    for viewer, shown in (("ana", False), ("sam", True)):
        out_file = tmp_path / f"memos-{viewer}.md"
        code, _, err = run(runner, "memo", "export", study.target, out_file, coder=viewer)
        assert code == 0, err
        text = out_file.read_text(encoding="utf-8")
        assert ("Tendering matters most here" in text) is shown
        assert (SUMMARY in text) is shown
