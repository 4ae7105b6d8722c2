"""Controlled vocabularies of the publiccode.yml standard, loaded lazily and cached.

Small lists that the standard itself defines (categories, scopes, support aliases) live here as
data. Larger, externally maintained lists come from well-kept packages (countries from
``pycountry``, language subtags from the IANA registry shipped by ``language-data``, SPDX ids from
``license-expression``) or from files an operator refreshes (iPA codes) or a generator writes
(oEmbed URL patterns).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
OEMBED_FILE = DATA_DIR / "oembed_schemes.json"
IPA_ENV = "PUBLICCODE_IPA_CODES"

CATEGORIES = frozenset(
    """accounting agile-project-management applicant-tracking application-development
    appointment-scheduling backup billing-and-invoicing blog budgeting business-intelligence
    business-process-management cad call-center-management cloud-management collaboration
    communications compliance-management contact-management content-management crm
    customer-service-and-support data-analytics data-collection data-visualization design
    design-system digital-asset-management digital-citizenship document-management
    donor-management e-commerce e-signature educational-content email-management email-marketing
    employee-management enterprise-project-management enterprise-social-networking erp
    event-management facility-management feedback-and-reviews-management financial-reporting
    fleet-management fundraising gamification geographic-information-systems grant-management
    graphic-design help-desk hr ide identity-management instant-messaging
    integrated-library-system inventory-management it-asset-management it-development
    it-management it-security it-service-management knowledge-management
    learning-management-system marketing mind-mapping mobile-marketing mobile-payment
    network-management office online-booking online-community payment-gateway payroll
    predictive-analysis procurement productivity-suite project-collaboration project-management
    property-management real-estate-management regulations-and-directives remote-support
    resource-management sales-management seo service-desk social-media-management survey
    talent-management task-management taxes-management test-management time-management
    time-tracking translation video-conferencing video-editing visitor-management voip
    warehouse-management web-collaboration web-conferencing whistleblowing website-builder
    workflow-management other""".split()
)

SCOPES = frozenset(
    """agriculture culture defence education emergency-services employment energy environment
    finance-and-economic-development foreign-affairs government healthcare infrastructures
    justice local-authorities manufacturing research science-and-technology security society
    sport tourism transportation welfare""".split()
)

SUPPORT_ALIASES = frozenset("gdpr eidas nis2 cra spid cie anpr pagopa io".split())

DEVELOPMENT_STATUSES = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
    "standalone/backend", "standalone/other", "addon", "library", "configurationFiles",
)
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
COUNTRY_EXTENSION_VERSIONS = ("0.2", "1.0")

# Kosovo's user-assigned code is widely used and accepted by the reference, though not in ISO 3166.
_EXTRA_COUNTRIES = frozenset({"XK"})


@functools.cache
def countries() -> frozenset[str]:
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries) | _EXTRA_COUNTRIES


class LanguageRegistry:
    """The subtags of the IANA Language Subtag Registry that BCP 47 validation needs."""

    def __init__(self, text: str) -> None:
        self.languages: set[str] = set()
        self.scripts: set[str] = set()
        self.regions: set[str] = set()
        self.variants: set[str] = set()
        self.extlangs: dict[str, list[str]] = {}
        for record in text.split("\n%%\n"):
            kind = subtag = None
            prefixes: list[str] = []
            for line in record.split("\n"):
                if line.startswith("Type: "):
                    kind = line[6:].strip()
                elif line.startswith("Subtag: "):
                    subtag = line[8:].strip().lower()
                elif line.startswith("Prefix: "):
                    prefixes.append(line[8:].strip().lower())
            if kind is None or subtag is None:
                continue
            target = {
                "language": self.languages,
                "script": self.scripts,
                "region": self.regions,
                "variant": self.variants,
            }.get(kind)
            if kind == "extlang":
                self.extlangs[subtag] = prefixes
            elif target is not None:
                if ".." in subtag:
                    target.update(_expand_range(subtag))
                else:
                    target.add(subtag)


def _expand_range(subtag_range: str) -> list[str]:
    start, end = subtag_range.split("..")
    if start.isdigit():
        return [str(n).zfill(len(start)) for n in range(int(start), int(end) + 1)]
    # Ranges such as qaa..qtz: only the last two letters vary in the registry's ranges.
    out = []
    prefix_len = len(start) - 2
    prefix = start[:prefix_len]
    for first in range(ord(start[prefix_len]), ord(end[prefix_len]) + 1):
        for second in range(ord("a"), ord("z") + 1):
            code = prefix + chr(first) + chr(second)
            if start <= code <= end:
                out.append(code)
    return out


@functools.cache
def language_registry() -> LanguageRegistry:
    spec = importlib.util.find_spec("language_data")
    if spec is None or spec.origin is None:
        raise RuntimeError("the 'language-data' package is required for BCP 47 validation")
    path = Path(spec.origin).parent / "data" / "language-subtag-registry.txt"
    return LanguageRegistry(path.read_text(encoding="utf-8"))


@functools.cache
def three_letter_codes_with_two_letter_form() -> frozenset[str]:
    """ISO 639 alpha-3 codes that have a shorter alpha-2 code (so are not the shortest form)."""
    import pycountry

    codes = set()
    for language in pycountry.languages:
        if getattr(language, "alpha_2", None):
            codes.add(language.alpha_3)
            bibliographic = getattr(language, "bibliographic", None)
            if bibliographic:
                codes.add(bibliographic)
    return frozenset(codes)


@functools.cache
def oembed_patterns() -> tuple[re.Pattern[str], ...]:
    schemes = json.loads(OEMBED_FILE.read_text(encoding="utf-8"))
    return tuple(
        re.compile(re.escape(scheme).replace(r"\*", ".*"), re.DOTALL) for scheme in schemes
    )


def matches_oembed(link: str) -> bool:
    return any(pattern.fullmatch(link) for pattern in oembed_patterns())


def default_ipa_codes_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "publiccode-checker" / "ipa_codes.txt"


def resolve_ipa_codes_path(explicit: Path | None) -> Path:
    if explicit is not None:
        return Path(explicit)
    configured = os.environ.get(IPA_ENV)
    if configured:
        return Path(configured)
    return default_ipa_codes_path()


@functools.lru_cache(maxsize=8)
def _ipa_codes_at(path: str, mtime_ns: int) -> frozenset[str]:
    with open(path, encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


def ipa_codes(path: Path) -> frozenset[str] | None:
    """The installed iPA codes (lower case), or None when no list is installed at ``path``."""
    try:
        stat = path.stat()
    except OSError:
        return None
    try:
        return _ipa_codes_at(str(path), stat.st_mtime_ns)
    except (OSError, UnicodeDecodeError):
        return None


@functools.cache
def spdx_ids() -> tuple[frozenset[str], frozenset[str]]:
    """SPDX license ids and exception ids (lower case), deprecated ids included."""
    from license_expression import get_license_index

    licenses: set[str] = set()
    exceptions: set[str] = set()
    for entry in get_license_index():
        keys = [entry.get("spdx_license_key") or ""]
        keys.extend(entry.get("other_spdx_license_keys") or [])
        target = exceptions if entry.get("is_exception") else licenses
        for key in keys:
            if key and not key.lower().startswith("licenseref-"):
                target.add(key.lower())
    return frozenset(licenses), frozenset(exceptions)
