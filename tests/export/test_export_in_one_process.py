"""Exports in one long-lived process (the TUI's) follow every registry change and dismissal."""

from __future__ import annotations

from pathlib import Path

from export_helpers import Interview, build_project

from qualcode.anonymise.registry import dismiss
from qualcode.export.build import build_quote_set
from qualcode.export.model import QuoteOptions, QuoteSet
from qualcode.store.documents import add_identifiers

# One long turn of several sentences: the scan reads it a sentence at a time.
TEXT = (
    "Interviewer: How is the work funded?\n\n"
    "Marcus: Mostly contracts with the council. Our finance director is Jo Pinder now. "
    "We also work with Mary O'Neill on the wing. Sessions get cancelled. "
    "Then Pinder rang the governor. O'Neill's team waits.\n"
)


def _quotes(quote_set: QuoteSet) -> str:
    quotes = [q for group in quote_set.groups for q in group.all_quotes()]
    return "\n".join(q.before + q.text + q.after for q in quotes)


def test_a_registry_change_or_a_dismissal_between_two_exports(tmp_path: Path) -> None:
    start = TEXT.index("Mostly")
    project = build_project(
        tmp_path / "p.qc",
        [Interview("Interviewee 1", TEXT)],
        [("Interviewee 1", "name", "Marcus Ellery")],
        [(1, "contracts", "ana", start, len(TEXT) - 1)],
    )
    options = QuoteOptions(context=1)
    try:
        with project.read() as session:
            first = build_quote_set(session, options)
        assert "[name?] now" in _quotes(first) and "Then [name?] rang" in _quotes(first)
        with project.write() as session:
            add_identifiers(session, None, "name", ["Jo Pinder"], source="sheet")
        with project.read() as session:
            registered = build_quote_set(session, options)
        assert "is [name] now" in _quotes(registered) and "Then [name] rang" in _quotes(registered)
        assert registered.unreviewed == first.unreviewed - 2  # "Jo Pinder", "Pinder"
        with project.write() as session:
            dismiss(session, "Mary O'Neill", coder=None)
            dismiss(session, "O'Neill", coder=None)
        with project.read() as session:
            dismissed = build_quote_set(session, options)
        assert "with Mary O'Neill on" in _quotes(dismissed)
        assert "O'Neill's team" in _quotes(dismissed)
        assert dismissed.unreviewed == 0
    finally:
        project.close()
