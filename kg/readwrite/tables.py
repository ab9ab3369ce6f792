"""The build's tables, both directions: ``events.csv``, ``actors.csv``, ``articles.csv`` and
``unresolved.csv`` (:func:`write_tables`, :func:`write_unresolved_table`, :func:`read_tables`), and
``events.parquet``.

A round trip gives every string back as it was, whatever its characters:

- a cell that a spreadsheet would run as a formula gets a ``'`` in front, and so does a cell that
  already looks like that (quotes, then a formula start); reading takes one ``'`` off each cell
  that looks like that, and off no other (:func:`defused`);
- a cell holding a CR or a LF is quoted, a lone CR too (:func:`csv_text`), so no reader ends a
  row inside a cell.

>>> import tempfile
>>> from kg.graph import KnowledgeGraph
>>> graph = KnowledgeGraph.from_records([], [{"actor_id": actor_id, "name": name, "mentions": 1}
...                                          for actor_id, name in (("x\\racme", "=Acme"), ("y", "'-quoted"))], [])
>>> outdir = tempfile.mkdtemp()
>>> sorted(write_tables(graph, outdir)), write_unresolved_table(graph, outdir).name
(['actors.csv', 'articles.csv', 'events.csv'], 'unresolved.csv')
>>> read_tables(outdir).actors[["actor_id", "name"]].values.tolist()
[['x\\racme', '=Acme'], ['y', "'-quoted"]]
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from kg.actors import ACTOR_COLUMNS
from kg.datafiles import cannot_read
from kg.events import EVENT_COLUMNS
from kg.events.dates import period
from kg.graph import ARTICLE_COLUMNS, UNRESOLVED_COLUMNS, KnowledgeGraph
from kg.readwrite.files import atomic_path

UNRESOLVED_CSV = "unresolved.csv"

# A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# defused quotes a formula and a cell that already looks defused (quotes before a formula start),
# so that every cell that looks defused was: reading takes one quote off exactly those.
_TO_DEFUSE = re.compile(f"'*[{re.escape(''.join(FORMULA_STARTS))}]")
_DEFUSED = re.compile(f"'+[{re.escape(''.join(FORMULA_STARTS))}]")
# The rows write_csv formats at a time: it holds one chunk's text, never the whole table's.
ROWS_PER_CHUNK = 10_000


def defused(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell that a spreadsheet would run as a formula quoted by a ``'``,
    and every text cell that already looks so quoted (quotes, then a formula start) given one more.

    :func:`read_tables` takes one quote off each cell that starts with quotes and then a formula
    start, so every cell comes back as it was: ``'-quoted`` is written ``''-quoted`` (which a
    spreadsheet shows as ``'-quoted``, not as a formula) and read ``'-quoted``. A quote before
    anything else (``'Fanatic recklessness'``) is left as it is.

    >>> defused(pd.DataFrame({"name": ["=HYPERLINK(1)", "'-quoted", "'Iran'"], "goldstein": [-2.0, 1.0, 0.0]})
    ...         ).to_dict("list")
    {'name': ["'=HYPERLINK(1)", "''-quoted", "'Iran'"], 'goldstein': [-2.0, 1.0, 0.0]}
    """
    table = table.copy()
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):
            text = table[column]
            risky = text.map(lambda value: isinstance(value, str) and _TO_DEFUSE.match(value) is not None)
            table[column] = text.where(~risky, "'" + text.astype(str))
    return table


def csv_text(table: pd.DataFrame, sep: str = ",", header: bool = True) -> str:
    """``table`` as CSV text (no index), each row ended by ``\\n``, every cell that holds a CR or a LF quoted.

    Python's csv writer, and so pandas, quotes a cell holding a character of its line terminator
    (or the separator, or a ``"``): with ``\\n`` as terminator, a cell with a lone CR is left bare,
    and pandas, the csv module and spreadsheets all end the row at that CR. So the rows are
    written ended by CR LF, which quotes every cell holding either, and then the CR LFs outside
    quotes, the row ends, become LF.

    >>> csv_text(pd.DataFrame({"id": ["a\\rb", "c\\r\\nd", "e"], "n": [1, 2, 3]}))
    'id,n\\n"a\\rb",1\\n"c\\r\\nd",2\\ne,3\\n'
    """
    text = table.to_csv(sep=sep, index=False, header=header, lineterminator="\r\n")
    # Split at the quotes, the even pieces are outside quoted cells (a doubled quote in a cell
    # leaves an empty one): there, and only there, a CR LF ends a row.
    pieces = text.split('"')
    pieces[::2] = [piece.replace("\r\n", "\n") for piece in pieces[::2]]
    return '"'.join(pieces)


def write_csv(table: pd.DataFrame, path: str | Path, sep: str = ",") -> Path:
    """Write a table as UTF-8 CSV (:func:`csv_text`: no index, ``\\n`` line ends, line breaks in
    cells quoted; formulas defused) atomically, :data:`ROWS_PER_CHUNK` rows at a time.

    >>> import tempfile
    >>> path = write_csv(pd.DataFrame({"url": ["https://news.example/a\\rb"]}), Path(tempfile.mkdtemp()) / "t.csv")
    >>> path.read_bytes()
    b'url\\n"https://news.example/a\\rb"\\n'
    """
    table = defused(table)
    with atomic_path(path) as temporary, open(temporary, "w", encoding="utf-8", newline="") as handle:
        for start in range(0, max(len(table), 1), ROWS_PER_CHUNK):  # a table without rows has its header
            handle.write(csv_text(table.iloc[start:start + ROWS_PER_CHUNK], sep, header=start == 0))
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
    load with that column empty. A missing table raises ``FileNotFoundError``; a table that
    cannot be read (a folder, not UTF-8, damaged CSV), lacks a column or holds a cell of the
    wrong kind (a count that is no whole number, a date that is none) raises ``ValueError``
    naming the file, and the row and column where it is one cell."""
    outdir = Path(outdir)
    tables = {}
    for name, columns in (("events", EVENT_COLUMNS), ("actors", ACTOR_COLUMNS), ("articles", ARTICLE_COLUMNS)):
        path = outdir / f"{name}.csv"
        if not path.exists():
            raise FileNotFoundError(f"{path}: not found; run 'kg build' first")
        table = _read_csv(path, name)
        if name == "events" and "event_date" not in table.columns and "date" in table.columns:
            # A build from before kg read event dates: every event is dated by its article.
            table.insert(table.columns.get_loc("date") + 1, "event_date", "")
        if name == "articles" and "outlet" not in table.columns and "url" in table.columns:
            table.insert(table.columns.get_loc("url") + 1, "outlet", "")  # a build from before outlets
        tables[name] = _typed(_checked(table, columns, path), path)
    names = None
    path = outdir / UNRESOLVED_CSV
    if path.exists():  # builds from before it have none
        table = _read_csv(path, "unresolved names")
        names = _typed(_checked(table, UNRESOLVED_COLUMNS, path)[UNRESOLVED_COLUMNS], path)
    return KnowledgeGraph(tables["events"], tables["actors"], tables["articles"], unresolved_names=names)


_INTEGER_COLUMNS = {"quad_class", "trigger_start", "sentence_start", "sentence_end", "mentions", "characters",
                    "events", "articles"}
_FLOAT_COLUMNS = {"goldstein", "confidence"}


_DATE_COLUMNS = {"date", "event_date"}
_WHOLE_NUMBER = re.compile(r"-?\d{1,18}")  # what a 64-bit integer holds
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|")  # or empty: not known
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?|")  # or empty: undated


def _read_csv(path: Path, what: str) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise cannot_read(path, f"the {what} table", error) from None


def _check_cells(table: pd.DataFrame, column: str, shape: re.Pattern, noun: str, path: Path) -> None:
    """Refuse, naming the file, the row and the column, a cell of ``column`` that is not ``noun``
    (a hand-edited or damaged table), rather than fail later with no name."""
    bad = ~table[column].str.fullmatch(shape)
    if column in _DATE_COLUMNS:  # each date once: a table of 50,000 events holds a few hundred
        real = {value: _real_date(value) for value in table[column].unique()}
        bad |= ~table[column].map(real)
    if bad.any():
        row = int(bad.to_numpy().argmax())
        value = table[column].iloc[row]
        raise ValueError(f"{path}, row {row + 1}: {column} is {value!r}, not {noun}")


def _real_date(value: str) -> bool:
    try:
        return not value or bool(period(value))
    except ValueError:
        return False


def _checked(table: pd.DataFrame, columns: list[str], path: Path) -> pd.DataFrame:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {', '.join(missing)}")
    return table


def _typed(table: pd.DataFrame, path: Path) -> pd.DataFrame:
    for column in table.columns:
        if column in _INTEGER_COLUMNS:
            _check_cells(table, column, _WHOLE_NUMBER, "a whole number", path)
            table[column] = table[column].astype(int)
        elif column in _FLOAT_COLUMNS:
            _check_cells(table, column, _NUMBER, "a number", path)
            table[column] = pd.to_numeric(table[column].replace("", "nan"))
        else:  # undo defused: one quote off
            text = table[column]
            table[column] = text.where(~text.str.match(_DEFUSED), text.str[1:])
            if column in _DATE_COLUMNS:
                _check_cells(table, column, _DATE, "a date as YYYY, YYYY-MM or YYYY-MM-DD", path)
    return table


def write_parquet(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as Parquet (no index) atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with atomic_path(path) as temporary:
        pq.write_table(pa.Table.from_pandas(table, preserve_index=False), temporary)
    return Path(path)
