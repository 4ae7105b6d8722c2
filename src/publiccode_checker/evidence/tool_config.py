"""Tool configuration files (pyproject.toml, package.json, jest.config.js, phpunit.xml...).

Coverage thresholds, doctest switches, linter rules and documentation checks are often set in
these files rather than on a CI command line; they are read once per snapshot.
"""

from __future__ import annotations

from publiccode_checker.evidence import memoised
from publiccode_checker.evidence.files import inventory
from publiccode_checker.snapshots import Snapshot

COVERAGE_SERVICE_FILES = (
    "codecov.yml", ".codecov.yml", "codecov.yaml", ".codecov.yaml", ".github/codecov.yml",
    ".coveralls.yml", "sonar-project.properties", ".sonarcloud.properties",
)
CONFIG_FILES = (
    "pyproject.toml", "setup.cfg", "tox.ini", ".coveragerc", "pytest.ini", "package.json",
    "jest.config.js", "jest.config.ts", "jest.config.mjs", "jest.config.cjs", "jest.config.json",
    "vitest.config.js", "vitest.config.ts", "vitest.config.mjs", "vitest.config.mts",
    "vite.config.js", "vite.config.ts", ".nycrc", ".nycrc.json", ".nycrc.yml", ".c8rc",
    ".c8rc.json", "pom.xml", "build.gradle", "build.gradle.kts", "phpunit.xml",
    "phpunit.xml.dist", ".simplecov", "Cargo.toml", "tarpaulin.toml", ".tarpaulin.toml",
    "noxfile.py", "src/lib.rs", "composer.json", "Gemfile", *COVERAGE_SERVICE_FILES,
)
MAX_CONFIG_BYTES = 256 * 1024


@memoised
def config_texts(snapshot: Snapshot) -> list[tuple[str, str]]:
    """Tool configuration files at the root (and manifests below it), read once per snapshot."""
    paths = [p for p in CONFIG_FILES if snapshot.exists(p)]
    paths += [p for p in inventory(snapshot).manifests if "/" in p][:20]
    texts = []
    for path in paths:
        text = snapshot.read_text(path, MAX_CONFIG_BYTES)
        if text:
            texts.append((path, text))
    return texts
