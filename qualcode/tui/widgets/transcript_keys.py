"""The transcript's keys: moving between passages and selecting passages, sentences and words."""

from __future__ import annotations

from textual.binding import Binding, BindingType

EXTEND = "Extend the selection over several passages"
WORD = "Select a word in the cursor passage, or move the word cursor"


def key(keys: str, action: str, description: str, shown: str) -> Binding:
    """A selection key kept out of the footer, shown in help as typed."""
    return Binding(keys, action, description, show=False, key_display=shown)


TRANSCRIPT_KEYS: list[BindingType] = [
    Binding("j,down", "move(1)", "Next passage", show=False),
    Binding("k,up", "move(-1)", "Previous passage", show=False),
    Binding("J,shift+down", "move(1, True)", "Extend", show=False, tooltip=EXTEND),
    Binding("K,shift+up", "move(-1, True)", "Extend up", show=False, tooltip=EXTEND),
    Binding("l,right", "word(1)", "Word →", show=False, tooltip=WORD),
    Binding("h,left", "word(-1)", "Word ←", show=False, tooltip=WORD),
    Binding("s", "select('sentence')", "Sentence", tooltip="Select the sentence under the cursor"),
    key("right_parenthesis", "select('step', 1)", "Select the next sentence", ")"),
    key("left_parenthesis", "select('step', -1)", "Select the sentence before", "("),
    key("right_curly_bracket", "select('sentences', 1)", "Add the next sentence", "}"),
    key("left_curly_bracket", "select('sentences', -1)", "Add the sentence before", "{"),
    Binding("L,shift+right", "select('grow', 1)", "Add the next word", show=False),
    Binding("H,shift+left", "select('grow', -1)", "Add the word before", show=False),
    key("less_than_sign", "select('trim', 1)", "Drop the last word", "<"),
    key("greater_than_sign", "select('trim', -1)", "Drop the first word", ">"),
    Binding("f", "find", "Find", tooltip="Type words: they are selected as you type (enter keeps)"),
    key("semicolon", "select('find', 1)", "Next match of the last words found", ";"),
    key("comma", "select('find', -1)", "Previous match", ","),
    Binding("g,home", "jump(0)", "First passage", show=False),
    Binding("G,end", "jump(-1)", "Last passage", show=False),
    Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False),
    Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False),
    Binding("escape", "clear", "Clear selection", show=False),
]
