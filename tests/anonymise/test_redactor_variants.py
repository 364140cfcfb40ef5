"""Property: a registered value joined by apostrophes, dots, '&' or hyphens never survives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.anonymise.lexicon import is_common_word
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import GENERIC_PARTS, HONORIFICS, Entry

LETTERS = "abcdefghijklmnopqrstuvwxyzáéíóúëïöüçñ"
APOSTROPHES = ["'", "’", "‘", "ʼ", "′", "`"]
HYPHENS = ["-", "‐", "‑", "–", "—"]
SPACES = [" ", "\u00a0", "\u2009", "\u202f", "  ", "\n"]
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


parts = (
    st.text(alphabet=LETTERS, min_size=3, max_size=9)
    .map(str.capitalize)
    .filter(
        lambda p: (
            not is_common_word(p)
            and not is_common_word(_plain(p))
            and _plain(p).lower() not in GENERIC_PARTS | HONORIFICS | {"and"}
        )
    )
)
joiners = st.sampled_from(["'", ".", ". ", " & ", "&", "-", " "])


@st.composite
def registered(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A value such as "Kovë O'Drisal-Mutt & Pren. Wes", and its name parts."""
    words = draw(st.lists(parts, min_size=1, max_size=4, unique_by=lambda p: _plain(p).lower()))
    value = words[0]
    for word in words[1:]:
        value += draw(joiners) + word
    return value, words


@st.composite
def respelt(draw: st.DrawFn, value: str) -> str:
    """The value as someone else might type it: other apostrophes, dashes, spaces, case..."""
    out: list[str] = []
    for char in value:
        if char == "'":
            out.append(draw(st.sampled_from(APOSTROPHES)))
        elif char == "-":
            out.append(draw(st.sampled_from(HYPHENS)))
        elif char == " ":
            out.append(draw(st.sampled_from(SPACES)))
        elif char == ".":
            out.append(draw(st.sampled_from([".", ". ", " ", ".\u00a0"])))
        else:
            out.append(char)
            if char.isalpha() and draw(st.integers(0, 9)) == 0:
                out.append(draw(st.sampled_from(INVISIBLE)))
    text = "".join(out)
    if "&" in text and draw(st.booleans()):
        text = re.sub(r" ?& ?", draw(st.sampled_from([" and ", " & ", "&"])), text)
    accents = draw(st.sampled_from(["keep", "strip", "decompose"]))
    if accents == "strip":
        text = _plain(text)
    elif accents == "decompose":
        text = unicodedata.normalize("NFD", text)
    case = draw(st.sampled_from([str, str.upper, str.lower, str.title]))
    return case(text) + draw(st.sampled_from(["", "'s", "’s", ".", ","]))


def survivors(redacted: str, words: list[str]) -> list[str]:
    """The name parts still readable in a redacted text, whatever their spelling."""
    left = re.sub(r"\[[^\]]*\]", " ", redacted)
    left = "".join(c for c in _plain(left) if unicodedata.category(c) != "Cf").lower()
    seen = set(re.findall(r"[^\W\d_]+", left))
    return [w for w in words if _plain(w).lower() in seen]


@settings(max_examples=300, deadline=None)
@given(data=st.data(), kind=st.sampled_from(["name", "organisation", "place"]))
def test_no_spelling_of_a_registered_value_survives(data: st.DataObject, kind: str) -> None:
    value, words = data.draw(registered())
    written = data.draw(respelt(value))
    # The sheet may hold the value without its apostrophes ("ONeill") while the text has them.
    sheet = data.draw(st.sampled_from([value, value.replace("'", "")]))
    redactor = Redactor([Entry(kind, sheet)])
    redacted = redactor.redact(f"We met {written} yesterday, by the river.")
    assert survivors(redacted, words) == [], (sheet, written, redacted)
