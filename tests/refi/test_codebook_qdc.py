"""The codebook as a REFI-QDA .qdc: schema-valid, stable GUIDs, and a lossless round trip."""

from __future__ import annotations

from pathlib import Path

import lxml.etree as etree  # type: ignore[import-untyped, unused-ignore]
import pytest
from refi_helpers import assert_valid

from qualcode.codebook.types import CodebookSpec
from qualcode.codebook.yamlio import load_codebook
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.refi import api
from qualcode.refi.qdaxml import RefiError
from qualcode.store.codes import codebook_spec
from qualcode.store.db import Project


def spec_of(project: Project) -> CodebookSpec:
    with project.read() as session:
        return codebook_spec(session)


def test_qdc_is_valid_against_the_codebook_schema(
    coded_project: Project, tmp_path: Path, codebook_schema: etree.XMLSchema
) -> None:
    out = tmp_path / "codebook.qdc"
    assert api.export_qdc(coded_project, out) == 34
    data = out.read_bytes()
    assert_valid(codebook_schema, data)
    tree = etree.fromstring(data)
    assert tree.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    colours = [code.get("color") for code in tree.iter("{*}Code")]
    assert all(colour and len(colour) == 7 for colour in colours)


def test_qdc_round_trip_restores_every_field(coded_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "codebook.qdc"
    api.export_qdc(coded_project, out)
    fresh, _ = new_project(str(tmp_path / "fresh.qc"), CodebookSpec(name="Empty"), coder="t")
    with fresh:
        assert api.import_qdc(fresh, out, coder="t") == (34, 0)
        original = spec_of(coded_project)
        restored = spec_of(fresh)
    assert restored.codes == original.codes
    assert restored.codes[0].include and restored.codes[0].cues


def test_qdc_into_the_same_codebook_changes_nothing(coded_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "codebook.qdc"
    api.export_qdc(coded_project, out)
    before = spec_of(coded_project)
    assert api.import_qdc(coded_project, out, coder="t") == (0, 0)
    assert spec_of(coded_project) == before


def test_the_same_code_keeps_its_guid(coded_project: Project, tmp_path: Path) -> None:
    first, second = tmp_path / "a.qdc", tmp_path / "b.qdc"
    api.export_qdc(coded_project, first)
    api.export_qdc(coded_project, second)
    assert first.read_bytes() == second.read_bytes()
    guids = [c.get("guid") for c in etree.fromstring(first.read_bytes()).iter("{*}Code")]
    assert len(set(guids)) == len(guids) == 34


def test_guids_read_from_a_qdc_are_written_again(tmp_path: Path) -> None:
    qdc = tmp_path / "foreign.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" '
        'origin="MAXQDA"><Codes><Code guid="{0A1B2C3D-0000-4000-8000-00000000000A}" '
        'name="Value for money" isCodable="true" color="#F0A"><Description>Cost talk.'
        "</Description></Code></Codes></CodeBook>",
        encoding="utf-8",
    )
    project, _ = new_project(str(tmp_path / "p.qc"), CodebookSpec(name="Empty"), coder="t")
    with project:
        assert api.import_qdc(project, qdc, coder="t") == (1, 0)
        spec = spec_of(project)
        out = tmp_path / "again.qdc"
        api.export_qdc(project, out)
    code = spec.codes[0]
    assert (code.key, code.name, code.description, code.colour) == (
        "value-for-money", "Value for money", "Cost talk.", "#ff00aa"
    )  # fmt: skip
    written = next(etree.fromstring(out.read_bytes()).iter("{*}Code"))
    assert written.get("guid") == "0a1b2c3d-0000-4000-8000-00000000000a"


def test_foreign_codes_never_overwrite_the_projects_codes(tmp_path: Path) -> None:
    project, _ = new_project(str(tmp_path / "p.qc"), load_codebook(DEFAULT_CODEBOOK), coder="t")
    with project:
        before = spec_of(project)
        qdc = tmp_path / "commissioning.qdc"
        qdc.write_text(
            '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="Commissioning" '
            'guid="11111111-2222-3333-4444-555555555555" isCodable="false"/></Codes></CodeBook>',
            encoding="utf-8",
        )
        assert api.import_qdc(project, qdc, coder="t") == (1, 0)
        after = spec_of(project)
    walked = {code.key: code for code, _ in after.walk()}
    assert all(walked[code.key] == code for code, _ in before.walk())
    assert walked["commissioning-2"].name == "Commissioning"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not xml", "not valid XML"),
        (b"<Project xmlns='urn:QDA-XML:project:1.0' name='x'/>", "no <CodeBook>"),
        (b"<CodeBook><Codes/></CodeBook>", "has no codes"),
        (b"<CodeBook><Codes><Code name='a' isCodable='true'/></Codes></CodeBook>", "no valid guid"),
        (
            b"<!DOCTYPE CodeBook [<!ENTITY x 'y'>]><CodeBook><Codes/></CodeBook>",
            "DTD",
        ),
    ],
)
def test_bad_qdc_files_are_one_line_and_change_nothing(
    coded_project: Project, tmp_path: Path, content: bytes, message: str
) -> None:
    qdc = tmp_path / "bad.qdc"
    qdc.write_bytes(content)
    before = spec_of(coded_project)
    with pytest.raises(RefiError, match=message) as caught:
        api.import_qdc(coded_project, qdc, coder="t")
    assert "\n" not in str(caught.value)
    assert spec_of(coded_project) == before


def test_codes_named_in_any_language_keep_their_letters_and_names(tmp_path: Path) -> None:
    names = ["Straße", "Spolupráce s věznicí", "社区合作", "独立", "Партнёрство", "Café"]
    codes = "".join(
        f'<Code guid="00000000-0000-4000-8000-00000000000{n}" name="{name}" isCodable="true"/>'
        for n, name in enumerate(names)
    )
    qdc = tmp_path / "foreign.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}</Codes></CodeBook>',
        encoding="utf-8",
    )
    fresh, _ = new_project(str(tmp_path / "fresh.qc"), CodebookSpec(name="Empty"), coder="t")
    with fresh:
        assert api.import_qdc(fresh, qdc, coder="t") == (len(names), 0)
        spec = spec_of(fresh)
        out = tmp_path / "again.qdc"
        api.export_qdc(fresh, out)
    keys = {code.name: code.key for code in spec.codes}
    assert keys == {
        "Straße": "straße",
        "Spolupráce s věznicí": "spolupráce-s-věznicí",
        "社区合作": "社区合作",
        "独立": "独立",
        "Партнёрство": "партнёрство",
        "Café": "café",
    }
    exported = [code.get("name") for code in etree.fromstring(out.read_bytes()).iter("{*}Code")]
    assert exported == names
