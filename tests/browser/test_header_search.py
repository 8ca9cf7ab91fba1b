"""Results as you type in the header's search box: a combobox a keyboard and a screen reader
can use (WAI-ARIA combobox with a listbox popup)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import OpenTab

DESKTOP = (1280, 900)
# A phrase of Peterborough's recommendation 1.3 that no other item holds, typed on another
# report's page, in lower case.
PHRASE = "prefer to be assessed as a child or adult"
TARGET = "/reports/peterborough-2016/#rec-1-3"


def options(page: Page) -> list[str]:
    hrefs: list[str] = page.locator("#clas-header-results [role=option]").evaluate_all(
        "rows => rows.map(row => row.dataset.href)"
    )
    return hrefs


def type_phrase(page: Page, phrase: str = PHRASE) -> None:
    page.goto("/reports/dorset-2016/")
    box = page.locator("#clas-header-search")
    box.click()
    box.press_sequentially(phrase, delay=30)
    expect(page.locator("#clas-header-results [role=option]").first).to_be_visible()


def test_typing_a_phrase_lists_its_item_first_and_the_keyboard_follows_it(
    open_tab: OpenTab,
) -> None:
    tab = open_tab(*DESKTOP)
    page = tab.page
    type_phrase(page)
    box = page.locator("#clas-header-search")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "true")
    assert options(page)[0] == TARGET
    first = page.locator("#clas-header-results [role=option]").first
    expect(first).to_contain_text("Peterborough 2016 · Recommendation 1.3")
    expect(first.locator("mark").first).to_be_visible()
    # The count is announced, and the last option opens every result.
    expect(page.locator("#clas-header-status")).to_have_text(re.compile(r"^\d+ results?"))
    assert urlsplit(options(page)[-1]).path == "/search/"
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "clas-header-result-0")
    expect(first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url(f"**{TARGET}")
    assert page.evaluate("location.hash") == "#rec-1-3"
    tab.assert_clean()


def test_escape_closes_the_list_and_enter_opens_every_result(open_tab: OpenTab) -> None:
    tab = open_tab(*DESKTOP)
    page = tab.page
    type_phrase(page)
    box = page.locator("#clas-header-search")
    box.press("Escape")
    expect(page.locator("#clas-header-results")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")  # no option chosen: the form opens the search page
    page.wait_for_url("**/search/?q=*")
    assert parse_qs(urlsplit(page.url).query)["q"] == [PHRASE]
    expect(page.locator("a.clas-search-result__item").first).to_have_attribute("href", TARGET)
    tab.assert_clean()


def test_two_characters_show_nothing(open_tab: OpenTab) -> None:
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/reports/dorset-2016/")
    box = page.locator("#clas-header-search")
    box.click()
    box.press_sequentially("ed")
    page.wait_for_timeout(600)
    expect(page.locator("#clas-header-results")).to_be_hidden()
    tab.assert_clean()


def test_a_phrase_is_listed_from_the_phrase_index_alone(open_tab: OpenTab) -> None:
    """A phrase of common words, with an apostrophe left out as a reader types it ("a womans
    home"), is listed from the phrase index (``search/phrases/``) before Pagefind answers: with
    Pagefind's index and metadata withheld, its item still comes first. So the script hashes
    the words typed as the hook hashed the records' words, curly apostrophe and all."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    withheld: list[str] = []

    def withhold(route: Route) -> None:
        withheld.append(route.request.url)
        route.abort()

    page.route(re.compile(r".*/pagefind/(index/.*|.*\.pf_meta)$"), withhold)
    phrases: list[str] = []
    page.on(
        "request",
        lambda request: phrases.append(request.url) if "/search/phrases/" in request.url else None,
    )
    page.goto("/reports/peterborough-2016/")
    box = page.locator("#clas-header-search")
    box.click()
    box.press_sequentially("bookings are conducted at a womans home address", delay=30)
    first = page.locator("#clas-header-results [role=option]").first
    expect(first).to_have_attribute("data-href", "/reports/dorset-2016/#finding-1-1")
    expect(first).to_contain_text("Dorset 2016 · Finding 1.1")
    expect(first.locator("mark").first).to_be_visible()
    expect(page.locator("#clas-header-status")).to_have_text(
        re.compile(r"^1 result holds these words together")
    )
    expect(page.locator("#clas-header-results [role=option]").last).to_have_text("All results")
    assert withheld, "Pagefind was not asked: the test would not show the phrase index alone"
    assert any(url.endswith("/search/phrases/index.json") for url in phrases), phrases
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/reports/dorset-2016/#finding-1-1")


def test_one_result_is_named_in_the_singular(open_tab: OpenTab) -> None:
    """A word that one item alone holds: "1 result", and the last option says where every
    result is without a plural."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/reports/peterborough-2016/")
    box = page.locator("#clas-header-search")
    box.click()
    box.press_sequentially("disincentive", delay=30)
    expect(page.locator("#clas-header-status")).to_have_text(re.compile(r"^1 result\. "))
    rows = page.locator("#clas-header-results [role=option]")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_attribute("data-href", "/reports/dorset-2016/#finding-1-28")
    expect(rows.last).to_have_text("1 result: search page")
    tab.assert_clean()
