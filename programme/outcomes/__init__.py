"""Outcome measures: did the programme move the figures councils report to
their committees? Measures and their national and neighbour figures
(`measures.py`), the figures organisations send from the portal with their
history (`returns.py`), each organisation's baseline, latest and change worked
out in the database (`figures.py`), the facilitator's cohort screen with its
charts and CSV (`cohort_screen.py`, `charts.py`, `views.py`, `views_measures.py`) and the
report's "Impact" section (`impact.py`)."""
