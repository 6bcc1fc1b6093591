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
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name

_PAGE = "/ScrutinyPageIndex"  # stands in for a /Pg reference while elements are copied across
_ANNOT = "/ScrutinyAnnotIndex"
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


def is_tagged(pdf: pikepdf.Pdf) -> bool:
    """A structure tree and MarkInfo saying so: what a screen reader needs to read the pages in order."""
    mark = pdf.Root.get("/MarkInfo")
    return "/StructTreeRoot" in pdf.Root and mark is not None and bool(mark.get("/Marked", False))


def tagged(content: bytes) -> bool:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        return is_tagged(pdf)


def _children(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _elements(root) -> list[Dictionary]:
    """Every structure element and marked-content or object reference under ``root``, depth first."""
    found, stack = [], _children(root)
    while stack:
        node = stack.pop()
        if isinstance(node, Dictionary):
            found.append(node)
            if "/S" in node:
                stack.extend(_children(node))
    return found


def _plain(value, depth: int = 0) -> bool:
    """Whether ``value`` (an element's attributes) holds only numbers, names and strings, nothing it points at."""
    if getattr(value, "is_indirect", False) and depth or depth > 4:
        return False
    if isinstance(value, Dictionary):
        return all(_plain(v, depth + 1) for v in value.values())
    if isinstance(value, Array):
        return all(_plain(v, depth + 1) for v in value)
    return not isinstance(value, pikepdf.Stream)


def _mark_pages(source: pikepdf.Pdf) -> None:
    """Replace the source's page and annotation references with their indices, so that copying the tree
    does not copy the pages (the pack has them already, from pypdf), and drop keys no element has."""
    pages = {page.obj.objgen: n for n, page in enumerate(source.pages)}
    annots = {a.objgen: (n, i) for n, page in enumerate(source.pages) for i, a in enumerate(page.obj.get("/Annots", []))}
    for node in _elements(source.Root.StructTreeRoot):
        for key in [key for key in node.keys() if key not in _KEPT or key == "/A" and not _plain(node.A)]:
            del node[key]
        if "/Pg" in node:
            node[_PAGE] = pages.get(node.Pg.objgen, -1)
            del node["/Pg"]
        if node.get("/Type") == "/OBJR" and "/Obj" in node:
            node[_ANNOT] = Array(annots.get(node.Obj.objgen, (-1, -1)))
            del node["/Obj"]


def _resolve(pack: pikepdf.Pdf, part: TaggedPart, node: Dictionary) -> None:
    """Point a copied node at the pack's page (and annotation) its source pointed at, if the pack holds it."""
    if _PAGE in node:
        index = int(node[_PAGE])
        del node[_PAGE]
        if 0 <= index < part.pages:
            node.Pg = pack.pages[part.first + index].obj
    if _ANNOT in node:
        page, i = (int(v) for v in node[_ANNOT])
        del node[_ANNOT]
        annots = pack.pages[part.first + page].obj.get("/Annots", []) if 0 <= page < part.pages else []
        if 0 <= i < len(annots):
            node.Obj = annots[i]


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


def _prefix_ids(node: Dictionary, prefix: str) -> None:
    """Element IDs (and the table headers that name them) made unique to this part."""
    if "/ID" in node:
        node.ID = pikepdf.String(prefix + str(node.ID))
    attributes = node.get("/A")
    for attribute in (attributes if isinstance(attributes, Array) else [attributes] if attributes else []):
        if isinstance(attribute, Dictionary) and "/Headers" in attribute:
            attribute.Headers = Array([pikepdf.String(prefix + str(h)) for h in attribute.Headers])


def graft_structure(pack: pikepdf.Pdf, parts: list[TaggedPart]) -> None:
    """Give ``pack`` one structure tree made of the tagged parts' trees, in pack order; pages of other
    parts lose any parent-tree key they brought, which would point into another part's tree."""
    document = pack.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    tree = pack.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document])))
    document.P = tree
    role_map, ids, nums, next_key, covered = Dictionary(), {}, Array(), 0, set()
    for n, part in enumerate(parts):
        with pikepdf.open(io.BytesIO(part.content)) as source:
            if not is_tagged(source):
                continue
            pages = range(part.first, part.first + part.pages)
            source_tree = source.Root.StructTreeRoot
            _mark_pages(source)
            for key, value in source_tree.get("/RoleMap", {}).items():
                if key not in role_map:
                    role_map[key] = Name(str(value))
            top = [_copy(pack, source, kid) for kid in _children(source_tree)]
            entries = ([(key, _copy(pack, source, value)) for key, value in
                        pikepdf.NumberTree(source_tree.ParentTree).items()] if "/ParentTree" in source_tree else [])
            offset = next_key
            next_key += int(source_tree.get("/ParentTreeNextKey", max((k for k, _ in entries), default=-1) + 1))
            _renumber(pack, source, part, offset)
        for kid in top:
            if kid.get("/S") == "/Document":
                kid.S = Name.Part
            kid.P = document
            document.K.append(kid)
        for element in (e for kid in top for e in [kid, *_elements(kid)]):
            _resolve(pack, part, element)
            _prefix_ids(element, f"p{n}-")
            if "/ID" in element:
                ids[str(element.ID)] = element
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
