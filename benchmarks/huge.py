"""Huge inputs: a one-line file of many MB (import, search, search --json) and status over a
document of many passages with codings; prints a table and writes JSON.

    python -m benchmarks.huge [--mb 100] [--passages 300000] [--out FILE]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

from benchmarks.report import Row, print_table, write_json

DEFAULT_OUT = Path("benchmarks/results/huge.json")
_WORDS = ["we", "the", "funding", "prison", "charity", "contract", "staff", "money", "tender"]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.huge", description=__doc__)
    parser.add_argument("--mb", type=float, default=100, help="size of the one-line file")
    parser.add_argument("--passages", type=int, default=300_000, help="passages for status")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    return parser.parse_args(argv)


def _timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def _cli(*args: str) -> None:
    """Run a qualcode command in this process, its output thrown away."""
    from qualcode.cli.app import app

    with redirect_stdout(io.StringIO()):
        code = app([*args], standalone_mode=False)
    if code:
        raise SystemExit(f"qualcode {args[0]} failed (exit code {code})")


def one_line_file(work: Path, mb: float) -> list[Row]:
    """Import a one-line file of `mb` MB, then search it (table and --json)."""
    from qualcode.cli.app import app  # noqa: F401  (loaded before timing)

    rng = random.Random(1)
    words = " ".join(rng.choices(_WORDS, k=200_000)) + " "
    path = work / "one-line.txt"
    with path.open("w", encoding="utf-8") as out:
        for _ in range(max(1, int(mb * 1024 * 1024 / len(words)))):
            out.write(words)
        out.write("competitive tendering\n")
    project = str(work / "one-line.qc")
    _cli("init", project)
    rows = [Row("one-line file", path.stat().st_size / 1024 / 1024, "MB")]
    rows.append(Row("import", _timed(lambda: _cli("import", project, str(path))), "s"))
    rows.append(Row("search (table)", _timed(lambda: _cli("search", project, "tendering")), "s"))
    json_search = _timed(lambda: _cli("search", project, "tendering", "--json"))
    rows.append(Row("search --json", json_search, "s"))
    return rows


def many_passages(work: Path, passages: int) -> list[Row]:
    """status on one document of `passages` passages, one coding in every ten."""
    from sqlalchemy import select, text

    from qualcode.codebook.yamlio import load_codebook
    from qualcode.importing import import_one
    from qualcode.project import DEFAULT_CODEBOOK, new_project
    from qualcode.store.models import Code, Coder, Passage
    from qualcode.store.reports import project_status

    path = work / "many.txt"
    path.write_text("\n\n".join(f"Paragraph {n} about the tender." for n in range(passages)))
    project, _ = new_project(str(work / "many.qc"), load_codebook(DEFAULT_CODEBOOK), coder="b")
    with project:
        imported = _timed(lambda: import_one(project, path, coder="b"))
        with project.write() as session:
            code = session.scalars(select(Code.id)).first()
            coder = session.scalars(select(Coder.id)).first()
            spans = session.execute(select(Passage.document_id, Passage.start, Passage.end))
            rows = [
                {"d": d, "s": s, "e": e, "code": code, "coder": coder}
                for n, (d, s, e) in enumerate(spans)
                if n % 10 == 0
            ]
            session.execute(
                text(
                    'INSERT INTO coding (document_id, code_id, coder_id, start, "end", origin, '
                    "created_at, updated_at) VALUES (:d, :code, :coder, :s, :e, 'manual', "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                rows,
            )
        with project.read() as session:
            status: dict[str, object] = {}
            seconds = _timed(lambda: status.update(project_status(session)))
    return [
        Row("passages in one document", passages, "passages"),
        Row("codings", len(rows), "codings"),
        Row("import", imported, "s"),
        Row("status", seconds, "s"),
        Row("coded passages found", float(status["coded_passages"]), "passages"),  # type: ignore[arg-type]
    ]


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    with tempfile.TemporaryDirectory(prefix="qualcode-huge-") as folder:
        work = Path(folder)
        rows = one_line_file(work, args.mb) + many_passages(work, args.passages)
    print_table(rows, f"huge inputs: {args.mb:g} MB one-line file, {args.passages:,} passages")
    write_json(args.out, rows, {"mb": args.mb, "passages": args.passages})
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
