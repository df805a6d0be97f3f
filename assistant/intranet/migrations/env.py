"""Alembic environment: migrations run on the connection :func:`assistant.intranet.history.migrate`
passes in (SQLite or Postgres), inside its transaction."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
