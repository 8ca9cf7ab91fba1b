"""Command line: ``python -m build_tools build|parse|check|import|…``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .build import build, parse_one
from .diagnostics import Diagnostic, Level
from .pdf.furniture import page_ranges
from .pdf.importer import Check, check_files, import_files
from .publish.export import report_json
from .publish.offline import make_offline_copy, zip_site
from .reading.parse import parse_report
from .reading.source import read_source

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _exit_status(diagnostics: list[Diagnostic], strict: bool) -> int:
    levels = {item.level for item in diagnostics}
    if Level.ERROR in levels or (strict and Level.WARNING in levels):
        return EXIT_PROBLEMS
    return EXIT_OK


def _print_diagnostics(diagnostics: list[Diagnostic], quiet_info: bool = True) -> None:
    for item in diagnostics:
        if quiet_info and item.level is Level.INFO:
            continue
        print(item.format(), file=sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    root = Path(args.root)
    result = build(root)
    _print_diagnostics(result.diagnostics, quiet_info=not args.verbose)
    undefined = sum(item.code == "undefined-abbreviation" for item in result.diagnostics)
    if undefined and not args.verbose:
        print(
            f"{undefined} abbreviation(s) in the reports are not in the glossary "
            "(source_reports/glossary.yml); run with --verbose to list them with their lines",
            file=sys.stderr,
        )
    written = result.written
    assert written is not None
    for path in written.written:
        print(f"wrote docs/{path}")
    for path in written.removed:
        print(f"removed docs/{path}")
    for path in written.outside:
        print(f"wrote {path}")
    print(
        f"{len(result.reports)} reports: {len(written.written)} pages written, "
        f"{len(written.unchanged)} unchanged, {len(written.removed)} removed; "
        f"{result.count(Level.ERROR)} errors, {result.count(Level.WARNING)} warnings"
    )
    return _exit_status(result.diagnostics, args.strict)


def _cmd_check(args: argparse.Namespace) -> int:
    result = build(Path(args.root), dry_run=True)
    written = result.written
    assert written is not None
    if written.changed:
        for path in written.written:
            print(f"stale: docs/{path}", file=sys.stderr)
        for path in written.removed:
            print(f"stale: docs/{path} (would be removed)", file=sys.stderr)
        for path in written.outside:
            print(f"stale: {path}", file=sys.stderr)
        print("docs/ is out of date: run 'python -m build_tools build'", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"docs/ is up to date ({len(written.unchanged)} generated pages)")
    return EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.is_file():
        print(f"{path}:0: ERROR: no such file [unreadable]", file=sys.stderr)
        return EXIT_USAGE
    entry, diagnostics = parse_one(path, Path.cwd())
    if entry is None:
        _print_diagnostics(diagnostics, quiet_info=False)
        return EXIT_USAGE
    if args.json:
        json.dump(report_json(entry, diagnostics), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        report = entry.resolved.report
        print(
            f"{report.source}: {report.slug}: {len(report.findings)} findings, "
            f"{len(report.recommendations)} recommendations in {len(report.groups)} groups"
        )
    _print_diagnostics(diagnostics, quiet_info=not args.verbose)
    return _exit_status(diagnostics, args.strict)


def _cmd_offline_zip(args: argparse.Namespace) -> int:
    site, target = Path(args.site), Path(args.zip)
    if not (site / "index.html").is_file():
        print(
            f"{site}:0: ERROR: no built site here; run offline-copy first [unreadable]",
            file=sys.stderr,
        )
        return EXIT_USAGE
    count = zip_site(site, target)
    print(f"wrote {target} ({count} files, {target.stat().st_size / 1e6:.1f} MB)")
    return EXIT_OK


def _cmd_offline_copy(args: argparse.Namespace) -> int:
    site, target, records = Path(args.site), Path(args.copy), Path(args.records)
    if not (site / "index.html").is_file():
        print(
            f"{site}:0: ERROR: no built site here; run mkdocs build first [unreadable]",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not records.is_file():
        print(
            f"{records}:0: ERROR: no search records here; build the site with "
            f"CLAS_SEARCH_RECORDS={records} [unreadable]",
            file=sys.stderr,
        )
        return EXIT_USAGE
    count = make_offline_copy(site, records, target)
    print(f"wrote the offline copy in {target} ({count} files)")
    return EXIT_OK


def _cmd_search_index(args: argparse.Namespace) -> int:
    from .publish.mkdocs_hooks import index_built_site  # noqa: PLC0415 (needs mkdocs, Pagefind)

    site, docs = Path(args.site), Path(args.docs)
    if not (site / "index.html").is_file():
        print(f"{site}:0: ERROR: no built site here [unreadable]", file=sys.stderr)
        return EXIT_USAGE
    count = index_built_site(site, docs)
    print(f"search: Pagefind indexed {count} pages into {site / 'pagefind'}")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    if args.check:
        return _cmd_import_check(args)
    status = EXIT_OK
    for item in import_files([Path(name) for name in args.pdfs], Path(args.out), args.force):
        _print_diagnostics(item.diagnostics, quiet_info=False)
        if item.target is None:
            status = EXIT_PROBLEMS
            continue
        # Read the new file as the build will, so that what needs a look is said now.
        source, diagnostics = read_source(item.target)
        report = None
        if source is not None:
            report, more = parse_report(source)
            diagnostics += more
        _print_diagnostics(diagnostics)
        counts = (
            f"{len(report.findings)} findings, {len(report.recommendations)} recommendations "
            f"in {len(report.groups)} groups"
            if report is not None
            else "it does not parse"
        )
        print(
            f"{item.pdf} -> {item.target}: {item.pages} pages, {item.dropped} running "
            f"header/footer lines removed; {counts}"
        )
        if _exit_status(diagnostics, strict=False) != EXIT_OK:
            status = EXIT_PROBLEMS
    return status


_JOINED = {"numbered": "numbered paragraph", "bullet": "list item"}


def _check_lines(check: Check, force: bool) -> list[str]:
    """What ``import --check`` prints for one PDF that would import."""
    result, report = check.result, check.report
    exists = check.target.exists() and not force
    head = (
        f"{check.pdf}: would not write {check.target}: it exists (import with --force to "
        "overwrite it)"
        if exists
        else f"{check.pdf}: would write {check.target}"
    )
    counts = (
        f"{len(report.findings)} findings, {len(report.recommendations)} recommendations in "
        f"{len(report.groups)} groups, {len(report.citations)} citations, "
        f"{len(report.public_health_notes)} public-health notes"
        if report is not None
        else "the text does not parse"
    )
    out = [
        head,
        f"  {result.pages} pages, {check.lines} lines, {len(result.blocks)} paragraphs; {counts}",
    ]
    running = result.running
    out.append(f"  running lines it would remove ({len(running)}):")
    out.extend(
        f"    the {line.kind} {line.shown} from {page_ranges(line.pages)}" for line in running
    )
    joins = result.joins
    out.append(f"  paragraphs it would join across page breaks ({len(joins)}):")
    for join in joins:
        what = _JOINED.get(join.kind, join.kind) + (f" {join.label}" if join.label else "")
        out.append(
            f"    page {join.page}\u2192{join.next_page}, {what}: {join.before!r} + {join.after!r}"
        )
    return out


def _cmd_import_check(args: argparse.Namespace) -> int:
    """``import --check``: what each PDF would give, and nothing written."""
    status = EXIT_OK
    for check in check_files([Path(name) for name in args.pdfs], Path(args.out)):
        # The running lines are listed below, with their pages, instead of as notes.
        imported = [d for d in check.result.diagnostics if d.code != "pdf-furniture"]
        _print_diagnostics(imported, quiet_info=False)
        _print_diagnostics(check.parsing, quiet_info=not args.verbose)
        if check.result.text is None:
            status = EXIT_PROBLEMS
            continue
        print("\n".join(_check_lines(check, args.force)))
        if check.report is None or _exit_status(check.diagnostics, strict=False) != EXIT_OK:
            status = EXIT_PROBLEMS
    return status


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m build_tools", description="Build the CLAS report site."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="also show info messages")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="generate docs/ from source_reports/")
    build_cmd.add_argument("--strict", action="store_true", help="warnings fail the build")
    build_cmd.add_argument("--root", default=".", help="project root (default: .)")
    build_cmd.set_defaults(func=_cmd_build)
    check_cmd = commands.add_parser("check", help="exit 1 if docs/ is out of date")
    check_cmd.add_argument("--root", default=".", help="project root (default: .)")
    check_cmd.set_defaults(func=_cmd_check)
    parse_cmd = commands.add_parser("parse", help="parse one report")
    parse_cmd.add_argument("path")
    parse_cmd.add_argument("--json", action="store_true", help="print the parse as JSON")
    parse_cmd.add_argument("--strict", action="store_true", help="warnings give exit status 1")
    parse_cmd.set_defaults(func=_cmd_parse)
    copy_cmd = commands.add_parser(
        "offline-copy", help="make the copy of a built site for reading from disk"
    )
    copy_cmd.add_argument("site", help="the published site (built with CLAS_SEARCH_RECORDS set)")
    copy_cmd.add_argument("copy", help="folder to write the copy into (replaced)")
    copy_cmd.add_argument("--records", required=True, help="the search records the build wrote")
    copy_cmd.set_defaults(func=_cmd_offline_copy)
    zip_cmd = commands.add_parser("offline-zip", help="zip the offline copy of the site")
    zip_cmd.add_argument("site", help="folder of the offline copy (offline-copy)")
    zip_cmd.add_argument("zip", help="zip file to write")
    zip_cmd.set_defaults(func=_cmd_offline_zip)
    index_cmd = commands.add_parser(
        "search-index",
        help="index a site built without the MkDocs hook (e.g. by Zensical) for the search page",
    )
    index_cmd.add_argument("site", help="the built site (with directory URLs)")
    index_cmd.add_argument("--docs", default="docs", help="its docs/ folder (default: docs)")
    index_cmd.set_defaults(func=_cmd_search_index)
    import_cmd = commands.add_parser(
        "import", help="turn CQC PDFs into source reports (<name>.txt in --out)"
    )
    import_cmd.add_argument("pdfs", nargs="+", metavar="PDF", help="CQC review PDFs")
    import_cmd.add_argument(
        "--out", default="source_reports", help="folder to write to (default: source_reports)"
    )
    import_cmd.add_argument(
        "--force", action="store_true", help="overwrite a .txt file that already exists"
    )
    import_cmd.add_argument(
        "--check",
        action="store_true",
        help="write nothing: print what each import would give (counts, the running lines it "
        "would remove, the paragraphs it would join across page breaks)",
    )
    import_cmd.set_defaults(func=_cmd_import)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and EXIT_USAGE
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    status: int = args.func(args)
    return status
