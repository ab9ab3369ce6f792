"""Make ``docs/seed-graph.png``: the seed graph's page in headless Chromium, opened as the browser tests open it.

Run from anywhere, with kg and its test extra installed: ``python docs/screenshot.py``. It builds
the seed articles, draws ``graph.html`` into a temporary folder, waits until the layout stands
still, points at the Israel -> Russia dyad so that its evidence tooltip shows, and saves the PNG.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import kg  # noqa: E402
from kg.export import atomic_path  # noqa: E402
from kg.render import write_html  # noqa: E402
from test_html import LoadedPage, chromium  # noqa: E402

SCREENSHOT = ROOT / "docs" / "seed-graph.png"


def main() -> int:
    graph = kg.build([ROOT / "seeds"])
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        page = LoadedPage(browser, write_html(graph, Path(folder) / "graph.html", title="kg: the seed articles"))
        try:
            page.hover_edge("israel", "russia")
            with atomic_path(SCREENSHOT) as temporary:
                page.page.screenshot(path=temporary, type="png")
        finally:
            page.close()
    print(f"Wrote {SCREENSHOT} ({SCREENSHOT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
