"""PDF, Word and RSS/Atom input: the text kg reads from each, and each kind of bad document."""

from __future__ import annotations

import pytest

import kg
from kg.ingest import IngestError, read_articles, read_file
from helpers import rss, write_docx, write_pdf

SOCHI = ("Russia and Turkey held long negotiations in Sochi on Tuesday about the war in Syria, and the "
         "Turkish foreign ministry said that the talks had gone well.")


def read_all(paths):
    errors: list[IngestError] = []
    return list(read_articles(paths, on_error=errors.append)), errors


def test_pdf_text_is_read_with_its_lines_joined_into_paragraphs(tmp_path):
    path = write_pdf(tmp_path / "sochi.pdf", ["date 2019-06-04", "Talks in Sochi", SOCHI, "Iran condemned Israel."],
                     title="Russia and Turkey talk")
    [article] = read_file(path)
    assert article.date == "2019-06-04"
    assert article.title == "Russia and Turkey talk"  # the document's own title, over its first line
    assert article.text.split("\n\n")[1:] == [SOCHI, "Iran condemned Israel."]  # one line each, no line breaks


def test_pdf_words_broken_at_a_line_end_are_joined_again(tmp_path):
    path = write_pdf(tmp_path / "broken.pdf", ["The delegations of Russia and Turkey resumed their nego-",
                                               "tiations on Syria in Sochi.", "It was the pro-",
                                               "Russian side that spoke first."], width=200)
    text = read_file(path)[0].text
    assert "their negotiations on Syria" in text and "pro-Russian" in text


def test_pdf_that_opens_without_a_password_is_read_though_encrypted(tmp_path):
    path = write_pdf(tmp_path / "locked.pdf", [SOCHI], password="owner-secret", user_password="")
    assert read_file(path)[0].text == SOCHI


@pytest.mark.parametrize("name, make, problem", [
    ("secret.pdf", lambda path: write_pdf(path, [SOCHI], password="secret"), "encrypted PDF that needs a password"),
    ("scan.pdf", lambda path: write_pdf(path, []), "PDF holds no text, only images (a scan?)"),
    ("broken.pdf", lambda path: path.write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Catalog"), "not a readable PDF"),
    ("broken.docx", lambda path: path.write_bytes(b"PK\x03\x04 not a zip"), "not a readable Word document"),
    ("protected.docx", lambda path: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
     "an encrypted or old-format (.doc) Word document"),
    ("blank.docx", lambda path: write_docx(path, None, [" "]), "Word document holds no text"),
    ("empty.rss", lambda path: path.write_text(rss([])), "feed has no items"),
    ("broken.rss", lambda path: path.write_text("<rss><channel><item><title>Iran"), "not a readable feed"),
    ("sitemap.xml", lambda path: path.write_text("<urlset><url><loc>https://x</loc></url></urlset>"),
     "unsupported type '.xml': not an RSS or Atom feed"),
])
def test_bad_document_is_named_and_the_batch_goes_on(tmp_path, name, make, problem):
    make(tmp_path / name)
    (tmp_path / "good.txt").write_text("Iran met Hamas.", encoding="utf-8")
    articles, errors = read_all([tmp_path])
    assert [a.id for a in articles] == ["good"]
    assert [e.path for e in errors] == [str(tmp_path / name)]
    assert errors[0].problem.startswith(problem), errors[0].problem


def test_word_document_gives_its_paragraphs_and_table_cells(tmp_path):
    path = write_docx(tmp_path / "brief.docx", "Sanctions on Iran",
                      ["The European Union imposed sanctions on Iran.", "Iran condemned the decision."],
                      table=[["Who", "What"], ["Turkey", "Turkey criticised the sanctions."]], title="EU brief")
    [article] = read_file(path)
    assert article.title == "EU brief"
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]  # short cells read as headings go
    assert paragraphs == ["Sanctions on Iran", "The European Union imposed sanctions on Iran.",
                          "Iran condemned the decision.", "Turkey criticised the sanctions."]


def test_word_document_without_a_title_takes_its_headline(tmp_path):
    path = write_docx(tmp_path / "note.docx", None, ["date 2020-02-02", "Egypt mediates", "Egypt mediated talks."])
    [article] = read_file(path)
    assert (article.date, article.title) == ("2020-02-02", "Egypt mediates")


def test_rss_feed_gives_one_article_per_item_with_its_link_date_and_title(tmp_path):
    path = tmp_path / "world.rss"
    path.write_text(rss([{"title": "Turkey condemns Israel", "link": "https://wire.example/1",
                          "date": "Mon, 03 Jun 2019 08:00:00 GMT", "text": "<p>Turkey condemned Israel.</p>"},
                         {"title": "China meets Russia", "link": "https://wire.example/2",
                          "text": "China met Russia in Beijing."}]))
    articles = read_file(path)
    assert [(a.id, a.title, a.url, a.date, a.outlet) for a in articles] == [
        ("world-1", "Turkey condemns Israel", "https://wire.example/1", "2019-06-03", "World Wire"),
        ("world-2", "China meets Russia", "https://wire.example/2", None, "World Wire")]
    assert articles[0].text == "Turkey condemns Israel\n\nTurkey condemned Israel."  # markup gone, headline first


def test_atom_feed_and_a_feed_saved_as_xml_are_read(tmp_path):
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
            '<entry><title>Egypt mediates</title><link href="https://desk.example/e"/>'
            '<updated>2021-05-20T10:00:00Z</updated><content type="html">&lt;p&gt;Egypt mediated between Hamas '
            'and Israel.&lt;/p&gt;</content></entry></feed>')
    (tmp_path / "desk.atom").write_text(atom, encoding="utf-8")
    (tmp_path / "saved.xml").write_text(rss([{"title": "Iran meets Hamas", "link": "https://w/1",
                                             "text": "Iran met Hamas."}]), encoding="utf-8")
    articles, errors = read_all([tmp_path])
    assert errors == []
    assert [(a.id, a.url, a.date, a.text.split("\n\n")[-1]) for a in articles] == [
        ("desk-1", "https://desk.example/e", "2021-05-20", "Egypt mediated between Hamas and Israel."),
        ("saved-1", "https://w/1", None, "Iran met Hamas.")]


def test_feed_item_without_text_is_named_and_the_others_are_read(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(rss([{"title": "", "link": "https://w/1", "text": ""},
                         {"title": "Iran meets Hamas", "link": "https://w/2", "text": "Iran met Hamas."}]))
    articles, errors = read_all([path])
    assert [a.id for a in articles] == ["wire-2"]
    assert [str(e) for e in errors] == [f"{path}, record 1: feed item 1 has no text"]


def test_events_of_each_format_keep_their_sentence_offsets(tmp_path, nlp):
    write_pdf(tmp_path / "talks.pdf", ["date 2019-06-04", "Talks in Sochi", SOCHI, "Iran condemned Israel."])
    write_docx(tmp_path / "brief.docx", "Sanctions", ["date 2020-01-10", "The European Union imposed sanctions on Iran."])
    (tmp_path / "wire.rss").write_text(rss([{"title": "Turkey condemns Israel", "link": "https://w/1",
                                             "date": "Mon, 03 Jun 2019 08:00:00 GMT",
                                             "text": "<p>Turkey condemned Israel on Monday.</p>"}]))
    texts = {a.id: a.text for a in read_articles([tmp_path])}
    events = kg.build([tmp_path], nlp=nlp).events
    assert set(events["article_id"]) == {"talks", "brief", "wire-1"}
    for row in events.itertuples():
        assert texts[row.article_id][row.sentence_start:row.sentence_end] == row.sentence
    assert {("Iran", "Israel"), ("European Union", "Iran"), ("Turkey", "Israel")} <= set(
        zip(events["source_name"], events["target_name"]))


def test_feed_item_dates_no_calendar_has_and_relative_links_and_markup_in_titles(tmp_path):
    path = tmp_path / "site.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>'
                    '<link>https://news.example/world/</link><item><title><![CDATA[Iran <em>meets</em> Hamas]]></title>'
                    '<link>/story/1</link><pubDate>0000-00-00 00:00:00</pubDate>'
                    '<description>Iran met Hamas.</description></item></channel></rss>', encoding="utf-8")
    [article] = read_file(path)
    assert (article.title, article.url, article.date) == ("Iran meets Hamas", "https://news.example/story/1", None)


def test_word_document_with_broken_xml_is_named(tmp_path):
    import zipfile

    good = write_docx(tmp_path / "good.docx", None, ["Iran met Hamas."])
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(IngestError, match="broken.docx: not a readable Word document"):
        read_file(broken)
