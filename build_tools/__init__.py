"""Generator of the CLAS report site.

One direction, one sequencer (:mod:`build_tools.build`); each stage is a sub-package that
imports only the stages before it (``tests/test_layout.py`` checks this)::

    source_reports/*.txt ─ reading ─► Report per file, then citations resolved across all
                         ─ classify ─► Catalogue: organisations, themes, recurring, glossary
                         ─ publish ─► {docs path: Markdown} (pure) ─ write ─► docs/
    mkdocs build --strict (hook and theme in publish/) ─► site/

    CQC's PDF ─ pdf ─► a source report's text (``python -m build_tools import``)

Where things are, and where new things go:

- :mod:`.model` (the frozen dataclasses every stage shares) and :mod:`.diagnostics` (the
  ``path:line: LEVEL: message [code]`` type and the table of codes, where a new code is added)
  sit under every stage.
- :mod:`.reading`: source text → :class:`~.model.Report` → resolved citations. A new line shape
  or wording in the reports (list marker, note wording, citation style) goes here.
- :mod:`.classify`: the curated registries (organisations, themes, glossary, similarity) and the
  catalogue they make. A new registry goes here.
- :mod:`.publish`: pages (Jinja2 templates), downloads, the ``parse --json`` object, the address
  manifest, the writer, the offline zip, the MkDocs hook and theme overrides. A new page type
  or download goes here.
- :mod:`.pdf`: the PDF importer, layer by layer from glyphs to the source text. A new PDF quirk
  (a font, a layout, a PDF producer's habit) goes in the layer where it shows. What another
  converter writes in a text file (a list marker, a number style) is read in :mod:`.reading`.
- :mod:`.build` sequences the stages; :mod:`.cli` is the command line (``python -m build_tools``).
- :mod:`.devtools`: benchmarks and test-corpus generators. Never imported by the rest, and not
  in the wheel.
"""
