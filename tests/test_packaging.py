"""What ``pip install .`` puts on a machine: one import package, complete, in layers that only
point down.

The package is built and installed into a temporary folder once for this module. The layer contract
(``[tool.importlinter]`` in pyproject.toml) is checked against that installed copy: it is what
ships, and it holds the root folders ``checks/``, ``criteria/`` and ``webhooks/`` in their place
inside the package, which an editable install only maps at import time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Root folders of the repository installed as subpackages, and where the rest lives.
SOURCES = {"publiccode_checker": ROOT / "src" / "publiccode_checker",
           "publiccode_checker.checks": ROOT / "checks",
           "publiccode_checker.criteria": ROOT / "criteria",
           "publiccode_checker.webhooks": ROOT / "webhooks"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("installed")
    build = tmp_path_factory.mktemp("build")
    # Built from a copy of what setuptools reads, so the checkout gets no build/ or egg-info.
    source = build / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("src", "checks", "criteria", "webhooks"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-cache-dir", "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PIP_NO_INPUT": "1", "TMPDIR": str(build)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return target


def _clean_env(target: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "DATABASE_URL", "REDIS_URL", "PUBLICCODE_CHECKER"))}
    env["PYTHONPATH"] = str(target)
    return env


def test_one_top_level_import_package(installed: Path) -> None:
    [info] = installed.glob("publiccode_checker-*.dist-info")
    assert (info / "top_level.txt").read_text().split() == ["publiccode_checker"]
    importable = sorted(p.name for p in installed.iterdir()
                        if not p.name.endswith((".dist-info", "__pycache__")) and p.name != "bin")
    assert importable == ["publiccode_checker"]
    entry_points = (info / "entry_points.txt").read_text()
    assert "publiccode-checker = publiccode_checker.cli.main:main" in entry_points


def test_every_module_and_data_file_is_installed(installed: Path) -> None:
    missing = []
    for package, folder in SOURCES.items():
        destination = installed.joinpath(*package.split("."))
        for source in folder.rglob("*"):
            if "__pycache__" in source.parts or source.is_dir():
                continue
            relative = source.relative_to(folder)
            # Subpackages mapped from the root are checked from their own folder.
            if package == "publiccode_checker" and relative.parts[0] in ("checks", "criteria",
                                                                        "webhooks"):
                continue
            if not (destination / relative).is_file():
                missing.append(f"{package}: {relative}")
    assert not missing, "not installed (add the package or data to pyproject.toml):\n" + \
        "\n".join(missing[:40])


def test_the_packages_listed_in_pyproject_are_the_folders(installed: Path) -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    folders = set()
    for package, folder in SOURCES.items():
        for init in folder.rglob("__init__.py"):
            relative = init.parent.relative_to(folder)
            if package == "publiccode_checker" and relative.parts[:1] in (("checks",),
                                                                         ("criteria",),
                                                                         ("webhooks",)):
                continue
            folders.add(".".join((package, *relative.parts)))
    assert listed == folders


def test_importing_any_module_builds_nothing_and_never_exits(installed: Path,
                                                             tmp_path: Path) -> None:
    # Without any setting: importing must not build the app, open a database or exit.
    script = (
        "import pkgutil, publiccode_checker\n"
        "names = [m.name for m in pkgutil.walk_packages(publiccode_checker.__path__,\n"
        "         'publiccode_checker.')]\n"
        "for name in names:\n"
        "    __import__(name)\n"
        "print(len(names))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=_clean_env(installed),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert int(done.stdout.split()[-1]) > 150
    assert not list(tmp_path.iterdir()), "importing created files"


def test_layers_point_down_and_nothing_imports_in_a_circle(installed: Path) -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports)] if lint_imports.exists() else [
        sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()"]
    done = subprocess.run([*command, "--no-cache", str(ROOT / "pyproject.toml")],
                          cwd=installed, env=_clean_env(installed), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "Layers point down KEPT" in done.stdout
    assert "No import cycles KEPT" in done.stdout
