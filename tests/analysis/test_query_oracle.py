"""Query results on the demo equal plain set arithmetic over `code list` and `show`; errors
name the position and the nearest code key; --out writes a quote set."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from analysis_helpers import Oracle, run_json
from typer.testing import CliRunner

from qualcode.cli.app import app


def _hits(project: str, expression: str, *extra: str) -> set[tuple[int, int]]:
    return {
        (h["document"]["id"], h["passage"])
        for h in run_json("query", project, expression, "--json", *extra)
    }


def _shown(found: set[tuple[int, int]]) -> set[tuple[int, int]]:
    return {(doc, index + 1) for doc, index in found}  # people count passages from 1


def _near(oracle: Oracle, a: set[tuple[int, int]], b: set[tuple[int, int]], n: int) -> set:  # type: ignore[type-arg]
    return {p for p in a if any(q[0] == p[0] and abs(q[1] - p[1]) <= n for q in b)} | {
        q for q in b if any(p[0] == q[0] and abs(q[1] - p[1]) <= n for p in a)
    }


def test_and_or_not_near_match_plain_sets(demo: str, oracle: Oracle) -> None:
    def has(key: str) -> set[tuple[int, int]]:
        return oracle.carrying(oracle.below(key))

    every = {(d, i) for d, ps in oracle.passages.items() for i in range(len(ps))}
    cases = {
        "commissioning AND partnership-levels": has("commissioning") & has("partnership-levels"),
        "independence and not commissioning": has("independence") - has("commissioning"),
        "(prison-disruption OR independence) AND NOT consortium-bids": (
            (has("prison-disruption") | has("independence")) - has("consortium-bids")
        ),
        "NOT commissioning": every - has("commissioning"),
        "commissioning NEAR/1 prison-disruption": _near(
            oracle, has("commissioning"), has("prison-disruption"), 1
        ),
        "commissioning NEAR/0 independence": has("commissioning") & has("independence"),
        "Commissioning and PARTNERSHIP-LEVELS": has("commissioning") & has("partnership-levels"),
    }
    for expression, expected in cases.items():
        assert expected, expression  # the demo has passages for every case
        assert _hits(demo, expression) == _shown(expected), expression


def test_hits_carry_their_codes_and_anonymised_text(demo: str, oracle: Oracle) -> None:
    hits = run_json("query", demo, "consortium-bids", "--json", "--coder", "ana")
    expected = oracle.carrying({"consortium-bids"}, coder="ana")
    assert {(h["document"]["id"], h["passage"]) for h in hits} == _shown(expected)
    first = hits[0]
    assert set(first) == {"document", "passage", "start", "end", "participant", "codes", "text"}
    assert "consortium-bids" in first["codes"]
    assert first["participant"].startswith("Interviewee")
    assert all("Marcus" not in h["text"] and "Ellery" not in h["text"] for h in hits)


def test_where_filter_narrows_documents(demo: str, oracle: Oracle) -> None:
    small = {d for d, a in oracle.attributes.items() if a.get("size") == "small"}
    found = _hits(demo, "commissioning", "--where", "size=small")
    assert found and {doc for doc, _ in found} <= small


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "commissioning AND comissioning",
            "no code 'comissioning' at position 19; did you mean 'commissioning'?",
        ),
        (
            "commissioning AND",
            "expected a code key, NOT or '(' but found the end of the query at position 18",
        ),
        ("(commissioning OR independence", "'(' at position 1 is not closed at position 31"),
        ("commissioning)", "')' without a matching '(' at position 14"),
        ("commissioning NEAR independence", "NEAR/2"),
        (
            "commissioning independence",
            "expected AND, OR or NEAR/N before 'independence' at position 15",
        ),
        ("   ", "the expression is empty"),
    ],
)
def test_errors_name_the_position(demo: str, expression: str, message: str) -> None:
    done = CliRunner().invoke(app, ["query", demo, expression])
    assert done.exit_code == 1
    assert message in done.output
    assert done.output.count("error:") == 1 and "Traceback" not in done.output


def test_out_writes_a_quote_set(demo: str, tmp_path: Path) -> None:
    path = tmp_path / "hits.docx"
    done = CliRunner().invoke(
        app, ["query", demo, "commissioning AND partnership-levels", "--out", str(path)]
    )
    assert done.exit_code == 0, done.output
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "(commissioning AND partnership-levels)" in text
    assert "Interviewee" in text and "Marcus" not in text
    markdown = tmp_path / "hits.md"
    CliRunner().invoke(app, ["query", demo, "independence", "--out", str(markdown)])
    assert "codes:" in markdown.read_text(encoding="utf-8")
