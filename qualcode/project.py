"""Create a project with its codebook, and find the files bundled with qualcode."""

from __future__ import annotations

from pathlib import Path

from qualcode.codebook.types import CodebookSpec
from qualcode.store.audit import get_or_create_coder, record, set_setting
from qualcode.store.codes import install_codebook
from qualcode.store.db import Project, create_project, remove_sqlite_files
from qualcode.store.models import utcnow

DEFAULT_CODEBOOK = Path(__file__).parent / "data" / "default-codebook.yaml"


def new_project(target: str, codebook: CodebookSpec, *, coder: str) -> tuple[Project, int]:
    """Create a project at a path or URL and install a codebook in it; returns codes added."""
    project = create_project(target)
    try:
        with project.write() as session:
            set_setting(session, "created_at", utcnow().isoformat())
            get_or_create_coder(session, coder)
            record(
                session,
                "project.create",
                "project",
                None,
                coder=coder,
                after={"codebook": codebook.name},
            )
            added, _ = install_codebook(session, codebook, coder=coder)
    except BaseException:
        project.close()
        if project.path is not None:
            remove_sqlite_files(project.path)
        raise
    return project, added
