"""Tests for writing codebooks as YAML: the layout people read, and exact round trips."""

from textwrap import dedent

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualcode.codebook import CodebookSpec, CodeSpec, dump_codebook, parse_codebook

LONG = (
    "How public money reaches charities: competitive tendering, pre-qualification "
    "questionnaires, full cost recovery and payment by results."
)


def test_dump_uses_the_documented_layout() -> None:
    spec = CodebookSpec(
        name="Criminal justice partnerships",
        codes=[
            CodeSpec(
                key="commissioning",
                name="Commissioning",
                description=LONG,
                include=["Tendering and contracts"],
                examples=["First line\nsecond line"],
                cues=["tender", "bid", "yes"],
                colour="#1f77b4",
                children=[CodeSpec(key="pbr", name="Payment by results")],
            ),
            CodeSpec(key="independence", name="Indépendance — 独立"),
        ],
    )
    assert dump_codebook(spec) == dedent(
        """\
        codebook: Criminal justice partnerships
        codes:
          - key: commissioning
            name: Commissioning
            description: >-
              How public money reaches charities: competitive tendering, pre-qualification
              questionnaires, full cost recovery and payment by results.
            include:
              - Tendering and contracts
            examples:
              - |-
                First line
                second line
            cues: [tender, bid, 'yes']
            colour: '#1f77b4'
            codes:
              - key: pbr
                name: Payment by results
          - key: independence
            name: Indépendance — 独立
        """
    )


def test_an_empty_codebook_still_lists_its_codes() -> None:
    assert dump_codebook(CodebookSpec(name="New")) == "codebook: New\ncodes: []\n"


def test_many_or_long_cues_are_written_one_per_line() -> None:
    cues = ["commissioning", "competitive tendering", "payment by results", "prime contractor"]
    text = dump_codebook(CodebookSpec(name="S", codes=[CodeSpec(key="a", name="A", cues=cues)]))
    assert "    cues:\n      - commissioning\n      - competitive tendering\n" in text


def test_text_that_needs_quoting_is_quoted() -> None:
    tricky = ["#hashtag", "key: value", "- dash", "@mention", "null", "123", "", "  padded  "]
    code = CodeSpec(key="a", name="A: colon", description="\ttabbed", include=tricky[:-2])
    spec = CodebookSpec(name="# not a comment", description="[not, a, list]", codes=[code])
    assert parse_codebook(dump_codebook(spec)) == spec


# --- round trip over random codebooks -------------------------------------------------------

_text = st.text(max_size=120)
_prose = st.one_of(
    _text,
    st.text(alphabet=st.sampled_from("ab é\n:#-'\"\u2028\x85\t"), max_size=200),
    st.lists(st.text("abcdefgh", min_size=1, max_size=12), min_size=8, max_size=40).map(" ".join),
)
_words = st.text(min_size=1, max_size=60).filter(lambda text: text.strip() != "")
_items = st.lists(st.one_of(_words, _prose.filter(lambda text: text.strip() != "")), max_size=4)
_slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
_colour = st.one_of(st.just(""), st.from_regex(r"#([0-9a-fA-F]{3}){1,2}", fullmatch=True))


@st.composite
def codebooks(draw: st.DrawFn) -> CodebookSpec:
    used: set[str] = set()

    def key() -> str:
        candidate = draw(_slug)
        while candidate in used:
            candidate += f"-{len(used)}"
        used.add(candidate)
        return candidate

    def code(depth: int) -> CodeSpec:
        spec = CodeSpec(
            key=key(),
            name=draw(_words),
            description=draw(_prose),
            include=draw(_items),
            exclude=draw(_items),
            examples=draw(_items),
            cues=draw(st.lists(_words, max_size=6)),
            colour=draw(_colour),
        )
        width = draw(st.integers(0, 3 if depth < 3 else 0))
        spec.children = [code(depth + 1) for _ in range(width)]
        return spec

    themes = draw(st.integers(0, 4))
    return CodebookSpec(
        name=draw(_words),
        description=draw(_prose),
        codes=[code(0) for _ in range(themes)],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(codebooks())
def test_parse_of_dump_gives_back_the_same_codebook(spec: CodebookSpec) -> None:
    text = dump_codebook(spec)
    assert parse_codebook(text) == spec
    assert dump_codebook(parse_codebook(text)) == text
