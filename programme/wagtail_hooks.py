"""Admin wiring for the programme domain. Only wiring lives here; rules live in
programme/permissions.py and the logic modules."""
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import Organisation, Programme


class OrganisationAdmin(ModelAdmin):
    model = Organisation
    menu_icon = "group"
    list_display = ("name", "kind", "la_type", "region")
    list_filter = ("kind", "la_type", "region")
    search_fields = ("name",)


class ProgrammeAdmin(ModelAdmin):
    model = Programme
    menu_icon = "doc-full"
    list_display = ("title", "host", "starts_on", "ends_on", "status")
    list_filter = ("status",)
    search_fields = ("title", "host")


class PeerLearningGroup(ModelAdminGroup):
    menu_label = "Peer learning"
    menu_icon = "group"
    menu_order = 200
    items = (ProgrammeAdmin, OrganisationAdmin)


modeladmin_register(PeerLearningGroup)
