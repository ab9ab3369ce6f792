"""Read and write a build: every file format kg writes, each in one module with its reader.

- :mod:`kg.readwrite.tables`: the CSV tables (both directions) and Parquet;
- :mod:`kg.readwrite.graphs`: GraphML, GEXF with a timeline, node-link JSON (NetworkX reads them);
- :mod:`kg.readwrite.gdelt`: the GDELT-style event table;
- :mod:`kg.readwrite.unresolved`: the unresolved names as an actor file to fill in;
- :mod:`kg.readwrite.files`: atomic writes, so no partial or corrupt file is ever left behind.

Every file reads back whole whatever the articles hold: the CSV tables give every string back
(:func:`csv_text`, :func:`kg.readwrite.tables.defused`), the XML files replace what XML forbids
(:func:`xml_safe`) and the GDELT table keeps each row on one line (:func:`one_line`).

:func:`write_exports` writes the formats asked for; :func:`kg.save` adds ``unresolved.csv``, the actor
file and the HTML page.

>>> import tempfile
>>> from kg.graph import KnowledgeGraph
>>> graph = KnowledgeGraph.from_records([], [], [])
>>> sorted(write_exports(graph, tempfile.mkdtemp(), ["csv", "graphml"]))
['actors.csv', 'articles.csv', 'events.csv', 'graph.graphml']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from kg.options import EXPORT_FORMATS
from kg.readwrite.files import atomic_path, write_text
from kg.readwrite.gdelt import GDELT_COLUMNS, gdelt_events, one_line, write_gdelt
from kg.readwrite.graphs import timeline_graph, write_gexf, write_graphml, write_node_link_json, xml_safe, xml_text
from kg.readwrite.tables import (UNRESOLVED_CSV, csv_text, read_tables, write_csv, write_parquet, write_tables,
                                 write_unresolved_table)
from kg.readwrite.unresolved import UNRESOLVED_YAML, unresolved_actor_file, write_actor_file

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph


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


__all__ = ["EXPORT_FORMATS", "GDELT_COLUMNS", "UNRESOLVED_CSV", "UNRESOLVED_YAML", "atomic_path", "csv_text",
           "gdelt_events", "one_line", "read_tables", "timeline_graph", "unresolved_actor_file", "write_actor_file",
           "write_csv", "write_exports", "write_gdelt", "write_gexf", "write_graphml", "write_node_link_json",
           "write_parquet", "write_tables", "write_text", "write_unresolved_table", "xml_safe", "xml_text"]
