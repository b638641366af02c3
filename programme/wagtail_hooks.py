"""Admin wiring for the programme domain. Only wiring lives here: scoping is in
programme/admin_scoping.py, rules in programme/permissions.py, screens beyond
create/edit in programme/admin_views/."""
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from .admin_scoping import ScopedModelAdmin, ScopedPermissionHelper, scoped_filter
from .models import (
    Cohort,
    LearningTheme,
    Membership,
    Organisation,
    Participant,
    Presentation,
    Programme,
    ProgrammeSession,
    SentEmail,
)


def link_buttons(*links):
    """A button helper adding links to screens beyond create/edit on each row.
    `links` are (label, url name, condition) where condition(obj) may hide it."""

    class LinkButtonHelper(ButtonHelper):
        def get_buttons_for_obj(self, obj, *args, **kwargs):
            buttons = super().get_buttons_for_obj(obj, *args, **kwargs)
            for label, url_name, condition in links:
                if condition is None or condition(obj):
                    buttons.append({
                        "url": reverse(url_name, args=[obj.pk]), "label": label,
                        "classname": "button button-small button-secondary", "title": f"{label}: {obj}",
                    })
            return buttons

    return LinkButtonHelper


class ProgrammeAdmin(ScopedModelAdmin):
    model = Programme
    button_helper_class = link_buttons(("Learning across cohorts", "programme_admin:programme_learning", None))
    menu_icon = "doc-full"
    list_display = ("title", "host", "starts_on", "ends_on", "status")
    list_filter = ("status",)
    search_fields = ("title", "host")
    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("host"), FieldPanel("funder")]),
        FieldPanel("summary"),
        FieldPanel("objective"),
        FieldPanel("outcomes_for_each_la"),
        FieldPanel("outcomes_for_system"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("status")]),
        FieldPanel("facilitators"),
    ]


class CohortAdmin(ScopedModelAdmin):
    model = Cohort
    button_helper_class = link_buttons(
        ("Overview", "programme_admin:cohort_overview", None),
        ("Plans and reports", "programme_admin:submissions", None),
        ("Import participants", "programme_admin:import_roster", None),
        ("Code themes", "programme_admin:coding", None),
    )
    menu_icon = "group"
    list_display = ("name", "programme", "starts_on", "ends_on")
    list_filter = (scoped_filter("programme", Programme, "programme"),)
    panels = [
        FieldPanel("programme"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("reminder_days_before"),
        MultiFieldPanel(
            [FieldPanel("plan_deadline"), FieldPanel("report_deadline"), FieldPanel("sharing_enabled"),
             FieldPanel("report_threshold")],
            heading="Plans, reports and sharing",
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")


class MembershipAdmin(ScopedModelAdmin):
    model = Membership
    button_helper_class = link_buttons(("Send invitation", "programme_admin:invite", None))
    menu_label = "Memberships"
    menu_icon = "tick-inverse"
    list_display = ("organisation", "cohort", "status")
    list_filter = ("status", scoped_filter("cohort", Cohort, "cohort"))
    search_fields = ("organisation__name",)
    panels = [
        FieldPanel("cohort"),
        FieldPanel("organisation"),
        FieldPanel("status"),
        FieldPanel("application_statement"),
        FieldPanel("group_tags"),
        FieldPanel("consent_to_publish"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "cohort__programme")


class ParticipantAdmin(ScopedModelAdmin):
    model = Participant
    menu_icon = "user"
    list_display = ("name", "organisation_name", "role", "email")
    list_filter = (scoped_filter("membership__cohort", Cohort, "cohort"),)
    search_fields = ("name", "email", "role", "membership__organisation__name")
    panels = [
        FieldPanel("membership"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("user"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membership__organisation")

    @staticmethod
    def organisation_name(obj):
        return obj.membership.organisation.name

    organisation_name.short_description = "Organisation"


class ProgrammeSessionAdmin(ScopedModelAdmin):
    model = ProgrammeSession
    button_helper_class = link_buttons(
        ("Register", "programme_admin:register", lambda s: s.status != "cancelled"),
        ("Breakout groups", "programme_admin:breakouts", lambda s: s.status != "cancelled"),
    )
    menu_label = "Sessions"
    menu_icon = "date"
    list_display = ("title", "cohort", "kind", "starts_at", "status")
    list_filter = (scoped_filter("cohort", Cohort, "cohort"), "kind", "status")
    search_fields = ("title",)
    panels = [
        FieldPanel("cohort"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("status")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [FieldPanel("online"), FieldPanel("join_url"), FieldPanel("location")],
            heading="Where",
        ),
        FieldPanel("agenda"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cohort__programme")


class PresentationAdmin(ScopedModelAdmin):
    model = Presentation
    menu_icon = "pick"
    list_display = ("topic", "presenters", "organisation", "session")
    list_filter = (scoped_filter("session__cohort", Cohort, "cohort"),)
    panels = [
        FieldPanel("session"),
        FieldPanel("topic"),
        FieldPanel("presenters"),
        FieldPanel("organisation"),
        FieldPanel("case_study"),
        FieldPanel("follow_up_resources"),
        FieldPanel("sort_order"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "session__cohort")


class SentEmailPermissionHelper(ScopedPermissionHelper):
    """The email log is a record: it can be read, never written."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class SentEmailAdmin(ScopedModelAdmin):
    model = SentEmail
    menu_label = "Sent emails"
    menu_icon = "mail"
    permission_helper_class = SentEmailPermissionHelper
    list_display = ("subject", "to", "kind", "sent_at")
    list_filter = ("kind", scoped_filter("cohort", Cohort, "cohort"))
    search_fields = ("to", "subject")


class OrganisationAdmin(ScopedModelAdmin):
    """Organisations are a shared directory across programmes: any facilitator
    may keep them up to date; they hold nothing private."""

    model = Organisation
    menu_icon = "site"
    list_display = ("name", "kind", "la_type", "region")
    list_filter = ("kind", "la_type", "region")
    search_fields = ("name",)
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("la_type"), FieldPanel("region")]),
        FieldPanel("website"),
    ]


class LearningThemePermissionHelper(ScopedPermissionHelper):
    """Themes are retired or merged, never deleted: deleting one would
    delete every coding made with it."""

    def user_can_delete_obj(self, user, obj):
        return False


class LearningThemeAdmin(ScopedModelAdmin):
    """Themes are shared by every programme (so learning can be compared
    across cohorts): any facilitator may add, rename, retire or merge them."""

    model = LearningTheme
    menu_label = "Learning themes"
    menu_icon = "tag"
    permission_helper_class = LearningThemePermissionHelper
    button_helper_class = link_buttons(("Merge…", "programme_admin:theme_merge", lambda theme: not theme.retired))
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


class PeerLearningGroup(ModelAdminGroup):
    menu_label = "Peer learning"
    menu_icon = "group"
    menu_order = 200
    items = (
        ProgrammeAdmin,
        CohortAdmin,
        MembershipAdmin,
        ParticipantAdmin,
        ProgrammeSessionAdmin,
        PresentationAdmin,
        OrganisationAdmin,
        SentEmailAdmin,
        LearningThemeAdmin,
    )


modeladmin_register(PeerLearningGroup)



@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    return [path("peer-learning/", include(("programme.admin_urls", "programme_admin")))]
