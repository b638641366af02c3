"""The one place participant text is cleaned. bleach is deprecated upstream
(security fixes only), so nothing else imports it: moving to nh3 means
changing this module alone.

Allowed: paragraphs, line breaks, lists, bold, italic, and links to http,
https and mailto addresses (bare addresses are made into links). Never svg,
math or style, and no attributes but a link's href/title."""
import html

import bleach
from bleach.linkifier import DEFAULT_CALLBACKS, Linker
from django.utils.safestring import mark_safe

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _nofollow_new_tab_safe(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True,
    strip_comments=True,
)
_linker = Linker(callbacks=[*DEFAULT_CALLBACKS, _nofollow_new_tab_safe], skip_tags={"pre", "code"})


def sanitise_html(text):
    """Clean what a person typed: keep the allow-list, drop everything else."""
    if not text:
        return ""
    return _linker.linkify(_cleaner.clean(str(text))).strip()


def sanitise_line(text):
    """A single statement: no block tags, one line."""
    cleaned = bleach.clean(
        " ".join(str(text).split()), tags={"strong", "b", "em", "i", "a"}, attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS, strip=True, strip_comments=True,
    )
    return _linker.linkify(cleaned).strip()


def render_safe(text):
    """For templates: clean again on the way out (cheap, and it means a row
    written by any other route is still safe), then mark as safe HTML."""
    return mark_safe(sanitise_html(text))  # noqa: S308 - cleaned by the allow-list just above


def plain_text(text):
    """For exports and emails: the words only, with entities turned back into
    characters (a plain-text email must say "a < b", not "a &lt; b")."""
    return html.unescape(bleach.clean(str(text or ""), tags=set(), strip=True)).strip()
