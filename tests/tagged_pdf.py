"""A tagged PDF read back as a screen reader would: its structure tree (pikepdf), each element with the text
of its marked content (pypdf decodes the glyphs), plus the PDF/UA checker's findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pdfua import validate
from pypdf import PdfReader


@dataclass
class Element:
    tag: str  # "H1", "TH", "Figure", "L", ...
    text: str  # the text of its marked content, its own and its children's
    alt: str | None
    children: list[Element] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def pdfua_findings(path: Path) -> list[str]:
    """What ``pdfua check`` finds (rule id and message); empty when it finds nothing."""
    return [f"{f.rule_id}: {f.message}" for f in validate(str(path)).findings]


def _marked_text(page) -> dict[int, str]:
    """The text drawn inside each marked-content sequence of a pypdf page, by MCID."""
    texts: dict[int, list[str]] = {}
    stack: list[int | None] = []

    def operator(op, args, *_):
        if op in (b"BDC", b"BMC"):
            props = args[1] if op == b"BDC" and len(args) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, dict) else None
            stack.append(int(mcid) if mcid is not None else (stack[-1] if stack else None))
        elif op == b"EMC" and stack:
            stack.pop()

    def text(t, *_):
        if stack and stack[-1] is not None:
            texts.setdefault(stack[-1], []).append(t)

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return {mcid: "".join(parts) for mcid, parts in texts.items()}


def structure(path: Path) -> Element:
    """The document's structure tree, from its root."""
    reader = PdfReader(path)
    with pikepdf.open(path) as pdf:
        index = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        cache: dict[int, dict[int, str]] = {}

        def content(page_ref, mcid: int) -> str:
            n = index[page_ref.objgen]
            if n not in cache:
                cache[n] = _marked_text(reader.pages[n])
            return cache[n].get(mcid, "")

        def build(node, page) -> Element:
            page = node.get("/Pg", page)
            element = Element(str(node.get("/S", "/StructTreeRoot"))[1:], "", str(node["/Alt"]) if "/Alt" in node else None)
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]):
                if isinstance(kid, int):
                    element.text += content(page, kid)
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    element.text += content(kid.get("/Pg", page), int(kid.MCID))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    child = build(kid, page)
                    element.children.append(child)
                    element.text += child.text
            return element

        return build(pdf.Root.StructTreeRoot, None)


def tagged(root: Element, tag: str) -> list[Element]:
    return [e for e in root.walk() if e.tag == tag]


def parent_tree_problems(path: Path) -> list[str]:
    """Marked content whose parent-tree entry does not lead back to the element that claims it."""
    problems = []
    with pikepdf.open(path) as pdf:
        parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}

        def check(element, page):
            page = element.get("/Pg", page)
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    check(kid, page)
                    continue
                where, mcid = (kid.get("/Pg", page), int(kid.MCID)) if isinstance(kid, pikepdf.Dictionary) \
                    else (page, int(kid))
                n = pages.get(where.objgen) if where is not None else None
                key = pdf.pages[n].obj.get("/StructParents") if n is not None else None
                if key is None or parents[int(key)][mcid].objgen != element.objgen:
                    problems.append(f"{element.S} MCID {mcid} on page {n}")

        for top in pdf.Root.StructTreeRoot.K:
            check(top, None)
    return problems
