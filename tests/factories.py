"""factory-boy factories for the models the tests build on."""
import factory
from django.contrib.auth import get_user_model

from programme.enums import LAType, OrganisationKind, Region
from programme.models import Organisation, Programme
from resources.models import CaseStudyPage, ResourceCategory, ResourcePage, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")


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
