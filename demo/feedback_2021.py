"""Illustrative feedback after each session of the 2021 cohort. The source
report gives no per-session ratings, only that councils valued the safe
space, the case studies and the 1-1s, and wanted more time to talk: these
answers are invented in that spirit, one person per council that attended,
so that the facilitator's results screen and the report's "Feedback after
each session" have something to show. Idempotent."""
from programme.enums import AttendanceStatus, SessionKind
from programme.models import Attendance, SessionFeedback

# Per session (by number, or "review"): what people said was useful, and
# what would have made it better, in our own words.
ANSWERS = {
    1: ("Seeing how one council used social value in its contracts to open up jobs.",
        "A little more time in the breakout groups to compare notes."),
    2: ("Hearing what employers worry about when they take on a young person for the first time.",
        "Examples from smaller employers as well as large ones."),
    3: ("The internship model, and how mentoring carried on after the placement ended.",
        "Sharing the slides before the session, so that we could bring questions."),
    4: ("Practical advice on young people whose immigration status is not settled.",
        "A follow-up on who to contact locally for legal advice."),
    5: ("Listening to young people describe what actually helped them into work.",
        "More young people's voices earlier in the programme."),
    "review": ("Looking back at our plan with other councils and seeing how far we had come.",
               "A session six months on, to keep the momentum."),
}
# One rating a council, by its place in the list: mostly useful, as the report's feedback suggests.
RATINGS = [5, 4, 5, 4, 3, 5, 4, 4, 5, 2]


def load_demo_session_feedback(*, cohort):
    sessions = cohort.sessions.filter(kind__in=[SessionKind.WORKSHOP, SessionKind.REVIEW]).order_by("starts_at")
    for session in sessions:
        key = session.number if session.kind == SessionKind.WORKSHOP else "review"
        useful, better = ANSWERS.get(key, ANSWERS["review"])
        attended = (
            Attendance.objects.filter(session=session, status=AttendanceStatus.ATTENDED)
            .select_related("participant__membership__organisation")
            .order_by("participant__membership__organisation__name", "participant__pk")
        )
        first_of_each = {}
        for row in attended:
            first_of_each.setdefault(row.participant.membership_id, row.participant)
        for index, person in enumerate(first_of_each.values()):
            rating = RATINGS[(index + (session.number or 0)) % len(RATINGS)]
            SessionFeedback.objects.get_or_create(
                session=session, participant=person,
                defaults={"rating": rating, "useful": useful, "better": better if rating < 5 else ""},
            )
