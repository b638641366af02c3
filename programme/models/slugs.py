"""Slugs made from a name: the one home of "slug on save"."""
from django.db import models
from django.utils.text import slugify


class SlugFromName(models.Model):
    """A model whose `slug` is made from another field (`slug_source`, "name"
    unless a subclass says otherwise) when it is saved without one."""

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.slug_from_name()
        super().save(*args, **kwargs)

    def slug_from_name(self):
        max_length = self._meta.get_field("slug").max_length
        return slugify(getattr(self, self.slug_source) or "")[:max_length]
