"""Scale: the SQLite store (incremental builds), worker processes, the Dask engine and the CLI options."""

from __future__ import annotations

import filecmp
import sqlite3

import pytest

import kg
import kg.engines
from kg.cli import EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main
from kg.store import STORE_NAME, Store, StoreLocked
from helpers import SEEDS

TABLES = ["events.csv", "actors.csv", "articles.csv", "graph.graphml"]
GENERATED = {
    "gen_a": "date 2024-02-01\nRussia condemned Israel on Monday. Iran met Hamas in Moscow.",
    "gen_b": "date 2023-05-10\nTurkish President Recep Tayyip Erdogan urged Israel to stop the strikes. "
             "The United Nations criticised Hamas.",
    "gen_c": "date 2022-03-02\nRussian forces shelled Mariupol. Ukraine asked NATO for weapons.",
}


@pytest.fixture
def corpus(copy_seeds):
    """The seed articles and a few generated ones in a writable folder."""
    for name, text in GENERATED.items():
        (copy_seeds / f"{name}.txt").write_text(text, encoding="utf-8")
    return copy_seeds


def saved(graph, folder):
    kg.save(graph, folder, html=False)
    return folder


def same_files(left, right) -> bool:
    return all(filecmp.cmp(left / name, right / name, shallow=False) for name in TABLES)


def test_incremental_build_parses_only_new_articles_and_equals_a_cold_build(corpus, nlp, parsed, tmp_path):
    store = tmp_path / "out" / STORE_NAME
    kg.build([corpus], nlp=nlp, store=store)
    assert len(parsed) == 5
    (corpus / "gen_d.txt").write_text("date 2024-03-03\nChina hosted talks with Iran.", encoding="utf-8")
    (corpus / "gen_a.txt").write_text(GENERATED["gen_a"].replace("condemned", "praised"), encoding="utf-8")
    parsed.clear()
    incremental = saved(kg.build([corpus], nlp=nlp, store=store), tmp_path / "incremental")
    assert sorted(parsed) == ["gen_a", "gen_d"]
    cold = saved(kg.build([corpus], nlp=nlp), tmp_path / "cold")
    assert same_files(incremental, cold)
    assert "praised" in (incremental / "events.csv").read_text(encoding="utf-8")


def test_removed_articles_drop_out_of_the_result_and_the_store(corpus, nlp, tmp_path):
    store = tmp_path / "out" / STORE_NAME
    kg.build([corpus], nlp=nlp, store=store)
    (corpus / "gen_b.txt").unlink()
    graph = kg.build([corpus], nlp=nlp, store=store)
    assert "gen_b" not in set(graph.articles["article_id"]) | set(graph.events["article_id"])
    with sqlite3.connect(store) as connection:
        stored = {row[0] for row in connection.execute("SELECT article_id FROM articles")}
        orphans = connection.execute("SELECT count(*) FROM events WHERE hash NOT IN (SELECT hash FROM articles)")
        assert stored == set(graph.articles["article_id"]) and orphans.fetchone()[0] == 0


def test_a_change_of_settings_parses_everything_again(corpus, nlp, parsed, tmp_path):
    store = tmp_path / "out" / STORE_NAME
    kg.build([corpus], nlp=nlp, store=store)
    parsed.clear()
    strict = kg.build([corpus], nlp=nlp, store=store, min_confidence=0.85)
    assert len(parsed) == 5 and (strict.events["confidence"] >= 0.85).all()


def test_an_interrupted_build_leaves_a_store_the_next_build_completes(corpus, nlp, parsed, tmp_path, monkeypatch):
    monkeypatch.setattr(kg.builder, "STORE_BATCH", 1)
    store = tmp_path / "out" / STORE_NAME
    articles = list(kg.ingest.read_articles([corpus]))
    extracted = []
    article_result = kg.engines.article_result

    def interrupted_after_three(*args, **options):
        if len(extracted) == 3:
            raise KeyboardInterrupt
        extracted.append(article_result(*args, **options))
        return extracted[-1]
    monkeypatch.setattr(kg.engines, "article_result", interrupted_after_three)
    with pytest.raises(KeyboardInterrupt):
        kg.builder.build_articles(articles, nlp=nlp, store=store)
    monkeypatch.setattr(kg.engines, "article_result", article_result)
    parsed.clear()
    resumed = saved(kg.builder.build_articles(articles, nlp=nlp, store=store), tmp_path / "resumed")
    assert len(parsed) == 2
    assert same_files(resumed, saved(kg.builder.build_articles(articles, nlp=nlp), tmp_path / "cold"))


def test_worker_processes_give_the_same_tables_as_one(seed_graph, nlp, tmp_path):
    two = kg.build([SEEDS], nlp=nlp, jobs=2)
    assert same_files(saved(two, tmp_path / "two"), saved(seed_graph, tmp_path / "one"))


def test_dask_cluster_of_two_workers_gives_the_same_tables(corpus, nlp, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster:
        on_dask = kg.build([corpus], engine="dask", scheduler=cluster.scheduler_address)
    local = kg.build([corpus], nlp=nlp)
    assert len(on_dask.events) > 0
    assert same_files(saved(on_dask, tmp_path / "dask"), saved(local, tmp_path / "local"))


def test_a_second_build_into_a_locked_folder_is_refused(copy_seeds, tmp_path, capsys):
    with Store(tmp_path / "out" / STORE_NAME) as first:
        first.put({})
        with pytest.raises(StoreLocked):
            Store(tmp_path / "out" / STORE_NAME).put({})
        assert main(["build", str(copy_seeds), "-o", str(tmp_path / "out")]) == EXIT_OUTPUT
    assert "another kg build is writing to" in capsys.readouterr().err
    assert main(["build", str(copy_seeds), "-o", str(tmp_path / "out")]) == EXIT_OK


def test_cli_reuses_the_store_unless_told_to_rebuild(copy_seeds, parsed, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(copy_seeds), "-o", str(out), "--no-html"]) == EXIT_OK
    assert (out / STORE_NAME).is_file() and len(parsed) == 2
    assert main(["build", str(copy_seeds), "-o", str(out), "--no-html"]) == EXIT_OK
    assert len(parsed) == 2
    assert main(["build", str(copy_seeds), "-o", str(out), "--no-html", "--rebuild"]) == EXIT_OK
    assert len(parsed) == 4
    assert "\r" not in capsys.readouterr().err  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize("options", [["--jobs", "0"], ["--engine", "spark"], ["--scheduler", "tcp://localhost:1"]])
def test_bad_scale_options_exit_2(copy_seeds, tmp_path, options):
    try:
        code = main(["build", str(copy_seeds), "-o", str(tmp_path / "out"), *options])
    except SystemExit as error:  # argparse's own refusal
        code = error.code
    assert code == EXIT_USAGE and not (tmp_path / "out").exists()
