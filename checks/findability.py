"""Make the codebase findable: name, description, website, identifiers and visibility."""

from __future__ import annotations

import re
from collections.abc import Iterator

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    info,
    needs_person,
    passed,
    unknown,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence.documents import documents
from publiccode_checker.evidence.external_sites import GENERIC_HOSTS, host_of, is_forge_url
from publiccode_checker.evidence.markdown_sections import count_words
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.evidence.section_blocks import blocks_matching
from publiccode_checker.evidence.text_search import search_docs
from publiccode_checker.snapshots import Snapshot

# -- FI-1 ---------------------------------------------------------------------------------------

_SPLIT = re.compile(r"[-_.\s/]+")
_CAMEL = re.compile(r"[A-Z]+[a-z0-9]*|[a-z0-9]+|[A-Z]+(?![a-z])")
_NO_VOWEL = re.compile(r"^[b-df-hj-np-tv-xz]+$", re.IGNORECASE)
#: Short words that are words, not abbreviations.
_SHORT_WORDS = frozenset(
    "a an the and or for of to in on by at my our your app web map bot hub kit lab box pay job "
    "art car bus tax law aid air sea all new one two use get set run log key net sun eat fix "
    "way day bin can go".split(),
)


def _name_tokens(name: str) -> list[str]:
    tokens = []
    for part in _SPLIT.split(name):
        if part:
            tokens.extend(_CAMEL.findall(part) if not part.islower() else [part])
    return tokens


def flagged_tokens(name: str, owner: str | None = None) -> list[str]:
    """Tokens of a name that look like acronyms, abbreviations or organisation branding."""
    flagged = []
    for token in _name_tokens(name):
        lower = token.lower()
        reason = None
        if any(c.isdigit() for c in token):
            reason = "contains digits"
        elif len(token) >= 2 and token.isupper():
            reason = "acronym"
        elif owner and lower == owner.lower():
            reason = "organisation name"
        elif (len(token) <= 3 and lower not in _SHORT_WORDS) or (
            len(token) <= 5 and _NO_VOWEL.match(token)
        ):
            reason = "abbreviation"
        if reason and f"{token} ({reason})" not in flagged:
            flagged.append(f"{token} ({reason})")
    return flagged


def _names(snapshot: Snapshot) -> list[tuple[str, Evidence]]:
    names = []
    facts = snapshot.facts
    if facts.known("full_name") and isinstance(facts.full_name, str):
        names.append((facts.full_name.rsplit("/", 1)[-1], Evidence(
            f"repository name {facts.full_name}")))
    pc = publiccode(snapshot)
    if isinstance(pc.get("name"), str) and pc.get("name").strip():
        names.append((pc.get("name"), Evidence(f"publiccode.yml name '{pc.get('name')}'",
                                               pc.path, pc.key_line("name"))))
    if not names:
        readme = documents(snapshot).readme
        title = next((s for s in readme.sections if s.level == 1), None) if readme else None
        if title is not None and title.heading:
            names.append((title.heading, Evidence(f"README title '{title.heading}'",
                                                  readme.path, title.line)))
    return names


def _owner(snapshot: Snapshot) -> str | None:
    facts = snapshot.facts
    if facts.known("owner") and isinstance(facts.owner, str):
        return facts.owner
    if facts.known("full_name") and isinstance(facts.full_name, str) and "/" in facts.full_name:
        return facts.full_name.split("/", 1)[0]
    return None


@check(
    id="descriptive-name",
    title="The name describes the codebase",
    requirements=["FI-1"],
    strength=Strength.WEAK,
    why=(
        "A plain, descriptive name helps people who have the same problem find and recognise "
        "the codebase; acronyms and branding hide what it does."
    ),
    how_to_fix=(
        "Choose a name made of plain words that says what the software does, without acronyms, "
        "abbreviations, puns or your organisation's name; use it in publiccode.yml and README."
    ),
    limitations=(
        "It judges the shape of the words, not what they mean: an invented or poetic name "
        "('Aurora', 'Phoenix') passes although it says nothing about what the software does. "
        "Short words outside its small English list are taken for abbreviations, so 'Byg "
        "tilladelser' or a well-known acronym such as GIS warns. Branding is only caught when a "
        "word equals the owner account exactly: 'amsterdam' in a repository of the account "
        "'gemeente-amsterdam' passes."
    ),
    examples=[
        Example("Plain words in the repository name and publiccode.yml",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Parking permits\n"},
                {"FI-1": "pass"},
                facts={"full_name": "example-city/parking-permits", "owner": "example-city"}),
        Example("An abbreviation and the organisation's name in the repository name",
                {"README.md": "# PPMS\n\nParking permits for residents.\n"},
                {"FI-1": "warn"},
                facts={"full_name": "examplecity/examplecity-ppms", "owner": "examplecity"}),
        Example("No repository name, publiccode.yml or README title to judge",
                {"src/app.py": "print('permits')\n"},
                {"FI-1": "unknown"}),
    ],
)
def descriptive_name(context: CheckContext) -> Iterator[Finding]:
    """Collects the names the codebase goes by: the repository name from the forge and `name`
    in publiccode.yml, or, only when neither is known, the README's first top-level heading.
    Each name is split into words (at dashes, dots, spaces and camel case). It warns when a word
    contains digits, is written in capitals (an acronym), equals the owner's account name, or is
    a short word (three letters or fewer, not on a list of common English words) or a vowelless
    one of up to five letters; it passes when no word is flagged, and says unknown when no name
    is found at all."""
    snapshot = context.snapshot
    names = _names(snapshot)
    if not names:
        yield unknown("FI-1", "The name of the codebase is not known.",
                      Evidence("no repository name, publiccode.yml name or README title"))
        return
    owner = _owner(snapshot)
    problems = []
    for name, where in names:
        flagged = flagged_tokens(name, owner)
        if flagged:
            problems.append(Evidence(f"'{name}': {', '.join(flagged)}", where.path, where.line))
    if problems:
        yield warned("FI-1", "The name contains acronyms, abbreviations or branding; a person "
                             "should judge whether it is still descriptive.", *problems)
    else:
        yield passed("FI-1", "The name is made of plain words.", *(w for _, w in names))


# -- FI-2 ---------------------------------------------------------------------------------------


def short_descriptions(snapshot: Snapshot) -> list[tuple[str, Evidence]]:
    pc = publiccode(snapshot)
    found = []
    descriptions = pc.get("description")
    if isinstance(descriptions, dict):
        for language, body in descriptions.items():
            text = body.get("shortDescription") if isinstance(body, dict) else None
            if isinstance(text, str) and text.strip():
                found.append((text.strip(), Evidence(
                    f"publiccode.yml description.{language}.shortDescription", pc.path,
                    pc.key_line("description"))))
    return found


@check(
    id="short-description",
    title="A short description says what the codebase does",
    requirements=["FI-2"],
    strength=Strength.DECISIVE,
    why="A one-line description lets people see in search results whether the codebase fits.",
    how_to_fix=(
        "Fill in the repository description on the forge and description.<language>"
        ".shortDescription in publiccode.yml with one sentence saying what the software does."
    ),
    limitations=(
        "It counts words, not meaning: 'Source code repository' passes. The README's first "
        "sentence is never read, so a repository checked offline (no forge description) without "
        "publiccode.yml warns even when its README opens with a good one-line summary. A stale "
        "or wrong forge description passes and hides a better shortDescription."
    ),
    examples=[
        Example("A description on the forge",
                {"README.md": "# Parking permits\n"},
                {"FI-2": "pass"},
                facts={"description": "Apply for and renew parking permits online"}),
        Example("A shortDescription in publiccode.yml",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Parking permits\n"
                                   "description:\n  en:\n    shortDescription: Apply for "
                                   "and renew parking permits online\n"},
                {"FI-2": "pass"}),
        Example("A two-word forge description and no publiccode.yml",
                {"README.md": "# Parking permits\n\nApply for a parking permit online.\n"},
                {"FI-2": "warn"},
                facts={"description": "Permits app"}),
    ],
)
def short_description(context: CheckContext) -> Iterator[Finding]:
    """Passes on the forge's repository description when it has three words or more, or else on
    the first `description.<language>.shortDescription` in publiccode.yml of three words or
    more. Otherwise it warns, noting when the forge description was not gathered; it never
    fails."""
    snapshot = context.snapshot
    facts = snapshot.facts
    evidence = []
    if facts.known("description"):
        text = facts.description if isinstance(facts.description, str) else ""
        if count_words(text) >= 3:
            yield passed("FI-2", "The repository has a description.",
                         Evidence(f"repository description: '{text[:120]}'"))
            return
        evidence.append(Evidence("the repository description is empty or shorter than "
                                 "three words"))
    for text, where in short_descriptions(snapshot):
        if count_words(text) >= 3:
            yield passed("FI-2", "publiccode.yml has a short description.",
                         Evidence(f"{where.message}: '{text[:120]}'", where.path, where.line))
            return
    if not facts.known("description"):
        evidence.append(Evidence("the repository description was not gathered"))
    evidence.append(Evidence("no publiccode.yml shortDescription of three words or more"))
    yield warned("FI-2", "No short description of what the codebase does.", *evidence)


# -- FI-4 and FI-9 ------------------------------------------------------------------------------

_SITE_TEXT = re.compile(r"\b(web ?site|homepage|home page|project site|product site|"
                        r"landing page|hjemmeside|webside|sito|webseite)\b", re.IGNORECASE)
_SHARED_HOSTING = re.compile(
    r"(\.github\.io|\.gitlab\.io|\.readthedocs\.(io|org)|\.netlify\.app|\.vercel\.app|"
    r"\.pages\.dev|\.herokuapp\.com|\.wordpress\.com|\.blogspot\.com|sites\.google\.com|"
    r"\.gitbook\.io|\.codeberg\.page)$",
    re.IGNORECASE,
)
_NOT_PRODUCT = re.compile(r"shields\.io|badge|licen[cs]e|opensource\.org|gnu\.org|"
                          r"creativecommons|readthedocs|spdx\.org", re.IGNORECASE)


def product_site(snapshot: Snapshot) -> Evidence | None:
    facts = snapshot.facts
    if facts.known("homepage") and isinstance(facts.homepage, str) and facts.homepage.strip():
        return Evidence(f"repository homepage {facts.homepage}", url=facts.homepage)
    pc = publiccode(snapshot)
    landing = pc.get("landingURL")
    if isinstance(landing, str) and landing.strip():
        return Evidence(f"publiccode.yml landingURL {landing}", pc.path,
                        pc.key_line("landingURL"), url=landing)
    readme = documents(snapshot).readme
    if readme is None:
        return None
    for link in readme.links:
        url = link.url
        if not url.lower().startswith(("http://", "https://")) or is_forge_url(url) \
                or _NOT_PRODUCT.search(url):
            continue
        host = host_of(url)
        if not host or GENERIC_HOSTS.search(host):
            continue
        path = url.split(host, 1)[-1].split("?", 1)[0].split("#", 1)[0]
        if _SITE_TEXT.search(link.text) or path in ("", "/"):
            return Evidence(f"website linked from the README: {url}", readme.path, link.line,
                            url=url)
    return None


@check(
    id="product-website",
    title="A website explains the problem the codebase solves",
    requirements=["FI-4", "FI-9"],
    strength=Strength.WEAK,
    why=(
        "Decision makers, policy experts and technical staff look for solutions on the web; a "
        "website in their terms helps them find and choose the codebase."
    ),
    how_to_fix=(
        "Publish a website that explains the problem the software solves for each audience, "
        "set it as the repository homepage and as landingURL in publiccode.yml."
    ),
    limitations=(
        "It never opens the website, so whether it explains the problem to decision makers and "
        "others (FI-4) is always left to a person. A README link to the root of any site that is "
        "not a forge or a common platform counts as the website, so the vendor's or the city's "
        "front page, or a demo instance, is taken for a product site. FI-9 passes for any host "
        "outside its list of shared hosting, including a page on the municipality's own domain; "
        "only the first website found (forge homepage, then landingURL, then README) is judged."
    ),
    examples=[
        Example("publiccode.yml names a site on its own domain",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Parking permits\n"
                                   "landingURL: https://parkingpermits.eu\n"},
                {"FI-4": "manual", "FI-9": "pass"}),
        Example("The forge homepage is a GitHub Pages site",
                {"README.md": "# Parking permits\n"},
                {"FI-4": "manual", "FI-9": "info"},
                facts={"homepage": "https://example-city.github.io/permits"}),
        Example("The README links only to the forge",
                {"README.md": "# Parking permits\n\nCode and issues on "
                              "[GitHub](https://github.com/example-city/permits).\n"},
                {"FI-4": "warn", "FI-9": "info"}),
    ],
)
def product_website(context: CheckContext) -> Iterator[Finding]:
    """Takes the first website it finds: the forge's homepage field, publiccode.yml
    `landingURL`, or a README link outside forges, badges, licence sites and common platforms
    whose text says website or homepage or which points at a site's root. With none, FI-4 warns
    and FI-9 is info. With one, FI-4 asks a person (manual) to confirm the site explains the
    problem for each audience, and FI-9 passes when the host is not shared hosting (github.io,
    readthedocs, netlify and the like) or a forge, and is info otherwise."""
    snapshot = context.snapshot
    site = product_site(snapshot)
    if site is None:
        yield warned("FI-4", "No website about the codebase was found.",
                     Evidence("looked at the repository homepage, publiccode.yml landingURL and "
                              "README links outside the forge"))
        yield info("FI-9", "No website, so no dedicated domain name.")
        return
    yield needs_person("FI-4", "A website was found; a person should confirm it explains the "
                               "problem for different audiences.", site)
    host = host_of(site.url or "")
    if host and not _SHARED_HOSTING.search(host) and not is_forge_url(site.url or ""):
        yield passed("FI-9", f"The codebase has its own domain name ({host}).", site)
    else:
        yield info("FI-9", "The website is hosted on a shared domain.", site)


# -- FI-5 and FI-6 ------------------------------------------------------------------------------


@check(
    id="search-engine-findability",
    title="Search engines find the codebase",
    requirements=["FI-5", "FI-6"],
    strength=Strength.WEAK,
    why=(
        "People looking for a solution search by name or by describing their problem; the "
        "codebase should show up either way."
    ),
    how_to_fix=(
        "Use the codebase's name and plain words for the problem it solves in the repository "
        "description, topics, README title and website, then search for both."
    ),
    limitations=(
        "It cannot search the web, so both requirements are always left to a person (manual), "
        "whatever the repository holds; the evidence only lists the names, description, topics "
        "and publiccode.yml categories a searcher could try. Missing descriptions or topics "
        "are not reported as a problem here (short-description covers FI-2)."
    ),
    examples=[
        Example("Name, description and topics to search with",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Parking permits\n"
                                   "categories:\n  - permits\n"},
                {"FI-5": "manual", "FI-6": "manual"},
                facts={"full_name": "example-city/parking-permits",
                       "description": "Apply for parking permits online",
                       "topics": ("parking", "permits")}),
        Example("Nothing known about the codebase",
                {"src/app.py": "print('permits')\n"},
                {"FI-5": "manual", "FI-6": "manual"}),
    ],
)
def search_engine_findability(context: CheckContext) -> Iterator[Finding]:
    """Always asks a person (manual) to search the web: for FI-5 by the codebase's name, listing
    the repository name and publiccode.yml `name` (or the README title); for FI-6 by the problem
    it solves, listing the forge description and topics, the publiccode.yml shortDescription and
    categories as words to try. It reads no search results and never passes or fails."""
    snapshot = context.snapshot
    names = [w for _, w in _names(snapshot)]
    yield needs_person("FI-5", "A person should search for the codebase by name.", *names)
    hints = []
    facts = snapshot.facts
    if facts.known("description") and facts.description:
        hints.append(Evidence(f"repository description: '{str(facts.description)[:120]}'"))
    hints += [Evidence(f"{w.message}: '{t[:120]}'", w.path, w.line)
              for t, w in short_descriptions(snapshot)[:1]]
    if facts.known("topics") and facts.topics:
        hints.append(Evidence(f"topics: {', '.join(map(str, list(facts.topics)[:10]))}"))
    categories = publiccode(snapshot).get("categories")
    if isinstance(categories, list) and categories:
        hints.append(Evidence(f"publiccode.yml categories: {', '.join(map(str, categories[:10]))}",
                              publiccode(snapshot).path,
                              publiccode(snapshot).key_line("categories")))
    yield needs_person("FI-6", "A person should search for the problem the codebase solves, "
                               "in everyday words.", *hints)


# -- FI-7 ---------------------------------------------------------------------------------------

IDENTIFIER = re.compile(
    r"wikidata\.org/(?:wiki|entity)/Q\d+|\bdoi\.org/10\.\d{4,9}/\S+|\bdoi:\s*10\.\d{4,9}/\S+|"
    r"zenodo\.org/(?:badge/(?:latestdoi/)?\d+|records?/\d+|doi/10\.\S+)|"
    r"\bswh:1:(?:cnt|dir|rev|rel|snp):[0-9a-f]{40}|directory\.fsf\.org/wiki/\S+",
    re.IGNORECASE,
)
_METADATA_FILES = ("CITATION.cff", "codemeta.json", ".zenodo.json", "publiccode.yml",
                   "publiccode.yaml")


@check(
    id="persistent-identifier",
    title="A persistent identifier names the codebase",
    requirements=["FI-7"],
    strength=Strength.WEAK,
    why=(
        "A persistent identifier, such as a Wikidata item or a DOI, lets catalogues and people "
        "refer to the codebase, its repository and website unambiguously, even when URLs move."
    ),
    how_to_fix=(
        "Create a Wikidata item (or a DOI, for example through Zenodo) naming the main "
        "contributors, the repository and the website, and link it from the README."
    ),
    limitations=(
        "Any Wikidata item, DOI, Zenodo record or SWHID in the documentation passes, even one "
        "that names a paper the project cites or a dependency rather than this codebase. An "
        "identifier kept only in a catalogue or on the website, or written in a form it does "
        "not know (a Handle, an ARK, a bare Q-number), gives a warning."
    ),
    examples=[
        Example("The README links to a Wikidata item",
                {"README.md": "# Parking permits\n\nWikidata: "
                              "https://www.wikidata.org/wiki/Q123456789\n"},
                {"FI-7": "pass"}),
        Example("A DOI in CITATION.cff",
                {"CITATION.cff": "cff-version: 1.2.0\ntitle: Parking permits\n"
                                 "doi: 10.5281/zenodo.1234567\n"},
                {"FI-7": "pass"}),
        Example("No identifier anywhere",
                {"README.md": "# Parking permits\n\nApply for parking permits online.\n"},
                {"FI-7": "warn"}),
    ],
)
def persistent_identifier(context: CheckContext) -> Iterator[Finding]:
    """Searches the documentation (README, community files, docs/), then publiccode.yml,
    CITATION.cff, codemeta.json and .zenodo.json, for a Wikidata item URL, a DOI, a Zenodo
    record or badge, a Software Heritage identifier (SWHID) or an FSF directory page. The
    first one found passes; with none it warns."""
    snapshot = context.snapshot
    hit = next(search_docs(documents(snapshot).all(), IDENTIFIER), None)
    if hit is not None:
        doc, line, match = hit
        yield passed("FI-7", "A persistent identifier was found.",
                     Evidence(f"identifier {match.group(0)}", doc.path, line))
        return
    for path in _METADATA_FILES:
        text = snapshot.read_text(path, 256 * 1024) if snapshot.exists(path) else None
        match = IDENTIFIER.search(text) if text else None
        if match is not None:
            yield passed("FI-7", "A persistent identifier was found.",
                         Evidence(f"identifier {match.group(0)}", path,
                                  text.count("\n", 0, match.start()) + 1))
            return
    yield warned("FI-7", "No persistent identifier (Wikidata item, DOI, SWHID) was found.",
                 Evidence("searched the documentation, publiccode.yml, CITATION.cff and "
                          "codemeta.json"))


# -- FI-10 --------------------------------------------------------------------------------------

_TALKS_HEADING = re.compile(r"\b(talks?|presentations?|conferences?|slides|videos?|webinars?|"
                            r"in the media|press|foredrag|presentaties|presentazioni)\b",
                            re.IGNORECASE)
_TALK_HOSTS = re.compile(r"fosdem\.org|media\.ccc\.de|slideshare\.net|speakerdeck\.com|"
                         r"pretalx|sched\.com|youtube\.com/watch|youtu\.be|vimeo\.com",
                         re.IGNORECASE)


@check(
    id="conference-presentations",
    title="The codebase is presented at conferences",
    requirements=["FI-10"],
    strength=Strength.WEAK,
    why="Talks at conferences make the codebase known to people who could reuse or improve it.",
    how_to_fix="List talks and presentations about the codebase in a 'Talks' section.",
    limitations=(
        "A section headed Talks, Presentations, Videos or Press counts as soon as it holds any "
        "link, even to a talk about something else; any YouTube or Vimeo video linked from "
        "the documentation counts too, such as a screencast. Talks listed only on the website "
        "or a conference site are not seen, and the result is then only info, never a failure."
    ),
    examples=[
        Example("A Talks section with a linked presentation",
                {"README.md": "# Parking permits\n\n## Talks\n\n- [Permits at a city "
                              "conference](https://conf.example-city.eu/2025/permits)\n"},
                {"FI-10": "pass"}),
        Example("No talks listed",
                {"README.md": "# Parking permits\n\nApply for parking permits online.\n"},
                {"FI-10": "info"}),
    ],
)
def conference_presentations(context: CheckContext) -> Iterator[Finding]:
    """Passes when a documentation section headed Talks, Presentations, Conferences, Slides,
    Videos, Webinars or Press (or their Danish, Dutch or Italian words) holds a link, or when
    any documentation links to a talk host (FOSDEM, media.ccc.de, SlideShare, Speaker Deck, a
    pretalx or sched page, YouTube or Vimeo). Otherwise it reports info: no talks listed."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    block = next((b for b in blocks_matching(docs.all(), _TALKS_HEADING) if b.links), None)
    if block is not None:
        yield passed("FI-10", "Presentations about the codebase are listed.",
                     block.evidence(f"section '{block.section.heading}'"))
        return
    for doc, link in docs.links():
        if _TALK_HOSTS.search(link.url):
            yield passed("FI-10", "A recorded talk or slides are linked.",
                         Evidence(f"link {link.url}", doc.path, link.line, url=link.url))
            return
    yield info("FI-10", "No conference presentations are listed.")
