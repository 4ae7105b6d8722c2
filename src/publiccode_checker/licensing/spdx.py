"""SPDX licence metadata and expression helpers.

GitHub reports some licences by their older SPDX ids (``GPL-3.0``) while manifests declare
current ids (``GPL-3.0-only``, ``GPL-3.0-or-later``); the helpers here relate the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from license_expression import ExpressionError, get_spdx_licensing

from publiccode_checker.licensing.catalog import load_data

_SUFFIXES = ("-or-later", "-only", "+")


@dataclass(frozen=True)
class SpdxLicence:
    spdx_id: str
    name: str
    osi_approved: bool
    fsf_libre: bool
    deprecated: bool

    @property
    def is_free(self) -> bool:
        return self.osi_approved or self.fsf_libre


@cache
def _metadata() -> dict[str, SpdxLicence]:
    return {
        spdx_id: SpdxLicence(spdx_id, entry["name"], entry["osi"], entry["fsf"],
                             entry["deprecated"])
        for spdx_id, entry in load_data()["spdx"].items()
    }


@cache
def _by_lower() -> dict[str, str]:
    return {spdx_id.lower(): spdx_id for spdx_id in _metadata()}


def canonical_id(spdx_id: str) -> str | None:
    """The SPDX list's spelling of ``spdx_id`` (ids are case-insensitive), or None if unknown."""
    return _by_lower().get(spdx_id.strip().lower())


def licence_info(spdx_id: str) -> SpdxLicence | None:
    """Name and OSI/FSF/deprecated flags for an SPDX id; falls back to the ``-only`` form."""
    meta = _metadata()
    canonical = canonical_id(spdx_id)
    if canonical:
        return meta[canonical]
    base = base_id(spdx_id)
    for candidate in (base, base + "-only"):
        canonical = canonical_id(candidate)
        if canonical:
            return meta[canonical]
    return None


def base_id(spdx_id: str) -> str:
    """``GPL-3.0-or-later`` / ``GPL-3.0-only`` / ``GPL-3.0+`` -> ``GPL-3.0``."""
    for suffix in _SUFFIXES:
        if spdx_id.lower().endswith(suffix):
            return spdx_id[: -len(suffix)]
    return spdx_id


def equivalent_ids(spdx_id: str) -> set[str]:
    """All ids naming the same licence text: ``GPL-3.0`` <-> ``GPL-3.0-only``/``-or-later``."""
    base = base_id(spdx_id)
    ids = {spdx_id, base}
    for candidate in (base + "-only", base + "-or-later", base + "+"):
        canonical = canonical_id(candidate)
        if canonical:
            ids.add(canonical)
    return {canonical_id(i) or i for i in ids}


def is_free(spdx_id: str) -> bool | None:
    """OSI-approved or FSF-libre; None when the id is not on the SPDX list."""
    info = licence_info(spdx_id)
    return info.is_free if info else None


def is_osi_approved(spdx_id: str) -> bool | None:
    info = licence_info(spdx_id)
    return info.osi_approved if info else None


@cache
def _spdx_licensing():  # type: ignore[no-untyped-def]
    # Building the SPDX index takes tens of milliseconds: do it once per process.
    return get_spdx_licensing()


def expression_ids(expression: str) -> set[str]:
    """Licence ids in an SPDX expression (exceptions left out); empty if it does not parse."""
    return set(_expression_ids(expression))


@lru_cache(maxsize=4096)
def _expression_ids(expression: str) -> frozenset[str]:
    if not expression or not expression.strip():
        return frozenset()
    licensing = _spdx_licensing()
    try:
        parsed = licensing.parse(expression, validate=False)
    except (ExpressionError, TypeError, ValueError, AttributeError):
        return frozenset()
    if parsed is None:
        return frozenset()
    ids = set()
    for symbol in licensing.license_symbols(parsed, decompose=False):
        symbol = getattr(symbol, "license_symbol", symbol)
        key = str(symbol.key)
        ids.add(canonical_id(key) or key)
    return frozenset(ids)


def is_consistent(detected: str, declared_expression: str) -> bool:
    """Whether a detected licence (e.g. ``GPL-3.0``) appears in a declared expression."""
    detected_ids = {i.lower() for i in equivalent_ids(detected)}
    for declared in expression_ids(declared_expression):
        if detected_ids & {i.lower() for i in equivalent_ids(declared)}:
            return True
    return False
