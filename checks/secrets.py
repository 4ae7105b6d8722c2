"""Sensitive information: credentials, key files, data dumps and personal data in the tree.

This is the one rule that reads every file, so it is built for speed: files are skipped by
extension and size before reading, binaries by their first bytes, and each detector runs its
regular expression only on files that contain its literal marker. A finding never shows more than
the first four characters of what matched.
"""

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
    passed,
    warned,
)
from publiccode_checker.context import CheckContext
from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.files import is_fixture_path, is_vendored
from publiccode_checker.snapshots import Snapshot

MAX_SCAN_BYTES = 512 * 1024
MAX_EVIDENCE = 20
MAX_HITS_PER_FILE = 3

_SKIP_EXTENSIONS = frozenset(
    "png jpg jpeg gif bmp ico webp tif tiff psd ai eps pdf zip gz tgz bz2 xz 7z rar zst jar war "
    "ear class so dll dylib exe bin o a lib obj woff woff2 ttf otf eot mp3 mp4 wav ogg webm mov "
    "avi mkv flac docx xlsx pptx odt ods odp doc xls ppt pyc pyo whl egg mo heic avif".split()
)
_DATA_EXTENSIONS = frozenset("csv tsv psv json jsonl ndjson xml yml yaml sql txt dat ldif vcf"
                             .split())
_LOCK_FILES = frozenset(
    "package-lock.json yarn.lock composer.lock pipfile.lock poetry.lock cargo.lock "
    "pnpm-lock.yaml gemfile.lock go.sum npm-shrinkwrap.json uv.lock".split()
)
_DUMP_EXTENSIONS = frozenset("dump sqlite sqlite3 db bak mdb accdb".split())
_KEY_FILE = re.compile(
    r"^(?:id_(?:rsa|dsa|ecdsa|ed25519)|.*\.(?:key|p12|pfx|jks|keystore|ppk|kdbx)|\.htpasswd|"
    r"\.netrc|\.pgpass|credentials\.json)$",
    re.IGNORECASE,
)
#: Only these names can be flagged by name; the rest skip the name rules cheaply.
_NAME_EXTENSIONS = _DUMP_EXTENSIONS | frozenset("key p12 pfx jks keystore ppk kdbx json".split())
_NAME_PREFIXES = (".env", ".ENV", "id_", ".htpasswd", ".netrc", ".pgpass")
_HARMLESS_NAME = re.compile(
    r"example|sample|dist|test|template|tmpl|tpl|default|fake|dummy|mock|spec", re.IGNORECASE
)
_SQL_DUMP = re.compile(rb"(?i)pg_dump|mysqldump|-- dump|sqlite_sequence|^copy .* from stdin",
                       re.MULTILINE)
_SQL_INSERT = re.compile(rb"(?i)\binsert\s+into\b")
_PLACEHOLDER = re.compile(rb"(?i)example|(?:x|\*|0|\.|_|-){8,}|your|dummy|fake|sample|redacted|"
                          rb"insecure|change[-_ ]?me|not[-_ ]?(?:a[-_ ]?)?secret")
#: Keys that are published on purpose, such as the fixed account key of Azure's local storage
#: emulator, which only ever opens a storage account on the developer's own machine.
_PUBLIC_DEV_ACCOUNT = re.compile(rb"devstoreaccount1")
#: Schema migrations (Flyway V1__x.sql/R__x.sql, Rails db/migrate, Django/Liquibase folders)
#: insert reference data; they are not dumps of a production database.
_MIGRATION_PATH = re.compile(r"(?:^|/)(?:migrations?|migrate|changelogs?|changesets?)/|"
                             r"(?:^|/)[VRU]\d*(?:[._]\d+)*__[^/]+\.sql$", re.IGNORECASE)


@dataclass(frozen=True)
class Detector:
    id: str
    label: str
    #: One byte every match contains: testing for a single byte is nearly free, so most files
    #: are ruled out before the slower substring and pattern searches.
    gate: bytes
    markers: tuple[bytes, ...]
    pattern: re.Pattern[bytes]


_TOKEN_DETECTORS = (
    Detector("private-key", "private key", b"V", (b"PRIVATE KEY",), re.compile(
        rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\\[nr]|\s)*"
        rb"(?:[A-Za-z0-9+/=]{16,}|Proc-Type|Version:|Comment:)")),
    Detector("aws-access-key", "AWS access key ID", b"I", (b"AKIA", b"ASIA"),
             re.compile(rb"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    Detector("github-token", "GitHub token",
             b"_", (b"ghp_", b"gho_", b"ghu_", b"ghs_", b"ghr_", b"github_pat_"),
             re.compile(rb"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})")),
    Detector("slack-token", "Slack token", b"-", (b"xox",),
             re.compile(rb"\bxox[abposr]-[0-9A-Za-z]{6,}-[0-9A-Za-z-]{6,}")),
    Detector("slack-webhook", "Slack webhook URL", b"/", (b"hooks.slack.com",),
             re.compile(rb"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/"
                        rb"[A-Za-z0-9]{20,}")),
    Detector("google-api-key", "Google API key", b"z", (b"AIza",),
             re.compile(rb"\bAIza[0-9A-Za-z_-]{35}")),
    Detector("stripe-live-key", "Stripe live key", b"_", (b"_live_",),
             re.compile(rb"\b[rs]k_live_[0-9A-Za-z]{20,}")),
    Detector("gitlab-token", "GitLab token", b"-", (b"glpat-",),
             re.compile(rb"\bglpat-[0-9A-Za-z_-]{20,}")),
    Detector("npm-token", "npm token", b"_", (b"npm_",), re.compile(rb"\bnpm_[A-Za-z0-9]{36}\b")),
    Detector("pypi-token", "PyPI token", b"E", (b"pypi-AgE",),
             re.compile(rb"\bpypi-AgE[A-Za-z0-9_-]{50,}")),
    Detector("sendgrid-key", "SendGrid key", b"G", (b"SG.",),
             re.compile(rb"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b")),
    Detector("azure-storage-key", "Azure storage account key", b"K", (b"AccountKey=",),
             re.compile(rb"AccountKey=[A-Za-z0-9+/]{80,}={0,2}")),
)
#: A literal used when an environment setting is missing. Every form contains "env", and a
#: pattern that starts with a literal is searched as fast as a substring.
_ENV_DEFAULT = re.compile(
    rb"env(?:\.\w+\s*(?:\|\||\?\?)|\[[^\]\n]{1,60}\]\s*(?:\|\||\?\?)|"
    rb"(?:iron\.get)?\(\s*[\"'][^\"'\n]{1,60}[\"']\s*(?:,|\)\s*(?:\bor\b|\?:|\|\||\?\?)))"
    rb"\s*[\"']([^\"'\s]{4,})[\"']"
)
_SECRET_WORD = re.compile(rb"(?i)password|passwd|secret|token|api_?key|credential")
MAX_FALLBACK_MATCHES = 50
_ENV_MARKERS = (b"env", b"ENV")

_CPR = re.compile(rb"(?<![\d-])(\d{2})(\d{2})(\d{2})-(\d{4})(?![\d-])")
_BSN_CONTEXT = re.compile(rb"(?i)\bbsn\b|burgerservice|sofinummer")
_BSN = re.compile(rb"(?<![\d.])\d{9}(?![\d.])")
# Italian codice fiscale: surname, name, birth year, month letter, day (+40 for women), place,
# check letter. Digits may be replaced by letters (omocodia), hence the letter classes.
_CODICE_FISCALE = re.compile(
    rb"(?<![A-Za-z0-9])[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}"
    rb"[A-Z][0-9LMNPQRSTUV]{3}[A-Z](?![A-Za-z0-9])"
)
_IBAN = re.compile(rb"\b([A-Z]{2})(\d{2})((?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b")
_IBAN_LENGTHS = {
    "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GL": 18, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MT": 31, "NL": 18,
    "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
}
#: IBANs printed in banks' and standards' documentation as examples.
_EXAMPLE_IBANS = frozenset({
    "NL91ABNA0417164300", "DE89370400440532013000", "GB29NWBK60161331926819",
    "GB82WEST12345698765432", "FR1420041010050500013M02606", "DK5000400440116243",
    "BE68539007547034", "ES9121000418450200051332", "IT60X0542811101000000123456",
    "NO9386011117947", "SE4550000000058398257466", "FI2112345600000785", "CH9300762011623852957",
    "AT611904300234573201",
})


@dataclass(frozen=True)
class Hit:
    detector: str
    label: str
    path: str
    line: int
    #: The first characters of the match, or None where even that would reveal personal data.
    preview: str | None
    #: A credential format that is certain enough to fail the requirement outside test paths.
    decisive: bool

    def evidence(self) -> Evidence:
        shown = f", starts with `{self.preview}`" if self.preview else ""
        where = " (test or example path)" if is_fixture_path(self.path) else ""
        return Evidence(f"{self.label} [{self.detector}]{shown}{where}", self.path, self.line)


@dataclass(frozen=True)
class ScanResult:
    hits: tuple[Hit, ...]
    scanned: int
    skipped_large: int


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _preview(match: bytes) -> str:
    return match[:4].decode("ascii", errors="replace")


def _scan_tokens(path: str, data: bytes) -> Iterator[Hit]:
    for detector in _TOKEN_DETECTORS:
        if detector.gate not in data or not any(m in data for m in detector.markers):
            continue
        found = 0
        for match in detector.pattern.finditer(data):
            token = match.group(0)
            if detector.id != "private-key" and _PLACEHOLDER.search(token[4:]):
                continue
            if detector.id != "private-key" and len(set(token[4:])) <= 4:
                continue
            if detector.id == "azure-storage-key" and _PUBLIC_DEV_ACCOUNT.search(
                    data, max(0, match.start() - 300), match.end() + 300):
                continue
            preview = None if detector.id == "private-key" else _preview(token)
            yield Hit(detector.id, detector.label, path, _line(data, match.start()), preview,
                      True)
            found += 1
            if found >= MAX_HITS_PER_FILE:
                break
    if any(marker in data for marker in _ENV_MARKERS):
        hit = _credential_fallback(path, data)
        if hit is not None:
            yield hit


def _credential_fallback(path: str, data: bytes) -> Hit | None:
    """A literal password, token or key used as the default of an environment setting."""
    for count, match in enumerate(_ENV_DEFAULT.finditer(data)):
        if count >= MAX_FALLBACK_MATCHES:
            break
        line_start = data.rfind(b"\n", 0, match.start()) + 1
        if _SECRET_WORD.search(data[line_start:match.end()]) and not _PLACEHOLDER.search(
                match.group(1)):
            return Hit("credential-fallback", "hard-coded credential used when a setting is "
                       "missing", path, _line(data, match.start()), None, False)
    return None


def _scan_personal(path: str, data: bytes) -> Iterator[Hit]:
    for match in _CPR.finditer(data):
        if _valid_cpr_date(match):
            yield Hit("dk-cpr", "possible Danish CPR number", path, _line(data, match.start()),
                      None, False)
            break
    if _BSN_CONTEXT.search(data):
        for match in _BSN.finditer(data):
            if _valid_bsn(match.group(0)):
                yield Hit("nl-bsn", "possible Dutch BSN", path, _line(data, match.start()),
                          None, False)
                break
    for match in _CODICE_FISCALE.finditer(data):
        code = match.group(0).decode("ascii")
        if code not in _EXAMPLE_FISCAL_CODES and _valid_codice_fiscale(code):
            yield Hit("it-codice-fiscale", "possible Italian fiscal code (codice fiscale)", path,
                      _line(data, match.start()), None, False)
            break
    for match in _IBAN.finditer(data):
        iban = match.group(0).replace(b" ", b"").decode("ascii")
        if iban not in _EXAMPLE_IBANS and _valid_iban(iban):
            yield Hit("iban", "bank account number (IBAN)", path, _line(data, match.start()),
                      iban[:4], False)
            break


def _valid_cpr_date(match: re.Match[bytes]) -> bool:
    day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if not 1 <= month <= 12 or day < 1:
        return False
    days = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= days[month - 1]


def _valid_bsn(number: bytes) -> bool:
    digits = [int(c) for c in number.decode("ascii")]
    if len(set(digits)) <= 2 or (digits[0] == 0 and digits[1] == 0):
        return False
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


#: The fiscal code of the fictitious "Mario Rossi" that Italian documentation uses as a sample.
_EXAMPLE_FISCAL_CODES = frozenset({"RSSMRA85T10A562S"})
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18,
                    20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23], strict=True))


def _valid_codice_fiscale(code: str) -> bool:
    """The check letter (the 16th character) must match the other fifteen."""
    total = 0
    for position, char in enumerate(code[:15]):
        if position % 2 == 0:  # odd positions, counting from one
            total += _CF_ODD[char]
        else:
            total += int(char) if char.isdigit() else ord(char) - ord("A")
    return chr(ord("A") + total % 26) == code[15]


def _valid_iban(iban: str) -> bool:
    if _IBAN_LENGTHS.get(iban[:2]) != len(iban):
        return False
    rearranged = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def _by_name(path: str, name: str, ext: str, head: bytes | None) -> Hit | None:
    lower = name.lower()
    if lower == ".env" or (lower.startswith(".env.") and not _HARMLESS_NAME.search(lower[5:])):
        return Hit("env-file", "committed environment file", path, 1, None, False)
    if _KEY_FILE.match(lower) and not _HARMLESS_NAME.search(lower):
        if ext == "key" and head is not None and head.startswith(b"PK"):
            return None  # a Keynote presentation, not a key
        return Hit("key-file", "key or credential store file", path, 1, None, False)
    if ext in _DUMP_EXTENSIONS and not _HARMLESS_NAME.search(lower):
        return Hit("data-dump", "database file or dump", path, 1, None, False)
    return None


@memoised
def scan(snapshot: Snapshot) -> ScanResult:
    """Every finding in the tree. Memoised: reading all files once per snapshot is enough."""
    hits: list[Hit] = []
    scanned = skipped = 0
    entries = snapshot.entries()
    for path in snapshot.paths:
        entry = entries[path]
        if entry.kind != "file" or is_vendored(path):
            continue
        name = path.rpartition("/")[2]
        ext = name.rpartition(".")[2].lower() if "." in name else ""
        if ext in _NAME_EXTENSIONS or name.startswith(_NAME_PREFIXES):
            named = _by_name(path, name, ext, None) if ext != "key" else None
            if named is not None:
                hits.append(named)
        if ext in _SKIP_EXTENSIONS or ext in _DUMP_EXTENSIONS:
            continue
        if entry.size > MAX_SCAN_BYTES:
            skipped += 1
            continue
        data = snapshot.read_bytes(path, MAX_SCAN_BYTES)
        if not data or b"\x00" in data[:8192]:
            continue
        scanned += 1
        if ext == "key":
            named = _by_name(path, name, ext, data[:4])
            if named is not None:
                hits.append(named)
        hits.extend(_scan_tokens(path, data))
        if ext in _DATA_EXTENSIONS and name.lower() not in _LOCK_FILES:
            hits.extend(_scan_personal(path, data))
            if ext == "sql" and not _MIGRATION_PATH.search(path) and (
                    _SQL_DUMP.search(data) or len(_SQL_INSERT.findall(data)) >= 20):
                hits.append(Hit("data-dump", "SQL data dump", path, 1, None, False))
    if skipped:
        snapshot.note_problem(f"secrets scan: {skipped} files over {MAX_SCAN_BYTES:,} bytes "
                              "were not read")
    result = ScanResult(tuple(hits), scanned, skipped)
    return result


@check(
    id="no-sensitive-data",
    title="No credentials or personal data in the codebase",
    requirements=["CO-3"],
    strength=Strength.DECISIVE,
    why=(
        "Anything committed is public and stays in the history: a leaked key or a person's "
        "data can be misused by anyone and cannot be taken back."
    ),
    how_to_fix=(
        "Remove the flagged secret or data, revoke and replace any credential, purge it from "
        "the history, and load secrets from the environment or a vault instead; keep only "
        "fake, clearly marked data in tests."
    ),
    limitations=(
        "It reads the files of the evaluated commit only: a secret removed in a later commit "
        "but still in the history is not found (open secret scanning alerts, when gathered, "
        "cover part of that). Passwords, internal URLs and tokens of services without a known "
        "format pass unless they are the default of an environment setting, and personal data "
        "is recognised only as Danish CPR, Dutch BSN, Italian fiscal codes and IBANs in data "
        "files, so names, addresses and e-mail lists pass. Files over 512 KB are not read. A "
        "committed .env or key file warns even when it holds only harmless local defaults."
    ),
    examples=[
        Example("Settings come from the environment; only an example file is committed",
                {"app/settings.py": "import os\n\nDB_PASSWORD = os.environ['DB_PASSWORD']\n",
                 ".env.example": "DB_PASSWORD=\n"},
                {"CO-3": "pass"}),
        Example("An environment file is committed",
                {"app/settings.py": "import os\n\nDB_PASSWORD = os.environ['DB_PASSWORD']\n",
                 ".env": "DB_PASSWORD=winter2026\n"},
                {"CO-3": "warn"}),
        Example("The forge reports open secret scanning alerts",
                {"README.md": "# Permits\n"},
                {"CO-3": "fail"}, facts={"secret_scanning_open_alerts": 2}),
    ],
)
def no_sensitive_data(context: CheckContext) -> Iterator[Finding]:
    """Reads every text file up to 512 KB outside vendored folders. Fails on a credential of a
    known format (private keys, AWS, GitHub, GitLab, Slack, Google, Stripe, npm, PyPI, SendGrid
    and Azure storage keys) outside test and example paths, or when the forge reports open
    secret scanning alerts. Warns on weaker signs: such credentials in test or example paths, a
    literal password or token used as the default of an environment setting, committed .env
    and key files, database files and SQL dumps, and personal data in data files (Danish CPR,
    Dutch BSN, Italian fiscal codes, IBANs that pass their checksums). Passes when nothing is
    found; placeholders and documented example values are ignored."""
    snapshot = context.snapshot
    result = scan(snapshot)
    facts = snapshot.facts
    alerts = _alert_count(facts.secret_scanning_open_alerts) \
        if facts.known("secret_scanning_open_alerts") else None
    serious = [h for h in result.hits if h.decisive and not is_fixture_path(h.path)]
    ordered = serious + [h for h in result.hits if h not in serious]
    evidence = [h.evidence() for h in ordered[:MAX_EVIDENCE]]
    if len(ordered) > MAX_EVIDENCE:
        evidence.append(Evidence(f"and {len(ordered) - MAX_EVIDENCE} more findings"))
    if alerts:
        evidence.insert(0, Evidence(f"{alerts} open secret scanning alerts on the forge"))
    summary = Evidence(f"{result.scanned} text files scanned")
    if serious or alerts:
        count = len(serious) + (alerts or 0)
        yield failed("CO-3", f"{count} credentials found in the codebase.", *evidence, summary)
    elif result.hits:
        yield warned("CO-3", f"{len(result.hits)} possible secrets, key files or personal data "
                     "to confirm.", *evidence, summary)
    else:
        note = [Evidence("no open secret scanning alerts")] if alerts == 0 else []
        # Strong, not decisive: only known formats are recognised and the history is not read.
        yield passed("CO-3", "No credentials, key files or personal data were found.", summary,
                     *note, strength=Strength.STRONG)


def _alert_count(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return len(value)  # type: ignore[arg-type]
    except TypeError:
        return 0
