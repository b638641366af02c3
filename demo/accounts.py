"""Demo logins printed by `make run`. Development only: the passwords are public."""
from django.contrib.auth import get_user_model

DEMO_ACCOUNTS = [
    {
        "role": "Site administrator",
        "username": "admin",
        "password": "demo-admin-2021",
        "where": "http://127.0.0.1:8000/admin/",
        "superuser": True,
    },
    {
        "role": "Facilitator, 2021 programme (and editor)",
        "username": "facilitator",
        "password": "demo-facilitator-2021",
        "where": "http://127.0.0.1:8000/admin/",
    },
    {
        "role": "Facilitator, 2027 programme",
        "username": "facilitator2",
        "password": "demo-facilitator-2027",
        "where": "http://127.0.0.1:8000/admin/ (sees only the 2027 programme)",
    },
    {
        "role": "Participant, Kent (2021 cohort)",
        "username": "kent",
        "password": "demo-participant-2021",
        "where": "http://127.0.0.1:8000/portal/",
    },
    {
        "role": "Participant, Sefton (2021 cohort)",
        "username": "sefton",
        "password": "demo-participant-2021",
        "where": "http://127.0.0.1:8000/portal/",
    },
]


def ensure_demo_accounts():
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        if not account.get("superuser"):
            continue  # other accounts are made by the demo loaders of their apps
        user, created = User.objects.get_or_create(
            username=account["username"],
            defaults={"is_staff": True, "is_superuser": account.get("superuser", False)},
        )
        if created:
            user.set_password(account["password"])
            user.save()
