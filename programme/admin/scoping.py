"""Object-level scoping for every wagtail-modeladmin screen of the programme
domain.

wagtail-modeladmin filters lists through `get_queryset()` only: its edit,
inspect, delete and history views load any primary key, and its permission
helper checks model permissions alone (its history view checks nothing). So
every ModelAdmin here derives from `ScopedModelAdmin`, which:
- scopes the list (and its exports) to the user's programmes,
- checks the object's programme on inspect, edit, delete and history,
- narrows every choice in its forms to the user's programmes, so a posted id
  from another programme is an invalid choice and nothing is saved."""
from django import forms
from django.contrib.admin import FieldListFilter, SimpleListFilter
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldError, ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView

from programme.admin.lookup import facilitated_or_404
from programme.pages import purge_public_pages
from programme.permissions import (
    can_facilitate,
    is_facilitator,
    may_manage_accounts,
    scope_to_facilitator,
)


class ScopedPermissionHelper(PermissionHelper):
    def user_can_list(self, user):
        return is_facilitator(user) and super().user_can_list(user)

    def user_can_create(self, user):
        return is_facilitator(user) and super().user_can_create(user)

    def user_can_inspect_obj(self, user, obj):
        return can_facilitate(user, obj) and super().user_can_inspect_obj(user, obj)

    def user_can_edit_obj(self, user, obj):
        return can_facilitate(user, obj) and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return can_facilitate(user, obj) and super().user_can_delete_obj(user, obj)


class ScopedIndexView(IndexView):
    """A list that accepts only its declared list filters, its search box,
    its ordering and its page number. wagtail-modeladmin turns every other
    query parameter into an ORM lookup (it has no `lookup_allowed` check), so
    `?memberships__participants__calendar_token__regex=^a` would filter the
    list by a field nobody may see and read it one bit per request. Here a
    parameter that no declared filter takes is ignored."""

    def get_filters_params(self, params=None):
        declared = self.declared_filter_parameters()
        return {
            name: values for name, values in super().get_filters_params(params).items()
            if name in declared and self._takes(name, values)
        }

    def _takes(self, name, values):
        """Whether the list's field can take the value (`?retired__exact=maybe`
        cannot): an unknown value is ignored, as an unknown parameter is,
        rather than raising IncorrectLookupParameters (a server error)."""
        if any(filter_class.parameter_name == name for filter_class in self._simple_filters()):
            return True  # a SimpleListFilter reads its own value
        values = values if isinstance(values, list) else [values]
        try:
            for value in values:
                self.model._default_manager.filter(**{name: value})
        except (ValidationError, ValueError, TypeError, FieldError):
            return False
        # A field with choices (`?kind=nonsense`): a value that is none of them is unknown too.
        path = name.removesuffix("__exact")
        try:
            field = get_fields_from_path(self.model, path)[-1]
        except (FieldError, LookupError, AttributeError):
            return True
        if getattr(field, "choices", None):
            known = {str(key) for key, _label in field.flatchoices}
            return all(str(value) in known for value in values)
        return True

    def _simple_filters(self):
        return [f for f in self.list_filter or () if isinstance(f, type) and issubclass(f, SimpleListFilter)]

    def declared_filter_parameters(self):
        """The query parameters the declared list filters read."""
        names = set()
        for list_filter in self.list_filter or ():
            if isinstance(list_filter, type) and issubclass(list_filter, SimpleListFilter):
                names.add(list_filter.parameter_name)
                continue
            field_path, filter_class = (
                list_filter if isinstance(list_filter, (tuple, list)) else (list_filter, FieldListFilter.create)
            )
            field = get_fields_from_path(self.model, field_path)[-1]
            spec = filter_class(field, self.request, {}, self.model, self.model_admin, field_path=field_path)
            names.update(spec.expected_parameters())
        return names


class ScopedHistoryView(HistoryView):
    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


class ScopedAdminForm(WagtailAdminModelForm):
    """Narrows every model choice to what the user may see, and refuses to
    save an object that would belong to a programme they do not facilitate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None:
            return
        for field in self.fields.values():
            if not isinstance(field, forms.ModelChoiceField):  # includes ModelMultipleChoiceField
                continue
            if field.queryset.model is get_user_model() and not may_manage_accounts(user):
                # No facilitator sees a list of the site's accounts.
                field.queryset = field.queryset.none()
            else:
                field.queryset = scope_to_facilitator(field.queryset, user)

    def _post_clean(self):
        super()._post_clean()
        user = getattr(self, "for_user", None)
        if user is None or self.errors:
            return
        if self.instance.pk is None and getattr(type(self.instance), "programme_path", None) == "":
            return  # a new programme: its creator becomes its facilitator on save
        if not can_facilitate(user, self.instance):
            self.add_error(None, "You can only change programmes you facilitate.")

    def save(self, commit=True):
        instance = super().save(commit=commit)
        user = getattr(self, "for_user", None)
        if commit and user is not None and getattr(type(instance), "programme_path", None) == "":
            if not user.is_superuser:
                instance.facilitators.add(user)
        # Programme data is shown on public pages (report pages, listings).
        purge_public_pages()
        return instance


class ScopedModelAdmin(ModelAdmin):
    permission_helper_class = ScopedPermissionHelper
    index_view_class = ScopedIndexView
    history_view_class = ScopedHistoryView
    inspect_view_enabled = True
    panels = None  # subclasses list their panels
    base_form_class = None  # a subclass of ScopedAdminForm, if the model needs one

    def get_queryset(self, request):
        return scope_to_facilitator(super().get_queryset(request), request.user)

    def _require_visible(self, request, instance_pk):
        # Another programme's object is answered as if it did not exist, before
        # any view loads it, so its existence is not revealed either.
        facilitated_or_404(self.get_queryset(request), request.user, pk=unquote(str(instance_pk)))

    def edit_view(self, request, instance_pk):
        self._require_visible(request, instance_pk)
        return super().edit_view(request, instance_pk)

    def inspect_view(self, request, instance_pk):
        self._require_visible(request, instance_pk)
        return super().inspect_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        self._require_visible(request, instance_pk)
        response = super().delete_view(request, instance_pk)
        if request.method == "POST":
            purge_public_pages()
        return response

    def history_view(self, request, instance_pk):
        self._require_visible(request, instance_pk)
        return super().history_view(request, instance_pk)

    def get_edit_handler(self):
        form_class = self.base_form_class or ScopedAdminForm
        if self.panels is None:
            handler = super().get_edit_handler()
            return ObjectList(handler.children, base_form_class=form_class)
        return ObjectList(self.panels, base_form_class=form_class)


def scoped_filter(field_path, model, title, *, labels=None, select_related=()):
    """A list filter over a related model whose choices are scoped to the
    user's programmes (the stock related-field filter would list every
    programme's cohorts). `labels`: a function from the choices' objects to
    {id: label} (each object's str() otherwise)."""

    class ScopedFilter(SimpleListFilter):
        parameter_name = field_path.replace("__", "_")

        def lookups(self, request, model_admin):
            rows = list(scope_to_facilitator(model._default_manager.select_related(*select_related), request.user))
            names = labels(rows) if labels else {obj.pk: str(obj) for obj in rows}
            return [(str(obj.pk), names[obj.pk]) for obj in rows]

        def queryset(self, request, queryset):
            value = self.value()
            if value and value.isdigit():
                return queryset.filter(**{f"{field_path}__pk": int(value)})
            return queryset

    ScopedFilter.title = title
    return ScopedFilter
