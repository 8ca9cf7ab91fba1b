"""The PDF importer: a CQC CLAS review PDF becomes a source report (``build_tools import``).

Takes a PDF's path, reads its text layer glyph by glyph with PDFium (pypdfium2), and gives the
text a careful person would transcribe, in the format of ``source_reports/``, with diagnostics:
the headers and footers it removed, and refusals (no text layer, encrypted, damaged, not a CLAS
review, output exists), which are diagnostics, never exceptions. It uses
:mod:`build_tools.reading` only for ``TITLE_RE``, the title a CLAS review opens with.

Modules, in pipeline order, each a layer where a kind of PDF quirk is handled:

- :mod:`.glyphs`: PDFium's characters with box, baseline and font; ligatures (one glyph for
  several letters), soft hyphens, bullets drawn as shapes; scans and encrypted files refused.
- :mod:`.lines`: glyphs on one baseline become a line; superscripts folded in; where spaces go.
- :mod:`.furniture`: running headers, footers and page numbers found and removed (and listed).
- :mod:`.words`: bold and italics from fonts; joining lines; words split at a line end.
- :mod:`.paragraphs`: lines become paragraphs, list items, findings, headings and tables,
  across line and page breaks (margins, gaps, hanging numbers, drawn boxes).
- :mod:`.writing`: the blocks written as source-report text (contents leaders, table rows).
- :mod:`.importer`: the entry points (``import_pdf``, ``import_files``, and ``check_files``
  for ``import --check``) and their diagnostics.

Imports: build_tools.model, build_tools.diagnostics, build_tools.reading.
Must never import: build_tools.classify, build_tools.publish, build_tools.build, build_tools.cli,
build_tools.devtools.
"""
