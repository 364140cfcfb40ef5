"""The transcript's keys: moving between passages and selecting passages, sentences and words."""

from __future__ import annotations

from textual.binding import Binding, BindingType

EXTEND = "Extend the selection over several passages"
WORD = "Select a word in the cursor passage, or move the word cursor"

TRANSCRIPT_KEYS: list[BindingType] = [
    Binding("j,down", "move(1)", "Next", key_display="j/↓", tooltip="Next passage"),
    Binding("k,up", "move(-1)", "Prev", show=False, tooltip="Previous passage"),
    Binding("J,shift+down", "move(1, True)", "Extend", show=False, tooltip=EXTEND),
    Binding("K,shift+up", "move(-1, True)", "Extend up", show=False, tooltip=EXTEND),
    Binding("l,right", "word(1)", "Word →", show=False, tooltip=WORD),
    Binding("h,left", "word(-1)", "Word ←", show=False, tooltip=WORD),
    Binding("s", "select('sentence')", "Sentence", tooltip="Select the sentence under the cursor"),
    Binding("right_parenthesis", "select('step', 1)", "Next sentence", show=False),
    Binding("left_parenthesis", "select('step', -1)", "Previous sentence", show=False),
    Binding("right_curly_bracket", "select('sentences', 1)", "Add the next sentence", show=False),
    Binding("left_curly_bracket", "select('sentences', -1)", "Add the sentence before", show=False),
    Binding("L,shift+right", "select('grow', 1)", "Add the next word", show=False),
    Binding("H,shift+left", "select('grow', -1)", "Add the word before", show=False),
    Binding("less_than_sign", "select('trim', 1)", "Drop the last word", show=False),
    Binding("greater_than_sign", "select('trim', -1)", "Drop the first word", show=False),
    Binding("f", "find", "Find", tooltip="Type a phrase: its words are selected"),
    Binding("semicolon", "select('find', 1)", "Next match of the last phrase", show=False),
    Binding("comma", "select('find', -1)", "Previous match", show=False),
    Binding("g,home", "jump(0)", "First passage", show=False),
    Binding("G,end", "jump(-1)", "Last passage", show=False),
    Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False),
    Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False),
    Binding("escape", "clear", "Clear selection", show=False),
]
