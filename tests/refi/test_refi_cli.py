"""The REFI-QDA commands end to end: export qdpx/qdc, import-qdpx, codebook import-qdc."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from refi_helpers import shared
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import Project


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_export_and_import_a_project(
    runner: CliRunner, coded_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "study.qdpx"
    code, stdout, stderr = run(runner, "export", "qdpx", coded_project.target, "--out", out)
    assert code == 0, stderr
    assert "2 documents, 34 codes, 5 codings, 3 coders, 5 memos, 1 participant (as" in stdout
    assert "unredacted" in stderr
    back = tmp_path / "back.qc"
    code, stdout, stderr = run(runner, "import-qdpx", back, out, "--coder", "me")
    assert code == 0, stderr
    assert stdout.startswith(f"Created {back} from study.qdpx (qualcode")
    assert "2 documents, 34 codes added (0 updated), 5 codings, 3 coders, 1 participant," in stdout
    code, stdout, _ = run(runner, "status", back, "--json")
    assert code == 0 and '"codings": 5' in stdout


def test_import_of_a_real_export_lists_what_it_skipped(runner: CliRunner, tmp_path: Path) -> None:
    code, stdout, stderr = run(
        runner, "import-qdpx", tmp_path / "n.qc", shared("nvivo-export.qdpx"), "--coder", "me"
    )
    assert code == 0, stderr
    assert "262 codes added" in stdout
    notes = [line for line in stderr.splitlines() if line.startswith("note: source")]
    assert len(notes) == 2


def test_a_bad_qdpx_is_one_line_and_leaves_no_project(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.qdpx"
    bad.write_text("not a zip", encoding="utf-8")
    code, _, stderr = run(runner, "import-qdpx", tmp_path / "new.qc", bad)
    assert code == 1
    assert stderr.strip() == "error: bad.qdpx: not a .qdpx file (a .qdpx is a zip archive)"
    assert not (tmp_path / "new.qc").exists()


def test_import_into_a_project_with_documents_is_refused(
    runner: CliRunner, coded_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "study.qdpx"
    run(runner, "export", "qdpx", coded_project.target, "--out", out)
    code, _, stderr = run(runner, "import-qdpx", coded_project.target, out)
    assert code == 1
    assert "already has 2 documents" in stderr and "Traceback" not in stderr


def test_codebook_as_qdc_out_and_back_in(
    runner: CliRunner, coded_project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "codebook.qdc"
    code, stdout, _ = run(runner, "export", "qdc", coded_project.target, "--out", out)
    assert (code, stdout.strip()) == (0, f"Wrote {out}: 34 codes.")
    code, stdout, _ = run(runner, "codebook", "import-qdc", coded_project.target, out)
    assert (code, stdout.strip()) == (0, "Codebook codebook.qdc: 0 codes added, 0 updated.")
    code, _, stderr = run(runner, "codebook", "import-qdc", coded_project.target, tmp_path / "x")
    assert code == 1 and "cannot be read" in stderr


def test_exports_refuse_to_overwrite_the_project(runner: CliRunner, coded_project: Project) -> None:
    for kind in ("qdpx", "qdc"):
        code, _, stderr = run(
            runner, "export", kind, coded_project.target, "--out", coded_project.target
        )
        assert code == 1 and "refusing to overwrite" in stderr


def test_refi_core_imports_no_ui_libraries() -> None:
    code = (
        "import pkgutil, importlib, sys\n"
        "import qualcode.refi as package\n"
        "for info in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'textual'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
