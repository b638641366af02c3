"""The ModelAdmin screen of the learning theme library."""
from wagtail.admin.panels import FieldPanel

from programme.admin.buttons import link_buttons
from programme.admin.scoping import ScopedModelAdmin, ScopedPermissionHelper
from programme.models import LearningTheme
from programme.permissions import may_change_theme


class LearningThemePermissionHelper(ScopedPermissionHelper):
    """Themes are retired or merged, never deleted: deleting one would
    delete every coding made with it. A theme another programme has coded
    with is changed only by site administrators
    (programme.permissions.may_change_theme)."""

    def user_can_edit_obj(self, user, obj):
        return may_change_theme(user, obj) and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return False


class LearningThemeAdmin(ScopedModelAdmin):
    """Themes are shared by every programme (so learning can be compared
    across cohorts): any facilitator may add one, and rename, retire or merge
    one no other programme has coded with."""

    model = LearningTheme
    menu_label = "Learning themes"
    menu_icon = "tag"
    permission_helper_class = LearningThemePermissionHelper
    button_helper_class = link_buttons(("Merge…", "programme_admin:theme_merge", lambda theme: not theme.retired))
    # Buttons are drawn without the user; the merge screen itself checks may_change_theme.
    list_display = ("name", "kind", "group", "retired_label")
    list_filter = ("kind", "retired")
    search_fields = ("name",)
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("group"),
        FieldPanel("description"),
        FieldPanel("retired"),
        FieldPanel("sort_order"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("merged_into")

    def retired_label(self, theme):
        # In words: modeladmin's boolean icon is a missing image under Wagtail 8.
        if theme.merged_into_id:
            return f"Merged into {theme.merged_into.name}"
        return "Retired" if theme.retired else "–"

    retired_label.short_description = "Retired"
    retired_label.admin_order_field = "retired"
