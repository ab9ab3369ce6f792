"""The GDELT 2.0 event table (``events.gdelt.tsv``): kg's events in the columns GDELT's users know.

GDELT's files are read a line at a time and split at tabs, so in kg's every row is one line of
61 fields: a tab or a line break in a cell (an id, a name, a URL) is written as a space, and so
is every other character Python's ``str.splitlines`` ends a line at (:func:`one_line`). Only a
cell with a ``"`` is quoted, CSV-style, as pandas and the csv module's ``excel-tab`` read it.
:func:`gdelt_events` keeps the text as it is; only the file is made one line a row.

>>> GDELT_COLUMNS[:3], len(GDELT_COLUMNS)
(['GLOBALEVENTID', 'SQLDATE', 'MonthYear'], 61)
"""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pandas as pd

from kg.events.dates import event_dates, period
from kg.readwrite.tables import write_csv

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

GDELT_ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                      "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
GDELT_GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{field}" for field in GDELT_ACTOR_FIELDS] + [f"Actor2{field}" for field in GDELT_ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"{place}_{field}" for place in ("Actor1Geo", "Actor2Geo", "ActionGeo") for field in GDELT_GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
# A tab, and every character Python's str.splitlines ends a line at (LF and CR among them).
_FIELD_BREAKS = re.compile("[\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]")


def _source_name(outlet: str, url: str, article_id: str) -> str:
    """Where an article comes from: its outlet, else its URL's host, else the article itself."""
    if outlet.strip():
        return f"outlet:{outlet.strip().casefold()}"
    host = urlsplit(url).hostname if url else None
    return host or f"article:{article_id}"


def _stable_id(key: tuple[str, ...]) -> int:
    """A positive 60-bit integer from the key's SHA-1: the same event keeps its id in every export."""
    return int(hashlib.sha1("\x1f".join(key).encode("utf-8")).hexdigest()[:15], 16)


def gdelt_events(kg: "KnowledgeGraph") -> pd.DataFrame:
    """The events as a GDELT 2.0 event table: one row per actor pair, event code and date.

    Events are dated by :func:`kg.events.dates.event_dates`. GDELT dates are days; for an event the
    sentence dates only by year or month, ``Year`` (and ``MonthYear``) say what is known and
    ``SQLDATE`` and ``FractionDate`` are empty, as for an undated one: filling them with the
    article date would put a 1981 event in 2020, and with 1 January a day nobody said.

    The events of one date with the same source, target and CAMEO code are one GDELT event, with
    ``NumMentions`` (kg events), ``NumArticles`` and ``NumSources`` (outlets, else URL hosts; an
    article without either is a source of its own) counting its evidence and ``SOURCEURL`` the first article's URL
    (its id without one). kg has no geography, tone, ethnicity, religion or lead-paragraph flag:
    those columns are empty, as is ``DATEADDED``.

    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_records([
    ...     {"event_id": e, "article_id": a, "date": "2024-01-21", "source_id": "iran", "source_name": "Iran",
    ...      "source_country": "IRN", "source_sector": "GOV", "source_code": "IRNGOV", "target_id": "hamas",
    ...      "target_name": "Hamas", "target_code": "PSEREB", "event_code": "0411", "event_root": "04",
    ...      "quad_class": 1, "goldstein": 1.0} for e, a in (("e1", "a1"), ("e2", "a2"))],
    ...     [], [{"article_id": "a1", "url": "https://news.example/1"}, {"article_id": "a2", "url": ""}])
    >>> row = gdelt_events(kg).to_dict("records")[0]
    >>> [row[c] for c in ("SQLDATE", "Actor1Code", "Actor1Type1Code", "EventBaseCode", "NumMentions", "NumSources",
    ...                   "SOURCEURL")]
    [20240121, 'IRNGOV', 'GOV', '041', 2, 2, 'https://news.example/1']
    """
    ids = kg.articles["article_id"].astype(str)
    urls = dict(zip(ids, kg.articles["url"].astype(object).fillna("").astype(str)))
    outlets = dict(zip(ids, kg.articles["outlet"].astype(object).fillna("").astype(str)))
    rows = []
    keys = ["when", "source_id", "target_id", "event_code"]
    events = kg.events.assign(when=event_dates(kg.events)).astype({key: str for key in keys + ["article_id"]})
    for key, group in events.groupby(keys, sort=True):
        first = group.iloc[0]
        articles = sorted(set(group["article_id"]))
        row = dict.fromkeys(GDELT_COLUMNS, "")
        row["GLOBALEVENTID"] = _stable_id(key)
        when = first["when"]
        if when:
            day = datetime.date.fromisoformat(period(when)[0])
            row["Year"] = day.year
        if len(when) >= len("YYYY-MM"):
            row["MonthYear"] = int(day.strftime("%Y%m"))
        if len(when) == len("YYYY-MM-DD"):
            days_in_year = (datetime.date(day.year, 12, 31) - datetime.date(day.year, 1, 1)).days + 1
            row["SQLDATE"] = int(day.strftime("%Y%m%d"))
            row["FractionDate"] = round(day.year + day.timetuple().tm_yday / days_in_year, 4)
        for number, side in ((1, "source"), (2, "target")):
            row[f"Actor{number}Code"] = first[f"{side}_code"]
            row[f"Actor{number}Name"] = first[f"{side}_name"]
            row[f"Actor{number}CountryCode"] = first[f"{side}_country"]
            row[f"Actor{number}Type1Code"] = first[f"{side}_sector"]
        row["EventCode"] = first["event_code"]
        row["EventBaseCode"] = first["event_code"][:3]
        row["EventRootCode"] = first["event_root"]
        row["QuadClass"] = int(first["quad_class"])
        row["GoldsteinScale"] = float(first["goldstein"])
        row["NumMentions"] = len(group)
        row["NumSources"] = len({_source_name(outlets.get(a, ""), urls.get(a, ""), a) for a in articles})
        row["NumArticles"] = len(articles)
        row["SOURCEURL"] = urls.get(articles[0]) or articles[0]
        rows.append(row)
    return pd.DataFrame(rows, columns=GDELT_COLUMNS)


def one_line(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every tab and line break in its text cells replaced by a space.

    >>> one_line(pd.DataFrame({"SOURCEURL": ["https://news.example/a\\rb", 7], "Actor1Name": ["Tab\\tIran", ""]})
    ...          ).to_dict("list")
    {'SOURCEURL': ['https://news.example/a b', 7], 'Actor1Name': ['Tab Iran', '']}
    """
    table = table.copy()
    for column in table.columns:
        cells = table[column]
        if not pd.api.types.is_numeric_dtype(cells):  # only text can break a line, and seldom does
            text = cells.map(lambda value: isinstance(value, str))
            broken = text & cells.where(text, "").astype(str).str.contains(_FIELD_BREAKS)
            if broken.any():
                table[column] = cells.where(~broken, cells[broken].str.replace(_FIELD_BREAKS, " ", regex=True))
    return table


def write_gdelt(kg: "KnowledgeGraph", path: str | Path) -> Path:
    """Write :func:`gdelt_events` as a tab-separated file with a header row, one line a row
    (:func:`one_line`), atomically."""
    return write_csv(one_line(gdelt_events(kg)), path, sep="\t")
