"""Use open standards: the list of standards, how they are marked, and what interfaces imply."""

from __future__ import annotations

import re
from collections.abc import Iterator

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    needs_person,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.ci_config import ci_config
from publiccode_checker.evidence.documents import (
    documents,
    is_process_document,
    prose_documents,
)
from publiccode_checker.evidence.external_sites import external_docs_evidence
from publiccode_checker.evidence.path_index import api_spec_files
from publiccode_checker.evidence.section_blocks import Block, block_at, blocks_matching
from publiccode_checker.evidence.text_search import search_docs
from publiccode_checker.snapshots import Snapshot

# "Standard options" or "Standard setup" use the adjective; a list is titled in the plural.
STANDARDS_HEADING = re.compile(
    r"\bstandards\b|\bopen standard\b|standarder|standaarden|\bnormen\b|"
    r"standard (utilizzati|aperti)|offene standards",
    re.IGNORECASE,
)
# Style guides are ST-1's business, and "the Standard for Public Code" is not a standard in use.
_NOT_STANDARDS = re.compile(r"coding|code style|style|writing|standard for public code|"
                            r"standard library|non-?standard|deviat|exception|differen",
                            re.IGNORECASE)
#: A list of standards has a short title ("Standards", "Open standards we use"); a longer
#: heading only mentions standards in passing.
MAX_LIST_TITLE_WORDS = 5
_CONDUCT_FILE = re.compile(r"(^|/)(code[-_ ]?of[-_ ]?conduct|conduct)[^/]*$", re.IGNORECASE)
_NO_STANDARDS = re.compile(
    r"(does not|doesn't|do not|don't) (use|implement|follow|rely on) any (open )?standards|"
    r"no (open |specific |particular )?standards (are|were|have been) (used|chosen|selected|"
    r"needed|implemented)",
    re.IGNORECASE,
)
_MARKED = re.compile(r"proprietary|non-?open|not open|closed|open standard|\bopen\b",
                     re.IGNORECASE)
KNOWN_STANDARDS = re.compile(
    r"\b(OpenAPI|Swagger|AsyncAPI|GraphQL|JSON Schema|JSON:API|GeoJSON|OAuth ?2?(\.0)?|"
    r"OpenID Connect|OIDC|SAML|SCIM|iCalendar|CalDAV|WebDAV|HL7|FHIR|StUF|ZGW|XBRL|UBL|Peppol|"
    r"OpenDocument|ODF|PDF/A|WCAG|EN 301 549|WMS|WFS|WMTS|INSPIRE|DCAT|schema\.org|"
    r"ActivityPub|XMPP|SPDX|CloudEvents|OData|SOAP|Dublin Core|SKOS|RDF|SPARQL|"
    r"Protocol Buffers|protobuf|XML Schema|WSDL|RAML|CSV|JSON|XML|HTML5?|CSS|SVG|"
    r"publiccode\.yml|Semantic Versioning|ISO[- ]\d{3,5})\b",
    re.IGNORECASE,
)
#: Interface description file -> the standard it implies, and how a list may name it.
_IMPLIED = (
    (re.compile(r"(openapi|swagger)", re.IGNORECASE), "OpenAPI", re.compile(r"openapi|swagger",
                                                                             re.IGNORECASE)),
    (re.compile(r"asyncapi", re.IGNORECASE), "AsyncAPI", re.compile(r"asyncapi", re.IGNORECASE)),
    (re.compile(r"\.(graphqls?|gql)$", re.IGNORECASE), "GraphQL",
     re.compile(r"graphql", re.IGNORECASE)),
    (re.compile(r"\.proto$", re.IGNORECASE), "Protocol Buffers",
     re.compile(r"protocol buffers|protobuf|grpc", re.IGNORECASE)),
    (re.compile(r"\.xsd$", re.IGNORECASE), "XML Schema", re.compile(r"xml schema|xsd",
                                                                   re.IGNORECASE)),
    (re.compile(r"\.wsdl$", re.IGNORECASE), "WSDL", re.compile(r"wsdl|soap", re.IGNORECASE)),
    (re.compile(r"\.raml$", re.IGNORECASE), "RAML", re.compile(r"raml", re.IGNORECASE)),
)
_SPEC_VALIDATION = re.compile(
    r"spectral|redocly\s+lint|swagger-cli\s+validate|openapi-generator(-cli)?\s+validate|"
    r"openapi-spec-validator|check-jsonschema|\bajv\b|jsonschema|xmllint\s+.*--schema|"
    r"buf\s+(lint|breaking)|graphql-schema-linter|vacuum\s+lint|schemathesis",
    re.IGNORECASE,
)


_LIST_EXAMPLE = (
    "# Permits\n\n## Standards\n\n"
    "- [OpenAPI 3.1](https://spec.openapis.org/oas/v3.1.0) for the REST interface\n"
    "- [GeoJSON](https://www.rfc-editor.org/rfc/rfc7946) for parking zones\n"
)


def standards_list(snapshot: Snapshot) -> list[Block]:
    """The documentation's list of standards: a STANDARDS file or a 'Standards' section."""
    docs = documents(snapshot)
    found = []
    standards = docs.get("standards")
    if standards is not None:
        # Section 0 has level 0, so its block spans the whole file.
        found.append(block_at(standards, 0))
    # Change logs ("fix the standard calls") and codes of conduct ("Our Standards" of
    # behaviour) use the word without listing technical standards.
    corpus = [d for d in prose_documents(docs) if d.kind != "code_of_conduct"
              and not _CONDUCT_FILE.search(d.path)]
    for candidate in blocks_matching(corpus, STANDARDS_HEADING):
        heading = candidate.section.heading
        if len(heading.split()) > MAX_LIST_TITLE_WORDS or _NOT_STANDARDS.search(heading):
            continue
        if standards is None or candidate.doc.path != standards.path:
            found.append(candidate)
    return found



def _label(listing: Block) -> str:
    return f"section '{listing.section.heading}'" if listing.section.heading else listing.doc.path


def implied_standards(snapshot: Snapshot) -> list[tuple[str, str, re.Pattern[str]]]:
    """(standard, example file, how a list names it) for interface files in the tree."""
    implied = []
    specs = api_spec_files(snapshot)
    for file_pattern, name, naming in _IMPLIED:
        example = next((p for p in specs if file_pattern.search(p)), None)
        if example:
            implied.append((name, example, naming))
    return implied


@check(
    id="standards-listed",
    title="Standards in use are listed, linked and marked",
    requirements=["OS-2", "OS-3"],
    strength=Strength.STRONG,
    why=(
        "A list of the standards the codebase uses, with links, tells others how to exchange "
        "data with it and which parts are open to everyone."
    ),
    how_to_fix=(
        "Add a 'Standards' section or STANDARDS.md listing every standard the software uses "
        "with a link to each, marking any that are not open (or stating that none are used)."
    ),
    limitations=(
        "It finds a list by its title only: standards listed under 'Interoperability', "
        "'Specifications' or 'Protocols' are missed and the check fails. One link anywhere in "
        "the list passes OS-3, even when other entries have none. Standards left out of the "
        "list are only noticed when an interface description file (OpenAPI, AsyncAPI, GraphQL, "
        "protobuf, XSD, WSDL, RAML) implies them; formats and protocols used in the code alone "
        "go unnoticed. Whether listed standards are open, and marked as such, is always left "
        "to a person (OS-2)."
    ),
    examples=[
        Example("A Standards section with links, covering the API description",
                {"README.md": _LIST_EXAMPLE, "api/openapi.yaml": "openapi: 3.1.0\n"},
                {"OS-3": "pass", "OS-2": "manual"}),
        Example("The list leaves out the protobuf interface",
                {"README.md": _LIST_EXAMPLE, "api/permits.proto": "syntax = 'proto3';\n"},
                {"OS-3": "warn", "OS-2": "manual"}),
        Example("Standards are named but not linked",
                {"README.md": "# Permits\n\n## Standards\n\nWe use OpenAPI and "
                              "GeoJSON.\n"},
                {"OS-3": "fail", "OS-2": "manual"}),
        Example("No list of standards",
                {"README.md": "# Permits\n\nApply for parking permits online.\n"},
                {"OS-3": "fail", "OS-2": "manual"}),
    ],
)
def standards_listed(context: CheckContext) -> Iterator[Finding]:
    """Looks for a STANDARDS or OPEN_STANDARDS file (root, docs/ or .github/) or a
    documentation section with a short title such as 'Standards' or 'Open standards' (in
    several languages; not coding or style standards, codes of conduct or change logs). OS-3
    passes on a list with a link, but warns when an interface description in the tree
    (OpenAPI, AsyncAPI, GraphQL, protobuf, XSD, WSDL, RAML) implies a standard the list does not
    name; it also passes on a statement that no standards are used. A list without links fails;
    with no list at all it asks a person (manual) when the README links to documentation hosted
    elsewhere, and fails otherwise. OS-2 is always left to a person, who confirms that
    non-open standards are marked."""
    snapshot = context.snapshot
    lists = standards_list(snapshot)
    linked = [b for b in lists if any(link.url.startswith(("http", "/", "."))
                                      for link in b.links)]
    statement = next(search_docs(documents(snapshot).all(), _NO_STANDARDS), None)
    if linked:
        listing = linked[0]
        listed_text = "\n".join([b.text + " " + " ".join(link.url for link in b.links)
                                 for b in lists])
        missing = [(name, example) for name, example, naming in implied_standards(snapshot)
                   if not naming.search(listed_text)]
        if missing:
            yield warned("OS-3", "The list of standards leaves out standards the interfaces "
                                 "use.", listing.evidence(f"list in {_label(listing)}"),
                         *(Evidence(f"{name} is used but not listed", example)
                           for name, example in missing))
        else:
            # A 'Standards' heading in a manual page deep in docs/ may be about something else
            # (standards the product helps its users meet).
            yield passed("OS-3", "The standards in use are listed with links.",
                         listing.evidence(f"list in {_label(listing)} with "
                                          f"{len(listing.links)} links"),
                         strength=Strength.STRONG if is_process_document(listing.doc)
                         else Strength.WEAK)
        marked = _MARKED.search(listed_text)
        yield needs_person("OS-2", "A person should confirm that every non-open standard in "
                                   "the list is marked as such." + (
                                       "" if marked else " No entry is marked open or closed."),
                           listing.evidence(f"list in {_label(listing)}"))
        return
    if statement is not None:
        doc, line, match = statement
        where = Evidence(f"statement: '{match.group(0)}'", doc.path, line)
        yield passed("OS-3", "The documentation states that no standards are used.", where,
                     strength=Strength.WEAK)
        yield needs_person("OS-2", "A person should confirm no non-open standards are used.",
                           where)
        return
    searched = Evidence("looked for STANDARDS files and 'Standards' sections with links")
    if lists:
        unlinked = lists[0].evidence(f"list in {_label(lists[0])} has no links")
        yield failed("OS-3", "Standards are listed but without links.", unlinked)
        yield needs_person("OS-2", "A person should confirm non-open standards are marked.",
                           unlinked)
        return
    external = external_docs_evidence(documents(snapshot))
    if external is not None:
        yield needs_person("OS-3", "No list of standards here; documentation is hosted "
                                   "elsewhere, so a person should check it.", external, searched)
    else:
        yield failed("OS-3", "The documentation does not list the standards in use.", searched)
    yield needs_person("OS-2", "There is no list of standards in which to mark non-open ones.",
                       searched)


@check(
    id="open-standards-use",
    title="Data exchange uses open, testable standards",
    requirements=["OS-1", "OS-4", "OS-5", "OS-6", "OS-7"],
    strength=Strength.WEAK,
    why=(
        "Open standards let anyone build software that works with the codebase, so nobody is "
        "locked in and collaboration stays possible."
    ),
    how_to_fix=(
        "Exchange data through open standards (OpenAPI, GeoJSON, OpenID Connect...), name them "
        "in the documentation, and validate interface descriptions automatically in CI."
    ),
    limitations=(
        "It cannot tell whether a standard is open or whether the code really follows it, so "
        "it never passes: every requirement is left to a person, apart from the OS-1 warning. "
        "That warning is weak evidence both ways: any mention of a common format such as JSON, "
        "XML or CSV anywhere in the documentation avoids it, and software that exchanges data "
        "without an interface description file in the tree never gets it."
    ),
    examples=[
        Example("An OpenAPI description that CI validates",
                {"README.md": "# Permits\n\nThe API is described in OpenAPI.\n",
                 "api/openapi.yaml": "openapi: 3.1.0\n",
                 ".github/workflows/lint.yml": "on: pull_request\njobs:\n  lint:\n"
                                               "    runs-on: ubuntu-latest\n    steps:\n"
                                               "      - run: npx spectral lint "
                                               "api/openapi.yaml\n"},
                {"OS-1": "manual", "OS-6": "manual"}),
        Example("A protobuf interface the documentation never names",
                {"README.md": "# Permits\n\nApply for parking permits online.\n",
                 "api/permits.proto": "syntax = 'proto3';\n"},
                {"OS-1": "warn", "OS-4": "manual"}),
    ],
)
def open_standards_use(context: CheckContext) -> Iterator[Finding]:
    """Lists the interface description files in the tree (OpenAPI, AsyncAPI, GraphQL,
    protobuf, XSD, WSDL, RAML) and the well-known standards the documentation names (OpenAPI,
    GeoJSON, OpenID Connect, WCAG, CSV, JSON...). OS-1 warns when there are interface files but
    the documentation names no standard, and otherwise asks a person (manual) with that
    evidence. OS-4, OS-5 and OS-7 always ask a person; OS-6 does too, noting when a CI
    workflow validates the specifications (Spectral, Redocly, ajv, buf and the like)."""
    snapshot = context.snapshot
    specs = api_spec_files(snapshot)
    docs = list(documents(snapshot).all())
    named = []
    for doc, line, match in search_docs(docs, KNOWN_STANDARDS, limit=100_000):
        if match.group(0).lower() not in {n[0].lower() for n in named}:
            named.append((match.group(0), Evidence(f"mentions {match.group(0)}", doc.path, line)))
        if len(named) >= 6:
            break
    interfaces = [Evidence("interface description", p) for p in specs[:5]]
    evidence = interfaces + [e for _, e in named]
    if specs and not named:
        yield warned("OS-1", "The software has interfaces, but the documentation names no "
                             "standard they follow.", *interfaces)
    else:
        yield needs_person("OS-1", "A person should confirm data exchange uses open standards "
                                   "that meet the OSI Open Standard Requirements.", *evidence)
    yield needs_person("OS-4", "A person should confirm no non-open standard stands in the way "
                               "of collaboration or reuse.", *evidence[:3])
    yield needs_person("OS-5", "A person should say whether an open standard had to be created "
                               "where none existed (usually not applicable).")
    validation = _spec_validation(snapshot)
    yield needs_person("OS-6", "A person should confirm machine-testable open standards were "
                               "preferred." + (" CI validates interface descriptions."
                                               if validation else ""),
                       *([validation] if validation else []))
    yield needs_person("OS-7", "A person should confirm that, where non-open standards are "
                               "used, machine-testable ones were chosen (often not applicable).")


def _spec_validation(snapshot: Snapshot) -> Evidence | None:
    commands = ci_config(snapshot).search(_SPEC_VALIDATION)
    if not commands:
        return None
    command = commands[0]
    return Evidence(f"CI validates specifications ('{command.text.strip()[:80]}')", command.path,
                    command.line)
