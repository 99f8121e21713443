"""What WeasyPrint 70's tagged PDF lacks for PDF/UA-1, added before the file is written (a ``finisher``).

- The running header and the page numbers (the ``@page`` margin boxes) are page furniture: WeasyPrint marks their
  text as tagged content (``/Span <</MCID n>> BDC``) that belongs to no element of the structure tree, so a
  screen reader met it between the paragraphs. Here it becomes a pagination artifact
  (``/Artifact <</Type /Pagination>> BDC``), its structure elements go, and each page's marked content is numbered
  again from 0 so that the parent tree lists only tagged content (Matterhorn 18-001).
- A table header cell says whether it heads a column or a row (``/Scope`` in its table attributes, Matterhorn
  15-003), as the HTML's ``scope`` does; WeasyPrint uses it only for the data cells' ``/Headers``.

A figure's text alternative needs nothing here: WeasyPrint makes an inline SVG's ``<title>`` its ``/Alt``
(``reports/charts.py``).

This reads WeasyPrint's own objects (pydyf's), as version 70 builds them: the pinned version is the one tested
(``tests/reports/test_pdf_accessibility.py``).
"""

import pydyf
from weasyprint.formatting_structure import boxes


def finish(document, pdf) -> None:
    """WeasyPrint's ``finisher``: called with the laid-out document and the PDF's objects before they are written."""
    if "StructTreeRoot" not in pdf.catalog:
        return  # an untagged PDF
    _margins_as_artifacts(pdf)
    _header_scopes(document)


def _object(pdf, reference):
    return pdf.objects[int(reference.split()[0])]


def _number(reference) -> int:
    return int(reference.split()[0])


def _reachable(pdf, root) -> set[int]:
    """The numbers of every structure element in the tree (an MCID, an int among the kids, is no element)."""
    seen: set[int] = set()
    stack = list(root["K"])
    while stack:
        kid = stack.pop()
        if not isinstance(kid, bytes) or _number(kid) in seen:
            continue
        seen.add(_number(kid))
        element = _object(pdf, kid)
        if isinstance(element, pydyf.Dictionary) and element.get("Type") == "/StructElem":
            stack.extend(element.get("K", []))
    return seen


def _margins_as_artifacts(pdf) -> None:
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    in_tree = _reachable(pdf, root)
    nums = _object(pdf, root["ParentTree"])["Nums"]
    pages = [_object(pdf, reference) for reference in pdf.page_references]
    for key, parents in zip(nums[::2], nums[1::2], strict=True):
        if not (isinstance(key, int) and key < len(pages) and pages[key].get("StructParents") == key):
            continue  # an annotation's entry (a link), not a page's marked content
        stream = _object(pdf, pages[key]["Contents"])
        orphans = {mcid for mcid, parent in enumerate(parents) if _number(parent) not in in_tree}
        if not orphans:
            continue
        kept: list[bytes] = []
        renumbered: dict[int, int] = {}
        operations = stream.stream
        for index, operation in enumerate(operations):
            if not (isinstance(operation, pydyf.Dictionary) and "MCID" in operation):
                continue
            mcid = operation["MCID"]
            if mcid in orphans:
                operations[index - 1] = "/Artifact"
                operations[index] = pydyf.Dictionary({"Type": "/Pagination"})
            else:
                renumbered[mcid] = len(kept)
                operation["MCID"] = len(kept)
                kept.append(parents[mcid])
        # the elements that held the orphans' MCIDs (and their parents, up to the Document they never joined): empty
        for mcid in orphans:
            element = _object(pdf, parents[mcid])
            while isinstance(element, pydyf.Dictionary) and element and _number(element.reference) not in in_tree:
                parent = element.get("P")
                element.clear()
                element = _object(pdf, parent) if parent else None
        # the tagged elements' MCIDs, as numbered now
        for element in {_number(parent): _object(pdf, parent) for parent in kept}.values():
            element["K"] = pydyf.Array(renumbered[k] if isinstance(k, int) else k for k in element["K"])
        parents[:] = kept


def _header_scopes(document) -> None:
    for page in document.pages:
        for box in _descendants(page._page_box):
            element = getattr(box, "mark", None)
            if box.element_tag == "th" and isinstance(element, pydyf.Dictionary) and "A" in element:
                scope = box.element.get("scope", "col")
                element["A"]["Scope"] = "/Row" if scope in ("row", "rowgroup") else "/Column"


def _descendants(box):
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        if isinstance(box, boxes.ParentBox):
            stack.extend(box.children)
