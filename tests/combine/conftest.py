"""The demo project built once per test module, for the coders' copies the tests combine."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.qc"
    build_demo(str(path), coder="tester")
    return path
