"""Codebooks: the tree of codes researchers apply, and the files they keep it in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from qualcode.codebook.slug import is_slug, slugify, unique_slug
    from qualcode.codebook.types import (
        CodebookError,
        CodebookSpec,
        CodebookValidationError,
        CodeSpec,
    )
    from qualcode.codebook.yamlio import (
        dump_codebook,
        load_codebook,
        parse_codebook,
        save_codebook,
    )

__all__ = [
    "CodeSpec",
    "CodebookError",
    "CodebookSpec",
    "CodebookValidationError",
    "dump_codebook",
    "is_slug",
    "load_codebook",
    "parse_codebook",
    "save_codebook",
    "slugify",
    "unique_slug",
]

# The YAML reader (PyYAML, rapidfuzz) loads on first use, not whenever the store or a command
# needs the codebook types.
__getattr__ = lazy_exports(
    __name__,
    {
        "slug": ("is_slug", "slugify", "unique_slug"),
        "types": ("CodebookError", "CodebookSpec", "CodebookValidationError", "CodeSpec"),
        "yamlio": ("dump_codebook", "load_codebook", "parse_codebook", "save_codebook"),
    },
)
