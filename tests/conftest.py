"""Shared fixtures: one spaCy pipeline and one seed build per test session (they are slow to make)."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

import kg
from kg.nlp import shared_pipeline
from helpers import SEEDS, SHARED


def pytest_configure(config):
    """A start-up cache of the session's own (kg.cache), shared with the kg commands tests run,
    so no test reads or fills the user's."""
    os.environ["KG_CACHE_DIR"] = config._kg_cache = tempfile.mkdtemp(prefix="kg-test-cache-")


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_kg_cache", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with kg's components (the one kg.build shares)."""
    return shared_pipeline()


@pytest.fixture(scope="session")
def seed_graph(nlp):
    """The knowledge graph of the two seed articles."""
    return kg.build([SEEDS], nlp=nlp)


@pytest.fixture(scope="session")
def seed_output(seed_graph, tmp_path_factory):
    """A folder holding every file ``kg build seeds`` writes."""
    outdir = tmp_path_factory.mktemp("seed-output")
    kg.save(seed_graph, outdir)
    return outdir


@pytest.fixture(scope="session")
def news_output(nlp, tmp_path_factory):
    """A folder holding a build of the 236 articles of ``../shared/eval/news`` (with its INDEX.tsv):
    a graph at corpus scale, for the views and notebooks. Read it only; copy it to change it."""
    news = SHARED / "eval" / "news"
    if not news.is_dir():  # copyrighted, so never in the repository: a clone elsewhere has none
        pytest.skip(f"{news} is absent")
    outdir = tmp_path_factory.mktemp("news-output")
    kg.save(kg.build([news], nlp=nlp, metadata=news / "INDEX.tsv"), outdir)
    return outdir


@pytest.fixture
def parse(nlp):
    """Parse one text as an article of a given date: ``parse(text, date=None) -> Doc``."""
    def run(text: str, date: str | None = None):
        doc = nlp.make_doc(text)
        doc._.date = date
        return nlp(doc)
    return run


@pytest.fixture
def copy_seeds(tmp_path):
    """A writable copy of the seed folder."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def parsed(monkeypatch):
    """The ids of the articles the NLP pipeline parses, in this process."""
    seen: list[str] = []
    parse = kg.engines.parse_articles

    def counting(nlp, articles, **options):
        for doc, article in parse(nlp, articles, **options):
            seen.append(article.id)
            yield doc, article

    monkeypatch.setattr(kg.engines, "parse_articles", counting)
    return seen
