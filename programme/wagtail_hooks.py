"""Admin wiring for the programme domain, and nothing else: the ModelAdmin
screens live with their concept (programme/cohorts/admin.py,
programme/sessions/admin.py…), their scoping in programme/admin/scoping.py,
the rules in programme/permissions.py, and the screens beyond create/edit are
listed in programme/admin/urls.py."""
from django.templatetags.static import static
from django.urls import include, path
from django.utils.html import format_html
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from programme.admin.home import add_attention_panel
from programme.cohorts.admin import (
    CohortAdmin,
    MembershipAdmin,
    OrganisationAdmin,
    ParticipantAdmin,
    ProgrammeAdmin,
)
from programme.learning.admin import LearningThemeAdmin
from programme.notifications.account import DigestSettingsPanel
from programme.notifications.admin import SentEmailAdmin
from programme.sessions.admin import BriefingContactAdmin, PresentationAdmin, ProgrammeSessionAdmin


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
        BriefingContactAdmin,
        OrganisationAdmin,
        SentEmailAdmin,
        LearningThemeAdmin,
    )


modeladmin_register(PeerLearningGroup)


@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    return [path("peer-learning/", include(("programme.admin.urls", "programme_admin")))]


# The admin's home: what needs attention in the user's cohorts, first.
hooks.register("construct_homepage_panels", add_attention_panel)


@hooks.register("insert_global_admin_css")
def facilitator_screens_css():
    return format_html('<link rel="stylesheet" href="{}">', static("programme/admin/screens.css"))


@hooks.register("register_account_settings_panel")
def register_digest_settings_panel(request, user, profile):
    return DigestSettingsPanel(request, user, profile)
