from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.cache import purge_page_cache


def count_queries(client, url):
    """Queries one uncached GET makes (after a warm-up request, as in production)."""
    client.get(url)
    purge_page_cache()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)
