"""Typed reads from located YAML nodes, each failure a located problem with a hint."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import yaml

from .problems import ProblemLog
from .yamltree import Mapping, Node, Scalar, Sequence, describe

_RESOLVER = yaml.resolver.Resolver()
_YAML11_NAMES = {
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}
_PLAIN_INT = re.compile(r"(?:0|[1-9][0-9]{0,8})\Z")


def closest(word: str, choices: Iterable[str]) -> str:
    """A ``did you mean`` hint naming the closest choice, or an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


def yaml11_reading(node: Scalar) -> str | None:
    """What YAML 1.1 would turn an unquoted scalar into, if not a string (``12:34`` → an integer)."""
    if not node.plain:
        return None
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
    return _YAML11_NAMES.get(tag)


class Reader:
    """Reads one file's nodes against a schema, logging every mismatch and carrying on."""

    def __init__(self, log: ProblemLog) -> None:
        self.log = log

    def mapping(
        self, node: Node | None, what: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> Mapping | None:
        if node is None:
            return None
        if not isinstance(node, Mapping):
            self.log.error(
                node.line,
                node.col,
                "expected-mapping",
                f"{what} is {describe(node)} (expected a mapping of keys)",
                f"write {what} as 'key: value' lines",
            )
            return None
        required_keys = list(required)
        known = required_keys + list(optional)
        for key_node, _ in node.items:
            if key_node.value not in known:
                hint = closest(key_node.value, known) or f"known keys: {', '.join(known)}"
                self.log.error(
                    key_node.line,
                    key_node.col,
                    "unknown-key",
                    f"unknown key '{key_node.value}' in {what} (expected one of: {', '.join(known)})",
                    hint,
                )
        for name in required_keys:
            if node.get(name) is None:
                self.log.error(
                    node.line,
                    node.col,
                    "missing-key",
                    f"{what} has no '{name}' (expected it)",
                    f"add '{name}: ...' to {what}",
                )
        return node

    def sequence(self, node: Node | None, what: str) -> tuple[Node, ...]:
        if node is None:
            return ()
        if isinstance(node, Scalar) and node.plain and node.value in ("", "~", "null"):
            return ()
        if not isinstance(node, Sequence):
            self.log.error(
                node.line,
                node.col,
                "expected-list",
                f"{what} is {describe(node)} (expected a list)",
                f"write each item of {what} on a line starting with '- '",
            )
            return ()
        return node.items

    def string(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, Scalar):
            self.log.error(
                node.line,
                node.col,
                "expected-string",
                f"{what} is {describe(node)} (expected text)",
                "write it on one line, in double quotes",
            )
            return None
        reading = yaml11_reading(node)
        if reading is not None:
            self.log.error(
                node.line,
                node.col,
                "unquoted-value",
                f"{what} '{node.value}' is unquoted, so YAML 1.1 reads it as {reading} (expected a quoted string)",
                f'quote it: "{node.value}"',
            )
            return None
        return node.value

    def integer(self, node: Node | None, what: str) -> int | None:
        if node is None:
            return None
        if not isinstance(node, Scalar) or not node.plain or not _PLAIN_INT.match(node.value):
            shown = describe(node)
            self.log.error(
                node.line,
                node.col,
                "expected-integer",
                f"{what} is {shown} (expected a whole number such as 3)",
                "write the number unquoted, without leading zeros",
            )
            return None
        return int(node.value)
