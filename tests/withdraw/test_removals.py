"""doc remove, codebook remove, anonymise unregister: shown, asked, one transaction, one event."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.files import project_files
from qualcode.store.check import check_project
from qualcode.store.db import open_project
from qualcode.wording import plural

runner = CliRunner()


def _query(path: Path, sql: str, *args: Any) -> list[Any]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def _raw(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in project_files(path) if p.exists())


def _last_event(path: Path) -> tuple[str, dict[str, Any], dict[str, Any]]:
    action, before, after = _query(
        path, "SELECT action, before, after FROM audit_event ORDER BY sequence DESC LIMIT 1"
    )[0]
    return action, json.loads(before or "null"), json.loads(after or "null")


def _checked(path: Path) -> None:
    with open_project(str(path)) as project:
        report = check_project(project)
    assert report.ok, report.problems


def test_doc_remove_erases_the_document_and_only_it(demo_copy: Path) -> None:
    (doc_id, text), *_ = _query(demo_copy, "SELECT id, text FROM document ORDER BY id")
    sentence = max(text.split(". "), key=len)
    others = _query(demo_copy, "SELECT * FROM passage WHERE document_id != ?", doc_id)
    events = _query(demo_copy, "SELECT count(*) FROM audit_event")[0][0]

    refused = runner.invoke(app, ["doc", "remove", str(demo_copy), str(doc_id)], input="n\n")
    assert refused.exit_code == 1 and "erases:" in refused.output and "passages" in refused.output
    assert _query(demo_copy, "SELECT count(*) FROM audit_event")[0][0] == events

    result = runner.invoke(app, ["doc", "remove", str(demo_copy), str(doc_id), "--yes"])
    assert result.exit_code == 0, result.output
    assert _query(demo_copy, "SELECT count(*) FROM document WHERE id = ?", doc_id) == [(0,)]
    assert _query(demo_copy, "SELECT * FROM passage WHERE document_id != ?", doc_id) == others
    assert sentence.encode() not in _raw(demo_copy)
    action, _, after = _last_event(demo_copy)
    assert action == "document.remove" and after["documents"] == 1 and after["passages"] > 5
    assert _query(demo_copy, "SELECT count(*) FROM audit_event")[0][0] == events + 1
    _checked(demo_copy)


def test_codebook_remove_deletes_or_moves_the_codings(demo_copy: Path) -> None:
    def codings(key: str) -> int:
        return int(
            _query(
                demo_copy,
                "SELECT count(*) FROM coding JOIN code ON code.id = coding.code_id WHERE key = ?",
                key,
            )[0][0]
        )

    parent, leaf = _query(
        demo_copy,
        "SELECT p.key, c.key FROM code c JOIN code p ON p.id = c.parent_id "
        "WHERE c.id IN (SELECT code_id FROM coding) ORDER BY c.id LIMIT 1",
    )[0]
    refused = runner.invoke(app, ["codebook", "remove", str(demo_copy), parent, "--yes"])
    assert refused.exit_code == 1 and "sub-code" in refused.output

    n = codings(leaf)
    result = runner.invoke(app, ["codebook", "remove", str(demo_copy), leaf, "--yes"])
    assert result.exit_code == 0, result.output
    assert f"deletes {plural(n, 'coding')}" in result.output
    assert _query(demo_copy, "SELECT count(*) FROM code WHERE key = ?", leaf) == [(0,)]
    action, before, after = _last_event(demo_copy)
    assert (action, before["key"], after["codings"]) == ("code.remove", leaf, n)

    other = _query(demo_copy, "SELECT key FROM code WHERE parent_id IS NOT NULL")
    source, target = other[0][0], other[1][0]
    moving = codings(source) + codings(target)
    result = runner.invoke(
        app, ["codebook", "remove", str(demo_copy), source, "--to", target, "--yes"]
    )
    assert result.exit_code == 0, result.output
    assert codings(source) == 0 and codings(target) <= moving
    _checked(demo_copy)


def test_unregister_removes_the_identifier_and_its_bytes(demo_copy: Path) -> None:
    value = "Declan Hargreaves"
    assert _query(demo_copy, "SELECT count(*) FROM identifier WHERE value = ?", value) == [(1,)]
    assert b"Hargreaves" in _raw(demo_copy)
    refused = runner.invoke(app, ["anonymise", "unregister", str(demo_copy), value], input="n\n")
    assert refused.exit_code == 1 and "Interviewee 3" in refused.output

    result = runner.invoke(app, ["anonymise", "unregister", str(demo_copy), value, "--yes"])
    assert result.exit_code == 0, result.output
    assert _query(demo_copy, "SELECT count(*) FROM identifier WHERE value = ?", value) == [(0,)]
    assert b"Hargreaves" not in _raw(demo_copy)  # nowhere else: not in the text or the trail
    action, _, after = _last_event(demo_copy)
    assert action == "identifier.remove" and after == {"identifiers": 1, "kinds": ["name"]}

    missing = runner.invoke(app, ["anonymise", "unregister", str(demo_copy), "[red]x", "--yes"])
    assert missing.exit_code == 1
    assert missing.output.startswith("error: '[red]x' is not registered")
