"""The ModelAdmin screens of programmes, cohorts, memberships, participants
and the organisation directory. Scoping to the user's programmes is done by
ScopedModelAdmin (programme.admin.scoping); registration in wagtail_hooks."""
from django import forms
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets import AdminDateInput

from programme.admin.buttons import link_buttons
from programme.admin.scoping import (
    ScopedAdminForm,
    ScopedModelAdmin,
    ScopedPermissionHelper,
    scoped_filter,
)
from programme.cohorts.consent import annotated_consent_state, with_latest_consent
from programme.dates import end_of_day, london
from programme.models import Cohort, Membership, Organisation, Participant, Programme
from programme.permissions import MANAGE_ACCOUNTS_PERMISSION, may_change_organisation


class ProgrammeAdmin(ScopedModelAdmin):
    model = Programme
    button_helper_class = link_buttons(
        ("Learning across cohorts", "programme_admin:programme_learning", None),
        ("Outcome measures", "programme_admin:outcome_measures", None),
    )
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
        # Picking facilitators lists the site's accounts: only for those who may manage accounts.
        FieldPanel("facilitators", permission=MANAGE_ACCOUNTS_PERMISSION),
    ]


DEADLINE_FIELDS = {
    "plan_deadline": "One-page plans are due by 11:59pm (UK time) on this day.",
    "report_deadline": "One-page reports are due by 11:59pm (UK time) on this day.",
}


class CohortForm(ScopedAdminForm):
    """A deadline is typed as a date, and means the end of that day, UK time
    (programme.dates.end_of_day); it is stored as that moment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, help_text in DEADLINE_FIELDS.items():
            if name not in self.fields:
                continue
            label = self.fields[name].label
            self.fields[name] = forms.DateField(
                label=label, required=False, help_text=help_text, widget=AdminDateInput(),
                error_messages={"invalid": f"Enter the {label.lower()} as a date, for example 6 December 2020."},
            )
            value = self.initial.get(name)
            if hasattr(value, "astimezone"):
                self.initial[name] = london(value).date()

    def clean_plan_deadline(self):
        day = self.cleaned_data.get("plan_deadline")
        return end_of_day(day) if day else None

    def clean_report_deadline(self):
        day = self.cleaned_data.get("report_deadline")
        return end_of_day(day) if day else None


class CohortAdmin(ScopedModelAdmin):
    model = Cohort
    base_form_class = CohortForm
    button_helper_class = link_buttons(
        ("Overview", "programme_admin:cohort_overview", None),
        ("People and invitations", "programme_admin:cohort_people", None),
        ("Plans and reports", "programme_admin:submissions", None),
        ("Import participants", "programme_admin:import_roster", None),
        ("Code themes", "programme_admin:coding", None),
        ("Messages", "programme_admin:cohort_messages", None),
        ("Actions", "programme_admin:cohort_actions", None),
        ("Outcomes", "programme_admin:cohort_outcomes", None),
        ("Downloads", "programme_admin:cohort_overview#downloads", None),
        ("Run again", "programme_admin:cohort_run_again", None),
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
             FieldPanel("report_threshold"), FieldPanel("outcomes_follow_up_on")],
            heading="Plans, reports and sharing",
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme")


class MembershipAdmin(ScopedModelAdmin):
    model = Membership
    button_helper_class = link_buttons(("Consent", "programme_admin:membership_consent", None))
    menu_label = "Memberships"
    menu_icon = "tick-inverse"
    list_display = ("organisation", "cohort", "status", "consent")
    list_filter = ("status", scoped_filter("cohort", Cohort, "cohort"))
    search_fields = ("organisation__name",)
    panels = [
        FieldPanel("cohort"),
        FieldPanel("organisation"),
        FieldPanel("status"),
        FieldPanel("application_statement"),
        FieldPanel("group_tags"),
    ]
    # Consent is the organisation's own answer, given in the portal; a
    # facilitator records one for it (with a reason) on the Consent screen.

    def get_queryset(self, request):
        return with_latest_consent(super().get_queryset(request).select_related("organisation", "cohort__programme"))

    @staticmethod
    def consent(obj):
        return annotated_consent_state(obj).summary

    consent.short_description = "Consent to publication"


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
        # No login picker: a participant's login comes from accepting an invitation.
    ]
    inspect_view_fields = ["membership", "name", "role", "email", "phone"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membership__organisation")

    @staticmethod
    def organisation_name(obj):
        return obj.membership.organisation.name

    organisation_name.short_description = "Organisation"


class OrganisationPermissionHelper(ScopedPermissionHelper):
    """The directory is shared: any facilitator may add an organisation, and
    change or delete one only while no other programme and no page uses it
    (programme.permissions.may_change_organisation)."""

    def user_can_edit_obj(self, user, obj):
        return may_change_organisation(user, obj) and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return may_change_organisation(user, obj) and super().user_can_delete_obj(user, obj)


class OrganisationAdmin(ScopedModelAdmin):
    """Organisations are a shared directory across programmes; they hold
    nothing private, and another programme's use of one keeps it from change."""

    model = Organisation
    permission_helper_class = OrganisationPermissionHelper
    menu_icon = "site"
    list_display = ("name", "kind", "la_type", "region")
    list_filter = ("kind", "la_type", "region")
    search_fields = ("name",)
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("la_type"), FieldPanel("region")]),
        FieldPanel("website"),
    ]
