"""REFI-QDA for the CLI and scripts: export and import .qdpx projects and .qdc codebooks."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from qualcode.codebook.types import CodebookSpec
from qualcode.files import write_bytes
from qualcode.project import new_project
from qualcode.refi.codebook import codes_to_spec, qdc_bytes, read_qdc
from qualcode.refi.exporter import ExportSummary, qdpx_bytes
from qualcode.refi.guids import project_guids, remember_guids
from qualcode.refi.importer import ImportSummary, prepare, store_refi
from qualcode.refi.reader import read_qdpx
from qualcode.store.codes import codebook_spec, install_codebook
from qualcode.store.db import Project, is_url, open_project, remove_sqlite_files
from qualcode.store.models import Code


def export_qdpx(project: Project, out: Path) -> ExportSummary:
    """Write the whole project as a .qdpx (transcripts included, identifiers never)."""
    with project.read() as session:
        data, summary = qdpx_bytes(session)
    write_bytes(out, data)
    return summary


def export_qdc(project: Project, out: Path) -> int:
    """Write the codebook as a .qdc; returns how many codes it holds."""
    with project.read() as session:
        spec = codebook_spec(session)
        guids = project_guids(session)
        ids = {key: id_ for key, id_ in session.execute(select(Code.key, Code.id))}
        data = qdc_bytes(spec, lambda key: guids.of("code", ids[key]))
    write_bytes(out, data)
    return len(spec.walk())


def import_qdc(project: Project, path: Path, *, coder: str) -> tuple[int, int]:
    """Merge a .qdc codebook into the project; returns (codes added, codes updated)."""
    codes = read_qdc(path)
    with project.write() as session:
        taken = set(session.scalars(select(Code.key)))
        spec, keys = codes_to_spec(codes, taken)
        added, updated = install_codebook(session, spec, coder=coder)
        ids = {key: id_ for key, id_ in session.execute(select(Code.key, Code.id))}
        remember_guids(session, {f"code:{ids[key]}": guid for guid, key in keys.items()})
    return added, updated


def import_qdpx(target: str, path: Path, *, coder: str) -> tuple[ImportSummary, bool]:
    """Import a .qdpx into a new project file (created here) or an existing empty project.

    The file is read and checked completely first; the import is then one transaction, and a
    project file created for it is removed again if it fails. Returns (summary, created).
    """
    refi = read_qdpx(path)
    prepared = prepare(refi, path.name)
    created = not is_url(target) and not Path(target).exists()
    if created:
        project, _ = new_project(target, CodebookSpec(name=refi.name or "Codebook"), coder=coder)
    else:
        project = open_project(target)
    try:
        with project.write() as session:
            summary = store_refi(session, refi, prepared, coder=coder)
    except BaseException:
        project.close()
        if created and project.path is not None:
            remove_sqlite_files(project.path)
        raise
    project.close()
    return summary, created
