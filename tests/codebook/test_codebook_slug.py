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
        ("Café société", "café-société"),
        ("Straße", "straße"),
        ("Cafe\u0301", "café"),
        ("Spolupráce s věznicí", "spolupráce-s-věznicí"),
        ("社区合作", "社区合作"),
        ("Независимость сектора", "независимость-сектора"),
        ("रोज़गार सहायता", "रोज़गार-सहायता"),
        ("الشراكة مع السجون", "الشراكة-مع-السجون"),
        ("ＦＵＬＬ width", "full-width"),
        ("ﬁnance", "finance"),
        ("snake_case__Name", "snake-case-name"),
        ("2nd-tier   agencies", "2nd-tier-agencies"),
        ("---", "code"),
        ("独立", "独立"),
        ("\u0301\u0301", "code"),
        ("", "code"),
    ],
)
def test_slugify_examples(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "key",
    ["a", "commissioning", "competitive-tendering", "2nd-tier", "x1-y2", "café", "straße", "独立"],
)
def test_valid_slugs(key: str) -> None:
    assert is_slug(key)


@pytest.mark.parametrize(
    "key",
    [
        "",
        "Commissioning",
        "a_b",
        "a--b",
        "-a",
        "a-",
        "a b",
        "Straße",
        "cafe\u0301",
        "a\n",
        "ａ",
        "a·b",
    ],
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


def test_a_key_typed_decomposed_or_in_capitals_folds_to_the_stored_key() -> None:
    from qualcode.codebook.slug import fold_key

    assert fold_key("Cafe\u0301") == "café"
    assert fold_key("ＳＴＲＡßE") == "straße"


def test_unique_slug_keeps_distinct_names_in_other_scripts_apart() -> None:
    taken: set[str] = set()
    for name in ("Партнёрство", "Независимость", "合作", "独立"):
        key = unique_slug(name, taken)
        assert key not in taken and not key.startswith("code")
        taken.add(key)
