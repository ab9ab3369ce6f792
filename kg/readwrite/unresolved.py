"""The names a build could not resolve, as an actor file to fill in (``unresolved.actors.yaml``).

Its reader is kg's own actor-file loader (``kg build --actors FILE``, :mod:`kg.actors`): every
entry is commented out, so the file loads as it is and changes nothing until a user fills it in.

>>> from kg.datafiles import parse_yaml
>>> parse_yaml(unresolved_actor_file(pd.DataFrame(columns=["name", "mentions", "articles", "label",
...     "example_article", "example_sentence"])))
{'actors': None}
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from kg.actors.dictionary import slug
from kg.options import UNRESOLVED_YAML
from kg.readwrite.files import write_text

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

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


def write_actor_file(kg: "KnowledgeGraph", outdir: str | Path) -> Path:
    """Write ``unresolved.actors.yaml`` (:func:`unresolved_actor_file` of
    :meth:`kg.graph.KnowledgeGraph.unresolved_table`) into ``outdir`` atomically."""
    return write_text(Path(outdir) / UNRESOLVED_YAML, unresolved_actor_file(kg.unresolved_table()))
