"""``python -m kg.datagen SOURCES [OUTDIR]``: regenerate the generated actor data files."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.datagen import agents, phoenix, places

DEFAULT_OUTDIR = Path(__file__).resolve().parent.parent / "data" / "actors"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.datagen", description=__doc__)
    parser.add_argument("sources", type=Path, help="the actor_sources folder (phoenix/, plover/, factbook/, ...)")
    parser.add_argument("outdir", type=Path, nargs="?", default=DEFAULT_OUTDIR, help="where the data files go")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    written = [agents.write_agents(args.sources, args.outdir), places.write_states(args.outdir),
               places.write_places(args.outdir), *phoenix.write_all(args.sources, args.outdir)]
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
