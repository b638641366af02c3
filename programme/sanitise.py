"""The one place participant text is cleaned. bleach is deprecated upstream
(security fixes only), so nothing else imports it: moving to nh3 means
changing this module alone.

Allowed: paragraphs, line breaks, lists, bold, italic, and links to http,
https and mailto addresses (bare addresses are made into links). Never svg,
math or style, and no attributes but a link's href/title.

bleach's parser slows with the square of unclosed tags ("<b><i>" repeated),
and costs some microseconds a character for text dense in markup or "&". So
every form limits the size of what it takes BEFORE any of it comes here, and
this module refuses anything longer than `SANITISE_MAX` (`TextTooLong`), so
that a route which forgot its limit fails at once instead of holding a
server for minutes. What it returns is marked (`CleanLine`, `CleanHtml`):
cleaning is idempotent, so marked text is passed back as it is rather than
cleaned twice (the form cleans a statement, the domain function would again).
Any change to marked text (slicing, joining, strip()) gives a plain str again,
which is cleaned. Text from the database is never marked."""
import html
from html.parser import HTMLParser

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
_line_cleaner = bleach.Cleaner(
    tags={"strong", "b", "em", "i", "a"}, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True,
    strip_comments=True,
)

# The most this module cleans at once. The largest text a form accepts is a
# plan field of 3,000 characters; cleaned, it can grow to some 33,000 (every
# word a web address made into a link), and stored text is cleaned again on
# the way out (render_safe). Nothing longer has any business here.
SANITISE_MAX = 40_000


class TextTooLong(ValueError):
    """More text than any form accepts reached the sanitiser: a missing limit."""


class CleanHtml(str):
    """Text cleaned by sanitise_html."""

    __slots__ = ()


class CleanLine(CleanHtml):
    """Text cleaned by sanitise_line (also clean by sanitise_html's rules,
    which allow more)."""

    __slots__ = ()


def _bounded(text):
    text = str(text)
    if len(text) > SANITISE_MAX:
        raise TextTooLong(f"{len(text):,} characters reached the sanitiser; it takes {SANITISE_MAX:,} at most.")
    return text


def sanitise_html(text):
    """Clean what a person typed: keep the allow-list, drop everything else."""
    if not text:
        return CleanHtml("")
    if isinstance(text, CleanHtml):
        return text
    return CleanHtml(_linker.linkify(_cleaner.clean(_bounded(text))).strip())


def sanitise_line(text):
    """A single statement: no block tags, one line."""
    if isinstance(text, CleanLine):
        return text
    cleaned = _line_cleaner.clean(" ".join(_bounded(text).split()))
    return CleanLine(_linker.linkify(cleaned).strip())


class _Words(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.count = 0

    def handle_data(self, data):
        self.count += len(data)


def visible_length(cleaned):
    """How many characters a reader sees of cleaned text: its words, with
    tags left out and entities counted as the one character they stand for
    (so "a &amp; b" is 5). Linear in the text (the standard library's parser)."""
    parser = _Words()
    parser.feed(str(cleaned))
    parser.close()
    return parser.count


def render_safe(text):
    """For templates: clean again on the way out (cheap, and it means a row
    written by any other route is still safe), then mark as safe HTML."""
    return mark_safe(sanitise_html(text))  # noqa: S308 - cleaned by the allow-list just above


def plain_text(text):
    """For exports and emails: the words only, with entities turned back into
    characters (a plain-text email must say "a < b", not "a &lt; b")."""
    return html.unescape(bleach.clean(_bounded(text or ""), tags=set(), strip=True)).strip()
