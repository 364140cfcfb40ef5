"""Train the textcat_multilabel pipeline with spaCy's own machinery from the packaged config."""

from __future__ import annotations

import io
import logging
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training.initialize import init_nlp
from spacy.training.loop import train
from thinc.api import Config

import qualcode.nlp.pipeline  # noqa: F401 - registers the lemmatizer factory and architecture
from qualcode.errors import QualcodeError
from qualcode.nlp.neighbours import add_memory
from qualcode.nlp.pipeline import lemmatize

CONFIG = Path(__file__).with_name("textcat.cfg")
VECTORS_CONFIG = Path(__file__).with_name("textcat_vectors.cfg")
MIN_EXAMPLES = 4
DEV_SAMPLE = 32


@dataclass(frozen=True)
class TrainedPipeline:
    """A trained pipeline and how the training went."""

    nlp: Language
    labels: list[str]
    examples: int
    seconds: float
    epochs: int


def epochs_for(examples: int) -> int:
    """More passes over small training sets, fewer over large ones (5 to 12)."""
    return max(5, min(12, 20_000 // max(1, examples)))


def vectors_available(name: str) -> bool:
    """True when a pretrained pipeline is installed as a package or present on disk."""
    return spacy.util.is_package(name) or Path(name).is_dir()


def training_config(
    labels: Sequence[str],
    train_path: Path,
    dev_path: Path,
    *,
    epochs: int,
    seed: int = 0,
    vectors: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """The packaged config with paths, labels, epochs and (optionally) vectors filled in."""
    if vectors is not None and not vectors_available(vectors):
        raise QualcodeError(
            f"pretrained pipeline '{vectors}' is not installed; qualcode never downloads models "
            "(install it yourself, or clear the setting suggest.vectors)"
        )
    values: dict[str, Any] = {
        "paths.train": str(train_path),
        "paths.dev": str(dev_path),
        "paths.vectors": vectors,
        "system.seed": seed,
        "training.max_epochs": epochs,
        "initialize.components.textcat_multilabel.labels": list(labels),
        **(overrides or {}),
    }
    return spacy.util.load_config(VECTORS_CONFIG if vectors else CONFIG, overrides=values)


def _write_docbin(nlp: Language, items: Sequence[tuple[str, dict[str, float]]], path: Path) -> None:
    docs = DocBin(attrs=["ORTH"], store_user_data=False)
    for text, cats in items:
        doc = nlp.make_doc(text)
        doc.cats = cats
        docs.add(doc)
    docs.to_disk(path)


def train_pipeline(
    items: Sequence[tuple[str, dict[str, float]]],
    labels: Sequence[str],
    *,
    epochs: int | None = None,
    seed: int = 0,
    vectors: str | None = None,
    overrides: dict[str, Any] | None = None,
    memory: Sequence[tuple[str, frozenset[str]]] | None = None,
) -> TrainedPipeline:
    """Train on (text, cats) pairs; labels missing from an item's cats are unknown, not 0.

    The trained pipeline also remembers passages for its neighbour vote (qualcode.nlp.neighbours):
    `memory` as (text, codes) pairs, by default every item with the codes it is positive for.
    """
    if len(items) < MIN_EXAMPLES or not labels:
        raise QualcodeError(
            f"not enough coded passages to train on ({len(items)}); code a few more passages "
            "(suggestions use cue phrases until then)"
        )
    passes = epochs if epochs is not None else epochs_for(len(items))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qualcode-train-") as tmp:
        folder = Path(tmp)
        tokenizer = spacy.blank("en")
        _write_docbin(tokenizer, items, folder / "train.spacy")
        _write_docbin(tokenizer, items[:DEV_SAMPLE], folder / "dev.spacy")
        config = training_config(
            labels,
            folder / "train.spacy",
            folder / "dev.spacy",
            epochs=passes,
            seed=seed,
            vectors=vectors,
            overrides=overrides,
        )
        quiet = logging.getLogger("spacy")
        level = quiet.level
        quiet.setLevel(logging.ERROR)
        try:
            nlp = init_nlp(config)
            nlp, _ = train(nlp, None, stdout=io.StringIO(), stderr=io.StringIO())
        finally:
            quiet.setLevel(level)
    if memory is None:
        memory = [(text, frozenset(k for k, v in cats.items() if v >= 0.5)) for text, cats in items]
    add_memory(nlp, memory, lambda texts: lemmatize(nlp, texts))
    return TrainedPipeline(nlp, list(labels), len(items), time.perf_counter() - started, passes)
