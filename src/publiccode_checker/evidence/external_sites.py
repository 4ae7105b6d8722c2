"""Where links point: forges, documentation sites, legislation portals and generic hosts.

Several rules ask the same questions of a URL: is it on a forge, is it documentation kept
outside the repository, is it an official source of law, or a host every project links to.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from publiccode_checker.core.model import Evidence
from publiccode_checker.evidence.documents import Document, DocumentSet, Link
from publiccode_checker.snapshots import RepositoryFacts

LEGISLATION_HOSTS = (
    "eur-lex.europa.eu", "retsinformation.dk", "wetten.overheid.nl", "officielebekendmakingen.nl",
    "lokaleregelgeving.overheid.nl", "normattiva.it", "gazzettaufficiale.it",
    "legislation.gov.uk", "legifrance.gouv.fr", "gesetze-im-internet.de", "lovdata.no",
    "finlex.fi", "riksdagen.se", "boe.es", "ejustice.just.fgov.be", "legilux.public.lu",
    "ris.bka.gv.at", "fedlex.admin.ch", "ecfr.gov", "congress.gov", "law.cornell.edu",
)
#: Hosts every project links to (standards bodies, forges, CDNs, big platforms): a link to one
#: says nothing about a particular deployment.
GENERIC_HOSTS = re.compile(
    r"(^|\.)(example\.(com|org|net)|example|test|invalid|localhost|127\.0\.0\.1|0\.0\.0\.0|"
    r"schemastore\.org|w3\.org|schema\.org|"
    r"json-schema\.org|purl\.org|xml\.org|xmlsoap\.org|openid\.net|ietf\.org|iana\.org|"
    r"github\.com|githubusercontent\.com|github\.io|gitlab\.com|bitbucket\.org|npmjs\.(com|org)|"
    r"unpkg\.com|jsdelivr\.net|cloudflare\.com|cdnjs\.com|googleapis\.com|gstatic\.com|"
    r"google\.com|microsoft\.com|apple\.com|mozilla\.org|python\.org|pypi\.org|php\.net|"
    r"golang\.org|go\.dev|apache\.org|gnu\.org|opensource\.org|creativecommons\.org|spdx\.org|"
    r"wikipedia\.org|wikimedia\.org|stackoverflow\.com|readthedocs\.(io|org)|"
    r"openstreetmap\.org|gravatar\.com|youtube\.com|twitter\.com|x\.com|facebook\.com|"
    r"linkedin\.com|instagram\.com|oasis-open\.org|opengis\.net|ogc\.org|maven\.org|"
    r"symfony\.com|drupal\.org|wordpress\.org|nodejs\.org|reactjs\.org|vuejs\.org|"
    r"angular\.io|djangoproject\.com|docker\.(com|io)|shields\.io|sentry\.io|jquery\.com|"
    r"getbootstrap\.com|fontawesome\.com|fonts\.net|tile\.osm\.org|osm\.org|"
    r"standardforpubliccode\.org|europa\.eu|semver\.org|keepachangelog\.com|"
    r"letsencrypt\.org|w3c\.github\.io)$",
    re.IGNORECASE,
)
FORGE_HOSTS = ("github.com", "gitlab.com", "codeberg.org", "bitbucket.org", "gitea.com",
               "sr.ht", "git.sr.ht", "framagit.org", "salsa.debian.org")
_DOCS_HOST = re.compile(
    r"(readthedocs\.(io|org)|gitbook\.io|\.github\.io|\.gitlab\.io|docs\.|documentation\.|"
    r"manual\.|handbook\.|\.gitbook\.com|wiki\.)",
    re.IGNORECASE,
)
_DOCS_LINK_TEXT = re.compile(
    r"\b(documentation|docs|manual|handbook|user guide|wiki|dokumentation|documentatie|"
    r"documentazione)\b",
    re.IGNORECASE,
)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_page_link(url: str) -> bool:
    """An http(s) link, or a relative one: on a forge, ``../../security/advisories/new`` in a
    repository file opens that repository's page, so it counts as much as the full address."""
    lowered = url.strip().lower()
    if lowered.startswith(("http://", "https://")):
        return True
    return bool(lowered) and ":" not in lowered.split("/", 1)[0] and not lowered.startswith("#")


def forge_repository(facts: RepositoryFacts) -> str | None:
    """owner/name of the evaluated repository in lower case, when the forge said so."""
    for name in ("full_name", "html_url"):
        value = getattr(facts, name) if facts.known(name) else None
        if isinstance(value, str) and value.strip():
            path = urlsplit(value.strip()).path if "://" in value else value
            return path.strip("/").lower().removesuffix(".git") or None
    return None


def is_forge_url(url: str) -> bool:
    host = host_of(url)
    return any(host == h or host.endswith("." + h) for h in FORGE_HOSTS)


def external_docs_link(docs: DocumentSet) -> tuple[Document, Link] | None:
    """A README link to documentation hosted outside this repository (doc site, wiki)."""
    if docs.readme is None:
        return None
    for link in docs.readme.links:
        url = link.url
        if not url.lower().startswith(("http://", "https://")):
            continue
        host = host_of(url)
        if "shields.io" in host or "badge" in url.lower():
            continue
        if _DOCS_HOST.search(host) or "/wiki" in url.lower():
            return docs.readme, link
        if _DOCS_LINK_TEXT.search(link.text) and not is_forge_url(url):
            return docs.readme, link
        if _DOCS_LINK_TEXT.search(link.text) and is_forge_url(url) and "/blob/" not in url:
            return docs.readme, link
    return None


def external_docs_evidence(docs: DocumentSet) -> Evidence | None:
    found = external_docs_link(docs)
    if found is None:
        return None
    doc, link = found
    return Evidence(f"documentation hosted elsewhere: {link.url}", doc.path, link.line,
                    url=link.url)
