"""A strict, line-aware YAML reader: text → a tree of located nodes, or located problems.

Built on PyYAML's event stream (not its constructor), so nothing in the input can create Python
objects, and every node keeps its line and column. It rejects what makes hand-edited YAML
ambiguous or dangerous: duplicate keys, tags, anchors and aliases, nesting past a fixed depth.
Typing (and the YAML 1.1 surprises such as ``12:34`` or ``NO``) is left to the schema reader,
which knows whether a string or a number is expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

import yaml

from .problems import ProblemLog

MAX_DEPTH = 64
MAX_BYTES = 2 * 1024 * 1024

# The C parser is much faster on large input; both report the same marks.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Scalar:
    value: str
    line: int
    col: int
    plain: bool  # written without quotes, so YAML 1.1 typing applies


@dataclass(frozen=True)
class Mapping:
    items: tuple[tuple[Scalar, Node], ...]
    line: int
    col: int

    def get(self, key: str) -> Node | None:
        return next((value for k, value in self.items if k.value == key), None)

    def key_node(self, key: str) -> Scalar | None:
        return next((k for k, _ in self.items if k.value == key), None)


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    col: int


Node = Union[Scalar, Mapping, Sequence]  # noqa: UP007 (used at run time, before 3.12 aliases)


def describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return f"{node.value!r}" if len(node.value) <= 40 else f"{node.value[:37]!r}..."


def _mark_position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def decode_text(data: bytes, log: ProblemLog) -> str | None:
    """Bytes → text with LF line endings, or None with a located problem.

    A UTF-8 byte-order mark is dropped; CRLF and CR become LF so positions and output match LF input.
    """
    if len(data) > MAX_BYTES:
        log.error(
            1,
            1,
            "file-too-large",
            f"file is {len(data):,} bytes (expected at most {MAX_BYTES:,})",
            "split the content or remove what is not needed",
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of_byte(data, exc.start)
        log.error(
            line,
            col,
            "not-utf8",
            f"byte 0x{data[exc.start]:02x} is not UTF-8 (expected UTF-8 text)",
            "save the file as UTF-8",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\0")
    if nul >= 0:
        line, col = _position_of_index(text, nul)
        log.error(line, col, "nul-byte", "NUL character in text (expected none)", "remove the NUL byte")
        return None
    return text


def _position_of_byte(data: bytes, index: int) -> tuple[int, int]:
    before = data[:index].replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # as decode_text counts lines
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", "replace")) + 1
    return before.count(b"\n") + 1, col


def _position_of_index(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _within_text(text: str, line: int, col: int) -> tuple[int, int]:
    """libyaml puts end-of-input errors on the line after a file with no final newline: the last line."""
    lines = text.split("\n")
    if line <= len(lines):
        return line, col
    return len(lines), len(lines[-1]) + 1


def parse_yaml(text: str, log: ProblemLog) -> Node | None:
    """Parse one YAML document into located nodes; None (with problems logged) if it cannot be read."""
    builder = _TreeBuilder(log, text)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not builder.feed(event):
                return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _within_text(text, *((mark.line + 1, mark.column + 1) if mark else (1, 1)))
        log.error(
            line,
            col,
            "yaml-syntax",
            f"YAML syntax: {exc.problem or exc.context}",
            "check indentation, quotes and brackets around this point",
        )
        return None
    except yaml.YAMLError as exc:
        log.error(1, 1, "yaml-syntax", f"YAML syntax: {exc}", "check the file is valid YAML")
        return None
    if builder.has_errors:
        return None
    return builder.root


class _Frame:
    def __init__(self, node_line: int, node_col: int, is_mapping: bool) -> None:
        self.line = node_line
        self.col = node_col
        self.is_mapping = is_mapping
        self.items: list[Node] = []


class _TreeBuilder:
    """Composes events into nodes without recursion, so nesting depth costs no stack."""

    def __init__(self, log: ProblemLog, text: str) -> None:
        self.log = log
        self.text = text
        # Computed once: positions are clamped for every event (splitting per event was quadratic).
        self.line_count = text.count("\n") + 1
        self.last_line_end = len(text) - (text.rfind("\n") + 1) + 1
        self.stack: list[_Frame] = []
        self.root: Node | None = None
        self.documents = 0
        self.has_errors = False

    def _position(self, event: yaml.Event) -> tuple[int, int]:
        line, col = _mark_position(event)
        return (line, col) if line <= self.line_count else (self.line_count, self.last_line_end)

    def _fail(self, event: yaml.Event, code: str, message: str, hint: str) -> None:
        self.log.error(*self._position(event), code, message, hint)
        self.has_errors = True

    def feed(self, event: yaml.Event) -> bool:
        """Take one event; False stops parsing (a problem that makes the rest meaningless)."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._fail(
                    event,
                    "multiple-documents",
                    "a second YAML document (expected one)",
                    "remove the '---' line or split the file",
                )
                return False
            return True
        if isinstance(event, yaml.AliasEvent):
            self._fail(
                event,
                "yaml-alias",
                f"alias '*{event.anchor}' (expected plain values)",
                "anchors and aliases are not supported; write the value out",
            )
            # A placeholder keeps keys and values paired in the enclosing mapping.
            self._add(Scalar("", *self._position(event), plain=False))
            return True
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._check_anchor_and_tag(event)
        if isinstance(event, yaml.ScalarEvent):
            self._add(Scalar(event.value, *self._position(event), plain=not event.style))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                self._fail(
                    event,
                    "yaml-too-deep",
                    f"nesting deeper than {MAX_DEPTH} levels",
                    "the rubric needs only a few levels of nesting",
                )
                return False
            is_mapping = isinstance(event, yaml.MappingStartEvent)
            self.stack.append(_Frame(*self._position(event), is_mapping))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._add(self._close(self.stack.pop()))
        return True

    def _check_anchor_and_tag(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            self._fail(
                event,
                "yaml-anchor",
                f"anchor '&{event.anchor}' (expected plain values)",
                "anchors and aliases are not supported; write the value out",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self._fail(
                event,
                "yaml-tag",
                f"tag '{tag}' (expected no tags)",
                "remove the tag; quote the value if it must be a string",
            )

    def _close(self, frame: _Frame) -> Node:
        if not frame.is_mapping:
            return Sequence(tuple(frame.items), frame.line, frame.col)
        return Mapping(self._pair_up(frame.items), frame.line, frame.col)

    def _pair_up(self, items: list[Node]) -> tuple[tuple[Scalar, Node], ...]:
        pairs: list[tuple[Scalar, Node]] = []
        seen: dict[str, Scalar] = {}
        for key, value in zip(items[::2], items[1::2], strict=True):
            if not isinstance(key, Scalar):
                self.log.error(
                    key.line,
                    key.col,
                    "yaml-complex-key",
                    "a mapping or list used as a key (expected a plain name)",
                    "keys are simple names such as 'title'",
                )
                self.has_errors = True
                continue
            first = seen.get(key.value)
            if first is not None:
                self.log.error(
                    key.line,
                    key.col,
                    "duplicate-key",
                    f"duplicate key '{key.value}' (first defined at line {first.line}, column {first.col})",
                    "remove one of the two, or merge them",
                )
                self.has_errors = True
                continue
            seen[key.value] = key
            pairs.append((key, value))
        return tuple(pairs)

    def _add(self, node: Node) -> None:
        if self.stack:
            self.stack[-1].items.append(node)
        else:
            self.root = node
