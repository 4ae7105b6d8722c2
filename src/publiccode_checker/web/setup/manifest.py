"""The GitHub App manifest: the permissions and events the app needs, filled in for the user."""

from __future__ import annotations

from typing import Any

#: Events the app subscribes to. Installation events reach every app without subscribing.
EVENTS = ("check_run", "check_suite", "issues", "pull_request", "push", "repository")


def permissions(administration_read: bool = False) -> dict[str, str]:
    granted = {"checks": "write", "issues": "write", "contents": "read", "metadata": "read",
               "pull_requests": "read"}
    if administration_read:
        granted["administration"] = "read"
    return granted


def build_manifest(public_url: str, *, name: str = "publiccode-checker",
                   administration_read: bool = False) -> dict[str, Any]:
    base = public_url.rstrip("/")
    return {
        "name": name,
        "url": base,
        "hook_attributes": {"url": f"{base}/webhooks/github", "active": True},
        "redirect_url": f"{base}/setup/callback",
        "setup_url": f"{base}/",
        "description": "Checks repositories against the Standard for Public Code and "
                       "publiccode.yml.",
        "public": False,
        "default_permissions": permissions(administration_read),
        "default_events": list(EVENTS),
    }
