"""`words` and `kwic`: participants' words only, anonymised before counting, with real spaCy
lookups (lemmas) and stop words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from export_helpers import Interview, build_project
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import Project

PRIVATE = {
    "marcus", "ellery", "tolver", "valley", "recovery", "jo", "pinder", "helen", "marsh",
    "alder", "foundation", "calderbrook", "hmp", "sam", "okoro",
}  # fmt: skip


def run_json(*args: str) -> Any:
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def counts(project: Project, *args: str) -> dict[str, int]:
    found = run_json("words", project.target, "--json", "--top", "1000", *args)
    return {w["word"]: w["count"] for w in found["words"]}


def test_words_are_lemmas_of_participants_words_without_identifiers(
    small_project: Project,
) -> None:
    words = counts(small_project)
    assert words["contract"] == 2  # "contracts" (Interviewee 1), "Contracts" (Interviewee 10)
    assert words["grant"] == 2  # the interviewer's "grants" is not counted
    assert words["cancel"] == 1 and words["session"] == 1 and words["tender"] == 1
    assert "fund" not in words and "prison" not in words  # only the interviewer said them
    assert not PRIVATE & set(words), PRIVATE & set(words)
    assert not {"the", "and", "be", "we", "name", "organisation"} & set(words)
    whole = run_json("words", small_project.target, "--json", "--top", "3")
    assert len(whole["words"]) == 3 and whole["passages"] == 4
    # "short notice", "Contracts are short", "Grants are shorter"
    assert whole["words"][0] == {"word": "short", "count": 3, "passages": 2, "participants": 2}


def test_words_filtered_by_code_coder_and_attribute(small_project: Project) -> None:
    prisons = counts(small_project, "--code", "prisons")
    assert set(prisons) >= {"session", "cancel", "week", "team", "wait"}
    assert "contract" not in prisons and not PRIVATE & set(prisons)
    large = counts(small_project, "--where", "size=large")
    assert "grant" in large and "contract" not in large
    ben_funding = counts(small_project, "--code", "funding", "--coder", "ben")
    assert ben_funding["contract"] == 2 and "session" not in ben_funding


def test_kwic_finds_every_form_in_participants_words_anonymised(small_project: Project) -> None:
    hits = run_json("kwic", small_project.target, "grant", "--json", "--width", "30")
    assert [(h["document"], h["passage"], h["word"]) for h in hits] == [
        (2, 2, "grant"),  # passage numbers from 1: the interviewer's question is 1
        (3, 2, "Grants"),
    ]
    assert hits[0]["participant"] == "Interviewee 2"
    assert "Alder" not in hits[0]["right"] and "[organisation]" in hits[0]["right"]
    assert hits[0]["left"] == "The "
    cancelled = run_json("kwic", small_project.target, "cancel", "--json")
    assert [h["word"] for h in cancelled] == ["cancelled"]
    assert "Calderbrook" not in cancelled[0]["left"] and "[place]" in cancelled[0]["left"]


def test_kwic_never_finds_an_identifier_unless_unreviewed_ones_are_kept(
    small_project: Project,
) -> None:
    for word in ("Marcus", "Ellery", "Pinder", "name", "organisation"):
        assert run_json("kwic", small_project.target, word, "--json") == [], word
    kept = run_json("kwic", small_project.target, "Pinder", "--json", "--unreviewed", "keep")
    assert [h["word"] for h in kept] == ["Pinder"]  # asked for explicitly
    assert "Marcus" not in json.dumps(kept)  # a registered name stays out even so


def test_bad_input_is_one_line(small_project: Project) -> None:
    for args in (
        ["kwic", small_project.target, "two words"],
        ["kwic", small_project.target, "[bold]x[/bold]"],
        ["kwic", small_project.target, "don't"],
        ["words", small_project.target, "--code", "no-such-code"],
        ["words", small_project.target, "--where", "size"],
    ):
        done = CliRunner().invoke(app, args)
        assert done.exit_code == 1, args
        assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
    shown = CliRunner().invoke(app, ["kwic", small_project.target, "nothing"])
    assert shown.exit_code == 0 and "No participant uses 'nothing'" in shown.stdout


def test_a_form_that_is_a_word_in_its_own_right_is_not_taken_for_another(
    tmp_path: Path,
) -> None:
    notes = (
        "It took a bit of time. The bits of funding add up, and the funding we have is "
        "short. We funded the meeting ourselves; meetings take a bit of everyone's week.\n\n"
        "Contracts ended and the sessions were cancelled."
    )
    project = build_project(tmp_path / "bits.qc", [Interview("Interviewee 1", notes)])
    try:
        words = counts(project)
        hits = run_json("kwic", project.target, "bit", "--json")
    finally:
        project.close()
    assert words["bit"] == 3 and "bite" not in words  # "bit", "bits", "bit"
    assert words["funding"] == 2 and words["fund"] == 1  # "funded"
    assert words["meeting"] == 2 and "meet" not in words
    assert words["contract"] == 1 and words["session"] == 1 and words["cancel"] == 1
    assert [h["word"] for h in hits] == ["bit", "bits", "bit"]
