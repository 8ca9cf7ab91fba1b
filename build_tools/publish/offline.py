"""The downloadable copy of the site for reading from disk, as a reproducible zip file.

The copy is a second MkDocs build with ``CLAS_OFFLINE=true``: links end in ``.html`` and the
search records are a script beside the pages, so search works from ``file://`` (see
``mkdocs_hooks``). Entries are sorted and carry a fixed timestamp, so the same site
gives the same zip bytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)
FOLDER = "clas-reports"


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
