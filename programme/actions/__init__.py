"""Actions an organisation agreed to do, tracked with a RAG status: adding
and updating them with their history (`tracking.py`), and every
organisation's actions of a cohort on one screen for its facilitators, laid
out as a council's action tracker (`tracker.py`, `views.py`)."""
