"""Classifying: the curated registries in ``source_reports/*.yml`` and what they decide.

Takes the resolved reports and the curated YAML (organisations, themes and their overrides,
the glossary) and gives a :class:`~.catalogue.Catalogue`: each report with its addressees
resolved to canonical organisations, its findings and recommendations assigned to themes with
their evidence, and recommendations that recur across reports. YAML becomes typed objects at
this edge (:mod:`.yamldata`); nothing here renders or writes.

Modules: :mod:`.yamldata` (reading curated YAML with line numbers), :mod:`.organisations`
(registry and name resolution), :mod:`.themes` (taxonomy, classification, overrides),
:mod:`.glossary` (terms and the check that reports define theirs), :mod:`.similarity`
(recommendations that say the same thing), :mod:`.catalogue` (the stage: all of it per report).

A new registry (a curated YAML file and what it decides about reports) belongs here, loaded
through :mod:`.yamldata` and joined into the catalogue by :mod:`.catalogue`.

Imports: build_tools.model, build_tools.diagnostics, build_tools.reading.
Must never import: build_tools.publish, build_tools.pdf, build_tools.build, build_tools.cli,
build_tools.devtools.
"""
