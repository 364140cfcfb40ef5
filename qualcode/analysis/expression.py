"""Code query expressions: code keys with AND, OR, NOT, parentheses and NEAR/N, parsed to a tree.

Binding, tightest first: NOT, NEAR/N, AND, OR. Operators may be written in any case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from rapidfuzz import process

from qualcode.codebook.slug import fold_key
from qualcode.errors import QualcodeError

NEAR = re.compile(r"near(?:/(\d*))?$", re.IGNORECASE)
WORD = re.compile(r"[^\s()]+")
MAX_DISTANCE = 10_000


@dataclass(frozen=True)
class Key:
    key: str
    position: int = field(compare=False)


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class Both:
    """AND (`op` "AND") or OR (`op` "OR") of two expressions."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Near:
    """Passages of either side with a passage of the other at most `distance` passages away."""

    left: Node
    right: Node
    distance: int


Node = Key | Not | Both | Near


@dataclass(frozen=True)
class Token:
    kind: str  # "(", ")", "AND", "OR", "NOT", "NEAR", "KEY", "END"
    text: str
    position: int  # 1-based, as people count characters
    distance: int = 0


def _fail(message: str, position: int, hint: str = "") -> QualcodeError:
    return QualcodeError(f"query: {message} at position {position}{hint}")


def tokens(expression: str) -> list[Token]:
    """The expression's tokens, each with its 1-based position."""
    found: list[Token] = []
    index = 0
    while index < len(expression):
        char = expression[index]
        if char.isspace():
            index += 1
            continue
        if char in "()":
            found.append(Token(char, char, index + 1))
            index += 1
            continue
        match = WORD.match(expression, index)
        assert match is not None
        word = match.group()
        upper = word.upper()
        near = NEAR.match(word)
        if upper in ("AND", "OR", "NOT"):
            found.append(Token(upper, word, index + 1))
        elif near is not None:
            if not near.group(1):
                raise _fail(
                    f"write NEAR with a distance in passages, e.g. NEAR/2, not {word!r}", index + 1
                )
            distance = int(near.group(1))
            if distance > MAX_DISTANCE:
                raise _fail(f"NEAR/{distance} is further than any document", index + 1)
            found.append(Token("NEAR", word, index + 1, distance))
        else:
            found.append(Token("KEY", word, index + 1))
        index = match.end()
    found.append(Token("END", "", len(expression) + 1))
    return found


class _Parser:
    def __init__(self, expression: str, known: Collection[str]) -> None:
        self.tokens = tokens(expression)
        self.at = 0
        self.known = known

    def peek(self) -> Token:
        return self.tokens[self.at]

    def take(self) -> Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> Node:
        node = self.either()
        token = self.peek()
        if token.kind == ")":
            raise _fail("')' without a matching '('", token.position)
        if token.kind != "END":
            raise _fail(f"expected AND, OR or NEAR/N before {token.text!r}", token.position)
        return node

    def either(self) -> Node:
        node = self.both()
        while self.peek().kind == "OR":
            self.take()
            node = Both("OR", node, self.both())
        return node

    def both(self) -> Node:
        node = self.near()
        while self.peek().kind == "AND":
            self.take()
            node = Both("AND", node, self.near())
        return node

    def near(self) -> Node:
        node = self.unary()
        while self.peek().kind == "NEAR":
            distance = self.take().distance
            node = Near(node, self.unary(), distance)
        return node

    def unary(self) -> Node:
        token = self.take()
        if token.kind == "NOT":
            return Not(self.unary())
        if token.kind == "(":
            node = self.either()
            closing = self.take()
            if closing.kind != ")":
                raise _fail(f"'(' at position {token.position} is not closed", closing.position)
            return node
        if token.kind == "KEY":
            key = fold_key(token.text)  # as find_code reads a key: any case, composed
            if key in self.known:
                return Key(key, token.position)
            if token.text not in self.known:
                hint = did_you_mean(token.text, self.known)
                raise _fail(f"no code {token.text!r}", token.position, hint)
            return Key(token.text, token.position)
        what = "the end of the query" if token.kind == "END" else repr(token.text)
        raise _fail(f"expected a code key, NOT or '(' but found {what}", token.position)


def did_you_mean(word: str, known: Collection[str]) -> str:
    """ "; did you mean 'x'?" with the nearest known code key, or nothing without codes."""
    best = process.extractOne(word, list(known)) if known else None
    return f"; did you mean {best[0]!r}?" if best else ""


def parse(expression: str, known: Collection[str]) -> Node:
    """The expression as a tree; an error names the position and the nearest code key."""
    if not expression.strip():
        raise QualcodeError("query: the expression is empty; give code keys, e.g. 'a AND NOT b'")
    return _Parser(expression, known).parse()


def keys(node: Node) -> list[str]:
    """The code keys an expression names, in order of appearance."""
    if isinstance(node, Key):
        return [node.key]
    if isinstance(node, Not):
        return keys(node.operand)
    return keys(node.left) + keys(node.right)


def show(node: Node, key: Callable[[str], str] = str) -> str:
    """The expression written out again (keys through `key`, e.g. redacted), fully bracketed."""
    if isinstance(node, Key):
        return key(node.key)
    if isinstance(node, Not):
        return f"NOT {show(node.operand, key)}"
    op = f"NEAR/{node.distance}" if isinstance(node, Near) else node.op
    return f"({show(node.left, key)} {op} {show(node.right, key)})"
