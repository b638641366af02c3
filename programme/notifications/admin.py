"""The log of emails the product sent (or is sending), per cohort."""
from django.http import Http404

from programme.admin.scoping import ScopedModelAdmin, ScopedPermissionHelper, scoped_filter
from programme.models import Cohort, SentEmail


class SentEmailPermissionHelper(ScopedPermissionHelper):
    """The email log is a record: it can be read, never written."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class SentEmailAdmin(ScopedModelAdmin):
    """Read-only: the list and each message (inspect). Its create, edit and
    delete addresses answer 404: there is nothing to write."""

    model = SentEmail
    menu_label = "Sent emails"
    menu_icon = "mail"
    permission_helper_class = SentEmailPermissionHelper
    list_display = ("subject", "to", "kind", "status", "queued_at", "sent_at")
    list_filter = ("kind", "status", scoped_filter("cohort", Cohort, "cohort"))
    search_fields = ("to", "subject")

    def create_view(self, request):
        raise Http404("The email log cannot be written.")

    def edit_view(self, request, instance_pk):
        raise Http404("The email log cannot be written.")

    def delete_view(self, request, instance_pk):
        raise Http404("The email log cannot be written.")
