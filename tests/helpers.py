"""Small helpers shared by tests."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def events_of(doc) -> set[tuple[str, str, str]]:
    """(source name, CAMEO root, target name) of a parsed document's events."""
    return {(e.source.actor.name, e.code[:2], e.target.actor.name) for e in doc._.events}


def load_benchmark(name: str):
    """A script of ``benchmarks/`` as a module (``load_benchmark("nodes")``), for its functions."""
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def write_pdf(path: Path, paragraphs: list[str], title: str | None = None, password: str | None = None,
              user_password: str | None = None, width: int = 70) -> Path:
    """A one-page PDF whose text layer holds ``paragraphs``, wrapped at ``width`` characters as a
    typeset page is (no paragraph is written as a blank line: PDF text has none), optionally
    titled and encrypted (``password`` to open it; ``user_password=""`` to open it without one)."""
    import textwrap

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    operators = ["BT /F1 11 Tf 72 740 Td 14 TL"]
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, width):
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            operators.append(f"({escaped}) Tj T*")
    operators.append("ET")
    content = DecodedStreamObject()
    content.set_data("\n".join(operators).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(content)
    if title:
        writer.add_metadata({"/Title": title})
    if password is not None or user_password is not None:
        writer.encrypt(user_password=user_password if user_password is not None else password,
                       owner_password=password or "owner", algorithm="AES-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def write_docx(path: Path, heading: str | None, paragraphs: list[str], table: list[list[str]] = (),
               title: str | None = None) -> Path:
    """A Word document: a heading, paragraphs, an optional table and an optional document title."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, 1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table):
            for cell, text in zip(row.cells, cells):
                cell.text = text
    if title:
        document.core_properties.title = title
    document.save(str(path))
    return path


def rss(items: list[dict], channel: str = "World Wire") -> str:
    """An RSS 2.0 feed of ``items`` (``title``, ``link``, ``date`` as an RFC 822 date, ``text``)."""
    from xml.sax.saxutils import escape

    entries = "".join(
        f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
        + (f"<pubDate>{item['date']}</pubDate>" if item.get("date") else "")
        + f"<description>{escape(item.get('text', ''))}</description></item>" for item in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(channel)}</title>{entries}</channel></rss>'
