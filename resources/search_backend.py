"""The search backend every search of the site goes through: the public
search, and Wagtail's admin searches (the page explorer and chooser, the
snippet, image and document lists and choosers, usage lists). It is Wagtail's
database backend (SQLite FTS5 or PostgreSQL full text, chosen by the
database as usual) with the search text made safe first, in one place:

- control characters (a null above all) are turned into spaces, and the
  text is cut to MAX_QUERY_LENGTH characters;
- a list whose filters the backend cannot search within (an annotation)
  is searched as a whole table and then filtered;
- on SQLite, a double quote inside a word is written as FTS5 writes one
  (`""`): each word goes into an FTS5 string, and a lone `"` ended it early
  ("unterminated string", a server error for `?q="`).

Configured in settings (WAGTAILSEARCH_BACKENDS). A deployment that moves to
OpenSearch/Elasticsearch uses Wagtail's own backend for it."""
import unicodedata

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import Phrase, PlainText, SearchQuery

MAX_QUERY_LENGTH = 200


def safe_text(text, *, quote_escape=False):
    """`text` without control characters, at most MAX_QUERY_LENGTH long."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in str(text)[:MAX_QUERY_LENGTH])
    return text.replace('"', '""') if quote_escape else text


class SafeQueryMixin:
    quote_escape = False

    def _safe(self, query):
        if isinstance(query, str):
            return safe_text(query, quote_escape=self.quote_escape)
        if isinstance(query, PlainText | Phrase):
            query.query_string = safe_text(query.query_string, quote_escape=self.quote_escape)
        elif isinstance(query, SearchQuery):
            for name in ("subquery", "subquery_a", "subquery_b"):
                if hasattr(query, name):
                    self._safe(getattr(query, name))
            for subquery in getattr(query, "subqueries", ()):
                self._safe(subquery)
        return query

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = self._safe(query)
        try:
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
        except AttributeError:
            # A filter the backend cannot translate: the document and image
            # lists' "usage count" filter is an annotation (Coalesce), and
            # searching such a list raised (a server error for
            # `?q=report&usage_count_min=1`). Search the whole table, then
            # filter the list by what was found: the list's own filters,
            # scoping included, still apply, in the list's order.
            queryset = model_or_queryset
            if not hasattr(queryset, "model"):
                raise
            found = super()._search(query_compiler_class, query, queryset.model._default_manager.all(), **kwargs)
            return queryset.filter(pk__in=[row.pk for row in found])


_classes = {}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_backend(params)
    base = type(backend)
    if base not in _classes:
        _classes[base] = type(f"Safe{base.__name__}", (SafeQueryMixin, base), {
            "quote_escape": base.__module__.endswith(".sqlite"),
            "__doc__": f"{base.__name__} with the search text made safe first (resources.search_backend).",
        })
    return _classes[base](params)
