"""CO-3: credentials, key files, dumps and personal data, and how fast the scan is."""

from __future__ import annotations

from publiccode_checker.checks.secrets import _valid_bsn, _valid_iban, scan
from publiccode_checker.snapshots import MemorySnapshot, RepositoryFacts
from tests.checks.helpers import run

PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAq2v3kLm9Zp0Xy7Tf5RsQ1WcE8dN4bH6uJ2iK0lM3nO5pQ7rS\n"
    "-----END RSA PRIVATE KEY-----\n"
)
# Token-shaped strings are assembled at run time so that this file does not hold one itself.
AWS_KEY = "AKIA" + "Z7Q2LMNPQRSTUV3W"


def co3(files: dict, facts: RepositoryFacts | None = None):
    return run("no-sensitive-data", MemorySnapshot(files, facts=facts))["CO-3"]


def test_clean_tree_passes():
    finding = co3({"src/app.py": "print('hello')\n", "README.md": "# App\n"})
    assert finding.outcome.value == "pass"


def test_provider_token_outside_tests_fails_with_location_and_no_secret():
    finding = co3({"src/settings.py": f"# config\nAWS_KEY = '{AWS_KEY}'\n"})
    assert finding.outcome.value == "fail"
    hit = finding.evidence[0]
    assert (hit.path, hit.line) == ("src/settings.py", 2)
    assert "AKIA" in hit.message
    assert AWS_KEY not in " ".join(e.message for e in finding.evidence)
    assert AWS_KEY[4:12] not in " ".join(e.message for e in finding.evidence)


def test_private_key_fails_but_only_warns_in_fixture_paths():
    assert co3({"deploy/server.pem": PRIVATE_KEY}).outcome.value == "fail"
    assert co3({"tests/fixtures/server.pem": PRIVATE_KEY}).outcome.value == "warn"
    assert co3({"examples/server.pem": PRIVATE_KEY}).outcome.value == "warn"


def test_key_header_in_source_code_is_not_a_key():
    files = {"crypto.go": 'const header = "-----BEGIN RSA PRIVATE KEY-----"\n'}
    assert co3(files).outcome.value == "pass"


def test_placeholders_and_documented_examples_are_ignored():
    files = {"docs/aws.md": "Use AKIAIOSFODNN7EXAMPLE or ghp_" + "x" * 36 + "\n"}
    assert co3(files).outcome.value == "pass"


def test_github_and_slack_tokens():
    token = "ghp_" + "aZ3kQ9mW2xL7pR4tY8vB1nC6dF0gH5jK2sE9"
    assert co3({"ci.sh": f"TOKEN={token}\n"}).outcome.value == "fail"
    slack = "xoxb" + "-123456789012-abcdefghijkl"
    assert co3({"bot.js": f"const t = '{slack}';\n"}).outcome.value == "fail"


def test_committed_files_by_name_warn():
    assert co3({".env": "DB=postgres://u:p@h/db\n"}).outcome.value == "warn"
    assert co3({".env.production": "A=1\n"}).outcome.value == "warn"
    assert co3({".env.example": "A=\n", ".env.dist": "A=\n"}).outcome.value == "pass"
    assert co3({"certs/id_rsa": "not really\n"}).outcome.value == "warn"
    assert co3({"store.jks": b"\xfe\xed\xfe\xed\x00\x00"}).outcome.value == "warn"
    assert co3({"backup/app.sqlite3": b"SQLite format 3\x00"}).outcome.value == "warn"


def test_keynote_file_is_not_a_key():
    assert co3({"talk.key": b"PK\x03\x04\x00\x00"}).outcome.value == "pass"


def test_sql_dump_warns_but_schema_does_not():
    assert co3({"db/schema.sql": "CREATE TABLE t (id int);\n"}).outcome.value == "pass"
    dump = "-- PostgreSQL database dump\nCOPY t (id) FROM stdin;\n1\n\\.\n"
    assert co3({"db/prod.sql": dump}).outcome.value == "warn"
    inserts = "".join(f"INSERT INTO t VALUES ({i});\n" for i in range(25))
    assert co3({"db/seed.sql": inserts}).outcome.value == "warn"


def test_credential_fallback_warns_without_showing_it():
    finding = co3({"config.js": "const password = process.env.DB_PASS " + "|| 'hunter2x';\n"})
    assert finding.outcome.value == "warn"
    assert "hunter2x" not in finding.evidence[0].message
    assert co3({"settings.py": 'PW = os.environ.get("DB_PASSWORD", ' + '"s3cr3tpw")\n'}) \
        .outcome.value == "warn"
    assert co3({"settings.py": 'HOST = os.environ.get("DB_HOST", "localhost")\n'}) \
        .outcome.value == "pass"


def test_danish_cpr_needs_a_valid_date():
    assert co3({"data/people.csv": "name,cpr\nJens,010203-1234\n"}).outcome.value == "warn"
    assert co3({"data/people.csv": "name,cpr\nJens,320203-1234\n"}).outcome.value == "pass"
    finding = co3({"data/people.csv": "name,cpr\nJens,010203-1234\n"})
    assert "0102" not in finding.evidence[0].message


def test_dutch_bsn_needs_the_eleven_check_and_context():
    assert _valid_bsn(b"111222333")
    assert not _valid_bsn(b"111222334")
    assert co3({"data/nl.csv": "naam,bsn\nJan,111222333\n"}).outcome.value == "warn"
    assert co3({"data/nl.csv": "naam,bsn\nJan,111222334\n"}).outcome.value == "pass"
    assert co3({"data/ids.csv": "id\n111222333\n"}).outcome.value == "pass"


def test_italian_fiscal_code_needs_its_check_letter():
    from publiccode_checker.checks.secrets import _valid_codice_fiscale

    assert _valid_codice_fiscale("BNCLRA90A41H501F")
    assert not _valid_codice_fiscale("BNCLRA90A41H501G")
    found = co3({"dati/cittadini.csv": "nome,cf\nLaura,BNCLRA90A41H501F\n"})
    assert found.outcome.value == "warn"
    assert "H501" not in " ".join(e.message for e in found.evidence)
    assert co3({"dati/cittadini.csv": "nome,cf\nLaura,BNCLRA90A41H501G\n"}).outcome.value == \
        "pass"
    # The sample code from Italian documentation is not anybody's.
    assert co3({"dati/esempio.csv": "cf\nRSSMRA85T10A562S\n"}).outcome.value == "pass"


def test_iban_mod_97():
    assert _valid_iban("NL02ABNA0123456789")
    assert not _valid_iban("NL03ABNA0123456789")
    assert co3({"data/bank.json": '{"iban": "NL02 ABNA 0123 4567 89"}'}).outcome.value == "warn"
    assert co3({"data/bank.json": '{"iban": "NL91ABNA0417164300"}'}).outcome.value == "pass"
    # Personal data rules only look at data files, not at code.
    assert co3({"src/iban.py": 'IBAN = "NL02ABNA0123456789"\n'}).outcome.value == "pass"


def test_forge_alerts_decide_when_known():
    clean = {"a.py": "x = 1\n"}
    assert co3(clean, RepositoryFacts(secret_scanning_open_alerts=2)).outcome.value == "fail"
    assert co3(clean, RepositoryFacts(secret_scanning_open_alerts=0)).outcome.value == "pass"


def test_hostile_input_never_raises():
    files = {
        "bin.dat": b"\x00\x01AKIA" + b"\xff" * 100,
        "latin1.txt": "påske ".encode("latin-1") * 100,
        "empty.txt": b"",
        "vendor/lib/key.pem": PRIVATE_KEY,
        "node_modules/x/index.js": f"'{AWS_KEY}'",
        "big.txt": b"a",
    }
    snapshot = MemorySnapshot(files, sizes={"big.txt": 10**9})
    result = scan(snapshot)
    assert result.hits == ()
    assert any("secrets scan" in p for p in snapshot.problems)


def test_scan_of_ten_thousand_clean_files_finds_nothing(tmp_path):
    # Its speed is measured by benchmarks/bench_check.py, not asserted here.
    body = "import os\n\ndef handler(event):\n    return {'status': 200, 'env': os.getenv('X')}\n"
    files = {f"pkg{i // 100}/module_{i}.py": body * 20 for i in range(10_000)}
    result = scan(MemorySnapshot(files))
    assert result.hits == () and result.scanned == 10_000


def test_local_storage_emulator_account_key_is_public():
    # Assembled at run time: a random 88-character key, shaped like an account key.
    key = ("Qm9ndXNrZXk" * 8)[:86] + "=="
    emulator = (f"AZURE_CONNECTION = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                f"AccountKey={key};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1'\n")
    assert co3({"src/conf/dev.py": emulator}).outcome.value == "pass"
    real = emulator.replace("devstoreaccount1", "cityprodstore")
    assert co3({"src/conf/prod.py": real}).outcome.value == "fail"


def test_schema_migrations_with_reference_data_are_not_dumps():
    inserts = "INSERT INTO role (name) VALUES ('reader');\n" * 25
    assert co3({"db/migration/V1_12__seed_roles.sql": inserts,
                "src/main/resources/db/R__roles.sql": inserts}).outcome.value == "pass"
    assert co3({"backup/roles.sql": inserts}).outcome.value == "warn"


def test_self_declared_insecure_defaults_are_not_credentials():
    settings = "DB_PASSWORD = os.getenv('DATABASE_PASSWORD', 'insecure')\n"
    assert co3({"app/settings.py": settings}).outcome.value == "pass"
    real = "DB_PASSWORD = os.getenv('DATABASE_PASSWORD', 'Tr0ub4dor')\n"
    assert co3({"app/settings.py": real}).outcome.value == "warn"
