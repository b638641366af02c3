"""The facilitator's own choice of the daily digest of new submissions, as a
panel of Wagtail's account settings (Account → Notifications, beside
Wagtail's own page notifications), where a facilitator already looks for
what the admin emails them. No screen of our own: the account page is
always the signed-in person's own, so nobody can change another's choice.
Registered in programme/wagtail_hooks.py; shown only to facilitators."""
from django import forms
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.admin.widgets import SwitchInput

from programme.models import User
from programme.notifications.digest import set_digest_wanted
from programme.permissions import is_facilitator


class DigestPreferenceForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["submission_digest"]
        widgets = {"submission_digest": SwitchInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The account page's forms share one user object, and the name and
        # email form saves all of it before this one: remember the choice as
        # it was when the page was posted.
        self.was_wanted = self.instance.submission_digest

    def save(self, commit=True):
        return set_digest_wanted(
            user=self.instance, wanted=self.cleaned_data["submission_digest"], was_wanted=self.was_wanted
        )

    save.alters_data = True


class DigestSettingsPanel(BaseSettingsPanel):
    name = "peer_learning_digest"
    title = "Peer learning"
    tab = notifications_tab
    order = 200
    form_class = DigestPreferenceForm

    def is_active(self):
        return is_facilitator(self.user)
