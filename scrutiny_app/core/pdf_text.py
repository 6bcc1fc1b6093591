"""The text of an attached PDF paper, page by page, for the search index.

Registered as the SQLite function ``scrutiny_pdf_pages`` on every connection
(see :mod:`scrutiny_app.core.store`), so the attachment triggers of the search
index extract the text in the same transaction as the insert, however the row
was written (ORM, Core bulk insert or a migration). It returns a JSON array
of page texts, which the triggers unpack with SQLite's ``json_each``.

It runs on whatever is in the table, papers stored before the bounds of
:mod:`scrutiny_app.core.pdf_safety` included, so it opens them within the same
bounds and reads text only from pages light enough to read quickly. A paper
being attached was just read for its checks: :func:`texts_known` hands those
texts to the insert's triggers, so it is parsed once.

Layer: core.
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

SQL_FUNCTION = "scrutiny_pdf_pages"
_log = logging.getLogger(__name__)
_known: ContextVar[tuple[bytes, str] | None] = ContextVar("known_pdf_texts", default=None)


@contextmanager
def texts_known(content: bytes, texts: list[str]) -> Iterator[None]:
    """While inside, the index triggers take ``texts`` as the pages of ``content`` instead of reading it again."""
    token = _known.set((content, json.dumps(texts, ensure_ascii=False)))
    try:
        yield
    finally:
        _known.reset(token)


def pdf_pages(content: bytes | None, media_type: str | None = "application/pdf") -> str:
    """A JSON array of each page's text; "[]" for a non-PDF or a file that cannot be read.

    SQLite cannot pass an exception out of a function, and a damaged paper must
    still be storable, so every failure is logged and yields no text.
    """
    if not content or (media_type or "").lower() != "application/pdf":
        return "[]"
    known = _known.get()
    if known is not None and known[0] == content:
        return known[1]
    try:
        from scrutiny_app.core.pdf_safety import open_safely, page_texts

        texts, _ = page_texts(open_safely(content, "paper", measure_streams=False).pages)
        return json.dumps(texts, ensure_ascii=False)
    except Exception as exc:  # noqa: BLE001 - any damage in the file, or a bound passed, means "no text"
        _log.warning("No text read from an attached PDF: %s", exc)
        return "[]"
