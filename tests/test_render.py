"""Rendering: report text is data — escaped on every page, never markup, HTML or template."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from build_tools.classify.catalogue import classify
from build_tools.classify.organisations import load_registry
from build_tools.publish.render import render_site, tidy
from build_tools.reading.inline import escape, plain_text, to_markdown
from build_tools.reading.parse import parse_report
from build_tools.reading.resolve import resolve_report
from build_tools.reading.source import decode
from tests.conftest import ROOT

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "{{ 7 * 7 }} {% if true %}yes{% endif %}",
    "{: #evil .evil }",
    "<div markdown>**not bold**</div>",
    "&lt;b&gt; and &amp;",
    "!!! danger",
    "*[HTML]: Hyper",
    "# not a heading",
]


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!ENV`` tags are MkDocs-specific."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown configured with the extensions mkdocs.yml uses."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    extensions: list[str] = []
    configs: dict[str, Any] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            extensions.append(name)
            configs[name] = options or {}
        else:
            extensions.append(item)
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


class _Elements(HTMLParser):
    """Every element and attribute of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {key: value or "" for key, value in attrs}))


def elements(fragment: str) -> tuple[list[tuple[str, dict[str, str]]], str]:
    """(tag, attributes) of every element in ``fragment``, and its visible text."""
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser.elements, "".join(parser.text)


def report_with(text: str) -> str:
    """A small report that puts ``text`` in every kind of place a report has text."""
    return (
        f"Review of health services for Children Looked After and Safeguarding in Testshire\n"
        f"Date of publication:\t20 th July 2016\n"
        f"Provider services included:\tTestshire NHS Trust {text}\n\n"
        f"Summary of the review\n\n{text}\n\n"
        f"What people told us\n\n“{text}”\n\n"
        "The child's journey\n\n1. Early help\n\n"
        f"1.1 Finding {text} (**Recommendation 1.1**)\n\n"
        f"More about it {text}\n\n"
        f"Case Example: *{text}*\n\n- {text}\n\n"
        f"N.B. {text}\n\n"
        f"A\tB {text}\nC\tD\n\n"
        f"1.2 Another. A letter will be sent to Public Health about {text}\n\n"
        "Recommendations\n\n"
        f"1. Testshire CCG and {text} should:\n\n1.1 Do {text}\n\nNext steps\n\n{text}\n"
    )


TESTSHIRE = """\
organisations:
  - {id: testshire-ccg, name: NHS Testshire CCG, kind: ccg, areas: [Testshire],
     aliases: [Testshire CCG]}
  - {id: testshire-nhs-trust, name: Testshire NHS Trust, kind: nhs-trust, areas: [Testshire],
     aliases: []}
"""


def rendered_pages(text: str, tmp_path: Path) -> dict[str, str]:
    """Every page of a site made of one report that carries ``text`` everywhere, as HTML."""
    source, problems = decode("t.txt", report_with(text).encode("utf-8"))
    assert source is not None and not problems
    report, _ = parse_report(source)
    assert report is not None
    (tmp_path / "organisations.yml").write_text(TESTSHIRE, encoding="utf-8")
    registry, problems = load_registry(tmp_path / "organisations.yml")
    assert not problems
    catalogue, _ = classify([resolve_report(report)[0]], registry)
    pages = render_site(catalogue)
    assert {"reports/testshire-2016.md", "providers/testshire-ccg.md"} <= set(pages)
    return {
        path: site_markdown().convert(page.split("\n---\n", 1)[1])
        for path, page in pages.items()
        if path.endswith(".md")
    }


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_literally(text: str, tmp_path: Path) -> None:
    pages = rendered_pages(text, tmp_path)
    for path, rendered in pages.items():
        check_inert(rendered, path)
    _, visible = elements(pages["reports/testshire-2016.md"])
    assert visible.count(plain_text(text)) >= 10, visible
    _, visible = elements(pages["providers/testshire-ccg.md"])
    assert plain_text(text) in visible


def check_inert(rendered: str, path: str) -> None:
    """No element or attribute in ``rendered`` came from report text."""
    found, _ = elements(rendered)
    tags = [tag for tag, _ in found]
    assert "script" not in tags and "img" not in tags and "b" not in tags, path
    assert "abbr" not in tags, path
    assert tags.count("h1") == 1, path
    for tag, attrs in found:
        assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript"), (path, attrs)
        assert "evil" not in attrs.get("id", "") + attrs.get("class", ""), (path, attrs)
        assert "markdown" not in attrs, (path, tag, attrs)
        assert "danger" not in attrs.get("class", ""), (path, attrs)
    assert "49" not in rendered, path  # {{ 7 * 7 }} was not evaluated


def test_escape_neutralises_markdown_syntax() -> None:
    assert escape("**x**") == "&#42;&#42;x&#42;&#42;"
    assert escape("# x") == "&#35; x"
    assert escape("1. x") == "1&#46; x"
    assert escape("- x", line_start=False) == "- x"
    assert escape("a & b < c") == "a &#38; b &#60; c"


def test_inline_markup_becomes_safe_tags_and_links() -> None:
    def target(rec: str) -> str | None:
        return None if rec == "9.9" else f"#rec-{rec.replace('.', '-')}"

    assert to_markdown("(**Recommendation 1.3**)", target) == (
        "(<strong>[Recommendation 1.3](#rec-1-3)</strong>)"
    )
    assert to_markdown("[Recommendation 1.1](#)", target) == "[Recommendation 1.1](#rec-1-1)"
    listed = to_markdown("(Recommendations 1.9, 2.2 and 4.16)", target)
    assert listed == "(Recommendations [1.9](#rec-1-9), [2.2](#rec-2-2) and [4.16](#rec-4-16))"
    dangling = to_markdown("(Recommendation 9.9)", target)
    assert "](#" not in dangling and 'class="clas-dangling"' in dangling


def test_unbalanced_markers_do_not_leak() -> None:
    assert to_markdown("- 2. Testshire CCG should:**") == "&#45; 2. Testshire CCG should:"
    assert plain_text("***(Recommendation 2.1) These concerns") == (
        "(Recommendation 2.1) These concerns"
    )
    assert to_markdown("****") == ""


def test_tidy_collapses_blank_lines() -> None:
    assert tidy("a  \n\n\n\nb\n\n") == "a\n\nb\n"
