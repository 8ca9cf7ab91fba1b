"""Real-browser checks of report pages: cross-links, search, and a phone-sized layout.

Each test drives Debian's chromium through Playwright against the site built by ``built_site`` and
served on 127.0.0.1 (see ``conftest.py``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import OpenTab
from tests.conftest import BuiltSite

DESKTOP = (1280, 900)
PHONE = (390, 844)
SLUGS = [
    "peterborough-2016",
    "staffordshire-2016",
    "leicester-city-2016",
    "medway-2016",
    "dorset-2016",
]

# Search target: Peterborough recommendation 1.3, and a phrase that occurs nowhere else on the site
# (checked against the built HTML by the test before it types it).
SEARCH_SLUG = "peterborough-2016"
SEARCH_REC = "rec-1-3"
SEARCH_PHRASE = "prefer to be assessed as a child or adult"

REC_ID = re.compile(r"rec-\d+(?:-\d+)+")
FINDING_ID = re.compile(r"finding-\d+(?:-\d+)+")

# Where an element sits on screen: its box, the sticky header's bottom edge, and whether the
# element (not the header or anything else) is what is drawn at a point just inside its top edge.
ON_SCREEN_JS = """
element => {
  const box = element.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  const headerBottom = header ? header.getBoundingClientRect().bottom : 0;
  const x = box.left + Math.min(box.width / 2, 40);
  const y = Math.max(box.top, headerBottom) + Math.min(box.height / 2, 8);
  const hit = document.elementFromPoint(x, y);
  return {
    top: box.top,
    bottom: box.bottom,
    headerBottom: headerBottom,
    viewportHeight: window.innerHeight,
    drawn: hit !== null && element.contains(hit),
    drawnInstead: hit === null ? null : hit.outerHTML.slice(0, 120),
  };
}
"""

# Horizontal extent of the document, and the widest elements of the article if it overflows.
OVERFLOW_JS = """
() => {
  const limit = window.innerWidth;
  const offenders = [];
  for (const element of document.querySelectorAll(".md-content *")) {
    const box = element.getBoundingClientRect();
    if (box.right > limit + 1 && offenders.length < 5) {
      const name = element.tagName.toLowerCase()
        + (element.id ? "#" + element.id : "")
        + (element.className && typeof element.className === "string"
           ? "." + element.className.trim().split(/\\s+/).join(".") : "");
      offenders.push(name + " right=" + Math.round(box.right));
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    offenders: offenders,
  };
}
"""


def assert_on_screen(page: Page, element: Locator, what: str) -> None:
    """Assert ``element`` is the URL's target, in the viewport and not hidden under the header."""
    expect(element, f"{what} should be scrolled into the viewport").to_be_in_viewport()
    target_id = page.evaluate("() => document.querySelector(':target')?.id ?? null")
    assert target_id == element.get_attribute("id"), f"{what}: :target is {target_id!r}"
    place: dict[str, Any] = element.evaluate(ON_SCREEN_JS)
    assert place["top"] >= place["headerBottom"] - 1, (
        f"{what} starts under the sticky header: {place}"
    )
    assert place["top"] < place["viewportHeight"], f"{what} starts below the viewport: {place}"
    assert place["drawn"], f"{what} is covered by another element: {place}"


def fragment(page: Page) -> str:
    """The current URL's fragment, without ``#``."""
    return urlsplit(page.url).fragment


def visible_text(markup: str) -> str:
    """Markup reduced to its text: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_citation_and_evidence_links_round_trip(open_tab: OpenTab) -> None:
    """A finding's citation lands on its recommendation; the evidence link lands on a finding."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/reports/peterborough-2016/")

    citation = page.locator("p.clas-finding a[href^='#rec-']").first
    expect(citation, "no finding paragraph cites a recommendation").to_be_attached()
    rec_href = citation.get_attribute("href") or ""
    assert REC_ID.fullmatch(rec_href.removeprefix("#")), f"odd citation href {rec_href!r}"
    rec_id = rec_href.removeprefix("#")
    citing_id = citation.locator("xpath=ancestor::p[1]").get_attribute("id") or ""
    assert FINDING_ID.fullmatch(citing_id), f"citing paragraph has id {citing_id!r}"

    citation.click()
    page.wait_for_url(f"**/reports/peterborough-2016/#{rec_id}")
    assert fragment(page) == rec_id
    heading = page.locator(f"h4.clas-rec#{rec_id}")
    expect(heading, f"no recommendation heading #{rec_id}").to_have_count(1)
    assert_on_screen(page, heading, f"recommendation heading #{rec_id}")

    # The recommendation's "Evidence:" paragraph: the first one after its heading, provided no
    # other heading comes in between.
    evidence = heading.locator(
        "xpath=following-sibling::p[starts-with(normalize-space(.), 'Evidence')][1]"
        f"[preceding-sibling::*[self::h1 or self::h2 or self::h3 or self::h4][1][@id='{rec_id}']]"
    )
    expect(evidence, f"#{rec_id} has no Evidence paragraph").to_have_count(1)
    back_links = evidence.locator("a[href^='#finding-']")
    hrefs = [link.get_attribute("href") for link in back_links.all()]
    assert f"#{citing_id}" in hrefs, f"evidence of #{rec_id} {hrefs} omits the citing #{citing_id}"

    back_link = back_links.first
    finding_id = (back_link.get_attribute("href") or "").removeprefix("#")
    back_link.click()
    page.wait_for_url(f"**/reports/peterborough-2016/#{finding_id}")
    assert fragment(page) == finding_id
    finding = page.locator(f"p.clas-finding#{finding_id}")
    expect(finding, f"no finding paragraph #{finding_id}").to_have_count(1)
    assert_on_screen(page, finding, f"finding paragraph #{finding_id}")
    tab.assert_clean()


def test_search_finds_recommendation_and_lands_on_it(
    built_site: BuiltSite, open_tab: OpenTab
) -> None:
    """Typing a phrase of one recommendation into the header's search box offers it as the
    first result; clicking the result opens the report at that recommendation."""
    heading_html = re.search(
        rf'<h4[^>]*\bid="{SEARCH_REC}"[^>]*>(.*?)</h4>', built_site.page(SEARCH_SLUG), re.S
    )
    assert heading_html, f"{SEARCH_SLUG} has no heading #{SEARCH_REC}"
    assert SEARCH_PHRASE in visible_text(heading_html[1]), visible_text(heading_html[1])
    pages_with_phrase = {
        path.relative_to(built_site.site).as_posix(): count
        for path in (built_site.site / "reports").rglob("*.html")
        if (count := visible_text(path.read_text(encoding="utf-8")).count(SEARCH_PHRASE))
    }
    # Organisation pages repeat the recommendation's words; among reports it must be unique.
    assert pages_with_phrase == {f"reports/{SEARCH_SLUG}/index.html": 1}, (
        f"the search phrase should occur once among the reports: {pages_with_phrase}"
    )

    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto(f"/reports/{SEARCH_SLUG}/")
    page.locator("#clas-header-search").fill(SEARCH_PHRASE)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator("li.clas-search-result").first.locator("a.clas-search-result__item")
    result = first.first
    expect(result, "the first result's first link should be the recommendation").to_have_attribute(
        "href", f"/reports/{SEARCH_SLUG}/#{SEARCH_REC}"
    )
    shown = result.locator("xpath=ancestor::li[1]//p[@class='clas-search-result__excerpt']")
    excerpt = " ".join(shown.inner_text().split())
    assert SEARCH_PHRASE in excerpt.lower(), f"result shows {excerpt!r}"

    result.click()
    page.wait_for_url(f"**/reports/{SEARCH_SLUG}/**#{SEARCH_REC}")
    assert urlsplit(page.url).path == f"/reports/{SEARCH_SLUG}/"
    assert fragment(page) == SEARCH_REC
    heading = page.locator(f"h4#{SEARCH_REC}")
    expect(heading).to_have_count(1)
    assert_on_screen(page, heading, f"recommendation heading #{SEARCH_REC}")
    tab.assert_clean()


@pytest.mark.parametrize("slug", SLUGS)
def test_report_fits_phone_width(open_tab: OpenTab, tmp_path: Path, slug: str) -> None:
    """On a 390×844 phone viewport a report page does not scroll sideways."""
    width, height = PHONE
    tab = open_tab(width, height)
    page = tab.page
    page.goto(f"/reports/{slug}/")
    expect(page.locator("h1").first).to_be_visible()

    # Kept in pytest's temporary folder for a human to look at when this test fails.
    page.screenshot(path=tmp_path / f"{slug}-phone.png")
    extent: dict[str, Any] = page.evaluate(OVERFLOW_JS)
    assert extent["innerWidth"] == width, extent
    assert extent["scrollWidth"] <= extent["innerWidth"], (
        f"{slug} overflows sideways on a phone: {extent}"
    )
    tab.assert_clean()
