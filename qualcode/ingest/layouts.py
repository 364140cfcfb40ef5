"""Transcript layouts of transcription services, recognised from the lines of a text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from qualcode.ingest.caption_labels import label_shape, names_once
from qualcode.ingest.cue_turns import named_cues
from qualcode.ingest.lower_names import lower_case_speakers
from qualcode.ingest.roster import roster_names
from qualcode.ingest.segment import SERVICE_LABEL, is_role
from qualcode.ingest.speaker_labels import capitalised, name_shaped, speaker_label
from qualcode.ingest.time_lines import join_time_lines, timestamp

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# A label that a timestamp vouches for: any case (Zoom display names are often lower case).
_NAME = rf"(?P<label>{SERVICE_LABEL})"
_EM = r"[*_]{0,2}"
# Words after "Name (00:01):" on the same line, if any.
_REST = r"(?:[ \t]+(?P<rest>.*))?"
_OPEN_TIME = rf"[\[(]?(?P<time>{_TIME})[\])]?"
_APART = r"(?:[ \t]+[-–—|·•][ \t]+|[ \t]+)"  # between a label and its time


@dataclass(frozen=True)
class Rule:
    """One layout: a line that starts a turn; `rest` (if any) is the turn's first words."""

    layout: str
    pattern: re.Pattern[str]
    any_case: bool = False  # a label in brackets or after a timestamp may be lower case
    lower_case: frozenset[str] = frozenset()  # labels in lower case the file vouches for
    # A table's speaker column's labels, speakers even where they are words too ("SO", "TO").
    named: frozenset[str] = frozenset()


def _rule(layout: str, pattern: str, *, any_case: bool = False) -> Rule:
    return Rule(layout, re.compile(pattern), any_case)


# Tried in order; the rule matching most lines wins (ties: the earlier rule).
RULES: tuple[Rule, ...] = (
    # Otter.ai, Teams .docx: "Sara Lee  0:13" alone on a line, the words below; meeting
    # note-takers put a dash or bar between ("Sara Lee - 00:13", "Sara Lee | 00:00:13").
    _rule("otter", rf"{_EM}{_NAME}{_EM}{_APART}(?P<time>{_TIME})"),
    # Teams .docx variant: "0:03 Sara Lee" alone on a line; Trint: "[00:00:03] Sara Lee".
    _rule("teams", rf"{_OPEN_TIME}{_APART}{_EM}{_NAME}{_EM}"),
    # Zoom audio transcript .txt: "[Sara Lee] 10:01:02".
    _rule("zoom", rf"\[{_NAME}\][ \t]+(?P<time>{_TIME})", any_case=True),
    # Rev "Sara Lee (00:01):", Markdown "**Sara Lee** (00:00:01)".
    _rule("rev", rf"{_EM}{_NAME}{_EM}[ \t]*\((?P<time>{_TIME})\)[ \t]*(?::{_EM}{_REST}|{_EM})"),
    # Happy Scribe, Rev: "Speaker 1 [00:00:01]", "Speaker 1: [00:00:01]"; Sonix: the words
    # on the same line, "Sara Lee: [00:00:01] words".
    _rule("happy-scribe", rf"{_EM}{_NAME}{_EM}:?[ \t]*\[(?P<time>{_TIME})\]:?{_EM}{_REST}"),
    # Trint / Descript / Zoom .txt / Google Meet: "[00:00:12] Sara Lee: words".
    _rule(
        "trint",
        rf"{_OPEN_TIME}[ \t]+(?:-[ \t]+)?{_EM}{_NAME}{_EM}[ \t]*:{_EM}(?:[ \t]+(?P<rest>.*))?",
        any_case=True,
    ),
    # Zoom chat: "10:01:02 From Sara Lee to Everyone: words".
    _rule(
        "zoom-chat",
        rf"(?P<time>{_TIME})[ \t]+From[ \t]+(?P<label>[^:\n]{{1,60}}?)[ \t]+to[ \t]+[^:\n]{{1,60}}:"
        r"(?:[ \t]+(?P<rest>.*))?",
        any_case=True,
    ),
    # QualCoder-style speaker ids: "[id1] words", "[Sara]: words".
    _rule("bracketed", r"\[(?P<label>[^\[\]\n]{1,40})\]:?(?:[ \t]+(?P<rest>.*))?", any_case=True),
)
_BARE_TIME_LAYOUTS = frozenset({"otter", "teams"})
_INLINE_LAYOUTS = frozenset({"trint", "bracketed"})
_PLAIN_TURN = re.compile(rf"{_EM}(?P<label>{SERVICE_LABEL}){_EM}[ \t]*:{_EM}[ \t]+(?P<rest>.*)")
_HEADING = re.compile(r"#{1,6}[ \t]")
_ROSTER = re.compile(r"[*_]{0,2}speakers?[*_]{0,2}[ \t]*:?[*_]{0,2}[ \t]*(?P<names>.*)", re.I)
# Lines that belong to no turn: Otter's footer, Meet's "Meeting ended after 00:45:12".
_TRAILER = re.compile(r"transcribed by https?://\S+|meeting ended after [\d:]+\W*", re.I)
# Teams' "Sara Lee started transcription" (and "stopped"): boilerplate if a name comes first.
_TRANSCRIPTION = re.compile(r"(?P<who>.{1,80}) (?P<what>started|stopped) transcription", re.I)


@dataclass
class Turn:
    """One speaker's turn: label, start time ("HH:MM:SS.mmm" or ""), paragraphs of lines."""

    speaker: str | None
    begin: str = ""
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])

    def add(self, line: str) -> None:
        if line.strip():
            self.paragraphs[-1].append(line.strip())
        elif self.paragraphs[-1]:
            self.paragraphs.append([])


@dataclass
class Transcript:
    """A text read in a recognised layout: header lines, turns, and every speaker label found
    (on turn lines or in a `SPEAKERS` roster), first seen first."""

    layout: str
    header: list[str]
    turns: list[Turn]
    speakers: list[str]

    @classmethod
    def of_turns(
        cls, layout: str, header: list[str], turns: list[Turn], speakers: list[str]
    ) -> Transcript:
        """The transcript of turns as read: empty paragraphs dropped, and a turn left without
        words (a label alone) is no passage."""
        for turn in turns:
            turn.paragraphs = [p for p in turn.paragraphs if p]
        return cls(layout, header, [t for t in turns if t.paragraphs], speakers)


def recognise(lines: list[str], named: list[str] | None = None) -> Transcript | None:
    """The transcript in `lines` if they follow a known service layout, else None.

    A layout needs at least two turn lines making up a tenth of the non-blank lines (one is
    enough under a `SPEAKERS` roster, or as a cue). Every label on a turn line is a speaker;
    so is each `named` one (a table's speaker column) where the turn lines are theirs.
    """
    if not has_hint("\n".join(lines)):
        return None  # most notes: no timestamp, no bracket
    original = lines
    lines = join_time_lines(lines)
    joined = lines is not original
    nonblank = sum(1 for line in lines if line.strip())
    roster = speakers_roster(lines)
    best: tuple[int, Rule] | None = None
    tabled = frozenset(named or ())
    for rule in (_with_lower_case(replace(r, named=tabled), lines, roster) for r in RULES):
        hits = sum(1 for line in lines if _turn_start(rule, line) is not None)
        if hits and (best is None or hits > best[0]):
            best = (hits, rule)
    if best is None:
        return None
    hits, rule = best
    if named and {t[0] for x in lines if (t := _turn_start(rule, x))} <= set(named):
        roster = list(dict.fromkeys([*roster, *named]))  # a table's speakers, on its lines
    if rule.layout == "trint":  # Google Meet times a line every few minutes only
        known = _known_labels(rule, lines, roster)
        hits += sum(1 for x in lines if _turn_start(rule, x) is None and _untimed_start(x, known))
    # A cue's shape vouches for its turns: two cues are a brief call, one a snippet.
    cued = joined and rule.layout == "teams" and named_cues(original) >= min(hits, 2)
    enough = cued or ((hits >= 2 or bool(roster)) and _recurs(rule, lines, roster))
    if not enough or hits * 10 < nonblank:
        return None
    return _parse(rule, lines, roster, _name(rule, lines, joined))


def _with_lower_case(rule: Rule, lines: list[str], roster: list[str]) -> Rule:
    """The rule, reading the labels in lower case that the file vouches for as speakers."""
    if rule.any_case:
        return rule
    return replace(rule, lower_case=frozenset(lower_case_speakers(rule.pattern, lines, roster)))


def _recurs(rule: Rule, lines: list[str], roster: list[str]) -> bool:
    """A conversation: someone speaks twice or a roster lists the speakers ("Arrival 9:15"
    and "Departure 11:30" in field notes are no turns). Where labels are distinctive
    ("[00:00:12] Sara: …"), two people who speak once each are a conversation too."""
    labels = [start[0] for line in lines if (start := _turn_start(rule, line)) is not None]
    if roster or len(set(labels)) < len(labels):
        return True
    return rule.layout not in _BARE_TIME_LAYOUTS and len(labels) <= 2


def _name(rule: Rule, lines: list[str], joined_times: bool) -> str:
    """The service a layout's details point to (one layout is shared by several)."""
    if rule.layout in ("otter", "teams") and any(_transcription(x) == "started" for x in lines):
        return "teams"
    if rule.layout == "rev" and any(x.lstrip().startswith(("**", "__")) for x in lines):
        return "markdown"
    if rule.layout == "trint" and joined_times:
        return "google-meet"
    return rule.layout


def _transcription(line: str) -> str:
    """ "started" or "stopped" for Teams' line saying who started or stopped transcription,
    else "" (for words that end so: "then the prison stopped transcription")."""
    m = _TRANSCRIPTION.fullmatch(line.strip()) if "transcription" in line.lower() else None
    who = speaker_label(m.group("who")) if m else None
    return m.group("what").lower() if m and who and name_shaped(who) else ""


def has_hint(text: str) -> bool:
    """Every rule's line has a timestamp ("0:13"), a "[" or a cue's "-->" ("0:0:3.560"): a quick
    test of the whole text (str.find, not a regex: this runs on every imported file)."""
    if "[" in text or "-->" in text:
        return True
    colon = text.find(":")
    while colon >= 0:
        if text[colon - 1 : colon].isdigit() and text[colon + 1 : colon + 3].isdigit():
            return True
        colon = text.find(":", colon + 1)
    return False


def _turn_start(rule: Rule, line: str) -> tuple[str, str, str] | None:
    """(speaker, begin, first words) when `line` starts a turn under `rule`."""
    if not has_hint(line):
        return None  # no timestamp and no bracket: no rule can match
    m = rule.pattern.fullmatch(line.strip())
    if m is None:
        return None
    speaker = speaker_label(m.group("label"), bracketed=rule.layout == "bracketed")
    if speaker is None and (raw := " ".join(m.group("label").split())) in rule.named:
        speaker = raw
    if speaker is None or not (rule.any_case or capitalised(speaker) or speaker in rule.lower_case):
        return None
    groups = m.groupdict()
    return speaker, timestamp(groups.get("time") or ""), (groups.get("rest") or "").strip()


def speakers_roster(lines: list[str]) -> list[str]:
    """Names under an Otter-style `SPEAKERS` heading (or after `Speakers:`), commas apart."""
    for i, line in enumerate(lines[:40]):
        m = _ROSTER.fullmatch(line.strip())
        if m is None:
            continue
        names, rest = m.group("names"), lines[i + 1 :]
        if not names:
            below = [j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()]
            names, rest = (lines[below[0]], lines[below[0] + 1 :]) if below else ("", rest)
        found = [speaker_label(n) for n in roster_names(names, "\n".join(rest))]
        return [n for n in found if n]
    return []


def _parse(rule: Rule, lines: list[str], roster: list[str], layout: str) -> Transcript:
    header: list[str] = []
    turns: list[Turn] = []
    labels: dict[str, None] = dict.fromkeys(roster)
    known = _known_labels(rule, lines, roster)
    for line in lines:
        start = _turn_start(rule, line) or (_untimed_start(line, known) if turns else None)
        if start is not None:
            speaker, begin, rest = start
            labels[speaker] = None
            if turns and turns[-1].speaker == speaker:
                turns[-1].paragraphs.append([])  # one speaker's segments: one turn
            else:
                turns.append(Turn(speaker, begin))
            turns[-1].add(rest)
        elif _HEADING.match(line) or _TRAILER.fullmatch(line.strip()) or _transcription(line):
            turns.append(Turn(None))  # a heading or footer stands alone
            turns[-1].add(line)
            turns.append(Turn(None))
        elif turns:
            turns[-1].add(line)
        else:
            header.append(line)
    return Transcript.of_turns(layout, header, turns, list(labels))


def _known_labels(rule: Rule, lines: list[str], roster: list[str]) -> set[str]:
    """Speakers of a layout with the words on the label's line ("[00:00:12] Sara: …"),
    whose lines without a timestamp ("Sara: …") are turns too; none for other layouts."""
    if rule.layout not in _INLINE_LAYOUTS:
        return set()
    found = (_turn_start(rule, line) for line in lines)
    timed = {start[0] for start in found if start is not None}
    # Google Meet times a line every few minutes: "Sara: …" lines name speakers too, those
    # who speak twice ("jo" in lower case too), and where such lines are most of the text (a
    # dialogue) those who speak once, as in captions (not "Plan: we'll meet again").
    plain = Counter(
        label
        for line in lines
        if (m := _PLAIN_TURN.fullmatch(line.strip())) and (label := speaker_label(m.group("label")))
    )
    dialogue = sum(plain.values()) * 5 >= sum(1 for line in lines if line.strip()) * 3
    twice = {x for x, n in plain.items() if n >= 2 and (capitalised(x) or name_shaped(x))}
    known = timed | set(roster) | twice
    shapes = {label_shape(label) for label in known if not is_role(label)}
    return known | {label for label in plain if dialogue and names_once(label, shapes)}


def _untimed_start(line: str, known: set[str]) -> tuple[str, str, str] | None:
    """("Sara", "", words) for a "Sara: words" line when Sara is a known speaker or a role."""
    if not known:
        return None
    m = _PLAIN_TURN.fullmatch(line.strip())
    label = speaker_label(m.group("label")) if m else None
    if m is None or label is None or not (label in known or is_role(label)):
        return None
    return label, "", m.group("rest")
