"""Registered names with apostrophes, dots, '&', hyphens and accents, in every spelling."""

from __future__ import annotations

import pytest

from qualcode.anonymise.check import find_residual
from qualcode.anonymise.pseudonyms import build_key
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry

REGISTRY = [
    Entry("name", "Mary O'Neill", "Interviewee 1"),
    Entry("name", "Siobhán D'Souza", "Interviewee 2"),
    Entry("name", "Zoë Brady", "Interviewee 3"),
    Entry("name", "Connor O’Brien", "Interviewee 4"),
    Entry("organisation", "Women's Aid"),
    Entry("organisation", "st. giles trust"),
    Entry("organisation", "St Mungo's"),
    Entry("organisation", "The Children's Society"),
    Entry("organisation", "Barnardo's"),
    Entry("organisation", "Smith & Jones Ltd"),
    Entry("organisation", "Marks and Spencer"),
    Entry("place", "King's Lynn"),
    Entry("place", "Stoke-on-Trent"),
]

SPELLINGS = {
    "[name]": [
        "Mary O'Neill", "Mary O’Neill", "MARY O‘NEILL", "mary o'neill", "Mary OʼNeill",
        "Mary O`Neill", "Mary O′Neill", "Mary ONeill", "Mary\u00a0O'Neill", "Mary\nO'Neill",
        "Mary O'Ne\u00adill", "Ma\u200bry O'Neill", "O'Neill", "O’Neill", "M. O'Neill",
        "M O’Neill", "M.O'Neill",
        "Siobhán D'Souza", "Siobhan D'Souza", "SIOBHAN D’SOUZA", "Siobha\u0301n D'Souza",
        "Siobhán", "Siobhan", "D’Souza", "DSouza", "D'Souza",
        "Zoë Brady", "Zoe Brady", "Zoe\u0308 Brady", "ZOË", "Zoe",
        "Connor O'Brien", "Connor O’Brien", "O'Brien", "OBrien", "C. O'Brien",
        "Brady-O'Neill", "Brady‑O'Neill", "Brady–O’Neill", "Brady-Smythe", "Gallagher-Brady",
        "O'Brien-Brady",
    ],
    "[organisation]": [
        "Women's Aid", "Women’s Aid", "Womens Aid", "WOMEN'S AID", "Wo\u00admen's Aid",
        "St. Giles Trust", "St Giles Trust", "st giles trust", "St.Giles Trust",
        "ST. GILES TRUST", "St.\u00a0Giles Trust", "St Giles\nTrust", "Giles",
        "St Mungo's", "St. Mungo’s", "St Mungos", "ST MUNGO'S", "Mungo",
        "The Children's Society", "the Children's Society", "the Children’s Society",
        "Barnardo's", "Barnardos", "Barnardo’s", "BARNARDO'S", "Barnardo",
        "Smith & Jones Ltd", "Smith and Jones Ltd", "Smith&Jones Ltd", "SMITH & JONES LTD",
        "Smith & Jones Ltd.",
        "Marks and Spencer", "Marks & Spencer", "Marks&Spencer",
    ],
    "[place]": [
        "King's Lynn", "Kings Lynn", "King’s Lynn", "KING'S LYNN",
        "Stoke-on-Trent", "Stoke on Trent", "Stoke–on–Trent", "stoke-on-trent", "Stoke‐on‐Trent",
    ],
}  # fmt: skip
CASES = [(form, placeholder) for placeholder, forms in SPELLINGS.items() for form in forms]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(REGISTRY)


def _surrounding(placeholder: str, text: str) -> str:
    """What survives around a mention: the placeholder, and a trailing full stop if written."""
    return placeholder + ("." if text.endswith(".") else "")


@pytest.mark.parametrize(("form", "placeholder"), CASES)
def test_every_spelling_is_replaced_exactly(
    redactor: Redactor, form: str, placeholder: str
) -> None:
    text = f"Yesterday ({form}) rang."
    assert redactor.redact(text) == f"Yesterday ({_surrounding(placeholder, form)}) rang."


@pytest.mark.parametrize(("form", "placeholder"), CASES)
def test_no_spelling_is_left_for_the_check(redactor: Redactor, form: str, placeholder: str) -> None:
    assert find_residual(f"Yesterday {form} rang.", redactor) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O'Neill's team and O’Brien’s", "[name]'s team and [name]’s"),
        ("St Mungo's's hostel", "[organisation]'s hostel"),
        ("Women's Aid's helpline", "[organisation]'s helpline"),
        ("the Brady-led review", "the [name]-led review"),
        ("Zoë, Zoe and Zoé", "[name], [name] and [name]"),
        ("Mary O\u2019Ne\u00adill, then", "[name], then"),
        ("Siobhan's D'Souza-Brady family", "[name]'s [name] family"),
    ],
)
def test_possessives_compounds_and_offsets(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text) == expected


def test_everyday_words_around_them_stay(redactor: Redactor) -> None:
    text = (
        "Women's rights and the aid budget; the children's society at large; "
        "we can't trust kings, and marks and spencers are not names."
    )
    assert redactor.redact(text) == text


def test_part_misspelt_with_punctuation(redactor: Redactor) -> None:
    assert redactor.redact("Barnado's and O'Niell and Siobahn") == (
        "[organisation]'s and [name] and [name]"
    )


@pytest.mark.parametrize(
    ("registered", "written"),
    [
        (Entry("organisation", "Womens Aid"), "Women's Aid"),
        (Entry("organisation", "Childrens Society"), "Children’s Society"),
        (Entry("place", "Kings Lynn"), "King's Lynn"),
        (Entry("organisation", "St Mungos"), "St Mungo’s"),
        (Entry("name", "Mary ONeill"), "Mary O'Neill"),
        (Entry("name", "Ava DSouza"), "Ava D’Souza"),
        (Entry("name", "Connor O'Brien"), "Connor O Brien"),
        (Entry("name", "Connor O'Brien"), "Connor O’ Brien"),
        (Entry("organisation", "Smith and Jones"), "Smith & Jones"),
    ],
)
def test_registered_without_the_apostrophe_text_has(registered: Entry, written: str) -> None:
    redacted = Redactor([registered]).redact(f"We rang {written} today.")
    assert redacted == f"We rang [{registered.placeholder}] today."


@pytest.mark.parametrize(
    ("registered", "written"),
    [
        (Entry("organisation", "St Mungo's"), "Saint Mungo's"),
        (Entry("place", "Saint Helens"), "St. Helens"),
        (Entry("organisation", "J.P. Morgan Trust"), "JP Morgan Trust"),
        (Entry("organisation", "JP Morgan Trust"), "J. P. Morgan Trust"),
        (Entry("name", "A.J. Okafor"), "AJ Okafor"),
    ],
)
def test_saints_and_initials_in_any_spelling(registered: Entry, written: str) -> None:
    redacted = Redactor([registered]).redact(f"We rang {written} today.")
    assert redacted == f"We rang [{registered.placeholder}] today."


def test_one_person_keeps_one_pseudonym_whatever_the_apostrophe() -> None:
    entries = [
        Entry("name", "Mary O‘Neill", "Interviewee 1"),
        Entry("alias", "OʼNeill", "Interviewee 1"),
        Entry("alias", "Mary", "Interviewee 1"),
    ]
    key, _ = build_key(entries, seed=1)
    redactor = Redactor(entries, pseudonyms=key.lookup())
    assert redactor.redact("Mary O'Neill, O’Neill and Mary") == (
        "[Person 1], [Person 1] and [Person 1]"
    )


@pytest.mark.parametrize(
    ("registered", "written"),
    [
        (Entry("organisation", '"Women\'s Aid"'), "Women’s Aid"),
        (Entry("organisation", "(St. Giles Trust)"), "St Giles Trust"),
        (Entry("name", "Mary O'Neill"), "ＭＡＲＹ Ｏ'ＮＥＩＬＬ"),
        (Entry("name", "Mary O'Neill"), "𝐌𝐚𝐫𝐲 𝐎'𝐍𝐞𝐢𝐥𝐥"),
    ],
)
def test_wrapped_values_and_styled_letters(registered: Entry, written: str) -> None:
    redacted = Redactor([registered]).redact(f"We rang {written} today.")
    assert redacted == f"We rang [{registered.placeholder}] today."
