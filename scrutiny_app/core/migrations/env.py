"""Alembic environment: always driven from :mod:`scrutiny_app.core.store` with an open connection."""

from alembic import context

from scrutiny_app.core import models  # noqa: F401  (registers the tables)
from scrutiny_app.core.search import outside_index
from sqlmodel import SQLModel

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    # The FTS5 search index is made by hand-written SQL (revision 0002), not the models.
    include_name=outside_index,
)
with context.begin_transaction():
    context.run_migrations()
