"""Collect the sentences checks write at run time, as templates a translator can work with.

Checks build their messages with f-strings (``f"{share:.0%} of recent commits ..."``). The
source is read, never imported or changed: each ``message`` given to a finding helper
(``passed``, ``failed``, ... ``Finding(...)``) or to ``Evidence(...)`` becomes a template where
every interpolated value is a numbered placeholder that keeps its conversion and format spec
(``{0:.0%} of recent commits ...``). Literal braces are doubled, as in ``str.format``.

What the source cannot tell (a message passed in as an argument, ``", ".join(...)``, a call)
is skipped. Local names are followed to their assignments in the same function, so
``message = "..."; failed("OL-2", message)`` is found, and so are both sides of
``"a" if x else "b"`` and the literal operands of ``text or "default"``.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from publiccode_checker.i18n.catalogs import NESTED_FLAG

#: Callables whose ``message`` is the second positional argument.
FINDING_HELPERS = frozenset({
    "passed", "failed", "warned", "needs_person", "unknown", "not_applicable", "info",
})
#: ``Finding(requirement, outcome, message, ...)``; ``Evidence(message, ...)``.
MESSAGE_POSITION = {"Finding": 2, "Evidence": 0, **{name: 1 for name in FINDING_HELPERS}}
#: ``block.evidence("section ... has no commands")``: helpers that make Evidence of a message.
METHOD_POSITION = {"evidence": 0}
#: A template worth translating has a word in it, not only values and punctuation.
_WORD = re.compile(r"[^\W\d_]{2,}")
_PLACEHOLDER = re.compile(r"\{\d+(?:![rsa])?(?::[^{}]*)?\}")


def _is_message(expression: str) -> bool:
    return expression == "message" or expression.endswith(".message")
#: Alternatives of one message beyond this many are not worth a translator's time.
MAX_ALTERNATIVES = 16


@dataclass(frozen=True)
class Part:
    """A piece of a message: literal text, or an interpolated value."""

    text: str = ""
    expression: str | None = None
    conversion: str = ""
    spec: str = ""

    @property
    def is_literal(self) -> bool:
        return self.expression is None


@dataclass
class Template:
    """One run-time message: its catalog text and where the source builds it."""

    text: str
    expressions: tuple[str, ...]
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(placeholder_fields(self.text))

    @property
    def nested(self) -> tuple[int, ...]:
        """Placeholders that hold another message (``f"{where.message}: ..."``)."""
        return tuple(i for i, e in enumerate(self.expressions) if _is_message(e))

    @property
    def flags(self) -> list[str]:
        """Catalog flags: brace placeholders, and which of them are messages themselves."""
        if not self.expressions:
            return []
        return ["python-brace-format", *(f"{NESTED_FLAG}{i}" for i in self.nested)]

    @property
    def has_words(self) -> bool:
        """Whether the template has text of its own, beyond values and punctuation."""
        return any(_WORD.search(piece) for piece in _PLACEHOLDER.split(self.text))

    def comment(self) -> str:
        if not self.expressions:
            return "Run-time message"
        pairs = ", ".join(f"{p} = {e}" for p, e in zip(self.placeholders, self.expressions,
                                                         strict=False))
        return f"Run-time message; python-brace-format placeholders: {pairs}"


def render(parts: Iterable[Part]) -> tuple[str, tuple[str, ...]]:
    """The template text of ``parts`` and the source expression behind each placeholder."""
    parts = tuple(parts)
    if all(part.is_literal for part in parts):
        # No values: the message is its own catalog text, looked up as it is.
        return "".join(part.text for part in parts), ()
    out: list[str] = []
    expressions: list[str] = []
    for part in parts:
        if part.is_literal:
            out.append(part.text.replace("{", "{{").replace("}", "}}"))
            continue
        field_text = str(len(expressions))
        if part.conversion:
            field_text += f"!{part.conversion}"
        if part.spec:
            field_text += f":{part.spec}"
        out.append("{" + field_text + "}")
        expressions.append(part.expression or "")
    return "".join(out), tuple(expressions)


def placeholder_fields(template: str) -> Iterator[str]:
    """Each ``{...}`` field of a template, braces included; doubled braces are text."""
    i = 0
    while i < len(template):
        char = template[i]
        if char in "{}" and template[i + 1:i + 2] == char:
            i += 2
            continue
        if char == "{":
            end = template.find("}", i)
            if end < 0:
                return
            yield template[i:end + 1]
            i = end + 1
            continue
        i += 1


class _Scope:
    """Assignments to plain local names in one function (or module), to follow variables."""

    def __init__(self, node: ast.AST, outer: _Scope | None = None) -> None:
        self.outer = outer
        self.assignments: dict[str, list[ast.expr]] = {}
        self.parameters: set[str] = set()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            args = node.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg,
                        args.kwarg):
                if arg is not None:
                    self.parameters.add(arg.arg)
        for child in _own_nodes(node):
            if isinstance(child, ast.Assign):
                for target in child.targets:
                    self._bind(target, child.value)
            elif isinstance(child, ast.AnnAssign) and child.value is not None:
                self._bind(child.target, child.value)
            else:
                # Bound in ways that cannot be read as a single value: never followed.
                for target in _opaque_targets(child):
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            self.assignments.setdefault(name.id, []).append(ast.Name("?"))

    def _bind(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.assignments.setdefault(target.id, []).append(value)
        elif isinstance(target, ast.Tuple | ast.List):
            values = value.elts if isinstance(value, ast.Tuple | ast.List) else None
            for index, element in enumerate(target.elts):
                if values is not None and len(values) == len(target.elts):
                    self._bind(element, values[index])
                elif isinstance(element, ast.Name):
                    self.assignments.setdefault(element.id, []).append(ast.Name("?"))

    def values_of(self, name: str) -> list[ast.expr] | None:
        if name in self.parameters:
            return None
        if name in self.assignments:
            return self.assignments[name]
        # Module constants (NO_HISTORY = "...") are read from inside functions too.
        return self.outer.values_of(name) if self.outer is not None else None


def _opaque_targets(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.AugAssign | ast.For | ast.AsyncFor | ast.NamedExpr
                  | ast.comprehension):
        return [node.target]
    if isinstance(node, ast.With | ast.AsyncWith):
        return [item.optional_vars for item in node.items if item.optional_vars is not None]
    return []


def _own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function body, not descending into nested functions or classes."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
                          | ast.Lambda):
            stack.extend(ast.iter_child_nodes(child))


class _Resolver:
    def __init__(self, scope: _Scope) -> None:
        self.scope = scope

    def alternatives(self, node: ast.expr, depth: int = 0) -> list[tuple[Part, ...]]:
        """Every way ``node`` can read as parts; empty when it cannot be read statically."""
        if depth > 6:
            return []
        if isinstance(node, ast.Constant):
            return [(Part(node.value),)] if isinstance(node.value, str) else []
        if isinstance(node, ast.JoinedStr):
            return self._fstring(node, depth)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self._operand(node.left, depth)
            right = self._operand(node.right, depth)
            joined = [a + b for a, b in itertools.product(left, right)]
            if not any(p.is_literal for parts in joined for p in parts):
                return []  # no text on either side: numbers being added, not a message
            return _limit(joined)
        if isinstance(node, ast.IfExp):
            return _limit(self.alternatives(node.body, depth + 1)
                          + self.alternatives(node.orelse, depth + 1))
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            found: list[tuple[Part, ...]] = []
            for value in node.values:
                found += self.alternatives(value, depth + 1)
            return _limit(found)
        if isinstance(node, ast.Name):
            values = self.scope.values_of(node.id)
            if not values:
                return []
            found = []
            for value in values:
                found += self.alternatives(value, depth + 1)
            return _limit(found)
        return []

    def _operand(self, node: ast.expr, depth: int) -> list[tuple[Part, ...]]:
        # "Searched " + ", ".join(paths) reads like f"Searched {', '.join(paths)}".
        found = self.alternatives(node, depth + 1)
        if found or isinstance(node, ast.Constant | ast.JoinedStr | ast.BinOp):
            return found
        return [(Part(expression=ast.unparse(node)),)]

    def _fstring(self, node: ast.JoinedStr, depth: int) -> list[tuple[Part, ...]]:
        found = self._fstring_parts(node, depth, inline=True)
        if not found:
            # Too many ways to write it out: keep the values as placeholders instead.
            found = self._fstring_parts(node, depth, inline=False)
        return found

    def _fstring_parts(
        self, node: ast.JoinedStr, depth: int, *, inline: bool
    ) -> list[tuple[Part, ...]]:
        options: list[list[tuple[Part, ...]]] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                options.append([(Part(str(value.value)),)])
                continue
            if not isinstance(value, ast.FormattedValue):
                return []
            spec = ""
            if value.format_spec is not None:
                if not all(isinstance(v, ast.Constant) for v in value.format_spec.values):
                    return []  # a computed format spec: cannot be written as a template
                spec = "".join(str(v.value) for v in value.format_spec.values)  # type: ignore[attr-defined]
            conversion = chr(value.conversion) if value.conversion > 0 else ""
            inner = self._choices(value.value, depth) if inline and not spec and not conversion \
                else None
            if inner:
                options.append(inner)
            else:
                options.append([(Part(expression=ast.unparse(value.value),
                                      conversion=conversion, spec=spec),)])
        return _limit([tuple(itertools.chain.from_iterable(combo))
                       for combo in itertools.product(*options)])

    def _choices(self, node: ast.expr, depth: int) -> list[tuple[Part, ...]] | None:
        """A value that can only be one of a few phrases is written out, not a placeholder.

        ``source = "README"`` or ``"package manifest"`` read into ``f"declared in the
        {source}"``, or ``shown = f", starts with {x}" if x else ""``, give whole sentences a
        translator can word properly.
        """
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            # f"{f.spdx_id or 'no licence text recognised'}": the value, or the fallback text.
            found: list[tuple[Part, ...]] = []
            for value in node.values:
                found += self.alternatives(value, depth + 1) or [
                    (Part(expression=ast.unparse(value)),)]
            return found if len(found) <= 6 else None
        if not isinstance(node, ast.Name | ast.IfExp):
            return None
        if isinstance(node, ast.Name) and not _all_resolvable(
            self, self.scope.values_of(node.id) or [], depth
        ):
            return None
        found = self.alternatives(node, depth + 1)
        return found if found and len(found) <= 6 else None


def _all_resolvable(resolver: _Resolver, values: list[ast.expr], depth: int) -> bool:
    return bool(values) and all(resolver.alternatives(v, depth + 2) for v in values)


def _limit(found: list[tuple[Part, ...]]) -> list[tuple[Part, ...]]:
    return found if len(found) <= MAX_ALTERNATIVES else []


def _merge(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    merged: list[Part] = []
    for part in parts:
        if part.is_literal and merged and merged[-1].is_literal:
            merged[-1] = Part(merged[-1].text + part.text)
        elif not (part.is_literal and not part.text):
            merged.append(part)
    return tuple(merged)


def _message_position(node: ast.Call) -> int | None:
    if isinstance(node.func, ast.Name):
        return MESSAGE_POSITION.get(node.func.id)
    if isinstance(node.func, ast.Attribute):
        attr = node.func.attr
        return MESSAGE_POSITION.get(attr, METHOD_POSITION.get(attr))
    return None


def _message_argument(node: ast.Call, position: int) -> ast.expr | None:
    for keyword in node.keywords:
        if keyword.arg in ("message", "prefix"):
            return keyword.value
    if len(node.args) > position and not any(
        isinstance(a, ast.Starred) for a in node.args[:position + 1]
    ):
        return node.args[position]
    return None


class _Shared(_Scope):
    """Constants other modules define (``from evidence.x import LOOKED_FOR``), by name."""

    def __init__(self, constants: dict[str, list[ast.expr]]) -> None:
        self.outer = None
        self.parameters = set()
        self.assignments = constants


def module_constants(source: str, filename: str = "<module>") -> dict[str, list[ast.expr]]:
    """Module-level ``NAME = <text>`` assignments, for other modules that import them."""
    scope = _Scope(ast.parse(source, filename))
    return {name: values for name, values in scope.assignments.items()
            if name.isupper() and all(not isinstance(v, ast.Name) or v.id != "?"
                                      for v in values)}


def templates_in_source(
    source: str, filename: str, shared: dict[str, list[ast.expr]] | None = None
) -> list[Template]:
    """The message templates of one module, in the order they appear."""
    tree = ast.parse(source, filename)
    found: dict[str, Template] = {}
    module = _Scope(tree, _Shared(shared) if shared else None)
    scopes: list[tuple[ast.AST, _Scope]] = [(tree, module)]
    scopes += [(node, _Scope(node, module)) for node in ast.walk(tree)
               if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)]
    for owner, scope in scopes:
        resolver = _Resolver(scope)
        for node in _own_nodes(owner):
            if not isinstance(node, ast.Call):
                continue
            position = _message_position(node)
            if position is None:
                continue
            argument = _message_argument(node, position)
            if argument is None:
                continue
            for parts in resolver.alternatives(argument):
                merged = _merge(parts)
                has_words = any(p.is_literal and _WORD.search(p.text) for p in merged)
                quotes_message = any(not p.is_literal and _is_message(p.expression or "")
                                     for p in merged) and len(merged) > 1
                if not has_words and not quotes_message:
                    continue  # nothing but values and punctuation: nothing to translate
                text, expressions = render(merged)
                template = found.setdefault(text, Template(text, expressions))
                template.locations.append((filename, node.lineno))
    return list(found.values())


def extract_templates(
    root: Path, folders: Iterable[str] = ("checks", "src/publiccode_checker/evidence")
) -> list[Template]:
    """Templates of every module in ``folders`` under ``root``, each once, sorted by source."""
    found: dict[str, Template] = {}
    sources = {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
               for folder in folders for path in sorted((root / folder).rglob("*.py"))}
    shared: dict[str, list[ast.expr]] = {}
    for relative, source in sources.items():
        for name, values in module_constants(source, relative).items():
            shared.setdefault(name, []).extend(values)
    for relative, source in sources.items():
        for template in templates_in_source(source, relative, shared):
            existing = found.get(template.text)
            if existing is None:
                found[template.text] = template
            else:
                existing.locations.extend(template.locations)
    return list(found.values())
