"""Tests that every invalid codebook is refused with the exact line and a useful hint."""

from textwrap import dedent

import pytest

from qualcode.codebook import CodebookError, CodebookValidationError, parse_codebook

HEAD = "codebook: Study\ncodes:\n  - key: a\n    name: A\n"


def problems(text: str) -> list[str]:
    """The errors parse_codebook reports for the text, read as 'cb.yaml'."""
    with pytest.raises(CodebookValidationError) as caught:
        parse_codebook(text, source="cb.yaml")
    error = caught.value
    assert str(error) == error.errors[0]
    assert all("\n" not in message for message in error.errors)
    return error.errors


def first_problem(text: str) -> str:
    return problems(text)[0]


SYNTAX_CASES = [
    pytest.param(
        HEAD + "\tcues: [x]\n",
        "cb.yaml:5: YAML syntax error: found character '\\t' that cannot start any token; "
        "indent with spaces, not tabs",
        id="tab",
    ),
    pytest.param(
        HEAD + '    description: "How money\n    cues: [x]\n',
        "cb.yaml:5: YAML syntax error: a quote opened here is never closed",
        id="unclosed-quote",
    ),
    pytest.param(
        HEAD + "    description: Money: how it flows\n",
        "cb.yaml:5: YAML syntax error: mapping values are not allowed here; "
        "put text that contains ': ' in quotes",
        id="colon-in-text",
    ),
    pytest.param(
        "codebook: Study\ndescription Codes\ncodes: []\n",
        "cb.yaml:2: YAML syntax error: this line needs the form 'field: value' "
        "(could not find the ':')",
        id="missing-colon",
    ),
    pytest.param(
        "codebook: Study\ncodes: []\n---\ncodebook: Other\n",
        "cb.yaml:3: YAML syntax error: but found another document "
        "(expected a single document in the stream from line 1)",
        id="two-documents",
    ),
    pytest.param(
        "codebook: Study\ncodes: []\x07\n",
        "cb.yaml:2: the character '\\x07' is not allowed in YAML",
        id="control-character",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SYNTAX_CASES)
def test_yaml_syntax_errors_name_the_line(text: str, expected: str) -> None:
    assert problems(text) == [expected]


STRUCTURE_CASES = [
    pytest.param("", "cb.yaml:1: the file is empty; it needs 'codebook:' (a name) and 'codes:'"),
    pytest.param(
        "# only a comment\n",
        "cb.yaml:1: the file is empty; it needs 'codebook:' (a name) and 'codes:'",
        id="comment-only",
    ),
    pytest.param(
        "- key: a\n  name: A\n",
        "cb.yaml:1: the top level must be a mapping with 'codebook:' and 'codes:', not a list",
        id="top-level-list",
    ),
    pytest.param(
        "\n\njust some words\n",
        "cb.yaml:3: the top level must be a mapping with 'codebook:' and 'codes:', "
        "not text 'just some words'",
        id="top-level-text",
    ),
    pytest.param(
        "description: Codes\ncodes: []\n",
        "cb.yaml:1: missing 'codebook:' (the codebook's name)",
        id="missing-codebook",
    ),
    pytest.param(
        "# header\ncodebook: Study\n",
        "cb.yaml:2: missing 'codes:' (the list of themes)",
        id="missing-codes",
    ),
    pytest.param(
        "codebook:\ncodes: []\n",
        "cb.yaml:1: 'codebook:' (the codebook's name) is empty",
        id="empty",
    ),
    pytest.param(
        "codebook: [Study]\ncodes: []\n",
        "cb.yaml:1: 'codebook:' (the codebook's name) must be text, not a list",
        id="codebook-list",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  key: a\n  name: A\n",
        "cb.yaml:3: 'codes:' must be a list of codes, each starting with '- key:', not a mapping",
        id="codes-mapping",
    ),
    pytest.param(
        "codebook: Study\ncodes: [commissioning, independence]\n",
        "cb.yaml:2: code 1 must be a mapping with 'key:' and 'name:', not text 'commissioning'",
        id="code-as-text",
    ),
    pytest.param(
        HEAD + "    codes: oops\n",
        "cb.yaml:5: 'codes:' of code 'a' must be a list of codes, each starting with '- key:', "
        "not text 'oops'",
        id="sub-codes-text",
    ),
    pytest.param(
        HEAD + "    codes:\n      - key: b\n        name: B\n      - 42\n",
        "cb.yaml:8: sub-code 2 of code 'a' must be a mapping with 'key:' and 'name:', "
        "not text '42'",
        id="sub-code-number",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STRUCTURE_CASES)
def test_structure_errors_name_the_line(text: str, expected: str) -> None:
    assert first_problem(text) == expected


@pytest.mark.parametrize(
    ("field", "guess"),
    [
        ("descripton", "description"),
        ("Description", "description"),
        ("childs", "codes"),
        ("children", "codes"),
        ("subcodes", "codes"),
        ("sub-codes", "codes"),
        ("cue", "cues"),
        ("cue_phrases", "cues"),
        ("keywords", "cues"),
        ("include_criteria", "include"),
        ("inclusion_criteria", "include"),
        ("exclusion", "exclude"),
        ("exmaples", "examples"),
        ("color", "colour"),
        ("title", "name"),
        ("definition", "description"),
    ],
)
def test_unknown_code_field_suggests_the_intended_one(field: str, guess: str) -> None:
    text = HEAD + f"    {field}: something\n"
    assert problems(text) == [
        f"cb.yaml:5: unknown field '{field}' in code 'a'; did you mean '{guess}'?"
    ]


def test_unknown_code_field_without_a_close_match_lists_the_fields() -> None:
    assert first_problem(HEAD + "    banana: yes\n") == (
        "cb.yaml:5: unknown field 'banana' in code 'a'; expected one of: key, name, description, "
        "include, exclude, examples, cues, colour, codes"
    )


def test_unknown_field_before_the_key_still_names_the_code() -> None:
    text = "codebook: Study\ncodes:\n  - nmae: A\n    key: a\n"
    assert problems(text) == [
        "cb.yaml:3: unknown field 'nmae' in code 'a'; did you mean 'name'?",
        "cb.yaml:3: code 'a' is missing 'name:'",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("descripton: Codes", "did you mean 'description'?"),
        ("name: Study", "did you mean 'codebook'?"),
        ("themes: []", "did you mean 'codes'?"),
        ("cues: [x]", "'cues' belongs to a code, in the list under 'codes:'"),
        ("key: a", "'key' belongs to a code, in the list under 'codes:'"),
        ("version: 2", "expected one of: codebook, description, codes"),
    ],
)
def test_unknown_top_level_field_hints(line: str, expected: str) -> None:
    text = f"codebook: Study\ncodes: []\n{line}\n"
    field = line.split(":")[0]
    assert problems(text) == [f"cb.yaml:3: unknown field '{field}' at the top level; {expected}"]


CODE_CASES = [
    pytest.param(
        HEAD + "    name: B\n",
        "cb.yaml:5: field 'name' appears twice in code 'a' (first on line 4)",
        id="field-twice",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a\n    name: [A, B]\n",
        "cb.yaml:4: 'name:' of code 'a' must be text, not a list",
        id="name-list",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a\n    name:\n      en: A\n",
        "cb.yaml:5: 'name:' of code 'a' must be text, not a mapping",
        id="name-mapping",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a\n    name: !shout A\n",
        "cb.yaml:4: 'name:' of code 'a' has an unsupported YAML tag '!shout'",
        id="name-tag",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a\n    name: ''\n",
        "cb.yaml:4: 'name:' of code 'a' is empty",
        id="name-empty",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a\n    name:\n",
        "cb.yaml:4: 'name:' of code 'a' is empty",
        id="name-null",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a\n    name: '   '\n",
        "cb.yaml:4: 'name:' of code 'a' is empty",
        id="name-blank",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a\n    description: x\n",
        "cb.yaml:3: code 'a' is missing 'name:'",
        id="name-missing",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a\n    name: A\n  - name: Payment by Results\n",
        "cb.yaml:5: code 2 is missing 'key:'; try 'key: payment-by-results'",
        id="key-missing",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key:\n    name: Payment by Results\n",
        "cb.yaml:3: 'key:' of code 1 is empty; try 'key: payment-by-results'",
        id="key-empty",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: Competitive Tendering\n    name: CT\n",
        "cb.yaml:3: key 'Competitive Tendering' is not a slug (lowercase letters of any language "
        "and digits, joined by single hyphens); try 'competitive-tendering'",
        id="key-not-slug",
    ),
    pytest.param(
        HEAD + "  - key: a_b\n    name: B\n",
        "cb.yaml:5: key 'a_b' is not a slug (lowercase letters of any language and digits, "
        "joined by single hyphens); try 'a-b'",
        id="key-underscore",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: a-b\n    name: A\n  - key: A_B\n    name: B\n",
        "cb.yaml:5: key 'A_B' is not a slug (lowercase letters of any language and digits, "
        "joined by single hyphens); try 'a-b-2'",
        id="key-suggestion-avoids-taken",
    ),
    pytest.param(
        "codebook: Study\ncodes:\n  - key: [a]\n    name: A\n",
        "cb.yaml:3: 'key:' of code 1 must be text, not a list",
        id="key-list",
    ),
    pytest.param(
        HEAD + "    cues: {tender: bid}\n",
        "cb.yaml:5: 'cues:' of code 'a' must be a list of text, not a mapping",
        id="cues-mapping",
    ),
    pytest.param(
        HEAD + "    cues:\n      - tender\n      - [bid, pqq]\n",
        "cb.yaml:7: item 2 of 'cues:' of code 'a' must be text, not a list",
        id="cue-list",
    ),
    pytest.param(
        HEAD + "    include:\n      - Payment: by results\n",
        "cb.yaml:6: item 1 of 'include:' of code 'a' must be text, not a mapping; "
        "put text containing ': ' in quotes",
        id="include-colon",
    ),
    pytest.param(
        HEAD + "    examples:\n      - a\n      - ''\n",
        "cb.yaml:7: item 2 of 'examples:' of code 'a' is empty",
        id="example-empty",
    ),
    pytest.param(
        HEAD + "    description: [a, b]\n",
        "cb.yaml:5: 'description:' of code 'a' must be text, not a list",
        id="description-list",
    ),
    pytest.param(
        HEAD + "    colour: blue\n",
        "cb.yaml:5: colour 'blue' of code 'a' is not a hex colour like \"#1f77b4\" or \"#17b\"",
        id="colour-name",
    ),
    pytest.param(
        HEAD + "    colour: '#12345'\n",
        "cb.yaml:5: colour '#12345' of code 'a' is not a hex colour like \"#1f77b4\" or \"#17b\"",
        id="colour-five-digits",
    ),
    pytest.param(
        HEAD + "    colour: '#ggg'\n",
        "cb.yaml:5: colour '#ggg' of code 'a' is not a hex colour like \"#1f77b4\" or \"#17b\"",
        id="colour-not-hex",
    ),
    pytest.param(
        HEAD + "    colour: #1f77b4\n",
        "cb.yaml:5: 'colour:' of code 'a' is empty because an unquoted '#' starts a YAML "
        'comment; write colour: "#1f77b4"',
        id="colour-comment",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CODE_CASES)
def test_code_errors_name_the_line(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_duplicate_key_anywhere_in_the_tree_names_the_first_line() -> None:
    text = dedent(
        """\
        codebook: Study
        codes:
          - key: a
            name: A
            codes:
              - key: b
                name: B
          - key: c
            name: C
            codes:
              - key: b
                name: B again
        """
    )
    assert problems(text) == [
        "cb.yaml:11: duplicate key 'b' (first used on line 6); "
        "keys must be unique in the whole codebook"
    ]


def test_a_code_repeated_through_an_alias_is_refused_not_looped_over() -> None:
    text = "codebook: Study\ncodes: &all\n  - key: a\n    name: A\n    codes: *all\n"
    assert problems(text) == [
        "cb.yaml:3: sub-code 1 of code 'a' repeats another code through a YAML alias"
    ]


def test_all_problems_are_collected_in_file_order() -> None:
    text = dedent(
        """\
        codebook: Study
        codes:
          - key: Bad Key
            name: A
            cue: [x]
          - key: b
            name: ''
            colour: red
        """
    )
    assert problems(text) == [
        "cb.yaml:3: key 'Bad Key' is not a slug (lowercase letters of any language and digits, "
        "joined by single hyphens); try 'bad-key'",
        "cb.yaml:5: unknown field 'cue' in code 'Bad Key'; did you mean 'cues'?",
        "cb.yaml:7: 'name:' of code 'b' is empty",
        "cb.yaml:8: colour 'red' of code 'b' is not a hex colour like \"#1f77b4\" or \"#17b\"",
    ]


def test_at_most_ten_problems_are_reported() -> None:
    codes = "".join(f"  - key: Bad{n}\n    name: N\n" for n in range(15))
    errors = problems("codebook: Study\ncodes:\n" + codes)
    assert len(errors) == 10
    assert errors[0].startswith("cb.yaml:3: key 'Bad0' is not a slug")
    assert errors[-1].startswith("cb.yaml:21: key 'Bad9' is not a slug")


def test_validation_errors_are_codebook_errors() -> None:
    with pytest.raises(CodebookError, match=r"^<codebook>:1: missing 'codes:'"):
        parse_codebook("codebook: Study\n")
