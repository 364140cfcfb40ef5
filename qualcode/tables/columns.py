"""What a participant-sheet column holds, judged from its header: label, identifier, attribute."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LABEL, DOCUMENTS, PRIVATE, PUBLIC, REFUSED = (
    "label",
    "documents",
    "private identifier",
    "public attribute",
    "refused",
)

# Headers people give columns that hold a person's name: kept as private identifiers.
NAME_HEADERS = frozenset((
    "name", "names", "real_name", "full_name", "fullname", "first_name", "firstname",
    "forename", "forenames", "given_name", "given_names", "christian_name", "surname",
    "last_name", "lastname", "family_name", "second_name", "middle_name", "middle_names",
    "maiden_name", "birth_name", "participant", "participant_name", "interviewee_name",
    "respondent_name", "person", "person_name", "contact", "contact_name", "name_of_participant",
    "interviewee", "respondent",
))  # fmt: skip
ALIAS_HEADERS = frozenset((
    "alias", "aliases", "nickname", "nicknames", "known_as", "preferred_name", "other_names",
    "also_known_as", "aka", "username", "user_name", "handle", "twitter", "social_media",
))  # fmt: skip
ORGANISATION_HEADERS = frozenset((
    "organisation", "organization", "organisation_name", "organization_name", "org", "org_name",
    "employer", "company", "company_name", "charity_name", "agency_name", "workplace",
))  # fmt: skip
PLACE_HEADERS = frozenset((
    "places", "place", "address", "home_address", "postal_address", "street", "street_address",
    "address_line_1", "address_line_2", "address_1", "address_2", "town", "city", "town_city",
    "postcode", "post_code", "postal_code", "zip", "zip_code", "zipcode",
))  # fmt: skip
CONTACT_HEADERS = frozenset((
    "email", "e_mail", "email_address", "e_mail_address", "mail", "phone", "phone_number",
    "telephone", "telephone_number", "tel", "mobile", "mobile_number", "mobile_phone", "cell",
    "cell_phone", "landline", "contact_number", "contact_details", "whatsapp",
))  # fmt: skip
# Values no export may need and qualcode will not keep: the user removes the column.
REFUSED_HEADERS = {
    "dob": "a date of birth",
    "d_o_b": "a date of birth",
    "date_of_birth": "a date of birth",
    "birth_date": "a date of birth",
    "birthdate": "a date of birth",
    "birthday": "a date of birth",
    "ni_number": "a National Insurance number",
    "national_insurance_number": "a National Insurance number",
    "nino": "a National Insurance number",
    "nhs_number": "an NHS number",
    "prison_number": "a prison number",
    "passport_number": "a passport number",
}
PRIVATE_KINDS = {
    **dict.fromkeys(NAME_HEADERS, "name"),
    **dict.fromkeys(ALIAS_HEADERS, "alias"),
    **dict.fromkeys(ORGANISATION_HEADERS, "organisation"),
    **dict.fromkeys(PLACE_HEADERS, "place"),
    **dict.fromkeys(CONTACT_HEADERS, "other"),
}
# Words that qualify a header without changing what it holds ("Participant's name").
FILLER_WORDS = frozenset((
    "participant", "participants", "interviewee", "interviewees", "respondent", "respondents",
    "person", "persons", "their", "the", "of", "s", "home", "work", "personal", "primary", "main",
    "contact", "current", "no", "number", "nr", "num", "1", "2",
))  # fmt: skip
# A word that makes any header private wherever it stands ("Work mobile", "Email (work)").
TELLING_WORDS = {
    "email": "other", "phone": "other", "telephone": "other", "mobile": "other", "tel": "other",
    "postcode": "place", "address": "place", "surname": "name", "forename": "name",
    "firstname": "name", "lastname": "name", "fullname": "name",
}  # fmt: skip
# Front-matter keys that name people rather than describe them (never public attributes).
HEADER_PRIVATE = frozenset(("interviewer", "researcher", "coder", "transcriber"))


@dataclass(frozen=True)
class ColumnUse:
    """How one sheet column is used: its header, its key in rows, the use, and why."""

    header: str
    key: str
    use: str
    kind: str = ""

    def describe(self) -> str:
        if self.use == PRIVATE:
            return f"{self.use} ({self.kind})"
        if self.use == REFUSED:
            return f"{self.use}: holds {self.kind}"
        return self.use


def column_key(header: str) -> str:
    """A header as compared: lowercase letters and digits joined by "_" ("E-mail" -> "e_mail")."""
    folded = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    folded = folded.replace("'", "").replace("’", "").lower()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def _private(key: str) -> tuple[str, str] | None:
    """(use, kind) of a key that holds something private or refused; None for an attribute."""
    words = key.split("_")
    core = "_".join(w for w in words if w not in FILLER_WORDS) or key
    for candidate in (key, core):
        if candidate in REFUSED_HEADERS:
            return REFUSED, REFUSED_HEADERS[candidate]
        if candidate in PRIVATE_KINDS:
            return PRIVATE, PRIVATE_KINDS[candidate]
    joined = key.replace("e_mail", "email")
    telling = [TELLING_WORDS[w] for w in joined.split("_") if w in TELLING_WORDS]
    if telling:
        return PRIVATE, telling[0]
    if words[-1] in ("name", "names"):
        kind = "organisation" if f"{words[0]}_name" in ORGANISATION_HEADERS else "name"
        return PRIVATE, kind
    return None


def column_use(header: str) -> ColumnUse:
    """What a column with this header holds."""
    key = column_key(header)
    if key in ("label", "documents"):
        return ColumnUse(header, key, key)
    private = _private(key)
    if private is not None:
        return ColumnUse(header, key, *private)
    return ColumnUse(header, key, PUBLIC)


def private_kind(name: str) -> str | None:
    """The identifier kind a name-like attribute's values are kept as (None: not kept)."""
    key = column_key(name)
    found = _private(key)
    if found is not None:
        return found[1] if found[0] == PRIVATE else None
    return "name" if key in HEADER_PRIVATE else None


def is_private_attribute(name: str) -> bool:
    """True for an attribute name that says it holds a name, contact detail or the like."""
    key = column_key(name)
    return key in HEADER_PRIVATE or _private(key) is not None
