"""Indexes for what the ownership checks and purge look up: feedback by its step, elements by
their thread, threads by their owner's id.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute('CREATE INDEX IF NOT EXISTS feedbacks_step ON feedbacks ("forId")')
    op.execute('CREATE INDEX IF NOT EXISTS elements_thread ON elements ("threadId")')
    op.execute('CREATE INDEX IF NOT EXISTS threads_owner ON threads ("userId")')


def downgrade() -> None:
    for name in ("feedbacks_step", "elements_thread", "threads_owner"):
        op.execute(f"DROP INDEX IF EXISTS {name}")
