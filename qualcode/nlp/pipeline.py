"""The offline spaCy pipeline: blank English, a lowercase lookup lemmatizer, lemma bag-of-words."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.ml.models.textcat import build_bow_text_classifier_v3
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import Model

LEMMATIZER = "lemmatizer"
CONTENT_LEMMAS = "qualcode.content_lemmas"
TEXTCAT = "textcat_multilabel"


class LowercaseLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer keyed on the lowercased token, so "Commissioners" → "commissioner".

    Lemmas are always lowercase; a per-orth cache keeps it fast on large corpora.
    """

    def __init__(self, vocab: Vocab, name: str = LEMMATIZER) -> None:
        super().__init__(vocab, None, name, mode="lookup", overwrite=True)
        self._cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        self._lemmatize([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Lemmatize in batches: each distinct word form of a batch is looked up once."""
        docs = iter(stream)
        while batch := list(islice(docs, batch_size)):
            self._lemmatize(batch)
            yield from batch

    def _lemmatize(self, docs: list[Doc]) -> None:
        if not self._validated:
            self._validate_tables()
        orths = [doc.to_array(ORTH) for doc in docs]
        if not any(len(found) for found in orths):
            return
        forms, where = numpy.unique(numpy.concatenate(orths), return_inverse=True)
        cache = self._cache
        lemmas = numpy.fromiter(
            (cache.get(orth) or self._lemma_of(orth) for orth in forms.tolist()),
            dtype=numpy.uint64,
            count=len(forms),
        )[where.reshape(-1)]
        start = 0
        for doc, found in zip(docs, orths, strict=True):
            doc.user_data.pop(CONTENT_LEMMAS, None)  # worked out from the old lemmas
            if len(found):
                chunk = lemmas[start : start + len(found)]
                doc.from_array([LEMMA], cast(Any, chunk.reshape(-1, 1)))
                start += len(found)

    def _lemma_of(self, orth: int) -> int:
        lower = self.vocab.strings[orth].lower()
        table = self.lookups.get_table("lemma_lookup", {})
        found = table.get(lower, lower)
        text = (found[0] if isinstance(found, list) else found).lower()
        lemma = int(self.vocab.strings.add(text))
        self._cache[orth] = lemma
        return lemma

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        lookups: Lookups | None = None,
    ) -> None:
        self._cache = {}
        super().initialize(get_examples, nlp=nlp, lookups=lookups)

    def from_bytes(self, *args: Any, **kwargs: Any) -> LowercaseLemmatizer:
        self._cache = {}
        super().from_bytes(*args, **kwargs)
        return self


@Language.factory("qualcode_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LowercaseLemmatizer:
    """Factory used by the training config and by blank_pipeline()."""
    return LowercaseLemmatizer(nlp.vocab, name)


@registry.architectures("qualcode.LemmaBOW.v1")  # type: ignore[untyped-decorator]
def build_lemma_bow(
    exclusive_classes: bool,
    ngram_size: int,
    no_output_layer: bool,
    length: int = 262144,
    nO: int | None = None,  # spaCy's name for the output width
    content_only: bool = True,
    normalize: bool = True,
) -> Model[list[Doc], Any]:
    """spaCy's bag-of-n-grams classifier over lowercase lemmas of content words.

    Lemma n-grams generalise across inflections ("bid", "bidding") and sentence case; stop
    words, punctuation and numbers are left out, and each passage's feature values are scaled
    to unit length, so long turns do not outweigh short ones (as in tf-idf cosine).
    """
    model = build_bow_text_classifier_v3(exclusive_classes, ngram_size, no_output_layer, length, nO)
    for node in model.walk():
        if node.name == "extract_ngrams":
            node.attrs["attr"] = LEMMA
            node.attrs["content_only"] = content_only
            node.attrs["normalize"] = normalize
            node._func = _extract_content_ngrams
    return model


def _extract_content_ngrams(model: Model[Any, Any], docs: list[Doc], is_train: bool) -> Any:
    ops = model.ops
    xp = ops.xp
    size = model.attrs["ngram_size"]
    batch_keys, batch_vals = [], []
    for doc in docs:
        if model.attrs.get("content_only", False):
            lemmas = content_lemmas(doc)
        else:
            lemmas = doc.to_array([LEMMA])
        unigrams = cast(Any, ops.asarray(cast(Any, lemmas.astype("uint64"))))
        grams = [unigrams] + [
            ops.ngrams(n, unigrams) for n in range(2, size + 1) if len(unigrams) >= n
        ]
        keys, vals = xp.unique(xp.concatenate(grams), return_counts=True)
        vals = vals.astype("f")
        if model.attrs.get("normalize", False) and len(vals):
            vals = vals / xp.sqrt((vals**2).sum())
        batch_keys.append(keys)
        batch_vals.append(vals)
    lengths = ops.asarray([len(keys) for keys in batch_keys], dtype="int32")
    keys = xp.concatenate(batch_keys) if batch_keys else xp.zeros((0,), dtype="uint64")
    vals = ops.asarray(xp.concatenate(batch_vals), dtype="f") if batch_vals else ops.alloc1f(0)

    def backprop(d_output: Any) -> list[Any]:
        return []

    return (keys, vals, lengths), backprop


def content_lemmas(doc: Doc) -> numpy.ndarray:
    """Lemma hashes of the content words in a processed doc (no stop words, punctuation),
    worked out once per doc (kept in its user_data: the layers all ask for them)."""
    found = doc.user_data.get(CONTENT_LEMMAS)
    if found is None:
        rows = doc.to_array([LEMMA, IS_ALPHA, IS_STOP]).reshape(-1, 3)
        found = rows[(rows[:, 1] == 1) & (rows[:, 2] == 0), 0]
        doc.user_data[CONTENT_LEMMAS] = found
    return cast(numpy.ndarray, found)


def blank_pipeline() -> Language:
    """Blank English with the lowercase lookup lemmatizer; tables from spacy-lookups-data."""
    nlp = spacy.blank("en")
    nlp.add_pipe("qualcode_lemmatizer", name=LEMMATIZER)
    nlp.initialize()
    return nlp


def lemmatize(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    """Tokenize and lemmatize only (no classifier), e.g. for cue phrases and definitions."""
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    return [lemmatizer(nlp.make_doc(text)) for text in texts]
