"""The shape of a publiccode.yml (v0 rules, applied to every supported version).

Fields are listed in the order the reference validates them: that order decides which decode error
is reported and the order of the field errors. ``ptr`` marks optional values whose absence is
distinct from an empty value (a missing ``email`` is fine, an empty one is checked).
``rules`` use the reference's rule names so that each maps to one message in messages.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str  # str, bool, url, urls, list, map, struct
    ptr: bool = False
    rules: tuple[str, ...] = ()
    elem: str | Struct | None = None  # element kind for list/map
    struct: Struct | None = None


@dataclass(frozen=True, slots=True)
class Struct:
    name: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        for item in self.fields:
            if item.name == name:
                return item
        return None


def _r(spec: str) -> tuple[str, ...]:
    return tuple(part for part in spec.split(",") if part)


ORGANISATION = Struct("OrganisationV0", (
    Field("name", "str", ptr=True),
    Field("uri", "str", rules=_r("required,organisation_uri")),
))

SUPPORT = Struct("SupportV0", (
    Field("id", "str", rules=_r("required,supports_id")),
))

INTENDED_AUDIENCE = Struct("IntendedAudience", (
    Field("scope", "list", ptr=True, rules=_r("omitempty,dive,is_scope_v0"), elem="str"),
    Field("countries", "list", ptr=True,
          rules=_r("omitempty,dive,iso3166_1_alpha2_lower_or_upper"), elem="str"),
    Field("unsupportedCountries", "list", ptr=True,
          rules=_r("omitempty,dive,iso3166_1_alpha2_lower_or_upper"), elem="str"),
))

DESCRIPTION = Struct("DescV0", (
    Field("localisedName", "str", ptr=True),
    Field("genericName", "str", rules=_r("umax=35")),
    Field("shortDescription", "str", rules=_r("required,umax=150")),
    Field("longDescription", "str", rules=_r("required,umin=150,umax=10000")),
    Field("documentation", "url", ptr=True, rules=_r("omitnil,url_http_url")),
    Field("apiDocumentation", "url", ptr=True, rules=_r("omitnil,url_http_url")),
    Field("features", "list", ptr=True, rules=_r("gt=0,dive"), elem="str"),
    Field("screenshots", "list", elem="str"),
    Field("videos", "list", rules=_r("dive,omitnil,url_http_url"), elem="url"),
    Field("awards", "list", elem="str"),
))

LEGAL = Struct("Legal", (
    Field("license", "str", rules=_r("required,is_spdx_expression")),
    Field("mainCopyrightOwner", "str", ptr=True),
    Field("repoOwner", "str", ptr=True),
    Field("authorsFile", "str", ptr=True),
))

CONTRACTOR = Struct("ContractorV0", (
    Field("name", "str", rules=_r("required")),
    Field("email", "str", ptr=True, rules=_r("omitempty,email")),
    Field("website", "url", ptr=True, rules=_r("omitnil,url_http_url")),
    Field("until", "str", rules=_r("required,date")),
))

CONTACT = Struct("ContactV0", (
    Field("name", "str", rules=_r("required")),
    Field("email", "str", ptr=True, rules=_r("omitempty,email")),
    Field("affiliation", "str", ptr=True),
    Field("phone", "str", ptr=True, rules=_r("omitempty")),
))

MAINTENANCE = Struct("Maintenance", (
    Field("type", "str", rules=_r("required,oneof=internal contract community none")),
    Field("contractors", "list", ptr=True,
          rules=("required_if=Type contract", "excluded_unless=Type contract", "omitempty",
                 "dive"),
          elem=CONTRACTOR),
    Field("contacts", "list", ptr=True,
          rules=("required_if=Type community", "required_if=Type internal", "omitempty",
                 "dive"),
          elem=CONTACT),
))

LOCALISATION = Struct("Localisation", (
    Field("localisationReady", "bool", ptr=True, rules=_r("required")),
    Field("availableLanguages", "list",
          rules=_r("required,gt=0,dive,bcp47_strict_language_tag"), elem="str"),
))

DEPENDENCY = Struct("DependencyV0", (
    Field("name", "str", rules=_r("required,gt=0")),
    Field("versionMin", "str", ptr=True),
    Field("versionMax", "str", ptr=True),
    Field("optional", "bool", ptr=True),
    Field("version", "str", ptr=True),
))

DEPENDS_ON = Struct("DependsOn", (
    Field("open", "list", ptr=True, rules=_r("omitempty,dive"), elem=DEPENDENCY),
    Field("proprietary", "list", ptr=True, rules=_r("omitempty,dive"), elem=DEPENDENCY),
    Field("hardware", "list", ptr=True, rules=_r("omitempty,dive"), elem=DEPENDENCY),
))

CONFORME = Struct("Conforme", (
    Field("lineeGuidaDesign", "bool", ptr=True),
    Field("modelloInteroperabilita", "bool", ptr=True),
    Field("misureMinimeSicurezza", "bool", ptr=True),
    Field("gdpr", "bool", ptr=True),
))

RIUSO = Struct("Riuso", (
    Field("codiceIPA", "str", rules=_r("omitempty,is_italian_ipa_code")),
))

PIATTAFORME = Struct("Piattaforme", (
    Field("spid", "bool"),
    Field("pagopa", "bool"),
    Field("cie", "bool"),
    Field("anpr", "bool"),
    Field("io", "bool"),
))

IT_SECTION = Struct("ITSectionV0", (
    Field("countryExtensionVersion", "str", ptr=True, rules=("omitnil", "oneof=0.2 1.0")),
    Field("conforme", "struct", ptr=True, struct=CONFORME),
    Field("riuso", "struct", struct=RIUSO),
    Field("piattaforme", "struct", struct=PIATTAFORME),
))

PUBLICCODE = Struct("PublicCodeV0", (
    Field("publiccodeYmlVersion", "str", rules=(
        "required", "oneof=0 0.2 0.2.0 0.2.1 0.2.2 0.3 0.3.0 0.4 0.4.0 0.5 0.5.0 0.7 0.7.0")),
    Field("name", "str", rules=_r("required")),
    Field("applicationSuite", "str"),
    Field("url", "url", ptr=True, rules=_r("required,url_url")),
    Field("landingURL", "url", ptr=True, rules=_r("omitnil,url_http_url")),
    Field("isBasedOn", "urls", rules=_r("omitempty,dive,url_url")),
    Field("softwareVersion", "str"),
    Field("releaseDate", "str", ptr=True, rules=_r("omitnil,date")),
    Field("logo", "str", ptr=True),
    Field("monochromeLogo", "str", ptr=True),
    Field("organisation", "struct", ptr=True, struct=ORGANISATION),
    Field("inputTypes", "list", ptr=True, rules=_r("omitempty,dive,is_mime_type"), elem="str"),
    Field("outputTypes", "list", ptr=True, rules=_r("omitempty,dive,is_mime_type"), elem="str"),
    Field("platforms", "list", rules=_r("gt=0"), elem="str"),
    Field("categories", "list", ptr=True, rules=_r("omitempty,dive,is_category_v0"), elem="str"),
    Field("usedBy", "list", ptr=True, elem="str"),
    Field("fundedBy", "list", ptr=True, rules=_r("omitempty,dive"), elem=ORGANISATION),
    Field("roadmap", "url", ptr=True, rules=_r("omitnil,url_http_url")),
    Field("developmentStatus", "str",
          rules=("required", "oneof=concept development beta stable obsolete")),
    Field("softwareType", "str", rules=(
        "required",
        "oneof=standalone/mobile standalone/iot standalone/desktop standalone/web "
        "standalone/backend standalone/other addon library configurationFiles")),
    Field("supports", "list", ptr=True, rules=_r("omitempty,dive"), elem=SUPPORT),
    Field("intendedAudience", "struct", ptr=True, struct=INTENDED_AUDIENCE),
    Field("description", "map", rules=_r("gt=0,bcp47_keys,dive"), elem=DESCRIPTION),
    Field("legal", "struct", struct=LEGAL),
    Field("maintenance", "struct", struct=MAINTENANCE),
    Field("localisation", "struct", struct=LOCALISATION),
    Field("dependsOn", "struct", ptr=True, struct=DEPENDS_ON),
    Field("IT", "struct", ptr=True, struct=IT_SECTION),
    Field("it", "struct", ptr=True, struct=IT_SECTION),
))
