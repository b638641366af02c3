"""What organisations write: the one-page plan, reflections (check-ins and the
one-page report) made of statements, and the history of every change."""
from django.conf import settings
from django.db import models

from programme.enums import GoalCategory, GoalProgress, ReflectionKind, Section, SubmissionStatus

PLAN_FIELD_MAX = 3000
STATEMENT_MAX = 600
# What a facilitator may write when returning a plan or report for changes.
RETURN_COMMENT_MAX = 2000


class Submission(models.Model):
    """What a plan and a reflection share: one organisation's draft that is
    submitted, may be returned for changes, and keeps a version number so that
    two people editing at once never overwrite each other silently."""

    programme_path = "membership__cohort__programme"

    membership = models.ForeignKey("programme.Membership", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(blank=True, help_text="Why the facilitator returned it.")
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self):
        return self.status != SubmissionStatus.SUBMITTED


class OnePagePlan(Submission):
    membership = models.OneToOneField("programme.Membership", on_delete=models.CASCADE, related_name="plan")
    issue = models.TextField("the issue", blank=True, help_text="What you want to work on, and why.")
    goal = models.TextField("the goal", blank=True, help_text="What you want to achieve by the end of the programme.")
    goal_category = models.CharField(max_length=20, choices=GoalCategory.choices, blank=True)
    success = models.TextField("what success looks like", blank=True)
    first_actions = models.TextField("first actions", blank=True)
    team = models.TextField("who is in the team", blank=True, help_text="Names and roles or departments.")

    class Meta:
        verbose_name = "one-page plan"

    def __str__(self):
        return f"Plan: {self.membership.organisation}"


class Reflection(Submission):
    membership = models.ForeignKey("programme.Membership", on_delete=models.CASCADE, related_name="reflections")
    kind = models.CharField(max_length=20, choices=ReflectionKind.choices, default=ReflectionKind.CHECK_IN)
    session = models.ForeignKey(
        "programme.ProgrammeSession", null=True, blank=True, on_delete=models.SET_NULL, related_name="reflections",
        help_text="The session this check-in looks ahead to.",
    )
    # One-page report only. Kept on the report (not a separate record) so
    # that it follows the report's versions, submission and return.
    goal_progress = models.CharField(
        "progress towards the goal", max_length=16, choices=GoalProgress.choices, blank=True,
        help_text="One-page report: how far the organisation got towards the goal of its plan.",
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"], condition=models.Q(kind="final_report"), name="one_final_report_per_membership"
            ),
            models.UniqueConstraint(
                fields=["membership"], condition=models.Q(kind="feedback"), name="one_feedback_per_membership"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.membership.organisation}"


class Statement(models.Model):
    """One bullet point of a reflection's section: the unit facilitators code
    into learning themes."""

    programme_path = "reflection__membership__cohort__programme"

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="statements")
    section = models.CharField(max_length=16, choices=Section.choices)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(max_length=STATEMENT_MAX)

    class Meta:
        ordering = ["reflection", "section", "position"]
        indexes = [models.Index(fields=["reflection", "section", "position"])]

    def __str__(self):
        return self.text[:80]


class SubmissionVersion(models.Model):
    """A snapshot taken at every save: who changed what, and when."""

    programme_path = "membership__cohort__programme"

    membership = models.ForeignKey("programme.Membership", on_delete=models.CASCADE, related_name="submission_versions")
    plan = models.ForeignKey(OnePagePlan, null=True, blank=True, on_delete=models.CASCADE, related_name="versions")
    reflection = models.ForeignKey(Reflection, null=True, blank=True, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=SubmissionStatus.choices)
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-version"]

    def __str__(self):
        return f"Version {self.version}"
