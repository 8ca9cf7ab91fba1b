"""Developer tools that only test or measure: never run by a reader or a publisher.

Takes the seed reports and the shipped package and gives test corpora and measurements:
:mod:`.synthetic` (N synthetic reports shaped like the seeds), :mod:`.variants` (a report's
text rewritten as other converters write it, which must parse the same; ``make
text-variants``), :mod:`.search_bench` (search quality), :mod:`.pdf_samples` and
:mod:`.pdf_samples_word` (the seeds printed as CQC-like PDFs, with Chromium and with
reportlab), :mod:`.pdf_variants` (reports printed in many layouts and imported back, judged as
the round-trip tests judge them, by :mod:`.compare`; ``make pdf-variants``), :mod:`.bench`
(builds synthetic corpora of several sizes end to end, with MkDocs and the search index, and
measures them) and :mod:`.pdf_bench`; ``make bench`` runs those two, so a new measurement goes
into :mod:`.bench` or the Makefile's ``bench`` target. Run any of
them as ``python -m build_tools.devtools.<module>``.

This sub-package is left out of the wheel (``pyproject.toml``), and the shipped package never
imports it. A new benchmark, corpus generator or test-input producer belongs here.

Imports: anything in build_tools.
Must never import: nothing is forbidden; but nothing outside build_tools.devtools imports it,
apart from the tests.
"""
