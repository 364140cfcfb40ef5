"""Every matrix cell on the demo equals a plain count from `code list`, `show` and the codebook."""

from __future__ import annotations

from collections import defaultdict

from analysis_helpers import Oracle, run_json


def _cells(result: dict) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    return {(c["row"], c["column"]): c for c in result["cells"]}


def _expected(
    oracle: Oracle, columns: list[str], coder: str | None = None, docs: set[int] | None = None
) -> dict[tuple[str, str], tuple[int, int]]:
    wanted = set(oracle.passages) if docs is None else docs
    out: dict[tuple[str, str], tuple[int, int]] = defaultdict(lambda: (0, 0))
    for column in columns:
        codes = oracle.below(column)
        for doc, _ in oracle.carrying(codes, coder):
            if doc in wanted:
                p, c = out[(oracle.participant[doc], column)]
                out[(oracle.participant[doc], column)] = (p + 1, c)
        for coding in oracle.codings:
            doc = coding["document"]["id"]
            if coding["code"] in codes and doc in wanted and coder in (None, coding["coder"]):
                p, c = out[(oracle.participant[doc], column)]
                out[(oracle.participant[doc], column)] = (p, c + 1)
    return out


def test_participant_by_theme_matches_the_plain_count(demo: str, oracle: Oracle) -> None:
    result = run_json("matrix", demo, "--json", "--no-quotes")
    assert [c["key"] for c in result["columns"]] == oracle.themes
    assert {r["key"] for r in result["rows"]} == set(oracle.participant.values())
    expected = _expected(oracle, oracle.themes)
    cells = _cells(result)
    assert len(cells) == len(result["rows"]) * len(oracle.themes)
    for (row, column), cell in cells.items():
        assert (cell["passages"], cell["codings"]) == expected[(row, column)], (row, column)
    assert sum(c["passages"] for c in cells.values()) > 50  # the demo is really coded


def test_one_coder_every_code_and_a_where_filter(demo: str, oracle: Oracle) -> None:
    small = {d for d, attrs in oracle.attributes.items() if attrs.get("size") == "small"}
    assert small and len(small) < len(oracle.passages)
    result = run_json(
        "matrix",
        demo,
        "--json",
        "--no-quotes",
        "--columns",
        "code",
        "--coder",
        "ana",
        "--where",
        "size=small",
    )
    assert [c["key"] for c in result["columns"]] == oracle.order
    assert {r["key"] for r in result["rows"]} == {oracle.participant[d] for d in small}
    expected = _expected(oracle, oracle.order, coder="ana", docs=small)
    for (row, column), cell in _cells(result).items():
        assert (cell["passages"], cell["codings"]) == expected[(row, column)], (row, column)


def test_code_by_code_co_occurrence(demo: str, oracle: Oracle) -> None:
    result = run_json("matrix", demo, "--json", "--rows", "code", "--columns", "code")
    assert result["kind"] == "co-occurrence"
    carrying = {k: oracle.carrying(oracle.below(k)) for k in oracle.order}
    cells = _cells(result)
    assert len(cells) == len(oracle.order) ** 2
    for (a, b), cell in cells.items():
        assert cell["passages"] == len(carrying[a] & carrying[b]), (a, b)
    assert any(cells[(a, b)]["passages"] for a in oracle.themes for b in oracle.themes if a != b)


def test_binary_cells_say_whether_a_participant_has_the_code(demo: str, oracle: Oracle) -> None:
    result = run_json(
        "matrix", demo, "--json", "--no-quotes", "--columns", "code", "--cell", "binary"
    )
    expected = _expected(oracle, oracle.order)
    values = {cell["value"] for cell in result["cells"]}
    assert values == {0, 1}
    for (row, column), cell in _cells(result).items():
        assert cell["value"] == (1 if expected[(row, column)][0] else 0)


def test_rows_by_attribute_gather_participants(demo: str, oracle: Oracle) -> None:
    result = run_json("matrix", demo, "--json", "--no-quotes", "--rows", "size")
    by_size: dict[str, set[int]] = defaultdict(set)
    for doc, attrs in oracle.attributes.items():
        by_size[attrs.get("size") or "(not recorded)"].add(doc)
    assert {r["key"] for r in result["rows"]} == set(by_size)
    for (row, column), cell in _cells(result).items():
        docs = by_size[row]
        passages = {p for p in oracle.carrying(oracle.below(column)) if p[0] in docs}
        assert cell["passages"] == len(passages)


def test_consensus_counts_only_text_both_coders_coded(demo: str, oracle: Oracle) -> None:
    agreed = run_json("matrix", demo, "--json", "--no-quotes", "--consensus")
    pooled = _cells(run_json("matrix", demo, "--json", "--no-quotes"))
    ana = _expected(oracle, oracle.themes, coder="ana")
    ben = _expected(oracle, oracle.themes, coder="ben")
    total = 0
    for (row, column), cell in _cells(agreed).items():
        # Text both coders coded lies in passages each of them coded.
        assert cell["passages"] <= min(ana[(row, column)][0], ben[(row, column)][0])
        assert cell["passages"] <= pooled[(row, column)]["passages"]
        total += cell["passages"]
    assert total > 0
