"""Merging into a consensus coder: strategies, idempotence, resolutions, pending, audit trail."""

from __future__ import annotations

from audit_helpers import Study, run, run_json
from typer.testing import CliRunner

from qualcode.audit import spans
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.models import Document


def _add(study: Study, coder: str, key: str, start: int, end: int, memo: str | None = None) -> None:
    with study.open() as project, project.write() as session:
        document = session.get(Document, study.document_id)
        assert document is not None
        add_coding(session, document, find_code(session, key), coder, start, end, memo=memo)


def _consensus(
    runner: CliRunner, study: Study, key: str | None = None
) -> list[tuple[str, int, int]]:
    args = ["--code", key] if key else []
    found = run_json(runner, "code", "list", study.target, "--coder", "consensus", *args)
    assert isinstance(found, list)
    return sorted((r["code"], r["start"], r["end"]) for r in found)


def _merge(runner: CliRunner, study: Study, strategy: str, *extra: str) -> str:
    code, out, err = run(
        runner, "merge", study.target, "--doc", study.document_id, "--coders", "ana,ben",
        "--strategy", strategy, *extra, coder="sam",
    )  # fmt: skip
    assert code == 0, err
    return out


def _overlapping_drift(study: Study) -> None:
    _add(study, "ana", "mission-drift", 60, 100, memo="ana's note")
    _add(study, "ana", "mission-drift", 120, 150)
    _add(study, "ben", "mission-drift", 90, 130)


def test_strategies_on_overlapping_spans(runner: CliRunner, study: Study) -> None:
    _overlapping_drift(study)
    _merge(runner, study, "union")
    assert _consensus(runner, study, "mission-drift") == [("mission-drift", 60, 150)]
    _merge(runner, study, "intersection")
    assert _consensus(runner, study, "mission-drift") == [
        ("mission-drift", 90, 100),
        ("mission-drift", 120, 130),
    ]
    _merge(runner, study, "take:ana")
    assert _consensus(runner, study, "mission-drift") == [
        ("mission-drift", 60, 100),
        ("mission-drift", 120, 150),
    ]
    found = run_json(
        runner, "code", "list", study.target, "--coder", "consensus", "--code", "mission-drift"
    )
    assert isinstance(found, list) and found[0]["memo"] == "ana's note"
    ct = [(s, e) for _, s, e in _consensus(runner, study, "competitive-tendering")]
    assert ct == [study.spans[i] for i in (1, 3, 5, 7)]


def test_merge_is_idempotent_and_logged(runner: CliRunner, study: Study) -> None:
    out = _merge(runner, study, "union")
    assert "7 codings added, 0 removed" in out  # ct 1 3 5 7 8, lpf 3, volunteers 7
    events = run_json(runner, "audit", "log", study.target)
    assert isinstance(events, list)
    again = _merge(runner, study, "union")
    assert "0 codings added, 0 removed" in again
    assert run_json(runner, "audit", "log", study.target) == events
    merges = run_json(
        runner, "audit", "log", study.target, "--action", "consensus", "--coder", "sam"
    )
    assert isinstance(merges, list) and len(merges) == 1
    assert merges[0]["after"]["strategy"] == "union" and merges[0]["after"]["added"] == 7
    added = run_json(
        runner, "audit", "log", study.target, "--coder", "consensus", "--action", "coding.add"
    )
    assert isinstance(added, list) and len(added) == 7
    assert {e["after"]["coder"] for e in added} == {"consensus"}


def test_merge_refusals(runner: CliRunner, study: Study) -> None:
    args = ("merge", study.target, "--doc", study.document_id, "--strategy")
    code, _, err = run(runner, *args, "take:zoe", "--coders", "ana,ben")
    assert code == 1 and "'zoe' is not one of --coders" in err
    code, _, err = run(runner, *args, "majority", "--coders", "ana,ben")
    assert code == 1 and "strategy must be one of" in err
    code, _, err = run(runner, *args, "union", "--coders", "ana,consensus")
    assert code == 1 and "cannot also be merged from" in err
    code, _, err = run(runner, *args, "union", "--coders", "ana,zoe")
    assert code == 1 and "no coder named 'zoe'" in err
    code, _, err = run(runner, "code", "list", study.target, "--coder", "consensus")
    assert code == 1 and "no coder named 'consensus'" in err  # nothing merged, nobody added


def test_resolve_disagreements_one_by_one(runner: CliRunner, study: Study) -> None:
    _merge(runner, study, "intersection")
    pending = run_json(
        runner, "merge", "pending", study.target, "--doc", study.document_id, "--coders", "ana,ben"
    )
    assert isinstance(pending, list)
    assert sorted((p["code"], p["passage"]) for p in pending) == [
        ("competitive-tendering", 8),
        ("competitive-tendering", 9),
        ("volunteers", 8),
    ]
    assert not any(p["consensus_applies"] for p in pending)

    def resolve(key: str, passage: int, decision: str) -> str:
        code, out, err = run(
            runner, "merge", "resolve", study.target, "--doc", study.document_id, "--code", key,
            "--passage", passage, decision, coder="sam",
        )  # fmt: skip
        assert code == 0, err
        return out

    assert "1 added" in resolve("competitive-tendering", 8, "--keep")
    events = run_json(runner, "audit", "log", study.target)
    assert "0 added, 0 removed" in resolve("competitive-tendering", 8, "--keep")
    assert run_json(runner, "audit", "log", study.target) == events  # same decision again
    resolve("competitive-tendering", 9, "--drop")
    left = run_json(
        runner, "merge", "pending", study.target, "--doc", study.document_id, "--coders", "ana,ben"
    )
    assert isinstance(left, list) and [(p["code"], p["passage"]) for p in left] == [
        ("volunteers", 8)
    ]
    resolve("volunteers", 8, "--drop")
    code, out, _ = run(
        runner, "merge", "pending", study.target, "--doc", study.document_id, "--coders", "ana,ben"
    )
    assert code == 0 and "Nothing left to resolve" in out
    ct = [(s, e) for _, s, e in _consensus(runner, study, "competitive-tendering")]
    assert ct == [study.spans[i] for i in (1, 3, 5, 7)]
    # merging again starts over: the resolutions no longer count
    _merge(runner, study, "intersection")
    again = run_json(
        runner, "merge", "pending", study.target, "--doc", study.document_id, "--coders", "ana,ben"
    )
    assert isinstance(again, list) and len(again) == 3


def test_drop_trims_a_consensus_coding_across_passages(runner: CliRunner, study: Study) -> None:
    start, end = study.spans[1][0] + 10, study.spans[3][1] - 5
    _add(study, "ben", "public-opinion", start, end)
    _merge(runner, study, "union", "--code", "public-opinion")
    assert _consensus(runner, study) == [("public-opinion", start, end)]
    code, _, err = run(
        runner, "merge", "resolve", study.target, "--doc", study.document_id, "--code",
        "public-opinion", "--passage", "3", "--drop",
    )  # fmt: skip
    assert code == 0, err
    assert _consensus(runner, study) == [
        ("public-opinion", start, study.spans[2][0]),
        ("public-opinion", study.spans[2][1], end),
    ]
    code, _, err = run(
        runner, "merge", "resolve", study.target, "--doc", study.document_id, "--code",
        "mission-drift", "--passage", "3", "--keep",
    )  # fmt: skip
    assert code == 1 and "nothing to keep" in err


def test_span_operations() -> None:
    assert spans.union([(5, 9), (0, 3), (3, 4), (8, 12)]) == [(0, 4), (5, 12)]
    assert spans.intersect([(0, 10), (20, 30)], [(5, 25)]) == [(5, 10), (20, 25)]
    assert spans.intersect([(0, 5)], [(5, 9)]) == []
    assert spans.clip((0, 10), (10, 20)) is None and spans.clip((0, 15), (10, 20)) == (10, 15)
    assert spans.outside((0, 30), (10, 20)) == [(0, 10), (20, 30)]
    assert spans.outside((12, 18), (10, 20)) == []
