"""Make the codebase reusable and portable: configuration, localisation, modules, dependencies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from publiccode_checker.checks import (
    Evidence,
    Example,
    Finding,
    Strength,
    check,
    failed,
    needs_person,
    not_applicable,
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.documents import DOCS_DIRS, documents, prose_documents
from publiccode_checker.evidence.external_sites import GENERIC_HOSTS
from publiccode_checker.evidence.files import is_fixture_path, is_test_path
from publiccode_checker.evidence.manifests import line_of, manifests, proprietary_dependencies
from publiccode_checker.evidence.path_index import path_index
from publiccode_checker.evidence.publiccode_file import publiccode
from publiccode_checker.evidence.section_blocks import blocks_matching
from publiccode_checker.evidence.source_sample import SAMPLE_BYTES, SAMPLE_FILES, source_sample
from publiccode_checker.evidence.text_search import search_docs
from publiccode_checker.snapshots import Snapshot

# -- RP-1 and RP-4 ------------------------------------------------------------------------------


def _used_by(snapshot: Snapshot) -> list[str]:
    used = publiccode(snapshot).get("usedBy")
    return [str(u) for u in used if str(u).strip()] if isinstance(used, list) else []


@check(
    id="reusable-design",
    title="The codebase is built for reuse",
    requirements=["RP-1"],
    strength=Strength.WEAK,
    why=(
        "Public money should produce software that other organisations can deploy for their "
        "own context without rewriting it."
    ),
    how_to_fix=(
        "Keep organisation-specific values in configuration, document how another organisation "
        "deploys the software, and list current users in publiccode.yml usedBy."
    ),
    limitations=(
        "It never passes or fails: whatever the repository holds, a person gives the verdict. "
        "The indicators it gathers are weak: a usedBy list is self-declared and may be stale, "
        "and a 'Configuration' section can describe the settings of a single deployment. Reuse "
        "that rests on things it does not look for (a plugin system, container images, a "
        "documented data model) shows no indicator at all."
    ),
    examples=[
        Example("Users, configuration and translations are all visible",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\nusedBy:\n"
                                   "  - Municipality of Eastbrook\n  - Westfield Council\n",
                 "README.md": "# Permits\n\n## Configuration\n\nCopy .env.example to .env "
                              "and set the name and address of your council.\n",
                 "locale/nl/LC_MESSAGES/permits.po": "msgid \"Apply\"\nmsgstr \"Aanvragen\"\n"},
                {"RP-1": "manual"}),
        Example("No indicator of reuse at all",
                {"README.md": "# Permits\n\nThe permit desk of Eastbrook.\n",
                 "app.py": "TOWN = 'Eastbrook'\n"},
                {"RP-1": "manual"}),
    ],
)
def reusable_design(context: CheckContext) -> Iterator[Finding]:
    """Always asks a person (manual), because no file shows whether another organisation could
    deploy the code unchanged. For that person it gathers indicators: the organisations in
    publiccode.yml usedBy, documentation of configuration (a configuration section, or a mention
    of environment variables or a configuration file), and the first sign of localisation
    (translation catalogues, locale folders, i18n libraries or localisationReady)."""
    snapshot = context.snapshot
    indicators = []
    users = _used_by(snapshot)
    if users:
        indicators.append(Evidence(f"publiccode.yml usedBy lists {len(users)} organisations",
                                   publiccode(snapshot).path,
                                   publiccode(snapshot).key_line("usedBy")))
    config = _configuration(snapshot)
    if config.documented is not None:
        indicators.append(config.documented)
    localisation = _localisation(snapshot)
    if localisation:
        indicators.append(localisation[0])
    yield needs_person("RP-1", "A person should judge whether another organisation could "
                               "deploy this without changing the code.", *indicators)


_ROADMAP_LINK = re.compile(r"roadmap|milestones|/projects?/", re.IGNORECASE)


@check(
    id="shared-roadmap",
    title="Several parties shape the roadmap",
    requirements=["RP-4"],
    strength=Strength.WEAK,
    why="A roadmap shaped by several users keeps the codebase useful to more than one owner.",
    how_to_fix=(
        "Publish a roadmap (ROADMAP.md or a linked board) and describe how users and other "
        "organisations can propose and prioritise items on it."
    ),
    limitations=(
        "It never passes or fails: whether several parties shape the roadmap is a person's "
        "answer. It only finds a roadmap that is a ROADMAP file (root, docs/ or .github/), "
        "publiccode.yml roadmap, or a link whose text or address says roadmap, milestones or "
        "projects; a roadmap kept in a wiki or in issue labels is not found. Open milestones are "
        "only counted when forge facts were gathered."
    ),
    examples=[
        Example("A roadmap file and milestones on the forge",
                {"ROADMAP.md": "# Roadmap\n\n- 2026: online payments, proposed by Westfield\n",
                 "README.md": "# Permits\n"},
                {"RP-4": "manual"}, facts={"open_milestones_with_due_date": 2}),
        Example("No roadmap anywhere",
                {"README.md": "# Permits\n\nThe permit desk of Eastbrook.\n"},
                {"RP-4": "manual"}),
    ],
)
def shared_roadmap(context: CheckContext) -> Iterator[Finding]:
    """Always asks a person (manual), citing what it found as evidence: a ROADMAP file, the
    roadmap address in publiccode.yml, the first documentation link whose text mentions a
    roadmap, milestones or projects (or whose address contains "roadmap"), and, from the forge,
    how many open milestones have a due date. Without any of these the question says that no
    roadmap was found."""
    snapshot = context.snapshot
    evidence = []
    docs = documents(snapshot)
    roadmap = docs.get("roadmap")
    if roadmap is not None:
        evidence.append(Evidence("roadmap", roadmap.path, 1))
    pc = publiccode(snapshot)
    if isinstance(pc.get("roadmap"), str):
        evidence.append(Evidence(f"publiccode.yml roadmap {pc.get('roadmap')}", pc.path,
                                 pc.key_line("roadmap"), url=str(pc.get("roadmap"))))
    for doc, link in docs.links():
        if _ROADMAP_LINK.search(link.text) or "roadmap" in link.url.lower():
            evidence.append(Evidence(f"roadmap link {link.url}", doc.path, link.line,
                                     url=link.url))
            break
    if snapshot.facts.known("open_milestones_with_due_date"):
        evidence.append(Evidence(f"{snapshot.facts.open_milestones_with_due_date} open "
                                 "milestones with a due date"))
    message = ("A person should confirm the roadmap reflects the needs of several parties."
               if evidence else "No roadmap found; a person should say how priorities are set.")
    yield needs_person("RP-4", message, *evidence)


# -- RP-2 ---------------------------------------------------------------------------------------

_CLOSED_LICENCE = re.compile(r"^(unlicensed|proprietary|commercial|see licen[cs]e in|"
                             r"all rights reserved|closed)", re.IGNORECASE)
_COMMERCIAL_PACKAGES = re.compile(
    r"^(@fortawesome/[\w-]*pro[\w-]*|highcharts|ag-grid-enterprise|@ag-grid-enterprise/.*|"
    r"@progress/kendo.*|devextreme|@syncfusion/.*|handsontable|froala-editor|@mescius/.*|"
    r"wijmo|@grapecity/.*|@nutrient-sdk/.*|pspdfkit|@pdftron/.*|bryntum.*|@bryntum/.*)$",
    re.IGNORECASE,
)
_REQUIRES_PAID = re.compile(
    r"requires? (a |an )?(valid )?(commercial|paid|proprietary|enterprise) "
    r"(licen[cs]e|subscription|account|edition)|(commercial|paid|proprietary) "
    r"(licen[cs]e|subscription) (is )?(required|needed)",
    re.IGNORECASE,
)
_LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|unlicense)([.-].*)?$", re.IGNORECASE)


@check(
    id="open-dependencies",
    title="Runs without closed software or services",
    requirements=["RP-2"],
    strength=Strength.WEAK,
    why=(
        "If the software needs closed or secret components, nobody else can run, study or reuse "
        "it freely."
    ),
    how_to_fix=(
        "Replace closed components with open alternatives, or make them optional; list any "
        "remaining ones in publiccode.yml dependsOn.proprietary with optional: true."
    ),
    limitations=(
        "It sees only what is declared or said in so many words. A closed database, a paid "
        "web service or a proprietary SDK that no manifest names, that publiccode.yml does not "
        "list and that the documentation does not call commercial passes. It does not read the "
        "licences of dependencies: only a short fixed list of commercial npm packages warns. A "
        "sentence such as 'requires a commercial licence' warns even when it describes an "
        "optional integration."
    ),
    examples=[
        Example("Only open dependencies are declared",
                {"LICENSE": "EUPL-1.2\n",
                 "package.json": '{"license": "EUPL-1.2", "dependencies": {"express": "^4"}}\n'},
                {"RP-2": "pass"}),
        Example("publiccode.yml lists a closed database that cannot be left out",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\ndependsOn:\n"
                                   "  proprietary:\n    - name: Oracle Database\n"},
                {"RP-2": "fail"}),
        Example("The README says a paid licence is needed",
                {"README.md": "# Permits\n\nThe map view requires a commercial licence key.\n"},
                {"RP-2": "warn"}),
    ],
)
def open_dependencies(context: CheckContext) -> Iterator[Finding]:
    """Fails when publiccode.yml dependsOn.proprietary lists a component that is not marked
    optional. Otherwise it warns on signs of closed software: a manifest licence such as
    UNLICENSED or proprietary next to an open licence file, a runtime dependency on a known
    commercial package (Highcharts, ag-grid-enterprise, Kendo UI...), or documentation saying a
    commercial or paid licence is required. With none of these it passes."""
    snapshot = context.snapshot
    declared = proprietary_dependencies(snapshot)
    required = [(n, line) for n, optional, line in declared if not optional]
    pc_path = publiccode(snapshot).path
    if required:
        yield failed_rp2(required, pc_path)
        return
    signals: list[Evidence] = []
    found = manifests(snapshot)
    has_licence_file = any(_LICENCE_FILE.match(p) for p in snapshot.children("")) or \
        snapshot.is_dir("LICENSES")
    for path, value, line in found.licences:
        if _CLOSED_LICENCE.match(value) and has_licence_file:
            signals.append(Evidence(f"manifest licence '{value}' contradicts the open licence "
                                    "file", path, line))
    for dep in found.runtime():
        if _COMMERCIAL_PACKAGES.match(dep.name):
            signals.append(dep.evidence(f"commercial component {dep.name}"))
    hit = next(search_docs(documents(snapshot).all(), _REQUIRES_PAID), None)
    if hit is not None:
        doc, line, match = hit
        signals.append(Evidence(f"documentation: '{match.group(0)}'", doc.path, line))
    optional = [Evidence(f"optional proprietary dependency {n}", pc_path, line)
                for n, opt, line in declared if opt]
    if signals:
        yield warned("RP-2", "Some parts may need closed software or licences; a person should "
                             "confirm open alternatives exist.", *signals[:8], *optional)
    else:
        yield passed("RP-2", "No closed dependencies were declared or detected.",
                     *(optional or [Evidence(f"inspected {len(found.dependencies)} declared "
                                             "dependencies and publiccode.yml dependsOn")]))


def failed_rp2(required: list[tuple[str, int | None]], pc_path: str | None) -> Finding:
    # The pass only means that no sign of closed software was seen (weak, as declared); this
    # failure reads the project's own declaration in a parsed publiccode.yml.
    return failed("RP-2", "publiccode.yml declares proprietary dependencies that are not "
                          "optional.",
                  *(Evidence(f"required proprietary dependency: {name}", pc_path, line)
                    for name, line in required[:8]),
                  strength=Strength.DECISIVE)


# -- RP-3 ---------------------------------------------------------------------------------------

_USERS_HEADING = re.compile(
    # "Users" titles a list of adopters; "Managing users" is about accounts.
    r"used by|^\W*(?:our |known |current )?users\b|adopters|who uses|in use|in production|"
    r"deployments|references|customers|"
    r"municipalities|organi[sz]ations using|gebruikers|wie gebruikt|brugere|anvendes af|"
    r"utilizzatori|chi (lo )?usa|nutzer|anwender",
    re.IGNORECASE,
)


@check(
    id="multiple-users",
    title="More than one organisation uses the codebase",
    requirements=["RP-3"],
    strength=Strength.STRONG,
    why="A codebase used by several organisations shares its costs and proves it is reusable.",
    how_to_fix=(
        "List the organisations that use the software in publiccode.yml usedBy or in a 'Used "
        "by' section of the README."
    ),
    limitations=(
        "It takes the list at its word: usedBy entries and README sections are not verified, "
        "and any two paragraphs or list items under a matching heading pass: an introductory "
        "sentence plus one user, a bibliography under 'References', or two deployments of one "
        "organisation. Users named only on a website, or together in one sentence, are not "
        "counted; then a person is asked, as it never fails."
    ),
    examples=[
        Example("publiccode.yml names two organisations",
                {"publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: Permits\nusedBy:\n"
                                   "  - Municipality of Eastbrook\n  - Westfield Council\n"},
                {"RP-3": "pass"}),
        Example("A 'Used by' section in the README",
                {"README.md": "# Permits\n\n## Used by\n\n- Municipality of Eastbrook\n"
                              "- Westfield Council\n"},
                {"RP-3": "pass"}),
        Example("Nothing says who uses the software",
                {"README.md": "# Permits\n\nApply for permits online.\n"},
                {"RP-3": "manual"}),
    ],
)
def multiple_users(context: CheckContext) -> Iterator[Finding]:
    """Passes when publiccode.yml usedBy lists two or more organisations, or when a section of
    the documentation headed like a list of adopters ('Used by', 'Users', 'Adopters', 'Who uses',
    'In production', also in Dutch, Danish, Italian and German) holds at least two paragraphs or
    list items, or two distinct links. Otherwise, including when only one user is listed, a
    person is asked (manual); it never fails."""
    snapshot = context.snapshot
    users = _used_by(snapshot)
    pc = publiccode(snapshot)
    if len(users) >= 2:
        yield passed("RP-3", f"{len(users)} organisations use the codebase.",
                     Evidence(f"publiccode.yml usedBy: {', '.join(users[:5])}", pc.path,
                              pc.key_line("usedBy")))
        return
    for block in blocks_matching(prose_documents(documents(snapshot)), _USERS_HEADING):
        entries = max(len(block.prose), len({link.url for link in block.links}))
        if entries >= 2:
            yield passed("RP-3", "The documentation lists organisations using the codebase.",
                         block.evidence(f"section '{block.section.heading}' "
                                        f"({entries} entries)"))
            return
    evidence = [Evidence(f"publiccode.yml usedBy: {users[0]}", pc.path, pc.key_line("usedBy"))
                ] if users else [Evidence("no usedBy in publiccode.yml and no 'Used by' section")]
    yield needs_person("RP-3", "Could not tell whether several organisations use the codebase.",
                       *evidence)


# -- RP-6 ---------------------------------------------------------------------------------------

_CONFIG_FILE = re.compile(
    r"(^|/)(\.env(\.[\w-]+)?|[^/]+\.(example|sample|dist|template)(\.[\w]+)?|"
    r"[^/]+\.[\w]+\.(example|sample|dist|template)|values\.ya?ml|settings\.[\w]+|"
    r"appsettings[\w.-]*\.json|application[\w-]*\.(ya?ml|properties)|config\.[\w]+)$|"
    r"(^|/)(config|conf|configuration|settings)/[^/]+$",
    re.IGNORECASE,
)
_CONFIG_READ = re.compile(
    r"process\.env|import\.meta\.env|os\.environ|os\.getenv|\bgetenv\(|os\.Getenv|env:\"|"
    r"%env\(|->config\(|getParameter\(|\bconfig\(\s*['\"]|System\.getenv|@Value\(|"
    r"IConfiguration|ConfigurationManager|\bENV\[|GetEnvironmentVariable|viper\.|dotenv|"
    r"config\.get\(|settings\.[A-Z][A-Z_]{2,}|django\.conf|configparser|ConfigParser|"
    r"\$_ENV|\$_SERVER\[|Config::get|config\[['\"]",
)
_CONFIG_HEADING = re.compile(
    r"config|settings|environment|customi[sz]|konfiguration|indstillinger|configuratie|"
    r"instellingen|configurazione|impostazioni|einstellungen",
    re.IGNORECASE,
)
_CONFIG_PROSE = re.compile(r"environment variables?|\.env\b|configuration file|config file|"
                           r"settings file", re.IGNORECASE)


_CONFIG_DIRS = frozenset({"config", "conf", "configuration", "settings"})
_CONFIG_MARKERS = frozenset({"example", "sample", "dist", "template"})


@memoised
def config_files(snapshot: Snapshot) -> list[str]:
    """Likely configuration files: .env files, examples, settings files, config/ folders."""
    index = path_index(snapshot)
    found: set[str] = set()
    for name, paths in index.by_name.items():
        parts = name.split(".")
        if (name.startswith((".env", "settings.", "appsettings", "application", "config.",
                             "values.y"))
                or _CONFIG_MARKERS.intersection(parts[1:])):
            found.update(paths)
    for directory in index.directories:
        if directory.rsplit("/", 1)[-1].lower() in _CONFIG_DIRS:
            found.update(index.by_parent.get(directory, ()))
    result = sorted(p for p in found if not p.startswith(".github/") and not is_fixture_path(p))
    return result


@dataclass
class ConfigurationEvidence:
    files: list[str]
    code: Evidence | None
    documented: Evidence | None


@memoised
def _configuration(snapshot: Snapshot) -> ConfigurationEvidence:
    files = [p for p in config_files(snapshot) if _CONFIG_FILE.search(p)][:5]
    code = None
    for path, text in source_sample(snapshot):
        if is_test_path(path):
            continue
        match = _CONFIG_READ.search(text)
        if match:
            code = Evidence(f"code reads configuration ({match.group(0).strip()})", path,
                            line_of(text, match.start()))
            break
    documented = None
    docs = list(documents(snapshot).all())
    for block in blocks_matching(docs, _CONFIG_HEADING):
        if block.words >= 5 or block.code_blocks:
            documented = block.evidence(f"section '{block.section.heading}'")
            break
    if documented is None:
        hit = next(search_docs(docs, _CONFIG_PROSE), None)
        if hit is not None:
            documented = Evidence(f"documentation mentions '{hit[2].group(0)}'", hit[0].path,
                                  hit[1])
    result = ConfigurationEvidence(files, code, documented)
    return result


@check(
    id="configurable",
    title="Configuration adapts the software to local needs",
    requirements=["RP-6"],
    strength=Strength.WEAK,
    why=(
        "When local differences live in configuration rather than in code, other organisations "
        "can reuse the software without maintaining their own fork."
    ),
    how_to_fix=(
        "Read organisation-specific values (names, addresses, logos, services) from "
        "configuration, ship an example file such as .env.example, and document each setting."
    ),
    limitations=(
        "It finds that configuration exists, not that the organisation-specific values are in "
        "it: code that reads one environment variable but hard-codes the council's name and "
        "logo passes if a 'Configuration' section exists. Only the first 8 KB of up to 150 "
        "sampled source files are read, so settings read deep in a large codebase, or through a "
        "mechanism it does not know, are missed. Documentation kept outside the repository "
        "counts as missing, and documentation without a recognised file or code read gives the "
        "same warning as no configuration at all."
    ),
    examples=[
        Example("Settings read from the environment, with an example file and documentation",
                {"app/settings.py": "import os\n\nCOUNCIL = os.environ['COUNCIL_NAME']\n",
                 ".env.example": "COUNCIL_NAME=Eastbrook\n",
                 "README.md": "# Permits\n\n## Configuration\n\nSet COUNCIL_NAME to the "
                              "name of your council.\n"},
                {"RP-6": "pass"}),
        Example("Settings are read, but nothing explains them",
                {"app/settings.py": "import os\n\nCOUNCIL = os.environ['COUNCIL_NAME']\n",
                 "README.md": "# Permits\n"},
                {"RP-6": "warn"}),
        Example("Everything is hard-coded",
                {"app/main.py": "COUNCIL = 'Eastbrook'\n", "README.md": "# Permits\n"},
                {"RP-6": "warn"}),
    ],
)
def configurable(context: CheckContext) -> Iterator[Finding]:
    """Looks for three things: configuration files (.env files, *.example and *.dist files,
    settings.*, appsettings*.json, application*.yml, values.yaml, files in config/ folders),
    code in the sampled sources that reads settings (os.environ, process.env, getenv, Spring's
    @Value, Laravel's config()...), and documentation of them (a section headed configuration,
    settings or environment with some text or a code block, or a mention of environment
    variables or a configuration file). Passes with documentation plus a file or a code read;
    warns when configuration exists undocumented, and warns when no file or code read is
    found."""
    snapshot = context.snapshot
    found = _configuration(snapshot)
    evidence = [Evidence("configuration file", p) for p in found.files[:2]]
    evidence += [e for e in (found.code, found.documented) if e is not None]
    if found.documented is not None and (found.files or found.code is not None):
        yield passed("RP-6", "The software is configurable and the configuration is "
                             "documented.", *evidence)
    elif found.files or found.code is not None:
        yield warned("RP-6", "The software reads configuration, but the documentation does "
                             "not explain it.", *evidence)
    else:
        yield warned("RP-6", "No configuration mechanism was found.",
                     Evidence("looked for configuration files, code reading settings or "
                              "environment variables, and documentation of them"))


# -- RP-7 ---------------------------------------------------------------------------------------

_LOCALE_DIRS = frozenset({"locales", "locale", "i18n", "l10n", "translations", "lang", "langs",
                          "languages", "messages"})
_I18N_PACKAGES = re.compile(
    r"^(i18next|react-i18next|next-i18next|vue-i18n|react-intl|@formatjs/.*|@ngx-translate/.*|"
    r"@angular/localize|svelte-i18n|@lingui/.*|i18n-js|rosetta|polyglot|node-polyglot|"
    r"symfony/translation|laminas/laminas-i18n|gettext/gettext|php-gettext.*|babel|"
    r"flask-babel|django-modeltranslation|django-rosetta|golang\.org/x/text|"
    r"github\.com/nicksnyder/go-i18n.*|rails-i18n|i18n)$",
    re.IGNORECASE,
)
_TRANSLATION_CALL = re.compile(
    r"(?<![\w.])(?:_|t|__|_e|_x|_n|gettext|ngettext|pgettext|ugettext|gettext_lazy|i18n\.t|"
    r"\$t|\$this->t|trans|translate|esc_html__|intl\.formatMessage|formatMessage)\(\s*['\"{]|"
    r"\|\s*trans\b|\{%\s*(?:block)?trans\b|<Trans\b|<FormattedMessage\b|useTranslation\(|"
    r"USE_I18N\s*=\s*True"
)
_UI_EXTENSIONS = ("html", "htm", "vue", "jsx", "tsx", "svelte", "twig", "erb", "hbs", "ejs",
                  "jinja", "jinja2", "j2", "xaml", "php", "cshtml", "razor")
_UI_FILE = re.compile(r"\.(html?|vue|jsx|tsx|svelte|twig|erb|hbs|ejs|jinja2?|j2|xaml|blade\.php|"
                      r"cshtml|razor)$", re.IGNORECASE)


def _localisation(snapshot: Snapshot) -> list[Evidence]:
    found: list[Evidence] = []
    index = path_index(snapshot)
    catalogue = next(iter(index.with_ext("po", "pot", "xlf", "xliff", "resx", "arb", "ftl",
                                         "mo")), None)
    if catalogue:
        found.append(Evidence("translation catalogue", catalogue))
    locale_dir = next((d for d in index.directories
                       if d.rsplit("/", 1)[-1].lower() in _LOCALE_DIRS), None)
    if locale_dir:
        found.append(Evidence(f"translations folder {locale_dir}/", locale_dir))
    dep = next((d for d in manifests(snapshot).runtime() if _I18N_PACKAGES.match(d.name)), None)
    if dep:
        found.append(dep.evidence(f"i18n dependency {dep.name}"))
    calls, first = 0, None
    for path, text in source_sample(snapshot):
        for match in _TRANSLATION_CALL.finditer(text):
            calls += 1
            if first is None:
                first = (path, line_of(text, match.start()))
    if calls >= 10 and first:
        found.append(Evidence(f"{calls} translated strings in the sampled code", *first))
    pc = publiccode(snapshot)
    if pc.get("localisation", "localisationReady") is True:
        found.append(Evidence("publiccode.yml localisation.localisationReady: true", pc.path,
                              pc.key_line("localisation")))
    return found


@check(
    id="localisable",
    title="The software can be translated",
    requirements=["RP-7"],
    strength=Strength.WEAK,
    why=(
        "Software that keeps its texts apart from its code can be adapted to other languages "
        "and regions, so more organisations can use it."
    ),
    how_to_fix=(
        "Keep user-facing texts in translation catalogues (gettext .po, XLIFF, JSON messages) "
        "through an i18n library, and set localisation.localisationReady in publiccode.yml."
    ),
    limitations=(
        "Any one sign passes: a folder named messages/ or lang/ that holds something else, a "
        "single .po file, or localisationReady: true claimed in publiccode.yml, while texts in "
        "the templates may still be hard-coded. Translation mechanisms it does not know, such "
        "as Java .properties bundles or Android values-xx/strings.xml, are missed, so such a "
        "codebase with a user interface gets a warning. A user interface it cannot recognise "
        "by file extension (for example one built in Python code) leads to a question instead "
        "of a warning."
    ),
    examples=[
        Example("A gettext catalogue",
                {"locale/nl/LC_MESSAGES/permits.po": "msgid \"Apply\"\nmsgstr \"Aanvragen\"\n",
                 "templates/apply.html": "<button>{% trans %}Apply{% endtrans %}</button>\n"},
                {"RP-7": "pass"}),
        Example("Templates with fixed English text",
                {"templates/apply.html": "<button>Apply</button>\n"},
                {"RP-7": "warn"}),
        Example("A library without a user interface",
                {"permits/rules.py": "def eligible(age):\n    return age >= 18\n"},
                {"RP-7": "manual"}),
    ],
)
def localisable(context: CheckContext) -> Iterator[Finding]:
    """Passes on any sign of translation support: a translation catalogue (.po, .pot, .xlf,
    .resx, .arb, .ftl...), a folder named locales, i18n, l10n, translations, lang or messages,
    an i18n library among the runtime dependencies, at least ten translation calls (_(),
    gettext, t(), {% trans %}...) in the sampled code, or localisationReady: true in
    publiccode.yml. Without any, it warns when a user interface file (HTML, Vue, JSX, Twig,
    PHP, Razor...) exists outside test and example folders, and otherwise asks a person whether
    localisation applies (manual)."""
    snapshot = context.snapshot
    found = _localisation(snapshot)
    if found:
        yield passed("RP-7", "The software is prepared for translation.", *found)
        return
    ui = next((p for p in path_index(snapshot).with_ext(*_UI_EXTENSIONS)
               if _UI_FILE.search(p) and not is_fixture_path(p)), None)
    searched = Evidence("looked for translation catalogues, locale folders, i18n libraries "
                        "and translation calls")
    if ui is None:
        yield needs_person("RP-7", "No user interface was found; a person should confirm "
                                   "whether localisation applies.", searched)
    else:
        yield warned("RP-7", "The software has a user interface but no sign of translation "
                             "support.", Evidence("user interface file", ui), searched)


# -- RP-8 ---------------------------------------------------------------------------------------

_URL_HOST = re.compile(r"\bhttps?://([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}|"
                       r"\d{1,3}(?:\.\d{1,3}){3})")
_PRIVATE_IP = re.compile(r"(?<![\d.])(10\.\d{1,3}\.\d{1,3}\.\d{1,3}|"
                         r"172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3}|"
                         r"192\.168\.\d{1,3}\.\d{1,3})(?![\d.])")
_TRAILING_COMMENT = re.compile(r"\s(?:#|//)\s")
_COMMENT_LINE = re.compile(r"^\s*(#|//|\*|/\*|--|<!--|;|\"\"\"|''')")
_APP_CONFIG = re.compile(r"(^|/)(config|conf|settings)/[^/]+\.(ya?ml|json|ini|toml|php|py|"
                         r"js|ts|env|conf|properties)$|(^|/)(settings\.[\w]+|\.env[\w.-]*|"
                         r"values\.ya?ml|appsettings[\w.-]*\.json|"
                         r"application[\w-]*\.(ya?ml|properties))$", re.IGNORECASE)


def _situation_specific(snapshot: Snapshot) -> list[Evidence]:
    # Documentation builds (docs/conf.py) link to documentation sites, not to a deployment.
    texts = [(p, t) for p, t in source_sample(snapshot)
             if not is_fixture_path(p) and p.split("/", 1)[0].lower() not in DOCS_DIRS]
    for path in config_files(snapshot):
        if _APP_CONFIG.search(path) and len(texts) < SAMPLE_FILES + 50:
            text = snapshot.head_text(path, SAMPLE_BYTES)
            if text:
                texts.append((path, text))
    seen: dict[str, Evidence] = {}
    for path, text in texts:
        docstrings = path.endswith((".py", ".pyi"))
        in_docstring = False
        for number, line in enumerate(text.splitlines(), 1):
            if docstrings and ('"""' in line or "'''" in line):
                # A docstring's links document the code, like comments do.
                quotes = line.count('"""') + line.count("'''")
                opened = in_docstring or quotes % 2 == 1
                in_docstring = in_docstring != (quotes % 2 == 1)
                if opened or line.lstrip().startswith(('"""', "'''")):
                    continue
            if in_docstring:
                continue
            line = _TRAILING_COMMENT.split(line, 1)[0]
            if ("http" not in line and "." not in line) or _COMMENT_LINE.match(line):
                continue
            for match in _URL_HOST.finditer(line):
                host = match.group(1).lower().rstrip(".")
                if host not in seen and not GENERIC_HOSTS.search(host) and "{" not in host:
                    seen[host] = Evidence(f"host {host}", path, number)
            for match in _PRIVATE_IP.finditer(line):
                address = match.group(1)
                if address not in seen:
                    seen[address] = Evidence(f"private address {address}", path, number)
        if len(seen) >= 20:
            break
    return list(seen.values())


@check(
    id="no-situation-specific-details",
    title="No deployment-specific details in code",
    requirements=["RP-8"],
    strength=Strength.WEAK,
    why=(
        "Hostnames, internal addresses and other details of one deployment make the code hard "
        "to reuse elsewhere and can reveal internal infrastructure."
    ),
    how_to_fix=(
        "Move hostnames, addresses and organisation-specific values into configuration with "
        "neutral defaults (such as example.org), and document them."
    ),
    limitations=(
        "Every host that is not on a list of well-known public sites warns, including public "
        "services the software rightly calls (a national address register, a payment "
        "provider), so a person must sort them. It only sees hosts written as http(s):// "
        "addresses and private IPv4 addresses: a bare internal name such as db01.intra, a "
        "council's name, e-mail addresses or case numbers pass. Documentation is not scanned, "
        "nor code beyond the first 8 KB of up to 150 sampled source files."
    ),
    examples=[
        Example("The service address comes from configuration",
                {"src/client.py": "import os\n\nAPI = os.environ['PERMITS_API']\n",
                 ".env.example": "PERMITS_API=https://permits.example.org/api\n"},
                {"RP-8": "pass"}),
        Example("An intranet address and a private IP address in code",
                {"src/client.py": "API = 'https://permits.intra.eastbrook.nl/api'\n"
                                  "DB_HOST = '10.20.0.12'\n"},
                {"RP-8": "warn"}),
    ],
)
def no_situation_specific_details(context: CheckContext) -> Iterator[Finding]:
    """Scans the sampled source files (outside test, example and documentation folders) and the
    application configuration files (config/, settings.*, .env*, values.yaml, appsettings*.json,
    application*.yml) for http(s) hostnames that are not well-known public sites and for private
    IPv4 addresses (10.x, 172.16-31.x, 192.168.x). Comment lines, trailing comments and Python
    docstrings are skipped, since links there document the code. Any hit warns for a person to
    review; none passes. It never fails."""
    snapshot = context.snapshot
    found = _situation_specific(snapshot)
    if found:
        yield warned("RP-8", f"{len(found)} hostnames or addresses in code or configuration may "
                             "be specific to one deployment; a person should review them.",
                     *found[:10])
    else:
        yield passed("RP-8", "No deployment-specific hostnames or addresses were found.",
                     Evidence(f"scanned {len(source_sample(snapshot))} source files and the "
                              "application configuration"))


# -- RP-9 ---------------------------------------------------------------------------------------

_MODULE_PARENTS = frozenset({"packages", "modules", "apps", "libs", "plugins", "bundles",
                             "extensions", "components", "services", "crates"})
_MODULE_MANIFEST = re.compile(r"^(package\.json|composer\.json|go\.mod|pyproject\.toml|"
                              r"Cargo\.toml|[^/]+\.info\.yml)$")
_NOT_MODULE_TREES = frozenset({"src", "app", "lib", "source", "config", "conf", "settings",
                               "resources", "static", "public", "assets", "webjar", "webjars",
                               "templates", "test", "tests"})
_README_FILE = re.compile(r"^readme(\.[\w-]+)?$", re.IGNORECASE)


def module_roots(snapshot: Snapshot) -> list[str]:
    """Folders under packages/, modules/... and folders below the root with their own manifest."""
    index = path_index(snapshot)
    roots: set[str] = set()
    for directory in index.directories:
        parts = directory.split("/")
        # Monorepo containers sit at the top (packages/x, frontend/packages/x). Deeper down, or
        # inside source and configuration folders, the same names only organise one program:
        # Django apps/, NestJS src/modules/, Symfony config/packages/.
        if parts[0].lower() in _NOT_MODULE_TREES:
            continue
        for i in range(min(len(parts) - 1, 2)):
            if parts[i] in _MODULE_PARENTS:
                roots.add("/".join(parts[:i + 2]))
                break
    manifests_found = index.named("package.json", "composer.json", "go.mod", "pyproject.toml",
                                  "cargo.toml")
    manifests_found += [p for p in index.with_ext("yml") if p.endswith(".info.yml")]
    roots.update(p.rsplit("/", 1)[0] for p in manifests_found if "/" in p)
    return sorted(r for r in roots if not r.startswith(".") and not is_fixture_path(r + "/x"))


@check(
    id="modules-documented",
    title="Modules are documented for reuse",
    requirements=["RP-9"],
    strength=Strength.WEAK,
    why="A module with its own documentation can be picked up and reused in another codebase.",
    how_to_fix=(
        "Give every module or package its own README saying what it does, how to install it and "
        "how to use its interface."
    ),
    limitations=(
        "A README of one line counts the same as full documentation; only its presence is "
        "checked. Modules documented on a central documentation site rather than in their own "
        "folder count as undocumented. Any folder below the root with its own package.json, "
        "composer.json, go.mod, pyproject.toml or Cargo.toml counts as a module, so a frontend/ "
        "and backend/ of one application are judged as modules, while Maven and Gradle "
        "multi-module builds (no such manifest per folder) are seen as a single module."
    ),
    examples=[
        Example("Each package has its own README",
                {"packages/forms/package.json": '{"name": "@permits/forms"}\n',
                 "packages/forms/README.md": "# Forms\n\nReusable permit forms.\n",
                 "packages/rules/package.json": '{"name": "@permits/rules"}\n',
                 "packages/rules/README.md": "# Rules\n\nEligibility rules.\n"},
                {"RP-9": "pass"}),
        Example("One of two packages has no README",
                {"packages/forms/package.json": '{"name": "@permits/forms"}\n',
                 "packages/forms/README.md": "# Forms\n\nReusable permit forms.\n",
                 "packages/rules/package.json": '{"name": "@permits/rules"}\n',
                 "packages/rules/index.js": "export const minimumAge = 18;\n"},
                {"RP-9": "warn"}),
        Example("A single application",
                {"package.json": '{"name": "permits"}\n', "index.js": "console.log('hi');\n"},
                {"RP-9": "not_applicable"}),
    ],
)
def modules_documented(context: CheckContext) -> Iterator[Finding]:
    """Finds the modules: folders under packages/, modules/, apps/, libs/, plugins/, services/,
    crates/ and similar near the top of the tree (not inside src/, app/, lib/ or config/, where
    such names organise one program), plus any folder below the root with its own manifest.
    Not applicable when there are none. Passes when at least 80% of them have a README file
    directly inside; warns otherwise, naming the modules without one."""
    snapshot = context.snapshot
    roots = module_roots(snapshot)
    if not roots:
        yield not_applicable("RP-9", "The codebase is a single module.",
                             Evidence("no packages/, modules/ or nested manifests found"))
        return
    by_parent = path_index(snapshot).by_parent
    undocumented = [r for r in roots
                    if not any(_README_FILE.match(c.rsplit("/", 1)[-1])
                               for c in by_parent.get(r, ()))]
    documented = len(roots) - len(undocumented)
    share = documented / len(roots)
    if share >= 0.8:
        yield passed("RP-9", f"{documented} of {len(roots)} modules have a README.",
                     *(Evidence("module without README", r) for r in undocumented[:5]))
    else:
        yield warned("RP-9", f"Only {documented} of {len(roots)} modules have a README.",
                     *(Evidence("module without README", r) for r in undocumented[:10]))


# -- RP-10 --------------------------------------------------------------------------------------

_CLOUD_SDK = re.compile(
    r"^(aws-sdk|@aws-sdk/.*|aws-amplify|@aws-amplify/.*|@azure/.*|@google-cloud/.*|firebase|"
    r"firebase-admin|@firebase/.*|boto3|botocore|aiobotocore|azure-.*|google-cloud-.*|"
    r"aws/aws-sdk-php|microsoft/azure-.*|google/cloud.*|kreait/firebase-php|"
    r"github\.com/aws/aws-sdk-go.*|github\.com/Azure/azure-sdk-for-go.*|cloud\.google\.com/go.*|"
    r"firebase\.google\.com/go.*|software\.amazon\.awssdk.*|aws-java-sdk.*|"
    r"com\.microsoft\.azure.*|Microsoft\.Azure\..*|AWSSDK\..*)$",
    re.IGNORECASE,
)
# Literal-first alternatives keep this fast on large samples; the host is widened afterwards.
_VENDOR_ENDPOINT = re.compile(
    r"graph\.microsoft\.com|login\.microsoftonline\.com|\.amazonaws\.com|\.googleapis\.com|"
    r"\.azure\.com|\.azure\.net|\.windows\.net|\.firebaseio\.com|\.azurewebsites\.net|"
    r"\.cloudfunctions\.net",
    re.IGNORECASE,
)
_HOST_PREFIX = re.compile(r"[\w.-]*$")
_IAC_FILE = re.compile(r"\.bicep$|(^|/)azuredeploy[\w.-]*\.json$|(^|/)cdk\.json$|"
                       r"(^|/)(cloudformation|cfn)[\w./-]*\.(ya?ml|json|template)$|"
                       r"\.cfn\.(ya?ml|json)$", re.IGNORECASE)


@check(
    id="vendor-independent",
    title="No lock-in to a single vendor's services",
    requirements=["RP-10"],
    strength=Strength.WEAK,
    why=(
        "Software that only runs on one vendor's cloud or platform ties every reuser to that "
        "vendor and its prices."
    ),
    how_to_fix=(
        "Use open protocols and portable services (S3-compatible storage, OpenID Connect, "
        "PostgreSQL), or make vendor-specific integrations optional and document alternatives."
    ),
    limitations=(
        "It cannot tell a required vendor service from an optional or replaceable one: boto3 "
        "used against an S3-compatible store, an optional Azure login, and Google Fonts loaded "
        "from fonts.googleapis.com in a template all warn. It only knows the big clouds' SDKs, "
        "endpoints and infrastructure files, so lock-in to other vendors (a proprietary CRM, "
        "a case-management suite) passes unless publiccode.yml lists it as a proprietary "
        "dependency. Development dependencies are ignored, and only the first 8 KB of up to "
        "150 sampled source files are read."
    ),
    examples=[
        Example("Portable dependencies only",
                {"package.json": '{"dependencies": {"pg": "^8", "openid-client": "^5"}}\n'},
                {"RP-10": "pass"}),
        Example("Files are stored through the AWS SDK",
                {"package.json": '{"dependencies": {"@aws-sdk/client-s3": "^3"}}\n'},
                {"RP-10": "warn"}),
        Example("Mail is sent through Microsoft Graph",
                {"src/mail.js": "await fetch('https://graph.microsoft.com/v1.0/me/sendMail');\n"},
                {"RP-10": "warn"}),
    ],
)
def vendor_independent(context: CheckContext) -> Iterator[Finding]:
    """Warns on signs of a single vendor: a runtime dependency on an AWS, Azure, Google Cloud
    or Firebase SDK, a call to one of their endpoints (graph.microsoft.com, *.amazonaws.com,
    *.googleapis.com, *.azure.com...) in the sampled source code, a single-cloud infrastructure
    definition (Bicep, azuredeploy.json, CloudFormation, cdk.json), or any proprietary
    dependency listed in publiccode.yml, optional or not. Passes when none is found; it never
    fails."""
    snapshot = context.snapshot
    signals: list[Evidence] = []
    for dep in manifests(snapshot).runtime():
        if _CLOUD_SDK.match(dep.name):
            signals.append(dep.evidence(f"single-vendor SDK {dep.name}"))
    for path, text in source_sample(snapshot):
        if is_fixture_path(path):
            continue
        match = _VENDOR_ENDPOINT.search(text)
        if match:
            prefix = _HOST_PREFIX.search(text, max(0, match.start() - 100), match.start())
            host = (prefix.group(0) if prefix else "") + match.group(0)
            signals.append(Evidence(f"calls {host.lstrip('.')}", path,
                                    line_of(text, match.start())))
            if len(signals) >= 12:
                break
    iac = [p for p in path_index(snapshot).with_ext("bicep", "json", "yml", "yaml", "template")
           if _IAC_FILE.search(p)][:3]
    signals += [Evidence("single-cloud infrastructure definition", p) for p in iac]
    pc = publiccode(snapshot)
    for name, optional, line in proprietary_dependencies(snapshot):
        signals.append(Evidence(f"publiccode.yml proprietary dependency {name}"
                                + (" (optional)" if optional else ""), pc.path, line))
    if signals:
        yield warned("RP-10", "The software uses services of a single vendor; a person should "
                              "confirm they are optional or replaceable.", *signals[:10])
    else:
        yield passed("RP-10", "No single-vendor services or SDKs were found.",
                     Evidence("inspected manifests, sampled code and infrastructure files"))
