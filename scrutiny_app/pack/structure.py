"""The tags of the pack's parts carried into the merged pack (pikepdf): one structure tree for the whole pack.

pypdf merges the pages but drops each part's structure tree. This pass opens the
merged pack with pikepdf and grafts each tagged part's tree onto it (the pack's
own pages, which Typst tags, and any paper that arrived tagged): each part's
``Document`` element becomes a ``Part`` of the pack's ``Document``, its elements
point at the pack's pages, its parent-tree keys and element IDs are renumbered
so parts cannot collide, and its role map is merged. A pack whose every page is
tagged is marked and identified as PDF/UA; one holding an untagged paper is not.

Layer: pack. No Qt.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name

# What a structure element, marked-content or object reference may carry into the pack (ISO 32000-1,
# tables 323, 324, 325): a paper's tree is copied from its file as attached, past the pypdf pass that strips
# active content from its pages, so anything else an element points at (an action, a file) is left behind.
_KEPT = {"/Type", "/S", "/P", "/ID", "/Pg", "/K", "/A", "/C", "/R", "/T", "/Lang", "/Alt", "/E", "/ActualText",
         "/MCID", "/Obj", "/Stm", "/StmOwn"}


@dataclass
class TaggedPart:
    content: bytes  # the part's PDF as laid out or attached
    first: int  # the pack page its first page became (from 0)
    pages: int  # how many of its pages the pack holds
    name: str = ""  # what to call it when it arrives untagged


def is_tagged(pdf: pikepdf.Pdf) -> bool:
    """A structure tree and MarkInfo saying so: what a screen reader needs to read the pages in order."""
    mark = pdf.Root.get("/MarkInfo")
    return "/StructTreeRoot" in pdf.Root and mark is not None and bool(mark.get("/Marked", False))


def _children(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


_REFERENCE = re.compile(rb"\d+ \d+ R")


def _plain(attributes) -> bool:
    """Whether an element's attributes are written out in it and hold only numbers, names and strings,
    nothing they point at (a string that reads like a reference counts as one: the attributes are dropped)."""
    return not attributes.is_indirect and not _REFERENCE.search(attributes.unparse())


@dataclass
class _Reference:
    """A page or annotation an element (or a marked-content reference within it) points at, by index."""
    owner: pikepdf.Object  # the indirect element holding it
    at: int | None  # None: the element itself; -1: its one /K; n: its /K array's item n
    page: int
    annot: int | None = None


def _prepare(source: pikepdf.Pdf, prefix: str) -> tuple[list[_Reference], list[pikepdf.Object]]:
    """Ready the source's tree for copying, in one walk: keys no element has dropped, page and annotation
    references taken out (copying them would copy the pages, which the pack has already, from pypdf) and
    noted by index, element IDs and the table headers naming them prefixed to be unique in the pack.
    Returns the references and the elements with an ID."""
    pages = {page.obj.objgen: n for n, page in enumerate(source.pages)}
    annots = {a.objgen: (n, i) for n, page in enumerate(source.pages) for i, a in enumerate(page.obj.get("/Annots", []))}
    references, with_id = [], []
    stack = [(kid, None, None) for kid in _children(source.Root.StructTreeRoot)]
    for kid, _, _ in stack:
        if isinstance(kid, Dictionary) and "/P" in kid:
            del kid["/P"]  # the source's tree root: the pack gives the part its own parent
    while stack:  # the node's keys are read once: each question put to pikepdf costs more than a set's
        node, owner, at = stack.pop()
        if not isinstance(node, Dictionary):
            continue
        if node.is_indirect:
            owner, at = node, None
        keys = node.keys()
        for key in keys - _KEPT:
            del node[key]
        attributes = node.A if "/A" in keys else None
        if attributes is not None and not _plain(attributes):
            del node["/A"]
            attributes = None
        if "/Pg" in keys:
            references.append(_Reference(owner, at, pages.get(node.Pg.objgen, -1)))
            del node["/Pg"]
        if "/Obj" in keys:
            page, annot = annots.get(node.Obj.objgen, (-1, -1))
            references.append(_Reference(owner, at, page, annot))
            del node["/Obj"]
        if "/S" not in keys:
            continue
        if "/ID" in keys:
            node.ID = pikepdf.String(prefix + str(node.ID))
            with_id.append(node)
        if attributes is not None and b"/Headers" in attributes.unparse():
            for attribute in attributes if isinstance(attributes, Array) else [attributes]:
                if isinstance(attribute, Dictionary) and "/Headers" in attribute:
                    attribute.Headers = Array([pikepdf.String(prefix + str(h)) for h in attribute.Headers])
        kids = node.K if "/K" in keys else None
        if isinstance(kids, Array):  # marked-content numbers (most kids) need nothing
            stack.extend((kid, node, n) for n, kid in enumerate(kids) if not isinstance(kid, int))
        elif kids is not None and not isinstance(kids, int):
            stack.append((kids, node, -1))
    return references, with_id


def _resolve(pack: pikepdf.Pdf, part: TaggedPart, reference: _Reference) -> None:
    """Point the copied element (or its marked-content reference) at the pack's page or annotation."""
    if not 0 <= reference.page < part.pages:
        return
    owner = pack.copy_foreign(reference.owner)  # already copied: the same object again
    node = owner if reference.at is None else owner.K if reference.at == -1 else owner.K[reference.at]
    page = pack.pages[part.first + reference.page].obj
    if reference.annot is None:
        node.Pg = page
        return
    annots = page.get("/Annots", [])
    if 0 <= reference.annot < len(annots):
        node.Obj, node.Pg = annots[reference.annot], page


def _copy(pack: pikepdf.Pdf, source: pikepdf.Pdf, obj):
    """``obj`` copied into ``pack`` (made indirect in its source first: only indirect objects copy across)."""
    return pack.copy_foreign(obj if obj.is_indirect else source.make_indirect(obj))


def _renumber(pack: pikepdf.Pdf, source: pikepdf.Pdf, part: TaggedPart, offset: int) -> None:
    """Give the part's pages (and their annotations) their parent-tree keys, past the earlier parts'.

    pypdf leaves out a page's /StructParents when it adds the page, so the keys are read from the source."""
    for n in range(min(part.pages, len(source.pages))):
        page, original = pack.pages[part.first + n].obj, source.pages[n].obj
        if "/StructParents" in original:
            page.StructParents = int(original.StructParents) + offset
        for annot, was in zip(page.get("/Annots", []), original.get("/Annots", [])):
            if "/StructParent" in was:
                annot.StructParent = int(was.StructParent) + offset


def graft_structure(pack: pikepdf.Pdf, parts: list[TaggedPart]) -> list[TaggedPart]:
    """Give ``pack`` one structure tree made of the tagged parts' trees, in pack order; pages of other
    parts lose any parent-tree key they brought, which would point into another part's tree.
    Returns the parts that arrived untagged."""
    document = pack.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    tree = pack.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document])))
    document.P = tree
    role_map, ids, nums, next_key, covered, untagged = Dictionary(), {}, Array(), 0, set(), []
    for n, part in enumerate(parts):
        with pikepdf.open(io.BytesIO(part.content)) as source:
            if not is_tagged(source):
                untagged.append(part)
                continue
            pages = range(part.first, part.first + part.pages)
            source_tree = source.Root.StructTreeRoot
            references, with_id = _prepare(source, f"p{n}-")
            for key, value in source_tree.get("/RoleMap", {}).items():
                if key not in role_map:
                    role_map[key] = Name(str(value))
            top = [_copy(pack, source, kid) for kid in _children(source_tree)]
            entries = ([(key, _copy(pack, source, value)) for key, value in
                        pikepdf.NumberTree(source_tree.ParentTree).items()] if "/ParentTree" in source_tree else [])
            offset = next_key
            next_key += int(source_tree.get("/ParentTreeNextKey", max((k for k, _ in entries), default=-1) + 1))
            _renumber(pack, source, part, offset)
            for reference in references:
                _resolve(pack, part, reference)
            ids.update((str(element.ID), pack.copy_foreign(element)) for element in with_id)
        for kid in top:
            if kid.get("/S") == "/Document":
                kid.S = Name.Part
            kid.P = document
            document.K.append(kid)
        for key, value in entries:
            nums.extend([key + offset, value])
        covered.update(pages)
    for n, page in enumerate(pack.pages):
        if n not in covered and "/StructParents" in page.obj:
            del page.obj["/StructParents"]
    tree.ParentTree = pack.make_indirect(Dictionary(Nums=nums))
    tree.ParentTreeNextKey = next_key
    if role_map:
        tree.RoleMap = role_map
    if ids:
        tree.IDTree = pack.make_indirect(Dictionary(Names=Array(
            [v for key in sorted(ids) for v in (pikepdf.String(key), ids[key])])))
    pack.Root.StructTreeRoot = tree
    return untagged


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>{ua}
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="r"?>"""


def declare_accessible(pack: pikepdf.Pdf, title: str, *, fully_tagged: bool) -> None:
    """Title shown by the viewer, XMP metadata; marked tagged and identified as PDF/UA only when every page is."""
    pack.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    pack.Root.MarkInfo = Dictionary(Marked=fully_tagged)
    ua = "\n<pdfuaid:part>1</pdfuaid:part>" if fully_tagged else ""
    metadata = pack.make_stream(XMP.format(title=escape(title), ua=ua).encode("utf-8"))
    metadata.Type, metadata.Subtype = Name.Metadata, Name.XML
    pack.Root.Metadata = metadata
