"""axe-core finds no WCAG 2.2 A/AA violations on any page type, in light and dark colour schemes.

Every page type of the site (home, reports, providers, themes, recurring, good practice,
downloads, about) is loaded at desktop size in a browser context whose ``prefers-color-scheme``
is light or dark, so Material shows its ``default`` or ``slate`` palette. The search page is also
checked: empty, with results, with nothing found, and with a result link or the header's search
box focused from the keyboard. axe-core (bundled with ``axe-playwright-python``) runs
only the rules tagged WCAG 2.0/2.1/2.2 level A and AA; a failure lists each rule broken with the
elements that break it, so it says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect

from tests.browser.conftest import TIMEOUT_MS
from tests.conftest import BuiltSite

Scheme = Literal["light", "dark"]
SCHEMES: list[Scheme] = ["light", "dark"]
# The palette Material picks for each ``prefers-color-scheme`` (``theme.palette``, mkdocs.yml).
MATERIAL_SCHEME: dict[Scheme, str] = {"light": "default", "dark": "slate"}
DESKTOP = ViewportSize(width=1280, height=900)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
# How many offending elements the failure message shows per rule, and how much of each.
SHOWN_NODES = 3
SNIPPET_CHARS = 200

# Stands for "one theme page": which themes exist depends on the reports, so the test picks the
# first one the built site has (see ``_theme_path``).
ANY_THEME = "/themes/<first theme>/"
PAGES: dict[str, str] = {
    "home": "/",
    "report-peterborough": "/reports/peterborough-2016/",
    "report-staffordshire": "/reports/staffordshire-2016/",
    "provider": "/providers/leicester-city-ccg/",
    "providers-index": "/providers/",
    "theme": ANY_THEME,
    "themes-index": "/themes/",
    "themes-unclassified": "/themes/unclassified/",
    "recurring": "/recurring/",
    "good-practice": "/good-practice/",
    "downloads": "/downloads/",
    "about": "/about/",
    "glossary": "/glossary/",
}
# Something every seed report mentions, so the search page has results to show.
SEARCH_QUERY = "safeguarding"
# A report's name and a number: the first result is a report with links to its items.
ITEM_QUERY = "Peterborough 1.3"


@dataclass(frozen=True)
class SearchState:
    """The search page opened at ``path``, then ``focus`` (a CSS selector) focused by Tab."""

    description: str
    path: str
    focus: str | None = None


SEARCH_STATES: dict[str, SearchState] = {
    "search-empty": SearchState("empty", "/search/"),
    "search-results": SearchState(
        f"showing results for {SEARCH_QUERY!r}", f"/search/?q={SEARCH_QUERY}"
    ),
    "search-nothing": SearchState("finding nothing", "/search/?q=zzzzqqqq"),
    "search-result-focused": SearchState(
        f"showing results for {ITEM_QUERY!r}, a finding's or recommendation's link focused "
        "with Tab",
        f"/search/?q={ITEM_QUERY}",
        focus="a.clas-search-result__item",
    ),
    "header-search-focused": SearchState(
        "the header's search box focused with Tab", "/search/", focus="#clas-header-search"
    ),
}
MAX_TAB_PRESSES = 40
FOCUSED_MATCHES_JS = (
    "selector => document.activeElement !== null && document.activeElement.matches(selector)"
)

# Resolves once no CSS transition or finite animation is still running, so colours are measured
# as they settle, not half-way through Material's fades.
SETTLED_JS = """
() => document.getAnimations().every(
  animation => animation.playState !== "running"
    || animation.effect === null
    || animation.effect.getComputedTiming().iterations === Infinity
)
"""
# The search page's status once it is ready or a search has finished.
SEARCH_SETTLED = re.compile(r"^(Type words to search for\.|.* found for “.*”\.)$")

OpenPage = Callable[[Scheme], Page]


@pytest.fixture
def open_page(browser: Browser, site_url: str) -> Iterator[OpenPage]:
    """Factory: ``open_page(scheme)`` opens a desktop-sized tab preferring that colour scheme."""
    contexts: list[BrowserContext] = []

    def open_one(scheme: Scheme) -> Page:
        context = browser.new_context(
            viewport=DESKTOP,
            color_scheme=scheme,
            base_url=site_url,
            service_workers="block",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_one
    for context in contexts:
        context.close()


def _theme_path(built_site: BuiltSite) -> str:
    """URL path of the first theme page of the built site (not the index, not "unclassified")."""
    themes = sorted(
        folder.name
        for folder in (built_site.site / "themes").iterdir()
        if folder.name != "unclassified" and (folder / "index.html").is_file()
    )
    assert themes, f"the built site has no theme pages under {built_site.site / 'themes'}"
    return f"/themes/{themes[0]}/"


def _load(page: Page, path: str, scheme: Scheme) -> None:
    """Open ``path`` and wait until Material has applied the scheme's palette and settled."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.ok, f"{path} answered HTTP {response.status}"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEME[scheme])
    page.wait_for_function(SETTLED_JS)


def _open_search(page: Page, state: SearchState, scheme: Scheme) -> None:
    """Open the search page in ``state`` and wait for its search to finish."""
    _load(page, state.path, scheme)
    expect(page.locator("#clas-search-status")).to_have_text(SEARCH_SETTLED)
    if state.focus is not None:
        for _press in range(MAX_TAB_PRESSES):
            page.keyboard.press("Tab")
            if page.evaluate(FOCUSED_MATCHES_JS, state.focus):
                break
        else:
            pytest.fail(
                f"{MAX_TAB_PRESSES} presses of Tab on {state.path} never focused {state.focus}",
                pytrace=False,
            )
    page.wait_for_function(SETTLED_JS)


def _target(node: dict[str, Any]) -> str:
    """axe's selector for an element (a list of selectors when it sits in a shadow DOM/iframe)."""
    parts: list[Any] = node["target"]
    return " >>> ".join(part if isinstance(part, str) else " ".join(part) for part in parts)


def _one_line(text: str, limit: int = SNIPPET_CHARS) -> str:
    """``text`` with its whitespace collapsed, cut to ``limit`` characters."""
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _describe(violations: list[dict[str, Any]], where: str) -> str:
    """A failure message: every rule broken, with its first few elements and why they fail."""
    lines = [f"axe-core found {len(violations)} WCAG A/AA violation(s) on {where}:"]
    for violation in violations:
        nodes: list[dict[str, Any]] = violation["nodes"]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(nodes)} element(s)] {violation['helpUrl']}"
        )
        for node in nodes[:SHOWN_NODES]:
            lines.append(f"    {_target(node)}")
            lines.append(f"      html: {_one_line(node['html'])}")
            checks: list[dict[str, Any]] = node["any"] + node["all"] + node["none"]
            for check in checks[:2]:
                lines.append(f"      why:  {_one_line(check['message'])}")
        if len(nodes) > SHOWN_NODES:
            lines.append(f"    … and {len(nodes) - SHOWN_NODES} more element(s)")
    return "\n".join(lines)


def _assert_no_violations(page: Page, where: str) -> None:
    """Run axe-core's WCAG 2.0/2.1/2.2 A and AA rules on ``page``; fail listing what broke."""
    results: dict[str, Any] = Axe().run(page, options=AXE_OPTIONS).response
    violations: list[dict[str, Any]] = results["violations"]
    if violations:
        pytest.fail(_describe(violations, where), pytrace=False)


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        pytest.param(path, scheme, id=f"{name}-{scheme}")
        for name, path in PAGES.items()
        for scheme in SCHEMES
    ],
)
def test_page_has_no_wcag_violations(
    open_page: OpenPage, built_site: BuiltSite, path: str, scheme: Scheme
) -> None:
    """Each page type passes axe-core's WCAG 2.2 AA rules in the light and the dark scheme."""
    if path == ANY_THEME:
        path = _theme_path(built_site)
    page = open_page(scheme)
    _load(page, path, scheme)
    _assert_no_violations(page, f"{path} ({scheme} scheme)")


@pytest.mark.parametrize(
    ("state", "scheme"),
    [
        pytest.param(state, scheme, id=f"{name}-{scheme}")
        for name, state in SEARCH_STATES.items()
        for scheme in SCHEMES
    ],
)
def test_search_page_has_no_wcag_violations(
    open_page: OpenPage, state: SearchState, scheme: Scheme
) -> None:
    """The search page passes too: empty, with results, with none, and keyboard-led."""
    page = open_page(scheme)
    _open_search(page, state, scheme)
    _assert_no_violations(page, f"the search page {state.description} ({scheme} scheme)")


# A phrase of Peterborough's recommendation 1.3, as a reader would type it into the header.
TYPED_PHRASE = "prefer to be assessed as a child"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_header_results_list_has_no_wcag_violations(open_page: OpenPage, scheme: Scheme) -> None:
    """The header's results as you type, open with an option chosen by the arrow keys."""
    page = open_page(scheme)
    _load(page, "/reports/dorset-2016/", scheme)
    box = page.locator("#clas-header-search")
    box.click()
    box.press_sequentially(TYPED_PHRASE)
    expect(page.locator("#clas-header-results [role=option]").first).to_be_visible()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.wait_for_function(SETTLED_JS)
    _assert_no_violations(page, f"a report page with the header's results open ({scheme} scheme)")
