"""Pseudonym keys: stable replacements ([Person 3]) the researcher keeps apart from exports."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qualcode.anonymise.terms import GENERIC_PARTS, HONORIFICS, Entry, normalise, tokens
from qualcode.errors import QualcodeError
from qualcode.files import write_text

KEY_FORMAT = "qualcode-pseudonym-key"
NOUNS = {"name": "Person", "organisation": "Organisation", "place": "Place"}
NUMBERED = re.compile(r"^(.*) (\d+)$")


@dataclass
class KeyEntity:
    """One person, organisation or place: its pseudonym and every registered spelling."""

    pseudonym: str
    kind: str
    values: list[str] = field(default_factory=list)


@dataclass
class PseudonymKey:
    """The mapping from identifiers to pseudonyms; with it, and only with it, exports reverse."""

    entities: list[KeyEntity] = field(default_factory=list)
    created_at: str = ""

    def lookup(self) -> dict[tuple[str, str], str]:
        """(placeholder kind, normalised value) -> pseudonym, as the redactor wants it."""
        return {
            (entity.kind, normalise(value)): entity.pseudonym
            for entity in self.entities
            for value in entity.values
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "format": KEY_FORMAT,
            "version": 1,
            "warning": "Private: this key reverses pseudonyms. Keep it apart from any export.",
            "created_at": self.created_at,
            "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "entities": [
                {"pseudonym": e.pseudonym, "kind": e.kind, "values": e.values}
                for e in self.entities
            ],
        }


def _words(entry: Entry) -> frozenset[str]:
    ignored = HONORIFICS | GENERIC_PARTS
    return frozenset(w.lower() for w in tokens(entry.value) if w.lower() not in ignored)


def group_entries(entries: list[Entry]) -> list[list[Entry]]:
    """Entries naming the same thing: equal values, or one participant's shorter forms."""
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(entries):
        for j in range(i):
            b = entries[j]
            if a.placeholder != b.placeholder:
                continue
            same = a.key == b.key
            wa, wb = _words(a), _words(b)
            nested = bool(wa and wb) and (wa <= wb or wb <= wa)
            if same or (a.participant is not None and a.participant == b.participant and nested):
                parent[root(i)] = root(j)
    groups: dict[int, list[Entry]] = {}
    for i, entry in enumerate(entries):
        groups.setdefault(root(i), []).append(entry)
    return list(groups.values())


def build_key(
    entries: list[Entry], existing: PseudonymKey | None = None, *, seed: int | None = None
) -> tuple[PseudonymKey, int]:
    """A key covering every entry, keeping existing pseudonyms; returns it and how many are new."""
    key = existing or PseudonymKey(created_at=datetime.now(UTC).isoformat(timespec="seconds"))
    known = key.lookup()
    by_pseudonym = {e.pseudonym: e for e in key.entities}
    fresh: list[list[Entry]] = []
    for group in group_entries(entries):
        pseudonym = next((known[e.key] for e in group if e.key in known), None)
        if pseudonym is None:
            fresh.append(group)
            continue
        entity = by_pseudonym[pseudonym]
        for entry in group:
            if entry.key not in known:
                entity.values.append(entry.value)
                known[entry.key] = pseudonym
    # Shuffled, so numbers say nothing about the order people were registered in.
    (random.Random(seed) if seed is not None else random.SystemRandom()).shuffle(fresh)
    counters = _counters(key)
    for group in fresh:
        kind = group[0].placeholder
        counters[kind] = counters.get(kind, 0) + 1
        noun = NOUNS.get(kind, "Identifier")
        values = list(dict.fromkeys(e.value for e in group))
        key.entities.append(KeyEntity(f"{noun} {counters[kind]}", kind, values))
    return key, len(fresh)


def _counters(key: PseudonymKey) -> dict[str, int]:
    counters: dict[str, int] = {}
    for entity in key.entities:
        match = NUMBERED.match(entity.pseudonym)
        if match:
            counters[entity.kind] = max(counters.get(entity.kind, 0), int(match.group(2)))
    return counters


def read_key(path: Path) -> PseudonymKey:
    """A key written by write_key, checked for its format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise QualcodeError(f"{path}: cannot read the pseudonym key ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise QualcodeError(f"{path}: not a pseudonym key (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise QualcodeError(f"{path}: not a pseudonym key (bad JSON: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
        raise QualcodeError(f"{path}: not a qualcode pseudonym key")
    try:
        entities = [
            KeyEntity(str(item["pseudonym"]), str(item["kind"]), [str(v) for v in item["values"]])
            for item in data.get("entities", [])
        ]
    except (KeyError, TypeError):  # an entity edited by hand without its three fields
        raise QualcodeError(f"{path}: not a qualcode pseudonym key (a damaged entry)") from None
    return PseudonymKey(entities, str(data.get("created_at", "")))


def write_key(key: PseudonymKey, path: Path) -> None:
    """Write the key readable by its owner only (0600), replacing any older copy atomically."""
    write_text(path, json.dumps(key.as_json(), ensure_ascii=False, indent=2) + "\n")


def forget_values(key: PseudonymKey, values: set[str]) -> int:
    """Remove these spellings (compared normalised) from the key, and every entity left with
    none (a withdrawn participant's names); how many spellings went."""
    gone = {normalise(value) for value in values}
    removed = 0
    kept: list[KeyEntity] = []
    for entity in key.entities:
        remaining = [v for v in entity.values if normalise(v) not in gone]
        removed += len(entity.values) - len(remaining)
        if remaining:
            kept.append(KeyEntity(entity.pseudonym, entity.kind, remaining))
    key.entities = kept
    return removed
