"""Service settings, read once from the environment (and the instance folder).

A missing or invalid setting raises ``SettingsError`` whose message is one line naming the
variable, so start-up can stop with exactly that line. Without any GitHub App credentials the
service still starts, in set-up mode, and offers to register the app from a manifest; credentials
registered that way are kept in the instance folder (file mode 0600) and used from then on.

Secrets live only in this object and are never part of its ``repr``.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_INSTANCE_PATH = "instance"
CREDENTIALS_FILE = "github-app.json"
#: GitHub does not deliver bodies over 25 MB.
MAX_WEBHOOK_BYTES = 25 * 1024 * 1024


class SettingsError(ValueError):
    """A setting is missing or invalid; the message names it on one line."""


@dataclass(frozen=True)
class Settings:
    app_id: str | None = None
    private_key_pem: str | None = field(default=None, repr=False)
    webhook_secret: str | None = field(default=None, repr=False)
    app_slug: str | None = None
    api_url: str = DEFAULT_API_URL
    database_url: str | None = None
    redis_url: str | None = field(default=None, repr=False)
    public_url: str | None = None
    instance_path: Path = Path(DEFAULT_INSTANCE_PATH)
    #: Where the embedded (SQLite) queue lives when there is no Redis.
    queue_path: Path | None = None
    worker_threads: int = 2
    #: Lets the manifest flow point GitHub at an address other than github.com (GHES, tests).
    web_url: str = "https://github.com"
    #: Where the credentials came from: "environment", "instance" or None (set-up mode).
    credentials_source: str | None = None
    #: Ask for repository administration (read) when registering: lets checks see branch rules.
    administration_read: bool = False
    #: Runs GitHub's write-pacing windows on a faster clock; only for the fake GitHub in tests.
    pacing_scale: float = 1.0

    @property
    def configured(self) -> bool:
        """Whether the app can talk to GitHub; otherwise the service runs in set-up mode."""
        return bool(self.app_id and self.private_key_pem and self.webhook_secret)

    @property
    def queue_file(self) -> Path:
        return self.queue_path or self.instance_path / "queue.sqlite3"

    @property
    def credentials_file(self) -> Path:
        return self.instance_path / CREDENTIALS_FILE

    @property
    def bot_login(self) -> str | None:
        return f"{self.app_slug}[bot]" if self.app_slug else None

    def details_url(self, full_name: str) -> str | None:
        if not self.public_url:
            return None
        return f"{self.public_url.rstrip('/')}/repos/{full_name}"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read and check every setting; raise ``SettingsError`` naming the first bad one."""
    env = os.environ if environ is None else environ
    instance_path = Path(env.get("PUBLICCODE_CHECKER_INSTANCE") or DEFAULT_INSTANCE_PATH)
    api_url = _url(env, "GITHUB_API_URL", DEFAULT_API_URL, ("http", "https"))
    web_url = _url(env, "GITHUB_WEB_URL", "https://github.com", ("http", "https"))
    public_url = _url(env, "PUBLIC_URL", None, ("http", "https"))
    database_url = env.get("DATABASE_URL") or None
    if database_url is not None and "://" not in database_url:
        raise SettingsError("DATABASE_URL must be a database URL such as sqlite:///path or "
                            "postgresql://host/db")
    redis_url = env.get("REDIS_URL") or None
    if redis_url is not None and urlparse(redis_url).scheme not in ("redis", "rediss", "unix"):
        raise SettingsError("REDIS_URL must start with redis://, rediss:// or unix://")
    threads = env.get("WORKER_THREADS") or "2"
    if not threads.isdigit() or not 1 <= int(threads) <= 64:
        raise SettingsError("WORKER_THREADS must be a whole number from 1 to 64")
    queue_path = Path(env["QUEUE_PATH"]) if env.get("QUEUE_PATH") else None
    try:
        pacing_scale = float(env.get("GITHUB_PACING_SCALE") or "1")
    except ValueError:
        raise SettingsError("GITHUB_PACING_SCALE must be a number such as 0.01") from None
    if not 0 < pacing_scale <= 1:
        raise SettingsError("GITHUB_PACING_SCALE must be above 0 and at most 1")
    administration = (env.get("GITHUB_APP_ADMINISTRATION_READ") or "false").lower()
    if administration not in ("true", "false", "1", "0", "yes", "no"):
        raise SettingsError("GITHUB_APP_ADMINISTRATION_READ must be true or false")

    app_id = (env.get("GITHUB_APP_ID") or "").strip() or None
    secret = env.get("GITHUB_WEBHOOK_SECRET") or None
    pem = _private_key(env)
    slug = (env.get("GITHUB_APP_SLUG") or "").strip() or None
    source = None
    if app_id or pem or secret:
        source = "environment"
        if not app_id:
            raise SettingsError("GITHUB_APP_ID is missing (the GitHub App's numeric id)")
        if pem is None:
            raise SettingsError("GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH is missing")
        if not secret:
            raise SettingsError("GITHUB_WEBHOOK_SECRET is missing")
    else:
        stored = read_stored_credentials(instance_path)
        if stored is not None:
            source = "instance"
            app_id = str(stored.get("id") or "") or None
            pem = stored.get("pem")
            secret = stored.get("webhook_secret")
            slug = slug or stored.get("slug")
            if not (app_id and pem and secret):
                raise SettingsError(f"{instance_path / CREDENTIALS_FILE} is incomplete: "
                                    "it needs id, pem and webhook_secret")
    if app_id is not None and not app_id.isdigit():
        raise SettingsError("GITHUB_APP_ID must be a number")
    if pem is not None:
        _check_private_key(pem, source)
    return Settings(
        app_id=app_id, private_key_pem=pem, webhook_secret=secret, app_slug=slug,
        api_url=api_url, database_url=database_url, redis_url=redis_url, public_url=public_url,
        instance_path=instance_path, queue_path=queue_path, worker_threads=int(threads),
        web_url=web_url, credentials_source=source,
        administration_read=administration in ("true", "1", "yes"), pacing_scale=pacing_scale,
    )


def _url(env: Mapping[str, str], name: str, default: str | None,
         schemes: tuple[str, ...]) -> str | None:
    value = env.get(name) or default
    if value is None:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not parsed.netloc:
        raise SettingsError(f"{name} must be an http(s) URL, not {value[:80]!r}")
    return value.rstrip("/")


def _private_key(env: Mapping[str, str]) -> str | None:
    pem = env.get("GITHUB_PRIVATE_KEY")
    if pem:
        # Some platforms cannot hold newlines in variables and store them escaped.
        return pem.replace("\\n", "\n")
    path = env.get("GITHUB_PRIVATE_KEY_PATH")
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"GITHUB_PRIVATE_KEY_PATH cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SettingsError("GITHUB_PRIVATE_KEY_PATH is not a PEM text file") from None


def _check_private_key(pem: str, source: str | None) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    name = ("GITHUB_PRIVATE_KEY" if source == "environment"
            else f"the private key in {CREDENTIALS_FILE}")
    try:
        key = load_pem_private_key(pem.encode("utf-8"), password=None)
    except (ValueError, TypeError):
        raise SettingsError(f"{name} is not a valid unencrypted PEM private key") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise SettingsError(f"{name} must be an RSA key (GitHub signs app JWTs with RS256)")


def read_stored_credentials(instance_path: Path) -> dict | None:
    path = instance_path / CREDENTIALS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SettingsError(f"{path} cannot be read: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise SettingsError(f"{path} is not valid JSON") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path} must hold a JSON object")
    return data


def store_credentials(instance_path: Path, credentials: Mapping[str, object]) -> Path:
    """Write app credentials readable by this user only (0600), atomically."""
    instance_path.mkdir(parents=True, exist_ok=True)
    path = instance_path / CREDENTIALS_FILE
    temporary = path.with_suffix(".tmp")
    kept = {key: credentials[key] for key in
            ("id", "slug", "name", "pem", "webhook_secret", "client_id", "client_secret",
             "html_url", "owner") if key in credentials}
    # Created with 0600 from the start: a chmod afterwards would leave a window open.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                         stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(kept, handle)
    os.chmod(temporary, stat.S_IRUSR | stat.S_IWUSR)
    os.replace(temporary, path)
    return path


_current: Settings | None = None


def current_settings() -> Settings:
    """The process's settings, read on first use."""
    global _current
    if _current is None:
        _current = load_settings()
    return _current


def use_settings(settings: Settings | None) -> None:
    """Replace the process's settings (after the manifest flow stored credentials, and in tests)."""
    global _current
    _current = settings


def with_stored_credentials(settings: Settings) -> Settings:
    """``settings`` with the credentials the manifest flow stored in its instance folder."""
    import dataclasses

    stored = read_stored_credentials(settings.instance_path)
    if not stored or not (stored.get("id") and stored.get("pem") and stored.get("webhook_secret")):
        raise SettingsError(f"{settings.credentials_file} is missing or incomplete")
    _check_private_key(str(stored["pem"]), "instance")
    return dataclasses.replace(
        settings, app_id=str(stored["id"]), private_key_pem=str(stored["pem"]),
        webhook_secret=str(stored["webhook_secret"]),
        app_slug=settings.app_slug or (str(stored["slug"]) if stored.get("slug") else None),
        credentials_source="instance")
