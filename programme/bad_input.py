"""Input no page takes is answered as such (400 or 404), never with a server
error, for every URL of the site, Wagtail's own included. Each rule is about
a kind of input, not about a view, so a URL added later is covered too:

- an address or query string holding a null character: 400 (no text a
  person types holds one, and PostgreSQL cannot compare one);
- a URL argument that names an object by id (`pk`, `…_id`, `…_pk`) but is
  not a database id (text, negative, past the 64-bit range): 404, as for an
  id that does not exist;
- query parameters Wagtail's admin reads by kind are kept only when they are
  of that kind: `id` (ids of the objects to act on), `p` (a page number of a
  list), `next` (a path on this site). Others are dropped, as an unknown
  filter value is ignored;
- a page number past the end of a list (Paginator's InvalidPage): 404;
- `field__in=[…]` on an integer column, and `=` and `in` on a foreign key,
  ignore numbers no row can have (Django already does so for `=`, `<` and
  `>` on integer columns; without this SQLite raises OverflowError and
  PostgreSQL an out-of-range error for a posted huge id);
- Wagtail's chooser widgets draw a posted value that is not an id as no
  choice, and modelcluster's inline formsets take a tampered row as a new
  one, and the page copy screen answers a parent that is not a page's id
  with 404 (all raised: a server error). These are fixes to the libraries,
  made here because the libraries cannot be changed from this repository.

Search text is made safe where it is searched (programme.search_backend)."""
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import InvalidPage
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In
from django.forms.formsets import BaseFormSet
from django.http import Http404, HttpResponseBadRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.defaults import page_not_found
from modelcluster.forms import BaseTransientModelFormSet
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.models import Page

# The ids of every table here are 64-bit (BigAutoField, and Wagtail's own AutoFields are smaller).
MAX_ID = 2**63 - 1


def as_id(value):
    """`value` as a database id (an int from 0 to MAX_ID), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value)
        if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
            return None
        number = int(text)
    return number if 0 <= number <= MAX_ID else None


def names_an_id(kwarg):
    return kwarg == "pk" or kwarg.endswith(("_id", "_pk"))


def _is_page_number(value):
    return value.isascii() and value.isdigit() and len(value) <= 9 and int(value) >= 1


def _is_local_path(value):
    return value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=None)


# Query parameters Wagtail's admin reads, by kind: kept only when they are one.
PARAMETER_KINDS = {
    "id": lambda value: as_id(value) is not None,
    "p": _is_page_number,
    "next": _is_local_path,
}


def _tidy_query(querydict):
    """A copy of `querydict` without values of the wrong kind, or None if
    every value is of its kind."""
    if not any(
        not PARAMETER_KINDS[name](value)
        for name in PARAMETER_KINDS.keys() & set(querydict)
        for value in querydict.getlist(name)
    ):
        return None
    tidy = querydict.copy()
    for name, of_kind in PARAMETER_KINDS.items():
        if name in tidy:
            kept = [value for value in tidy.getlist(name) if of_kind(value)]
            if kept:
                tidy.setlist(name, kept)
            else:
                del tidy[name]
    tidy._mutable = False
    return tidy


class BadInputMiddleware:
    """Early in the stack (before anything reads the query): see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "") or (
            "\x00" in request.META.get("QUERY_STRING", "")
        ):
            return HttpResponseBadRequest("This address holds a null character, which no page takes.")
        tidy = _tidy_query(request.GET)
        if tidy is not None:
            request.GET = tidy
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for name, value in view_kwargs.items():
            if names_an_id(name) and as_id(value) is None:
                return page_not_found(request, Http404("Not found."))
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidPage):
            return page_not_found(request, Http404("No such page of this list."))
        return None


def _in_range(connection, field, value):
    """Whether `value` could be stored in integer `field` (a foreign key's
    range is its target's). Anything not an int is left to the field."""
    if not isinstance(value, int) or isinstance(value, bool):
        return True
    field = getattr(field, "target_field", field)
    try:
        low, high = connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:  # not an integer column
        return True
    return (low is None or value >= low) and (high is None or value <= high)


class _DropsOutOfRange:
    """An `in` lookup that leaves out numbers no row can have (all of them
    out: no row at all)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            kept = [value for value in self.rhs if _in_range(connection, self.lhs.output_field, value)]
            if not kept:
                raise EmptyResultSet
            if len(kept) != len(self.rhs):
                self.rhs = kept
        return super().process_rhs(compiler, connection)


@IntegerField.register_lookup
class IntegerFieldIn(_DropsOutOfRange, In):
    pass


@ForeignObject.register_lookup
class RelatedInRange(_DropsOutOfRange, RelatedIn):
    lookup_name = "in"


@ForeignObject.register_lookup
class RelatedExactInRange(RelatedExact):
    """`=` on a foreign key (a page's `page_ptr`, a chosen object): a number
    no row can have matches none, as Django already answers for integer columns."""

    lookup_name = "exact"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value() and not _in_range(connection, self.lhs.output_field, self.rhs):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


def _chooser_instance(get_instance):
    """Wagtail's chooser widgets look the posted value up to draw it again
    (after any error on the form) and catch only DoesNotExist: a value that
    is not an id ("abc") raised ValueError there, a server error. A value
    that names no object draws as no choice; the field's own validation has
    already said it is not a valid choice."""
    def instance(self, value):
        try:
            return get_instance(self, value)
        except (ValueError, TypeError, ValidationError):
            return None
    instance.__doc__ = get_instance.__doc__
    return instance


BaseChooser.get_instance = _chooser_instance(BaseChooser.get_instance)


def _tolerant_construct_form(construct_form):
    """modelcluster's inline formsets (Wagtail's InlinePanel, the workflow
    editor) read each existing row's id from the post with `data[key]` and
    convert it unguarded, so a management form claiming more rows than were
    posted, or an id that is not one, raised (a server error). Django's own
    model formsets treat both as tampering and carry on; here too, such a row
    is a new, unsaved one, and the form's validation refuses it."""
    def construct(self, i, **kwargs):
        try:
            return construct_form(self, i, **kwargs)
        except (KeyError, ValueError, ValidationError):
            return BaseFormSet._construct_form(self, i, instance=self.model(), **kwargs)
    return construct


BaseTransientModelFormSet._construct_form = _tolerant_construct_form(BaseTransientModelFormSet._construct_form)


def _copy_post_with_a_real_parent(post):
    """Wagtail's page copy screen looks the posted parent up with
    `Page.objects.get(id=request.POST["new_parent_page"])` before its form
    validates it: a missing, non-numeric or unknown id raised (a server
    error). Such a parent is not found (404)."""
    def checked(self, request, *args, **kwargs):
        parent = request.POST.get("new_parent_page", "")
        if not parent.isdigit() or int(parent) > MAX_ID or not Page.objects.filter(id=int(parent)).exists():
            raise Http404("No such parent page.")
        return post(self, request, *args, **kwargs)
    return checked


CopyView.post = _copy_post_with_a_real_parent(CopyView.post)
