"""Pattern detectors for identifiers no registry lists: e-mails, handles, phones, URLs, titles..."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualcode.anonymise.hits import DIGIT, Hit, matches
from qualcode.anonymise.lexicon import is_common_word
from qualcode.anonymise.names import is_first_name, is_surname
from qualcode.anonymise.numbers import find_nhs_numbers, find_ni_numbers, find_prison_numbers
from qualcode.anonymise.phones import find_phones

__all__ = ["DETECTOR_KINDS", "Hit", "detect", "find_phones"]

DETECTOR_KINDS = frozenset(
    ["email", "url", "handle", "phone", "postcode", "ni_number", "nhs_number", "prison_number"]
)
# Any Unicode letters in both parts (zoë@bücher.de); the top-level domain is letters only.
EMAIL = re.compile(
    r"(?<![\w.+@-])[\w](?:[\w.!#$%&'*+/=?^`{|}~-]*[\w+-])?"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]+)(?![\w-])"
)
# @name on social media; not the domain of an e-mail address, and not "@ 5pm".
HANDLE = re.compile(
    r"(?<![\w@.+-])@(?=[\w.]*[^\W\d_])\w(?:[\w.]{0,28}\w)?(?:@[\w-]+(?:\.[\w-]+)+)?(?![\w@])"
)
# What every URL match holds: a scheme, "www." or a dot between a letter or digit and a letter;
# written to start at the "." or ":", which the regex engine then skips to (five times faster).
URL_TRIGGER = re.compile(r"[.:](?:(?<=[^\W_]\.)[^\W\d_]|(?<=(?i:www)\.)|(?<=:)//)")
URL = re.compile(
    r"(?<![\w@/.-])(?:(?i:(?:https?|ftp)://|www\.)[^\s<>\"']+"
    r"|(?P<host>(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?P<tld>[a-z]{2,24}|xn--[a-z0-9-]{1,59}"
    r"|[^\W\d_A-Za-z]{2,24}))(?::\d{2,5})?(?P<path>/[^\s<>\"']*)?)(?![\w@])"
)
# A name with a dot that is a file, not a web site ("notes.docx").
FILE_TYPES = frozenset((
    "doc", "docx", "pdf", "txt", "rtf", "odt", "xls", "xlsx", "csv", "ppt", "pptx", "jpg", "jpeg",
    "png", "gif", "heic", "mp3", "mp4", "m4a", "wav", "mov", "zip", "json", "xml", "yaml", "yml",
    "md", "vtt", "srt", "qc", "qdpx", "qdc", "exe", "msg", "eml", "html", "htm", "py",
))  # fmt: skip
# Top-level domains seen often enough to be an address even after everyday words ("mind.org").
KNOWN_TLDS = frozenset((
    "com", "org", "net", "edu", "gov", "info", "biz", "io", "uk", "eu", "ie", "scot", "wales",
    "cymru", "london", "ly", "me", "tv", "fm", "ai", "app", "dev", "online", "charity", "ngo",
))  # fmt: skip
# UK postcode (outward code, optional space, inward code), e.g. SW1A 1AA, M1 1AE, B33 8TH.
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)"
    r" ?\d[ABD-HJLNP-UW-Z]{2})(?![\w])",
    re.IGNORECASE,
)
HONORIFIC = re.compile(
    r"\b(?=[MDPSLRICFBJN])"  # every title's first letter, checked once before the titles
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Revd|Reverend|Pastor|Imam"
    r"|Rabbi|Cllr|Councillor|Sgt|Sergeant|DCI|DI|DS|DC|PC|PCSO|Father|Fr|Sister|Brother|Canon"
    r"|Bishop|Judge|Nurse|Inspector)"
    r"\.?[ \u00a0]+(?:[A-Z]\.?[ \u00a0]+)?(?:[A-Z][\w'’\-]*[ \u00a0]+)?(?:O'|O’|Mc|Mac)?"
    r"[A-Z][\w'’\-]*\w"
)
# Titles that are also everyday words or acronyms ("PC World", "Sister organisations"): the
# word after them must be a name, not an everyday word.
WORDY_TITLES = frozenset((
    "dc", "di", "ds", "pc", "father", "fr", "sister", "brother", "canon", "bishop", "judge",
    "nurse", "inspector", "lord", "lady",
))  # fmt: skip
POSSESSIVE = re.compile(r"['’]s$")
TRAILING = ".,;:!?)]}'\"’”"


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return end


def find_emails(text: str) -> Iterator[Hit]:
    """E-mail addresses, internationalised ones too (name@example.org.uk, zoë@bücher.de)."""
    if "@" not in text:
        return
    for match in EMAIL.finditer(text):
        yield Hit(match.start(), match.end(), "email", match.group())


def find_handles(text: str) -> Iterator[Hit]:
    """Social-media handles (@tolver_valley, @jo@mastodon.social), never part of an e-mail."""
    if "@" not in text:
        return
    for match in HANDLE.finditer(text):
        end = _trim(text, match.start(), match.end())
        yield Hit(match.start(), end, "handle", text[match.start() : end])


def _is_web_address(match: re.Match[str]) -> bool:
    host, tld = match.group("host"), match.group("tld")
    if host is None or match.group("path"):
        return True
    labels = host.split(".")
    if tld in FILE_TYPES:
        return False
    if tld in KNOWN_TLDS:
        return True
    # Everyday words and full stops are a missing space ("it ended.then", "i.e.the"), no address.
    return not (is_common_word(tld) and all(len(w) == 1 or is_common_word(w) for w in labels[:-1]))


def find_urls(text: str) -> Iterator[Hit]:
    """Web addresses: with a scheme, starting www., or a bare domain with any top-level domain."""
    for match in matches(URL, text, URL_TRIGGER):
        if _is_web_address(match):
            end = _trim(text, match.start(), match.end())
            yield Hit(match.start(), end, "url", text[match.start() : end])


def find_postcodes(text: str) -> Iterator[Hit]:
    """UK postcodes such as SW1A 1AA or m1 1ae."""
    for match in matches(POSTCODE, text, DIGIT):
        yield Hit(match.start(), match.end(), "postcode", match.group())


def _named(title: str, rest: str) -> bool:
    """After a title that is also a word, the next word is a name ("Father Doherty")."""
    if title.rstrip(".").lower() not in WORDY_TITLES:
        return True
    word = rest.split()[0].rstrip(".")
    if len(word) == 1:
        return True
    return is_first_name(word) or (is_surname(word) and not is_common_word(word))


def find_titled_names(text: str) -> Iterator[Hit]:
    """A title and a name: Mr Kessler, Dr. Ng, Mrs O'Brien, Cllr J. Amos, DS Hughes, Father Tom."""
    for match in HONORIFIC.finditer(text):
        value = POSSESSIVE.sub("", match.group())
        title, _, rest = value.partition(" ")
        if _named(title, rest.replace("\u00a0", " ") or value):
            yield Hit(match.start(), match.start() + len(value), "name", value)


def detect(text: str) -> list[Hit]:
    """Every detector hit in a text, in text order (hits may overlap)."""
    hits = [*find_emails(text), *find_handles(text), *find_urls(text), *find_titled_names(text)]
    if DIGIT.search(text) is not None:  # the number detectors read only lines with a digit
        nhs = list(find_nhs_numbers(text))
        numbered = {(h.start, h.end) for h in nhs}
        hits += [
            *find_postcodes(text),
            *(h for h in find_phones(text) if (h.start, h.end) not in numbered),
            *nhs,
            *find_ni_numbers(text),
            *find_prison_numbers(text),
        ]
    return sorted(hits)
