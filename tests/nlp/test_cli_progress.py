"""`suggest evaluate` and `suggest train` show their progress on a terminal, not with --json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

Terminal = Callable[..., tuple[int, str, str]]  # the on_terminal fixture


def test_evaluate_shows_the_folds_on_a_terminal(
    on_terminal: Terminal, coded_project_path: Path
) -> None:
    args = ("suggest", "evaluate", coded_project_path, "--folds", "2", "--epochs", "2")
    code, out, terminal = on_terminal(*args)
    assert code == 0, terminal
    assert "Cross-validating" in terminal and "2/2" in terminal
    assert "combined" in out and "\x1b" not in out and "Cross-validating" not in out
    code, out, terminal = on_terminal(*args, "--json")
    assert code == 0 and "combined" in json.loads(out)["modes"] and terminal == ""


def test_train_shows_what_it_is_doing(on_terminal: Terminal, coded_project_path: Path) -> None:
    args = ("suggest", "train", coded_project_path, "--epochs", "2", "--evaluate", "2")
    code, out, terminal = on_terminal(*args)
    assert code == 0, terminal
    assert "Training on" in terminal and "examples" in terminal
    assert out.startswith("Trained model") and "training on" not in out


def test_run_counts_the_passages_scored(on_terminal: Terminal, coded_project_path: Path) -> None:
    code, out, terminal = on_terminal("suggest", "run", coded_project_path, "--doc", "1")
    assert code == 0, terminal
    assert "Scoring passages" in terminal and "done" in terminal
    assert "Suggestions (" in out and "Scoring" not in out
    code, out, terminal = on_terminal("suggest", "run", coded_project_path, "--doc", "1", "--json")
    assert code == 0 and isinstance(json.loads(out), list) and terminal == ""
