"""A role's walk through Passend in Debian's Chromium: every same-origin page reachable by
links from the landing page, one URL per route and query shape, each checked with axe-core
(WCAG 2.1 A/AA) and for reflow (no horizontal page scroll at 640 and 320 CSS px, i.e. 1280 px
at 200 % and 400 % zoom).

Playwright's async API, so that a test can walk two roles at once in one browser (two
contexts: both cores busy). Django settings are needed only to resolve URLs to their route."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urldefrag, urlsplit

from django.urls import Resolver404, resolve

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = Path(__file__).with_name("vendor") / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
# 1280 CSS px at 200 % zoom is 640 px wide, at 400 % zoom 320 px (WCAG 1.4.10).
REFLOW_WIDTHS = (640, 320)

# Not pages of the app, or not reached by a GET that only reads: the API (JSON, its own
# tests), the technical admin (platform staff, Django's templates), the logout and language
# switch (POST forms; a link would end the walk).
EXCLUDED_PREFIXES = ("/api/", "/django-admin/", "/uitloggen/", "/i18n/", "/static/")
DOWNLOAD = re.compile(r"\.(pdf|csv|xlsx|zip)$", re.IGNORECASE)
# The routes whose page differs most with the state of the case it names: visited once per
# case state instead of once per route.
PER_CASE_STATE = frozenset({"cases:detail"})

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " | " + n.failureSummary
      .replace(/\\s+/g, " ").slice(0, 200)),
    count: v.nodes.length,
  }));
}"""

# The page scrolls horizontally when the root is wider than its box. For the report: the
# elements that stick out and are not clipped by a scrolling box they belong to (a table in
# its wrapper is fine; an absolutely positioned span whose containing block lies outside the
# wrapper is not), where the overflow starts.
_REFLOW = """() => {
  const root = document.documentElement;
  const limit = root.clientWidth + 0.5;
  if (root.scrollWidth <= root.clientWidth) return null;
  const clipped = (el) => {
    let position = getComputedStyle(el).position;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (position === "fixed") return false;
      const style = getComputedStyle(a);
      if (position === "absolute" && style.position === "static") continue;
      if (style.overflowX !== "visible") return true;
      if (position === "absolute") position = style.position === "absolute" ? "absolute" : "flow";
    }
    return false;
  };
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    for (const c of el.classList) name += "." + c;
    const text = (el.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 40);
    return `${name} (right ${Math.round(el.getBoundingClientRect().right)})` +
      (text ? ` "${text}"` : "");
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.getBoundingClientRect().right <= limit || clipped(el)) continue;
    const parent = el.parentElement;
    const escapes = ["absolute", "fixed"].includes(getComputedStyle(el).position);
    if (escapes || parent.getBoundingClientRect().right <= limit || clipped(parent)) {
      culprits.push(describe(el));
      if (culprits.length >= 4) break;
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits};
}"""

# The GET forms of a page (search, filters) submitted with what they hold by default.
_GET_FORMS = """(forms) => forms
  .filter((f) => (f.getAttribute("method") || "get").toLowerCase() === "get")
  .map((f) => {
    const url = new URL(f.action || location.href);
    url.search = new URLSearchParams(new FormData(f)).toString();
    return url.href;
  })"""


@dataclass
class Problem:
    actor: str
    url: str
    kind: str  # "axe", "reflow", "http", "script"
    detail: str

    def __str__(self) -> str:
        return f"[{self.actor}] {self.url}\n    {self.kind}: {self.detail}"


@dataclass
class Walk:
    actor: str
    visited: list[str] = field(default_factory=list)
    downloads: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time per step, for the report

    @contextmanager
    def timed(self, step: str):
        started = time.monotonic()
        try:
            yield
        finally:
            self.seconds[step] = self.seconds.get(step, 0.0) + time.monotonic() - started

    def fail(self, url: str, kind: str, detail: str) -> None:
        self.problems.append(Problem(self.actor, url, kind, detail))


def axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


def page_path(url: str, origin: str) -> str | None:
    """The same-origin path with query (no fragment) of a link, or None when the walk leaves
    it alone (other origin, excluded prefix, download by its name)."""
    url, _fragment = urldefrag(url)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if parts.path.startswith(EXCLUDED_PREFIXES) or DOWNLOAD.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def route_shape(path: str, case_state: Callable[[int], str] | None = None) -> str:
    """One key per resolver route and set of query parameters: ids, slugs and values are
    replaced, so /teams/a/casussen/7/ and /teams/a/casussen/9/ are the same page."""
    parts = urlsplit(path)
    keys = sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)})
    try:
        match = resolve(parts.path)
    except Resolver404:
        return f"unresolved:{parts.path}"
    shape = f"{match.view_name}:{match.route}?{'&'.join(keys)}"
    if case_state and match.view_name in PER_CASE_STATE and "pk" in match.kwargs:
        shape += f"#{case_state(match.kwargs['pk'])}"
    return shape


async def _links(page, origin: str) -> list[str]:
    hrefs = await page.eval_on_selector_all(
        "a[href]:not([download])", "els => els.map((a) => a.href)"
    )
    hrefs += await page.eval_on_selector_all("form", _GET_FORMS)
    return [path for href in hrefs if (path := page_path(href, origin)) is not None]


def _report_axe(walk: Walk, url: str, violations: list[dict], width: int) -> None:
    for violation in violations:
        nodes = "\n      ".join(violation["nodes"])
        walk.fail(
            url,
            "axe",
            f"{violation['id']} at {width} px ({violation['impact']}, {violation['count']}×): "
            f"{violation['help']}\n      {nodes}",
        )


async def check_page(page, walk: Walk, url: str, axe: str) -> None:
    """axe (WCAG 2.1 A/AA) at 1280 px, then the reflow check at each narrow width; back to
    1280 px after."""
    with walk.timed("axe"):
        await page.evaluate(axe)
        _report_axe(walk, url, await page.evaluate(_AXE_RUN, AXE_TAGS), DESKTOP["width"])
    for width in REFLOW_WIDTHS:
        with walk.timed("reflow"):
            await page.set_viewport_size({"width": width, "height": DESKTOP["height"]})
            overflow = await page.evaluate(_REFLOW)
        if overflow:
            walk.fail(
                url,
                "reflow",
                f"at {width} px the page scrolls sideways (scrollWidth "
                f"{overflow['scrollWidth']} > {overflow['clientWidth']}); sticking out: "
                + "; ".join(overflow["culprits"]),
            )
    await page.set_viewport_size(DESKTOP)


async def crawl(
    context,
    origin: str,
    actor: str,
    *,
    start: list[str] | tuple[str, ...] = ("/",),
    case_state: Callable[[int], str] | None = None,
    limit: int = 400,
    server_lock: asyncio.Lock | None = None,
) -> Walk:
    """Breadth-first from `start`, GET only, one page per route shape. Walks that share a
    `server_lock` load their pages one at a time (the test database, SQLite in memory with a
    shared cache, answers "table is locked" to two concurrent writers of the access log);
    their checks still run side by side."""
    walk = Walk(actor)
    axe = axe_source()
    page = await context.new_page()
    await page.set_viewport_size(DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    seen: set[str] = set()
    queue: list[str] = []

    def offer(path: str) -> None:
        shape = route_shape(path, case_state)
        if shape not in seen:
            seen.add(shape)
            queue.append(path)

    for path in start:
        offer(path)
    while queue and len(walk.visited) < limit:
        path = queue.pop(0)
        errors.clear()
        try:
            async with server_lock or nullcontext():
                with walk.timed("load"):
                    response = await page.goto(origin + path, wait_until="load")
        except Exception as error:  # a download starts instead of a page
            if "Download is starting" in str(error):
                walk.downloads.add(path)
                continue
            raise
        final = page_path(page.url, origin) or page.url
        walk.visited.append(final if final == path else f"{path} -> {final}")
        seen.add(route_shape(final, case_state))  # a redirect's target counts as visited
        content_type = response.headers.get("content-type", "") if response else ""
        if response is not None and response.status >= 400:
            walk.fail(path, "http", f"status {response.status}")
        if not content_type.startswith("text/html"):
            walk.downloads.add(path)
            continue
        await check_page(page, walk, final, axe)
        for error in errors:
            walk.fail(path, "script", error)
        for link in await _links(page, origin):
            offer(link)
    if queue:
        walk.fail(start[0], "crawl", f"stopped after {limit} pages, {len(queue)} left")
    await page.close()
    return walk
