"""Document the code: functionality, installation, examples, overview, standalone runs, design.

Also home to small documentation helpers the other documentation checks share: sections with
their sub-sections, links to documentation hosted elsewhere, and API description files.
"""

from __future__ import annotations

import posixpath
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
from publiccode_checker.evidence.documents import DOCS_DIRS, Document, DocumentSet, documents
from publiccode_checker.evidence.external_sites import external_docs_evidence
from publiccode_checker.evidence.language import clean_prose, detect_language, readability
from publiccode_checker.evidence.markdown_sections import count_words
from publiccode_checker.evidence.path_index import api_spec_files, path_index
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.evidence.section_blocks import Block, blocks_matching, readme_intro
from publiccode_checker.snapshots import Snapshot


def english_long_description(snapshot: Snapshot) -> tuple[str, str] | None:
    """publiccode.yml ``description.<English>.longDescription``, with its language key."""
    descriptions = publiccode(snapshot).get("description")
    if not isinstance(descriptions, dict):
        return None
    for language, body in descriptions.items():
        if str(language).lower().split("-")[0] in ("en", "eng") and isinstance(body, dict):
            text = body.get("longDescription")
            if isinstance(text, str) and text.strip():
                return str(language), text
    return None


def doc_corpus(snapshot: Snapshot) -> list[Document]:
    return list(documents(snapshot).all())


# -- DC-1 -----------------------------------------------------------------------------------


@check(
    id="functionality-documented",
    title="The functionality is described",
    requirements=["DC-1"],
    strength=Strength.WEAK,
    why=(
        "People who know what the codebase is for need a clear description of everything it "
        "does before they can use, reuse or change it."
    ),
    how_to_fix=(
        "Describe each feature in plain words in the README or in a docs/ folder; for an API, "
        "publish its description (for example an OpenAPI file)."
    ),
    limitations=(
        "It counts words and files, it does not read them: a long README about the team, or a "
        "docs/ folder of meeting notes, turns the warning into a question all the same. It never "
        "passes, so a person always has to read the documentation. Documentation linked from "
        "the README is taken as existing without being opened, and a link that does not look "
        "like documentation (a plain project website) is missed."
    ),
    examples=[
        Example("A one-line README and nothing else",
                {"README.md": "# Permits\n\nApply for a parking permit online.\n"},
                {"DC-1": "warn"}),
        Example("A user guide under docs/",
                {"README.md": "# Permits\n\nApply for a parking permit online.\n",
                 "docs/user-guide.md": "# User guide\n\nResidents fill in the permit form, "
                                       "staff approve it, the permit is mailed.\n"},
                {"DC-1": "manual"}),
        Example("The documentation is a site linked from the README",
                {"README.md": "# Permits\n\nRead the [documentation]"
                              "(https://docs.example-town.eu/permits/).\n"},
                {"DC-1": "manual"}),
    ],
)
def functionality_documented(context: CheckContext) -> Iterator[Finding]:
    """Reads the README's word count, the text files under docs/ (also doc/, documentation/,
    wiki/), API description files (OpenAPI, AsyncAPI, GraphQL, protobuf, WSDL...) and README
    links to documentation hosted elsewhere. Warns when the README has fewer than 150 words and
    none of the others exist; otherwise asks a person (manual) to confirm that every function
    is described. It never passes or fails on its own."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    readme_words = docs.readme.words if docs.readme else 0
    specs = api_spec_files(snapshot)
    external = external_docs_evidence(docs)
    evidence = [Evidence(f"README: {readme_words} words", docs.readme.path if docs.readme
                         else None),
                Evidence(f"{len(docs.docs)} documentation files under docs/")]
    if specs:
        evidence.append(Evidence(f"{len(specs)} API description files", specs[0]))
    if external:
        evidence.append(external)
    if readme_words < 150 and not docs.docs and not specs and external is None:
        yield warned("DC-1", "There is very little documentation of what the software does.",
                     *evidence)
    else:
        yield needs_person("DC-1", "Documentation exists; a person should confirm it describes "
                                   "all functionality clearly.", *evidence)


# -- DC-2 -----------------------------------------------------------------------------------

INSTALL_HEADING = re.compile(
    r"install|getting started|get started|quick ?start|set[- ]?up\b|deploy|running|\brun\b|"
    r"usage|local development|development|build|kom i gang|opsætning|udvikling|aan de slag|"
    r"installatie|ontwikkel|opzetten|installazione|sviluppo|come iniziare|avvio|einrichtung|"
    r"entwicklung|erste schritte",
    re.IGNORECASE,
)
_OFFICE_GUIDE_EXTENSIONS = ("docx", "doc", "odt", "pdf", "rtf")
_OFFICE_GUIDE_NAME = re.compile(r"guide|manual|vejledning|handleiding|guida|anleitung",
                                re.IGNORECASE)
_IMPLEMENTATION = re.compile(r"implement", re.IGNORECASE)
_INSTALL_LINK = re.compile(r"install|setup|set up|getting started|quick ?start|deploy",
                           re.IGNORECASE)
#: Headings that name installing or running the software. The other INSTALL_HEADING words
#: (Usage, Development, Build...) only suggest it, so a section under them is weak evidence.
_NAMES_INSTALLING = re.compile(
    r"install|getting started|get started|quick ?start|set[- ]?up\b|deploy|local development|"
    r"kom i gang|opsætning|aan de slag|opzetten|come iniziare|avvio|einrichtung|erste schritte",
    re.IGNORECASE,
)
_NAMES_RUNNING = re.compile(r"running|\brun\b", re.IGNORECASE)
_NAMES_TESTS = re.compile(r"\btest", re.IGNORECASE)


def _install_heading_strength(heading: str) -> Strength:
    """Strong for a heading about installing or running the software, weak for one that only
    suggests it (Usage, Development, Build, Running the tests)."""
    if _NAMES_INSTALLING.search(heading):
        return Strength.STRONG
    if _NAMES_RUNNING.search(heading) and not _NAMES_TESTS.search(heading):
        return Strength.STRONG
    return Strength.WEAK


@check(
    id="install-instructions",
    title="Installation and running are documented",
    requirements=["DC-2"],
    strength=Strength.STRONG,
    why="Nobody can try, reuse or review the software without knowing how to install and run it.",
    how_to_fix=(
        "Add an 'Installation' (or 'Getting started') section to the README, or an INSTALL.md, "
        "with the requirements and the exact commands to install and start the software."
    ),
    limitations=(
        "It trusts headings: any section called Usage, Build, Development or Running with a code "
        "block or 40 words passes, whether or not it says how to install the software, and "
        "nothing checks that the commands work. Instructions under an unusual heading fail. "
        "Guides hosted elsewhere or kept as Word or PDF files only lead to a question for a "
        "person, since their text is not read."
    ),
    examples=[
        Example("An Installation section with commands",
                {"README.md": "# Permits\n\n## Installation\n\n```sh\npip install permits\n"
                              "permits serve --port 8080\n```\n"},
                {"DC-2": "pass"}),
        Example("An Installation heading with one line under it",
                {"README.md": "# Permits\n\n## Installation\n\nAsk the IT department.\n"},
                {"DC-2": "fail"}),
        Example("The README links to an installation guide elsewhere",
                {"README.md": "# Permits\n\nSee the [installation guide]"
                              "(https://docs.example-town.eu/permits/install).\n"},
                {"DC-2": "manual"}),
    ],
)
def install_instructions(context: CheckContext) -> Iterator[Finding]:
    """Passes when an INSTALL, INSTALLATION or SETUP file has 40 words or a code block, or when
    a section of the README, its translations, CONTRIBUTING or docs/ headed like installation
    (Install, Getting started, Setup, Deploy, Usage, Development, Build, also in Danish, Dutch,
    Italian and German) has a code block or 40 words, sub-sections included. Otherwise it asks
    a person (manual) when the README links to installation instructions, when office or PDF
    guides sit in the root or docs/, or when documentation is hosted elsewhere; it fails when
    the only install section is too short, or when there is none."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    install_doc = docs.get("install")
    if install_doc is not None and (install_doc.words >= 40 or
                                    any(s.code_blocks for s in install_doc.sections)):
        yield passed("DC-2", "Installation instructions found.",
                     Evidence("installation guide", install_doc.path, 1))
        return
    candidates = [d for d in docs.all() if d.kind in ("readme", "docs", "install",
                                                      "readme_translation", "contributing")]
    weak: Block | None = None
    for found in blocks_matching(candidates, INSTALL_HEADING):
        if found.code_blocks or found.words >= 40:
            yield passed("DC-2", "Installation instructions found.",
                         found.evidence(f"section '{found.section.heading}'"),
                         strength=_install_heading_strength(found.section.heading or ""))
            return
        weak = weak or found
    external = external_docs_evidence(docs)
    install_link = _install_link(docs)
    where = Evidence("searched README, INSTALL and docs/ for an installation section")
    office_guides = _office_install_guides(snapshot)
    if install_link is not None:
        yield needs_person("DC-2", "Installation instructions are linked, not included; confirm "
                                   "they are complete.", install_link)
    elif office_guides:
        # The text cannot be read here, but a guide exists: a person decides, not a FAIL.
        yield needs_person("DC-2", "Installation guides seem to be kept as office or PDF "
                                   "documents; confirm they explain how to install and run the "
                                   "software (text formats such as Markdown are easier to keep "
                                   "current).", *(Evidence("guide document", p)
                                                  for p in office_guides[:3]), where)
    elif external is not None:
        yield needs_person("DC-2", "Documentation is hosted elsewhere; confirm it explains how "
                                   "to install and run the software.", external, where)
    elif weak is not None:
        yield failed("DC-2", "The installation section is too short to follow.",
                     weak.evidence(f"section '{weak.section.heading}' has {weak.words} words "
                                   "and no commands"))
    else:
        yield failed("DC-2", "No installation instructions found.", where)


def _office_install_guides(snapshot: Snapshot) -> list[str]:
    """Office or PDF documents in the root or a docs folder named like an installation guide."""
    found = []
    for path in path_index(snapshot).with_ext(*_OFFICE_GUIDE_EXTENSIONS):
        directory, _, name = path.rpartition("/")
        if directory and directory.split("/", 1)[0].lower() not in DOCS_DIRS:
            continue
        stem = name.rsplit(".", 1)[0]
        installs = bool(INSTALL_HEADING.search(stem) or _IMPLEMENTATION.search(stem))
        if installs or _OFFICE_GUIDE_NAME.search(stem):
            found.append((not installs, path))
    # Guides named for installation first, then general manuals.
    return [path for _, path in sorted(found)]


def _install_link(docs: DocumentSet) -> Evidence | None:
    if docs.readme is None:
        return None
    for link in docs.readme.links:
        if link.url.startswith(("http://", "https://")) and (
            _INSTALL_LINK.search(link.text) or _INSTALL_LINK.search(link.url)
        ) and "/blob/" not in link.url:
            return Evidence(f"install instructions linked: {link.url}", docs.readme.path,
                            link.line, url=link.url)
    return None


# -- DC-3 and DC-6 --------------------------------------------------------------------------

EXAMPLES_HEADING = re.compile(
    r"\b(examples?|usage|demo|tutorials?|how to use|screenshots?|use cases?|walkthrough|"
    r"eksempler?|voorbeelden|esempi|gebruik|brug|utilizzo)\b",
    re.IGNORECASE,
)
_EXAMPLE_DIRS = frozenset({"examples", "example", "demo", "demos", "samples", "sample",
                           "tutorial", "tutorials", "cookbook"})
_REQUEST_EXAMPLE = re.compile(r"^\s*(\$\s*)?(curl|wget|http|httpie)\s|^\s*(GET|POST|PUT|PATCH|"
                              r"DELETE) /", re.MULTILINE)
_SPEC_EXAMPLE = re.compile(r"^\s*\"?examples?\"?\s*:", re.MULTILINE)
_SPEC_OPERATION = re.compile(r"^\s*\"?(get|post|put|patch|delete)\"?\s*:", re.MULTILINE)
_SCREENSHOT = re.compile(r"screen|demo|example", re.IGNORECASE)


def _example_dirs(snapshot: Snapshot) -> list[str]:
    found = []
    for directory in path_index(snapshot).directories:
        name = directory.rsplit("/", 1)[-1].lower()
        if name in _EXAMPLE_DIRS and directory.count("/") <= 2:
            found.append(directory)
    return found[:5]


def _spec_examples(snapshot: Snapshot) -> tuple[int, int, str | None]:
    """Operations and example entries in OpenAPI-like descriptions (a few files, bounded)."""
    operations = examples = 0
    first = None
    for path in api_spec_files(snapshot)[:5]:
        if not path.lower().endswith((".yml", ".yaml", ".json")):
            continue
        text = snapshot.read_text(path, 512 * 1024)
        if not text:
            continue
        operations += len(_SPEC_OPERATION.findall(text))
        count = len(_SPEC_EXAMPLE.findall(text))
        examples += count
        if count and first is None:
            first = path
    return operations, examples, first


@check(
    id="usage-examples",
    title="Examples show what the software does",
    requirements=["DC-3", "DC-6"],
    strength=Strength.STRONG,
    why=(
        "Examples let people see quickly what the software does and how to use it, and let "
        "reusers check it fits their needs."
    ),
    how_to_fix=(
        "Add an 'Examples' or 'Usage' section with commands, requests or screenshots for the "
        "main features (or an examples/ folder), and extend it until every feature has one."
    ),
    limitations=(
        "Any non-empty section headed Examples, Usage, Demo or Tutorial passes DC-3, even one "
        "that only says 'TBD', and so does an examples/ folder whatever it holds. Examples "
        "kept on a documentation site or in a video are not seen, so such projects get a "
        "warning. DC-6 (an example for every function) is always left to a person."
    ),
    examples=[
        Example("A Usage section with a request",
                {"README.md": "# Permits\n\n## Usage\n\n```sh\ncurl -X POST "
                              "https://permits.example-town.eu/api/permits -d plate=AB123\n"
                              "```\n"},
                {"DC-3": "pass", "DC-6": "manual"}),
        Example("An examples/ folder",
                {"README.md": "# Permits\n", "examples/apply.py":
                 "from permits import apply\n\napply(plate='AB123', zone=4)\n"},
                {"DC-3": "pass", "DC-6": "manual"}),
        Example("A README that only describes the software",
                {"README.md": "# Permits\n\nPermits lets residents apply for a parking "
                              "permit online.\n"},
                {"DC-3": "warn", "DC-6": "manual"}),
    ],
)
def usage_examples(context: CheckContext) -> Iterator[Finding]:
    """DC-3 passes on any of: a non-empty section headed Examples, Usage, Demo, Tutorial, How to
    use or Screenshots (pull request templates aside), an examples/, demo/, samples/ or
    tutorial/ folder near the root, a curl/wget/HTTP request in a documentation code block, a
    README image named like a screenshot or demo, or example entries in an OpenAPI
    description; it warns when none is found. DC-6 is always a question for a person
    (manual), with that evidence and the number of API operations attached."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    corpus = doc_corpus(snapshot)
    evidence: list[Evidence] = []
    # A pull request template's "Screenshots" asks about a change, not the software's use.
    prose = [d for d in corpus if d.kind != "pull_request_template"]
    headed = blocks_matching(prose, EXAMPLES_HEADING)[:3]
    for found in headed:
        if found.words or found.code_blocks or found.images:
            evidence.append(found.evidence(f"section '{found.section.heading}'"))
    for directory in _example_dirs(snapshot):
        evidence.append(Evidence(f"examples folder {directory}/", directory))
    for doc in corpus:
        hit = next((s for s in doc.sections for code in s.code_blocks
                    if _REQUEST_EXAMPLE.search(code)), None)
        if hit is not None:
            evidence.append(Evidence("request example in the documentation", doc.path,
                                     hit.line))
            break
    if docs.readme is not None:
        shots = [i for s in docs.readme.sections for i in s.images
                 if _SCREENSHOT.search(i.url + " " + i.text) and "badge" not in i.url.lower()]
        if shots:
            evidence.append(Evidence("screenshot in the README", docs.readme.path,
                                     shots[0].line))
    operations, spec_examples, spec_path = _spec_examples(snapshot)
    if spec_examples:
        evidence.append(Evidence(f"{spec_examples} examples in the API description",
                                 spec_path))
    if evidence:
        # A section under an Examples or Usage heading that shows something, or the examples
        # of an API description, are strong; a folder name, a request somewhere in the
        # documentation, a screenshot's name or an almost empty section are weak.
        shown = any(found.code_blocks or found.images or found.words >= 40 for found in headed)
        yield passed("DC-3", "Examples of the software's use were found.", *evidence,
                     strength=Strength.STRONG if shown or spec_examples else Strength.WEAK)
    else:
        external = external_docs_evidence(docs)
        extra = [external] if external else []
        yield warned("DC-3", "No examples found; a person should confirm the key features "
                             "are demonstrated.",
                     Evidence("searched headings (Examples, Usage, Demo, Tutorial), examples/ "
                              "and demo/ folders, request examples and API descriptions"),
                     *extra)
    coverage = []
    if operations:
        coverage.append(Evidence(f"API description: {operations} operations, "
                                 f"{spec_examples} example entries", spec_path))
    yield needs_person("DC-6", "A person should confirm every feature has an example.",
                       *evidence[:3], *coverage)


# -- DC-4 -----------------------------------------------------------------------------------


@check(
    id="public-overview",
    title="An overview for a wide audience",
    requirements=["DC-4"],
    strength=Strength.WEAK,
    why=(
        "Residents, journalists and decision makers should be able to understand what the "
        "software is and why it exists without technical knowledge."
    ),
    how_to_fix=(
        "Start the README with a paragraph of at least 40 words, in plain English with short "
        "sentences, saying what the software does, for whom and why."
    ),
    limitations=(
        "Only the text before the README's first sub-heading and publiccode.yml's English "
        "longDescription are read, so an overview under a later heading such as 'About' is "
        "missed and the check warns. Reading ease is the Flesch formula on sentence and word "
        "length: short sentences full of acronyms pass, and it cannot tell whether the text "
        "says what the software is for. A non-English overview only gets a question."
    ),
    examples=[
        Example("A plain-English opening paragraph",
                {"README.md": "# Permits\n\nPermits lets residents of Example Town apply for "
                              "a parking permit on the web. Staff check each request and send "
                              "the permit by mail. It replaces paper forms, saves time for "
                              "everyone and any town can use it for free.\n"},
                {"DC-4": "pass"}),
        Example("A one-line opening",
                {"README.md": "# Permits\n\nA permit tool.\n\n## Installation\n\n"
                              "Run `make`.\n"},
                {"DC-4": "warn"}),
    ],
)
def public_overview(context: CheckContext) -> Iterator[Finding]:
    """Reads the README's introduction (the text before its first sub-heading) and the English
    longDescription in publiccode.yml. Texts under 40 words are skipped; of the others, those
    detected as English are scored with the Flesch Reading Ease formula. Passes when the best
    score is 50 or more, warns when it is lower, asks a person (manual) when the only long
    enough overview is in another language, and warns when there is no overview of 40 words
    or no README and publiccode.yml at all."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    candidates: list[tuple[str, Evidence]] = []
    if docs.readme is not None:
        intro = readme_intro(docs.readme)
        candidates.append((intro.text, Evidence("README introduction", docs.readme.path,
                                                intro.line)))
    long_description = english_long_description(snapshot)
    if long_description is not None:
        pc = publiccode(snapshot)
        candidates.append((long_description[1],
                           Evidence(f"publiccode.yml description.{long_description[0]}"
                                    ".longDescription", pc.path, pc.key_line("description"))))
    if not candidates:
        yield warned("DC-4", "No README or publiccode.yml description to give an overview.",
                     Evidence("searched the README and publiccode.yml"))
        return
    best: tuple[float, str, Evidence] | None = None
    other_language: Evidence | None = None
    for text, where in candidates:
        words = count_words(text)
        if words < 40:
            continue
        prose = clean_prose(text.splitlines()) or text
        detected = detect_language(prose)
        if detected is not None and detected[0] != "en":
            other_language = Evidence(f"{where.message} is in '{detected[0]}'", where.path,
                                      where.line)
            continue
        level = readability(prose, "en")
        ease = level.flesch_reading_ease if level else None
        if ease is not None and (best is None or ease > best[0]):
            best = (ease, f"{words} words", where)
    if best is not None and best[0] >= 50:
        yield passed("DC-4", f"An overview in plain English was found (Flesch Reading Ease "
                             f"{best[0]:.0f}).",
                     Evidence(f"{best[2].message}: {best[1]}, reading ease {best[0]:.0f}",
                              best[2].path, best[2].line))
    elif best is not None:
        yield warned("DC-4", f"The overview is hard to read for a wide audience (Flesch "
                             f"Reading Ease {best[0]:.0f}, aim for 50 or more).",
                     Evidence(f"{best[2].message}: {best[1]}", best[2].path, best[2].line))
    elif other_language is not None:
        yield needs_person("DC-4", "The overview is not in English; a person should judge "
                                   "whether a wide audience can follow it.", other_language)
    else:
        yield warned("DC-4", "The README does not open with an overview of at least 40 words.",
                     *(where for _, where in candidates))


# -- DC-5 -----------------------------------------------------------------------------------

_ENVIRONMENT_FILE = re.compile(
    r"^(docker-compose[^/]*\.ya?ml|compose\.ya?ml|vagrantfile|\.devcontainer(\.json|/.*)|"
    r"\.ddev/config\.yaml|\.lando\.ya?ml|tilt(file)?|devbox\.json|flake\.nix|shell\.nix|"
    r"skaffold\.ya?ml)$",
    re.IGNORECASE,
)
_STANDALONE_HEADING = re.compile(
    r"local|standalone|docker|development environment|dev ?container|try it|quick ?start|"
    r"demo|vagrant|ddev|getting started|run(ning)? (it )?locally",
    re.IGNORECASE,
)
_STANDALONE_COMMAND = re.compile(
    r"docker[- ]compose|docker run|podman|vagrant up|ddev (start|launch)|devcontainer|"
    r"lando start|tilt up|nix (develop|run)|make (run|up|dev|start)",
    re.IGNORECASE,
)
_ENVIRONMENT_STARTS = ("docker-compose", "compose.", "vagrantfile", ".lando.", "tilt",
                       "devbox.json", "flake.nix", "shell.nix", "skaffold.")
_SEED_DIR = re.compile(r"^(fixtures?|seeds?|seeders|sample[-_]?data|test[-_]?data|"
                       r"demo[-_]?data)$", re.IGNORECASE)
_SEED_DATA = re.compile(r"^seed[^/]*\.(sql|py|js|ts|php|rb|json|ya?ml|csv)$", re.IGNORECASE)


def _environment_files(snapshot: Snapshot) -> list[str]:
    found = []
    index = path_index(snapshot)
    candidates = [p for name, paths in index.by_name.items()
                  if name.startswith(_ENVIRONMENT_STARTS) for p in paths]
    candidates += [p for p in index.own if p.startswith((".devcontainer", ".ddev/"))]
    for path in sorted(candidates):
        if path.count("/") > 2:
            continue
        name = path if path.startswith((".devcontainer", ".ddev")) else posixpath.basename(path)
        if _ENVIRONMENT_FILE.match(name):
            found.append(path)
    return found


def _seed_data(snapshot: Snapshot) -> str | None:
    index = path_index(snapshot)
    folder = next((d for d in index.directories if _SEED_DIR.match(d.rsplit("/", 1)[-1])), None)
    if folder is not None:
        return folder
    return next((p for name, paths in index.by_name.items() if name.startswith("seed")
                 and _SEED_DATA.search(name) for p in paths), None)


@check(
    id="standalone-setup",
    title="A standalone version can be started",
    requirements=["DC-5"],
    strength=Strength.WEAK,
    why=(
        "A ready-made local environment with test data lets people try and develop the "
        "software without first building the infrastructure around it."
    ),
    how_to_fix=(
        "Add a docker-compose.yml (or dev container, Vagrantfile, DDEV config) that starts the "
        "software with sample data, and a README section with the command that runs it."
    ),
    limitations=(
        "Sample data is reported but not required, so a compose file that starts an empty "
        "database passes. A compose file meant for production counts as a local environment, "
        "and a lone Dockerfile or a `docker run` of a published image does not, which gives a "
        "warning. It never fails: every shortfall is a warning."
    ),
    examples=[
        Example("A compose file and the command that starts it",
                {"docker-compose.yml": "services:\n  web:\n    build: .\n"
                                       "    ports: ['8080:8080']\n",
                 "README.md": "# Permits\n\n## Run locally\n\n```sh\ndocker compose up\n"
                              "```\n"},
                {"DC-5": "pass"}),
        Example("A compose file nobody explains",
                {"docker-compose.yml": "services:\n  web:\n    build: .\n",
                 "README.md": "# Permits\n"},
                {"DC-5": "warn"}),
        Example("No local environment",
                {"README.md": "# Permits\n\nInstall with `pip install permits`.\n"},
                {"DC-5": "warn"}),
    ],
)
def standalone_setup(context: CheckContext) -> Iterator[Finding]:
    """Looks for an environment definition near the root (docker-compose or compose files,
    .devcontainer/, Vagrantfile, .ddev/, Lando, Tilt, devbox, Nix, Skaffold) and for
    documentation that starts one: a code block running `docker compose`, `vagrant up`,
    `ddev start`, `make run` and the like, or, when a definition exists, a section headed
    Local, Docker, Quick start or Getting started with 20 words or a code block. Passes when
    both are found and warns otherwise; seed or fixture data is cited but does not change the
    verdict."""
    snapshot = context.snapshot
    environments = _environment_files(snapshot)
    corpus = doc_corpus(snapshot)
    usage: Evidence | None = None
    for doc in corpus:
        for section in doc.sections:
            if any(_STANDALONE_COMMAND.search(code) for code in section.code_blocks):
                usage = Evidence("documentation runs the local environment", doc.path,
                                 section.line)
                break
        if usage:
            break
    if usage is None and environments:
        headed = blocks_matching(corpus, _STANDALONE_HEADING)
        found = next((b for b in headed if b.words >= 20 or b.code_blocks), None)
        if found is not None:
            usage = found.evidence(f"section '{found.section.heading}'")
    seed = _seed_data(snapshot)
    extra = [Evidence("sample or seed data", seed)] if seed else []
    if environments and usage is not None:
        yield passed("DC-5", "A local environment and instructions to start it were found.",
                     Evidence("environment definition", environments[0]), usage, *extra)
    elif environments:
        yield warned("DC-5", "A local environment is defined but the documentation does not "
                             "explain how to start it.",
                     Evidence("environment definition", environments[0]), *extra)
    elif usage is not None:
        yield warned("DC-5", "The documentation starts containers, but no environment "
                             "definition is in the repository.", usage, *extra)
    else:
        yield warned("DC-5", "No way to run a standalone copy was found.",
                     Evidence("looked for docker-compose.yml, compose.yaml, .devcontainer/, "
                              "Vagrantfile and .ddev/ and for documentation that uses them"),
                     *extra)


# -- DC-7 -----------------------------------------------------------------------------------

_ARCHITECTURE_HEADING = re.compile(
    r"architect|design|components?|modules|diagram|overview|structure|how it works|arkitektur|"
    r"architectuur|architettura",
    re.IGNORECASE,
)
_DIAGRAM_FILE = re.compile(r"\.(drawio|dio|puml|plantuml|mmd|mermaid|dot|gv|c4)$|"
                           r"^[^/]*(architect|diagram|overview|components?)[^/]*\."
                           r"(png|svg|jpe?g|gif|webp|pdf)$", re.IGNORECASE)
_DIAGRAM_EXTENSIONS = ("drawio", "dio", "puml", "plantuml", "mmd", "mermaid", "dot", "gv", "c4",
                       "png", "svg", "jpg", "jpeg", "gif", "webp", "pdf")
_MERMAID = re.compile(r"^\s*(graph|flowchart|sequenceDiagram|classDiagram|C4\w+|"
                      r"erDiagram|stateDiagram|@startuml)", re.IGNORECASE)
_ADR_DIR = re.compile(r"(^|/)(adrs?|decisions|architecture[-_ ]decisions?)(/|$)",
                      re.IGNORECASE)


@check(
    id="architecture-described",
    title="Main components and their relations are described",
    requirements=["DC-7"],
    strength=Strength.WEAK,
    why=(
        "An overview of the main components and how they connect helps new developers and "
        "reusers find their way and change the software safely."
    ),
    how_to_fix=(
        "Add an ARCHITECTURE.md or an 'Architecture' section naming the main components and how "
        "they talk to each other, ideally with a diagram (Mermaid, PlantUML or draw.io)."
    ),
    limitations=(
        "The headings it accepts are broad: 50 words under Overview, Structure or Design pass "
        "even when they list features rather than components, and any image in such a section "
        "counts as a diagram. A Mermaid block anywhere in the documentation, such as a release "
        "flowchart in CONTRIBUTING, or any .dot or .puml file also passes. Architecture "
        "described only on an external site or in code comments is missed."
    ),
    examples=[
        Example("A README section with a Mermaid diagram",
                {"README.md": "# Permits\n\n## Architecture\n\n```mermaid\ngraph LR\n"
                              "  web[Web form] --> api[Permits API] --> db[(Database)]\n```\n"},
                {"DC-7": "pass"}),
        Example("Decision records under docs/adr/",
                {"README.md": "# Permits\n",
                 "docs/adr/0001-use-postgresql.md": "# Use PostgreSQL\n\nWe store permits in "
                                                   "PostgreSQL.\n"},
                {"DC-7": "pass"}),
        Example("No description of the components",
                {"README.md": "# Permits\n\nApply for a parking permit online.\n"},
                {"DC-7": "warn"}),
    ],
)
def architecture_described(context: CheckContext) -> Iterator[Finding]:
    """Passes on any of: an ARCHITECTURE or DESIGN file of 30 words or more; a section headed
    Architecture, Design, Components, Modules, Overview, Structure or How it works with 50
    words, a Mermaid/PlantUML block or an image; a Mermaid block anywhere in the
    documentation; a diagram file (draw.io, PlantUML, Mermaid, Graphviz, or an image named
    like architecture or diagram); or Markdown files in an adr/ or decisions/ folder. Warns
    when none is found."""
    snapshot = context.snapshot
    docs = documents(snapshot)
    evidence: list[Evidence] = []
    arch = docs.get("architecture")
    if arch is not None and arch.words >= 30:
        evidence.append(Evidence("architecture document", arch.path, 1))
    for found in blocks_matching(doc_corpus(snapshot), _ARCHITECTURE_HEADING):
        diagram = any(_MERMAID.search(c) for c in found.code_blocks) or bool(found.images)
        if found.words >= 50 or diagram:
            evidence.append(found.evidence(f"section '{found.section.heading}'"
                                           + (" with a diagram" if diagram else "")))
            break
    for doc in doc_corpus(snapshot):
        section = next((s for s in doc.sections if any(_MERMAID.search(c)
                                                        for c in s.code_blocks)), None)
        if section is not None:
            evidence.append(Evidence("diagram in the documentation", doc.path, section.line))
            break
    index = path_index(snapshot)
    diagram_file = next((p for p in index.with_ext(*_DIAGRAM_EXTENSIONS)
                         if _DIAGRAM_FILE.search(p.rsplit("/", 1)[-1])), None)
    if diagram_file:
        evidence.append(Evidence("diagram file", diagram_file))
    adr_dir = next((d for d in index.directories if _ADR_DIR.search(d + "/")), None)
    adr = next((p for p in index.with_ext("md", "rst", "adoc")
                if adr_dir and p.startswith(adr_dir + "/")), None)
    if adr:
        evidence.append(Evidence("architecture decision records", adr))
    if evidence:
        yield passed("DC-7", "The structure of the software is described.", *evidence)
    else:
        yield warned("DC-7", "No description of the main components was found.",
                     Evidence("looked for ARCHITECTURE files, Architecture/Design/Components "
                              "sections, diagrams and decision records"))

