"""Property tests: ingest and extraction never crash on arbitrary text, and evidence offsets hold."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.builder import build_articles
from kg.ingest import Article, IngestError, read_file

# Words that make sentences kg reads events from, mixed with anything Unicode has.
WORDS = ["Iran", "Hamas", "Russia", "Israel", "the Kremlin", "Turkish President Erdogan", "met", "condemned",
         "did not condemn", "accused", "of attacking", "sanctions on", "talks between", "and", "with", "it", "the group",
         "said", "'s", ".", ",", "\n", "\n\n", "\"", "(", ")", "<script>", "&amp;", "=", "\u201c", "\u00e9", "\u0627\u0644",
         "\U0001F600", "\u200b", "\t"]
fragments = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
texts = st.lists(fragments, max_size=60).map(" ".join)
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(text=st.text(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".csv"]))
def test_ingest_reads_or_reports_any_text(tmp_path_factory, text, suffix):
    path = tmp_path_factory.mktemp("ingest") / f"article{suffix}"
    if suffix == ".jsonl":
        path.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    elif suffix == ".csv":
        path.write_text("id,text\na," + json.dumps(text) + "\n", encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        articles = read_file(path)
    except IngestError as error:
        assert str(path) in str(error)
        return
    for article in articles:
        assert article.text.strip()
        article.text.encode("utf-8")  # no lone surrogate survives


@PROPERTY_SETTINGS
@given(text=texts.filter(str.strip))
def test_events_quote_their_sentence_where_the_article_has_it(nlp, text):
    article = Article(id="a", text=text, date="2024-01-21")
    graph = build_articles([article], nlp=nlp)
    for event in graph.events.itertuples():
        assert 0 <= event.sentence_start < event.sentence_end <= len(text)
        assert text[event.sentence_start:event.sentence_end] == event.sentence
        assert event.sentence_start <= event.trigger_start < event.sentence_end
        assert text[event.trigger_start:].startswith(event.trigger)
        assert event.source_id != event.target_id
