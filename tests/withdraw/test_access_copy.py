"""participants export-data: everything about one participant, in open formats, with a README."""

from __future__ import annotations

import csv
import json
import sqlite3
import stat
from pathlib import Path

from typer.testing import CliRunner
from withdraw_demo import MEMO, PARTICIPANT_MEMO, STAYING, WITHDRAWN

from qualcode.cli.app import app

runner = CliRunner()


def test_export_data_writes_their_documents_codings_memos_and_identifiers(
    demo_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sar"
    result = runner.invoke(
        app, ["participants", "export-data", str(demo_copy), WITHDRAWN, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "1 document," in result.output

    connection = sqlite3.connect(demo_copy)
    pid = connection.execute("SELECT id FROM participant WHERE label = ?", (WITHDRAWN,)).fetchone()[
        0
    ]
    (doc_id, text), *_ = connection.execute(
        "SELECT id, text FROM document WHERE participant_id = ?", (pid,)
    ).fetchall()
    codings = connection.execute(
        "SELECT count(*) FROM coding WHERE document_id = ?", (doc_id,)
    ).fetchone()[0]
    identifiers = {v for (v,) in connection.execute(
        "SELECT value FROM identifier WHERE participant_id = ?", (pid,))}  # fmt: skip
    connection.close()

    about = json.loads((out / "participant.json").read_text(encoding="utf-8"))
    assert about["label"] == WITHDRAWN and about["attributes"]["size"] == "small"
    assert {i["value"] for i in about["identifiers"]} == identifiers
    assert "Declan Hargreaves" in identifiers
    documents = sorted((out / "documents").iterdir())
    current = [p for p in documents if ".v" not in p.name]
    assert len(current) == 1 and current[0].read_text(encoding="utf-8") == text
    assert len(documents) == 2  # plus the version before the edit
    with (out / "codings.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == codings
    assert all(text[int(r["start"]) : int(r["end"])] == r["text"] for r in rows)
    assert all(r["passage"] and int(r["passage"]) >= 1 for r in rows)
    with (out / "memos.csv").open(encoding="utf-8", newline="") as handle:
        memos = list(csv.DictReader(handle))
    # The memo about them and the one on their passage, in the order they were written.
    assert [m["memo"] for m in memos] == [
        f"{WITHDRAWN}: {MEMO}",
        f"{WITHDRAWN}: {PARTICIPANT_MEMO}",
    ]
    assert "subject access" in (out / "README.txt").read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "participant.json").stat().st_mode) == 0o600
    assert STAYING not in json.dumps(about)


def test_export_data_refuses_a_full_folder_or_an_unknown_label(
    demo_copy: Path, tmp_path: Path
) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(
        app, ["participants", "export-data", str(demo_copy), WITHDRAWN, "--out", str(full)]
    )
    assert result.exit_code == 1 and "not an empty folder" in result.output
    result = runner.invoke(
        app, ["participants", "export-data", str(demo_copy), "Nobody", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 1 and result.output.startswith("error: no participant labelled")
    assert not (tmp_path / "x").exists()
