"""Actor-resolution benchmark: country and sector accuracy on NGEC-style cases.

    python benchmarks/actors.py [CASES.jsonl] [--misses]

CASES defaults to the vendored NGEC development set (tests/fixtures/actors_ngec.dev.jsonl).
Targets: 95% country accuracy and 85% sector accuracy on the cases that expect them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kg.actors import ActorDictionary
from kg.evaluate import actor_accuracy, read_cases

DEFAULT_CASES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "actors_ngec.dev.jsonl"


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    cases = read_cases(paths[0] if paths else DEFAULT_CASES)
    started = time.perf_counter()
    dictionary = ActorDictionary.default()
    loaded = time.perf_counter()
    scores = actor_accuracy(cases, dictionary)
    finished = time.perf_counter()
    print(f"dictionary: {len(dictionary.actors)} actors, {len(dictionary.names)} names, "
          f"{len(dictionary.holders)} people and organs, {len(dictionary.agents)} agent words "
          f"(loaded in {loaded - started:.1f} s)")
    print(f"country accuracy {scores.country:.1%} on {scores.country_cases} cases (target 95%)")
    print(f"sector accuracy  {scores.sector:.1%} on {scores.sector_cases} cases (target 85%)")
    print(f"{(finished - loaded) / max(len(cases), 1) * 1000:.2f} ms per case")
    if "--misses" in argv:
        for miss in scores.misses:
            print(f"MISS {miss['field']:8s} {miss['text'][:60]!r}: expected {miss['expected']!r}, found {miss['found']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
