#!/usr/bin/env python3
"""Screenshots of the pages a team looks at most, at 1280 and 320 CSS px (not a test).

Logs in as voorzitter.noord on a running dev server with the demo data (`python3 dev.py run`,
or `manage.py load_demo` + `runserver`), finds the pages by following the app's own links and
saves full-page PNGs to var/screenshots/:

    case-<width>.png          the case page (first case "in behandeling" of the team)
    werkvoorraad-<width>.png  the werkvoorraad
    advice-form-<width>.png   the advice form (the first such case whose advice can be drafted)
    socialmap-<width>.png     the social-map search with results (age 14)

    .venv/bin/python tools/screenshots.py [--base-url http://127.0.0.1:8000] [--team duinland-noord]

Uses Debian's Chromium (/usr/bin/chromium); no browser is downloaded. Only the given base URL
is contacted. A page it cannot find is reported and the script exits with code 1."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (1280, 320)
DEMO_PASSWORD = "Passend-demo-2026"


def log_in(page, base: str, username: str) -> None:
    page.goto(urljoin(base, "/inloggen/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click('button:has-text("Inloggen")')
    page.wait_for_load_state()
    if "/inloggen/" in page.url:
        sys.exit(f"Inloggen als {username} lukt niet op {base} (demodata geladen?)")


def case_urls(page, base: str, team: str) -> list[str]:
    page.goto(urljoin(base, f"/teams/{team}/casussen/?status=in_behandeling"))
    hrefs = page.eval_on_selector_all(
        "#casus-resultaten a[href*='/casussen/']", "els => els.map((a) => a.href)"
    )
    return [h for h in dict.fromkeys(hrefs) if h.rstrip("/").split("/")[-1].isdigit()]


def advice_form_url(page, cases: list[str]) -> str | None:
    for case in cases[:15]:
        page.goto(urljoin(case, "advies/"))
        link = page.locator("main a[href$='/advies/nieuw/'], main a[href$='/bewerken/']").first
        if link.count():
            return link.evaluate("(a) => a.href")
    return None


def shoot(page, url: str, name: str, out: Path) -> list[Path]:
    saved = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        path = out / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        note = f" (scrolls sideways by {overflow} px)" if overflow > 0 else ""
        print(f"{path}  {url}{note}")
        saved.append(path)
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--team", default="duinland-noord")
    parser.add_argument("--user", default="voorzitter.noord")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "screenshots")
    args = parser.parse_args()
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    base, team = args.base_url.rstrip("/") + "/", args.team
    missing = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(locale="nl-NL")
            page = context.new_page()
            log_in(page, base, args.user)
            cases = case_urls(page, base, team)
            pages = {
                "case": cases[0] if cases else None,
                "werkvoorraad": urljoin(base, f"/teams/{team}/werkvoorraad/"),
                "advice-form": advice_form_url(page, cases),
                "socialmap": urljoin(base, f"/teams/{team}/sociale-kaart/?leeftijd=14"),
            }
            for name, url in pages.items():
                if url is None:
                    missing.append(name)
                    continue
                shoot(page, url, name, args.out)
        finally:
            browser.close()
    if missing:
        print(f"Niet gevonden: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
