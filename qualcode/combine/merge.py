"""Bring everything from another qualcode project into this one, in the caller's transaction."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from qualcode.combine.cells import bring_coder_keys, bring_summaries
from qualcode.combine.placing import bring_documents
from qualcode.combine.run import CombineSummary, Run
from qualcode.combine.work import bring_assignments, bring_codings, bring_memos, bring_reviews
from qualcode.errors import QualcodeError
from qualcode.store.audit import record, record_many
from qualcode.store.codes import add_code, all_codes
from qualcode.store.models import AuditEvent, Code, Coder, Identifier, Participant

__all__ = ["CombineSummary", "combine_projects", "withdrawn_labels"]
# The fields of a code that make its definition; a difference is a conflict to report.
DEFINITION = ("name", "description", "include", "exclude", "examples", "cues")


class _Combine(Run):
    """Codes by key, participants by label (their identifiers with them)."""

    def run_codes(self) -> None:
        by_key = {code.key: code for code in self.target.scalars(select(Code))}
        for code in all_codes(self.other):
            mine = by_key.get(code.key)
            parent = code.parent.key if code.parent else None
            if mine is None:
                mine = add_code(
                    self.target, code.key, code.name, parent_key=parent,
                    description=code.description, cues=list(code.cues), coder=self.coder,
                )  # fmt: skip
                mine.include, mine.exclude = list(code.include), list(code.exclude)
                mine.examples, mine.colour = list(code.examples), code.colour
                by_key[code.key] = mine
                self.summary.add("codes added")
            else:
                self._compare_code(mine, code, parent)
            self.codes[code.id] = mine

    def _compare_code(self, mine: Code, code: Code, parent: str | None) -> None:
        differs = [f for f in DEFINITION if getattr(mine, f) != getattr(code, f)]
        my_parent = mine.parent.key if mine.parent else None
        if parent != my_parent:
            differs.append("parent")
        self.summary.add("codes matched")
        if not differs:
            return
        if self.prefer and "parent" not in differs:
            before = {f: getattr(mine, f) for f in differs}
            for name in differs:
                setattr(mine, name, getattr(code, name))
            self.summary.add("codes updated")
            record(self.target, "code.update", "code", mine.id, coder=self.coder,
                   before={"key": mine.key, **before},
                   after={"key": mine.key, **{f: getattr(mine, f) for f in differs}})  # fmt: skip
            self.summary.conflicts.append(
                f"code '{mine.key}': {', '.join(differs)} taken from the other project"
            )
            return
        kept = "kept as this project has it"
        if self.prefer:
            kept += " (a different parent is never moved; use 'codebook move')"
        self.summary.conflicts.append(f"code '{mine.key}': {', '.join(differs)} differ; {kept}")

    def run_participants(self) -> None:
        gone = withdrawn_labels(self.target)
        ours = {person.label: person for person in self.target.scalars(select(Participant))}
        new: list[Participant] = []
        for person in self.other.scalars(select(Participant).order_by(Participant.id)):
            if person.label in gone:
                # Withdrawal is for good: a coder's older copy must not bring them back.
                self.withdrawn.add(person.id)
                self.summary.conflicts.append(
                    f"participant '{person.label}' withdrew from this project: their documents, "
                    "codings, memos and identifiers were left out"
                )
                continue
            mine = ours.get(person.label)
            self.summary.add("participants matched" if mine else "participants added")
            if mine is None:
                mine = ours[person.label] = Participant(label=person.label, attributes={})
                new.append(mine)
            merged = dict(mine.attributes)
            for key, value in person.attributes.items():
                if key not in merged:
                    merged[key] = value
                    self.summary.add("attributes added")
                elif merged[key] != value:
                    self.summary.conflicts.append(
                        f"participant '{person.label}': attribute '{key}' is "
                        f"'{merged[key]}' here and '{value}' there; kept '{merged[key]}'"
                    )
            if merged != mine.attributes:
                mine.attributes = merged
            self.participants[person.id] = mine
        self.target.add_all(new)
        self.target.flush()
        record_many(self.target, "participant.add", "participant",
                    [(person.id, {"label": person.label}) for person in new],
                    coder=self.coder)  # fmt: skip
        self._identifiers()

    def _identifiers(self) -> None:
        """The other's identifiers not already known here, in one insert (see add_identifiers)."""
        columns = (Identifier.participant_id, Identifier.kind, Identifier.value)
        known = {tuple(row) for row in self.target.execute(select(*columns))}
        rows: list[dict[str, object]] = []
        for ident in self.other.scalars(select(Identifier).order_by(Identifier.id)):
            value = ident.value.strip()
            if ident.participant_id in self.withdrawn or not value:
                continue
            person = self.participants.get(ident.participant_id) if ident.participant_id else None
            key = (person.id if person else None, ident.kind, value)
            if key in known:
                continue
            known.add(key)
            rows.append({"participant_id": key[0], "kind": ident.kind, "value": value,
                         "source": ident.source})  # fmt: skip
        if rows:
            self.target.flush()
            self.target.connection().execute(insert(Identifier), rows)
            self.summary.add("identifiers added", len(rows))


def withdrawn_labels(session: Session) -> set[str]:
    """Labels of participants withdrawn from this project (the trail keeps only the label)."""
    states = session.scalars(
        select(AuditEvent.after).where(AuditEvent.action == "participant.withdraw")
    )
    return {state["label"] for state in states if state and isinstance(state.get("label"), str)}


def combine_projects(
    target: Session,
    other: Session,
    *,
    coder: str,
    only_coder: str | None = None,
    prefer_other: bool = False,
    other_name: str = "",
) -> CombineSummary:
    """Bring the other project's work into the target's session (the caller commits or not).

    Documents are matched by content hash (a document edited in one project has its codings
    re-anchored onto the target's text; words no longer there are set aside as orphaned
    codings), participants by label, codes by key, coders by name; identical codings, memos,
    reviews and assignments are not duplicated, so combining twice changes nothing.
    """
    if (
        only_coder is not None
        and other.scalar(select(Coder.id).where(Coder.name == only_coder)) is None
    ):
        raise QualcodeError(f"the other project has no coder named '{only_coder}'")
    run = _Combine(target, other, coder=coder, only=only_coder, prefer=prefer_other)
    run.run_codes()
    run.run_participants()
    bring_documents(run)
    bring_codings(run)
    bring_memos(run)
    bring_reviews(run)
    bring_summaries(run)
    bring_coder_keys(run)
    if only_coder is None:
        bring_assignments(run)
    target.flush()
    summary = run.summary
    if summary.changed:
        record(target, "project.combine", "project", None, coder=coder,
               after={"from": other_name, "coder": only_coder, **summary.counts})  # fmt: skip
    return summary
