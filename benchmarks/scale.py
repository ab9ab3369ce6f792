"""Scale benchmark: throughput, worker processes, incremental builds and memory, in one run.

    python benchmarks/scale.py [CORPUS] [--jobs N] [--times K]

CORPUS defaults to ../shared/eval/news (beside the repository). Targets:

1. ``kg.build`` and ``save`` (one process) reach at least 0.85 of the words per second of a bare
   ``nlp.pipe`` loop over the same texts with the same pipeline, both with the pipeline loaded, and
   at least 0.9 of what they reached against the spaCy model alone (without kg's components)
   before the extraction by constructions: 0.9 x 0.861;
2. ``--jobs N`` (default 2) builds at least 1.7 times faster than one process;
3. a build after adding one article to the corpus takes at most 10% of the cold build's time
   (the store holds the rest; both with the pipeline loaded);
4. ``kg build`` of the corpus repeated K times (default 10, distinct ids) peaks at most 1.5 times
   the memory of the corpus once (each a ``kg build --jobs N`` subprocess; the largest process's RSS);
5. the ``kg build`` command on the corpus, start-up included (one process, start-up cache warm),
   reaches at least 1.5 times the words per second of a bare ``nlp.pipe`` loop of the spaCy model;
6. a ``kg build`` command of one article takes at most 2.5 times
   ``python -c "import spacy; spacy.load(MODEL)"`` (the best of three runs each);
7. ``kg --help`` answers in under a second.

Prints a table with PASS/FAIL and exits 1 if a target is missed. Copies of the corpus go to a
temporary folder only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

import kg
from kg.ingest import read_articles
from kg.nlp import DEFAULT_MODEL, shared_pipeline
from kg.store import STORE_NAME

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "news"
# kg's build reached 0.861 of the words per second of the spaCy model alone before events were read
# by constructions (measured on ../shared/eval/news); it must keep 0.9 of that.
MODEL_RATIO = 0.9 * 0.861
# Runs a command and prints the peak RSS (KiB on Linux) of its largest process.
PEAK_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args(argv)
    corpus, jobs, times = args.corpus, args.jobs, args.times
    articles = list(read_articles([corpus], on_error=lambda error: None))
    if not articles:
        parser.error(f"no article could be read in {corpus}")
    words = sum(len(article.text.split()) for article in articles)
    print(f"corpus: {corpus}, {len(articles)} articles, {words} words")
    work = Path(tempfile.mkdtemp(prefix="kg-scale-"))

    started = time.perf_counter()
    nlp = shared_pipeline()
    print(f"pipeline loaded in {time.perf_counter() - started:.1f} s: {', '.join(nlp.pipe_names)}")

    bare = spacy.load(DEFAULT_MODEL)  # the model alone: what kg's own components cost is measured against it
    model = timed(lambda: sum(1 for _ in bare.pipe((article.text for article in articles), batch_size=16)))
    raw = timed(lambda: sum(1 for _ in nlp.pipe((article.text for article in articles), batch_size=16)))
    cold = timed(lambda: kg.save(kg.build([corpus], nlp=nlp, store=work / "one" / STORE_NAME), work / "one"))
    parallel = timed(lambda: kg.save(kg.build([corpus], nlp=nlp, store=work / "many" / STORE_NAME, jobs=jobs),
                                     work / "many"))
    extra = work / "extra" / "extra_article.txt"
    extra.parent.mkdir()
    extra.write_text(articles[0].text, encoding="utf-8")  # a new id: parsed as a new article
    incremental = timed(lambda: kg.save(kg.build([corpus, extra.parent], nlp=nlp, store=work / "one" / STORE_NAME),
                                        work / "one"))

    once, repeated = work / "once.jsonl", work / "repeated.jsonl"
    write_jsonl(once, articles, 1)
    write_jsonl(repeated, articles, times)
    peak_once, cli_cold = peak_rss(["--jobs", str(jobs), str(once), "-o", str(work / "cli-once")])
    _, cli_incremental = peak_rss(["--jobs", str(jobs), str(once), str(extra.parent), "-o", str(work / "cli-once")])
    peak_repeated, cli_repeated = peak_rss(["--jobs", str(jobs), str(repeated), "-o", str(work / "cli-repeated")])

    one = work / "one-article"
    one.mkdir()
    (one / "article.txt").write_text(articles[0].text, encoding="utf-8")
    command = [sys.executable, "-m", "kg"]
    outputs = iter(range(100))  # a new folder each time: a store from an earlier run would skip the parsing
    run([*command, "build", str(one), "-o", str(work / "one-warm")])  # fills the start-up cache
    one_build = best_of(3, lambda: run([*command, "build", str(one), "-o", str(work / f"one-{next(outputs)}")]))
    model_load = best_of(3, lambda: run([sys.executable, "-c", f"import spacy; spacy.load({DEFAULT_MODEL!r})"]))
    cli_help = best_of(3, lambda: run([*command, "--help"]))
    cli_corpus = timed(lambda: run([*command, "build", str(corpus), "-o", str(work / "cli-corpus")]))

    rows = [
        ("kg build / raw nlp.pipe (words/s)", (words / cold) / (words / raw), ">= 0.85", lambda v: v >= 0.85, "{:.2f}"),
        ("kg build / the spaCy model alone (words/s)", (words / cold) / (words / model), f">= {MODEL_RATIO:.2f}",
         lambda v: v >= MODEL_RATIO, "{:.2f}"),
        (f"{jobs} processes / 1 (speed-up)", cold / parallel, ">= 1.7", lambda v: v >= 1.7, "{:.2f}x"),
        ("+1 article / cold build (time)", incremental / cold, "<= 10%", lambda v: v <= 0.10, "{:.1%}"),
        (f"peak memory {times}x / 1x corpus", peak_repeated / peak_once, "<= 1.5", lambda v: v <= 1.5, "{:.2f}"),
        ("kg build command, start-up included / bare nlp.pipe (words/s)", model / cli_corpus, ">= 1.5",
         lambda v: v >= 1.5, "{:.2f}"),
        ("one-article kg build / spacy.load (time)", one_build / model_load, "<= 2.5", lambda v: v <= 2.5, "{:.2f}"),
        ("kg --help (s)", cli_help, "< 1", lambda v: v < 1.0, "{:.2f}"),
    ]
    print(f"the spaCy model alone {model:.1f} s ({words / model:.0f} words/s); "
          f"raw nlp.pipe {raw:.1f} s ({words / raw:.0f} words/s); kg build {cold:.1f} s ({words / cold:.0f} words/s); "
          f"--jobs {jobs} {parallel:.1f} s; +1 article {incremental:.2f} s")
    print(f"kg build subprocesses (--jobs {jobs}, with start-up and pipeline load): {len(articles)} articles "
          f"{cli_cold:.1f} s, +1 article {cli_incremental:.1f} s, {times}x corpus {cli_repeated:.1f} s; "
          f"peak RSS {peak_once / 1024:.0f} MB and {peak_repeated / 1024:.0f} MB")
    print(f"kg build command, one process: the corpus {cli_corpus:.1f} s, one article {one_build:.2f} s; "
          f"spacy.load {model_load:.2f} s; kg --help {cli_help:.2f} s")
    print("\n| measure | value | target | result |\n|---|---|---|---|")
    failed = 0
    for name, value, target, passes, shown in rows:
        failed += not passes(value)
        print(f"| {name} | {shown.format(value)} | {target} | {'PASS' if passes(value) else 'FAIL'} |")
    return 1 if failed else 0


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def best_of(times: int, action) -> float:
    return min(timed(action) for _ in range(times))


def write_jsonl(path: Path, articles, times: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for copy in range(times):
            for article in articles:
                handle.write(json.dumps({"id": f"{article.id}~{copy}", "text": article.text, "date": article.date,
                                         "title": article.title, "url": article.url}) + "\n")


def peak_rss(build_arguments: list[str]) -> tuple[int, float]:
    """Peak RSS (KiB) of the largest process of a ``kg build`` subprocess, and its wall time."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK_RSS, sys.executable, "-m", "kg", "build", *build_arguments],
                            check=True, capture_output=True, text=True)
    return int(result.stdout.split()[-1]), time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
