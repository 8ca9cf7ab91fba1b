"""The downloadable copy of the site for reading from disk, and its reproducible zip.

The copy is made from the published site, not built a second time (a second MkDocs build took
as long as the first: 100 s at 150 reports). Opened from ``file://``, a browser shows a
folder's listing for a link to the folder, will not fetch Pagefind's index, and runs a script
beside the page. So the copy (:func:`make_offline_copy`) is the published site with:

- every relative link to a folder (``../providers/x/``, ``./``, ``..``) pointing at the
  folder's ``index.html`` (in ``href``, ``src`` and ``action`` attributes);
- the header's search form marked ``data-clas-engine="local"``: the search script then ranks
  the records of ``search/clas-items.js``, a script holding every search record (the MkDocs
  hook writes them as JSON when ``CLAS_SEARCH_RECORDS`` is set) and the glossary's synonyms;
- without Pagefind's bundle, the phrase index and the zip itself.

The zip's entries are sorted and carry a fixed timestamp, so the same site gives the same zip
bytes.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

_EPOCH = (1980, 1, 1, 0, 0, 0)
FOLDER = "clas-reports"
#: The zip of the copy, in the published site (left out of the copy itself).
ZIP = "downloads/clas-reports-offline.zip"
#: The copy's search records and synonyms, a script the search script loads.
OFFLINE_RECORDS = "search/clas-items.js"
#: The glossary's terms and their other names (written by build_tools, published as JSON).
SYNONYMS = "glossary/synonyms.json"
#: What only the published site needs: Pagefind's bundle and the phrase index.
_LEFT_OUT = ("pagefind/", "search/phrases/")

_ATTRIBUTE = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ENGINE = 'data-clas-engine="pagefind"'


def local_link(url: str) -> str:
    """``url`` as a page opened from disk needs it: a relative link to a folder gets the
    folder's ``index.html`` (``../x/#a`` → ``../x/index.html#a``, ``..`` → ``../index.html``);
    anything else (a file, an anchor, another site) is unchanged."""
    if not url or url.startswith(("#", "/")) or _SCHEME.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path.endswith("/"):
        return f"{path}index.html{rest}"
    if path.rsplit("/", 1)[-1] in (".", ".."):
        return f"{path}/index.html{rest}"
    return url


def offline_page(html: str) -> str:
    """A published page as the offline copy holds it (see the module docstring)."""
    linked = _ATTRIBUTE.sub(lambda m: m[1] + local_link(m[2]) + m[3], html)
    return linked.replace(_ENGINE, 'data-clas-engine="local"')


def _script_value(value: Any) -> str:
    """``value`` as JSON that a ``<script>`` can hold: every non-ASCII character and ``<``,
    ``>`` and ``&`` escaped, so nothing in report text can close the script or read as markup."""
    data = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_offline_records(rows: list[list[str]], synonyms: Any, target: Path) -> None:
    """``window.CLAS_SEARCH_ITEMS = [[url, title, kind, number, text], …]`` (each address as
    :func:`local_link` gives it, from the site's root) and ``window.CLAS_SEARCH_SYNONYMS``: a
    page opened from disk may run this script, not fetch a JSON file."""
    items = [[local_link(row[0] or "./"), *row[1:]] for row in rows]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"window.CLAS_SEARCH_ITEMS = {_script_value(items)};\n"
        f"window.CLAS_SEARCH_SYNONYMS = {_script_value(synonyms)};\n",
        encoding="utf-8",
    )


def make_offline_copy(site: Path, records: Path, target: Path) -> int:
    """Make the offline copy of the published ``site`` in ``target`` (replacing it), with the
    search records the MkDocs hook wrote to ``records``; returns the files written."""
    shutil.rmtree(target, ignore_errors=True)
    count = 0
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if not path.is_file() or relative == ZIP or relative.startswith(_LEFT_OUT):
            continue
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".html":
            copy.write_text(offline_page(path.read_text("utf-8")), "utf-8")
        else:
            shutil.copyfile(path, copy)
        count += 1
    rows = json.loads(records.read_text("utf-8"))
    synonyms_path = site / SYNONYMS
    synonyms = json.loads(synonyms_path.read_text("utf-8")) if synonyms_path.is_file() else []
    write_offline_records(rows, synonyms, target / OFFLINE_RECORDS)
    return count + 1


def zip_site(site: Path, target: Path) -> int:
    """Zip every file under ``site`` into ``target`` (inside a ``clas-reports/`` folder)."""
    files = sorted(path for path in site.rglob("*") if path.is_file())
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)
