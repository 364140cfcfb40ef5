"""A deterministic synthetic interview corpus: N transcripts of about M words each.

Each transcript alternates an "Interviewer:" question (8-25 words) and an answer by one
first-name speaker (40-200 words, sometimes in two or three paragraphs). Words are drawn
with Zipf-like frequencies from common English and criminal-justice field vocabulary, with
names, places, £ amounts and fixed phrases mixed in. Every fifth file is Markdown with YAML
front matter; every tenth plain-text file has Windows line ends.

    python -m benchmarks.corpus OUT --docs 1000 --words 8000 --seed 1
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path

from benchmarks.vocab import (
    COMMON,
    FIELD,
    FIRST_NAMES,
    PHRASES,
    PLACES,
    QUESTION_OPENERS,
    SURNAMES,
)

_SPECIALS = ("<phrase>", "<name>", "<amount>", "<place>", "<number>")


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    words: int
    passages: int  # paragraphs (blank-line separated blocks) in the body


@dataclass(frozen=True)
class Corpus:
    folder: Path
    files: list[CorpusFile]

    @property
    def words(self) -> int:
        return sum(f.words for f in self.files)

    @property
    def passages(self) -> int:
        return sum(f.passages for f in self.files)


def _ranked_vocabulary() -> list[str]:
    """Common words first, then field words interleaved with the rest; specials at mid ranks."""
    common = list(dict.fromkeys(COMMON))
    head, tail = common[:30], common[30:]
    ranked = list(head)
    for index in range(max(len(tail), len(FIELD))):
        ranked.extend(words[index] for words in (FIELD, tail) if index < len(words))
    for offset, special in enumerate(_SPECIALS):
        ranked.insert(35 + 25 * offset, special)
    return ranked


class WordSampler:
    """Draws words with Zipf-Mandelbrot weights 1 / (rank + 2.7)."""

    def __init__(self) -> None:
        self.words = _ranked_vocabulary()
        self.cumulative = list(accumulate(1.0 / (rank + 2.7) for rank in range(len(self.words))))

    def sentence(self, rng: random.Random, length: int, end: str = ".") -> str:
        tokens = rng.choices(self.words, cum_weights=self.cumulative, k=length)
        out: list[str] = []
        for token in tokens:
            word = _expand(rng, token) if token.startswith("<") else token
            if out and rng.random() < 0.07:
                out[-1] += ","
            out.append(word)
        first = out[0]
        out[0] = first[0].upper() + first[1:]
        return " ".join(out) + end


def _expand(rng: random.Random, token: str) -> str:
    if token == "<phrase>":
        return rng.choice(PHRASES)
    if token == "<name>":
        first = rng.choice(FIRST_NAMES)
        return f"{first} {rng.choice(SURNAMES)}" if rng.random() < 0.4 else first
    if token == "<place>":
        return f"HMP {rng.choice(PLACES)}" if rng.random() < 0.5 else rng.choice(PLACES)
    if token == "<amount>":
        kind = rng.random()
        if kind < 0.5:
            return f"£{rng.randint(2, 900) * 1000:,}"
        if kind < 0.8:
            return f"£{rng.randint(11, 99) / 10:.1f} million"
        return f"£{rng.randint(5, 500)}k"
    return str(rng.choice((rng.randint(2, 60), rng.randint(2005, 2024))))


def _answer(rng: random.Random, sampler: WordSampler) -> tuple[list[str], int]:
    """An answer of 40-200 words as paragraphs, and its word count."""
    remaining = rng.randint(40, 200)
    sentences: list[str] = []
    count = 0
    while remaining > 0:
        length = min(rng.randint(5, 22), remaining)
        if remaining - length < 4:
            length = remaining
        end = "?" if rng.random() < 0.05 else "."
        sentence = sampler.sentence(rng, length, end)
        sentences.append(sentence)
        count += len(sentence.split())
        remaining -= length
    if len(sentences) >= 4 and count > 90 and rng.random() < 0.4:
        parts = rng.randint(2, 3)
        cuts = sorted(rng.sample(range(1, len(sentences)), parts - 1))
        bounds = [0, *cuts, len(sentences)]
        return [" ".join(sentences[a:b]) for a, b in pairwise(bounds)], count
    return [" ".join(sentences)], count


def _question(rng: random.Random, sampler: WordSampler) -> str:
    opener = rng.choice(QUESTION_OPENERS)
    length = rng.randint(8, 25) - len(opener.split())
    rest = sampler.sentence(rng, max(length, 2), "?")
    return f"{opener} {rest[0].lower()}{rest[1:]}"


def transcript(rng: random.Random, sampler: WordSampler, words: int) -> tuple[str, int]:
    """A transcript body of at least `words` words, and its number of paragraphs."""
    speaker = rng.choice(FIRST_NAMES)
    blocks: list[str] = []
    count = 0
    while count < words:
        question = _question(rng, sampler)
        paragraphs, answer_words = _answer(rng, sampler)
        blocks.append(f"Interviewer: {question}")
        paragraphs[0] = f"{speaker}: {paragraphs[0]}"
        blocks.extend(paragraphs)
        count += len(question.split()) + 1 + answer_words + 1
    return "\n\n".join(blocks) + "\n", len(blocks)


def _front_matter(rng: random.Random, number: int) -> str:
    place = rng.choice(PLACES)
    topic = rng.choice(("probation partnership", "prison volunteers", "resettlement charity"))
    interviewer = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return (
        f'---\nparticipant: P{number:04d}\ntitle: "Interview {number}: {place} {topic}"\n'
        f"site: {place}\ndate: {date}\ninterviewer: {interviewer}\n---\n\n"
    )


def generate_corpus(out: Path, *, docs: int, words: int, seed: int = 1) -> Corpus:
    """Write `docs` transcripts of about `words` words each into `out` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    sampler = WordSampler()
    files: list[CorpusFile] = []
    for number in range(1, docs + 1):
        rng = random.Random(seed * 1_000_003 + number)
        body, passages = transcript(rng, sampler, words)
        if number % 5 == 0:
            path = out / f"interview-{number:04d}.md"
            content = _front_matter(rng, number) + body
        else:
            path = out / f"interview-{number:04d}.txt"
            content = body
        newline = "\r\n" if number % 10 == 3 else "\n"
        path.write_text(content, encoding="utf-8", newline=newline)
        files.append(CorpusFile(path, len(body.split()), passages))
    return Corpus(out, files)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write the transcripts into")
    parser.add_argument("--docs", type=int, default=1000, help="number of transcripts")
    parser.add_argument("--words", type=int, default=8000, help="words per transcript")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpus = generate_corpus(args.out, docs=args.docs, words=args.words, seed=args.seed)
    seconds = time.perf_counter() - started
    print(
        f"{len(corpus.files)} files, {corpus.words:,} words, {corpus.passages:,} paragraphs "
        f"in {corpus.folder} ({seconds:.1f} s)"
    )


if __name__ == "__main__":
    main()
