"""Every table of the product in one metadata: what the migrations compare against."""

from __future__ import annotations

from sqlalchemy import MetaData

# Imported for their side effect: declaring a model registers its table on ``Base.metadata``.
from publiccode_checker.store.database import Base, service_models  # noqa: F401
from publiccode_checker.store.history import models  # noqa: F401


def load_models() -> MetaData:
    """The metadata with every table registered."""
    return Base.metadata
