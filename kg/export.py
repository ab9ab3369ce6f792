"""Export: write the knowledge graph's tables and graphs to files.

CSV and Parquet tables, GraphML, GEXF with time intervals for Gephi's timeline, NetworkX
node-link JSON and a GDELT-style event table (:func:`write_exports`); the names a build could not
resolve, as a table and as an actor file to fill in (:func:`write_unresolved`).

Every file is written to a temporary file beside its destination and then renamed over it, so a
crash or a kill never leaves a partial or corrupt output file.

>>> import networkx as nx, tempfile
>>> from pathlib import Path
>>> g = nx.DiGraph()
>>> g.add_edge("iran", "hamas", edge_id="iran->hamas", weight=2)
>>> path = write_graphml(g, Path(tempfile.mkdtemp()) / "g.graphml")
>>> nx.read_graphml(path).edges["iran", "hamas"]["weight"]
2
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator
from urllib.parse import urlsplit

import networkx as nx
import pandas as pd

from kg.actors.dictionary import slug
from kg.events.dates import period

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``, else delete it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(temporary)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path: str | Path, text: str) -> Path:
    """Write a UTF-8 text file atomically."""
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell that a spreadsheet would run as a formula quoted by a ``'``.

    :meth:`kg.graph.KnowledgeGraph.load` takes the quote off again.

    >>> defused(pd.DataFrame({"name": ["=HYPERLINK(1)", "Iran"], "goldstein": [-2.0, 1.0]})).to_dict("list")
    {'name': ["'=HYPERLINK(1)", 'Iran'], 'goldstein': [-2.0, 1.0]}
    """
    table = table.copy()
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):
            text = table[column]
            risky = text.map(lambda value: isinstance(value, str) and value.startswith(FORMULA_STARTS))
            table[column] = text.where(~risky, "'" + text.astype(str))
    return table


def write_csv(table: pd.DataFrame, path: str | Path, sep: str = ",") -> Path:
    """Write a table as UTF-8 CSV (no index, ``\\n`` line ends, formulas defused) atomically."""
    with atomic_path(path) as temporary:
        defused(table).to_csv(temporary, sep=sep, index=False, lineterminator="\n", encoding="utf-8")
    return Path(path)


def write_tables(kg: "KnowledgeGraph", outdir: str | Path) -> dict[str, Path]:
    """Write ``events.csv``, ``actors.csv`` and ``articles.csv`` into ``outdir``."""
    outdir = Path(outdir)
    return {f"{name}.csv": write_csv(table, outdir / f"{name}.csv")
            for name, table in (("events", kg.events), ("actors", kg.actors), ("articles", kg.articles))}


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """Write a graph as GraphML that Gephi reads whole: every edge has a unique ``id``.

    Edges take their id from the ``edge_id`` attribute (multigraph keys otherwise).
    """
    with atomic_path(path) as temporary:
        nx.write_graphml(graph, temporary, edge_id_from_attribute="edge_id")
    return Path(path)


EXPORT_FORMATS = ("csv", "graphml", "gexf", "json", "parquet", "gdelt")
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


def timeline_graph(kg: "KnowledgeGraph") -> nx.DiGraph:
    """The dyad graph dated for Gephi's timeline: actors live from their first to their last event,
    dyads on each date they had one (a ``spells`` list of ``(first day, last day)``).

    Events are dated by :func:`kg.graph.event_dates`: an event the sentence dates only by year or
    month is a spell over that whole year or month. Nodes take their name as ``label``; edges their
    ``edge_id`` as ``id``. Undated events add no time, so an actor or dyad known only from undated
    articles is always shown.

    >>> from kg.graph import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_records([
    ...     {"event_id": "e1", "article_id": "a", "date": "2022-03-01", "source_id": "rus", "target_id": "ukr",
    ...      "quad_class": 4, "goldstein": -10.0, "confidence": 0.9, "event_code": "190", "sentence": "s"},
    ...     {"event_id": "e2", "article_id": "b", "date": "2022-03-09", "source_id": "rus", "target_id": "ukr",
    ...      "quad_class": 4, "goldstein": -10.0, "confidence": 0.9, "event_code": "190", "sentence": "t"}], [], [])
    >>> g = timeline_graph(kg)
    >>> g.nodes["rus"]["start"], g.nodes["rus"]["end"], g.edges["rus", "ukr"]["spells"]
    ('2022-03-01', '2022-03-09', [('2022-03-01', '2022-03-01'), ('2022-03-09', '2022-03-09')])
    """
    from kg.graph import event_dates  # kg.graph imports this module

    events = kg.events.assign(when=event_dates(kg.events))
    dated = events[events["when"] != ""]
    spans = {value: period(value) for value in set(dated["when"])}
    dated = dated.assign(first=dated["when"].map(lambda value: spans[value][0]),
                         last=dated["when"].map(lambda value: spans[value][1]))
    days = dated.groupby(["source_id", "target_id"])["when"].unique()
    acting = pd.concat([dated[["source_id", "first", "last"]].set_axis(["actor", "first", "last"], axis=1),
                        dated[["target_id", "first", "last"]].set_axis(["actor", "first", "last"], axis=1)])
    lifetimes = acting.groupby("actor").agg(min=("first", "min"), max=("last", "max"))
    graph = nx.DiGraph()
    for node, data in kg.graph.nodes(data=True):
        span = {"start": lifetimes.at[node, "min"], "end": lifetimes.at[node, "max"]} if node in lifetimes.index else {}
        graph.add_node(node, label=data["name"], **data, **span)
    for source, target, data in kg.graph.edges(data=True):
        attributes = {key: value for key, value in data.items() if key != "edge_id"}
        if (source, target) in days.index:
            attributes["spells"] = sorted(spans[when] for when in days[source, target])
        graph.add_edge(source, target, id=data["edge_id"], **attributes)
    return graph


def write_gexf(graph: nx.Graph, path: str | Path) -> Path:
    """Write a graph as GEXF 1.2 (dynamic when it carries ``start``/``end``/``spells``).

    networkx stamps the file with today's date; kg puts the latest date in the graph there
    instead (or none), so the same graph always gives the same bytes.
    """
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(graph)
    meta = writer.xml.find("meta")
    dates = [str(d) for _node, d in graph.nodes(data="end") if d] + \
            [str(end) for _s, _t, spells in graph.edges(data="spells") for _start, end in (spells or [])]
    if dates:
        meta.set("lastmodifieddate", max(dates))
    else:
        del meta.attrib["lastmodifieddate"]
    with atomic_path(path) as temporary, open(temporary, "wb") as handle:
        writer.write(handle)
    return Path(path)


def write_node_link_json(graph: nx.Graph, path: str | Path) -> Path:
    """Write a graph as NetworkX node-link JSON (``nodes`` and ``edges`` lists, keys sorted)."""
    data = nx.node_link_data(graph, edges="edges")
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def write_parquet(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as Parquet (no index) atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with atomic_path(path) as temporary:
        pq.write_table(pa.Table.from_pandas(table, preserve_index=False), temporary)
    return Path(path)


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

    Events are dated by :func:`kg.graph.event_dates`. GDELT dates are days; for an event the
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
    from kg.graph import event_dates  # kg.graph imports this module

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


def write_gdelt(kg: "KnowledgeGraph", path: str | Path) -> Path:
    """Write :func:`gdelt_events` as a tab-separated file with a header row, atomically."""
    return write_csv(gdelt_events(kg), path, sep="\t")


def write_exports(kg: "KnowledgeGraph", outdir: str | Path,
                  formats: Iterable[str] = EXPORT_FORMATS) -> dict[str, Path]:
    """Write the knowledge graph into ``outdir`` in each of ``formats`` (see :data:`EXPORT_FORMATS`).

    ``csv``: ``events.csv``, ``actors.csv``, ``articles.csv``; ``graphml``: ``graph.graphml``;
    ``gexf``: ``graph.gexf`` (:func:`timeline_graph`); ``json``: ``graph.json`` (node-link);
    ``parquet``: ``events.parquet``; ``gdelt``: ``events.gdelt.tsv`` (:func:`gdelt_events`).
    Returns file name -> path, in that order.
    """
    formats = set(formats)
    unknown = formats - set(EXPORT_FORMATS)
    if unknown:
        raise ValueError(f"unknown export format(s) {', '.join(sorted(unknown))}; "
                         f"choose from {', '.join(EXPORT_FORMATS)}")
    outdir = Path(outdir)
    written: dict[str, Path] = {}
    if "csv" in formats:
        written.update(write_tables(kg, outdir))
    if "graphml" in formats:
        written["graph.graphml"] = write_graphml(kg.graph, outdir / "graph.graphml")
    if "gexf" in formats:
        written["graph.gexf"] = write_gexf(timeline_graph(kg), outdir / "graph.gexf")
    if "json" in formats:
        written["graph.json"] = write_node_link_json(kg.graph, outdir / "graph.json")
    if "parquet" in formats:
        written["events.parquet"] = write_parquet(kg.events, outdir / "events.parquet")
    if "gdelt" in formats:
        written["events.gdelt.tsv"] = write_gdelt(kg, outdir / "events.gdelt.tsv")
    return written


# --- the names a build could not resolve: unresolved.csv, unresolved.actors.yaml ------------------

UNRESOLVED_CSV = "unresolved.csv"
UNRESOLVED_YAML = "unresolved.actors.yaml"
# What YAML allows in a stream, even in a comment (YAML 1.1 "printable"), less its line breaks and BOM.
_YAML_PRINTABLE = re.compile("[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_UNRESOLVED_HEADER = """\
# The names kg build found but could not resolve to a known actor (unresolved.csv), as an actor
# file to fill in. Every entry is commented out: as it is, this file loads and changes nothing.
#
# To add a name, uncomment its entry (take the leading "# " off its lines; the "## " lines are
# notes and stay comments), fill it in, delete what you do not want and build again with
#     kg build INPUT... -o OUTDIR --actors OUTDIR/unresolved.actors.yaml
# A build into OUTDIR writes this file again unless it is one of that build's --actors files:
# keep a copy of your entries (or pass a copy) when you build without it.
#
# kind: state, igo, armed_group, party, bloc, person or other. country: ISO 3166 alpha-3 (RUS).
# sector: GOV, MIL, COP, SPY, JUD, LEG, ELI, PTY, REB, OPP, CVL, BUS, JRN, NGO, ... or empty.
# A person acts for a state (country) or an organisation (actor: its id, instead of country)
# through a sector, from start (YYYY-MM-DD; empty: always); a role may add title and end, a
# person aliases. The full format is in kg/data/actors/README.md.
"""


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line, whatever its characters.

    >>> from kg.datafiles import parse_yaml
    >>> text = 'say "no": #1\\n\\u2028 \\x85 \\x07 end'
    >>> parse_yaml("name: " + _yaml_string(text))["name"] == text
    True
    """
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif _YAML_PRINTABLE.fullmatch(char) and char != "\t":
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _comment_text(text: str) -> str:
    """``text`` on one line, fit for a YAML comment: whitespace runs (line breaks among them)
    become single spaces, characters YAML forbids become U+FFFD."""
    text = " ".join(str(text).split())
    return "".join(char if _YAML_PRINTABLE.fullmatch(char) else "\ufffd" for char in text)


def unresolved_actor_file(table: pd.DataFrame) -> str:
    """An actor file (``unresolved.actors.yaml``) for the names of ``table`` (``unresolved.csv``):
    a commented-out entry per name, so that the file loads and, unedited, adds nothing; a
    ``person`` with a role for a name mostly labelled ``PERSON``, else an actor.

    >>> from kg.datafiles import parse_yaml
    >>> table = pd.DataFrame([{"name": "Ada Obi", "mentions": 2, "articles": 1, "label": "PERSON",
    ...                        "example_article": "a1", "example_sentence": "Ada Obi spoke."}])
    >>> text = unresolved_actor_file(table)
    >>> parse_yaml(text)
    {'actors': None}
    >>> header, entries = text.split("\\nactors:\\n")
    >>> parse_yaml("actors:\\n" + entries.replace("\\n# ", "\\n"))["actors"]
    [{'person': 'Ada Obi', 'roles': [{'country': '', 'sector': '', 'start': ''}]}]
    """
    lines = [_UNRESOLVED_HEADER, "actors:"]
    if table.empty:
        lines.append("## (every name was resolved)")
    for row in table.itertuples(index=False):
        mentions, articles = int(row.mentions), int(row.articles)
        where = f" in {articles} article{'s' if articles != 1 else ''}" if articles else ""
        label = f", labelled {row.label}" if row.label else ""
        lines += ["", f"## {_comment_text(row.name)}: {mentions} mention{'s' if mentions != 1 else ''}{where}{label}"]
        if row.example_sentence:
            lines.append(f"## first in {_comment_text(row.example_article)}: {_comment_text(row.example_sentence)}")
        name = _yaml_string(str(row.name))
        if row.label == "PERSON":
            lines += [f"# - person: {name}",
                      '#   roles: [{country: "", sector: "", start: ""}]']
        else:
            actor_id = slug(str(row.name)) or "unknown"
            lines += [f"# - id: {_yaml_string(actor_id)}", f"#   name: {name}", "#   kind: other",
                      '#   country: ""', '#   sector: ""']
    return "\n".join(lines) + "\n"


def write_unresolved(kg: "KnowledgeGraph", outdir: str | Path, actor_file: bool = True) -> dict[str, Path]:
    """Write ``unresolved.csv`` (:meth:`kg.graph.KnowledgeGraph.unresolved_table`, a header alone
    when every name was resolved) and, unless ``actor_file`` is false, ``unresolved.actors.yaml``
    (:func:`unresolved_actor_file`) into ``outdir``, each atomically."""
    outdir = Path(outdir)
    table = kg.unresolved_table()
    written = {UNRESOLVED_CSV: write_csv(table, outdir / UNRESOLVED_CSV)}
    if actor_file:
        written[UNRESOLVED_YAML] = write_text(outdir / UNRESOLVED_YAML, unresolved_actor_file(table))
    return written
