"""The build's tables, both directions: ``events.csv``, ``actors.csv``, ``articles.csv`` and
``unresolved.csv`` (:func:`write_tables`, :func:`write_unresolved_table`, :func:`read_tables`), and
``events.parquet``.

CSV cells that a spreadsheet would run as formulas are quoted on the way out and unquoted on the
way in, so a round trip gives the tables back as they were.

>>> import tempfile
>>> from kg.graph import KnowledgeGraph
>>> graph = KnowledgeGraph.from_records([], [{"actor_id": "x-acme", "name": "=Acme", "mentions": 1}], [])
>>> outdir = tempfile.mkdtemp()
>>> sorted(write_tables(graph, outdir)), write_unresolved_table(graph, outdir).name
(['actors.csv', 'articles.csv', 'events.csv'], 'unresolved.csv')
>>> read_tables(outdir).actors["name"].tolist()
['=Acme']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kg.actors import ACTOR_COLUMNS
from kg.events import EVENT_COLUMNS
from kg.graph import ARTICLE_COLUMNS, UNRESOLVED_COLUMNS, KnowledgeGraph
from kg.readwrite.files import atomic_path

UNRESOLVED_CSV = "unresolved.csv"

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell that a spreadsheet would run as a formula quoted by a ``'``.

    :func:`read_tables` takes the quote off again.

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


def write_tables(kg: KnowledgeGraph, outdir: str | Path) -> dict[str, Path]:
    """Write ``events.csv``, ``actors.csv`` and ``articles.csv`` into ``outdir``; return file name -> path."""
    outdir = Path(outdir)
    return {f"{name}.csv": write_csv(table, outdir / f"{name}.csv")
            for name, table in (("events", kg.events), ("actors", kg.actors), ("articles", kg.articles))}


def write_unresolved_table(kg: KnowledgeGraph, outdir: str | Path) -> Path:
    """Write ``unresolved.csv`` (:meth:`kg.graph.KnowledgeGraph.unresolved_table`, a header alone
    when every name was resolved) into ``outdir``. A build writes it; ``kg export`` does not, so
    exporting an older build adds no table that build never had."""
    return write_csv(kg.unresolved_table(), Path(outdir) / UNRESOLVED_CSV)


def read_tables(outdir: str | Path) -> KnowledgeGraph:
    """The knowledge graph whose tables :func:`write_tables` wrote into ``outdir`` (no NLP is
    run); ``unresolved.csv`` only when the build has one. Builds from before a column was added
    load with that column empty."""
    outdir = Path(outdir)
    tables = {}
    for name, columns in (("events", EVENT_COLUMNS), ("actors", ACTOR_COLUMNS), ("articles", ARTICLE_COLUMNS)):
        path = outdir / f"{name}.csv"
        if not path.exists():
            raise FileNotFoundError(f"{path}: not found; run 'kg build' first")
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if name == "events" and "event_date" not in table.columns and "date" in table.columns:
            # A build from before kg read event dates: every event is dated by its article.
            table.insert(table.columns.get_loc("date") + 1, "event_date", "")
        if name == "articles" and "outlet" not in table.columns and "url" in table.columns:
            table.insert(table.columns.get_loc("url") + 1, "outlet", "")  # a build from before outlets
        tables[name] = _typed(_checked(table, columns, path))
    names = None
    path = outdir / UNRESOLVED_CSV
    if path.exists():  # builds from before it have none
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        names = _typed(_checked(table, UNRESOLVED_COLUMNS, path)[UNRESOLVED_COLUMNS])
    return KnowledgeGraph(tables["events"], tables["actors"], tables["articles"], unresolved_names=names)


_INTEGER_COLUMNS = {"quad_class", "trigger_start", "sentence_start", "sentence_end", "mentions", "characters",
                    "events", "articles"}
_FLOAT_COLUMNS = {"goldstein", "confidence"}


def _checked(table: pd.DataFrame, columns: list[str], path: Path) -> pd.DataFrame:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {', '.join(missing)}")
    return table


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    quoted = tuple("'" + start for start in FORMULA_STARTS)
    for column in table.columns:
        if column in _INTEGER_COLUMNS:
            table[column] = table[column].astype(int)
        elif column in _FLOAT_COLUMNS:
            table[column] = table[column].astype(float)
        else:  # undo defused
            text = table[column]
            table[column] = text.where(~text.str.startswith(quoted), text.str[1:])
    return table

def write_parquet(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as Parquet (no index) atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with atomic_path(path) as temporary:
        pq.write_table(pa.Table.from_pandas(table, preserve_index=False), temporary)
    return Path(path)
