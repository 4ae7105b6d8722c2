"""Field rules (required, enumerations, formats, lengths) applied in the reference's order.

The semantics follow the validator library the reference uses: a missing optional value skips
its rules, the first failing rule of a field is the only one reported, ``dive`` applies the
remaining rules to each list item or map value, and nested sections are checked field by field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import formats, messages, vocabularies
from .decode import UrlValue
from .schema import PUBLICCODE, Field, Struct

_MAP_KEY = re.compile(r"\[([A-Za-z]+)\]")
_NIL_RULES = frozenset({"required", "required_if", "excluded_unless"})

try:
    import regex as _regex

    _GRAPHEME = _regex.compile(r"\X")

    def grapheme_count(text: str) -> int:
        return sum(1 for _ in _GRAPHEME.finditer(text))

except ImportError:  # pragma: no cover - regex is a declared dependency

    def grapheme_count(text: str) -> int:
        return len(text)


@dataclass(slots=True)
class RuleContext:
    ipa: frozenset[str] | None
    errors: list[tuple[str, str]] = field(default_factory=list)
    # Values that could not be checked because the iPA list is missing: (key, code).
    unchecked_ipa: list[tuple[str, str]] = field(default_factory=list)


def result_key(namespace: str) -> str:
    key = namespace.split(".", 1)[1] if "." in namespace else namespace
    return _MAP_KEY.sub(r".\1", key)


def validate_document(values: dict[str, object], ipa: frozenset[str] | None) -> RuleContext:
    context = RuleContext(ipa)
    _struct(PUBLICCODE, values, PUBLICCODE.name, context)
    return context


def _struct(struct: Struct, values: dict, namespace: str, context: RuleContext) -> None:
    for item in struct.fields:
        present = item.name in values
        value = values.get(item.name)
        if not present and not item.ptr:
            value = _zero(item.kind)
        _run(
            item.rules, item, item.kind, value, item.ptr and not present, item.ptr,
            f"{namespace}.{item.name}", item.name, values, context,
        )


def _zero(kind: str) -> object:
    if kind == "str":
        return ""
    if kind == "bool":
        return False
    if kind == "struct":
        return {}
    return None


def _has_value(value: object, nil: bool, pointer: bool) -> bool:
    if nil:
        return False
    if pointer:
        return True
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value != ""
    if isinstance(value, dict):
        return bool(value)
    return value is not None


def _run(
    rules: tuple[str, ...], spec: Field, kind: object, value: object, nil: bool, pointer: bool,
    namespace: str, name: str, parent: dict, context: RuleContext,
) -> None:
    if nil and rules:
        first = rules[0].partition("=")[0]
        if first in ("omitempty", "omitnil"):
            return
        if first not in _NIL_RULES:
            _fail(first, rules[0].partition("=")[2], name, value, kind, namespace, context)
            return
    for index, rule in enumerate(rules):
        tag, _, param = rule.partition("=")
        if tag == "omitempty":
            if not _has_value(value, nil, pointer):
                return
            continue
        if tag == "omitnil":
            if nil:
                return
            continue
        if tag == "dive":
            _dive(rules[index + 1:], spec, value, namespace, name, context)
            return
        if not _check(tag, param, value, nil, pointer, kind, parent, namespace, context):
            _fail(tag, param, name, value, kind, namespace, context)
            return
    if kind == "struct" and not nil and isinstance(value, dict) and spec.struct is not None:
        _struct(spec.struct, value, namespace, context)


def _dive(rules: tuple[str, ...], spec: Field, value: object, namespace: str, name: str,
          context: RuleContext) -> None:
    element = spec.elem if spec.kind != "urls" else "url"
    if isinstance(value, list):
        entries = [(f"[{index}]", item) for index, item in enumerate(value)]
    elif isinstance(value, dict):
        entries = [(f"[{key}]", item) for key, item in value.items()]
    else:
        return
    for suffix, item in entries:
        if isinstance(element, Struct):
            _run(rules, Field(name, "struct", struct=element), "struct", item, False, False,
                 namespace + suffix, name + suffix, {}, context)
        else:
            is_url = element == "url"
            _run(rules, spec, element, item, is_url and item is None, is_url,
                 namespace + suffix, name + suffix, {}, context)


def _text(value: object) -> str:
    if isinstance(value, UrlValue):
        return str(value)
    return "" if value is None else str(value)


def _check(tag: str, param: str, value: object, nil: bool, pointer: bool, kind: object,
           parent: dict, namespace: str, context: RuleContext) -> bool:
    if tag == "required":
        return _has_value(value, nil, pointer)
    if tag in ("required_if", "excluded_unless"):
        other, expected = param.split()
        matches = parent.get(other.lower(), "") == expected
        if tag == "required_if":
            return not matches or _has_value(value, nil, pointer)
        return matches or not _has_value(value, nil, pointer)
    text = _text(value)
    if tag == "oneof":
        return text in param.split()
    if tag == "gt":
        if isinstance(value, list | dict):
            return len(value) > int(param)
        if value is None:
            return int(param) < 0
        return len(text) > int(param)
    if tag == "umax":
        return grapheme_count(text) <= int(param)
    if tag == "umin":
        return grapheme_count(text) >= int(param)
    if tag == "date":
        return formats.is_date(text)
    if tag == "url_url":
        return formats.is_url(text)
    if tag == "url_http_url":
        return formats.is_http_url(text)
    if tag == "email":
        return formats.is_email(text)
    if tag == "is_mime_type":
        return formats.is_mime_type(text)
    if tag == "is_spdx_expression":
        return formats.is_spdx_expression(text)
    if tag == "is_category_v0":
        return text in vocabularies.CATEGORIES
    if tag == "is_scope_v0":
        return text in vocabularies.SCOPES
    if tag == "iso3166_1_alpha2_lower_or_upper":
        return formats.is_country(text)
    if tag == "bcp47_strict_language_tag":
        return formats.is_bcp47(text)
    if tag == "bcp47_keys":
        return all(formats.is_bcp47(key) for key in (value or {}))
    if tag == "supports_id":
        return formats.is_supports_id(text)
    if tag == "organisation_uri":
        problem = formats.organisation_uri_problem(text, context.ipa)
        if problem == "ipa-unknown":
            code = text.split(":", 2)[2] if text.count(":") >= 2 else text
            context.unchecked_ipa.append((result_key(namespace), code))
            return True
        return problem is None
    if tag == "is_italian_ipa_code":
        if context.ipa is None:
            context.unchecked_ipa.append((result_key(namespace), text))
            return True
        return text.lower() in context.ipa
    return True


def _fail(tag: str, param: str, name: str, value: object, kind: object, namespace: str,
          context: RuleContext) -> None:
    kind_name = kind if isinstance(kind, str) else "struct"
    message = messages.rule_message(tag, param, name, _text(value) if isinstance(
        value, str | UrlValue) else value, kind_name)
    context.errors.append((result_key(namespace), message))
