"""What the facilitator recorded of a session's discussion: its notes, and
its questions and answers (programme/sessions/notes.py holds the rules)."""
from django.conf import settings
from django.db import models

# A recorded question or answer is copied into a case study page's
# "Discussion" block (resources/blocks.py DiscussionBlock: question ≤ 300
# characters), so the limits here are the block's, and a copy always fits.
QUESTION_MAX_LENGTH = 300
ANSWER_MAX_LENGTH = 3000
NOTES_MAX_LENGTH = 10000
# One session's discussion: enough for a half-day workshop, bounded so that one
# post cannot ask for thousands of rows.
MAX_QUESTIONS = 40


class SessionNotes(models.Model):
    """The facilitator's notes of one session: plain text, for the
    facilitators only (never published, in the report or anywhere else)."""

    programme_path = "session__cohort__programme"

    session = models.OneToOneField("programme.ProgrammeSession", on_delete=models.CASCADE, related_name="notes")
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "session notes"
        verbose_name_plural = "session notes"

    def __str__(self):
        return f"Notes of {self.session}"


class SessionQuestion(models.Model):
    """A question asked in a session's discussion and its answer (plain text),
    in the order of the discussion; optionally about one of the session's
    presentations, so that it can be copied to that case study page."""

    programme_path = "session__cohort__programme"

    session = models.ForeignKey("programme.ProgrammeSession", on_delete=models.CASCADE, related_name="questions")
    presentation = models.ForeignKey(
        "programme.Presentation", null=True, blank=True, on_delete=models.SET_NULL, related_name="questions",
    )
    question = models.CharField(max_length=QUESTION_MAX_LENGTH)
    answer = models.TextField(max_length=ANSWER_MAX_LENGTH)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = "session question"

    def __str__(self):
        return self.question
