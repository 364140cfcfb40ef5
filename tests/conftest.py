"""Shared fixtures: a real project file with the default codebook, a CLI runner, and the CLI
run as a process whose standard error is a terminal."""

from __future__ import annotations

import gc
import os
import platform
import pty
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

# Training's last bits follow the OpenBLAS kernel the CPU selects, and the scoring reference
# (tests/nlp/test_scoring_reference.py) was written under the Haswell kernel, which every x86-64
# CPU with AVX2 can run: pin it before anything loads numpy, so the suite gives the same on any
# such machine (a CPU with AVX-512 would otherwise pick SkylakeX).
if platform.machine().lower() in {"x86_64", "amd64"}:
    os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from qualcode.codebook.yamlio import load_codebook
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.db import Project, open_project

TRANSCRIPT = """Interview 7 — housing charity — 3 May 2024

Interviewer: How do you get your contracts these days?

Priya: Mostly through competitive tendering, and honestly the pre-qualification questionnaire
alone took us three weeks. We were undercut on price by a national provider.

Interviewer: And inside the prisons?

Priya: Sessions get cancelled at short notice when there's a lockdown. Security clearance for
our volunteers took four months.
"""


@pytest.fixture(autouse=True)
def collector_as_found() -> Iterator[None]:
    """Leave the garbage collector as each test found it: code that freezes or pauses it
    for a process's sake (CLI start-up, import, forked scoring) must not reach the next test."""
    enabled = gc.isenabled()
    yield
    if gc.get_freeze_count():
        gc.unfreeze()
    if enabled:
        gc.enable()


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """A new project file with the default codebook (closed, ready to open)."""
    path = tmp_path / "study.qc"
    project, _ = new_project(str(path), load_codebook(DEFAULT_CODEBOOK), coder="tester")
    project.close()
    return path


POSTGRES_URL = os.environ.get("QUALCODE_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An AUTOCOMMIT engine on the throw-away PostgreSQL server (scripts/with-postgres)."""
    if not POSTGRES_URL:
        pytest.skip("no PostgreSQL server: run through `make test` (scripts/with-postgres)")
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def project_ref(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new project with the default codebook, on SQLite and on PostgreSQL: path or URL."""
    target = _empty_target(request, tmp_path, request.param)
    project, _ = new_project(target, load_codebook(DEFAULT_CODEBOOK), coder="tester")
    project.close()
    yield target


@pytest.fixture
def empty_postgres(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty PostgreSQL database (dropped after the test)."""
    return _empty_target(request, tmp_path, "postgresql")


def _empty_target(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> str:
    if backend == "sqlite":
        return str(tmp_path / "study.qc")
    admin: Engine = request.getfixturevalue("postgres_admin")
    name = f"qc_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    request.addfinalizer(drop)
    return make_url(POSTGRES_URL or "").set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def project(project_ref: str) -> Iterator[Project]:
    """The project_ref project, open."""
    opened = open_project(project_ref)
    yield opened
    opened.close()


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    """A small real interview transcript file."""
    path = tmp_path / "interview-07.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


Terminal = Callable[..., tuple[int, str, str]]


@pytest.fixture
def on_terminal() -> Terminal:
    """Run `qualcode ARGS…` in a process whose standard error is a pseudo-terminal (what a
    person sees) and whose standard output is a pipe (what a script reads): (exit code,
    standard output, everything the terminal was sent)."""

    def run(*args: object) -> tuple[int, str, str]:
        main, secondary = pty.openpty()
        env = os.environ | {"COLUMNS": "120", "PYTHONPATH": str(Path(__file__).parent.parent)}
        process = subprocess.Popen(
            [sys.executable, "-c", "from qualcode.cli.app import main; main()", *map(str, args)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=secondary,
            env=env,
        )
        os.close(secondary)
        shown: list[bytes] = []

        def drain() -> None:  # read as it comes: a full terminal buffer would block the child
            while True:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # the child has gone and closed the terminal
                    return
                if not chunk:
                    return
                shown.append(chunk)

        reader = threading.Thread(target=drain)
        reader.start()
        out, _ = process.communicate(timeout=600)
        reader.join(timeout=30)
        os.close(main)
        return process.returncode, out.decode(), b"".join(shown).decode(errors="replace")

    return run
