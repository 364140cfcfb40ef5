"""Names in awkward forms, in Markdown and Word quote exports: registered ones never reach the
file, in any form; a name nobody registered is flagged [name?]."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_helpers import Interview, build_project, read_back

from qualcode.export.build import build_quote_set
from qualcode.export.model import QuoteOptions
from qualcode.export.write import write_quote_set

ANSWER = (
    "Ngozi here. “O’Neill’s team never rang back,” she said, and Smith‑Jones agreed.\n"
    "I asked Callum\nMcAllister about it, and MORAG MACLEOD too; MacLeod’s view was clear.\n"
    "The van der Berg report said Ngozi2 was wrong 🙂 and Brennan’s😀 reply came late.\n"
    "Write to sara.lee@justice.gov.uk or @ngozi_brennan, or tag #saralee, #KakaminvorTrust.\n"
    "As Lee, Sara (Justice) said, and Sara Lee (she/her) agreed, the prison van was late.\n"
    "Our finance director, Jo Pinder, left the Kakaminvor board. Brennan"
)
TEXT = (
    f"Interviewer: How did the partnership start?\n\nRespondent: {ANSWER}\n\nInterviewer: Thanks.\n"
)
REGISTERED = [
    "Aoife O’Neill", "Priya Smith-Jones", "Callum McAllister", "Morag MacLeod", "Jan van der Berg",
    "Ngozi Brennan", "Lee, Sara (Justice)",
]  # fmt: skip
SECRETS = [
    "Aoife", "Neill", "Priya", "Smith", "Jones", "Callum", "Allister", "Morag", "Leod", "Berg",
    "Sara", "Lee", "Ngozi", "Brennan", "Kakaminvor", "justice.gov",
]  # fmt: skip


@pytest.mark.parametrize("unreviewed", ["redact", "keep"])
def test_no_registered_name_in_an_awkward_form_reaches_a_quote_export(
    tmp_path: Path, unreviewed: str
) -> None:
    identifiers = [("Interviewee 6", "name", value) for value in REGISTERED]
    identifiers.append((None, "organisation", "Kakaminvor Trust"))
    start, end = TEXT.index(ANSWER), TEXT.index(ANSWER) + len(ANSWER)
    project = build_project(
        tmp_path / "p.qc",
        [Interview("Interviewee 6", TEXT)],
        identifiers,
        [(1, "contracts", "ana", start, end), (1, "prisons", "ana", start + 12, end - 20)],
    )
    try:
        with project.read() as session:
            quotes = build_quote_set(session, QuoteOptions(context=1, unreviewed=unreviewed))
    finally:
        project.close()
    for fmt in ("md", "docx"):
        path = tmp_path / f"quotes-{unreviewed}.{fmt}"
        write_quote_set(quotes, path, fmt)
        text = read_back(path).replace("\\", "")
        assert [s for s in SECRETS if re.search(re.escape(s), text, re.IGNORECASE)] == [], fmt
        assert "the prison van was late" in text  # a particle of a name is no name
        assert "[name]’s team" in text and "[name]2 was wrong 🙂" in text
        assert "tag #[name], #[organisation]" in text
        pinder = "[name?]" if unreviewed == "redact" else "Jo Pinder"
        assert f"Our finance director, {pinder}, left the [organisation] board." in text
