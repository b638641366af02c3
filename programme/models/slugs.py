"""Slugs made from a name: the one home of "slug on save"."""
from django.core.exceptions import ValidationError
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

    def clean(self):
        """The slug a save would make must be free: a name that differs from
        another row's only in punctuation or case ("Kent County Council!")
        would make the same one, and the database would refuse the save (a
        server error). Said beside the name, by every form that saves one
        (ModelAdmin, snippets); a slug typed in its own field is checked by
        the form's unique check."""
        super().clean()
        if self.slug:
            return
        name = getattr(self, self.slug_source) or ""
        if not name.strip():
            return  # the name's own "required" error says it
        slug = self.slug_from_name()
        field = self._meta.get_field(self.slug_source)
        if not slug:
            raise ValidationError({self.slug_source: (
                f"The {field.verbose_name} needs at least one letter or number, to make its web address from."
            )})
        other = type(self)._default_manager.filter(slug=slug).exclude(pk=self.pk).first()
        if other is not None:
            raise ValidationError({self.slug_source: (
                f"“{other}” already has the web address “{slug}”, which this {field.verbose_name} would "
                f"make too. Choose a {field.verbose_name} that differs by more than punctuation or capitals."
            )})

    def slug_from_name(self):
        max_length = self._meta.get_field("slug").max_length
        return slugify(getattr(self, self.slug_source) or "")[:max_length]
