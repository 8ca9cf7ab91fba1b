"""MkDocs hook (``hooks:`` in mkdocs.yml): make every finding and recommendation a search result.

The published site is searched with Pagefind (see ``docs/about.md`` for why). While MkDocs
builds, this hook reads each built page into search records (:func:`page_records`).

Readers search with words they remember from one recommendation or finding, and the address
they copy from the result goes into training materials. So the index holds items, not pages:
a record per finding, recommendation, example and section of a report, holding the item's
words as the page shows them, with its own address (``reports/<slug>/#rec-1-3``), a title
that names its report and number ("Peterborough 2016 · Recommendation 1.3"). On a report page
an item runs from the element carrying its anchor (``rec-…``, ``finding-…``, ``example-…``, or
a heading's id) to the next such element; the per-item lists of addressees, themes, evidence
and similar recommendations, and the ``¶`` and number links, are left out
(:data:`SKIPPED_CLASSES`). Any other page gives one record: its name and first paragraph
(``summary``, so that an organisation's or a theme's copies of the reports' recommendations
never outrank the reports) or its whole text (``full``). After the build the records are
indexed into ``site/pagefind/``; the search page (``docs/javascripts/search.js``) ranks them.

This file imports nothing from ``build_tools``: MkDocs loads it by its path (``mkdocs.yml``),
and a project copied for a test or a benchmark holds only this file and the theme.

The offline copy cannot use Pagefind: a browser will not fetch its index from ``file://``.
With ``CLAS_SEARCH_RECORDS=<file>`` set, the hook also writes every record there as JSON
(:func:`write_record_rows`); ``python -m build_tools offline-copy`` makes the copy from the
built site and that file (:mod:`build_tools.publish.offline`).
"""

from __future__ import annotations

import gzip
import html
import itertools
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

log = logging.getLogger("mkdocs.hooks.clas")

# Where the Pagefind bundle goes in the site.
PAGEFIND_BUNDLE = "pagefind"
# Front matter ``search_index``: ``full`` indexes the whole article, ``summary`` its title and
# first paragraph; pages without it are not indexed.
SEARCH_INDEX_KEY = "search_index"


#: Elements whose text is not an item's words: links to the anchor, and the lists the site adds
#: under each recommendation (its addressees, themes, evidence, similar recommendations).
SKIPPED_CLASSES = frozenset(
    {
        "headerlink",
        "clas-permalink",
        "clas-rec-number",
        "clas-rec-to",
        "clas-rec-themes",
        "clas-evidence",
        "clas-rec-similar",
        "clas-checks",
        "admonition-title",
    }
)
_ITEM_ID = re.compile(r"^(?:rec|finding)-(?P<number>\d+(?:-\d+)*)$|^example-\d+$")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col"})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One search result: an item of a report, a section of one, or a whole other page."""

    url: str
    """Site-relative address, with the item's anchor: ``reports/peterborough-2016/#rec-1-3``."""
    title: str
    """What the result is called: ``Peterborough 2016 · Recommendation 1.3``."""
    kind: str
    """Recommendation, Finding, the example's own label, Section, Report, Organisation, …"""
    number: str
    """``1.3`` for a recommendation or finding; empty otherwise."""
    text: str
    """The item's words as the page shows them, with single spaces."""


@dataclass(slots=True)
class _Run:
    """The text under one anchor while the page is read."""

    anchor: str
    label: str = ""
    """An example's own label ("Good Practice Example"), which is not part of its words."""
    parts: list[str] = field(default_factory=list)


class _Article(HTMLParser):
    """Splits a page's ``<article>`` into runs of text, each under the anchor that opens it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.skip_depth = 0  # inside a skipped element when > 0
        self.stack: list[tuple[str, bool]] = []  # open elements: tag, whether it skips
        self.runs = [_Run("")]
        self.in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.depth += 1
            return
        if not self.depth or tag in _VOID:
            return
        classes = set((values.get("class") or "").split())
        skipped = bool(classes & SKIPPED_CLASSES)
        self.stack.append((tag, skipped))
        if "admonition-title" in classes and self.runs[-1].anchor.startswith("example-"):
            self.in_label = True
        if skipped:
            self.skip_depth += 1
        anchor = values.get("id") or ""
        if anchor and (_ITEM_ID.match(anchor) or tag in _HEADINGS):
            self.runs.append(_Run(anchor))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
            return
        if not self.depth or tag in _VOID or not self.stack:
            return
        # Close up to the matching element (HTML from Markdown is well formed).
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip_depth -= 1
                self.in_label = False
            if open_tag == tag:
                break
        if tag in _HEADINGS or tag in {"p", "li", "td", "th", "div", "blockquote"}:
            self.runs[-1].parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            return
        if self.in_label:
            self.runs[-1].label = _SPACE.sub(" ", data).strip()
        elif not self.skip_depth:
            self.runs[-1].parts.append(data)


def _tidy(parts: list[str]) -> str:
    """The text of a run, a line per paragraph, spaces collapsed."""
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def page_records(output: str, scope: str, title: str, url: str, kind: str) -> list[SearchRecord]:
    """The search records of one built page (``scope`` is its front matter ``search_index``).

    ``title`` is the page's short title ("Peterborough (2016)"), ``url`` its site-relative
    address and ``kind`` what a result on it is called when it is not an item ("Report",
    "Organisation", "Theme", or empty).
    """
    if scope not in ("full", "summary"):
        return []
    parser = _Article()
    if scope == "summary":
        # Its title and first paragraph are at the start of the page: an organisation's or a
        # theme's page is read only that far (at 150 reports they are 47 MB of HTML).
        for start in range(0, len(output), _SUMMARY_CHUNK):
            parser.feed(output[start : start + _SUMMARY_CHUNK])
            if _summary_read(parser):
                break
    else:
        parser.feed(output)
    parser.close()
    runs = [(run.anchor, run.label, _tidy(run.parts)) for run in parser.runs]
    if scope == "summary" or not any(_ITEM_ID.match(anchor) for anchor, _, _ in runs):
        return [_whole_page(runs, scope, title, url, kind)]
    name = report_label(title)
    records = []
    for anchor, label, text in runs:
        if not text:
            continue
        match = _ITEM_ID.match(anchor)
        number = (match["number"] or "").replace("-", ".") if match else ""
        if anchor.startswith("rec-"):
            item_kind = "Recommendation"
        elif anchor.startswith("finding-"):
            item_kind = "Finding"
        elif anchor.startswith("example-"):
            item_kind = label or "Example"
        else:
            item_kind = "Section"
        if item_kind == "Section":
            heading = text.split("\n", 1)[0]  # a section's text starts with its heading
            item_title = f"{name} · {heading}" if heading != name else name
        else:
            item_title = f"{name} · {item_kind} {number}".rstrip()
        address = f"{url}#{anchor}" if anchor else url
        records.append(SearchRecord(address, item_title, item_kind, number, " ".join(text.split())))
    return records


#: Characters of a page read at a time while looking for its summary.
_SUMMARY_CHUNK = 16_384
#: Lines of a page that make its summary: its title and first paragraph.
_SUMMARY_LINES = 2


def _summary_read(parser: _Article) -> bool:
    """Whether ``parser`` has read a page's summary: that many lines, each one ended."""
    text = "".join(part for run in parser.runs for part in run.parts)
    ended = [line for line in text.split("\n")[:-1] if line.strip()]
    return len(ended) >= _SUMMARY_LINES


def _whole_page(
    runs: list[tuple[str, str, str]], scope: str, title: str, url: str, kind: str
) -> SearchRecord:
    """A page that is not a report: its title and first paragraph, or all of it."""
    lines = [line for _, _, text in runs for line in text.split("\n") if line]
    if scope == "summary":
        lines = lines[:_SUMMARY_LINES]
    return SearchRecord(url, title, kind or "Page", "", " ".join(" ".join(lines).split()))


def report_label(title: str) -> str:
    """``Peterborough (2016)`` → ``Peterborough 2016``: how results name a report."""
    return _SPACE.sub(" ", html.unescape(title).replace("(", "").replace(")", "")).strip()


# What a search result is, by the first part of its page's address.
KINDS = {"reports": "Report", "providers": "Organisation", "themes": "Theme"}


def kind_of(url: str) -> str:
    """``providers/x/`` → ``Organisation``; an index page or any other page → empty."""
    section, _, rest = url.partition("/")
    return KINDS.get(section, "") if rest.strip("/") and rest != "index.html" else ""


def write_records(records: list[SearchRecord], folder: Path) -> None:
    """One small HTML file per record, for Pagefind to index: the record's words as the page's
    body, its address, title, kind and number as metadata (``data-pagefind-meta``). The number
    is not a Pagefind filter: Pagefind writes its filter index in a different order each run,
    and builds must be byte-identical."""
    folder.mkdir(parents=True, exist_ok=True)
    for position, record in enumerate(records):
        head = "".join(
            f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
            for key, value in (
                ("url", record.url or "./"),  # the home page's address is empty
                ("title", record.title),
                ("kind", record.kind),
                ("number", record.number),
            )
            if value
        )
        page = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head>'
            f"<body><main data-pagefind-body><p>{html.escape(record.text)}</p></main></body>"
            "</html>\n"
        )
        (folder / f"{position:06d}.html").write_text(page, encoding="utf-8")


#: The search records of the build in progress, page by page (MkDocs builds one site at a time).
_RECORDS: list[SearchRecord] = []


def on_pre_build(config: Any, **_: Any) -> None:
    _RECORDS.clear()


def on_post_page(output: str, page: Any, config: Any, **_: Any) -> str:
    scope = str(page.meta.get(SEARCH_INDEX_KEY, ""))
    # The title is HTML-escaped in the front matter (see render._yaml_string).
    title = html.unescape(str(page.title or ""))
    url = str(page.url)
    _RECORDS.extend(page_records(output, scope, title, url, kind_of(url)))
    return output


#: Environment variable: where to write every search record as JSON, for the offline copy.
RECORDS_SETTING = "CLAS_SEARCH_RECORDS"


def write_record_rows(records: list[SearchRecord], target: Path) -> None:
    """Every record as ``[[url, title, kind, number, text], …]`` in ``target`` (JSON)."""
    rows = [[r.url, r.title, r.kind, r.number, r.text] for r in records]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")), "utf-8")


def index_with_pagefind(site: Path, records: list[SearchRecord]) -> int:
    """Write the Pagefind bundle of ``records`` into ``site`` (in place of any bundle there);
    returns the records indexed.

    Pagefind's command line, not its Python API: the API's service can be stopped while it is
    still writing the bundle (a truncated ``pagefind.js`` was seen), the command returns when
    every file is written. It indexes a folder of one small page per record (see
    :func:`write_records`), written outside the site and removed afterwards.
    """
    from pagefind.service import get_executable  # noqa: PLC0415 (only when indexing)

    executable = get_executable()
    if executable is None:
        raise PluginError("search: Pagefind's program is missing; run `make site` to install it")
    # Pagefind adds its files to what the folder holds: a bundle written over an older one
    # (a site indexed again) would mix the two, and search would miss records.
    shutil.rmtree(site / PAGEFIND_BUNDLE, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="clas-search-") as folder:
        write_records(records, Path(folder))
        command = [str(executable), "--site", folder, "--force-language", "en"]
        command += ["--output-path", str(site / PAGEFIND_BUNDLE)]
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip()
        raise PluginError(f"search: Pagefind failed ({completed.returncode}): {output}")
    write_phrase_index(site, records)
    counted = re.search(r"Indexed (\d+) pages?", completed.stdout)
    return int(counted[1]) if counted else 0


# The phrase index: which records hold three given words together, in order.
#
# Pagefind finds a phrase from the positions of all its words, and the common words ("of the")
# are the largest part of its index: at 150 reports the list as you type would fetch hundreds
# of kilobytes to tell "outcomes are positive examples of the" from the many items with
# "outcomes ... positive examples". This index answers that from a few kilobytes: every run of
# three consecutive words (a trigram) of every record, hashed, with the records holding it. The
# search script (``phrase*`` in docs/javascripts/search.js) hashes the trigrams of the words
# typed the same way, fetches the shards holding them, and the records in every list hold the
# phrase; it reads them from Pagefind's fragments (``ids``: record number → fragment).
#
# Files, under ``search/phrases/``:
#   ``index.json``: ``{"version": 2, "shards": S, "ids": K, "records": N}``;
#   ``<s>.bin``: the trigrams whose hash % S is s (S is a power of two), each as unsigned LEB128
#     numbers: its hash // S as the gap from the trigram before it (hashes ascending, the first
#     from 0), how many records hold it, then their numbers, ascending, each after the first as
#     its gap to the one before. Binary and gaps keep the index to a few bytes per word of the
#     reports (JSON took five times as much);
#   ``ids-<t>.json``: the Pagefind fragment names (``en_3341ecf``) of records t*K … t*K+K-1.
PHRASES = "search/phrases"
PHRASE_WORDS = 3
PHRASE_FORMAT = 2
#: Record numbers per ``ids-<t>.json``.
PHRASE_IDS_PER_FILE = 512
#: About this many postings per shard: a few kilobytes gzipped. The shard count is the power of
#: two that gives it, so that a bigger corpus gets more shards, not bigger ones.
_POSTINGS_PER_SHARD = 1400
_MAX_SHARDS = 8192
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc`]")
_MARKS = re.compile("[\u0300-\u036f]")
_NOT_WORD = re.compile(r"[\W_]+")


def phrase_tokens(text: str) -> list[str]:
    """The words of ``text`` as the search script's ``tokens()`` reads them: accents and
    apostrophes dropped, lower case, split at anything but a letter or digit."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()
    return [word for word in _NOT_WORD.split(_APOSTROPHES.sub("", text)) if word]


def phrase_hash(words: list[str]) -> int:
    """CRC-32 (as zlib and PNG compute it) of the words joined by single spaces, as UTF-8
    (``phraseHash`` in the search script computes the same)."""
    return zlib.crc32(" ".join(words).encode("utf-8"))


def _fragment_names(bundle: Path) -> dict[int, str]:
    """Record number → the name of its Pagefind fragment: Pagefind names a fragment by a hash
    and keeps the address of the page it read (``/000042.html``, see :func:`write_records`)."""
    names: dict[int, str] = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        found = re.fullmatch(r"/(\d+)\.html", str(json.loads(data).get("url", "")))
        if found:
            names[int(found[1])] = fragment.stem
    return names


def write_phrase_index(site: Path, records: list[SearchRecord]) -> None:
    """Write the phrase index of ``records`` (numbered as :func:`write_records` numbers them)
    beside the Pagefind bundle in ``site``, in place of any there."""
    target = site / PHRASES
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    postings: dict[int, list[int]] = defaultdict(list)
    for number, record in enumerate(records):
        words = phrase_tokens(record.text)
        # phrase_hash of each run of three words, written out: millions of runs at 150 reports.
        runs = zip(words, words[1:], words[2:], strict=False)
        held = {zlib.crc32(f"{a} {b} {c}".encode()) for a, b, c in runs}
        for key in held:
            postings[key].append(number)
    total = sum(len(numbers) for numbers in postings.values())
    shards = 1
    while shards < _MAX_SHARDS and total / shards > _POSTINGS_PER_SHARD:
        shards *= 2
    bits = shards.bit_length() - 1
    files: list[list[int]] = [[] for _ in range(shards)]
    last = [0] * shards
    for key in sorted(postings):  # in each shard, ascending key is ascending key >> bits
        numbers = postings[key]
        shard = key % shards
        files[shard] += [(key >> bits) - last[shard], len(numbers), numbers[0]]
        files[shard] += [b - a for a, b in itertools.pairwise(numbers)]
        last[shard] = key >> bits
    for shard, values in enumerate(files):
        (target / f"{shard}.bin").write_bytes(leb128(values))
    names = _fragment_names(site / PAGEFIND_BUNDLE)
    for start in range(0, len(records), PHRASE_IDS_PER_FILE):
        ids = [
            names.get(n, "") for n in range(start, min(start + PHRASE_IDS_PER_FILE, len(records)))
        ]
        _write_json(target / f"ids-{start // PHRASE_IDS_PER_FILE}.json", ids)
    meta = {"version": PHRASE_FORMAT, "shards": shards, "ids": PHRASE_IDS_PER_FILE}
    _write_json(target / "index.json", {**meta, "records": len(records)})
    missing = len(records) - len(names)
    if missing:
        log.warning(
            "search: %d records have no Pagefind fragment; phrases will not find them", missing
        )


def leb128(values: list[int]) -> bytes:
    """``values`` (each ≥ 0) as unsigned LEB128: seven bits a byte, the high bit set on every
    byte of a number but its last."""
    out = bytearray()
    for value in values:
        rest = value
        while rest >= 0x80:
            out.append((rest & 0x7F) | 0x80)
            rest >>= 7
        out.append(rest)
    return bytes(out)


def _write_json(path: Path, value: Any) -> None:
    path.write_text(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
        encoding="utf-8",
    )


def index_built_site(site: Path, docs: Path) -> int:
    """Index a site built without this hook (by Zensical, which does not run MkDocs hooks): the
    records of each page of ``docs/`` with ``search_index``, read from its ``site/`` HTML (built
    with directory URLs). Returns the records indexed."""
    records: list[SearchRecord] = []
    for source in sorted(docs.rglob("*.md")):
        _, meta = get_data(source.read_text(encoding="utf-8"))
        scope = str(meta.get(SEARCH_INDEX_KEY, ""))
        if not scope:
            continue
        relative = source.relative_to(docs).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "index" else relative.parts
        url = "/".join(parts) + "/" if parts else ""
        page = site.joinpath(*parts, "index.html")
        if not page.is_file():
            continue
        title = html.unescape(str(meta.get("title", "")))
        output = page.read_text(encoding="utf-8")
        records.extend(page_records(output, scope, title, url, kind_of(url)))
    return index_with_pagefind(site, records)


def on_post_build(config: Any, **_: Any) -> None:
    """Index the built site's records with Pagefind (and write them for the offline copy when
    ``CLAS_SEARCH_RECORDS`` says where)."""
    site = Path(config["site_dir"])
    count = index_with_pagefind(site, list(_RECORDS))
    log.info("search: Pagefind indexed %d items and pages into %s/", count, PAGEFIND_BUNDLE)
    rows = os.environ.get(RECORDS_SETTING)
    if rows:
        write_record_rows(list(_RECORDS), Path(rows))
        log.info("search: %d items and pages written to %s", len(_RECORDS), rows)
