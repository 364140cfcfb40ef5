"""A fast character-level diff of two versions of a text: lines first, then words, then letters."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from qualcode.revise.patience import matching_runs

# Above this many cells (len(a) * len(b)) an exact LCS diff costs too much memory; longer
# stretches are first split by patience matching.
EXACT_CELLS = 250_000_000
# Replaced runs at least this similar (2 * common letters / all letters) are aligned letter by
# letter; others keep only their common start and end.
SIMILAR = 0.5
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_WORD = re.compile(r"\w")


class Block(NamedTuple):
    """One step of a diff: old[i1:i2] is kept ("equal") or becomes new[j1:j2]."""

    tag: str  # "equal", "replace", "delete" or "insert"
    i1: int
    i2: int
    j1: int
    j2: int


def diff_texts(old: str, new: str) -> list[Block]:
    """Blocks turning `old` into `new`: ordered, covering both texts, no two equal or two
    changed blocks side by side.

    Lines are aligned first (patience matching); each changed stretch of lines is then diffed
    word by word, and each changed run of words letter by letter (an exact LCS in C++).
    """
    blocks: list[Block] = []
    if old == new:
        return [Block("equal", 0, len(old), 0, len(new))] if old else []
    old_lines, new_lines = _lines(old), _lines(new)
    old_at, new_at = _offsets(old_lines), _offsets(new_lines)
    numbers: dict[str, int] = {}  # lines as small numbers: cheaper to count and compare
    old_ids = [numbers.setdefault(line, len(numbers)) for line in old_lines]
    new_ids = [numbers.setdefault(line, len(numbers)) for line in new_lines]
    worded = {number for line, number in numbers.items() if _WORD.search(line)}
    i = j = 0
    ends = (len(old_lines), len(new_lines), 0)
    for line_i, line_j, size in [*matching_runs(old_ids, new_ids, worded.__contains__), ends]:
        gap_i, gap_j = old_at[line_i], new_at[line_j]
        _diff_words(old[i:gap_i], new[j:gap_j], i, j, blocks)
        i, j = old_at[line_i + size], new_at[line_j + size]
        if size:
            blocks.append(Block("equal", gap_i, i, gap_j, j))
    return normalised(blocks)


def _lines(text: str) -> list[str]:
    """The text's lines, each with its "\\n" (only "\\n" breaks lines in stored text)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return offsets


def _diff_words(a: str, b: str, at_i: int, at_j: int, out: list[Block]) -> None:
    """Append blocks for a changed stretch a → b (placed at at_i, at_j) diffed word by word.

    Spaces and punctuation alone between two changed words are taken as part of one changed
    run (they line up by coincidence); each run is then diffed letter by letter.
    """
    if not a or not b:
        if a or b:
            out.append(Block("replace", at_i, at_i + len(a), at_j, at_j + len(b)))
        return
    words_a, words_b = _TOKEN.findall(a), _TOKEN.findall(b)
    starts_a, starts_b = _offsets(words_a), _offsets(words_b)
    steps = [
        Block(tag, starts_a[w1], starts_a[w2], starts_b[v1], starts_b[v2])
        for tag, w1, w2, v1, v2 in normalised(_words_first(words_a, words_b))
    ]
    last = len(steps) - 1
    for index, step in enumerate(steps):
        if step.tag == "equal" and 0 < index < last and _coincidence(a[step.i1 : step.i2]):
            steps[index] = step._replace(tag="replace")
    for tag, i1, i2, j1, j2 in normalised(steps):
        if tag == "replace":
            _diff_letters(a[i1:i2], b[j1:j2], at_i + i1, at_j + j1, out)
        else:
            out.append(Block(tag, at_i + i1, at_i + i2, at_j + j1, at_j + j2))


def _words_first(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    """Blocks aligning two sequences of tokens (or letters): words (letters) first, then the
    spaces and punctuation between them.

    Matching words is what carries meaning; a space matched at the cost of a word would pull
    the alignment away from the words that stayed.
    """
    words_a = [k for k, token in enumerate(a) if _WORD.match(token)]
    words_b = [k for k, token in enumerate(b) if _WORD.match(token)]
    pairs = [
        (words_a[x + k], words_b[y + k])
        for tag, x, x2, y, _ in _sequence_blocks([a[k] for k in words_a], [b[k] for k in words_b])
        if tag == "equal"
        for k in range(x2 - x)
    ]
    blocks: list[Block] = []
    i = j = 0
    for pair_i, pair_j in [*pairs, (len(a), len(b))]:
        if pair_i - i <= 1 and pair_j - j <= 1:  # most gaps: one space, or none
            if a[i:pair_i] != b[j:pair_j] or pair_i > i:
                tag = "equal" if a[i:pair_i] == b[j:pair_j] else "replace"
                blocks.append(Block(tag, i, pair_i, j, pair_j))
        else:
            blocks.extend(_shifted(_sequence_blocks(a[i:pair_i], b[j:pair_j]), i, j))
        if pair_i < len(a):
            blocks.append(Block("equal", pair_i, pair_i + 1, pair_j, pair_j + 1))
        i, j = pair_i + 1, pair_j + 1
    return blocks


def _coincidence(kept: str) -> bool:
    return not _WORD.search(kept)


def _sequence_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Block]:
    """Blocks of an exact LCS diff, or patience-split ones for long, distant sequences."""
    if len(a) * len(b) <= EXACT_CELLS:
        return _exact(a, b)
    blocks: list[Block] = []
    i = j = 0
    for run_i, run_j, size in [*matching_runs(a, b), (len(a), len(b), 0)]:
        if run_i > i or run_j > j:
            if (run_i - i) * (run_j - j) <= EXACT_CELLS:
                blocks.extend(_shifted(_exact(a[i:run_i], b[j:run_j]), i, j))
            else:  # no common landmark in a long stretch: treat it as rewritten
                blocks.append(Block("replace", i, run_i, j, run_j))
        if size:
            blocks.append(Block("equal", run_i, run_i + size, run_j, run_j + size))
        i, j = run_i + size, run_j + size
    return blocks


def _exact(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Block]:
    return [Block(*op) for op in Indel.opcodes(a, b)]


def _shifted(opcodes: Iterable[tuple[str, int, int, int, int]], i: int, j: int) -> list[Block]:
    return [Block(tag, i1 + i, i2 + i, j1 + j, j2 + j) for tag, i1, i2, j1, j2 in opcodes]


def _diff_letters(a: str, b: str, at_i: int, at_j: int, out: list[Block]) -> None:
    """Append letter-level blocks for a replaced run of words.

    Similar runs (a typo fixed, a word respelled) are aligned letter by letter. Dissimilar
    ones (a sentence rewritten, a name redacted) keep only their common start and end: letters
    they share elsewhere do so by chance and must not carry codings into the new words.
    """
    if len(a) * len(b) <= EXACT_CELLS and _similar(a, b):
        out.extend(_shifted(_words_first(a, b), at_i, at_j))
        return
    head = _common_start(a, b)
    tail = _common_start(a[head:][::-1], b[head:][::-1])
    out.append(Block("equal", at_i, at_i + head, at_j, at_j + head))
    out.append(
        Block("replace", at_i + head, at_i + len(a) - tail, at_j + head, at_j + len(b) - tail)
    )
    out.append(
        Block("equal", at_i + len(a) - tail, at_i + len(a), at_j + len(b) - tail, at_j + len(b))
    )


def _similar(a: str, b: str) -> bool:
    letters_a, letters_b = "".join(_WORD.findall(a)), "".join(_WORD.findall(b))
    if not letters_a and not letters_b:
        return True
    return Indel.normalized_similarity(letters_a, letters_b) >= SIMILAR


def _common_start(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def normalised(blocks: list[Block]) -> list[Block]:
    """Blocks with empty ones dropped and neighbours of the same kind (equal, or changed) merged;
    changed blocks are tagged replace, delete or insert by what they hold."""
    out: list[Block] = []
    for block in blocks:
        if block.i1 == block.i2 and block.j1 == block.j2:
            continue
        kept = block.tag == "equal"
        if out and (out[-1].tag == "equal") == kept:
            last = out[-1]
            block = Block(last.tag, last.i1, block.i2, last.j1, block.j2)
            out.pop()
        if not kept:
            block = block._replace(tag=_change_tag(block))
        out.append(block)
    return out


def _change_tag(block: Block) -> str:
    if block.i1 == block.i2:
        return "insert"
    return "delete" if block.j1 == block.j2 else "replace"
