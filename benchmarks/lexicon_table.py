"""Build qualcode/data/word-probabilities.bin from spacy-lookups-data's word probabilities.

    python -m benchmarks.lexicon_table

The head of en_lexeme_prob (every word more frequent than the rare ones, as
qualcode.anonymise.lexicon._probabilities reads it from the installed package) written in the
form qualcode loads in a hundredth of the time. Run again when spacy-lookups-data changes:
tests/anonymise/test_lexicon_table.py fails while the shipped table differs from it.
"""

from __future__ import annotations

from pathlib import Path

from qualcode.anonymise.lexicon import TABLE_FILE, _probabilities, table_bytes

OUT = Path("qualcode/data") / TABLE_FILE


def main() -> None:
    OUT.write_bytes(table_bytes(_probabilities()))
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
