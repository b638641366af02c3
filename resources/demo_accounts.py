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
]


def ensure_demo_accounts():
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account["username"],
            defaults={"is_staff": True, "is_superuser": account.get("superuser", False)},
        )
        if created:
            user.set_password(account["password"])
            user.save()
