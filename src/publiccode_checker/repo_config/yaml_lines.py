"""Safe YAML loading that remembers where each mapping key was written.

Configuration errors must point at their line, so the loader keeps the line of every key. Aliases
are refused: a configuration file never needs them, and refusing them rules out alias bombs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_CONFIG_BYTES = 256 * 1024
MAX_NODES = 20_000


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Located:
    """A parsed value with the 1-based line of each mapping key below it."""

    value: Any
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    children: dict[str, Located] = field(default_factory=dict)


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlProblem("anchors and aliases are not allowed here", event.start_mark.line + 1)
        return super().compose_node(parent, index)


def load_located(text: str) -> Located | None:
    if len(text.encode("utf-8", errors="replace")) > MAX_CONFIG_BYTES:
        raise YamlProblem(f"file is larger than {MAX_CONFIG_BYTES // 1024} KiB", 1)
    loader = _NoAliasLoader(text)
    try:
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}", None) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    counter = [0]
    return _convert(node, loader, counter)


def _convert(node: yaml.Node, loader: yaml.SafeLoader, counter: list[int]) -> Located:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise YamlProblem("document is too large", node.start_mark.line + 1)
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = Located({}, line)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise YamlProblem("mapping keys must be plain values", key_node.start_mark.line + 1)
            key = str(key)
            if key in result.value:
                raise YamlProblem(f"duplicate key {key!r}", key_node.start_mark.line + 1)
            child = _convert(value_node, loader, counter)
            result.value[key] = child.value
            result.key_lines[key] = key_node.start_mark.line + 1
            result.children[key] = child
        return result
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(item, loader, counter) for item in node.value]
        return Located(
            [i.value for i in items], line, children={str(n): i for n, i in enumerate(items)}
        )
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid value: {exc}", line) from None
    return Located(value, line)
