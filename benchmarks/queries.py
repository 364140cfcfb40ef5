"""About fifty varied search queries: words of every frequency, phrases, prefixes, operators."""

from __future__ import annotations

WORDS = [
    "prison",
    "probation",
    "volunteers",
    "commissioning",
    "tender",
    "funding",
    "partnership",
    "resettlement",
    "trustees",
    "vetting",
    "lockdown",
    "austerity",
    "caseworkers",
    "subcontracting",
    "consortium",
    "Marguerite",
    "Tariq",
    "Ashgrove",
    "HMP",
    "million",
    "people",
    "work",
]
PHRASES = [
    '"probation service"',
    '"through the gate"',
    '"payment by results"',
    '"local authority"',
    '"mental health"',
    '"lived experience"',
    '"social value"',
    '"voluntary sector"',
    '"short term funding"',
    '"community rehabilitation company"',
]
PREFIXES = [
    "commission*",
    "volunt*",
    "fund*",
    "partner*",
    "prison*",
    "resettle*",
    "subcontract*",
    "tender*",
    "evalu*",
    "recruit*",
]
COMBINED = [
    "prison AND volunteers",
    "funding NOT tender",
    "probation OR police",
    "trauma AND women",
    '"mental health" AND housing',
    "NEAR(funding cuts, 5)",
    "£22,000 contract",  # not FTS5 syntax: searched as plain words
    "Wetherfield governor",
]
QUERIES: list[str] = [*WORDS, *PHRASES, *PREFIXES, *COMBINED]
