"""YAML loading that keeps the position of every node, with hard limits.

The reference parser reads YAML 1.2 (only ``true``/``false`` are booleans, ``yes``/``on`` are
strings), so scalars are typed here by our own rules instead of PyYAML's YAML 1.1 resolvers.
Documents are built from the parser's event stream by an iterative composer: deep nesting,
alias bombs and oversized input are refused with a clear message instead of exhausting the stack,
the time or the memory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import yaml

MAX_INPUT_BYTES = 1024 * 1024
MAX_DEPTH = 100
MAX_NODES = 200_000

NULL_WORDS = frozenset({"null", "Null", "NULL", "~", ""})
TRUE_WORDS = frozenset({"true", "True", "TRUE"})
FALSE_WORDS = frozenset({"false", "False", "FALSE"})
INF_WORDS = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf,
             "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf}
NAN_WORDS = frozenset({".nan", ".NaN", ".NAN"})

_PLAIN = "tag:publiccode-checker:plain"


class YamlLoadError(Exception):
    """The bytes could not be turned into a document; ``line`` is 1-based (0 when unknown)."""

    def __init__(self, message: str, line: int = 0, *, ours: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        # True when the message is one of ours (limits), not a YAML syntax problem.
        self.ours = ours


@dataclass(slots=True, eq=False)
class Node:
    line: int
    column: int


@dataclass(slots=True, eq=False)
class Scalar(Node):
    value: object = None
    text: str = ""
    # "plain", "quoted" or "block": only plain and quoted scalars are string nodes for the
    # reference's version check.
    style: str = "plain"
    tagged: bool = False

    @property
    def is_null(self) -> bool:
        return self.value is None


@dataclass(slots=True, eq=False)
class Mapping(Node):
    pairs: list[tuple[Node, Node]] = field(default_factory=list)
    flow: bool = False


@dataclass(slots=True, eq=False)
class Sequence(Node):
    items: list[Node] = field(default_factory=list)
    flow: bool = False


def _number(text: str) -> int | float | None:
    """Type a plain scalar as a number the way a YAML 1.2 core-schema reader does."""
    if not text or text.startswith("_") or text.count(".") > 1:
        return None
    negative = text.startswith("-")
    body = text.lstrip("+-") if text[:1] in "+-" else text
    if text[:2] in ("+-", "-+") or not body:
        return None
    body = body.replace("_", "")
    base = 10
    is_float = False
    if body.startswith(("0x", "0o", "0b")):
        base = {"x": 16, "o": 8, "b": 2}[body[1]]
        body = body[2:]
    elif body.startswith("0") and len(body) > 1 and "." not in body:
        base = 8
    elif "." in body:
        is_float = True
    try:
        if is_float:
            if not all(c.isdigit() or c in ".eE+-" for c in body) or not any(
                c.isdigit() for c in body
            ):
                return None
            number = float(body)
            return -number if negative else number
        if not body or not all(c in "0123456789abcdefABCDEF" for c in body):
            return None
        number = int(body, base)
    except ValueError:
        return None
    return -number if negative else number


def type_plain(text: str) -> object:
    if text in NULL_WORDS:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    if text in INF_WORDS:
        return INF_WORDS[text]
    if text in NAN_WORDS:
        return math.nan
    number = _number(text)
    return text if number is None else number


def _loader_class() -> type:
    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class _Loader(base):  # type: ignore[misc, valid-type]
        # Plain scalars get a private tag so that typing follows YAML 1.2, not 1.1.
        def resolve(self, kind, value, implicit):  # type: ignore[override]
            if kind is yaml.ScalarNode and implicit[0]:
                return _PLAIN
            return super().resolve(kind, value, implicit)

    return _Loader


_LOADER: type | None = None


@dataclass(slots=True)
class LoadedStream:
    documents: list[Node | None]


def _problem_text(error: yaml.YAMLError) -> tuple[str, int]:
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    if problem == "did not find expected key":
        # The reference's YAML library words this situation (a key indented like a value of the
        # previous key) this way.
        problem = "value is not allowed in this context. map key-value is pre-defined"
    return problem, line


def load_stream(data: str) -> LoadedStream:
    """Compose every document of ``data``; raise YamlLoadError on syntax errors or limits."""
    global _LOADER
    if _LOADER is None:
        _LOADER = _loader_class()
    loader = _LOADER(data)
    documents: list[Node | None] = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents.append(_compose_document(loader))
    except yaml.YAMLError as error:
        message, line = _problem_text(error)
        raise YamlLoadError(message, line) from None
    finally:
        loader.dispose()
    return LoadedStream(documents)


def _compose_document(loader) -> Node | None:
    anchors: dict[str, Node] = {}
    budget = [MAX_NODES]
    stack: list[list] = []
    root: Node | None = None
    # Each frame: [container node, pending key or sentinel, seen keys, anchor]
    while True:
        event = loader.get_event()
        if isinstance(event, yaml.DocumentEndEvent):
            return root
        node: Node | None = None
        closing = False
        if isinstance(event, yaml.ScalarEvent):
            node = _scalar(event, loader)
        elif isinstance(event, yaml.AliasEvent):
            target = anchors.get(event.anchor)
            if target is None:
                raise YamlLoadError(
                    f'could not find anchor "{event.anchor}"', event.start_mark.line + 1
                )
            if any(frame[0] is target for frame in stack):
                raise YamlLoadError(
                    f'alias "{event.anchor}" is used inside its own anchor',
                    event.start_mark.line + 1,
                    ours=True,
                )
            _spend(budget, _size(target, budget[0]), event.start_mark.line + 1)
            node = target
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise YamlLoadError(
                    f"the document is nested more than {MAX_DEPTH} levels deep",
                    event.start_mark.line + 1,
                    ours=True,
                )
            mark = event.start_mark
            if isinstance(event, yaml.SequenceStartEvent):
                container: Node = Sequence(mark.line + 1, mark.column + 1,
                                           flow=bool(event.flow_style))
            else:
                container = Mapping(mark.line + 1, mark.column + 1, flow=bool(event.flow_style))
            _spend(budget, 1, mark.line + 1)
            if event.anchor:
                anchors[event.anchor] = container
            stack.append([container, _NO_KEY, {}])
            continue
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            node = stack.pop()[0]
            closing = True
        else:
            continue
        if not closing:
            _spend(budget, 1, node.line)
            anchor = getattr(event, "anchor", None)
            if anchor and isinstance(event, yaml.ScalarEvent):
                anchors[anchor] = node
        if not stack:
            root = node
            continue
        frame = stack[-1]
        parent = frame[0]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif frame[1] is _NO_KEY:
            frame[1] = node
        else:
            key = frame[1]
            _check_duplicate(key, frame[2])
            parent.pairs.append((key, node))
            frame[1] = _NO_KEY


_NO_KEY = object()


def _check_duplicate(key: Node, seen: dict) -> None:
    if not isinstance(key, Scalar) or key.value is None:
        return
    name = key.text
    first = seen.get(name)
    if first is not None:
        raise YamlLoadError(
            f'mapping key "{name}" already defined at [{first.line}:{first.column}]', key.line
        )
    seen[name] = key


def _spend(budget: list[int], amount: int, line: int) -> None:
    budget[0] -= amount
    if budget[0] < 0:
        raise YamlLoadError(
            f"the document expands to more than {MAX_NODES} nodes (are aliases nested too deeply?)",
            line,
            ours=True,
        )


def _size(node: Node, limit: int) -> int:
    """Count the nodes under ``node`` (an alias target), stopping once past ``limit``."""
    count = 0
    pending = [node]
    while pending:
        current = pending.pop()
        count += 1
        if count > limit:
            return count
        if isinstance(current, Mapping):
            for key, value in current.pairs:
                pending.append(key)
                pending.append(value)
        elif isinstance(current, Sequence):
            pending.extend(current.items)
    return count


def _scalar(event, loader) -> Scalar:
    mark = event.start_mark
    text = event.value
    plain_implicit = event.implicit[0]
    tag = event.tag
    tagged = tag not in (None, "!")
    style = event.style
    if style in ("|", ">"):
        kind = "block"
    elif style in ("'", '"'):
        kind = "quoted"
    else:
        kind = "plain"
    value: object
    if kind == "plain" and plain_implicit and not tagged:
        value = type_plain(text)
    elif tagged:
        value = _tagged_value(tag, text)
    else:
        value = text
    return Scalar(mark.line + 1, mark.column + 1, value=value, text=text, style=kind,
                  tagged=tagged)


def _tagged_value(tag: str, text: str) -> object:
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return text in TRUE_WORDS
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        number = _number(text)
        return text if number is None else number
    return text


def to_python(node: Node | None, _depth: int = 0) -> object:
    """Plain Python data for a composed node (the document handed back to callers)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [to_python(item, _depth + 1) for item in node.items]
    assert isinstance(node, Mapping)
    result: dict = {}
    for key, value in node.pairs:
        key_value = to_python(key, _depth + 1)
        if isinstance(key_value, list | dict):
            key_value = str(key_value)
        result[key_value] = to_python(value, _depth + 1)
    return result
