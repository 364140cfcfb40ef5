"""Stable GUIDs: the same code, document or coder gets the same GUID in every export.

A GUID is derived from the project and the row's id, unless the row came from a REFI import:
then the GUID it had there is remembered (in a project setting) and written again.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy.orm import Session

from qualcode.store.audit import get_setting, set_setting

SETTING = "refi.guids"
KINDS = ("code", "document", "coder", "participant")


class Guids:
    """GUIDs for one export: remembered ones first, else derived; never the same one twice."""

    def __init__(self, seed: str, remembered: dict[str, str]) -> None:
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"qualcode-project:{seed}")
        self._remembered = remembered
        self._given: dict[str, str] = {}
        self._used: set[str] = set()

    def of(self, kind: str, ident: int | str) -> str:
        """The GUID of one thing (kind, id), the same each time it is asked for."""
        name = f"{kind}:{ident}"
        if name in self._given:
            return self._given[name]
        guid = self._remembered.get(name)
        if guid is None or guid in self._used:
            guid = str(uuid.uuid5(self._namespace, name))
        self._used.add(guid)
        self._given[name] = guid
        return guid


def project_guids(session: Session) -> Guids:
    """The GUIDs of this project's rows."""
    seed = get_setting(session, "created_at") or "unknown"
    return Guids(seed, _remembered(session))


def _remembered(session: Session) -> dict[str, str]:
    try:
        value = json.loads(get_setting(session, SETTING) or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def remember_guids(session: Session, guids: dict[str, str]) -> None:
    """Keep GUIDs read from an import ({"code:12": guid, ...}) for later exports."""
    merged = {**_remembered(session), **guids}
    set_setting(session, SETTING, json.dumps(merged, sort_keys=True))
