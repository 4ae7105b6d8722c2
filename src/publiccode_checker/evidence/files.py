"""Which files are source, tests, vendored, manifests: the inventory most checks start from."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from publiccode_checker.evidence import collector
from publiccode_checker.snapshots import Snapshot

SOURCE_EXTENSIONS = frozenset(
    "py pyi js mjs cjs jsx ts tsx vue svelte php module inc install theme go java kt kts scala cs "
    "fs vb rb rs c h cc cpp cxx hpp hh swift m mm sh bash zsh ps1 pl pm lua r dart ex exs erl "
    "hs clj cljs groovy sql twig".split()
)
VENDORED_DIRS = frozenset(
    "vendor node_modules dist build third_party third-party bower_components .venv venv "
    "site-packages target out .next .nuxt coverage __pycache__ web/core web/libraries".split()
)
_MINIFIED = re.compile(r"\.min\.(js|css)$|[-.]bundle\.js$", re.IGNORECASE)
_TEST_DIRS = frozenset({"test", "tests", "__tests__", "spec", "specs", "e2e", "testing", "cypress"})
_TEST_FILE = re.compile(
    r"(^test_.*\.py$|_test\.(py|go|rb|exs)$|\.(test|spec)\.(js|jsx|ts|tsx|mjs|cjs)$|"
    r"Test\.(php|java|kt|cs)$|Tests?\.(cs|swift)$|_spec\.rb$)"
)
_FIXTURE_DIRS = frozenset({"fixtures", "fixture", "testdata", "test-data", "examples", "example",
                           "samples", "sample", "mocks", "__mocks__", "stubs"})
MANIFEST_NAMES = frozenset({
    "package.json", "composer.json", "pyproject.toml", "setup.py", "setup.cfg", "go.mod",
    "Cargo.toml", "pom.xml", "build.gradle", "build.gradle.kts", "Gemfile", "requirements.txt",
    "Pipfile", "mix.exs", "pubspec.yaml",
})


def is_vendored(path: str) -> bool:
    parts = path.split("/")
    for i in range(len(parts) - 1):
        if parts[i] in VENDORED_DIRS or "/".join(parts[i:i + 2]) in VENDORED_DIRS:
            return True
    return bool(_MINIFIED.search(path))


def is_source(path: str) -> bool:
    ext = posixpath.splitext(path)[1].lstrip(".").lower()
    return ext in SOURCE_EXTENSIONS and not is_vendored(path)


def is_test_path(path: str) -> bool:
    parts = path.split("/")
    if any(p.lower() in _TEST_DIRS for p in parts[:-1]):
        return True
    return bool(_TEST_FILE.search(parts[-1]))


def is_fixture_path(path: str) -> bool:
    """Test, fixture or example locations, where fake secrets and sample data are expected."""
    parts = [p.lower() for p in path.split("/")]
    return is_test_path(path) or any(p in _FIXTURE_DIRS for p in parts[:-1])


@dataclass(frozen=True)
class Inventory:
    total_files: int
    source_files: tuple[str, ...]
    test_files: tuple[str, ...]
    vendored_files: int
    manifests: tuple[str, ...]
    languages: dict[str, int] = field(default_factory=dict)

    def to_facts(self) -> dict:
        return {
            "total_files": self.total_files,
            "source_files": len(self.source_files),
            "test_files": len(self.test_files),
            "vendored_files": self.vendored_files,
            "manifests": list(self.manifests),
            "languages": self.languages,
        }


@collector("files")
def inventory(snapshot: Snapshot) -> Inventory:
    source, tests, manifests = [], [], []
    vendored = 0
    languages: dict[str, int] = {}
    for path in snapshot.paths:
        if is_vendored(path):
            vendored += 1
            continue
        name = path.rsplit("/", 1)[-1]
        if name in MANIFEST_NAMES:
            manifests.append(path)
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        if ext in SOURCE_EXTENSIONS:
            source.append(path)
            languages[ext] = languages.get(ext, 0) + 1
            if is_test_path(path):
                tests.append(path)
    return Inventory(
        total_files=len(snapshot.paths),
        source_files=tuple(source),
        test_files=tuple(tests),
        vendored_files=vendored,
        manifests=tuple(manifests),
        languages=dict(sorted(languages.items(), key=lambda kv: -kv[1])),
    )
