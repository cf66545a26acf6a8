"""Arabic pages against the same pages in English: page weight and load time.

The map (with its incidents, zones, basemap and timeline loaded), the incident
table and the seed incident's page, each opened 7 times per language in a fresh
Chromium context (cold cache), English and Arabic alternately, against Django's
threaded server on a throwaway database with the demo data (the real seed
incident, gazetteer and control zones). Weight: bytes transferred for the
document and every resource it loads (Resource Timing's transferSize). Time: from
navigation start until the page is ready (the end of the load event; on the map,
its data drawn, polled every 50 ms). Target: Arabic within 5% of English, weight
and median time.

Usage: .venv/bin/python benchmarks/bench_i18n.py  (BENCH_BACKEND=postgis for PostGIS).
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_map_scale import serve
from benchmarks.harness import report, setup_django, target
from tests.browser.polling import wait_for_js

RUNS = 7
SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"
PAGES = {
    "map": "/{lang}/?map=12/35.3300/40.1500&date=2017-10-23",
    "table": "/{lang}/incidents/",
    "incident": f"/{{lang}}/incidents/{SEED}/",
}
# On the map, ready means its data is drawn too (same signals as the browser tests).
MAP_READY = (
    "() => document.getElementById('map').dataset.incidentsLoading === '' "
    "&& !!document.getElementById('map').dataset.zonesDate "
    "&& !document.querySelector('.timeline').dataset.loading"
)
LOADED = "() => performance.getEntriesByType('navigation')[0].loadEventEnd"
WEIGHT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
}"""


def open_page(browser, base: str, path: str, ready: str | None) -> tuple[int, float]:
    """(bytes transferred, seconds to ready) for one cold visit."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        if ready:
            wait_for_js(page, ready, timeout=60_000)
            seconds = page.evaluate("() => performance.now()") / 1000
        else:
            seconds = page.evaluate(LOADED) / 1000
        # Resources still arriving after ready (none expected) are counted too.
        page.wait_for_load_state("networkidle")
        return page.evaluate(WEIGHT), seconds
    finally:
        context.close()


def main() -> None:
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    kind = setup_django("i18n")
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    call_command("load_demo", verbosity=0)
    base = serve()
    print(f"backend: {kind}; {RUNS} cold visits per page and language")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu"],
        )
        try:
            for name, path in PAGES.items():
                ready = MAP_READY if name == "map" else None
                open_page(browser, base, path.format(lang="en"), ready)  # warm the server
                # English and Arabic visits alternate, so load from other processes on
                # the machine falls on both alike.
                visits = {"en": [], "ar": []}
                for _ in range(RUNS):
                    for lang in visits:
                        visits[lang].append(open_page(browser, base, path.format(lang=lang), ready))
                figures = {}
                for lang, measured in visits.items():
                    figures[lang] = (
                        statistics.median(v[0] for v in measured),
                        statistics.median(v[1] for v in measured),
                    )
                    weight, seconds = figures[lang]
                    report(f"{name} ({lang})", f"{weight / 1024:,.1f} KiB, {seconds * 1000:.0f} ms")
                weight_ratio = figures["ar"][0] / figures["en"][0]
                time_ratio = figures["ar"][1] / figures["en"][1]
                report(
                    f"{name}: Arabic / English",
                    f"weight {weight_ratio:.3f}, time {time_ratio:.3f}",
                )
                target(f"{name}: Arabic within 5% of English (weight)", weight_ratio <= 1.05)
                target(f"{name}: Arabic within 5% of English (time)", time_ratio <= 1.05)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
