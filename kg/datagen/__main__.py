"""``python -m kg.datagen SOURCES [OUTDIR]``: regenerate the generated data files.

The actor files go to OUTDIR (``kg/data/actors``); the predicate file made from PETRARCH-2's verb
dictionary (``--events``, by default ``SOURCES/../event_sources/petrarch2/CAMEO.2.0.txt``) goes
to ``--predicates-outdir`` (``kg/data/predicates``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.datagen import agents, petrarch, phoenix, places

DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_OUTDIR = DATA / "actors"
DEFAULT_PREDICATES_OUTDIR = DATA / "predicates"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.datagen", description=__doc__)
    parser.add_argument("sources", type=Path, help="the actor_sources folder (phoenix/, plover/, factbook/, ...)")
    parser.add_argument("outdir", type=Path, nargs="?", default=DEFAULT_OUTDIR, help="where the actor files go")
    parser.add_argument("--events", type=Path, metavar="PATH",
                        help="PETRARCH-2's CAMEO.2.0.txt (default: SOURCES/../event_sources/petrarch2/CAMEO.2.0.txt)")
    parser.add_argument("--predicates-outdir", type=Path, default=DEFAULT_PREDICATES_OUTDIR, metavar="DIR",
                        help="where the predicate file goes")
    args = parser.parse_args(argv)
    events = args.events or args.sources / ".." / "event_sources" / "petrarch2" / petrarch.SOURCE
    if not events.is_file():   # checked first, so that a wrong path leaves no file half regenerated
        parser.error(f"{events}: no such file (name the verb dictionary with --events)")
    args.outdir.mkdir(parents=True, exist_ok=True)
    written = [agents.write_agents(args.sources, args.outdir), places.write_states(args.outdir),
               places.write_places(args.outdir), *phoenix.write_all(args.sources, args.outdir),
               petrarch.write_predicates(events, args.predicates_outdir)[0]]
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
