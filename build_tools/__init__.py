"""Generator of the CLAS report site.

One direction, one sequencer (:mod:`build_tools.build`)::

    source_reports/*.txt ─ source ─ parse ─► Report (per file)
        all reports ─ resolve ─► citations linked both ways, problems diagnosed
                    ─ classify ─► organisations resolved (catalogue)
                    ─ render ─► {docs path: Markdown}  (pure, Jinja2)
                    ─ write ─► docs/ generated files (the only module that writes)

Modules: :mod:`source` (reading and normalising), :mod:`parse` (ordered line rules),
:mod:`inline` (the reports' inline markup, escaped), :mod:`text` (slugs, citation grammar),
:mod:`dates`, :mod:`model`, :mod:`resolve`, :mod:`organisations` (registry and name
resolution), :mod:`catalogue` (the classify stage), :mod:`render` (+ ``templates/``),
:mod:`write`, :mod:`export` (``parse --json``), :mod:`diagnostics`, :mod:`cli`.
"""
