"""Hostile report text, built into a real site and opened in chromium, stays text.

One extra report is added to a copy of the seed set: Peterborough's report under another area,
with payloads planted where report text reaches the pages: a finding, a case example, a
public-health note, a cover row, a recommendation (with a theme phrase, so its theme page
shows it), a recommendation group's addressee line (next to a registered organisation, so that
organisation's page shows it), the subtitle and the area itself. Every payload tries each way
text can turn into something else in this site: HTML (``<script>``, event handlers, ``<iframe>``,
``<style>``, ``<b>``), a ``javascript:`` link, Jinja, a Markdown attribute list and character
references. Anything that ran would set ``window.pwned<Tag>`` or raise an alert naming it, and
any element made from a payload carries that marker in an attribute or its text.

Each page is opened in chromium and checked: no dialog, no marker global, no element or
``javascript:`` link made from a payload, and the payload shown word for word. The pages: the
report, the organisation and theme pages, /recurring/, /good-practice/, /downloads/ and the
search page; the downloads must carry the payloads verbatim too (data is data), and the offline
copy's search is checked as well.

The site is built once for this module; ``site_url`` is overridden here, so the shared
``open_tab`` fixture (see ``conftest.py``) opens tabs on this site rather than on the seeds'.

Each test below once failed on a real defect (the area printed unescaped in the header, a
quote ending an attribute, a subtitle read as Markdown, report text shown as HTML by the offline
copy's search, a CSV cell a spreadsheet would run as a formula).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from build_tools.build import build
from tests.browser.conftest import OpenTab, Tab, _start_server, _stop
from tests.conftest import SOURCE_REPORTS, copy_project, mkdocs_build
from tests.conftest import offline_copy as make_offline_copy

pytestmark = pytest.mark.site

DESKTOP = (1280, 900)

SEED = "000_565f5e6340b4497c.txt"  # Peterborough (2016)
POISONED = "999_poisoned.txt"
TITLE = "Review of health services for Children Looked After and Safeguarding in "


def marker(tag: str) -> str:
    """The global, alert text and attribute value that give away a payload that ran."""
    return f"pwned{tag}"


def payload(tag: str) -> str:
    """Text that, read as anything but text, runs or makes an element marked with ``tag``.

    It starts with a made-up word to search for. No "*" or "_": an addressee line drops both
    (``parse._rule_group``), so they could not be shown word for word there, and a "*" inside
    a word is dropped everywhere as PDF debris (so Jinja gets ``7 + 7``, not ``7*7``). No comma
    or " and ", which would split an addressee line into several names.
    """
    name = marker(tag)
    return (
        f"plugh{tag.lower()} <script>window.{name}=1</script> "
        f"<img src=x onerror=\"window.{name}=1;alert('{name}')\"> "
        f"<svg onload=\"window.{name}=1;alert('{name}')\"> "
        f"<iframe src=\"javascript:alert('{name}')\"></iframe> "
        f"[click](javascript:alert('{name}')) {{{{ 7 + 7 }}}} {{% if true %}}jinja{{% endif %}} "
        f"<b class={name}>bold</b> <style>body{{display:none}} .{name}{{color:red}}</style> "
        f"&amp; &lt;i&gt; &#60;u&#62; {{: #{name} onclick=\"alert('{name}')\" }}"
    )


# Payloads in the text of the report's items, all of which must be shown as text.
CONTENT = ("Finding", "Example", "Note", "Cover", "Rec", "Addressee", "Recurring")
CONTENT_MARKERS = [marker(tag) for tag in CONTENT]

# The area, which reaches every page's navigation and the report page's attributes.
AREA = (
    f'Pwnshire <img src=x onerror=alert(\'{marker("Nav")}\')> Vale" style="display:block" '
    f'tabindex="0" autofocus onfocus="alert(\'{marker("Attr")}\')" data-x="End'
)
SUBTITLE = f"# <b class={marker('Subtitle')}>subtitle</b> heading"

# The recommendation that carries the theme phrase and the registered co-addressee.
REC_TEXT = "Ensure the emergency department " + payload("Rec")
# Peterborough's recommendation 1.11 recurs in other reports. It keeps recurring with a short
# payload only: a long one makes its wording too different.
RECURRING = "Amend the current midwifery preceptorship programme to include understanding and "
RECURRING_TEXT = (
    RECURRING + "assessment of safeguarding competencies. "
    f"<script>window.{marker('Recurring')}=1</script> "
    f"<img src=x onerror=\"alert('{marker('Recurring')}')\">"
)
FORMULA = '=HYPERLINK("https://example.invalid/","pwnedCsv")'
PROVIDER = "peterborough-and-stamford-hospitals-nhs-foundation-trust"
CO_ADDRESSEE = "Peterborough and Stamford Hospitals NHS Foundation Trust"
THEME = "emergency-department"


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with its single ``old`` replaced; fails loudly if the seed has changed."""
    assert text.count(old) == 1, f"the seed should contain {old!r} exactly once"
    return text.replace(old, new)


def poisoned_report(seed: str) -> str:
    """The seed report under the hostile area, with a payload in every kind of text."""
    text = replace_once(seed, TITLE + "Peterborough\n", TITLE + AREA + "\n")
    text = replace_once(
        text,
        "The role of health services in Peterborough\n",
        f"The role of health services in Pwnshire\n\n{SUBTITLE}\n",
    )
    text = replace_once(
        text, "NHS England area:\tEast Anglia", "NHS England area:\tEast Anglia " + payload("Cover")
    )
    text = replace_once(
        text,
        "paediatric foundation training.\n",
        f"paediatric foundation training. {payload('Finding')} (**Recommendation 8.1**)\n\n"
        f"Case Example: *{payload('Example')}*\n",
    )
    text = replace_once(
        text,
        "provision of healthcare services. ***A letter will be sent to Public Health informing "
        "them of this matter.***",
        "provision of healthcare services. A letter will be sent to Public Health about "
        + payload("Note"),
    )
    text = replace_once(
        text,
        f"1.11 {RECURRING}assessment of safeguarding competencies.\n",
        f"1.11 {RECURRING_TEXT}\n",
    )
    return replace_once(
        text,
        "\nNext steps\n",
        f"\n8. {CO_ADDRESSEE} and {payload('Addressee')} should:\n\n"
        f"8.1 {REC_TEXT}\n\n8.2 {FORMULA}\n\nNext steps\n",
    )


@dataclass(frozen=True)
class PoisonedSite:
    """The project copy with the poisoned report, generated and built."""

    root: Path
    slug: str
    """Slug of the poisoned report."""

    @property
    def site(self) -> Path:
        """The built site."""
        return self.root / "site"


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> PoisonedSite:
    """The seed reports plus the poisoned one, generated and built by MkDocs, once."""
    root = copy_project(tmp_path_factory.mktemp("poisoned"))
    seed = (SOURCE_REPORTS / SEED).read_text(encoding="utf-8")
    (root / "source_reports" / POISONED).write_text(poisoned_report(seed), encoding="utf-8")
    result = build(root)
    slugs = [r.report.slug for r in result.reports if r.report.source.endswith(POISONED)]
    assert len(slugs) == 1, [str(d) for d in result.diagnostics if POISONED in d.path]
    completed = mkdocs_build(root)
    assert completed.returncode == 0, completed.stderr
    return PoisonedSite(root, slugs[0])


@pytest.fixture(scope="module")
def site_url(
    poisoned_site: PoisonedSite, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The poisoned site served on 127.0.0.1 (overrides the seed site for ``open_tab``)."""
    log = tmp_path_factory.mktemp("http-server") / "http-server.log"
    process, url = _start_server(poisoned_site.site, log)
    try:
        yield url
    finally:
        _stop(process)


# --- what the browser sees ------------------------------------------------------------------

# Elements made from a payload. A marker may well sit in an attribute that holds text (a
# title, a meta's content): that is data. It gives away markup when it names an attribute, sits
# in one that acts (a handler, id, class, style, address), or belongs to an element of the
# kinds the payloads would make.
FIND_INJECTED_JS = """markers => {
  const kinds = new Set(["SCRIPT", "STYLE", "IFRAME", "IMG", "SVG", "B"]);
  const acting = /^(on.*|id|class|style|src|srcdoc|href)$/i;
  const has = text => markers.some(m => text.includes(m));
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    const kind = kinds.has(element.tagName.toUpperCase());
    const made = Array.from(element.attributes).some(
      a => has(a.name) || (has(a.value) && (kind || acting.test(a.name))),
    ) || (kind && has(element.textContent));
    if (made) {
      found.push(element.outerHTML.slice(0, 160));
    }
  }
  return found;
}"""
SET_GLOBALS_JS = "markers => markers.filter(m => m in window)"
SCRIPT_LINKS_JS = """() => Array.from(
  document.querySelectorAll(".md-content a[href], .md-content iframe[src]"),
  e => (e.getAttribute("href") || e.getAttribute("src") || "").trim(),
).filter(address => /^javascript:/i.test(address))"""


def open_page(open_tab: OpenTab, path: str) -> tuple[Tab, list[str]]:
    """Open ``path`` in a fresh tab; return it and the list its dialogs are recorded in."""
    tab = open_tab(*DESKTOP)
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.page.on("dialog", record)
    tab.page.goto(path)
    tab.page.wait_for_load_state("load")
    return tab, dialogs


def assert_inert(tab: Tab, dialogs: list[str], markers: list[str]) -> None:
    """Nothing marked with ``markers`` ran or became an element; no script links."""
    page = tab.page
    problems = {
        "dialogs raised": [text for text in dialogs if any(m in text for m in markers)],
        "globals set": page.evaluate(SET_GLOBALS_JS, markers),
        "elements made": page.evaluate(FIND_INJECTED_JS, markers),
        "javascript: addresses": page.evaluate(SCRIPT_LINKS_JS),
    }
    found = {what: items for what, items in problems.items() if items}
    assert not found, f"{page.url}: payloads were read as markup: {found}"
    tab.assert_clean()


def content_text(page: Page) -> str:
    """The rendered text of the page's content, as a reader sees it."""
    return page.locator(".md-content").inner_text()


def assert_shown(page: Page, texts: list[str]) -> None:
    """Each of ``texts`` is shown on the page word for word."""
    shown = content_text(page)
    missing = [text for text in texts if text not in shown]
    assert not missing, f"{page.url}: not shown literally: {missing}"


# --- pages ------------------------------------------------------------------------------------

# The good-practice page shows the start of an example (220 characters at most).
EXAMPLE_START = payload("Example")[:150]

# Every page a payload reaches: its address, its file in docs/, the texts it must show.
PAGES: dict[str, tuple[str, str, list[str]]] = {
    "report": (
        "reports/{slug}/",
        "reports/{slug}.md",
        [
            *(payload(tag) for tag in ("Finding", "Example", "Note", "Cover", "Addressee")),
            REC_TEXT,
            RECURRING_TEXT,
        ],
    ),
    "provider": (
        f"providers/{PROVIDER}/",
        f"providers/{PROVIDER}.md",
        [REC_TEXT, payload("Addressee")],
    ),
    "theme": (f"themes/{THEME}/", f"themes/{THEME}.md", [REC_TEXT, payload("Addressee")]),
    "recurring": ("recurring/", "recurring.md", [RECURRING_TEXT]),
    "good-practice": ("good-practice/", "good-practice.md", [EXAMPLE_START]),
    "downloads": ("downloads/", "downloads/index.md", []),
}


@pytest.mark.parametrize("which", list(PAGES))
def test_payloads_are_shown_as_text(
    poisoned_site: PoisonedSite, open_tab: OpenTab, which: str
) -> None:
    """On every page that shows report text, each payload is text: nothing runs."""
    path, markdown, texts = PAGES[which]
    slug = poisoned_site.slug
    written = (poisoned_site.root / "docs" / markdown.format(slug=slug)).read_text("utf-8")
    lost = [m for m in CONTENT_MARKERS if m in " ".join(texts) and m not in written]
    assert not lost, f"{markdown}: {lost} no longer reach this page; plant them again"
    tab, dialogs = open_page(open_tab, "/" + path.format(slug=slug))
    assert_inert(tab, dialogs, CONTENT_MARKERS)
    assert_shown(tab.page, texts)


SEARCH_DONE = re.compile(r"found for “|Nothing found for “")


@pytest.mark.parametrize(("tag", "anchor"), [("Rec", "rec-8-1"), ("Finding", "finding-1-1")])
def test_search_results_show_payloads_as_text(
    poisoned_site: PoisonedSite, open_tab: OpenTab, tag: str, anchor: str
) -> None:
    """Searching a payload's word leads to its item; the excerpt shows the payload as text."""
    tab, dialogs = open_page(open_tab, f"/search/?q=plugh{tag.lower()}")
    page = tab.page
    expect(page.locator("#clas-search-status")).to_have_text(SEARCH_DONE)
    assert_inert(tab, dialogs, CONTENT_MARKERS)
    result = page.locator("li.clas-search-result").first
    item = result.locator("a.clas-search-result__item").first
    expect(item).to_have_attribute("href", f"/reports/{poisoned_site.slug}/#{anchor}")
    excerpt = result.locator(".clas-search-result__excerpt").first
    expect(excerpt).to_be_visible()
    # The excerpt is a window of words around the match: check the words from it on.
    words = " ".join(payload(tag).split(" ")[:12])
    assert words in excerpt.inner_text(), excerpt.inner_text()


# --- downloads --------------------------------------------------------------------------------


def poisoned_rows(poisoned_site: PoisonedSite, name: str) -> list[dict[str, str]]:
    """Rows of ``downloads/<name>.csv`` that come from the poisoned report."""
    text = (poisoned_site.site / "downloads" / f"{name}.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [row for row in rows if row["report"] == poisoned_site.slug]


def test_downloads_carry_payloads_verbatim(poisoned_site: PoisonedSite) -> None:
    """The CSV and JSON downloads hold each payload exactly as the report wrote it."""
    recs = {row["id"]: row for row in poisoned_rows(poisoned_site, "recommendations")}
    assert recs["8.1"]["text"] == REC_TEXT
    assert recs["1.11"]["text"] == RECURRING_TEXT
    assert recs["8.1"]["addressees"] == f"{CO_ADDRESSEE}; {payload('Addressee')}"
    findings = {row["id"]: row for row in poisoned_rows(poisoned_site, "findings")}
    assert payload("Finding") in findings["1.1"]["text"]
    assert payload("Note") in findings["1.26"]["text"]

    downloads = poisoned_site.site / "downloads"
    rows = json.loads((downloads / "recommendations.json").read_text(encoding="utf-8"))
    by_id = {row["id"]: row for row in rows if row["report"] == poisoned_site.slug}
    assert by_id["8.1"]["text"] == REC_TEXT
    assert by_id["8.1"]["addressees"] == [CO_ADDRESSEE, payload("Addressee")]
    assert by_id["8.2"]["text"] == FORMULA
    rows = json.loads((downloads / "findings.json").read_text(encoding="utf-8"))
    by_id = {row["id"]: row for row in rows if row["report"] == poisoned_site.slug}
    assert payload("Finding") in by_id["1.1"]["text"]


FORMULA_START = ("=", "+", "-", "@")


def test_csv_cells_do_not_start_formulas(poisoned_site: PoisonedSite) -> None:
    """No CSV cell starts with a formula character unless it is guarded (e.g. with a quote)."""
    for name in ("recommendations", "findings"):
        for row in poisoned_rows(poisoned_site, name):
            risky = {key: value for key, value in row.items() if value.startswith(FORMULA_START)}
            assert not risky, f"{name}.csv: cells a spreadsheet would run: {risky}"


# --- known defects in the area and subtitle ---------------------------------------------------


def test_area_is_text_in_navigation_and_header(
    poisoned_site: PoisonedSite, open_tab: OpenTab
) -> None:
    """The area's markup runs nowhere: not in the page heading, the header or the navigation."""
    tab, dialogs = open_page(open_tab, f"/reports/{poisoned_site.slug}/")
    assert_inert(tab, dialogs, [marker("Nav")])
    area = tab.page.locator(".md-header__topic").last
    expect(area).to_contain_text(AREA)


def test_title_stays_inside_its_attributes(poisoned_site: PoisonedSite, open_tab: OpenTab) -> None:
    """Quotes in the title add no attribute to any element of the report page."""
    tab, dialogs = open_page(open_tab, f"/reports/{poisoned_site.slug}/")
    assert_inert(tab, dialogs, [marker("Attr")])
    expect(tab.page.locator("#clas-report")).to_have_attribute("data-title", TITLE + AREA)


def test_subtitle_is_text(poisoned_site: PoisonedSite, open_tab: OpenTab) -> None:
    """A subtitle that looks like a Markdown heading is shown as written, not as a heading."""
    tab, dialogs = open_page(open_tab, f"/reports/{poisoned_site.slug}/")
    assert_inert(tab, dialogs, [marker("Subtitle")])
    headings = tab.page.locator(".md-content h1").all_inner_texts()
    assert len(headings) == 1, headings
    assert_shown(tab.page, [SUBTITLE])


# --- the offline copy -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_copy(poisoned_site: PoisonedSite) -> Path:
    """The poisoned project's offline copy (read from disk)."""
    return make_offline_copy(poisoned_site.root)


def test_offline_search_shows_payloads_as_text(offline_copy: Path, open_tab: OpenTab) -> None:
    """In the offline copy, read from disk, the header's results as you type (records from
    ``search/clas-items.js``) show a recommendation's payload as text."""
    tab, dialogs = open_page(open_tab, (offline_copy / "index.html").as_uri())
    page = tab.page
    box = page.locator("#clas-header-search")
    box.click()
    box.press_sequentially("plughrec")
    result = page.locator("#clas-header-results [role=option][data-href$='#rec-8-1']")
    expect(result).to_have_count(1)
    assert_inert(tab, dialogs, CONTENT_MARKERS)
    assert " ".join(payload("Rec").split(" ")[:8]) in result.inner_text(), result.inner_text()
