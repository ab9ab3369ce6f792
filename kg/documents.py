"""Documents: the text and metadata of HTML pages, PDF files, Word documents and RSS/Atom feeds.

Each reader turns one file's bytes or markup into plain text (paragraphs separated by a blank
line) and what the file says about itself, through a well-kept library: Beautiful Soup for HTML,
pypdf for PDF, python-docx for Word and feedparser for feeds. A document that cannot give text
raises :class:`DocumentError` with the problem; :mod:`kg.ingest` names the file and turns the
text into articles. The libraries load on first use, so a build without such files never pays
for them.

>>> html_text("<p>Iran met <b>Hamas</b>.</p><script>x()</script><p>Talks went on.</p>")
'Iran met Hamas.\\n\\nTalks went on.'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul",
               "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "pre", "figure", "figcaption", "form", "hr", "address", "details", "summary"}
_DATE_META = ("article:published_time", "datePublished", "date", "pubdate", "publishdate", "dc.date",
              "dcterms.created", "og:article:published_time")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b")
_SENTENCE_END = re.compile(r"[.!?:\"\u201d\u2019)]$")
# A line of a PDF page this much shorter than the page's usual line, ending a sentence, ends its paragraph.
_SHORT_LINE = 0.8


class DocumentError(Exception):
    """A document that gives no text: its problem, without the file name (the caller adds it)."""


@dataclass(frozen=True)
class Document:
    """The text of one document and what it says about itself (``None`` where it says nothing)."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None


def html_text(markup: str) -> str:
    """The visible text of an HTML page or fragment: one paragraph per block, separated by a blank
    line, without scripts, styles or hidden elements.

    >>> html_text('<div>Russia <span hidden>ad</span>hosted talks.</div><ul><li>Turkey came.</li></ul>')
    'Russia hosted talks.\\n\\nTurkey came.'
    """
    from bs4 import BeautifulSoup

    return _visible_text(BeautifulSoup(markup, "html.parser"))


def html_document(markup: str) -> Document:
    """The text of an HTML page with its title, canonical URL and publication date from its metadata.

    >>> html_document('<head><meta property="og:title" content="Talks"><meta name="date" content="2024-01-21">'
    ...               '</head><p>Iran met Hamas.</p>')
    Document(text='Iran met Hamas.', title='Talks', date='2024-01-21', url=None, outlet=None)
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = _meta(soup, "og:title") or (soup.title.get_text(" ", strip=True) if soup.title else None)
    url = _meta(soup, "og:url") or _canonical_url(soup)
    date = next((d for d in (_iso_day(_meta(soup, name)) for name in _DATE_META) if d), None)
    if date is None and soup.find("time", attrs={"datetime": True}):
        date = _iso_day(soup.find("time", attrs={"datetime": True})["datetime"])
    text = _visible_text(soup)
    if not text:
        raise DocumentError("HTML page has no visible text")
    return Document(text, title=title or None, date=date, url=url)


def _visible_text(soup) -> str:
    """The text of ``soup`` outside invisible and hidden elements, each block its own paragraph and
    each ``<br>`` a line break.

    One walk over the tree, in document order, with a stack rather than recursion: a page of
    thousands of nested blocks costs what a flat one of as many does, where marking each block
    in the tree (inserting line breaks around it) costs the size of its whole subtree.
    """
    from bs4 import NavigableString

    wanted = soup.interesting_string_types  # what get_text() would keep: not comments, doctypes, ...
    pieces: list[str] = []
    pending: list = list(reversed(soup.contents))
    while pending:
        node = pending.pop()
        if node is None:  # the end of a block
            pieces.append("\n\n")
        elif isinstance(node, NavigableString):
            if type(node) in wanted:
                pieces.append(node)
        elif node.name in _INVISIBLE_TAGS or _is_hidden(node):
            continue
        elif node.name == "br":
            pieces.append("\n")
        else:
            if node.name in _BLOCK_TAGS:
                pieces.append("\n\n")
                pending.append(None)
            pending.extend(reversed(node.contents))
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", "".join(pieces)))
    return "\n\n".join(p for p in paragraphs if p)


def _is_hidden(tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or tag.get("aria-hidden") == "true" or "display:none" in style


def _meta(soup, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name}) \
        or soup.find("meta", attrs={"itemprop": name})
    content = tag.get("content") if tag else None
    return content.strip() if content and content.strip() else None


def _canonical_url(soup) -> str | None:
    link = soup.find("link", rel="canonical", href=True)
    return link["href"].strip() if link else None


def _iso_day(value: str | None) -> str | None:
    match = re.match(r"\d{4}-\d{2}-\d{2}", (value or "").strip())
    try:
        return dt.date.fromisoformat(match.group()).isoformat() if match else None
    except ValueError:
        return None


def pdf_document(path: str | Path) -> Document:
    """The text of a PDF file, its lines joined into paragraphs, and its title.

    The date a PDF was made is when it was saved, not when its story was published, so it is not
    the article's date. An encrypted PDF opens only when it needs no password; a PDF whose pages
    hold no text (a scan) needs OCR first.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("encrypted PDF that needs a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except DocumentError:
        raise
    except (FileNotDecryptedError, DependencyError) as error:
        raise DocumentError(f"encrypted PDF that cannot be opened ({error})") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        # pypdf reports some damage as the Python error it met while reading the broken part
        raise DocumentError(f"not a readable PDF ({type(error).__name__}: {error})") from None
    text = "\n\n".join(paragraphs for paragraphs in map(_pdf_paragraphs, pages) if paragraphs)
    if not text:
        raise DocumentError("PDF holds no text, only images (a scan?): run OCR on it first, e.g. with ocrmypdf")
    return Document(text, title=str(title).strip() or None if title else None)


def _pdf_paragraphs(page: str) -> str:
    r"""A PDF page's text with its layout lines joined into paragraphs.

    Every line of a paragraph but its last runs the page's usual width, so a shorter line ends
    its paragraph when it ends a sentence or the next line starts with a capital (a headline, a
    heading). A word broken at a line's end by a hyphen is joined again (without the hyphen when
    the line goes on in lower case: "nego-" "tiations"; with it otherwise: "pro-" "Russian").

    >>> _pdf_paragraphs("Talks in Sochi\nRussia and Turkey held long nego-\ntiations in Sochi on the war in\nSyria.\nIran came.")
    'Talks in Sochi\n\nRussia and Turkey held long negotiations in Sochi on the war in Syria.\n\nIran came.'
    """
    lines = [" ".join(line.split()) for line in page.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    usual = lengths[round(0.9 * (len(lengths) - 1))] if lengths else 0
    paragraphs: list[str] = []
    current = ""
    for line, following in zip(lines, lines[1:] + [""]):
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        if not current:
            current = line
        elif re.search(r"[a-z]-$", current) and line[0].islower():
            current = current[:-1] + line
        elif current.endswith("-"):
            current += line
        else:
            current += " " + line
        if len(line) < _SHORT_LINE * usual and not line.endswith("-") and (
                _SENTENCE_END.search(line) or following[:1].isupper() or following[:1].isdigit()):
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p)


def docx_document(path: str | Path) -> Document:
    """The text of a Word (.docx) document, one paragraph per paragraph and table cell, and its title."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError
    from docx.table import Table

    with open(path, "rb") as handle:
        signature = handle.read(4)
    if signature == b"\xd0\xcf\x11\xe0":  # an OLE file: what Word saves a protected .docx (or a .doc) as
        raise DocumentError("an encrypted or old-format (.doc) Word document: save it as an unprotected .docx")
    try:
        document = docx.Document(str(path))
        blocks = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                cells = []
                for row in block.rows:
                    for cell in row.cells:
                        if cell.text not in cells:  # a merged cell is listed once per grid column
                            cells.append(cell.text)
                blocks += cells
            else:
                blocks.append(block.text)
        title = document.core_properties.title
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as error:
        raise DocumentError(f"not a readable Word document ({error})") from None
    paragraphs = (" ".join(line.split()) for block in blocks for line in block.split("\n"))
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise DocumentError("Word document holds no text")
    return Document(text, title=title.strip() or None if title else None)


def _entry_date(entry) -> str | None:
    """An item's publication (else update) day; ``None`` for a date no calendar has ("0000-00-00")."""
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return dt.date(*when[:3]).isoformat() if when else None
    except ValueError:
        return None


def is_feed(head: bytes) -> bool:
    """Whether the start of an XML file is that of an RSS or Atom feed.

    >>> is_feed(b'<?xml version="1.0"?><rss version="2.0">'), is_feed(b"<urlset>")
    (True, False)
    """
    return bool(_FEED_ROOT.search(head[:4096]))


def feed_documents(data: bytes) -> list[Document | DocumentError]:
    """One document per item of an RSS or Atom feed: its title (as the text's first paragraph, as
    a headline is), its content or summary as text, its link, its publication (else update) date
    and the feed's title as the outlet. An item without text is a :class:`DocumentError`. Of a
    feed that is not well-formed XML, the items that can be read are read.

    >>> feed = b'''<rss version="2.0"><channel><title>World News</title><item><title>Iran meets Hamas</title>
    ... <link>https://news.example/1</link><pubDate>Sun, 21 Jan 2024 10:00:00 GMT</pubDate>
    ... <description>&lt;p&gt;Iran met Hamas in Moscow.&lt;/p&gt;</description></item></channel></rss>'''
    >>> feed_documents(feed)
    [Document(text='Iran meets Hamas\\n\\nIran met Hamas in Moscow.', title='Iran meets Hamas', date='2024-01-21', url='https://news.example/1', outlet='World News')]
    """
    import feedparser

    parsed = feedparser.parse(data)  # bytes are parsed as they are: feedparser fetches nothing
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.feed:
            raise DocumentError(f"not a readable feed ({parsed.get('bozo_exception')})")
        raise DocumentError("feed has no items")
    outlet = html_text(parsed.feed.get("title", "")) or None
    home = parsed.feed.get("link", "")
    documents: list[Document | DocumentError] = []
    for number, entry in enumerate(parsed.entries, start=1):
        title = " ".join(html_text(entry.get("title", "")).split()) or None
        body = entry["content"][0].get("value", "") if entry.get("content") else entry.get("summary", "")
        text = html_text(body)
        if not text:
            documents.append(DocumentError(f"feed item {number} has no text"))
            continue
        link = entry.get("link")
        documents.append(Document("\n\n".join(filter(None, [title, text])), title=title,
                                  date=_entry_date(entry), url=urljoin(home, link) if link else None, outlet=outlet))
    if parsed.get("bozo") and all(isinstance(document, DocumentError) for document in documents):
        # feedparser reads what it can of a broken feed; when that is nothing, the feed is the problem
        raise DocumentError(f"not a readable feed ({parsed.get('bozo_exception')})")
    return documents
