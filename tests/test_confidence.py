"""Confidence: the table's shrinkage, its data file, the judging of events and benchmarks/calibrate.py."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, SHARED, load_benchmark
from kg.evaluate import event_scores, read_cases
from kg.events.confidence import FEATURES, UNKNOWN, ConfidenceTable, features, fit

SHIPPED = ROOT / "kg" / "data" / "confidence.yaml"
NEWS_DEV = SHARED / "gold" / "news_dev" / "news_dev.gold.jsonl"
PLOVER = ROOT / "tests" / "fixtures" / "plover_gsr.gold.jsonl"


calibrate = load_benchmark("calibrate")

TWO_LEVELS = (("resolved",), ("resolved", "assertion"))


# --- The table ----------------------------------------------------------------------------------

def test_a_rare_way_is_shrunk_towards_the_coarser_level():
    table = ConfidenceTable(prior=0.5, strength=4, levels=TWO_LEVELS,
                            counts={"resolved=yes": (20, 16), "resolved=yes|assertion=reported": (2, 0)})
    parent = (16 + 4 * 0.5) / (20 + 4)  # 0.75
    assert table.of("subject>object", "asserted", False) == round(parent, 2)  # no finer count: the parent
    rare = table.of("subject>object", "reported", False)
    assert rare == round((0 + 4 * parent) / (2 + 4), 2) == 0.5
    assert 0 < rare < parent  # between its own rate (0/2) and the level above


def test_many_events_outweigh_the_shrinkage():
    few = ConfidenceTable(0.5, 4, TWO_LEVELS, {"resolved=yes": (20, 16), "resolved=yes|assertion=reported": (2, 0)})
    many = ConfidenceTable(0.5, 4, TWO_LEVELS, {"resolved=yes": (2000, 1600),
                                                "resolved=yes|assertion=reported": (200, 20)})
    assert many.of("subject>object", "reported", False) == pytest.approx(0.1, abs=0.02)
    assert few.of("subject>object", "reported", False) > 0.4


def test_stronger_shrinkage_stays_nearer_the_parent():
    counts = {"resolved=yes": (10, 5), "resolved=yes|assertion=planned": (4, 4)}
    weak, strong = (ConfidenceTable(0.5, s, TWO_LEVELS, counts).of("subject>object", "planned", False) for s in (1, 16))
    assert 0.5 < strong < weak <= 0.99


def test_an_unknown_way_gets_the_prior():
    table = ConfidenceTable(prior=0.62, strength=4, levels=TWO_LEVELS, counts={"resolved=yes": (10, 9)})
    assert table.of("subject>object", "asserted", unresolved=True) == 0.62
    assert ConfidenceTable(prior=0.37).of("anything>else", "asserted", False) == 0.37


def test_a_feature_not_given_keeps_the_coarser_estimate():
    levels = (("resolved",), ("resolved", "states"))
    table = ConfidenceTable(0.5, 4, levels, {"resolved=yes": (12, 8), "resolved=yes|states=2": (8, 8),
                                             "resolved=yes|states=1": (4, 0)})
    coarse = table.of("subject>object", "asserted", False)
    assert coarse == round((8 + 2) / 16, 2)
    assert features("subject>object", "asserted", False)["states"] == UNKNOWN
    assert table.of("subject>object", "asserted", False, actor_kinds=("state", "state")) > coarse
    assert table.of("subject>object", "asserted", False, actor_kinds=("igo", "state")) < coarse


def test_confidence_is_never_quite_zero_or_one():
    table = ConfidenceTable(0.5, 1, (("resolved",),), {"resolved=no": (5000, 0), "resolved=yes": (5000, 5000)})
    assert table.of("subject>object", "asserted", True) == 0.01
    assert table.of("subject>object", "asserted", False) == 0.99


def test_fit_counts_every_level_and_the_prior():
    found = [("subject>object", "asserted", False, True, ("state", "state")),
             ("subject>object", "reported", False, False, ("state", "igo")),
             ("owner>preposition", "asserted", True, False, ("other", "state")),
             ("subject>object", "asserted", False, True)]  # without actor kinds: states unknown
    table = fit(found, (("resolved",), ("resolved", "states"), ("resolved", "states", "source")), strength=2)
    assert table.prior == 0.5 and table.strength == 2
    assert table.counts["resolved=yes"] == (3, 2)
    assert table.counts["resolved=no"] == (1, 0)
    assert table.counts["resolved=yes|states=2"] == (1, 1)
    assert table.counts["resolved=yes|states=1"] == (1, 0)
    assert table.counts["resolved=yes|states=?"] == (1, 1)
    assert table.counts["resolved=no|states=1|source=owner"] == (1, 0)
    assert fit([], (("resolved",),)).prior == 0.5


def test_fit_refuses_an_unknown_feature():
    with pytest.raises(ValueError, match="colour"):
        fit([("subject>object", "asserted", False, True)], (("resolved", "colour"),))


def test_the_table_file_round_trips(tmp_path):
    table = fit([("subject>object", "asserted", False, True, ("state", "state")),
                 ("climbed_subject>preposition", "planned", True, False, ("state", "other"))] * 3,
                (("resolved",), ("resolved", "states", "assertion", "source", "target")), strength=8)
    path = tmp_path / "confidence.yaml"
    path.write_text(table.to_yaml(), encoding="utf-8")
    again = ConfidenceTable.from_file(path)
    assert again == table
    assert again.to_yaml() == table.to_yaml()
    assert again.of("subject>object", "asserted", False, ("state", "state")) == \
        table.of("subject>object", "asserted", False, ("state", "state"))


def test_the_table_file_does_not_depend_on_the_order_of_counts():
    one = ConfidenceTable(0.5, 4, (("resolved",),), {"resolved=yes": (3, 2), "resolved=no": (2, 0)})
    two = ConfidenceTable(0.5, 4, (("resolved",),), {"resolved=no": (2, 0), "resolved=yes": (3, 2)})
    assert one.to_yaml() == two.to_yaml()


def test_a_bad_feature_name_names_the_file(tmp_path):
    path = tmp_path / "my-confidence.yaml"
    path.write_text("prior: 0.5\nstrength: 4\nlevels:\n- [resolved]\n- [resolved, weather]\ncounts: {}\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"my-confidence\.yaml.*'weather'"):
        ConfidenceTable.from_file(path)


def test_a_broken_table_file_names_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("levels: [[resolved]]\ncounts: {resolved=yes: [3]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.yaml"):
        ConfidenceTable.from_file(path)
    path.write_text("prior: [1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.yaml"):
        ConfidenceTable.from_file(path)


# --- Judging events as the coded score does -----------------------------------------------------

GOLD = [
    {"article": "a-s1", "events": [
        {"source": {"country": "IRN"}, "target": {"name": ["Hamas"]}, "codes": ["04"], "symmetric": True,
         "required": True, "evidence": ""},
        {"source": {"country": "ISR"}, "target": {"country": "RUS"}, "codes": ["11", "12"], "symmetric": False,
         "required": True, "evidence": ""}]},
    {"article": "b-s1", "events": []},
]


def _row(article, source, source_country, target, target_country, code):
    return {"article_id": article, "source_id": source.lower(), "source_name": source, "source_country": source_country,
            "target_id": target.lower(), "target_name": target, "target_country": target_country, "event_code": code}


ROWS = [
    _row("a-s1", "Iran", "IRN", "Hamas", "PSE", "040"),      # right
    _row("a-s1", "Hamas", "PSE", "Iran", "IRN", "042"),      # right: the gold event is symmetric
    _row("a-s1", "Israel", "ISR", "Russia", "RUS", "111"),   # right
    _row("a-s1", "Russia", "RUS", "Israel", "ISR", "111"),   # wrong: not symmetric
    _row("a-s1", "Israel", "ISR", "Russia", "RUS", "190"),   # wrong: the root is not in the gold's codes
    _row("b-s1", "Israel", "ISR", "Russia", "RUS", "111"),   # wrong: another article
    _row("c-s1", "Israel", "ISR", "Russia", "RUS", "111"),   # wrong: an article without gold
    _row("a-s1", "Israel", "ISR", "Israel", "ISR", "111"),   # not counted: one actor on both sides
]


def test_judge_counts_as_the_coded_score_does():
    verdicts = calibrate.judge(GOLD, ROWS)
    assert verdicts == [True, True, True, False, False, False, False, None]
    counted = [row for row, verdict in zip(ROWS, verdicts) if verdict is not None]
    scores = event_scores(GOLD, [row for row in counted if row["article_id"] != "c-s1"])["coded"]
    assert scores.precision == round(3 / 6, 3) and scores.correct == 3


def test_judge_agrees_with_the_score_on_the_plover_fixture():
    gold = read_cases(PLOVER)
    rows = [_row(case["article"], "Iran", "IRN", "Israel", "ISR", code)
            for case in gold[:80] for code in ("040", "111", "190")]
    verdicts = calibrate.judge(gold, rows)
    scores = event_scores(gold[:80], rows)["coded"]
    assert sum(bool(v) for v in verdicts) == scores.correct and len(verdicts) == scores.predicted


def test_articles_and_folds():
    assert calibrate.article_of("newsdev_007-s12") == "newsdev_007"
    articles = [f"newsdev_{i:03d}" for i in range(23)]
    fold_of = calibrate.folds(reversed(articles), 4, seed=0)
    assert fold_of == calibrate.folds(articles, 4, seed=0)
    sizes = [list(fold_of.values()).count(k) for k in range(4)]
    assert sorted(sizes) == [5, 6, 6, 6]
    assert fold_of != calibrate.folds(articles, 4, seed=1)


def test_losses():
    assert calibrate.losses([1.0, 0.0], [True, False]) == (0.001, 0.0)
    log, brier = calibrate.losses([0.8, 0.8, 0.8, 0.8, 0.8], [True, True, True, True, False])
    assert log == round(-(4 * math.log(0.8) + math.log(0.2)) / 5, 4) and brier == 0.16


# --- The shipped table --------------------------------------------------------------------------

def _values(key: str) -> dict[str, str]:
    """The features a table key fixes, the others unknown (so the estimate is that level's)."""
    values = {name: UNKNOWN for name in FEATURES}
    values.update(part.split("=", 1) for part in key.split("|"))
    return values


def test_the_shipped_table_loads_and_gives_confidences_within_0_and_1():
    table = ConfidenceTable.default()
    assert table.levels and table.counts, "kg/data/confidence.yaml holds no counts: run benchmarks/calibrate.py"
    assert 0 < table.prior < 1 and table.strength > 0
    for key, (events, right) in table.counts.items():
        assert 0 <= right <= events and events > 0, key
        assert 0 <= table.estimate(_values(key)) <= 1, key
    for unresolved in (False, True):
        for kinds in (None, ("state", "state"), ("state", "igo"), ("other", "other")):
            assert 0 < table.of("subject>object", "asserted", unresolved, actor_kinds=kinds) < 1


def _clearly_apart(a: tuple[int, int], b: tuple[int, int], z: float = 2.5) -> bool:
    """Whether two counts' rates differ clearly (a two-proportion z test)."""
    (n1, r1), (n2, r2) = a, b
    pooled = (r1 + r2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2)) if 0 < pooled < 1 else 0
    return spread > 0 and abs(r1 / n1 - r2 / n2) / spread > z


def test_the_shipped_table_orders_ways_as_its_data_does():
    """Where the data clearly says one way is more often right than another of the same coarser
    way (an unresolved actor against resolved ones, say), the table's confidences say so too."""
    table = ConfidenceTable.default()
    for level in table.levels:
        siblings: dict[str, list[str]] = {}
        for key in table.counts:
            parts = key.split("|")
            if [part.split("=")[0] for part in parts] == list(level):
                siblings.setdefault("|".join(parts[:-1]), []).append(key)
        for keys in siblings.values():
            for one in keys:
                for other in keys:
                    a, b = table.counts[one], table.counts[other]
                    if a[1] / a[0] > b[1] / b[0] and _clearly_apart(a, b):
                        assert table.estimate(_values(one)) > table.estimate(_values(other)), (one, other)
    resolved, unresolved = table.counts.get("resolved=yes"), table.counts.get("resolved=no")
    if resolved and unresolved and resolved[1] / resolved[0] > unresolved[1] / unresolved[0] \
            and _clearly_apart(resolved, unresolved):
        for kinds in (None, ("state", "state")):
            assert table.of("subject>object", "asserted", True, kinds) < table.of("subject>object", "asserted", False, kinds)


# --- benchmarks/calibrate.py ------------------------------------------------------------------

@pytest.fixture
def small_gold(tmp_path):
    """The first 40 PLOVER sentences as a gold file, and a copy of the shipped table to fit."""
    gold = tmp_path / "small.gold.jsonl"
    with open(PLOVER, encoding="utf-8") as handle:
        gold.write_text("".join(line for line, _ in zip(handle, range(40))), encoding="utf-8")
    table = tmp_path / "confidence.yaml"
    shutil.copy(SHIPPED, table)
    return gold, table


def test_calibrate_writes_a_deterministic_table_and_check_sees_a_stale_one(nlp, small_gold, capsys):
    gold, table = small_gold
    options = ["--gold", str(gold), "--table", str(table), "--out-of-sample", str(gold), "--folds", "3"]
    levels = ConfidenceTable.from_file(table).levels
    assert calibrate.main(options) == 0
    written = table.read_bytes()
    fitted = ConfidenceTable.from_file(table)
    assert fitted.levels == levels and fitted.counts and fitted.strength in calibrate.STRENGTHS
    out = capsys.readouterr().out
    assert "| [0.8, 1.0] |" in out and "kept at `--min-confidence 0.8`" in out and "Cross-validated" in out
    assert calibrate.main(options + ["--check"]) == 0
    assert calibrate.main(options) == 0 and table.read_bytes() == written  # same inputs, same bytes
    table.write_text(written.decode("utf-8").replace("counts:", "# edited by hand\ncounts:"), encoding="utf-8")
    assert calibrate.main(options + ["--check"]) == 1
    assert "stale" in capsys.readouterr().err
    # the fit reads no confidence of the table it replaces: a table of other counts fits the same
    table.write_text(ConfidenceTable(0.1, 2, levels, {"resolved=yes": (9, 1)}).to_yaml(), encoding="utf-8")
    assert calibrate.main(options) == 0 and table.read_bytes() == written


def test_calibrate_without_gold_exits_2(tmp_path, capsys):
    assert calibrate.main(["--gold", str(tmp_path / "absent.jsonl"), "--table", str(SHIPPED)]) == 2
    assert "absent.jsonl is missing" in capsys.readouterr().err
    textless = tmp_path / "textless.jsonl"
    textless.write_text(json.dumps({"article": "a", "events": []}) + "\n", encoding="utf-8")
    assert calibrate.main(["--gold", str(textless), "--table", str(SHIPPED)]) == 2
    assert "no case that carries its text" in capsys.readouterr().err


def test_calibrate_refuses_a_bad_table_or_folds(small_gold, capsys):
    gold, table = small_gold
    table.write_text("levels: [[resolved, mood]]\n", encoding="utf-8")
    assert calibrate.main(["--gold", str(gold), "--table", str(table)]) == 2
    assert "confidence.yaml" in capsys.readouterr().err
    assert calibrate.main(["--gold", str(gold), "--table", str(SHIPPED), "--folds", "1"]) == 2
    assert "--folds" in capsys.readouterr().err


@pytest.mark.skipif(not NEWS_DEV.is_file(), reason="needs ../shared/gold/news_dev (not in CI)")
def test_the_shipped_table_is_fitted_to_the_current_rules(nlp):
    """kg/data/confidence.yaml is what benchmarks/calibrate.py fits on news_dev with today's rules:
    after changing the extraction rules, run python benchmarks/calibrate.py."""
    assert calibrate.main(["--check"]) == 0
