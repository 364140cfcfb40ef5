"""Counts in words: "1 quote", "2 quotes"."""


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """COUNT and NOUN, in the plural (NOUN + "s" unless NOUNS is given) unless COUNT is 1."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


def counted(count: int, nouns: str) -> str:
    """COUNT and NOUNS, a plural ending in "s", made singular when COUNT is 1."""
    return plural(count, nouns.removesuffix("s"), nouns)
