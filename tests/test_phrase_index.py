"""The phrase index (``search/phrases/``): which records hold three given words together.

The search script hashes the words typed as the hook hashed the records' words; the browser
test ``tests/browser/test_header_search.py::test_a_phrase_is_listed_from_the_phrase_index_alone``
checks the two agree on a real site. Here: the words are read as the script reads them, every
run of three words of every record is found again from the files, and the files are the same
for the same records."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.publish.mkdocs_hooks import (
    PAGEFIND_BUNDLE,
    PHRASE_WORDS,
    PHRASES,
    SearchRecord,
    leb128,
    phrase_hash,
    phrase_tokens,
    write_phrase_index,
)
from tests.conftest import BuiltSite


def test_words_are_read_as_the_search_script_reads_them() -> None:
    """Case, accents, apostrophes (straight and curly) and punctuation go; hyphens and the dot
    of a number split words, as ``tokens()`` in docs/javascripts/search.js does."""
    text = "The Children’s multi-agency MASH (Recommendation 3.5) café's O'Brien; réunion—done"
    assert phrase_tokens(text) == [
        "the",
        "childrens",
        "multi",
        "agency",
        "mash",
        "recommendation",
        "3",
        "5",
        "cafes",
        "obrien",
        "reunion",
        "done",
    ]
    assert phrase_tokens("snake_case 2nd") == ["snake", "case", "2nd"]


def test_the_hash_is_crc32_of_the_words_as_utf8() -> None:
    """The check value of CRC-32 and its value for other text, which ``phraseHash`` in the
    script computes."""
    assert phrase_hash(["123456789"]) == 0xCBF43926
    assert phrase_hash([]) == 0
    assert phrase_hash(["the", "quick", "brown", "fox"]) == phrase_hash(["the quick brown fox"])
    assert phrase_hash(["café"]) == 0x98AD42B5
    assert phrase_hash(["café"]) != phrase_hash(["cafe"])


def fake_bundle(site: Path, count: int) -> dict[int, str]:
    """Pagefind's fragments for records 0 … count-1, as Pagefind writes them (gzip, its
    signature, JSON with the address of the page it read); returns their names."""
    folder = site / PAGEFIND_BUNDLE / "fragment"
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for number in range(count):
        name = f"en_{number * 7919 % 65536:07x}"
        data = b"pagefind_dcd" + json.dumps({"url": f"/{number:06d}.html"}).encode()
        (folder / f"{name}.pf_fragment").write_bytes(gzip.compress(data, mtime=0))
        names[number] = name
    return names


def unpack(data: bytes) -> list[int]:
    """Unsigned LEB128 numbers, as ``phraseList`` in the script reads them."""
    values, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            values.append(value)
            value, shift = 0, 0
    return values


def shard_lists(data: bytes, shards: int) -> dict[int, list[int]]:
    """A shard's trigrams (their full hash) and the records holding each."""
    values = unpack(data)
    found: dict[int, list[int]] = {}
    at, rest = 0, 0
    while at < len(values):
        rest += values[at]
        count = values[at + 1]
        gaps = values[at + 2 : at + 2 + count]
        numbers = [sum(gaps[: i + 1]) for i in range(count)]
        found[rest] = numbers
        at += 2 + count
    return {rest * shards: numbers for rest, numbers in found.items()}


def holders(site: Path, words: list[str]) -> set[int]:
    """What the script reads from the files: the records holding every run of three words."""
    folder = site / PHRASES
    index = json.loads((folder / "index.json").read_text("utf-8"))
    shards = index["shards"]
    found: set[int] | None = None
    for start in range(len(words) - PHRASE_WORDS + 1):
        key = phrase_hash(words[start : start + PHRASE_WORDS])
        lists = shard_lists((folder / f"{key % shards}.bin").read_bytes(), shards)
        numbers = set(lists.get(key - key % shards, []))
        found = numbers if found is None else found & numbers
    return found or set()


def record(number: int, text: str) -> SearchRecord:
    return SearchRecord(f"reports/a/#finding-1-{number}", f"A · Finding 1.{number}", "F", "", text)


@given(st.lists(st.integers(0, 2**40), max_size=50))
def test_numbers_are_written_as_unsigned_leb128(values: list[int]) -> None:
    data = leb128(values)
    assert unpack(data) == values
    assert len(data) == sum(max(1, -(-value.bit_length() // 7)) for value in values)


def test_leb128_examples() -> None:
    """From the DWARF specification's examples."""
    assert leb128([2, 127, 128, 129, 130, 12857]) == bytes(
        [2, 127, 0x80, 1, 0x81, 1, 0x82, 1, 0xB9, 0x64]
    )


def test_a_phrase_of_common_words_finds_only_its_record(tmp_path: Path) -> None:
    """Common words count: "examples of the" tells the record that holds it from one holding
    the same telling words with other words between."""
    records = [
        record(0, "Outcomes are positive examples of the work done."),
        record(1, "Outcomes are positive examples, and the work is done."),
        record(2, "The outcomes are good: positive examples of the work are given."),
    ]
    names = fake_bundle(tmp_path, len(records))
    write_phrase_index(tmp_path, records)
    assert holders(tmp_path, phrase_tokens("outcomes are positive examples of the")) == {0}
    # Punctuation does not count: record 2 holds this run too.
    assert holders(tmp_path, phrase_tokens("positive examples of the work")) == {0, 2}
    assert holders(tmp_path, phrase_tokens("examples of the work")) == {0, 2}
    assert holders(tmp_path, phrase_tokens("the work is done")) == {1}
    assert holders(tmp_path, phrase_tokens("the work was done")) == set()
    folder = tmp_path / PHRASES
    index = json.loads((folder / "index.json").read_text("utf-8"))
    assert index == {"version": 2, "shards": 1, "ids": 512, "records": 3}
    ids = json.loads((folder / "ids-0.json").read_text("utf-8"))
    assert ids == [names[0], names[1], names[2]]


def test_the_files_are_the_same_for_the_same_records_and_replace_older_ones(
    tmp_path: Path,
) -> None:
    records = [record(n, f"Item {n} says the same few words again and again.") for n in range(9)]
    fake_bundle(tmp_path, len(records))
    (tmp_path / PHRASES).mkdir(parents=True)
    (tmp_path / PHRASES / "999.bin").write_bytes(b"")
    write_phrase_index(tmp_path, records)
    first = {p.name: p.read_bytes() for p in sorted((tmp_path / PHRASES).iterdir())}
    assert "999.bin" not in first
    write_phrase_index(tmp_path, records)
    again = {p.name: p.read_bytes() for p in sorted((tmp_path / PHRASES).iterdir())}
    assert again == first


def test_a_larger_corpus_gets_more_shards_and_more_id_files(tmp_path: Path) -> None:
    words = [f"w{n}" for n in range(200)]
    records = [
        record(n, " ".join(words[(n * 13 + k) % 200] for k in range(40))) for n in range(1200)
    ]
    names = fake_bundle(tmp_path, len(records))
    write_phrase_index(tmp_path, records)
    folder = tmp_path / PHRASES
    index = json.loads((folder / "index.json").read_text("utf-8"))
    assert index["shards"] > 1 and index["shards"] & (index["shards"] - 1) == 0
    assert sorted(p.name for p in folder.glob("ids-*.json")) == [
        "ids-0.json",
        "ids-1.json",
        "ids-2.json",
    ]
    assert json.loads((folder / "ids-2.json").read_text("utf-8"))[0] == names[1024]
    assert 700 in holders(tmp_path, phrase_tokens(records[700].text)[5:12])


_WORD = st.sampled_from(["the", "of", "child", "plan", "review", "health", "a", "care", "gp", "2"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_WORD, min_size=0, max_size=25), min_size=1, max_size=12), st.data())
def test_every_run_of_words_in_a_record_finds_it(
    texts: list[list[str]], data: st.DataObject
) -> None:
    """Any run of three or more consecutive words of any record finds that record, and every
    record found holds every run of three of those words."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        records = [record(n, " ".join(words).capitalize() + ".") for n, words in enumerate(texts)]
        fake_bundle(site, len(records))
        write_phrase_index(site, records)
        number = data.draw(st.integers(0, len(texts) - 1))
        words = texts[number]
        if len(words) < PHRASE_WORDS:
            return
        start = data.draw(st.integers(0, len(words) - PHRASE_WORDS))
        end = data.draw(st.integers(start + PHRASE_WORDS, len(words)))
        run = words[start:end]
        found = holders(site, run)
        assert number in found
        for other in found:
            held = texts[other]
            for i in range(len(run) - PHRASE_WORDS + 1):
                trio = run[i : i + PHRASE_WORDS]
                assert any(held[j : j + PHRASE_WORDS] == trio for j in range(len(held)))


def test_the_built_site_has_a_phrase_index_naming_every_records_fragment(
    built_site: BuiltSite,
) -> None:
    """Built by MkDocs with the real Pagefind: every record's fragment is named, and a phrase
    of one finding finds that finding's fragment."""
    folder = built_site.site / PHRASES
    index = json.loads((folder / "index.json").read_text("utf-8"))
    ids = [
        name
        for table in range(-(-index["records"] // index["ids"]))
        for name in json.loads((folder / f"ids-{table}.json").read_text("utf-8"))
    ]
    assert len(ids) == index["records"] > 1000
    fragments = built_site.site / PAGEFIND_BUNDLE / "fragment"
    assert all((fragments / f"{name}.pf_fragment").is_file() for name in ids)
    found = holders(built_site.site, phrase_tokens("bookings are conducted at a woman’s home"))
    assert len(found) == 1
    data = gzip.decompress((fragments / f"{ids[found.pop()]}.pf_fragment").read_bytes())
    record = json.loads(data.removeprefix(b"pagefind_dcd"))
    assert record["meta"]["url"] == "reports/dorset-2016/#finding-1-1"
