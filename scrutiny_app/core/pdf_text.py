"""The text of an attached PDF paper, for the search index.

Registered as the SQLite function ``scrutiny_pdf_text`` on every connection
(see :mod:`scrutiny_app.core.store`), so the attachment triggers of the search
index extract the text in the same transaction as the insert, however the row
was written (ORM, Core bulk insert or a migration).
"""

from __future__ import annotations

import io
import logging

SQL_FUNCTION = "scrutiny_pdf_text"
_log = logging.getLogger(__name__)


def pdf_text(content: bytes | None, media_type: str | None = "application/pdf") -> str:
    """Every page's text, one page per line; "" for a non-PDF or a file that cannot be read.

    SQLite cannot pass an exception out of a function, and a damaged paper must
    still be storable, so every failure is logged and yields no text.
    """
    if not content or (media_type or "").lower() != "application/pdf":
        return ""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # noqa: BLE001 - any damage in the file means "no text"
        _log.warning("No text read from an attached PDF: %s", exc)
        return ""
