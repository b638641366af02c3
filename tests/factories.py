"""factory-boy factories for the models the tests build on."""
import datetime
import zoneinfo

import factory
from django.contrib.auth import get_user_model

from programme.enums import LAType, OrganisationKind, Region
from programme.models import Organisation, Programme
from resources.models import CaseStudyPage, ResourceCategory, ResourcePage, Topic

LONDON = zoneinfo.ZoneInfo("Europe/London")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Borough Council {n}")
    kind = OrganisationKind.LOCAL_AUTHORITY
    la_type = LAType.UNITARY
    region = Region.NORTH_WEST


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Peer learning programme {n}")
    host = "Catch22"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")


class ResourceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceCategory

    name = factory.Sequence(lambda n: f"Category {n}")


def add_case_study(index, *, title, summary="A summary.", tags=(), organisations=(), **fields):
    """Create and publish a case study under the index, as an editor would."""
    page = CaseStudyPage(title=title, summary=summary, **fields)
    index.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    if organisations:
        page.organisations.set(organisations)
    page.save_revision().publish()
    return page


def add_resource(index, *, title, description="A useful resource.", link_url="https://example.org/", tags=(), **fields):
    page = ResourcePage(title=title, description=description, link_url=link_url, **fields)
    index.add_child(instance=page)
    if tags:
        page.tags.add(*tags)
    page.save_revision().publish()
    return page


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Cohort"

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Membership"

    cohort = factory.SubFactory(CohortFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = "accepted"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Participant"

    membership = factory.SubFactory(MembershipFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@council.example.org")
    role = "Leaving care"


class ProgrammeSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.ProgrammeSession"

    cohort = factory.SubFactory(CohortFactory)
    kind = "workshop"
    title = factory.Sequence(lambda n: f"Workshop {n}")
    # Monthly sessions through 2021, wrapping round so they always lie in the past.
    starts_at = factory.Sequence(
        lambda n: datetime.datetime(2021, 1 + n % 12, 3 + (n // 12) % 25, 9, 30, tzinfo=LONDON)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=3))
    online = True
    join_url = "https://meet.example.org/room"
