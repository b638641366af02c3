"""Inviting participants into the portal, without a site administrator.

A facilitator invites one person, a selection, or everyone not yet invited.
Each invitation is an email with a one-time link, valid for INVITATION_DAYS,
where the person sets their own password (or signs in with the account they
already have: one person, one account, however many cohorts) and lands on the
portal. Nobody types a password for anyone, and nobody picks an account from
a list.

The link carries a value signed with Django's signing machinery
(`django.core.signing`, keyed by SECRET_KEY): the invitation's id and its
random nonce. It stops working when it is used, when it expires, and when a
newer invitation to the same person replaces it.

A member of staff's address (an administrator, a facilitator) is never
invited: such an account can never be a participant's login."""
import datetime
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from programme.addresses import absolute_url
from programme.dates import format_deadline
from programme.enums import EmailKind, EmailStatus, MembershipStatus
from programme.models import Invitation, Participant, SentEmail
from programme.notifications.delivery import Outgoing, queue, render_email

INVITATION_DAYS = 14
SIGNING_SALT = "programme.cohorts.invitations"
# How soon someone may ask for a fresh link again from an expired one.
RESEND_AFTER = datetime.timedelta(minutes=10)

NOT_INVITED, INVITED, JOINED, EXPIRED, BOUNCED = "not_invited", "invited", "joined", "expired", "bounced"
STATE_LABELS = {
    NOT_INVITED: "Not invited", INVITED: "Invited", JOINED: "Joined", EXPIRED: "Invitation expired",
    BOUNCED: "Invitation not delivered",
}


class InvitationRefused(Exception):
    """The link cannot be used: `reason` is "unknown", "used", "expired" or "superseded"."""

    def __init__(self, reason, invitation=None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


@dataclass
class PersonState:
    participant: Participant
    state: str
    invitation: Invitation | None = None

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def may_invite(self):
        return self.state != JOINED


def people(*, cohort, now=None):
    """Everyone on the cohort's accepted memberships, with where their
    invitation stands. Two queries however many people."""
    now = now or timezone.now()
    latest = Invitation.objects.filter(participant=OuterRef("pk")).order_by("-created_at", "-pk")
    participants = list(
        Participant.objects.filter(membership__cohort=cohort, membership__status=MembershipStatus.ACCEPTED)
        .select_related("membership__organisation")
        .annotate(latest_invitation=Subquery(latest.values("pk")[:1]))
        .order_by("membership__organisation__name", "name", "pk")
    )
    invitations = Invitation.objects.select_related("message").in_bulk(
        [p.latest_invitation for p in participants if p.latest_invitation]
    )
    return [_state(participant, invitations.get(participant.latest_invitation), now) for participant in participants]


def _state(participant, invitation, now):
    if participant.user_id:
        return PersonState(participant, JOINED, invitation)
    if invitation is None:
        return PersonState(participant, NOT_INVITED)
    if invitation.message and invitation.message.status == EmailStatus.FAILED:
        return PersonState(participant, BOUNCED, invitation)
    if invitation.expires_at <= now:
        return PersonState(participant, EXPIRED, invitation)
    return PersonState(participant, INVITED, invitation)


def staff_account_for(email):
    """The member of staff's account with this address, if there is one."""
    for account in get_user_model().objects.filter(email__iexact=email.strip()):
        if account.is_staff_member:
            return account
    return None


def account_for(email):
    """The participant account already using this address, if any (one
    person, one account, however many cohorts)."""
    for account in get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).order_by("pk"):
        if not account.is_staff_member:
            return account
    return None


def token_for(invitation):
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SIGNING_SALT)


def join_url(invitation):
    return absolute_url(reverse("portal:join", args=[token_for(invitation)]))


def invitation_from(token, *, now=None):
    """The invitation a link's token names, if it may still be used;
    otherwise InvitationRefused with the reason."""
    now = now or timezone.now()
    try:
        data = signing.loads(token, salt=SIGNING_SALT)
        invitation = Invitation.objects.select_related(
            "participant__membership__organisation", "participant__membership__cohort__programme"
        ).get(pk=int(data["i"]), nonce=str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, Invitation.DoesNotExist):
        raise InvitationRefused("unknown") from None
    if invitation.accepted_at or invitation.participant.user_id:
        raise InvitationRefused("used", invitation)
    if invitation.superseded_at:
        raise InvitationRefused("superseded", invitation)
    if invitation.expires_at <= now:
        raise InvitationRefused("expired", invitation)
    return invitation


def email_text(*, participant, invitation, inviter):
    """(subject, body) of the invitation email."""
    cohort = participant.membership.cohort
    programme = cohort.programme
    subject = f"Join {programme.title} ({cohort.name}) in the peer learning portal"
    body = render_email("portal_invitation", {
        "participant": participant,
        "organisation": participant.membership.organisation,
        "cohort": cohort,
        "programme": programme,
        "inviter": inviter.get_full_name() or inviter.get_username(),
        "link": join_url(invitation),
        "expires": format_deadline(invitation.expires_at),
        "days": INVITATION_DAYS,
    })
    return subject, body


def preview_invitation(*, participant, inviter, now=None):
    """The email as the person would get it, for the facilitator to read
    before sending (its link is an example: nothing is saved)."""
    now = now or timezone.now()
    example = Invitation(pk=0, participant=participant, email=participant.email,
                         expires_at=now + datetime.timedelta(days=INVITATION_DAYS))
    return email_text(participant=participant, invitation=example, inviter=inviter)


@transaction.atomic
def invite(*, participants, sent_by, now=None, batch=None):
    """Send each of `participants` a fresh invitation (replacing any earlier
    one). Returns (invited, refused): refused maps a participant to why not
    (joined already, or a member of staff's address)."""
    now = now or timezone.now()
    batch = batch or uuid.uuid4().hex
    invited, refused, outgoing = [], {}, []
    for participant in participants:
        if participant.user_id:
            refused[participant] = "has already joined"
            continue
        if staff_account_for(participant.email):
            refused[participant] = "uses a member of staff's email address, which cannot be a participant's login"
            continue
        Invitation.objects.filter(participant=participant, accepted_at=None, superseded_at=None).update(
            superseded_at=now
        )
        invitation = Invitation.objects.create(
            participant=participant, email=participant.email, sent_by=sent_by, created_at=now,
            expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
        )
        subject, body = email_text(participant=participant, invitation=invitation, inviter=sent_by)
        outgoing.append(Outgoing(
            cohort=participant.membership.cohort, kind=EmailKind.INVITATION, key=f"portal-invitation:{invitation.pk}",
            to=participant.email, subject=subject, body=body, reply_to=sent_by.email if sent_by else "",
            batch=batch,
        ))
        invited.append(invitation)
    queue(outgoing)
    _link_messages(invited)
    return invited, refused


invite.alters_data = True


def _link_messages(invitations):
    messages = dict(
        SentEmail.objects.filter(key__in=[f"portal-invitation:{i.pk}" for i in invitations]).values_list("key", "pk")
    )
    for invitation in invitations:
        invitation.message_id = messages.get(f"portal-invitation:{invitation.pk}")
    Invitation.objects.bulk_update(invitations, ["message"])


def resend(*, invitation, now=None):
    """A fresh link to the same person, asked for from an expired or replaced
    one (sent to the address on file, never to one typed by the asker)."""
    now = now or timezone.now()
    latest = invitation.participant.invitations.order_by("-created_at").first()
    if latest and latest.created_at > now - RESEND_AFTER:
        return None  # one was sent moments ago: do not flood the person's mailbox
    invited, _refused = invite(participants=[invitation.participant], sent_by=invitation.sent_by, now=now)
    return invited[0] if invited else None


resend.alters_data = True


@transaction.atomic
def accept(*, invitation, user, now=None):
    """Make `user` the participant's login. Refuses a member of staff's
    account, and a link that was used or replaced meanwhile."""
    now = now or timezone.now()
    if user.is_staff_member:
        raise InvitationRefused("staff", invitation)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at or locked.superseded_at:
        raise InvitationRefused("used", invitation)
    participant = Participant.objects.select_for_update().get(pk=invitation.participant_id)
    if participant.user_id:
        raise InvitationRefused("used", invitation)
    participant.user = user
    participant.save(update_fields=["user"])
    Invitation.objects.filter(pk=locked.pk).update(accepted_at=now)
    return participant


accept.alters_data = True


@transaction.atomic
def create_account_and_accept(*, invitation, password, name):
    """A new account for the invited address, with the password the person
    chose, made the participant's login."""
    User = get_user_model()
    email = invitation.email.strip()
    first, _, last = (name or invitation.participant.name).partition(" ")
    user = User(username=_free_username(email), email=email, first_name=first[:150], last_name=last[:150])
    user.set_password(password)
    user.save()
    accept(invitation=invitation, user=user)
    return user


create_account_and_accept.alters_data = True


def _free_username(email):
    User = get_user_model()
    base = email.lower()[:150]
    if not User.objects.filter(username=base).exists():
        return base
    return f"{base[:140]}-{uuid.uuid4().hex[:8]}"
