"""Building and recording synthetic evaluations in history tests."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from publiccode_checker.criteria.profiles import Profile, load_profile
from publiccode_checker.repo_config.model import RequirementOverride
from publiccode_checker.store.history.store import record_evaluation
from publiccode_checker.store.history.synthetic import evaluation_from_verdicts


def commit_for(at: datetime, salt: str = "") -> str:
    return hashlib.sha1(f"{at.isoformat()}{salt}".encode()).hexdigest()


def record(
    session: Session,
    at: datetime,
    verdicts: Mapping[str, str] | None = None,
    *,
    profile: Profile | str = "sfpc",
    repository: str = "city/app",
    trigger: str = "schedule",
    overrides: Mapping[str, RequirementOverride] | None = None,
    facts: dict | None = None,
    **kwargs: object,
) -> int:
    if isinstance(profile, str):
        profile = load_profile(profile)
    evaluation = evaluation_from_verdicts(profile, verdicts or {}, evaluated_at=at,
                                          commit=commit_for(at, repository),
                                          overrides=overrides, facts=facts)
    return record_evaluation(session, evaluation, repository=repository, trigger=trigger,
                             **kwargs)  # type: ignore[arg-type]


def count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def next_version(profile: Profile, version: str, *, renamed: Mapping[str, str],
                 changed_text: set[str]) -> Profile:
    """A later version of ``profile``: some requirements renumbered (same text), some reworded."""
    criteria = []
    for criterion in profile.criteria:
        requirements = []
        for req in criterion.requirements:
            changes: dict[str, object] = {}
            if req.id in renamed:
                changes["id"] = renamed[req.id]
            if req.id in changed_text:
                changes["text_sha1"] = "new" + (req.text_sha1 or "")[3:]
                changes["summary"] = req.summary + " (reworded)"
            requirements.append(dataclasses.replace(req, **changes))
        criteria.append(dataclasses.replace(criterion, requirements=tuple(requirements)))
    return dataclasses.replace(profile, version=version, criteria=tuple(criteria))
