"""Agreement on the hand-built study: numbers against hand counts and the stats core, the CLI."""

from __future__ import annotations

import pytest
from audit_helpers import ANA, BEN, Study, run, run_json
from typer.testing import CliRunner

from qualcode.audit.agreement import agreement
from qualcode.audit.gather import coders_with_codings, gather
from qualcode.stats import Coding, Document, Passage, Table2x2, alpha_nominal, cohen_kappa
from qualcode.store.models import Passage as StoredPassage
from qualcode.store.workbench import set_reviewed


def _char_table(study: Study, a: list[int], b: list[int]) -> Table2x2:
    """The character-level 2×2 table counted by hand from whole-passage codings."""
    size = [end - start for start, end in study.spans]
    both = sum(size[i] for i in set(a) & set(b))
    only_a = sum(size[i] for i in set(a) - set(b))
    only_b = sum(size[i] for i in set(b) - set(a))
    return Table2x2(both, only_a, only_b, len(study.text) - both - only_a - only_b)


def test_passage_kappa_is_the_hand_computed_value(study: Study) -> None:
    with study.open() as project, project.read() as session:
        summary = agreement(session, gather(session, ["ana", "ben"]), unit="passage")
    row = next(r for r in summary.rows if r.code == "competitive-tendering")
    assert row.n_units == 10
    assert row.percent == pytest.approx(0.8)
    assert row.kappa.value == pytest.approx(7 / 12)  # po .8, pe .4·.4 + .6·.6 = .52
    matrix = [[1 if i in ANA["competitive-tendering"] else 0 for i in range(10)],
              [1 if i in BEN["competitive-tendering"] else 0 for i in range(10)]]  # fmt: skip
    assert row.alpha.value == pytest.approx(alpha_nominal(matrix).value)
    assert row.flag == f"kappa {7 / 12:.3f} is below 0.6"
    assert summary.unit == "passage" and "every passage is a unit" in summary.unit_description


def test_char_kappa_matches_hand_counts_and_the_stats_core(study: Study) -> None:
    with study.open() as project, project.read() as session:
        summary = agreement(session, gather(session, ["ana", "ben"]), unit="char")
    row = next(r for r in summary.rows if r.code == "competitive-tendering")
    table = _char_table(study, ANA["competitive-tendering"], BEN["competitive-tendering"])
    assert row.n_units == len(study.text) == table.n
    assert row.kappa.value == pytest.approx(cohen_kappa(table).value)
    po = (table.both + table.neither) / table.n
    pa, pb = table.coded_a / table.n, table.coded_b / table.n
    assert row.kappa.value == pytest.approx(
        (po - (pa * pb + (1 - pa) * (1 - pb))) / (1 - pa * pb - (1 - pa) * (1 - pb))
    )
    # and the same comparison built directly from plain data
    plain = [
        Coding(1, key, coder, *study.spans[i])
        for coder, plan in (("ana", ANA), ("ben", BEN))
        for key, indexes in plan.items()
        for i in indexes
    ]
    from qualcode.stats import compare

    direct = compare(
        plain,
        [Document(1, len(study.text), tuple(Passage(*s) for s in study.spans))],
        ["ana", "ben"],
        unit="char",
    )
    assert summary.overall.kappa.value == pytest.approx(direct.overall.pair.kappa.value)


def test_undefined_kappa_is_flagged_with_its_reason(study: Study) -> None:
    with study.open() as project, project.read() as session:
        summary = agreement(session, gather(session, ["ana", "ben"]))
    volunteers = next(r for r in summary.rows if r.code == "volunteers")
    assert volunteers.kappa.value is None
    assert volunteers.flag is not None and "ana never applied the code" in volunteers.flag
    perfect = next(r for r in summary.rows if r.code == "level-playing-field")
    assert perfect.kappa.value == pytest.approx(1.0) and perfect.flag is None
    assert [r.code for r in summary.flagged] == ["competitive-tendering", "volunteers"]


def test_disagreements_carry_text_codes_and_criteria(study: Study) -> None:
    with study.open() as project, project.read() as session:
        summary = agreement(session, gather(session, ["ana", "ben"]))
    found = {(d.code, d.passage): d for d in summary.disagreements}
    assert set(found) == {
        ("competitive-tendering", 7),
        ("competitive-tendering", 8),
        ("volunteers", 7),
    }
    item = found[("competitive-tendering", 7)]
    assert item.applied_by == ("ana",) and item.not_applied_by == ("ben",)
    assert item.text.startswith("Siobhan: Security clearance")
    assert item.codes == {"ana": ["competitive-tendering"], "ben": ["volunteers"]}
    assert item.include and item.exclude  # the codebook's criteria


def test_reviews_make_unreviewed_passages_missing(study: Study) -> None:
    with study.open() as project, project.write() as session:
        passages = session.query(StoredPassage).order_by(StoredPassage.index).all()
        for passage in passages[:6]:
            set_reviewed(session, passage.id, "ben", True)
    with study.open() as project, project.read() as session:
        data = gather(session, ["ana", "ben"])
        summary = agreement(session, data)
    # ben reviewed 0-5 and coded 7 and 8: passage 6 and 9 are missing for ben
    row = next(r for r in summary.rows if r.code == "competitive-tendering")
    assert row.n_units == 8
    assert data.reviewed["ben"] == {(study.document_id, i) for i in range(6)}  # + coded ones
    assert data.reviewed["ana"] == {(study.document_id, i) for i in range(10)}  # no reviews


def test_agree_cli_table_names_the_unit_flags_and_disagreements(
    runner: CliRunner, study: Study
) -> None:
    code, out, err = run(runner, "agree", study.target, "--coders", "ana,ben", "--limit", "0")
    assert code == 0, err
    assert "unit: passage" in out and "every passage is a unit" in out
    assert "competitive-tendering" in out and "0.583" in out and "overall (pooled)" in out
    assert "2 codes flagged" in out and "ana never applied the code" in out
    assert "3 disagreements" in out and "Security clearance for our volunteers" in out
    assert "include:" in out and "exclude:" in out


def test_agree_cli_json_has_stable_fields(runner: CliRunner, study: Study) -> None:
    result = run_json(runner, "agree", study.target, "--coders", "ana,ben", "--unit", "char")
    assert isinstance(result, dict)
    assert result["unit"] == "char" and result["coders"] == ["ana", "ben"]
    row = next(r for r in result["codes"] if r["code"] == "competitive-tendering")
    assert set(row) >= {"code", "n_units", "percent_agreement", "kappa", "alpha", "band", "flag"}
    item = result["disagreements"][0]
    assert set(item) >= {"code", "document", "passage", "start", "end", "text", "codes", "criteria"}
    # The title is the file name, which holds the interviewee's first name: never shown.
    assert item["document"] == {"id": study.document_id, "title": f"Document {study.document_id}"}
    # The speaker's name is redacted in the passage, as in exports.
    passage = study.text[item["start"] : item["end"]]
    assert passage.replace("Siobhan", "[name]") == item["text"] and "Siobhan" in passage


def test_agree_cli_code_filter_and_errors(runner: CliRunner, study: Study) -> None:
    result = run_json(
        runner, "agree", study.target, "--coders", "ana,ben", "--code", "commissioning"
    )
    assert isinstance(result, dict)
    codes = [r["code"] for r in result["codes"]]
    assert codes[0] == "commissioning" and "competitive-tendering" in codes
    assert "volunteers" not in codes
    code, _, err = run(runner, "agree", study.target, "--coders", "ana,zoe")
    assert code == 1 and "zoe has no codings" in err
    code, _, err = run(runner, "agree", study.target, "--coders", "ana")
    assert code == 1 and "two or more" in err


def test_three_coders_use_fleiss_and_alpha(study: Study) -> None:
    from audit_helpers import code_passages

    with study.open() as project:
        code_passages(project, study.document_id, "cat", {"competitive-tendering": [1, 3, 5]})
        with project.read() as session:
            summary = agreement(session, gather(session, ["ana", "ben", "cat"]))
    row = next(r for r in summary.rows if r.code == "competitive-tendering")
    assert len(row.pairs) == 3 and row.kappa.defined and row.alpha.defined


def test_stored_suggester_codings_count_as_a_coder(runner: CliRunner, study: Study) -> None:
    from audit_helpers import code_passages

    with study.open() as project:
        code_passages(project, study.document_id, "suggester", {"competitive-tendering": [1, 3]})
    result = run_json(runner, "agree", study.target, "--coders", "ana,suggester")
    assert isinstance(result, dict) and result["coders"] == ["ana", "suggester"]
    row = next(r for r in result["codes"] if r["code"] == "competitive-tendering")
    assert row["pairs"][0]["both"] == 2 and row["pairs"][0]["only_a"] == 2


def test_live_suggester_is_computed_when_none_is_stored(runner: CliRunner, study: Study) -> None:
    result = run_json(runner, "agree", study.target, "--coders", "ana,suggester")
    assert isinstance(result, dict) and result["coders"] == ["ana", "suggester"]
    assert result["documents"][0]["id"] == study.document_id
    with study.open() as project, project.read() as session:
        assert "suggester" not in coders_with_codings(session)  # nothing was written


def test_group_help_lists_the_subcommands(runner: CliRunner) -> None:
    for group, subcommands in (
        ("assign", ("add", "list", "close")),
        ("merge", ("apply", "pending", "resolve")),
    ):
        code, out, _ = run(runner, group, "--help")
        assert code == 0 and all(name in out for name in subcommands)
