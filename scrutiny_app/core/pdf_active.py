"""What makes a PDF act rather than be read: JavaScript, launch and open actions, forms, embedded files,
multimedia, and links other than web and e-mail addresses, found and removed in place (see pdf_safety).
"""

from __future__ import annotations

from collections.abc import Iterable

from scrutiny_app.errors import UserError

MAX_NESTING = 100  # arrays and dictionaries inside one another within one object; real files nest a few deep

# Keys whose value acts (or carries a file) wherever they appear, with what to tell the officer.
_ACTIVE_KEYS = {
    "/JS": "JavaScript", "/JavaScript": "JavaScript",
    "/AA": "actions that run when a page, field or annotation is opened or touched",
    "/OpenAction": "an action that runs when the paper is opened",
    "/EmbeddedFiles": "embedded files", "/EF": "embedded files",
    "/XFA": "an XFA form", "/AcroForm": "form fields",
    "/RichMediaContent": "multimedia or 3D content", "/RichMediaSettings": "multimedia or 3D content",
    "/3DD": "multimedia or 3D content",
}
_ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript", "/Launch": "actions that start programs or open files",
    "/SubmitForm": "form actions", "/ImportData": "form actions", "/ResetForm": "form actions",
    "/GoToR": "links into other files", "/GoToE": "links into embedded files",
    "/Rendition": "multimedia or 3D content", "/Movie": "multimedia or 3D content",
    "/Sound": "multimedia or 3D content", "/RichMediaExecute": "multimedia or 3D content",
}
_ACTIVE_ANNOTATIONS = {
    "/FileAttachment": "embedded files", "/RichMedia": "multimedia or 3D content",
    "/3D": "multimedia or 3D content", "/Screen": "multimedia or 3D content",
    "/Movie": "multimedia or 3D content", "/Sound": "multimedia or 3D content",
}
PASSIVE_LINKS = ("http://", "https://", "mailto:")  # kept: nothing happens until the reader clicks


def _active(value) -> str | None:
    """What an object is, in words, if it acts or carries a file; None when it is passive."""
    value = value.get_object()
    if not hasattr(value, "get"):
        return None
    action, subtype = value.get("/S"), value.get("/Subtype")
    if not isinstance(action, str):  # a name, or nothing; a hostile array is no action
        action = None
    if action in _ACTIVE_ACTIONS:
        return _ACTIVE_ACTIONS[action]
    if action == "/URI":
        uri = value.get("/URI")
        uri = str(uri.get_object()) if uri is not None else ""
        return None if uri.strip().lower().startswith(PASSIVE_LINKS) else "links to addresses other than web pages and e-mail"
    if value.get("/Type") == "/EmbeddedFile":
        return "embedded files"
    return _ACTIVE_ANNOTATIONS.get(subtype) if isinstance(subtype, str) else None


def strip_active(roots: Iterable[object], name: str) -> list[str]:
    """Remove, in place, every active key and every reference to an active object reachable from ``roots``.

    Iterative and remembering what it has seen, so reference loops and long chains cost nothing extra;
    arrays and dictionaries nested past MAX_NESTING within one object are refused, as pypdf copies and
    writes them by recursion. Returns what was removed, in words, each once."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    stack = [(root, 0) for root in roots]
    removed = dict.fromkeys(what for what in (_active(root) for root, _ in stack) if what)  # left out of a copy
    seen: set[tuple[int, int, int]] = set()
    while stack:
        obj, depth = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (id(obj.pdf), obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj, depth = obj.get_object(), 0
        if depth > MAX_NESTING:
            raise UserError(f"{name} holds arrays or dictionaries nested more than {MAX_NESTING} deep "
                            "(the limit) inside one another.")
        if isinstance(obj, DictionaryObject):
            for key in list(obj.keys()):
                value = obj.raw_get(key)
                found = [what for what in (_ACTIVE_KEYS.get(key), _active(value)) if what]
                if found:
                    del obj[key]
                    removed.update(dict.fromkeys(found))
                else:
                    stack.append((value, depth + 1))
        elif isinstance(obj, ArrayObject):
            kept = []
            for value in obj:
                what = _active(value)
                if what:
                    removed[what] = None
                else:
                    kept.append(value)
            if len(kept) != len(obj):
                obj[:] = kept
            stack.extend((value, depth + 1) for value in kept)
    return list(removed)
