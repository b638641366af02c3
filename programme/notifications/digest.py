"""The facilitators' daily digest of new submissions.

Once a day (`manage.py send_submission_digests`, from the scheduler), each
facilitator who wants it gets one email listing, cohort by cohort of the
programmes they facilitate, the one-page plans, one-page reports, check-ins
and feedback submitted since their last digest, each with a link to its
screen. No email on a day when nothing new was submitted.

- Once per facilitator per day (UK time): the message's key names the
  person and the day, so running the command again that day sends nothing.
- "Since the last digest": each account records the end of the period its
  last digest covered (`User.digest_covered_until`); the first digest covers
  the day before. A run that sends a person nothing leaves their mark where
  it was, so the next digest still starts there.
- Turning it off is the facilitator's own choice, in their account settings
  (programme/notifications/account.py); turning it back on starts afresh
  from that moment rather than sending the news of the weeks it was off.
- Only accounts that may open the facilitator screens (`facilitator_accounts`)
  get it, and only about the programmes they facilitate now. A digest spans
  programmes, so it is recorded with no cohort: no programme's email log
  shows one facilitator's news of another programme."""
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from programme.dates import format_moment, london
from programme.enums import EmailKind, MembershipStatus, SubmissionStatus
from programme.models import OnePagePlan, Programme, Reflection, SentEmail, User
from programme.notifications.delivery import Outgoing, queue, render_email
from programme.notifications.messages import submission_kind, submission_name
from programme.permissions import facilitator_accounts
from programme.sessions.calendar import absolute_url
from programme.submissions.progress import plan_url, reflection_url

FIRST_DIGEST_COVERS = datetime.timedelta(days=1)
SETTINGS_URL_NAME = "wagtailadmin_account"
SETTINGS_TAB = "#tab-notifications"


@dataclass
class DigestItem:
    submission: object
    cohort: object
    organisation: object
    name: str
    submitted_at: datetime.datetime
    url: str

    @property
    def again(self):
        """Submitted again after it was returned for changes."""
        returned_at = self.submission.returned_at
        return bool(returned_at and returned_at < self.submitted_at)

    @property
    def when(self):
        return format_moment(self.submitted_at)


def digest_key(user, day):
    return f"digest:{user.pk}:{day.isoformat()}"


def _submitted_between(start, end, programme_ids):
    """Every plan and reflection of accepted organisations in these
    programmes submitted after `start`, up to `end`, oldest first. Two queries."""
    window = {
        "status": SubmissionStatus.SUBMITTED,
        "submitted_at__gt": start,
        "submitted_at__lte": end,
        "membership__status": MembershipStatus.ACCEPTED,
        "membership__cohort__programme_id__in": programme_ids,
    }
    related = ("membership__organisation", "membership__cohort__programme")
    items = []
    for plan in OnePagePlan.objects.filter(**window).select_related(*related):
        items.append((plan, plan_url(plan)))
    for reflection in Reflection.objects.filter(**window).select_related(*related):
        items.append((reflection, reflection_url(reflection)))
    return sorted(
        (
            DigestItem(
                submission=submission, cohort=submission.membership.cohort,
                organisation=submission.membership.organisation,
                name=submission_name(submission_kind(submission)), submitted_at=submission.submitted_at,
                url=absolute_url(url),
            )
            for submission, url in items
        ),
        key=lambda item: (item.submitted_at, item.url),
    )


def _by_cohort(items):
    """[{cohort, programme, items, submissions_url}] by programme and cohort name."""
    groups = {}
    for item in items:
        group = groups.setdefault(item.cohort.pk, {
            "cohort": item.cohort, "programme": item.cohort.programme, "items": [],
            "submissions_url": absolute_url(reverse("programme_admin:submissions", args=[item.cohort.pk])),
        })
        group["items"].append(item)
    return sorted(groups.values(), key=lambda group: (group["programme"].title, group["cohort"].name, group["cohort"].pk))


def send_submission_digests(*, now=None):
    """Queue today's digest for every facilitator who wants one and has news.
    Returns how many were queued. The same nine queries however many
    facilitators, programmes, cohorts and submissions there are (tested),
    besides what delivering the emails takes."""
    now = now or timezone.now()
    today = london(now).date()
    users = list(
        facilitator_accounts(User.objects.filter(submission_digest=True).exclude(email="")).order_by("pk")
    )
    if not users:
        return 0
    programmes_of = {}
    for user_id, programme_id in Programme.facilitators.through.objects.filter(
        user__in=[user.pk for user in users]
    ).values_list("user_id", "programme_id"):
        programmes_of.setdefault(user_id, set()).add(programme_id)
    done_today = set(
        SentEmail.objects.filter(key__in=[digest_key(user, today) for user in users]).values_list("key", flat=True)
    )
    users = [user for user in users if programmes_of.get(user.pk) and digest_key(user, today) not in done_today]
    if not users:
        return 0
    since = {user.pk: user.digest_covered_until or now - FIRST_DIGEST_COVERS for user in users}
    items = _submitted_between(
        min(since.values()), now, set().union(*(programmes_of[user.pk] for user in users))
    )
    settings_url = absolute_url(reverse(SETTINGS_URL_NAME)) + SETTINGS_TAB
    outgoing, covered = [], []
    for user in users:
        mine = [
            item for item in items
            if item.cohort.programme_id in programmes_of[user.pk] and item.submitted_at > since[user.pk]
        ]
        if not mine:
            continue
        total = len(mine)
        body = render_email("submission_digest", {
            "user": user,
            "name": user.get_full_name() or user.get_username(),
            "since": format_moment(since[user.pk]),
            "total": total,
            "cohorts": _by_cohort(mine),
            "settings_url": settings_url,
        })
        outgoing.append(Outgoing(
            cohort=None,
            kind=EmailKind.DIGEST,
            key=digest_key(user, today),
            to=user.email,
            subject=f"Daily digest: {total} new submission{'' if total == 1 else 's'} to read",
            body=body,
        ))
        covered.append(user.pk)
    with transaction.atomic():
        queued = queue(outgoing)
        User.objects.filter(pk__in=covered).update(digest_covered_until=now)
    return queued


send_submission_digests.alters_data = True


def set_digest_wanted(*, user, wanted, was_wanted=None, now=None):
    """The facilitator's own choice. Turning the digest back on starts it
    afresh from now, so the first one after a pause is not weeks long.
    `was_wanted` is the choice before (read from the database if not given)."""
    now = now or timezone.now()
    if was_wanted is None:
        was_wanted = User.objects.filter(pk=user.pk).values_list("submission_digest", flat=True).first()
    changes = {"submission_digest": bool(wanted)}
    if wanted and not was_wanted:
        changes["digest_covered_until"] = now
    User.objects.filter(pk=user.pk).update(**changes)
    for name, value in changes.items():
        setattr(user, name, value)
    return user


set_digest_wanted.alters_data = True
