"""Tests for code keys: the slug rule, slugify and unique_slug."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.codebook.slug import is_slug, slugify, unique_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Commissioning", "commissioning"),
        ("Payment by Results (PbR)", "payment-by-results-pbr"),
        ("  Prison disruption: lockdowns!  ", "prison-disruption-lockdowns"),
        ("Café société", "cafe-societe"),
        ("ﬁnance", "finance"),
        ("snake_case__Name", "snake-case-name"),
        ("2nd-tier   agencies", "2nd-tier-agencies"),
        ("---", "code"),
        ("独立", "code"),
        ("", "code"),
    ],
)
def test_slugify_examples(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "key", ["a", "commissioning", "competitive-tendering", "2nd-tier", "x1-y2"]
)
def test_valid_slugs(key: str) -> None:
    assert is_slug(key)


@pytest.mark.parametrize(
    "key", ["", "Commissioning", "a_b", "a--b", "-a", "a-", "a b", "café", "a\n", "ａ"]
)
def test_invalid_slugs(key: str) -> None:
    assert not is_slug(key)


@given(st.text())
def test_slugify_always_gives_a_valid_slug(name: str) -> None:
    assert is_slug(slugify(name))


@given(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True))
def test_slugify_keeps_a_slug_unchanged(key: str) -> None:
    assert slugify(key) == key


def test_unique_slug_counts_past_taken_keys() -> None:
    assert unique_slug("Independence", set()) == "independence"
    assert unique_slug("Independence", {"independence"}) == "independence-2"
    assert unique_slug("Independence", {"independence", "independence-2"}) == "independence-3"
