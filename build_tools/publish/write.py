"""Write rendered pages into ``docs/``: the only module that touches the output tree.

The generator owns the files it wrote — every page starts with front matter holding
``generated_by: build_tools``, and other files it writes (the downloads) are listed in
``docs/.generated``, which MkDocs does not publish — and nothing else: a hand-written file in
the way is reported, never overwritten, and only generated files that no longer have a page are
removed. Files are written only when their bytes change, so a rebuild after editing one report
rewrites only the pages that depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from .render import GENERATED_KEY

#: Folders (inside docs/) whose Markdown files the generator may remove when stale.
GENERATED_DIRS = ("reports", "providers", "themes", "downloads", "glossary")
#: Lists the generated files that cannot carry front matter (CSV, JSON).
MANIFEST = ".generated"
_MARKER = f"\n{GENERATED_KEY}: build_tools\n"


def is_generated(path: Path) -> bool:
    """True when ``path`` is a page this generator wrote (its front matter says so)."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return False
    if not head.startswith("---\n"):
        return False
    end = head.find("\n---", 3)
    return end != -1 and _MARKER in head[: end + 1]


def write_text_file(path: Path, text: str, dry_run: bool = False) -> bool:
    """Write ``text`` to ``path`` if it differs; True when it did (or would)."""
    if path.exists() and path.read_text("utf-8") == text:
        return False
    if not dry_run:
        path.write_text(text, encoding="utf-8")
    return True


@dataclass
class WriteResult:
    """What a write (or a dry run) did."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    """Files written outside docs/ (the address manifest), relative to the project root."""

    @property
    def changed(self) -> bool:
        """True when docs/ (or the manifest) differs from what the build renders."""
        return bool(self.written or self.removed or self.outside)


def write_pages(docs: Path, pages: dict[str, str], dry_run: bool = False) -> WriteResult:
    """Bring the generated files under ``docs`` in line with ``pages``."""
    result = WriteResult()
    manifest_path = docs / MANIFEST
    listed = set(manifest_path.read_text("utf-8").split()) if manifest_path.exists() else set()
    for relative in sorted(pages):
        target = docs / relative
        data = pages[relative].encode("utf-8")
        if target.exists():
            if not (is_generated(target) or relative in listed):
                result.diagnostics.append(
                    diag.make(
                        str(target),
                        1,
                        "hand-written-file",
                        f"docs/{relative} was not written by the generator, so it is left alone; "
                        "move it, or add 'generated_by: build_tools' to its front matter to "
                        "hand it over",
                    )
                )
                continue
            if target.read_bytes() == data:
                result.unchanged.append(relative)
                continue
        result.written.append(relative)
        if not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    stale = {
        relative for relative in listed if relative not in pages and (docs / relative).is_file()
    }
    for folder in GENERATED_DIRS:
        root = docs / folder
        if root.is_dir():
            stale.update(
                path.relative_to(docs).as_posix()
                for path in root.rglob("*.md")
                if path.relative_to(docs).as_posix() not in pages and is_generated(path)
            )
    for relative in sorted(stale):
        result.removed.append(relative)
        if not dry_run:
            (docs / relative).unlink()
    manifest = "".join(
        f"{relative}\n" for relative in sorted(pages) if not relative.endswith(".md")
    )
    if not dry_run and (manifest or listed):
        old = manifest_path.read_text("utf-8") if manifest_path.exists() else None
        if old != manifest:
            docs.mkdir(parents=True, exist_ok=True)
            manifest_path.write_text(manifest, encoding="utf-8")
    return result
