"""Strict decoding of the document into the publiccode.yml shape.

Mirrors the reference's decoder: scalars are coerced into text fields, a value of the wrong kind
fails, only the first failure (in field order) is kept, and a top-level field whose value (or any
part of it) failed is left empty, which later shows up as "required" errors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from . import gourl
from .schema import Field, Struct
from .yaml_nodes import Mapping, Node, Scalar, Sequence


@dataclass(slots=True)
class DecodeError:
    kind: str  # "type", "unknown" or "other"
    line: int
    message: str = ""


@dataclass(slots=True)
class UrlValue:
    text: str
    url: gourl.GoURL

    def __str__(self) -> str:
        return str(self.url)


class _Failed(Exception):
    def __init__(self, error: DecodeError) -> None:
        self.error = error


def go_float_text(number: float) -> str:
    """Text of a float as Go's fmt.Sprint prints it (what the reference stores in text fields)."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "+Inf" if number > 0 else "-Inf"
    if number == 0:
        return "-0" if math.copysign(1, number) < 0 else "0"
    value = Decimal(repr(number))
    exponent = value.adjusted()
    if -4 <= exponent < 21:
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    sign, digits, _ = value.as_tuple()
    mantissa = "".join(str(d) for d in digits).rstrip("0") or "0"
    body = mantissa[0] + ("." + mantissa[1:] if len(mantissa) > 1 else "")
    return f"{'-' if sign else ''}{body}e{'+' if exponent >= 0 else '-'}{abs(exponent):02d}"


def _is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.value is None and not node.tagged


def _text(node: Node) -> str:
    if not isinstance(node, Scalar):
        raise _Failed(DecodeError("type", node.line))
    value = node.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return go_float_text(value)
    return "" if value is None else str(value)


def _url(node: Node) -> UrlValue:
    text = _text(node)
    try:
        return UrlValue(text, gourl.parse(text))
    except gourl.GoURLError as error:
        message = f"parsing URL {gourl.go_quote(text)}: {error}"
        raise _Failed(DecodeError("other", 0, message)) from None


def _zero(kind: str | Struct | None) -> object:
    if isinstance(kind, Struct):
        return {}
    if kind == "url":
        return None
    return ""


def _element(node: Node, kind: str | Struct | None) -> object:
    if _is_null(node):
        return _zero(kind)
    if isinstance(kind, Struct):
        values, error = decode_struct(node, kind)
        if error is not None:
            raise _Failed(error)
        return values
    if kind == "url":
        return _url(node)
    return _text(node)


def _sequence(node: Node, kind: str | Struct | None) -> list:
    if not isinstance(node, Sequence):
        raise _Failed(DecodeError("type", node.line))
    items = []
    first: DecodeError | None = None
    for item in node.items:
        try:
            items.append(_element(item, kind))
        except _Failed as failed:
            first = first or failed.error
    if first is not None:
        raise _Failed(first)
    return items


def _value(node: Node, field: Field) -> object:
    kind = field.kind
    if kind == "str":
        return _text(node)
    if kind == "bool":
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        raise _Failed(DecodeError("type", node.line))
    if kind == "url":
        return _url(node)
    if kind == "urls":
        # A list is tried first, then a single URL; when the list fails, the error reported is
        # the one from reading the whole list as a single URL.
        if isinstance(node, Sequence):
            try:
                return _sequence(node, "url")
            except _Failed:
                raise _Failed(DecodeError("type", node.line)) from None
        return [_url(node)]
    if kind == "list":
        return _sequence(node, field.elem)
    if kind == "map":
        if not isinstance(node, Mapping):
            raise _Failed(DecodeError("type", node.line))
        result: dict[str, object] = {}
        first: DecodeError | None = None
        for key, value in node.pairs:
            name = _text(key) if not _is_null(key) else ""
            try:
                result[name] = _element(value, field.elem)
            except _Failed as failed:
                first = first or failed.error
        if first is not None:
            raise _Failed(first)
        return result
    assert field.struct is not None
    values, error = decode_struct(node, field.struct)
    if error is not None:
        raise _Failed(error)
    return values


def decode_struct(node: Node, struct: Struct) -> tuple[dict[str, object], DecodeError | None]:
    """Decode a mapping into ``struct``; returns the fields that decoded and the first error."""
    if not isinstance(node, Mapping):
        return {}, DecodeError("type", node.line)
    by_name: dict[str, tuple[Node, Node]] = {}
    for key, value in node.pairs:
        if not isinstance(key, Scalar) or not isinstance(key.value, str):
            # The reference's decoder silently reads a mapping with a non-text key as empty.
            return {}, None
        by_name[key.value] = (key, value)
    values: dict[str, object] = {}
    first: DecodeError | None = None
    for field in struct.fields:
        entry = by_name.get(field.name)
        if entry is None or _is_null(entry[1]):
            continue
        try:
            values[field.name] = _value(entry[1], field)
        except _Failed as failed:
            first = first or failed.error
    if first is not None:
        return values, first
    known = {field.name for field in struct.fields}
    for name, (key, _value_node) in by_name.items():
        if name not in known:
            return values, DecodeError("unknown", key.line, f'unknown field "{name}"')
    return values, None
