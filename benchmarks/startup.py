"""Benchmark whole-process start-up of everyday commands against a floor; table and JSON.

    python -m benchmarks.startup [--rounds 7] [--docs 30] [--out FILE] [--no-tui]

Each round runs the floor, `python -c 'import sqlalchemy.orm, typer, rich.console'`, then
each command as a new process, alternately, so that the machine's load weighs on all alike.
Targets (issue 14): `--help`, `--version`, `status`, `docs`, `search`, `show` and `code add`
within 1.3x the floor. A command's ratio is the median over rounds of its time over the
floor run just before it: a pair shares the load of its moment, where the ratio of two
medians mixes moments (load drifts over a run). Every process may keep compiled bytecode,
as an installed qualcode does (pip compiles it), in a cache of the run's own: with
PYTHONDONTWRITEBYTECODE set, qualcode's modules would be compiled anew on every run while
the floor's libraries load their installed bytecode. One untimed round warms that cache.

`tui PROJECT` (issue 15) runs in a pseudo-terminal with
QUALCODE_TUI_EXIT_AFTER_PAINT=1, which makes the workbench quit once the rows of its
documents screen are painted: the figure is process start to the moment the terminal
receives that paint (the status line under the rows, "30 of 30 documents"), target < 1.5 s;
the time to the process's exit (Textual restoring the terminal, Python tearing down its
modules) is reported beside it. Building the project is not timed. Each run's CPU time
(user + system, from the kernel's account of the finished process) is reported beside its
wall time: on a machine other jobs keep busy, wall time mostly measures the wait for a core,
CPU time the work done (for the workbench, all of it up to its exit).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import resource
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from rich.console import Console

from benchmarks.corpus import generate_corpus
from benchmarks.report import Row, median, print_table, write_json

FLOOR = [sys.executable, "-c", "import sqlalchemy.orm, typer, rich.console"]
TARGET_RATIO = 1.3
TARGET_TUI_SECONDS = 1.5
TERMINAL = (120, 40)
DEFAULT_OUT = Path("benchmarks/results/startup.json")


def _qualcode() -> list[str]:
    """The installed console script, as a user runs it (else the same entry point via -c)."""
    script = Path(sys.executable).with_name("qualcode")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from qualcode.cli.app import main; main()"]


def _commands(project: Path) -> dict[str, list[list[str]]]:
    """Each measured command: the argument lists of successive rounds (code add moves on)."""
    p = str(project)
    return {
        "--help": [["--help"]],
        "--version": [["--version"]],
        "status": [["status", p]],
        "docs": [["docs", p]],
        "search": [["search", p, "funding"]],
        "show": [["show", p, "1"]],
        "code add": [  # a new coding each time: 30 rounds before one repeats
            ["code", "add", p, "--doc", str(doc), "--passage", str(passage), "--code", "volunteers"]
            for passage in (2, 3, 4)
            for doc in range(1, 11)
        ],
    }


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bytecode_cache(folder: Path) -> dict[str, str]:
    """The environment of every measured process: compiled bytecode kept in `folder`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(folder)}


def _run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `argv`."""
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, _children_cpu() - cpu


def run_in_terminal(
    argv: list[str],
    *,
    painted: bytes,
    timeout: float = 120.0,
    env: dict[str, str] | None = None,
) -> tuple[float, float, float]:
    """Run `argv` in a pseudo-terminal (120x40): wall seconds from its start until the
    terminal receives `painted`, and to its exit, and the CPU seconds it used."""
    cpu = _children_cpu()
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", TERMINAL[1], TERMINAL[0], 0, 0))
    env = {**(env or os.environ), "TERM": "xterm-256color", "QUALCODE_TUI_EXIT_AFTER_PAINT": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    screen, paint = b"", 0.0
    try:
        while process.poll() is None:  # keep reading, or a full terminal would block it
            if time.perf_counter() - started > timeout:
                process.kill()
                raise RuntimeError(f"{' '.join(argv)} did not exit within {timeout:.0f} s")
            if select.select([master], [], [], 0.01)[0]:
                try:
                    screen += os.read(master, 1 << 16)
                except OSError:  # the terminal closed with the process
                    process.wait()
                if not paint and painted in screen:
                    paint = time.perf_counter() - started
                screen = screen[-len(painted) :]  # the marker may straddle two reads
        seconds = time.perf_counter() - started
    finally:
        os.close(master)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({process.returncode})")
    if not paint:
        raise RuntimeError(f"{' '.join(argv)} exited without painting {painted!r}")
    return paint, seconds, _children_cpu() - cpu


def _build_project(work: Path, docs: int, env: dict[str, str] | None = None) -> Path:
    corpus = generate_corpus(work / "corpus", docs=docs, words=3000, seed=1)
    project = work / "study.qc"
    for args in (["init", str(project)], ["import", str(project), str(corpus.folder)]):
        _run([*_qualcode(), *args], env)
    return project


Times = dict[str, list[float]]


class Runs:
    """Wall and CPU seconds of each measured name's runs, and each command's floor run."""

    def __init__(self) -> None:
        self.times: Times = {}
        self.cpu: Times = {}
        self.floor_times: Times = {}  # per command: the floor run just before each of its runs
        self.floor_cpu: Times = {}

    def record(self, name: str, result: tuple[float, float]) -> None:
        self.times.setdefault(name, []).append(result[0])
        self.cpu.setdefault(name, []).append(result[1])

    def pair(self, name: str, floor: tuple[float, float], result: tuple[float, float]) -> None:
        self.record("floor", floor)
        self.record(name, result)
        self.floor_times.setdefault(name, []).append(floor[0])
        self.floor_cpu.setdefault(name, []).append(floor[1])

    def ratio(self, name: str, *, cpu: bool = False) -> float:
        """The median over rounds of the command's time over its paired floor's."""
        mine, floors = (self.cpu, self.floor_cpu) if cpu else (self.times, self.floor_times)
        return median([run / floor for run, floor in zip(mine[name], floors[name], strict=True)])


def measure(
    project: Path,
    rounds: int,
    env: dict[str, str] | None = None,
    *,
    tui: bool = True,
    docs: int = 30,
) -> Runs:
    """Alternate the floor and every command, `rounds` times (after one untimed round).
    `tui` is the time to its first paint, `tui exit` to its exit, which its CPU time is."""
    qualcode = _qualcode()
    painted = f"{docs} of {docs} documents".encode()  # the status line under the rows
    commands = _commands(project)
    runs = Runs()
    for round_number in range(-1, rounds):
        warm_up = round_number < 0
        for name, variants in commands.items():
            floor = _run(FLOOR, env)
            result = _run([*qualcode, *variants[(round_number + 1) % len(variants)]], env)
            if not warm_up:
                runs.pair(name, floor, result)
        if tui:
            floor = _run(FLOOR, env)
            paint, exit_seconds, tui_cpu = run_in_terminal(
                [*qualcode, "tui", str(project)], painted=painted, env=env
            )
            if not warm_up:
                runs.record("floor", floor)
                runs.record("tui", (paint, tui_cpu))
                runs.times.setdefault("tui exit", []).append(exit_seconds)
    return runs


def rows(runs: Runs) -> list[Row]:
    times, cpu = runs.times, runs.cpu
    floor, floor_cpu = median(times["floor"]), median(cpu["floor"])
    table = [
        Row("floor: import sqlalchemy.orm, typer, rich", floor, "s"),
        Row("floor: CPU time", floor_cpu, "s"),
    ]
    for name, values in times.items():
        if name in {"floor", "tui", "tui exit"}:
            continue
        ratio = runs.ratio(name)
        table.append(Row(f"qualcode {name}", median(values), "s"))
        table.append(
            Row(f"qualcode {name} / floor", ratio, "x", f"<= {TARGET_RATIO}", ratio <= TARGET_RATIO)
        )
        table.append(Row(f"qualcode {name} CPU time", median(cpu[name]), "s"))
        table.append(Row(f"qualcode {name} CPU / floor CPU", runs.ratio(name, cpu=True), "x"))
    if "tui" not in times:
        return table
    tui = median(times["tui"])
    passed = tui < TARGET_TUI_SECONDS
    table.append(Row("qualcode tui: first paint", tui, "s", f"< {TARGET_TUI_SECONDS}", passed))
    table.append(Row("qualcode tui / floor", tui / floor, "x"))
    exit_seconds = median(times["tui exit"])
    table.append(Row("qualcode tui: start to exit (quits after the paint)", exit_seconds, "s"))
    table.append(Row("qualcode tui: CPU time, start to exit", median(cpu["tui"]), "s"))
    table.append(Row("qualcode tui CPU / floor CPU", median(cpu["tui"]) / floor_cpu, "x"))
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds")
    parser.add_argument("--docs", type=int, default=30, help="transcripts in the project")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--no-tui", action="store_true", help="leave out `tui PROJECT`")
    args = parser.parse_args(argv)
    console = Console()
    load_at_start = [round(load, 2) for load in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="qualcode-startup-") as folder:
        env = bytecode_cache(Path(folder) / "bytecode")
        project = _build_project(Path(folder), args.docs, env)
        console.print(f"start-up: {args.rounds} alternating rounds ...")
        runs = measure(project, args.rounds, env, tui=not args.no_tui, docs=args.docs)
    times, cpu = runs.times, runs.cpu
    table = rows(runs)
    print_table(table, f"qualcode start-up: median of {args.rounds} runs", console)
    extra = {
        "load_average_at_start": load_at_start,
        "load_average_at_end": [round(load, 2) for load in os.getloadavg()],
        "rounds": args.rounds,
        "seconds": {name: [round(s, 4) for s in values] for name, values in times.items()},
        "cpu_seconds": {name: [round(s, 4) for s in values] for name, values in cpu.items()},
    }
    write_json(args.out, table, extra)
    console.print(f"results written to {args.out}")
    failed = [row.name for row in table if row.passed is False]
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
