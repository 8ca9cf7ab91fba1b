"""Rendering: report text is data — escaped on every page, never markup, HTML or template."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import markdown
import pytest
import yaml

from build_tools.inline import escape, plain_text, to_markdown
from build_tools.parse import parse_report
from build_tools.render import render_report, tidy
from build_tools.resolve import resolve_report
from build_tools.source import decode
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


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_literally(text: str) -> None:
    source, problems = decode("t.txt", report_with(text).encode("utf-8"))
    assert source is not None and not problems
    report, _ = parse_report(source)
    assert report is not None
    page = render_report(resolve_report(report)[0])
    body = page.split("\n---\n", 1)[1]
    rendered = site_markdown().convert(body)
    found, visible = elements(rendered)
    tags = [tag for tag, _ in found]
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert "abbr" not in tags
    assert tags.count("h1") == 1
    for tag, attrs in found:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not attrs.get("href", "").lower().startswith("javascript"), attrs
        assert "evil" not in attrs.get("id", "") + attrs.get("class", ""), attrs
        assert "markdown" not in attrs, (tag, attrs)
        assert "danger" not in attrs.get("class", ""), attrs
    assert "49" not in rendered  # {{ 7 * 7 }} was not evaluated
    # The words are on the page in every place the source has them.
    assert visible.count(plain_text(text)) >= 10, visible


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
