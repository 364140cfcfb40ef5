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

from qualcode.nlp.wordforms import FormTable

LEMMATIZER = "lemmatizer"
CONTENT_LEMMAS = "qualcode.content_lemmas"
TEXTCAT = "textcat_multilabel"


class LowercaseLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer keyed on the lowercased token, so "Commissioners" → "commissioner".

    Lemmas are always lowercase; each word form's lemma is worked out once and kept in a table
    looked up a whole batch at once (qualcode.nlp.wordforms), which keeps it fast on large
    corpora.
    """

    def __init__(self, vocab: Vocab, name: str = LEMMATIZER) -> None:
        super().__init__(vocab, None, name, mode="lookup", overwrite=True)
        self._forms = FormTable(self._lemma_of)

    def __call__(self, doc: Doc) -> Doc:
        self._lemmatize([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Lemmatize in batches: the tokens of a batch are looked up at once."""
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
        lemmas, content = self._forms.lookup(numpy.concatenate(orths))
        start = 0
        for doc, found in zip(docs, orths, strict=True):
            stop = start + len(found)
            # The layers all ask for the content lemmas: worked out here for the whole batch.
            doc.user_data[CONTENT_LEMMAS] = lemmas[start:stop][content[start:stop]]
            if len(found):
                doc.from_array([LEMMA], cast(Any, lemmas[start:stop].reshape(-1, 1)))
            start = stop

    def _lemma_of(self, orth: int) -> tuple[int, bool]:
        """A word form's lemma, and whether it is a content word (alphabetic, not a stop word)."""
        lower = self.vocab.strings[orth].lower()
        table = self.lookups.get_table("lemma_lookup", {})
        found = table.get(lower, lower)
        text = (found[0] if isinstance(found, list) else found).lower()
        lexeme = self.vocab[orth]
        return int(self.vocab.strings.add(text)), lexeme.is_alpha and not lexeme.is_stop

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        lookups: Lookups | None = None,
    ) -> None:
        self._forms = FormTable(self._lemma_of)
        super().initialize(get_examples, nlp=nlp, lookups=lookups)

    def from_bytes(self, *args: Any, **kwargs: Any) -> LowercaseLemmatizer:
        self._forms = FormTable(self._lemma_of)
        super().from_bytes(*args, **kwargs)
        return self

    def from_disk(self, *args: Any, **kwargs: Any) -> LowercaseLemmatizer:
        self._forms = FormTable(self._lemma_of)
        super().from_disk(*args, **kwargs)
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
    """Each doc's distinct n-gram keys (ascending) and counts, for the whole batch at once."""
    ops, xp = model.ops, model.ops.xp
    size = model.attrs["ngram_size"]
    if model.attrs.get("content_only", False):
        found = [content_lemmas(doc) for doc in docs]
    else:
        found = [doc.to_array([LEMMA]).reshape(-1) for doc in docs]
    sizes = numpy.array([len(lemmas) for lemmas in found], dtype=numpy.int64)
    unigrams = numpy.concatenate(found).astype("uint64") if found else numpy.zeros(0, "uint64")
    owner = numpy.repeat(numpy.arange(len(docs)), sizes)
    grams, owners = [unigrams], [owner]
    ends = numpy.cumsum(sizes)
    for n in range(2, size + 1):
        if len(unigrams) < n:
            break
        # n-grams of the joined batch, less those that run across the end of a doc
        within = numpy.arange(len(unigrams) - n + 1) + n <= ends[owner[: len(unigrams) - n + 1]]
        grams.append(cast(Any, ops.ngrams(n, cast(Any, unigrams)))[within])
        owners.append(owner[: len(unigrams) - n + 1][within])
    keys, owner = numpy.concatenate(grams), numpy.concatenate(owners)
    order = numpy.lexsort((keys, owner))
    keys, owner = keys[order], owner[order]
    first = numpy.ones(len(keys), dtype=bool)
    first[1:] = (keys[1:] != keys[:-1]) | (owner[1:] != owner[:-1])
    starts = numpy.flatnonzero(first)
    keys, owner = keys[starts], owner[starts]
    vals = numpy.diff(numpy.append(starts, len(order))).astype("f")
    lengths = numpy.bincount(owner, minlength=len(docs))
    if model.attrs.get("normalize", False) and len(vals):
        # Sums of squared counts are whole numbers, exact in float32 below 2**24 (a doc
        # repeating one word thousands of times) whatever the order of summing.
        squares = numpy.bincount(owner, vals.astype(float) ** 2, minlength=len(docs))
        if squares.max() >= 2**24:
            return _extract_one_by_one(model, found), _no_gradient
        vals = vals / numpy.sqrt(squares.astype("f"))[owner]
    out = (xp.asarray(keys), ops.asarray1f(cast(Any, vals)), ops.asarray1i(cast(Any, lengths)))
    return out, _no_gradient


def _no_gradient(d_output: Any) -> list[Any]:
    return []


def _extract_one_by_one(model: Model[Any, Any], found: list[numpy.ndarray]) -> Any:
    """Doc by doc, summing in float32 as numpy does (for docs past float32's whole numbers)."""
    ops, xp = model.ops, model.ops.xp
    size = model.attrs["ngram_size"]
    batch_keys, batch_vals = [], []
    for lemmas in found:
        unigrams = cast(Any, ops.asarray(cast(Any, lemmas.astype("uint64"))))
        grams = [unigrams] + [
            ops.ngrams(n, unigrams) for n in range(2, size + 1) if len(unigrams) >= n
        ]
        keys, vals = xp.unique(xp.concatenate(grams), return_counts=True)
        vals = vals.astype("f")
        if len(vals):
            vals = vals / xp.sqrt((vals**2).sum())
        batch_keys.append(keys)
        batch_vals.append(vals)
    lengths = ops.asarray([len(keys) for keys in batch_keys], dtype="int32")
    keys = xp.concatenate(batch_keys) if batch_keys else xp.zeros((0,), dtype="uint64")
    vals = ops.asarray(xp.concatenate(batch_vals), dtype="f") if batch_vals else ops.alloc1f(0)
    return keys, vals, lengths


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
