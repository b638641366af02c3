"""The query parameters the public pages read, and the one way they read
them. The listings, the search and the page cache's key all take
`read_parameters(request.GET)`, so the cache key is made of exactly what the
page reads: a repeated parameter counts by its last value only (what
QueryDict.get gives), so `?topic=a&topic=b` and `?topic=c&topic=b` are the
same page and one cache entry, and `?topic=b&topic=a` another. Parameters
not listed here (tracking tags, cache busters) are never read, so they
cannot force a fresh render each."""

READ_PARAMETERS = ("q", "page", "topic", "tag", "region", "organisation", "category")


def read_parameters(query):
    """{name: value} of the parameters a public page reads, from a QueryDict."""
    values = {}
    for name in READ_PARAMETERS:
        value = query.get(name)
        if value is not None:
            values[name] = value
    return values
