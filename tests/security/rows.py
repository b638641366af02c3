"""Every row a refused request must leave alone, for the proofs that say
"nothing changed": the programme's data, the pages and their revisions, the
groups and their rights, the accounts (all but the times a visit records)."""
from django.apps import apps

# Tables a request may write to without changing anything anyone sees.
WRITTEN_BY_READING = {
    "sessions.Session", "wagtailadmin.EditingSession", "axes.AccessLog", "axes.AccessAttempt",
    "wagtailcore.PageSubscription",  # opening a page in the editor subscribes to its comments
}
WATCHED_APPS = ("programme", "resources", "wagtailcore", "auth", "taggit")


def snapshot():
    rows = {}
    for model in apps.get_models():
        if model._meta.label in WRITTEN_BY_READING or model._meta.app_label not in WATCHED_APPS:
            continue
        # Times a visit records: signing in, opening the admin's home.
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in ("last_login", "dashboard_seen_at")]
        rows[model._meta.label] = {repr(row) for row in model._default_manager.values_list(*fields)}
    return rows


def changed(before, after):
    """The tables whose rows differ."""
    return sorted(label for label in before if before[label] != after.get(label))
