"""Tests for reading valid codebook YAML into CodebookSpec trees."""

from pathlib import Path
from textwrap import dedent

from qualcode.codebook import CodebookSpec, CodeSpec, dump_codebook, parse_codebook

FULL = dedent(
    """\
    # A codebook for the criminal justice partnerships study.
    codebook: Criminal justice partnerships
    description: Codes for how voluntary-sector agencies collaborate or compete.
    codes:
      - key: commissioning
        name: Commissioning
        description: >
          How public money reaches charities:
          tendering, contracts and payment by results.
        include:
          - Talk about tendering, contracts or grants
          - Payment by results and social impact bonds
        exclude: Fundraising from the public
        examples:
          - "It's not a level playing field."
        cues: [commission, tender, bid, "payment by results"]
        colour: "#1f77b4"
        codes:
          - key: competitive-tendering
            name: Competitive tendering
            cues:
              - contestability
              - PQQ
            codes:
              - key: pqq-bureaucracy
                name: PQQ bureaucracy
      - key: independence
        name: Independence
        colour: '#abc'
    """
)


def test_full_file_becomes_the_expected_tree() -> None:
    spec = parse_codebook(FULL)

    pqq = CodeSpec(key="pqq-bureaucracy", name="PQQ bureaucracy")
    tendering = CodeSpec(
        key="competitive-tendering",
        name="Competitive tendering",
        cues=["contestability", "PQQ"],
        children=[pqq],
    )
    commissioning = CodeSpec(
        key="commissioning",
        name="Commissioning",
        description=(
            "How public money reaches charities: tendering, contracts and payment by results.\n"
        ),
        include=[
            "Talk about tendering, contracts or grants",
            "Payment by results and social impact bonds",
        ],
        exclude=["Fundraising from the public"],
        examples=["It's not a level playing field."],
        cues=["commission", "tender", "bid", "payment by results"],
        colour="#1f77b4",
        children=[tendering],
    )
    independence = CodeSpec(key="independence", name="Independence", colour="#abc")
    assert spec == CodebookSpec(
        name="Criminal justice partnerships",
        description="Codes for how voluntary-sector agencies collaborate or compete.",
        codes=[commissioning, independence],
    )
    assert [(code.key, parent.key if parent else None) for code, parent in spec.walk()] == [
        ("commissioning", None),
        ("competitive-tendering", "commissioning"),
        ("pqq-bureaucracy", "competitive-tendering"),
        ("independence", None),
    ]


def test_minimal_codebook_needs_only_a_name_and_codes() -> None:
    spec = parse_codebook("codebook: Empty so far\ncodes: []\n")
    assert spec == CodebookSpec(name="Empty so far")


def test_empty_values_mean_nothing_given() -> None:
    text = dedent(
        """\
        codebook: Study
        description:
        codes:
          - key: a
            name: A
            description:
            include:
            exclude: ""
            cues: []
            colour: # to choose later
            codes:
        """
    )
    assert parse_codebook(text) == CodebookSpec(name="Study", codes=[CodeSpec(key="a", name="A")])


def test_scalars_yaml_would_read_as_numbers_or_booleans_keep_their_written_text() -> None:
    text = dedent(
        """\
        codebook: 2024
        codes:
          - key: "2020"
            name: 1.10
            cues: [yes, no, on, 0x1F, 2024-01-31, ~x]
        """
    )
    spec = parse_codebook(text)
    assert spec.name == "2024"
    assert spec.codes[0].name == "1.10"
    assert spec.codes[0].cues == ["yes", "no", "on", "0x1F", "2024-01-31", "~x"]


def test_windows_line_endings_and_byte_order_mark_are_accepted() -> None:
    text = "\ufeffcodebook: Study\r\ncodes:\r\n  - key: a\r\n    name: Ä “quoted”\r\n"
    spec = parse_codebook(text)
    assert spec.codes == [CodeSpec(key="a", name="Ä “quoted”")]


def test_literal_block_keeps_line_breaks() -> None:
    text = dedent(
        """\
        codebook: Study
        codes:
          - key: a
            name: A
            description: |
              First line.
              Second line.
        """
    )
    assert parse_codebook(text).codes[0].description == "First line.\nSecond line.\n"


def test_the_example_in_the_format_documentation_is_valid() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "codebook-format.md"
    example = doc.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    spec = parse_codebook(example, source=str(doc))
    assert spec.name == "Criminal justice partnerships"
    assert [code.key for code, _ in spec.walk()] == [
        "commissioning",
        "competitive-tendering",
        "pqq-bureaucracy",
        "short-term-contracts",
        "independence",
    ]
    assert spec.codes[1].include == ['Advocacy, campaigning, "not rocking the boat", mission drift']
    assert parse_codebook(dump_codebook(spec)) == spec
