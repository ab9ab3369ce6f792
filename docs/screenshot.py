"""Make the README's screenshots: pages in headless Chromium, opened as the browser tests open them.

Run from anywhere, with kg and its test extra installed: ``python docs/screenshot.py [--build DIR]``.

- ``docs/seed-graph.png``: the seed graph's page, pointing at the Israel -> Russia dyad so that its
  evidence tooltip shows;
- ``docs/news-default.png``: the page of the news corpus (``../shared/eval/news``) as it opens: the
  top actors by rank, no actors of kind ``other``;
- ``docs/news-focus-russia.png``: the same page searched for "Russia" with conflict events only
  (QuadClasses 3 and 4) from 2022: the view ``kg render --focus Russia --quad-class 3 4 --start 2022``
  gives.

``--build DIR`` takes an existing build of the corpus (``kg build ../shared/eval/news -o DIR``)
instead of building it (about a minute).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import kg  # noqa: E402
from kg.readwrite.files import atomic_path  # noqa: E402
from kg.render import write_html  # noqa: E402
from helpers import SHARED  # noqa: E402
from test_html import LoadedPage, chromium, set_filters  # noqa: E402

DOCS = ROOT / "docs"


def save(page: LoadedPage, name: str) -> None:
    target = DOCS / name
    with atomic_path(target) as temporary:
        page.page.screenshot(path=temporary, type="png")
    print(f"Wrote {target} ({target.stat().st_size // 1024} KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="an existing build of ../shared/eval/news")
    options = parser.parse_args(argv)
    seeds = kg.build([ROOT / "seeds"])
    news_dir = SHARED / "eval" / "news"
    news = kg.load(options.build) if options.build else kg.build([news_dir], metadata=news_dir / "INDEX.tsv")
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        page = LoadedPage(browser, write_html(seeds, Path(folder) / "seeds.html", title="kg: the seed articles"))
        try:
            page.hover_edge("israel", "russia")
            save(page, "seed-graph.png")
        finally:
            page.close()
        page = LoadedPage(browser, write_html(news, Path(folder) / "news.html", title="kg: 236 news articles"))
        try:
            save(page, "news-default.png")
            set_filters(page, kinds=[kind for kind in ("state", "igo", "armed_group", "party", "bloc", "person")],
                        quads=[3, 4], start="2022-01-01")
            page.page.fill("#actor", "Russia")
            page.page.press("#actor", "Enter")
            page.page.mouse.move(5, 5)
            save(page, "news-focus-russia.png")
        finally:
            page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
