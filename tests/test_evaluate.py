"""``kg eval``: the accuracy targets on the vendored gold sets, and agreement with the shared scorer."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from kg.builder import build_articles
from kg.cli import EXIT_OK, main
from kg.evaluate import baseline_events, event_scores, gold_articles, read_cases
from helpers import ROOT, SHARED

FIXTURES = ROOT / "tests" / "fixtures"
SCORER = SHARED / "gold" / "score.py"


@pytest.fixture(scope="module")
def plover_scores(nlp):
    gold = read_cases(FIXTURES / "plover_gsr.gold.jsonl")
    events = build_articles(gold_articles(gold), nlp=nlp).events
    return event_scores(gold, events.to_dict("records"))


def test_plover_sentences_meet_the_floors(plover_scores):
    coded = plover_scores["coded"]
    assert coded.required > 300
    assert coded.f1 >= 0.64 and coded.precision >= 0.76, coded.line("coded")


NEWS_DEV = SHARED / "gold" / "news_dev" / "news_dev.gold.jsonl"


@pytest.mark.skipif(not NEWS_DEV.exists(), reason="the modern-news dev set (../shared/gold/news_dev) is not here")
def test_modern_news_sentences_meet_the_floors(nlp):
    gold = read_cases(NEWS_DEV)
    events = build_articles(gold_articles(gold), nlp=nlp).events
    coded = event_scores(gold, events.to_dict("records"))["coded"]
    assert coded.required == 210
    assert coded.f1 >= 0.51 and coded.precision >= 0.84, coded.line("coded")


def test_seed_articles_meet_the_floors(seed_graph):
    scores = event_scores(read_cases(FIXTURES / "seeds.gold.jsonl"), seed_graph.events.to_dict("records"))
    coded = scores["coded"]
    assert coded.f1 >= 0.80 and coded.precision >= 0.75, coded.line("coded")
    assert coded.required - coded.matched <= 1, coded.misses


def test_kg_beats_the_naive_baseline(nlp, plover_scores):
    gold = read_cases(FIXTURES / "plover_gsr.gold.jsonl")
    baseline = build_articles(gold_articles(gold), nlp=nlp, extract=baseline_events).events
    naive = event_scores(gold, baseline.to_dict("records"))["coded"]
    assert naive.predicted > 0
    assert plover_scores["coded"].precision > naive.precision + 0.2
    assert plover_scores["coded"].f1 > naive.f1


def _scored_by_both(gold_path, events_path, capsys) -> tuple[dict, dict]:
    assert main(["eval", str(gold_path), "--events", str(events_path), "--json"]) == EXIT_OK
    ours = json.loads(capsys.readouterr().out)
    theirs = json.loads(subprocess.run([sys.executable, str(SCORER), str(gold_path), str(events_path), "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    return ours, theirs


@pytest.mark.skipif(not SCORER.exists(), reason="the shared gold scorer (../shared/gold/score.py) is not here")
def test_eval_figures_agree_with_the_shared_scorer(seed_output, tmp_path, capsys):
    with open(seed_output / "events.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # A damaged copy too: an event dropped, one recoded, one between the wrong actors.
    damaged = rows[1:]
    damaged[0] = {**damaged[0], "event_code": "190"}
    damaged.append({**rows[0], "source_name": "Ukraine", "source_id": "ukraine", "source_country": "UKR"})
    for name, table in (("events.csv", rows), ("damaged.csv", damaged)):
        path = tmp_path / name
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(table)
        ours, theirs = _scored_by_both(FIXTURES / "seeds.gold.jsonl", path, capsys)
        for kind in ("pair", "coded"):
            for figure in ("precision", "recall", "f1", "required", "matched", "predicted", "correct"):
                assert ours[kind][figure] == theirs[kind][figure], (name, kind, figure)


def test_users_extend_the_predicates_with_a_file_of_their_own(copy_seeds, tmp_path, capsys):
    (copy_seeds / "snub.txt").write_text("date 2024-02-01 Turkey stonewalled Israel at the summit in Geneva.\n")
    extra = tmp_path / "my_predicates.yaml"
    extra.write_text('verbs:\n  stonewall: {code: "125", targets: [dobj]}\n')
    rows_before = _events_of_build(copy_seeds, tmp_path / "plain", [])
    rows_after = _events_of_build(copy_seeds, tmp_path / "extended", ["--predicates", str(extra)])
    snubs = [r for r in rows_after if r["article_id"] == "snub"]
    assert [(r["source_name"], r["event_code"], r["target_name"]) for r in snubs] == [("Turkey", "125", "Israel")]
    assert not [r for r in rows_before if r["article_id"] == "snub"]

    extra.write_text("verbs:\n  snub: {code: 125\n")
    assert main(["build", str(copy_seeds), "-o", str(tmp_path / "bad"), "--predicates", str(extra)]) == 2
    assert str(extra) in capsys.readouterr().err


def _events_of_build(inputs, outdir, options) -> list[dict]:
    assert main(["build", str(inputs), "-o", str(outdir), "--no-html", *options]) == EXIT_OK
    with open(outdir / "events.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
