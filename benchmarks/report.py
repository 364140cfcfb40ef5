"""Result rows: a rich table for people, JSON (with machine info) for comparing runs."""

from __future__ import annotations

import json
import math
import os
import platform
import sqlite3
import statistics
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy
from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Row:
    """One figure; `passed` is None for figures without a target."""

    name: str
    value: float
    unit: str
    target: str = ""
    passed: bool | None = None


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def machine_info() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
    }


def _format(value: float) -> str:
    if value >= 1000 or float(value).is_integer():
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if value < 1 else f"{value:.2f}"


def print_table(rows: list[Row], title: str, console: Console | None = None) -> None:
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("unit")
    table.add_column("target")
    table.add_column("result")
    verdicts = {True: "[green]pass[/green]", False: "[red]FAIL[/red]", None: ""}
    for row in rows:
        table.add_row(row.name, _format(row.value), row.unit, row.target, verdicts[row.passed])
    (console or Console()).print(table)


def write_json(path: Path, rows: list[Row], extra: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        **extra,
        "results": [asdict(row) for row in rows],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
