"""Alembic environment: the staff tables of `bot.storage.schema`, on Settings.DATABASE_URL.

Rasa's `events` table is not ours: it is never created, altered or dropped here.
"""

from __future__ import annotations

from alembic import context

from bot.settings import get_settings
from bot.storage.db import tuned_engine
from bot.storage.migrate import include_object
from bot.storage.schema import metadata

config = context.config
database_url: str = config.attributes.get("database_url") or get_settings().database_url


def run_migrations_offline() -> None:
    """Write the SQL instead of running it (`alembic upgrade --sql`)."""
    context.configure(
        url=database_url,
        target_metadata=metadata,
        include_object=include_object,
        literal_binds=True,
        render_as_batch=database_url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations in one transaction on the database."""
    engine = tuned_engine(database_url)
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=metadata,
                include_object=include_object,
                compare_type=True,
                # SQLite cannot ALTER most things: later migrations copy the table instead.
                render_as_batch=connection.dialect.name == "sqlite",
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
