"""The ranking in ``docs/javascripts/search.js`` against a stand-in for Pagefind.

At 150 reports many items share the same words, and Pagefind's order does not put the one a
reader means first: the script reads only the first few dozen records it is given. These
tests give it a Pagefind (served in place of ``pagefind/pagefind.js``) that behaves as the
real one does in the two cases that mattered, with the item last in its order:

- Pagefind holds "1.2" as one word, "12": "… recommendation 1 2" typed without the dot must be
  asked as "12", which only that item holds.
- Pagefind holds "multi-agency" as one word position: the positions of "multi agency meetings
  are held" are one shorter than the words typed, and must still count as the phrase.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, Route

from tests.browser.conftest import OpenTab

MANY = 50

#: A Pagefind module: ``search`` answers from ``window.FAKE_RECORDS`` (each with the words it
#: holds and their positions), as Pagefind does: every asked word must be held; a quoted
#: query (Pagefind's exact phrase) finds nothing here, as with the real one for these cases.
FAKE_PAGEFIND = """
export async function options() {}
export async function init() {}
export async function preload() {}
export async function search(query) {
  if (/^\\s*"/.test(query)) { return { results: [] }; }
  const asked = query.toLowerCase().split(/\\s+/).filter(Boolean);
  const results = window.FAKE_RECORDS
    .filter((record) => asked.every((word) => record.terms.includes(word)))
    .map((record, index) => ({
      id: String(index),
      words: record.positions,
      data: async () => ({ meta: record.meta, content: record.content }),
    }));
  return { results };
}
"""


def records(target: dict[str, object], others: list[dict[str, object]]) -> str:
    """The stand-in's records, the target last in Pagefind's order."""
    return json.dumps([*others, target])


def record(url: str, content: str, terms: str, positions: list[int]) -> dict[str, object]:
    number = url.rsplit("-", 2)
    return {
        "meta": {"url": url, "title": f"Area · Finding {number[-2]}.{number[-1]}"},
        "content": content,
        "terms": terms.split(),
        "positions": positions,
    }


def ranked(page: Page, data: str, query: str, typed: bool) -> list[str]:
    page.evaluate(f"window.FAKE_RECORDS = {data}")
    found: list[str] = page.evaluate("([q, t]) => window.clasSearch(q, t)", [query, typed])
    return found


@pytest.fixture
def search_page(open_tab: OpenTab) -> Page:
    page = open_tab(1280, 900).page

    def fake(route: Route) -> None:
        route.fulfill(body=FAKE_PAGEFIND, content_type="text/javascript")

    page.route("**/pagefind/pagefind.js", fake)
    # Without the site's phrase index (search/phrases/), which knows nothing of these records.
    page.route("**/search/phrases/**", lambda route: route.fulfill(status=404))
    page.goto("/search/")
    page.wait_for_function("typeof window.clasSearch === 'function'")
    page.evaluate("window.FAKE_RECORDS = []")
    return page


@pytest.mark.parametrize("typed", [False, True], ids=["search-page", "as-you-type"])
def test_a_cited_number_typed_without_its_dot_finds_its_item(
    search_page: Page, typed: bool
) -> None:
    words = "staff attend serious case reviews recommendation"
    others = [
        record(
            f"reports/a/#finding-1-{n}",
            f"Staff attend serious case reviews (Recommendation 3.{n}).",
            f"{words} 3{n}",
            [0, 1, 2, 3, 4, 5, 6],
        )
        for n in range(3, 3 + MANY)
    ]
    target = record(
        "reports/b/#finding-2-9",
        "Staff attend serious case reviews (Recommendation 1.2).",
        f"{words} 12",
        [0, 1, 2, 3, 4, 5, 6],
    )
    found = ranked(
        search_page, records(target, others), "serious case reviews recommendation 1 2", typed
    )
    assert found[0] == "reports/b/#finding-2-9", found[:3]


@pytest.mark.parametrize("typed", [False, True], ids=["search-page", "as-you-type"])
def test_a_hyphenated_word_typed_as_two_still_makes_the_phrase(
    search_page: Page, typed: bool
) -> None:
    terms = "multi agency multiagency meetings held"
    others = [
        record(
            f"reports/a/#finding-1-{n}",
            "Multi-agency work goes on; meetings about it are not always held on time.",
            terms,
            [0, 4, 9],
        )
        for n in range(1, 1 + MANY)
    ]
    # "multi-agency" is one position (3); "meetings" 4, "are" 5, "held" 6.
    target = record(
        "reports/b/#finding-2-9",
        "We saw that multi-agency meetings are held monthly.",
        terms,
        [3, 4, 6],
    )
    found = ranked(search_page, records(target, others), "multi agency meetings are held", typed)
    assert found[0] == "reports/b/#finding-2-9", found[:3]
