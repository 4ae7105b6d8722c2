"""The validation pipeline, step by step in the reference's order (the order decides the output)."""

from __future__ import annotations

import os
import pathlib

from publiccode_checker.core.fetching import Fetcher

from . import hints, messages, vocabularies
from .decode import UrlValue, decode_struct
from .positions import find_key_at_line, find_key_position
from .results import Result, ValidationReport
from .rules_extra import Base, ExtraContext, raw_root, run_extra_checks
from .rules_struct import validate_document
from .schema import PUBLICCODE
from .yaml_nodes import (
    MAX_INPUT_BYTES,
    Mapping,
    Node,
    Scalar,
    YamlLoadError,
    load_stream,
    to_python,
)


def _fatal(report: ValidationReport, key: str, message: str, line: int = 0,
           column: int = 0, hint: str | None = None) -> ValidationReport:
    report.results.append(Result("error", key, message, line, column, hint))
    return report


def _version_node(root: Node) -> tuple[Node | None, Node | None]:
    if not isinstance(root, Mapping):
        return None, None
    for key, value in root.pairs:
        if isinstance(key, Scalar) and key.text == "publiccodeYmlVersion":
            return key, value
    return None, None


def validate(
    data: bytes,
    *,
    version_hint: str | None = None,
    network: bool = False,
    external_checks: bool = True,
    base_dir: pathlib.Path | None = None,
    fetcher: Fetcher | None = None,
    ipa_codes_path: pathlib.Path | None = None,
) -> ValidationReport:
    """Validate a publiccode.yml given as bytes; see the package docstring.

    ``network`` checks URLs with ``fetcher`` (``publiccode_checker.forge.guarded_fetch.fetch`` in
    the command line): the validator never opens a connection of its own.
    """
    if network and fetcher is None:
        raise ValueError("network checks need a fetcher, such as guarded_fetch.fetch")
    report = ValidationReport()
    if len(data) > MAX_INPUT_BYTES:
        return _fatal(report, "", f"the file is {len(data)} bytes long; "
                                  f"at most {MAX_INPUT_BYTES} bytes are accepted")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _fatal(report, "", messages.INVALID_UTF8)
    try:
        stream = load_stream(text)
    except YamlLoadError as error:
        return _fatal(report, "", error.message, error.line, 1 if error.line else 0)
    except RecursionError:
        return _fatal(report, "", "the document is nested too deeply")

    documents = stream.documents
    if not documents or documents[0] is None:
        return _fatal(report, "publiccodeYmlVersion", messages.VERSION_REQUIRED,
                      hint=hints.empty_document())
    if len(documents) > 1:
        return _fatal(report, "", messages.MULTIPLE_DOCUMENTS,
                      hint="keep only one document: remove the extra '---' separators")
    root = documents[0]
    report.document = to_python(root) if isinstance(root, Mapping) else None

    _key, version_node = _version_node(root)
    if version_node is None:
        return _fatal(report, "publiccodeYmlVersion", messages.VERSION_REQUIRED,
                      hint=hints.missing_version(root, version_hint))
    if not (isinstance(version_node, Scalar) and version_node.style in ("plain", "quoted")
            and isinstance(version_node.value, str) and not version_node.tagged):
        line, column = find_key_position(root, "publiccodeYmlVersion")
        return _fatal(report, "publiccodeYmlVersion", messages.WRONG_TYPE, line, column,
                      hints.quote_version(version_node))
    version = version_node.value
    report.version = version
    if version not in messages.SUPPORTED_VERSIONS:
        return _fatal(report, "publiccodeYmlVersion", messages.unsupported_version(version),
                      hint=hints.unsupported_version(version))

    results = report.results
    if version != "0" and not version.startswith("0.7"):
        line, column = find_key_position(root, "publiccodeYmlVersion")
        results.append(Result("warning", "publiccodeYmlVersion", messages.old_version(version),
                              line, column))

    values, decode_error = decode_struct(root, PUBLICCODE)
    if decode_error is not None:
        if decode_error.kind == "other":
            results.append(Result("error", "", decode_error.message, 0, 0))
        else:
            key = find_key_at_line(root, decode_error.line)
            message = decode_error.message if decode_error.kind == "unknown" else \
                messages.WRONG_TYPE
            hint = hints.for_decode_error(decode_error.kind, key, root)
            results.append(Result("error", key, message, decode_error.line, 1, hint))

    ipa_path = vocabularies.resolve_ipa_codes_path(ipa_codes_path)
    ipa = vocabularies.ipa_codes(ipa_path)
    rule_context = validate_document(values, ipa)
    for key, message in rule_context.errors:
        line, column = find_key_position(root, key)
        results.append(Result("error", key, message, line, column,
                              hints.for_rule(key, message, values)))

    base = _base(base_dir, values, network, results, root)
    if base is not None:
        extra = ExtraContext(base=base, network=network and external_checks,
                             external=external_checks, fetcher=fetcher, ipa=ipa)
        run_extra_checks(values, extra)
        for kind, key, message in extra.out + extra.notes:
            line, column = find_key_position(root, key)
            results.append(Result(kind, key, message, line, column))

    for key, code in rule_context.unchecked_ipa:
        line, column = find_key_position(root, key)
        results.append(Result("warning", key, messages.ipa_list_missing(code), line, column,
                              f"expected the list at {ipa_path}"))
    return report


def _base(base_dir: pathlib.Path | None, values: dict, network: bool, results: list[Result],
          root: Node) -> Base | None:
    if base_dir is not None:
        return Base(local=os.path.abspath(base_dir))
    url = values.get("url")
    if network and isinstance(url, UrlValue) and url.url.scheme in ("http", "https") \
            and url.url.host:
        remote = raw_root(str(url))
        if remote is None:
            line, column = find_key_position(root, "url")
            results.append(Result(
                "error", "url",
                f"failed to get raw URL for code repository at {url}: unsupported code host",
                line, column,
            ))
            return None
        return Base(remote=remote)
    return Base(local=os.getcwd())
