"""Real-browser checks of the site's features beyond a single report page.

Copying a permalink or a citation by keyboard, the search page (Pagefind) leading to findings,
recommendations and organisations, clicking from the home page through the organisation and
theme pages to a report's anchor, a phone-sized layout with its navigation drawer, the offline
copy read from disk (``file://``) and its search, and the print style sheet.

Each test drives Debian's chromium through Playwright against the site built by ``built_site``
(see ``tests/conftest.py``) and served on 127.0.0.1 (see ``conftest.py``); the offline copy is
built and zipped by ``built_site`` too (``offline_site``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Dialog, Locator, Page, Request, expect

from build_tools.devtools.search_bench import HIT1_BUDGET, items, quality, rank_of, sample_phrases
from tests.browser.conftest import TIMEOUT_MS, OpenTab, Tab
from tests.browser.test_report_browser import (
    OVERFLOW_JS,
    assert_on_screen,
    fragment,
    visible_text,
)
from tests.conftest import BuiltSite

DESKTOP = (1280, 900)
PHONE = (390, 844)

TITLE = "Review of health services for Children Looked After and Safeguarding in {area}"
CLIPBOARD = ["clipboard-read", "clipboard-write"]

# Copy buttons: a recommendation and a finding (the finding cites the recommendation).
COPY_SLUG = "peterborough-2016"
COPY_AREA = "Peterborough"
COPY_REC = "rec-1-3"
COPY_FINDING = "finding-1-6"

# Search targets. Each phrase is checked against the built HTML before it is typed.
FINDING_SLUG = "medway-2016"
FINDING_ID = "finding-3-35"
FINDING_PHRASE = "managed conversation with CADS"
REC_SLUG = "peterborough-2016"
REC_ID = "rec-1-3"
REC_QUERY = "Peterborough 1.3"
REC_PHRASE = "prefer to be assessed as a child or adult"
PROVIDER_NAME = "Medway Community Healthcare"
PROVIDER_ID = "medway-community-healthcare-cic"

# Navigation targets.
NAV_PROVIDER = "Medway Community Healthcare CIC"
NAV_THEME = "emergency-department"
NAV_THEME_SLUG = "peterborough-2016"

PHONE_PAGES = [
    "/",
    "/providers/",
    f"/providers/{PROVIDER_ID}/",
    "/themes/",
    f"/themes/{NAV_THEME}/",
]

# Whether an element generates any box, i.e. is shown at all.
RENDERED_JS = "element => element.getClientRects().length > 0"


def permalink(site_url: str, slug: str, anchor: str) -> str:
    """The full address of ``anchor`` on the report ``slug`` of the live site."""
    return f"{site_url}/reports/{slug}/#{anchor}"


def number_of(anchor: str) -> str:
    """``rec-1-3`` → ``1.3``; ``finding-5-1-9`` → ``5.1.9``."""
    return anchor.split("-", 1)[1].replace("-", ".")


def clipboard(page: Page) -> str:
    """The text on the system clipboard, read through the page."""
    text: str = page.evaluate("() => navigator.clipboard.readText()")
    return text


def assert_unique_among_reports(built_site: BuiltSite, phrase: str, slug: str) -> None:
    """``phrase`` occurs exactly once among the report pages, on the page of ``slug``."""
    pages = {
        path.relative_to(built_site.site).as_posix(): count
        for path in (built_site.site / "reports").rglob("*.html")
        if (count := visible_text(path.read_text(encoding="utf-8")).count(phrase))
    }
    assert pages == {f"reports/{slug}/index.html": 1}, (
        f"the phrase {phrase!r} should occur once among the reports: {pages}"
    )


# The search page's status once a search has finished.
SEARCH_DONE = re.compile(r"found for “|Nothing found for “")


def search(page: Page, query: str) -> None:
    """Type ``query`` into the header's search box and press Enter; wait for the results."""
    box = page.locator("#clas-header-search")
    box.click()
    page.keyboard.insert_text(query)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    expect(page.locator("#clas-search-status")).to_have_text(SEARCH_DONE)
    expect(page.locator("#clas-search-input")).to_have_value(query)


def assert_visible_result(result: Locator, what: str) -> Locator:
    """``result`` is exactly one search result link and it is shown."""
    expect(result, f"no search result links to {what}").to_have_count(1)
    expect(result, f"{what} is a search result but not a visible one").to_be_visible()
    return result


def first_item(page: Page) -> Locator:
    """The first finding or recommendation link of the first search result."""
    return page.locator("li.clas-search-result").first.locator("a.clas-search-result__item").first


# --- 1. Copy link / Copy citation by keyboard -------------------------------------------------


def press_copy(
    page: Page, button: Locator, key: str, *, label: str, kind: str, number: str
) -> None:
    """Press ``key`` on the focused ``button``; it says "Copied" and so does the live region."""
    expect(button, "the copy button should have keyboard focus").to_be_focused()
    expect(button).to_have_text(label)
    page.keyboard.press(key)
    expect(button, f"{label!r} pressed with {key} should say it copied").to_have_text("Copied")
    expected = f"Copied {label.lower().removeprefix('copy ')} for {kind} {number}"
    live = page.locator("#clas-live")
    expect(live).to_have_attribute("role", "status")
    expect(live).to_have_text(expected)


def test_copy_recommendation_link_and_citation_by_keyboard(open_tab: OpenTab) -> None:
    """Tab from a recommendation's permalink to "Copy link", press Enter; Tab to "Copy
    citation", press Space: each puts the full permalink / the citation on the clipboard."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.context.grant_permissions(CLIPBOARD, origin=tab.site_url)
    page.goto(f"/reports/{COPY_SLUG}/")
    link = permalink(tab.site_url, COPY_SLUG, COPY_REC)
    number = number_of(COPY_REC)

    controls = page.locator(f"h4.clas-rec#{COPY_REC} + .clas-copy-controls")
    expect(controls, f"no copy buttons straight after #{COPY_REC}").to_have_count(1)
    buttons = controls.locator("button.clas-copy")
    expect(buttons).to_have_count(2)

    page.locator(f"h4#{COPY_REC} a.headerlink").focus()
    page.keyboard.press("Tab")
    press_copy(
        page, buttons.nth(0), "Enter", label="Copy link", kind="recommendation", number=number
    )
    assert clipboard(page) == link

    page.keyboard.press("Tab")
    press_copy(
        page, buttons.nth(1), "Space", label="Copy citation", kind="recommendation", number=number
    )
    area_title = TITLE.format(area=COPY_AREA)
    assert clipboard(page) == (
        f"Care Quality Commission (2016). {area_title}, recommendation {number}. {link}"
    )
    tab.assert_clean()


def test_copy_finding_link_and_citation_by_keyboard(open_tab: OpenTab) -> None:
    """A finding's "Copy link" and "Copy citation", focused and pressed with Space / Enter."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.context.grant_permissions(CLIPBOARD, origin=tab.site_url)
    page.goto(f"/reports/{COPY_SLUG}/")
    link = permalink(tab.site_url, COPY_SLUG, COPY_FINDING)
    number = number_of(COPY_FINDING)

    buttons = page.locator(f"p.clas-finding#{COPY_FINDING} button.clas-copy")
    expect(buttons, f"#{COPY_FINDING} should have two copy buttons").to_have_count(2)

    buttons.nth(0).focus()
    press_copy(page, buttons.nth(0), "Space", label="Copy link", kind="finding", number=number)
    assert clipboard(page) == link

    buttons.nth(1).focus()
    press_copy(page, buttons.nth(1), "Enter", label="Copy citation", kind="finding", number=number)
    area_title = TITLE.format(area=COPY_AREA)
    assert clipboard(page) == (
        f"Care Quality Commission (2016). {area_title}, finding {number}. {link}"
    )
    tab.assert_clean()


# --- 2, 3. Search -------------------------------------------------------------------------------


def test_search_phrase_of_finding_lands_on_it(built_site: BuiltSite, open_tab: OpenTab) -> None:
    """A phrase from one finding, typed in the header: the first result links to the finding,
    and clicking it shows the finding."""
    finding_html = re.search(
        rf'<p[^>]*\bid="{FINDING_ID}"[^>]*>(.*?)</p>', built_site.page(FINDING_SLUG), re.S
    )
    assert finding_html, f"{FINDING_SLUG} has no finding #{FINDING_ID}"
    assert FINDING_PHRASE in visible_text(finding_html[1]), visible_text(finding_html[1])
    assert_unique_among_reports(built_site, FINDING_PHRASE, FINDING_SLUG)

    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/")
    search(page, FINDING_PHRASE)
    result = first_item(page)
    expect(result).to_have_attribute("href", f"/reports/{FINDING_SLUG}/#{FINDING_ID}")
    expect(result).to_have_text(f"Medway 2016 · Finding {number_of(FINDING_ID)}")
    excerpt = result.locator("xpath=ancestor::li[1]//p[@class='clas-search-result__excerpt']")
    expect(excerpt.locator("mark").first).to_be_visible()
    result.click()
    page.wait_for_url(f"**/reports/{FINDING_SLUG}/#{FINDING_ID}")
    assert fragment(page) == FINDING_ID
    assert_on_screen(page, page.locator(f"p.clas-finding#{FINDING_ID}"), f"#{FINDING_ID}")
    tab.assert_clean()


def test_search_phrase_of_recommendation_ranks_it_first(open_tab: OpenTab) -> None:
    """A phrase of a recommendation, typed on the search page: its link comes first."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/search/")
    box = page.locator("#clas-search-input")
    expect(box).to_be_focused()
    expect(page.locator("#clas-search-status")).to_have_text("Type words to search for.")
    box.press_sequentially(REC_PHRASE)
    expect(page.locator("#clas-search-status")).to_have_text(
        re.compile(f"results? found for “{re.escape(REC_PHRASE)}”")
    )
    expect(first_item(page)).to_have_attribute("href", f"/reports/{REC_SLUG}/#{REC_ID}")
    # Results follow the typing, and the address keeps the words for a shared link.
    assert urlsplit(page.url).query == "q=" + REC_PHRASE.replace(" ", "+")
    tab.assert_clean()


def test_search_report_and_number_finds_recommendation(open_tab: OpenTab) -> None:
    """Searching "Peterborough 1.3" offers Peterborough's recommendation 1.3 first."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/")
    search(page, REC_QUERY)
    result = first_item(page)
    expect(result).to_have_attribute("href", f"/reports/{REC_SLUG}/#{REC_ID}")
    expect(result).to_have_text(f"{COPY_AREA} 2016 · Recommendation {number_of(REC_ID)}")
    tab.assert_clean()


def test_search_provider_name_finds_its_page(open_tab: OpenTab) -> None:
    """An organisation's name offers its organisation page as the first result."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto(f"/reports/{REC_SLUG}/")
    search(page, PROVIDER_NAME)
    first = page.locator("li.clas-search-result").first
    expect(first.locator("h2 a")).to_have_attribute("href", f"/providers/{PROVIDER_ID}/")
    expect(first.locator(".clas-search-result__kind")).to_have_text("Organisation")
    tab.assert_clean()


def test_search_shows_typed_markup_as_text(open_tab: OpenTab) -> None:
    """Words that look like HTML are searched for and shown as typed, never run."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    query = '<img src=x onerror="alert(1)">'
    page.goto("/")
    search(page, query)
    expect(page.locator("#clas-search-status")).to_have_text(
        re.compile(f"for “{re.escape(query)}”")
    )
    expect(page.locator("#clas-search img, #clas-search-status img")).to_have_count(0)
    expect(page.locator("#clas-search-results img")).to_have_count(0)
    assert dialogs == []
    tab.assert_clean()


def test_search_from_a_phone(open_tab: OpenTab) -> None:
    """On a phone the header shows only the search button; it opens the search page."""
    tab = open_tab(*PHONE)
    page = tab.page
    page.goto("/")
    expect(page.locator("#clas-header-search")).to_be_hidden()
    page.locator("form.clas-header-search button[type=submit]").click()
    page.wait_for_url("**/search/?q=")
    box = page.locator("#clas-search-input")
    expect(box).to_be_focused()
    box.fill(REC_QUERY)
    box.press("Enter")
    expect(first_item(page)).to_have_attribute("href", f"/reports/{REC_SLUG}/#{REC_ID}")
    extent: dict[str, Any] = page.evaluate(OVERFLOW_JS)
    assert extent["scrollWidth"] <= extent["innerWidth"], extent
    tab.assert_clean()


# --- 4. Navigation -------------------------------------------------------------------------------


def click_and_land(page: Page, link: Locator, what: str) -> str:
    """Click ``link`` to a report's recommendation; assert the report opens at that heading."""
    href = link.get_attribute("href") or ""
    match = re.search(r"reports/([a-z0-9-]+)/#(rec-[0-9-]+)$", href)
    assert match, f"{what} has an odd href {href!r}"
    slug, anchor = match[1], match[2]
    link.click()
    page.wait_for_url(f"**/reports/{slug}/#{anchor}")
    heading = page.locator(f"h4.clas-rec#{anchor}")
    expect(heading, f"{what}: no heading #{anchor} on {slug}").to_have_count(1)
    assert_on_screen(page, heading, f"{what}: #{anchor} on {slug}")
    return href


def test_home_to_provider_to_recommendation(open_tab: OpenTab) -> None:
    """Home → Organisations → one organisation → its recommendation, on the report."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/")
    content = page.locator("article.md-content__inner")
    content.locator("a[href='providers/']", has_text="Organisations").click()
    page.wait_for_url("**/providers/")
    expect(page.locator("h1")).to_have_text(re.compile("Organisations"))

    content.locator(f"a[href='{PROVIDER_ID}/']", has_text=NAV_PROVIDER).click()
    page.wait_for_url(f"**/providers/{PROVIDER_ID}/")
    expect(page.locator("h1")).to_have_text(re.compile(NAV_PROVIDER))

    rec_link = content.locator("p.clas-provider-rec a.clas-permalink[href*='#rec-']").first
    expect(rec_link, f"{NAV_PROVIDER} lists no recommendation").to_be_visible()
    click_and_land(page, rec_link, f"recommendation link of {NAV_PROVIDER}")
    tab.assert_clean()


def test_home_to_theme_matrix_to_recommendation(open_tab: OpenTab) -> None:
    """Home → Themes → a themes × reports cell → that report's section → a recommendation."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/")
    content = page.locator("article.md-content__inner")
    content.locator("a[href='themes/']", has_text="Themes").click()
    page.wait_for_url("**/themes/")

    cell = content.locator(f"table td a[href='{NAV_THEME}/#{NAV_THEME_SLUG}']")
    expect(cell, f"no matrix cell links to {NAV_THEME}/#{NAV_THEME_SLUG}").to_have_count(1)
    cell.click()
    page.wait_for_url(f"**/themes/{NAV_THEME}/#{NAV_THEME_SLUG}")
    section = page.locator(f"h3#{NAV_THEME_SLUG}")
    expect(section).to_have_count(1)
    assert_on_screen(page, section, f"report section #{NAV_THEME_SLUG} of theme {NAV_THEME}")

    rec_link = section.locator(
        "xpath=following-sibling::p[contains(@class, 'clas-provider-rec')][1]"
        f"[preceding-sibling::h3[1][@id='{NAV_THEME_SLUG}']]"
        "/a[contains(@class, 'clas-permalink')]"
    )
    expect(rec_link, f"section #{NAV_THEME_SLUG} lists no recommendation").to_have_count(1)
    href = click_and_land(page, rec_link, f"theme {NAV_THEME}, section {NAV_THEME_SLUG}")
    assert f"reports/{NAV_THEME_SLUG}/" in href, href
    tab.assert_clean()


# --- 5. Phone -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_page_fits_phone_and_drawer_opens(open_tab: OpenTab, tmp_path: Path, path: str) -> None:
    """At 390×844 the page does not scroll sideways, and the drawer opens showing "Reports"."""
    width, height = PHONE
    tab = open_tab(width, height)
    page = tab.page
    page.goto(path)
    expect(page.locator("h1").first).to_be_visible()
    extent: dict[str, Any] = page.evaluate(OVERFLOW_JS)
    assert extent["innerWidth"] == width, extent
    if extent["scrollWidth"] > extent["innerWidth"]:
        # Kept in pytest's temporary folder for a human to look at.
        page.screenshot(path=tmp_path / "phone.png", full_page=True)
    assert extent["scrollWidth"] <= extent["innerWidth"], (
        f"{path} overflows sideways on a phone (see {tmp_path / 'phone.png'}): {extent}"
    )

    reports = page.locator("nav.md-nav--primary a.md-nav__link[href$='reports/']").filter(
        has_text=re.compile(r"^\s*Reports\s*$")
    )
    expect(reports).to_have_count(1)
    expect(reports, "'Reports' should be hidden while the drawer is closed").not_to_be_in_viewport()
    drawer_button = page.locator("label.md-header__button[for='__drawer']")
    expect(drawer_button).to_be_visible()
    drawer_button.click()
    expect(page.locator("#__drawer")).to_be_checked()
    expect(reports, "the open drawer should show 'Reports'").to_be_visible()
    expect(reports).to_be_in_viewport(ratio=1)
    tab.assert_clean()


# --- 6. Offline copy from disk ------------------------------------------------------------------


@pytest.fixture(scope="session")
def offline_site(built_site: BuiltSite) -> Path:
    """The offline copy (``offline-copy``) that ``built_site`` made and zipped."""
    site = built_site.root / ".cache" / "site-offline"
    assert (site / "index.html").is_file(), f"no offline copy in {site}"
    return site


@pytest.fixture
def offline_tab(browser: Browser) -> Iterator[Tab]:
    """A desktop-sized tab with no base URL, for pages opened from disk."""
    context = browser.new_context(
        viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, service_workers="block"
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = Tab(page=context.new_page(), site_url="file://")

    def on_request(request: Request) -> None:
        if urlsplit(request.url).scheme in {"http", "https"}:
            tab.offsite_requests.append(request.url)

    tab.page.on("pageerror", lambda error: tab.page_errors.append(str(error)))
    tab.page.on("request", on_request)
    try:
        yield tab
    finally:
        context.close()


def test_offline_copy_links_and_search_from_disk(offline_site: Path, offline_tab: Tab) -> None:
    """Opened from disk, the home page links to ``reports/<slug>/index.html`` (a link to the
    folder would show its listing) and search works."""
    page = offline_tab.page
    page.goto((offline_site / "index.html").as_uri())
    home_link = page.locator(
        f"article.md-content__inner a[href='reports/{REC_SLUG}/index.html']", has_text=COPY_AREA
    )
    expect(home_link, "the offline home page should link to the report's index.html").to_have_count(
        1
    )
    home_link.click()
    page.wait_for_url(f"**/reports/{REC_SLUG}/index.html")
    assert page.url == (offline_site / "reports" / REC_SLUG / "index.html").as_uri(), page.url
    expect(page.locator(f"h4.clas-rec#{REC_ID}")).to_have_count(1)

    # The header's box lists results as you type, from the records beside the pages; the
    # first is the recommendation, and the keyboard follows it to its anchor.
    expect(page.locator(".md-search"), "no Material search dialog").to_have_count(0)
    box = page.locator("#clas-header-search")
    box.click()
    box.press_sequentially(REC_PHRASE, delay=10)
    first = page.locator("#clas-header-results [role=option]").first
    expect(first).to_have_attribute("data-href", re.compile(f"{REC_SLUG}/index\\.html#{REC_ID}$"))
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url(
        lambda url: (
            urlsplit(url).path.endswith(f"/reports/{REC_SLUG}/index.html")
            and urlsplit(url).fragment == REC_ID
        )
    )
    assert_on_screen(page, page.locator(f"h4.clas-rec#{REC_ID}"), f"#{REC_ID} (offline copy)")

    # Enter with no result chosen opens the offline search page with every result.
    box = page.locator("#clas-header-search")
    box.click()
    box.fill(REC_PHRASE)
    box.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/search/index.html"))
    assert page.url.startswith((offline_site / "search" / "index.html").as_uri() + "?q="), page.url
    expect(first_item(page)).to_have_attribute(
        "href", re.compile(f"{REC_SLUG}/index\\.html#{REC_ID}$")
    )
    offline_tab.assert_clean()


def test_offline_search_page_puts_a_phrase_first(
    built_site: BuiltSite, offline_site: Path, offline_tab: Tab
) -> None:
    """Opened from disk, the search page ranks the same records (a script beside the page, not
    Pagefind's files) the same way: 60 remembered phrases put their item first."""
    runs = sample_phrases(items(built_site.docs), 60, 16)
    page = offline_tab.page
    search_page = (offline_site / "search" / "index.html").as_uri()
    page.goto(search_page)
    page.wait_for_function("typeof window.clasSearch === 'function'")
    ranks = [
        rank_of(
            page.evaluate("(q) => window.clasSearch(q)", phrase), url.replace("/#", "/index.html#")
        )
        for phrase, url in runs
    ]
    result = quality(ranks, runs)
    assert result.hit1 >= HIT1_BUDGET, result.misses
    page.goto(search_page + "?q=" + REC_PHRASE.replace(" ", "+"))
    expect(first_item(page)).to_have_attribute(
        "href", re.compile(f"{REC_SLUG}/index\\.html#{REC_ID}$")
    )
    # The glossary's synonyms come with the records: "MARAC" also searches its expansion.
    page.goto(search_page + "?q=MARAC")
    expect(page.locator("#clas-search-status")).to_contain_text(
        "(and “multi-agency risk assessment conference”"
    )
    offline_tab.assert_clean()


# --- 7. Print -------------------------------------------------------------------------------------


def test_print_hides_chrome_and_shows_external_urls(open_tab: OpenTab) -> None:
    """Printed, a report has no header, sidebars or copy buttons; external links show URLs."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto(f"/reports/{COPY_SLUG}/")
    copy_buttons = page.locator("button.clas-copy")
    expect(copy_buttons.first).to_be_visible()
    page.emulate_media(media="print")

    header = page.locator("header.md-header")
    expect(header).to_have_count(1)
    assert header.evaluate("e => getComputedStyle(e).display") == "none"
    sidebars = page.locator(".md-sidebar")
    assert sidebars.count() >= 2
    shown = [
        sidebar.get_attribute("class")
        for sidebar in sidebars.all()
        if sidebar.evaluate("e => getComputedStyle(e).display") != "none"
    ]
    assert not shown, f"sidebars still displayed in print: {shown}"
    rendered: list[bool] = copy_buttons.evaluate_all(f"all => all.map({RENDERED_JS})")
    assert rendered, "no copy buttons on the page"
    assert not any(rendered), f"{sum(rendered)} of {len(rendered)} copy buttons are printed"
    expect(page.locator("p.clas-finding").first).to_be_visible()

    external = page.locator(".md-content a[href^='http']")
    assert external.count() > 0, "the report has no external link to check"
    for link in external.all():
        href = link.get_attribute("href") or ""
        after: str = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert href in after, f"printed link to {href} does not show its URL: ::after is {after!r}"
    tab.assert_clean()


# --- 8. Glossary ------------------------------------------------------------------------------


def test_abbreviation_shows_its_expansion_on_keyboard_focus(open_tab: OpenTab) -> None:
    """Tab reaches an abbreviation in a finding; focused, it shows what it stands for, and
    its title gives screen readers the same. The report's words are unchanged."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/reports/medway-2016/")
    finding = page.locator("p.clas-finding").filter(has=page.locator("abbr", has_text="CAMHS"))
    abbr = finding.first.locator("abbr", has_text="CAMHS").first
    expect(abbr).to_have_attribute("title", "child and adolescent mental health services")
    expect(abbr).to_have_attribute("tabindex", "0")
    finding.first.locator("a.clas-permalink").focus()
    for _press in range(20):
        page.keyboard.press("Tab")
        if abbr.evaluate("element => element === document.activeElement"):
            break
    expect(abbr).to_be_focused()
    shown = abbr.evaluate("element => getComputedStyle(element, '::after').content")
    assert shown == '"child and adolescent mental health services"', shown
    assert abbr.evaluate("element => element.getBoundingClientRect().width") > 0
    expect(abbr).to_have_text("CAMHS")
    tab.assert_clean()


def test_glossary_term_has_its_own_address(open_tab: OpenTab) -> None:
    """/glossary/#term-marac opens at MARAC's definition, which links to reports using it."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    page.goto("/glossary/#term-marac")
    heading = page.locator("h3#term-marac")
    expect(heading).to_contain_text("MARAC")
    assert_on_screen(page, heading, "#term-marac")
    usage = heading.locator("xpath=following-sibling::p[contains(@class, 'clas-term-usage')][1]")
    expect(usage.locator("a[href*='/reports/']").first).to_be_visible()
    tab.assert_clean()


def test_search_for_an_abbreviation_also_finds_its_expansion(open_tab: OpenTab) -> None:
    """Searching "MARAC" also searches "multi-agency risk assessment conference", and the
    other way round: both find the same reports."""
    tab = open_tab(*DESKTOP)
    page = tab.page
    found: dict[str, set[str]] = {}
    for query in ("MARAC", "multi-agency risk assessment conference"):
        page.goto("/")
        search(page, query)
        expect(page.locator("#clas-search-status")).to_contain_text("(and “")
        status = page.locator("#clas-search-status").inner_text()
        total = int(re.search(r"(\d+) results? found", status)[1])  # type: ignore[index]
        results = page.locator("li.clas-search-result")
        while (count := results.count()) < total:
            page.locator("#clas-search-more").click()
            expect(results).to_have_count(min(count + 10, total))
        found[query] = set(
            page.locator("li.clas-search-result h2 a").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            )
        )

    def reports(urls: set[str]) -> set[str]:
        return {url.split("#")[0] for url in urls if url.startswith("/reports/")}

    assert len(reports(found["MARAC"])) >= 3, found
    assert reports(found["MARAC"]) == reports(found["multi-agency risk assessment conference"])
    tab.assert_clean()
