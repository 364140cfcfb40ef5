"""Property test: any JSON-able state and any coder name round-trip through a real project file
and still match their hashes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.store.audit import record
from qualcode.store.db import Project, create_project
from qualcode.store.trail_check import prove_trail

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
# Keys may be numbers and sequences tuples, as callers build them: JSON makes them text and lists.
keys = st.text(max_size=8) | st.integers(min_value=-5, max_value=5)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(keys, inner, max_size=4)
    ),
    max_leaves=12,
)
states = st.none() | st.dictionaries(keys, values, max_size=5)
events = st.lists(
    st.tuples(st.text(min_size=1, max_size=40) | st.none(), states, states), min_size=1, max_size=4
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    project = create_project(str(tmp_path_factory.mktemp("chain") / "props.qc"))
    yield project
    project.close()


@settings(max_examples=60, deadline=None)
@given(events)
def test_any_state_matches_its_hash_after_a_round_trip(
    store: Project, batch: list[tuple[str | None, Any, Any]]
) -> None:
    with store.write() as session:
        for coder, before, after in batch:
            record(session, "memo.update", "memo", 1, coder=coder, before=before, after=after)
    with store.read() as session:
        proof = prove_trail(session)
    assert proof.problems == []
