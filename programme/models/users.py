from django.contrib.auth.models import AbstractUser
from django.db import models

# The group of forum staff who run programmes (programme/permissions.py).
FACILITATORS_GROUP = "Facilitators"


class User(AbstractUser):
    """A person who logs in: a facilitator (Wagtail admin) or an LA participant
    (the portal). Custom from the first migration so it can grow safely."""

    email = models.EmailField("email address", blank=True)
    dashboard_seen_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When they last opened the admin's home (for \"new since\")."
    )
    # A facilitator's own choice (their account settings), read by
    # programme.notifications.digest.
    submission_digest = models.BooleanField(
        "daily digest of new submissions", default=True,
        help_text="Once a day, an email listing the plans, reports, check-ins and feedback submitted "
                  "in your programmes since the last one. Sent only on days when something was submitted.",
    )
    digest_covered_until = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="The end of the period the last digest covered.",
    )

    class Meta:
        db_table = "programme_user"

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def in_facilitators_group(self):
        # Asked by every admin menu item on every page: remember the answer on
        # the user object, which lives for one request.
        cached = getattr(self, "_in_facilitators_group", None)
        if cached is None:
            cached = self.groups.filter(name=FACILITATORS_GROUP).exists()
            self._in_facilitators_group = cached
        return cached

    @property
    def is_staff_member(self):
        """Forum staff: an administrator, anyone with admin access, or a
        facilitator. Such an account is never a participant's login."""
        return self.is_staff or self.is_superuser or self.in_facilitators_group
