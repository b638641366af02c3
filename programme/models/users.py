from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who logs in: a facilitator (Wagtail admin) or an LA participant
    (the portal). Custom from the first migration so it can grow safely."""

    email = models.EmailField("email address", blank=True)

    class Meta:
        db_table = "programme_user"

    def __str__(self):
        return self.get_full_name() or self.username
