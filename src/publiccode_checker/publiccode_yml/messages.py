"""Message texts, worded exactly as the reference prints them (consumers match on them)."""

from __future__ import annotations

CATEGORIES_URL = (
    "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/categories-list.rst"
)
SCOPES_URL = "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/scope-list.rst"
ALIASES_URL = (
    "https://github.com/publiccodeyml/publiccode.yml/blob/main/docs/standard/aliases-list.rst"
)
IPA_URL = "https://github.com/publiccodeyml/italian-organizations-ipa-vocabulary"

SUPPORTED_VERSIONS = (
    "0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5.0", "0.5",
    "0.7.0", "0.7",
)
LATEST_VERSION = SUPPORTED_VERSIONS[-1]

WRONG_TYPE = "wrong type for this field"
VERSION_REQUIRED = "publiccodeYmlVersion is a required field"
INVALID_UTF8 = "Invalid UTF-8"
MULTIPLE_DOCUMENTS = "multiple YAML documents in one file are not supported"
DEPRECATED_DROP = "This key is DEPRECATED and will be removed in the future. It's safe to drop it"
DEPRECATED_USE_LOGO = (
    "This key is DEPRECATED and will be removed in the future. Use 'logo' instead"
)
DEPRECATED_USE_ORG_NAME = (
    "This key is DEPRECATED and will be removed in the future. Use 'organisation.name' instead"
)
LOWERCASE_IT = (
    "Lowercase country codes are DEPRECATED and will be removed in the future. Use 'IT' instead"
)
IT_DUPLICATED = "'IT' key already present. Remove this key"
ABSOLUTE_PATH = "is an absolute path. Only relative paths or HTTP(s) URLs allowed"
FILE_URL = "is a file:// URL. Only relative paths or HTTP(s) URLs allowed"


def unsupported_version(version: str) -> str:
    return (
        f"unsupported version: '{version}'. Supported versions: {', '.join(SUPPORTED_VERSIONS)}"
    )


def old_version(version: str) -> str:
    return f"v{version} is not the latest version, use '0'. Parsing this file as v{LATEST_VERSION}."


def lowercase_country(code: str) -> str:
    return f"Lowercase country codes are DEPRECATED. Use uppercase instead ('{code.upper()}')"


def deprecated_codice_ipa(code: str) -> str:
    return (
        "This key is DEPRECATED and will be removed in the future. "
        f"Use 'organisation.uri' and set it to 'urn:x-italian-pa:{code}' instead"
    )


def _one_of(param: str) -> str:
    parts = param.split()
    text = '"' + '", "'.join(parts) + '"'
    if len(parts) > 1:
        cut = text.rfind('", "')
        text = text[:cut] + '" or "' + text[cut + 4:]
    return text


def _condition(param: str) -> str:
    field, value = param.split()
    return f'"{field.lower()}" is "{value}"'


def rule_message(rule: str, param: str, field: str, value: object, kind: str) -> str:
    """The text for a failed rule; ``field`` is the leaf name (with its index if any)."""
    simple = {
        "required": "{f} is a required field",
        "date": "{f} must be a date with format 'YYYY-MM-DD'",
        "is_mime_type": "{f} is not a valid MIME type",
        "url_http_url": "{f} must be an HTTP URL",
        "url_url": "{f} must be a valid URL",
        "email": "{f} must be a valid email address",
        "is_spdx_expression": "{f} must be a valid license (see https://spdx.org/licenses)",
        "is_category_v0": "{f} must be a valid category (see " + CATEGORIES_URL + ")",
        "is_scope_v0": "{f} must be a valid scope (see " + SCOPES_URL + ")",
        "is_italian_ipa_code": (
            "{f} must be a valid Italian Public Administration Code (iPA) (see " + IPA_URL + ")"
        ),
        "iso3166_1_alpha2_lower_or_upper": (
            "{f} must be a valid ISO 3166-1 alpha-2 two-letter country code"
        ),
        "bcp47_strict_language_tag": "{f} must be a valid BCP 47 language",
        "bcp47_keys": "{f} must be a valid BCP 47 language",
    }
    if rule in simple:
        return simple[rule].format(f=field)
    if rule == "oneof":
        return f"{field} must be one of the following: {_one_of(param)}"
    if rule == "required_if":
        return f"{field} is a required field when {_condition(param)}"
    if rule == "excluded_unless":
        return f"{field} must not be present unless {_condition(param)}"
    if rule == "umax":
        return f"{field} must be a maximum of {param} characters in length"
    if rule == "umin":
        return f"{field} must be at least {param} characters in length"
    if rule == "gt":
        if kind == "str":
            return f"{field} must be greater than {param} characters in length"
        if kind in ("list", "map", "urls"):
            return f"{field} must contain more than {param} items"
        return f"{field} must be greater than {param}"
    if rule == "organisation_uri":
        if isinstance(value, str) and value.startswith("urn:x-italian-pa:"):
            return (
                f"{field} must be a valid Italian Public Administration Code (iPA) with format "
                f"'urn:x-italian-pa:[codiceIPA]' (see {IPA_URL})"
            )
        return f"{field} is not a valid URI"
    if rule == "supports_id":
        if isinstance(value, str) and value.startswith("alias:"):
            return f"{field} contains an unknown alias (see {ALIASES_URL})"
        return f"{field} must be a known alias ('alias:<name>') or a valid URI (URL or URN)"
    return f"Key: '{field}' Error:Field validation for '{field}' failed on the '{rule}' tag"


def ipa_list_missing(code: str) -> str:
    return (
        f"cannot check the iPA code '{code}': no list of iPA codes is installed "
        "(set PUBLICCODE_IPA_CODES or run publiccode-checker refresh-ipa-codes)"
    )
