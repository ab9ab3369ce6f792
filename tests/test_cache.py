"""The start-up cache (kg.cache): kg starts from it, never from a stale or damaged entry, and
works without it; ``kg --help`` and option errors load nothing heavy."""

from __future__ import annotations

import os
import pickle
import random
import subprocess
import sys
import textwrap

import pytest

from kg import cache
from kg.cache import cached, extraction_digest
from kg.nlp import load_pipeline
from kg.options import available_cores


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def test_an_entry_is_built_once_and_then_read(cache_dir):
    builds = []
    for _ in range(2):
        assert cached("example", ["v1"], lambda: builds.append(1) or {"Iran": "IRN"}) == {"Iran": "IRN"}
    assert builds == [1]
    assert cached("example", ["v2"], lambda: "another key") == "another key"
    assert len(list(cache_dir.glob("example-*.pickle"))) == 2


def test_a_damaged_entry_is_built_again(cache_dir):
    cached("example", ["v1"], lambda: [1, 2, 3])
    (entry,) = cache_dir.glob("example-*.pickle")
    entry.write_bytes(entry.read_bytes()[:5])  # truncated, as a killed writer on another system might leave it
    assert cached("example", ["v1"], lambda: [4, 5]) == [4, 5]
    assert pickle.loads(entry.read_bytes()) == [4, 5]


def test_kg_works_without_a_writable_cache_folder(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocked / "cache"))
    assert cached("example", ["v1"], lambda: "built") == "built"
    assert cached("example", ["v1"], lambda: "built again") == "built again"


def test_two_processes_filling_one_entry_at_once_both_get_it_whole(cache_dir):
    script = textwrap.dedent("""
        import sys, time
        from kg.cache import cached
        value = cached("race", ["v1"], lambda: time.sleep(0.5) or list(range(200_000)))
        print(value == list(range(200_000)))
    """)
    runs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, cache.CACHE_ENV: str(cache_dir)}) for _ in range(2)]
    assert [run.communicate(timeout=120)[0].strip() for run in runs] == ["True", "True"]
    assert [path.name for path in cache_dir.iterdir() if not path.name.startswith("race-")] == []  # no temporary left
    (entry,) = cache_dir.glob("race-*.pickle")
    assert pickle.loads(entry.read_bytes()) == list(range(200_000))


def test_the_key_follows_kg_data_files(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "PACKAGE_DIR", tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "actors.yaml").write_text("- id: zorbania\n", encoding="utf-8")
    cache.extraction_digest.cache_clear()
    try:
        before = extraction_digest()
        (tmp_path / "data" / "actors.yaml").write_text("- id: zorbistan\n", encoding="utf-8")
        cache.extraction_digest.cache_clear()
        assert extraction_digest() != before
    finally:
        cache.extraction_digest.cache_clear()


SENTENCES = ["Iran condemned Israel on Monday.", "Russian President Vladimir Putin met Turkish President "
             "Recep Tayyip Erdogan in Sochi.", "The U.S.-led coalition struck Islamic State positions in Syria.",
             "Saudi Arabia and the United Arab Emirates cut ties with Qatar."]


def events_of(nlp) -> list[tuple]:
    return [(e.source.node.id, e.code, e.target.node.id, e.sentence_start)
            for doc in nlp.pipe(SENTENCES) for e in doc._.events]


def test_a_pipeline_from_the_cache_reads_what_a_fresh_one_reads(cache_dir):
    fresh = load_pipeline()  # fills the empty cache (the dictionaries may be loaded in this process already)
    assert "ruler" in {path.name.split("-")[0] for path in cache_dir.iterdir()}
    warm = load_pipeline()
    assert events_of(warm) == events_of(fresh) != []
    assert [[(ent.text, ent.label_) for ent in doc.ents] for doc in warm.pipe(SENTENCES)] == \
           [[(ent.text, ent.label_) for ent in doc.ents] for doc in fresh.pipe(SENTENCES)]


def test_an_edited_actor_file_is_read_again(cache_dir, tmp_path):
    actors = tmp_path / "more.actors.yaml"
    text = "Zorbania condemned Israel."
    actors.write_text("- id: zorbania\n  name: Zorbania\n  kind: state\n  country: ZZZ\n", encoding="utf-8")
    first = load_pipeline(actor_files=[actors])
    assert [e.source.node.id for e in first(text)._.events] == ["zorbania"]
    actors.write_text("- id: zorbania\n  name: Zorbania\n  kind: state\n  country: ZZZ\n  aliases: [Zorbistan]\n",
                      encoding="utf-8")
    second = load_pipeline(actor_files=[actors])
    assert [e.source.node.id for e in second("Zorbistan condemned Israel.")._.events] == ["zorbania"]


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["build", "in", "-o", "out", "--jobs", "0"],
                                  ["render", "out", "--start", "2022-13"]])
def test_help_and_option_errors_load_nothing_heavy(argv):
    script = textwrap.dedent(f"""
        import sys
        from kg.cli import main
        try:
            main({argv!r})
        except SystemExit:
            pass
        print(sorted(name for name in ("spacy", "pandas", "networkx", "numpy") if name in sys.modules))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_jobs_auto_is_one_worker_per_core():
    from kg.cli import _parser

    assert _parser().parse_args(["build", "in", "-o", "out", "--jobs", "auto"]).jobs == available_cores()


def test_old_entries_of_a_kind_are_pruned(cache_dir):
    for version in range(cache.KEEP_PER_KIND + 3):
        cached("example", [version], lambda: version)
    assert len(list(cache_dir.glob("example-*.pickle"))) == cache.KEEP_PER_KIND
    assert cached("example", [cache.KEEP_PER_KIND + 2], lambda: "built again") == cache.KEEP_PER_KIND + 2  # the newest stays


def test_submodules_load_on_first_use_after_a_bare_import():
    script = "import kg, sys; print(kg.events.dates.period('1981')[1], 'spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split()[0] == "1981-12-31"


def test_packed_containers_after_a_pickle_behave_as_the_dict_and_list_they_were():
    rng = random.Random(7)
    plain = {f"name {number}": [number] for number in range(5000)}
    packed_names = pickle.loads(pickle.dumps(cache.packed(dict(plain))))
    for _ in range(3000):
        key = f"name {rng.randrange(6000)}"
        action = rng.choice(["get", "in", "set", "del", "setdefault"])
        if action == "get":
            assert packed_names.get(key) == plain.get(key)
        elif action == "in":
            assert (key in packed_names) == (key in plain)
        elif action == "set":
            packed_names[key] = plain[key] = [rng.random()]
        elif action == "del" and key in plain:
            del packed_names[key], plain[key]
        elif action == "setdefault":
            assert packed_names.setdefault(key, []) == plain.setdefault(key, [])
    assert packed_names == plain and len(packed_names) == len(plain)
    # Iteration does not depend on which keys were used first.
    first, second = (pickle.loads(pickle.dumps(packed_names)) for _ in range(2))
    first.get("name 1"), second.get("name 4999")
    assert list(first) == list(second) == list(pickle.loads(pickle.dumps(packed_names)))

    items = pickle.loads(pickle.dumps(cache.packed(list(range(1000)))))
    items.append(1000)
    assert (items[-1], items[999], items[130], items[5:8], len(items)) == (1000, 999, 130, [5, 6, 7], 1001)
    assert list(pickle.loads(pickle.dumps(items))) == list(range(1001))


def test_the_dictionary_from_the_cache_resolves_as_the_one_built_from_its_files(cache_dir):
    from kg.actors.dictionary import ActorDictionary, _packaged_files

    fresh = ActorDictionary.from_files(_packaged_files())
    warm = pickle.loads(pickle.dumps(fresh))
    assert type(warm.names) is cache.PackedDict and type(fresh.names) is dict
    names = sorted(fresh.names)
    sample = random.Random(3).sample(names, 3000) + ["Putin", "the Kremlin", "Hamas", "Zorbania"]
    for date in (None, "2015-06-01"):
        assert [repr(warm.resolve(name, date)) for name in sample] == [repr(fresh.resolve(name, date)) for name in sample]
    assert warm.names_for(["russia", "iran"], ["vladimir putin"]) == fresh.names_for(["russia", "iran"], ["vladimir putin"])
