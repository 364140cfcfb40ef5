"""Codebooks: the tree of codes researchers apply, and the files they keep it in."""

from qualcode.codebook.slug import is_slug, slugify, unique_slug
from qualcode.codebook.types import CodebookError, CodebookSpec, CodebookValidationError, CodeSpec
from qualcode.codebook.yamlio import dump_codebook, load_codebook, parse_codebook, save_codebook

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
