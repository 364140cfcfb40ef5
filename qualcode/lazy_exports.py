"""Package names loaded from their submodules on first use (a PEP 562 module __getattr__)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, submodules: dict[str, tuple[str, ...]]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` that imports a name's submodule when the name is
    first used, so that importing one light submodule does not load its heavy siblings.

    `submodules` maps each submodule to the names it provides to the package.
    """
    where = {name: module for module, names in submodules.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{where[name]}"), name)

    return __getattr__


def imported(target: str) -> Any:
    """The function "package.module:name", its module imported only now (a heavy library
    loaded only for the one output format that needs it)."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
