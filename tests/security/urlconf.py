"""The URL conf, walked for the proofs that cover every URL by kind rather
than by a hand-kept list (the role matrix, the leak crawl, the page guard's
classification, the fuzz test): a URL Wagtail or this product adds later is
found by the walk, and an argument of a kind nobody has described fails by
name until someone says what it names.

- `walk(resolver)`: (qualified name, route, keyword argument names) of every
  named URL, Wagtail's admin included;
- `kwarg_values(url_name, names, world)`: a value for each keyword argument,
  by its kind, taken from a world of tests/builders.py build_private_world;
- `every_url(world)`: every named URL filled that way, reversed;
- `unnamed(resolver)`: the route of every URL pattern with no name, which the
  walk cannot reverse (tests/security/test_unnamed_urls.py says what each is,
  so a new one fails there until it is named or described)."""
import pytest
from django.apps import apps
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

# Leaving out of every_url: signing out (it would end the visit), the sign-in
# flows, and Wagtail's page for trying the error page ("failwhale"), which
# raises on purpose for administrators.
NOT_VISITED_NAMES = ("logout", "password_reset", "authenticate_with_password")
NOT_VISITED_ROUTES = ("failwhale",)


def walk(resolver, prefix="", namespace=()):
    """(qualified name, route, keyword argument names) of every named URL."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
            yield from walk(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            # Keyword arguments: a path() route's converters, or a regex route's named groups.
            kwargs = tuple(getattr(pattern.pattern, "converters", None) or pattern.pattern.regex.groupindex)
            yield ":".join((*namespace, pattern.name)), route, kwargs


def unnamed(resolver, prefix=""):
    """The route of every URL pattern that has no name."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from unnamed(pattern, route)
        elif not pattern.name:
            yield route


def modeladmin_object(url_name, world):
    """The world's object of the model a ModelAdmin URL is about."""
    model_name = url_name.split(":")[-1].split("_modeladmin_")[0].removeprefix("programme_")
    model = apps.get_model("programme", model_name)
    path = getattr(model, "programme_path", None)
    if path is None:  # shared directories: an organisation or theme only this world uses
        return {"organisation": world.a.organisation, "learningtheme": world.theme}[model_name]
    lookup = f"{path}__pk" if path else "pk"
    return model._default_manager.filter(**{lookup: world.programme.pk}).first()


def kwarg_values(url_name, names, world):
    """The world's value for each keyword argument, by its kind. KeyError
    for a kind nobody has described: say what it names."""
    page, revision = world.report_page, world.report_page.revisions.order_by("-pk").first()
    by_kind = {
        "cohort_id": world.cohort.pk, "session_id": world.past_session.pk, "membership_id": world.a.pk,
        "plan_id": world.plan.pk, "reflection_id": world.report.pk, "programme_id": world.programme.pk,
        # A calendar token is a credential, not an id (the feed opens for whoever holds it): a made-up one.
        "presentation_id": world.presentation.pk, "theme_id": world.theme.pk, "token": "not-a-token-anyone-was-given",
        "page_id": page.pk, "parent_page_id": page.pk, "page_pk": page.pk, "page_to_move_id": page.pk,
        "destination_id": page.pk, "object_id": page.pk, "revision_id": revision.pk,
        "revision_id_a": "earliest", "revision_id_b": "latest", "point": "baseline",
        "measure_id": world.measure.pk,
        "app_label": "wagtailcore", "model_name": "page", "content_type_app_name": "resources",
        "content_type_model_name": "programmereportpage", "action": "publish", "action_name": "publish",
        "app_name": "wagtailcore", "uidb64": "MQ", "filter_spec": "original",
        # Kinds that name no programme's object: any id.
        "task_id": 1, "task_state_id": 1, "workflow_pk": 1, "workflow_state_id": 1, "image_id": 1,
        "document_id": 1, "doc_id": 1, "collection_id": 1, "redirect_id": 1, "uploaded_file_id": 1,
        "page_view_restriction_id": 1, "restriction_id": 1,
    }
    values = {}
    for name in names:
        if name == "instance_pk":
            values[name] = modeladmin_object(url_name, world).pk
        elif name == "pk":
            values[name] = page.pk if ("pages" in url_name or "revisions" in url_name) else 1
        else:
            values[name] = by_kind[name]
    return values


def visited(name, route):
    return not any(word in name for word in NOT_VISITED_NAMES) and not any(
        word in route for word in NOT_VISITED_ROUTES
    )


def every_url(world):
    """(name, route, kwarg names, url) of every named URL but the ones
    `visited` leaves out, filled with the world's values."""
    for name, route, kwargs in walk(get_resolver()):
        if not visited(name, route):
            continue
        try:
            yield name, route, kwargs, reverse(name, kwargs=kwarg_values(name, kwargs, world))
        except KeyError as unknown:
            pytest.fail(f"{name} takes {unknown}: say in tests/security/urlconf.py kwarg_values what it names")
        except NoReverseMatch:
            continue  # a pattern reversible only with values of another shape (a regex group)
