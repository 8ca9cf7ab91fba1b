"""Publishing: the catalogue becomes pages, downloads and the search index; the only writer.

Takes the :class:`~build_tools.classify.catalogue.Catalogue` and gives ``{docs path: text}``
(rendering is pure), then writes the generated subtree of ``docs/``; MkDocs and Material turn
that into ``site/`` with this package's hook and theme overrides.

Modules: :mod:`.render` (Jinja2 pages from ``templates/``), :mod:`.glossary_pages` (the
glossary page and abbreviation expansions), :mod:`.downloads` (CSV and JSON), :mod:`.export`
(the ``parse --json`` object), :mod:`.addresses` (the manifest of published addresses and
redirects), :mod:`.write` (the only module that writes into ``docs/``), :mod:`.offline` (the
zip of the copy read from disk), :mod:`.mkdocs_hooks` (run by MkDocs, named in
``mkdocs.yml``: the search index) and ``theme/`` (Material overrides, ``custom_dir``).

A new page type belongs here: a template in ``templates/`` and a function in :mod:`.render`
that returns its path and text; :mod:`.addresses` then records its address in the manifest by
itself. A new download goes in :mod:`.downloads` (files other than pages are written by
:func:`.write.write_text_file` and listed in ``docs/.generated``).

Imports: build_tools.model, build_tools.diagnostics, build_tools.reading, build_tools.classify.
Must never import: build_tools.pdf, build_tools.build, build_tools.cli, build_tools.devtools.
"""
