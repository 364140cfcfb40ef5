"""The demo project built once per test module, and its oracle."""

from __future__ import annotations

import pytest
from analysis_helpers import Oracle, read_oracle

from qualcode.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.qc"
    build_demo(str(path), coder="tester")
    return str(path)


@pytest.fixture(scope="module")
def oracle(demo: str) -> Oracle:
    return read_oracle(demo)
