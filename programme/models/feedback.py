from django.db import models

from programme.enums import SessionRating

# The two short answers: long enough for a few sentences, short enough to read at a glance.
FEEDBACK_ANSWER_MAX = 1000


class SessionFeedback(models.Model):
    """A participant's feedback on one session: a rating and two short
    answers. One per person and session; giving it again replaces the
    earlier answer (programme/sessions/feedback.py holds the rules)."""

    programme_path = "session__cohort__programme"

    session = models.ForeignKey("programme.ProgrammeSession", on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(
        "programme.Participant", on_delete=models.CASCADE, related_name="session_feedback"
    )
    rating = models.PositiveSmallIntegerField(choices=SessionRating.choices)
    useful = models.TextField("what was useful?", blank=True)
    better = models.TextField("what would have made it better?", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session__starts_at", "participant__membership__organisation__name", "participant__name"]
        verbose_name = "session feedback"
        verbose_name_plural = "session feedback"
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="one_feedback_per_person_per_session"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="session_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.participant.name} on {self.session.title}: {self.get_rating_display()}"
