"""The participant portal: where an LA's staff see their cohort's sessions and
write their organisation's plan, check-ins, one-page report and actions.

Plain Django views and forms over the domain logic in programme.submissions.writing;
every view resolves the membership from the logged-in user (access.py), never
from the URL or the form."""
