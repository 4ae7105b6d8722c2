"""Alembic environment: runs every migration branch against the configured database."""

from __future__ import annotations

from alembic import context

from publiccode_checker.store.database import database_url, get_engine
from publiccode_checker.store.schema import load_models

target_metadata = load_models()


def run_migrations_offline() -> None:
    context.configure(url=context.config.get_main_option("sqlalchemy.url") or database_url(),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or database_url()
    with get_engine(url).connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
