"""The fields a codebook file may use, in file order, and 'did you mean' hints for typos."""

from __future__ import annotations

from rapidfuzz import fuzz, process

TOP_FIELDS = ("codebook", "description", "codes")
CODE_FIELDS = (
    "key",
    "name",
    "description",
    "include",
    "exclude",
    "examples",
    "cues",
    "colour",
    "codes",
)

# Words researchers reach for that fuzzy matching cannot see are the same idea.
_CODE_SYNONYMS = {
    "children": "codes",
    "childs": "codes",
    "child": "codes",
    "subcodes": "codes",
    "subthemes": "codes",
    "themes": "codes",
    "keywords": "cues",
    "phrases": "cues",
    "cuephrases": "cues",
    "triggers": "cues",
    "inclusion": "include",
    "inclusioncriteria": "include",
    "includecriteria": "include",
    "exclusion": "exclude",
    "exclusioncriteria": "exclude",
    "excludecriteria": "exclude",
    "definition": "description",
    "desc": "description",
    "label": "name",
    "title": "name",
    "id": "key",
    "slug": "key",
    "code": "key",
    "color": "colour",
    "quotes": "examples",
}
_TOP_SYNONYMS = {
    "name": "codebook",
    "title": "codebook",
    "label": "codebook",
    "definition": "description",
    "desc": "description",
    "themes": "codes",
    "children": "codes",
    "subcodes": "codes",
}
_CUTOFF = 75.0


def _squash(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum())


def suggest_field(word: str, *, top: bool = False) -> str | None:
    """The field a mistyped or synonymous field name most likely meant (top level or a code)."""
    allowed, synonyms = (TOP_FIELDS, _TOP_SYNONYMS) if top else (CODE_FIELDS, _CODE_SYNONYMS)
    squashed = _squash(word)
    if squashed in allowed:
        return squashed
    if squashed in synonyms:
        return synonyms[squashed]
    if squashed.endswith("s") and squashed[:-1] in synonyms:
        return synonyms[squashed[:-1]]
    if top and squashed in CODE_FIELDS:
        return None
    match = process.extractOne(word.lower(), allowed, scorer=fuzz.WRatio, score_cutoff=_CUTOFF)
    return match[0] if match else None


def unknown_field_hint(word: str, *, top: bool = False) -> str:
    """What to tell someone who wrote an unknown field: a 'did you mean', or what is allowed."""
    guess = suggest_field(word, top=top)
    if guess is not None:
        return f"did you mean '{guess}'?"
    if top and _squash(word) in CODE_FIELDS:
        return f"'{word}' belongs to a code, in the list under 'codes:'"
    return "expected one of: " + ", ".join(TOP_FIELDS if top else CODE_FIELDS)
