"""Map result keys to line/column in the document, and lines back to keys, as the reference does.

Key paths use dots and ``[i]`` for list items; a bracketed non-numeric part (``description[en-US]``)
names a map key. A missing key points at the first key of its parent mapping, at the ``{`` of an
empty flow mapping, or nowhere (0:0) when the parent itself is missing.
"""

from __future__ import annotations

from .yaml_nodes import Mapping, Node, Scalar, Sequence


def _key_text(key: Node) -> str | None:
    if isinstance(key, Scalar):
        return key.text
    return None


def _split_part(part: str) -> tuple[str, int, str]:
    """Return (base name, list index or -1, bracketed map key or "")."""
    if part.endswith("]"):
        start = part.rfind("[")
        if start >= 0:
            inner = part[start + 1:-1]
            if inner.isdigit() and inner.isascii():
                return part[:start], int(inner), ""
            if inner:
                return part[:start], -1, inner
    return part, -1, ""


def find_key_position(root: Node | None, key: str) -> tuple[int, int]:
    if root is None or not key:
        return 0, 0
    return _find(root, key.split("."))


def _find(node: Node, parts: list[str]) -> tuple[int, int]:
    if not parts:
        return 0, 0
    base, index, map_key = _split_part(parts[0])
    if isinstance(node, Mapping):
        for key, value in node.pairs:
            if _key_text(key) != base:
                continue
            if index >= 0:
                if not isinstance(value, Sequence) or index >= len(value.items):
                    return key.line, key.column
                element = value.items[index]
                if len(parts) == 1:
                    return element.line, element.column
                return _find(element, parts[1:])
            if map_key:
                return _find(value, [map_key, *parts[1:]])
            if len(parts) == 1:
                return key.line, key.column
            return _find(value, parts[1:])
        if node.flow:
            return node.line, node.column
        if len(parts) == 1 and node.pairs:
            first = node.pairs[0][0]
            return first.line, first.column
        return 0, 0
    return node.line, node.column


def find_key_at_line(root: Node | None, line: int) -> str:
    """The key path whose key (or list item) starts on ``line``, or "" when none does."""
    if root is None:
        return ""
    return _at_line(root, line, "")


def _at_line(node: Node, line: int, prefix: str) -> str:
    if isinstance(node, Mapping):
        for key, value in node.pairs:
            name = _key_text(key) or ""
            full = name if not prefix else f"{prefix}.{name}"
            if key.line == line:
                return full
            found = _at_line(value, line, full)
            if found:
                return found
    elif isinstance(node, Sequence):
        for index, item in enumerate(node.items):
            item_key = f"{prefix}[{index}]"
            if item.line == line:
                return item_key
            found = _at_line(item, line, item_key)
            if found:
                return found
    return ""
