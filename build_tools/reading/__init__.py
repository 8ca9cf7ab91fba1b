"""Reading: one report's text becomes a model, then all reports' citations are resolved.

Takes a source report (``source_reports/*.txt``: UTF-8 text with light Markdown) and gives a
:class:`~build_tools.model.Report` per file, then :class:`~.resolve.ResolvedReport` once every
report is read. Knows nothing of registries, themes, pages or PDFs.

Modules, in pipeline order: :mod:`.source` (decoding and normalising lines, keeping their
numbers), :mod:`.parse` (the cover, then ordered line rules), :mod:`.inline` (the reports'
inline markup, read with markdown-it-py and escaped), :mod:`.text` (slugs, anchors, the citation
grammar), :mod:`.dates` (cover dates), :mod:`.resolve` (citations linked both ways).

A new kind of line in the reports, or a new way of writing one (a list marker, a wording of a
note, a citation style), belongs here: a rule in :mod:`.parse` or the grammar in :mod:`.text`.

Imports: build_tools.model, build_tools.diagnostics.
Must never import: build_tools.classify, build_tools.publish, build_tools.pdf, build_tools.build,
build_tools.cli, build_tools.devtools.
"""
