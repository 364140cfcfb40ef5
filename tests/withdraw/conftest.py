"""Fixtures: the enriched demo project, built once, and a private copy of it per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from withdraw_demo import enrich

from qualcode.demo import build_demo


@pytest.fixture(scope="session")
def enriched_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The enriched demo, built once (training takes a while); copy it before changing it."""
    path = tmp_path_factory.mktemp("withdraw-demo") / "demo.qc"
    build_demo(str(path), coder="tester")
    enrich(str(path))
    return path


@pytest.fixture
def demo_copy(enriched_demo: Path, tmp_path: Path) -> Path:
    """A private copy of the enriched demo for one test."""
    target = tmp_path / "study.qc"
    shutil.copyfile(enriched_demo, target)
    return target
