"""Event dates: the date a sentence gives its event (kg.events.dates), in the tables and the time slices."""

from __future__ import annotations

import pandas as pd
import pytest

import kg
from kg.analysis import timeline
from kg.events.dates import event_date, period
from kg.readwrite import gdelt_events, timeline_graph
from kg.graph import KnowledgeGraph


def dated(parse, text: str, trigger: str, article_date: str | None) -> str:
    """The event date of the first token ``trigger`` of ``text`` in an article of ``article_date``."""
    doc = parse(text, date=article_date)
    return event_date(next(token for token in doc if token.text == trigger), doc._.date)


@pytest.mark.parametrize("text, trigger, article_date, expected", [
    # a year that modifies an event noun
    ("Germany condemned the 1999 NATO bombing of Serbia.", "bombing", "2019-03-24", "1999"),
    ("The 1982 Israeli invasion of Lebanon angered Syria.", "invasion", "2012-06-06", "1982"),
    # "in YEAR", before or after the verb, through a place
    ("Egypt expelled the Soviet advisers in 1972.", "expelled", "2022-07-18", "1972"),
    ("In 1979, Egypt signed a peace treaty with Israel.", "signed", "2019-03-26", "1979"),
    ("Israel bombed a reactor in Syria in 2007.", "bombed", "2018-03-21", "2007"),
    # a month and year, a full date either way round
    ("Saudi Arabia sent troops to Bahrain in March 2011.", "sent", "2021-03-14", "2011-03"),
    ("Japan attacked the American fleet on 7 December 1941.", "attacked", "2016-12-07", "1941-12-07"),
    ("Japan attacked the American fleet on December 7, 1941.", "attacked", "2016-12-07", "1941-12-07"),
    # vague parts of a period keep its year
    ("Russia annexed Crimea in the spring of 2014.", "annexed", "2019-03-18", "2014"),
    ("Hamas and Fatah met in Cairo in late 2017.", "met", "2019-06-01", "2017"),
    # relative to the article date
    ("Qatar hosted the Taliban last year.", "hosted", "2018-05-10", "2017"),
    ("Turkey expelled the Dutch ambassador last month.", "expelled", "2018-05-10", "2018-04"),
    ("Turkey expelled the Dutch ambassador last month.", "expelled", "2018-01-10", "2017-12"),
    ("Turkey shot down a Russian jet two years ago.", "shot", "2017-11-24", "2015"),
    ("Iran seized the tanker 18 months ago.", "seized", "2021-01-10", "2019-07"),
    # a month without its year: the last one before the article, for a past-tense verb only
    ("Egypt hosted talks in March.", "hosted", "2020-05-01", "2020-03"),
    ("Egypt hosted talks in December.", "hosted", "2020-05-01", "2019-12"),
])
def test_a_date_in_the_events_own_phrase_dates_it(parse, text, trigger, article_date, expected):
    assert dated(parse, text, trigger, article_date) == expected


@pytest.mark.parametrize("text, trigger, article_date", [
    # the date belongs to another event: the object, a clause below or beside the trigger
    ("Germany condemned the 1999 NATO bombing of Serbia.", "condemned", "2019-03-24"),
    ("Israel condemned Iran, which attacked its embassy in 1992.", "condemned", "2020-03-17"),
    ("Israel and Hamas signed a truce on Monday after Egypt mediated talks in 2012.", "signed", "2020-01-01"),
    ("Jordan said that Israel raided Gaza in 2014.", "said", "2020-01-01"),
    # a bound of a time is no date of the event
    ("Israel has struck Syria since 2017.", "struck", "2020-01-01"),
    # the future, or after the article date
    ("Iran will meet Hamas in 2030.", "meet", "2024-05-10"),
    ("Iran will meet Hamas in 2030.", "meet", None),
    ("Iran and Hamas met in 2030.", "met", "2024-05-10"),
    ("Egypt plans to host talks in December.", "host", "2020-05-01"),
    # the article's own time: its week, its month, its year, its day
    ("Iran met Hamas on Monday.", "met", "2018-05-10"),
    ("Iran met Hamas earlier this month.", "met", "2018-05-10"),
    ("Egypt hosted talks in May.", "hosted", "2020-05-20"),
    ("Egypt hosted talks in 2020.", "hosted", "2020-05-20"),
    ("NATO bombed Belgrade yesterday.", "bombed", "1999-05-20"),
    # periods that are no date, a day that does not exist, no date at all
    ("Iraq fought Iran in the 1980s.", "fought", "2015-08-09"),
    ("Russia attacked Georgia on 30 February 2008.", "attacked", "2015-08-09"),
    ("Israel condemned Russia.", "condemned", "2022-03-01"),
    # without an article date nothing relative is read
    ("Qatar hosted the Taliban last year.", "hosted", None),
    ("Egypt hosted talks in March.", "hosted", None),
])
def test_no_event_date_where_the_sentence_does_not_date_the_event_in_the_past(parse, text, trigger, article_date):
    assert dated(parse, text, trigger, article_date) == ""


def test_each_event_of_a_sentence_gets_its_own_date(parse):
    text = "Israel invaded Lebanon in 1982 and withdrew in 2000."
    assert dated(parse, text, "invaded", "2020-01-01") == "1982"
    assert dated(parse, text, "withdrew", "2020-01-01") == "2000"
    clauses = "Jordan said on Tuesday that Israel raided Gaza in 2014."
    assert (dated(parse, clauses, "said", "2020-01-01"), dated(parse, clauses, "raided", "2020-01-01")) == ("", "2014")


def test_an_absolute_date_needs_no_article_date(parse):
    assert dated(parse, "Israel bombed a reactor in Syria in 2007.", "bombed", None) == "2007"


def test_period_spans_the_days_of_a_date():
    assert period("2023-02") == ("2023-02-01", "2023-02-28")
    with pytest.raises(ValueError):
        period("")


def test_build_writes_the_event_date_and_time_slices_use_it(nlp, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "osirak.txt").write_text("date 2020-01-05\n\nIsrael destroyed the Osirak reactor in Iraq in 1981.\n",
                                       encoding="utf-8")
    graph = kg.build([folder], nlp=nlp)
    kg.save(graph, tmp_path / "out", html=False)
    header = (tmp_path / "out" / "events.csv").read_text(encoding="utf-8").split("\n")[0].split(",")
    assert header[header.index("date") + 1] == "event_date"
    loaded = kg.load(tmp_path / "out")
    strike = loaded.events[loaded.events["trigger"] == "destroyed"].iloc[0]
    assert (strike["source_id"], strike["date"], strike["event_date"]) == ("israel", "2020-01-05", "1981")
    assert strike["event_id"] in set(loaded.subgraph(start="1981", end="1981").events["event_id"])
    assert loaded.subgraph(start="2020").events.empty and loaded.subgraph(start="1981-06").events.empty
    edge = loaded.graph.edges["israel", strike["target_id"]]
    assert (edge["first_date"], edge["last_date"]) == ("1981", "1981")


def test_a_build_without_the_column_still_loads(seed_output, tmp_path):
    out = tmp_path / "old"
    out.mkdir()
    for name in ("events.csv", "actors.csv", "articles.csv"):
        table = pd.read_csv(seed_output / name, dtype=str, keep_default_na=False)
        table.drop(columns=["event_date"], errors="ignore").to_csv(out / name, index=False)
    loaded = kg.load(out)
    assert list(loaded.events.columns) == list(kg.load(seed_output).events.columns)
    assert (loaded.events["event_date"] == "").all() and len(loaded.subgraph(start="2000").events) > 0


def knowledge() -> KnowledgeGraph:
    """Three events reported in 2020: one of 1981, one of March 2019 and one of the article's day."""
    rows = [{"event_id": event_id, "article_id": "a", "date": "2020-01-05", "event_date": when, "source_id": "isr",
             "target_id": "irq", "source_name": "Israel", "target_name": "Iraq", "source_code": "ISR",
             "target_code": "IRQ", "event_code": "190", "event_root": "19", "event_name": "Fight", "quad_class": 4,
             "goldstein": -10.0, "confidence": 0.9, "sentence": "", "sentence_start": start, "trigger_start": 0}
            for start, (event_id, when) in enumerate([("e1", "1981"), ("e2", "2019-03"), ("e3", "")])]
    return KnowledgeGraph.from_records(rows, [], [{"article_id": "a", "date": "2020-01-05", "url": ""}])


def test_analysis_and_exports_date_events_by_their_event_date():
    graph = knowledge()
    assert timeline.per_month(graph).loc[["2019-03", "2020-01"], "events"].tolist() == [1, 1]
    assert timeline.per_month(graph).index[0] == "2019-03"   # a year-only event belongs to no month
    assert timeline.between(graph, "1981", "1990").edges["isr", "irq"]["weight"] == 1
    change = timeline.changes(graph, ("1981", "1981"), ("2019", "2020"))
    assert change[["events_a", "events_b", "change"]].values.tolist() == [[1, 2, "stronger"]]
    assert timeline_graph(graph).edges["isr", "irq"]["spells"] == [
        ("1981-01-01", "1981-12-31"), ("2019-03-01", "2019-03-31"), ("2020-01-05", "2020-01-05")]
    rows = gdelt_events(graph).set_index("Year")
    assert rows.loc[1981, ["SQLDATE", "MonthYear", "FractionDate"]].tolist() == ["", "", ""]
    assert rows.loc[2019, ["SQLDATE", "MonthYear"]].tolist() == ["", 201903]
    assert rows.loc[2020, ["SQLDATE", "MonthYear"]].tolist() == [20200105, 202001]
