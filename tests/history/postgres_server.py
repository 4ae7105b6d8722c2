"""A throwaway PostgreSQL server for tests and benchmarks.

``PUBLICCODE_CHECKER_TEST_POSTGRES`` may name a server to use instead (a URL whose user may create
databases, e.g. a CI service container). Otherwise a server is started from the PostgreSQL
binaries found on PATH or under /usr/lib/postgresql, in a temporary folder, on a free loopback
port. ``initdb`` refuses to run as root, so as root the server runs as the ``postgres`` user (or
``nobody``). ``available()`` says why not when it cannot work, so callers can skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

ENV_URL = "PUBLICCODE_CHECKER_TEST_POSTGRES"


def _binaries() -> Path | None:
    candidates = []
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(os.path.realpath(found)).parent)
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def unavailable_reason() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg (v3) is not installed"
    if os.environ.get(ENV_URL):
        return None
    if _binaries() is None:
        return "PostgreSQL binaries (initdb, pg_ctl, postgres) not found"
    if os.geteuid() == 0 and _run_as_user() is None:
        return "running as root and no unprivileged user to run PostgreSQL"
    return None


def _run_as_user() -> str | None:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """Start with ``start()``, create databases with ``new_database()``, end with ``stop()``."""

    def __init__(self) -> None:
        self.base_url = os.environ.get(ENV_URL)
        self.folder: Path | None = None
        self.port: int | None = None
        self._user: str | None = None

    def start(self) -> None:
        if self.base_url:
            return
        binaries = _binaries()
        assert binaries is not None
        self.folder = Path(tempfile.mkdtemp(prefix="pcc-postgres-"))
        self._user = _run_as_user() if os.geteuid() == 0 else None
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self.port = _free_port()
        data = self.folder / "data"
        self._run([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "checker",
                   "-E", "UTF8", "--no-sync", "--locale=C"])
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run([str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                   "-l", str(self.folder / "log"), "-w", "start"])
        self.base_url = f"postgresql+psycopg://checker@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        import psycopg

        assert self.base_url
        name = "pcc_" + uuid.uuid4().hex[:12]
        plain = self.base_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        head, _, _ = self.base_url.rpartition("/")
        return f"{head}/{name}"

    def stop(self) -> None:
        if self.folder is None:
            return
        binaries = _binaries()
        assert binaries is not None
        self._run([str(binaries / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                   "-w", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def _run(self, command: list[str], check: bool = True) -> None:
        if self._user:
            command = ["runuser", "-u", self._user, "--", *command]
        subprocess.run(command, check=check, capture_output=True, cwd="/")
