"""Set laws of AND/OR/NOT and the meaning of NEAR/N, checked on random passage sets; and the
parser reads back what it writes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qualcode.analysis.carried_arrays import PassageKeys
from qualcode.analysis.expression import Node, parse, show
from qualcode.analysis.query import evaluate

KEYS = ["a", "b", "c"]
UNIVERSE = {(d, i) for d in range(3) for i in range(8)}
passages = st.sets(st.sampled_from(sorted(UNIVERSE)))


def run(expression: str, sets: dict[str, set[tuple[int, int]]]) -> set[tuple[int, int]]:
    keys = {key: PassageKeys.of(found) for key, found in sets.items()}
    found = evaluate(parse(expression, KEYS), keys.__getitem__, lambda: PassageKeys.of(UNIVERSE))
    return set(found.refs())


@given(passages, passages, passages)
def test_and_or_not_obey_the_set_laws(a: set, b: set, c: set) -> None:  # type: ignore[type-arg]
    sets = {"a": a, "b": b, "c": c}
    assert run("a AND b", sets) == a & b == run("b AND a", sets)
    assert run("a OR b", sets) == a | b == run("b OR a", sets)
    assert run("NOT a", sets) == UNIVERSE - a
    assert run("NOT NOT a", sets) == a
    assert run("NOT (a AND b)", sets) == run("NOT a OR NOT b", sets)  # De Morgan
    assert run("NOT (a OR b)", sets) == run("NOT a AND NOT b", sets)
    assert run("a AND (b OR c)", sets) == run("(a AND b) OR (a AND c)", sets)
    assert run("a OR b AND c", sets) == a | (b & c)  # AND binds tighter than OR
    assert run("a AND NOT a", sets) == set()
    assert run("a OR NOT a", sets) == UNIVERSE


def _brute_near(a: set, b: set, n: int) -> set:  # type: ignore[type-arg]
    return {p for p in a if any(q[0] == p[0] and abs(q[1] - p[1]) <= n for q in b)} | {
        q for q in b if any(p[0] == q[0] and abs(q[1] - p[1]) <= n for p in a)
    }


@given(passages, passages, st.integers(min_value=0, max_value=9))
def test_near_is_both_sides_within_n_passages_in_one_document(a: set, b: set, n: int) -> None:  # type: ignore[type-arg]
    sets = {"a": a, "b": b, "c": set()}
    found = run(f"a NEAR/{n} b", sets)
    assert found == _brute_near(a, b, n) == run(f"b NEAR/{n} a", sets)
    assert found <= a | b
    assert run("a NEAR/0 b", sets) == a & b
    assert found <= run(f"a NEAR/{n + 1} b", sets)  # a wider window never finds less
    assert run("a NEAR/1 c", sets) == set()


expressions = st.recursive(
    st.sampled_from(KEYS),
    lambda inner: st.one_of(
        st.builds(lambda x: f"NOT {x}", inner),
        st.builds(lambda x, y: f"({x} AND {y})", inner, inner),
        st.builds(lambda x, y: f"({x} OR {y})", inner, inner),
        st.builds(lambda x, y, n: f"({x} NEAR/{n} {y})", inner, inner, st.integers(0, 5)),
    ),
    max_leaves=8,
)


@given(expressions)
def test_the_parser_reads_back_what_it_writes(expression: str) -> None:
    tree: Node = parse(expression, KEYS)
    assert parse(show(tree), KEYS) == tree
    assert parse(expression.lower(), KEYS) == tree  # operators in any case


def test_and_not_is_a_difference_without_the_universe() -> None:
    """ "A AND NOT B" never builds every passage of the project (the slow part of a query)."""

    def no_universe() -> PassageKeys:
        raise AssertionError("the universe was built")

    sets = {"a": {(1, 0), (1, 1), (2, 0)}, "b": {(1, 1)}, "c": {(2, 0)}}
    keys = {key: PassageKeys.of(found) for key, found in sets.items()}
    found = evaluate(parse("a AND NOT b", KEYS), keys.__getitem__, no_universe)
    assert found.refs() == [(1, 0), (2, 0)]
    found = evaluate(parse("NOT c AND a", KEYS), keys.__getitem__, no_universe)
    assert found.refs() == [(1, 0), (1, 1)]
