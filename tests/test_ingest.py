"""Ingest: every supported format, and bad input reported by name without stopping the batch."""

from __future__ import annotations

import json

import pytest

from kg.ingest import IngestError, read_articles, read_file
from helpers import SEEDS


def read_all(paths):
    errors = []
    articles = list(read_articles(paths, on_error=errors.append))
    return articles, [str(e) for e in errors]


def test_seed_with_date_on_the_first_line():
    (article,) = read_file(SEEDS / "000_1360407e5a9c7513.txt")
    assert article.id == "000_1360407e5a9c7513"
    assert article.date == "2024-01-21"
    assert article.text.startswith("In a statement that echoes")


def test_seed_without_date():
    (article,) = read_file(SEEDS / "003_298758dfde6df802.txt")
    assert article.date is None
    assert "Hamas and Fatah" in article.text


def test_text_with_date_line_and_headline(tmp_path):
    path = tmp_path / "news_001.txt"
    path.write_text("date 2015-01-07\nAttack in Paris\n\nMasked gunmen stormed an office.\n", encoding="utf-8")
    (article,) = read_file(path)
    assert (article.id, article.date, article.title) == ("news_001", "2015-01-07", "Attack in Paris")
    assert article.text == "Attack in Paris\n\nMasked gunmen stormed an office.\n"


def test_markdown_and_crlf_line_ends(tmp_path):
    path = tmp_path / "note.md"
    path.write_bytes(b"date 2020-02-02\r\n# Talks\r\n\r\nIran met Hamas.\r\n")
    (article,) = read_file(path)
    assert article.date == "2020-02-02"
    assert "\r" not in article.text and article.text.startswith("# Talks\n\nIran met Hamas.")


def test_bad_date_keeps_the_article_without_a_date(tmp_path, caplog):
    path = tmp_path / "a.txt"
    path.write_text("date 2020-13-45 Iran met Hamas.", encoding="utf-8")
    (article,) = read_file(path)
    assert article.date is None and article.text == "Iran met Hamas."
    assert "2020-13-45" in caplog.text and "a.txt" in caplog.text


def test_html_keeps_visible_text_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("""<!doctype html><html><head><title>Talks in Moscow</title>
        <meta property="article:published_time" content="2024-02-29T10:00:00Z">
        <link rel="canonical" href="https://example.org/talks">
        <style>p { color: red }</style><script>var hidden = "Russia attacked Mars";</script></head>
        <body><nav style="display: none">Menu Russia attacked Venus</nav>
        <h1>Talks</h1><p>Hamas and <b>Fatah</b> met in Moscow.</p><p>Russia&nbsp;hosted them.<br>Israel objected.</p>
        <div hidden>Russia attacked Jupiter</div></body></html>""", encoding="utf-8")
    (article,) = read_file(path)
    assert article.id == "page"
    assert (article.title, article.date, article.url) == ("Talks in Moscow", "2024-02-29", "https://example.org/talks")
    assert article.text == "Talks\n\nHamas and Fatah met in Moscow.\n\nRussia hosted them. Israel objected."


def test_jsonl_records_with_a_broken_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "r1", "text": "Iran met Hamas.", "date": "2024-01-21", "title": "T", "url": "u"}),
             "{not json", json.dumps({"id": "r2", "text": ""}), json.dumps({"text": "Israel condemned Russia."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = read_all([path])
    assert [(a.id, a.date, a.title, a.url) for a in articles] == [("r1", "2024-01-21", "T", "u"),
                                                                   ("batch-4", None, None, None)]
    assert errors == [f"{path}, record 2: line 2 is not valid JSON (Expecting property name enclosed in double quotes)",
                      f"{path}, record 3: no text (the 'text' field is missing or empty)"]


def test_csv_records_with_quoted_newlines(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text('id,date,title,text\nc1,2022-03-01,Sanctions,"The EU sanctioned Russia.\nIt said so."\n'
                    'c2,,,Iran met Hamas.\n', encoding="utf-8")
    articles, errors = read_all([path])
    assert errors == []
    assert [(a.id, a.date, a.title, a.text) for a in articles] == [
        ("c1", "2022-03-01", "Sanctions", "The EU sanctioned Russia.\nIt said so."), ("c2", None, None, "Iran met Hamas.")]


def test_csv_without_text_column_is_reported(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("id,body\n1,Iran met Hamas.\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"wrong\.csv: CSV has no 'text' column \(columns: id, body\)"):
        read_file(path)


def test_folder_is_read_recursively_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Iran met Hamas.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Israel condemned Russia.", encoding="utf-8")
    (tmp_path / "chart.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    articles, errors = read_all([tmp_path])
    assert [a.id for a in articles] == ["a", "z"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'chart.xlsx'}: unsupported type '.xlsx'"]   # named, not silent


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n", "file holds only white space"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not text"),
    ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document), not text"),
    ("data.txt", bytes(range(256)) * 4, "binary file, not text"),
    ("chart.xlsx", b"PK\x03\x04", "unsupported type '.xlsx'"),
    ("date-only.txt", b"date 2024-01-01\n", "no text after the date line"),
    ("empty.html", b"<html><body><script>x()</script></body></html>", "HTML page has no visible text"),
])
def test_bad_file_is_reported_by_name_and_the_batch_goes_on(tmp_path, name, content, problem):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Iran met Hamas.", encoding="utf-8")
    articles, errors = read_all([bad, good])
    assert [a.id for a in articles] == ["good"]
    assert len(errors) == 1 and errors[0].startswith(f"{bad}: {problem}")


def test_byte_order_marks_are_understood(tmp_path):
    (tmp_path / "bom8.txt").write_bytes("\ufeffIran met Hamas.".encode("utf-8"))
    (tmp_path / "bom16.txt").write_bytes("Israel condemned Russia.".encode("utf-16"))
    articles, errors = read_all([tmp_path])
    assert errors == []
    assert [a.text for a in articles] == ["Israel condemned Russia.", "Iran met Hamas."]  # bom16, bom8


def test_missing_path_empty_folder_and_duplicate_ids(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "x.txt").write_text("Iran met Hamas.", encoding="utf-8")
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "x.txt").write_text("Israel condemned Russia.", encoding="utf-8")
    articles, errors = read_all([tmp_path / "missing.txt", tmp_path / "empty", tmp_path / "one", tmp_path / "two"])
    assert [a.text for a in articles] == ["Iran met Hamas."]
    assert errors[0] == f"{tmp_path / 'missing.txt'}: no such file or folder"
    assert errors[1].startswith(f"{tmp_path / 'empty'}: folder holds no articles")
    assert errors[2] == (f"{tmp_path / 'two' / 'x.txt'}: article id 'x' was already read from "
                         f"{tmp_path / 'one' / 'x.txt'}; skipped")


def test_page_furniture_is_blanked_with_offsets_kept(tmp_path):
    raw = ("Russia Invites Hamas To Moscow\n\nIran met Hamas in Moscow on Monday.\n\n"
           "(Read Also: Russian Forces Thwart Ukrainian Drone Attack on Crimea)\n\nAdvertisment\n\n"
           "A Cry for Peace Amidst the Thunder of War\n\n"
           "LISTEN TO ARTICLE 4:55 SHARE THIS ARTICLE Share Tweet Post Email\n\n"
           "Israel condemned Russia.Read More\n\nThe talks, officials said, would go on.\n")
    (tmp_path / "a.txt").write_text(raw)
    article = read_file(tmp_path / "a.txt")[0]
    assert len(article.text) == len(raw)
    kept = [line for line in article.text.split("\n") if line.strip()]
    assert kept == ["Russia Invites Hamas To Moscow", "Iran met Hamas in Moscow on Monday.",
                    "Israel condemned Russia.         ", "The talks, officials said, would go on."]
    assert article.text.index("Israel condemned") == raw.index("Israel condemned")
    assert article.title == "Russia Invites Hamas To Moscow"


def test_sentences_and_events_do_not_run_across_blank_lines(parse):
    doc = parse("Iran Meets Hamas In Tehran\n\nBy John Smith\n\nRussia condemned Israel on Monday.")
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [
        "Iran Meets Hamas In Tehran", "By John Smith", "Russia condemned Israel on Monday."]
    event = next(e for e in doc._.events if e.code.startswith("11"))
    assert event.sentence == "Russia condemned Israel on Monday."
    assert doc.text[event.sentence_start:event.sentence_end] == event.sentence


def test_latin1_and_utf16_without_bom_are_read_with_a_warning(tmp_path, caplog):
    (tmp_path / "latin1.txt").write_bytes("Israel condemned the Élysée \u201cstatement\u201d.".encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes("Iran met Hamas in Doha.".encode("utf-16-le"))
    articles, errors = read_all([tmp_path])
    assert errors == []
    assert [a.text for a in articles] == ["Israel condemned the Élysée \u201cstatement\u201d.", "Iran met Hamas in Doha."]
    assert f"{tmp_path / 'latin1.txt'}: not UTF-8" in caplog.text


def test_control_characters_and_surrogates_are_replaced_in_place(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": "Iran\x00met\x1bHamas\ud800.",
                                                  "title": "Bell\x07"}) + "\n", encoding="utf-8")
    article = read_file(tmp_path / "a.jsonl")[0]
    assert article.text == "Iran met Hamas\ufffd." and article.title == "Bell"
    article.text.encode("utf-8")


def test_an_article_too_long_to_parse_is_reported(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "w", encoding="utf-8") as handle:
        for _ in range(50 * 1024):
            handle.write("Iran met Hamas in Moscow and talked for a long time about a great many things. " * 13)
    (tmp_path / "small.jsonl").write_text('{"id": "s", "text": "Israel condemned Russia."}\n', encoding="utf-8")
    articles, errors = read_all([tmp_path])
    assert [a.id for a in articles] == ["s"]
    assert len(errors) == 1 and errors[0].startswith(f"{huge}: article 'huge' is 52,582,400 characters long") and "split it" in errors[0]


def test_a_folder_walk_skips_its_own_files_and_names_unsupported_ones(tmp_path):
    (tmp_path / "drafts").mkdir()
    for name, text in [("clipping.txt", "date 2020-01-02\nIran met Iraq."), ("README.md", "How this folder works."),
                       ("LICENSE", "All rights reserved."), ("CHANGELOG.txt", "v2: more clippings."),
                       ("chart.xlsx", "not text"), ("drafts/old.txt", "A draft."), ("notes.bak.txt", "Old notes."),
                       ("Notice of sanctions.txt", "The EU sanctioned Iran."), ("license-fraud.txt", "Fraud.")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    problems = []
    articles = list(read_articles([tmp_path], on_error=problems.append, exclude=["drafts/*", "*.bak.*"]))
    assert [a.id for a in articles] == ["Notice of sanctions", "clipping", "license-fraud"]  # stories, not notices
    assert [str(p) for p in problems] == [f"{tmp_path / 'chart.xlsx'}: unsupported type '.xlsx'"]
    # named on the command line, a README is read like any text file
    assert [a.id for a in read_articles([tmp_path / "README.md"])] == ["README"]
