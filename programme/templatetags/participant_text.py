"""`{{ value|participant_html }}` shows participant text: sanitised again on
the way out, never marked safe unchecked."""
from django import template

from programme.sanitise import render_safe

register = template.Library()


@register.filter
def participant_html(value):
    return render_safe(value)
