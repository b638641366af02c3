"""Merge one learning theme into another: choose the theme to keep, see what
will happen, confirm. Every coding of the merged theme moves to the theme
kept (a statement coded with both keeps one coding), and the merged theme is
retired with a pointer to the one kept, so nothing is lost.

Themes are shared by every programme: a facilitator may merge a theme that
no other programme has coded with (programme.permissions.may_change_theme);
others are for site administrators. Mounted under
/admin/peer-learning/ by programme/admin/urls.py (Wagtail's
`require_admin_access` sends anyone without admin access to the login page).
"""
from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages

from programme.admin.lookup import facilitated_or_404
from programme.enums import ThemeKind
from programme.learning.coding import active_themes
from programme.learning.merging import merge_preview, merge_themes
from programme.models import CodedStatement, LearningTheme
from programme.permissions import may_change_theme


class MergeForm(forms.Form):
    target = forms.TypedChoiceField(
        label="Merge it into", coerce=int,
        help_text="The theme to keep. Only themes that are not retired can be chosen.",
        error_messages={
            "required": "Choose the theme to merge it into.",
            "invalid_choice": "Choose a theme from the list: that one is retired, or no longer exists.",
        },
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {theme.pk: theme for theme in active_themes().exclude(pk=source.pk)}
        grouped = {}
        for theme in self.themes.values():
            grouped.setdefault(theme.group or ThemeKind(theme.kind).label, []).append((theme.pk, theme.name))
        self.fields["target"].choices = [("", "Choose a theme"), *grouped.items()]

    def target_theme(self):
        return self.themes[self.cleaned_data["target"]]


@require_http_methods(["GET", "POST"])
def theme_merge(request, theme_id):
    source = facilitated_or_404(LearningTheme.objects.select_related("merged_into"), request.user, pk=theme_id)
    themes_url = reverse("programme_learningtheme_modeladmin_index")
    url = reverse("programme_admin:theme_merge", args=[source.pk])
    context = {
        "source": source,
        "source_codings": CodedStatement.objects.filter(theme=source).count(),
        "themes_url": themes_url,
        "action_url": url,
        "form": None,
        "target": None,
        "locked": not may_change_theme(request.user, source),
    }
    if context["locked"]:
        if request.method == "POST":
            messages.error(request, f"“{source.name}” is used by another programme, so it cannot be merged here.")
        return TemplateResponse(request, "programme/admin/theme_merge.html", context,
                                status=403 if request.method == "POST" else 200)
    if source.retired:
        if request.method == "POST":
            messages.error(request, f"“{source.name}” is retired, so it cannot be merged.")
        return TemplateResponse(request, "programme/admin/theme_merge.html", context,
                                status=400 if request.method == "POST" else 200)

    form = MergeForm(request.POST or None, source=source)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            target = form.target_theme()
            if request.POST.get("confirm") == "yes":
                moved = merge_themes(source=source, target=target, user=request.user)
                merged = context["source_codings"] - moved
                note = f" ({merged} statement{'s' if merged != 1 else ''} already had “{target.name}”)" if merged else ""
                messages.success(
                    request,
                    f"“{source.name}” merged into “{target.name}”: {moved} coding{'s' if moved != 1 else ''} "
                    f"moved{note}. “{source.name}” is now retired.",
                )
                return redirect(themes_url)
            context.update(target=target, preview=merge_preview(source=source, target=target))
        else:
            status = 400
    context["form"] = form
    return TemplateResponse(request, "programme/admin/theme_merge.html", context, status=status)


urlpatterns = [
    path("themes/<int:theme_id>/merge/", theme_merge, name="theme_merge"),
]
