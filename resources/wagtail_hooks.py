"""Admin wiring for the public site's snippets: editing a topic or a resource
category changes the filters and labels on public pages, so it purges the
anonymous page cache (see resources/cache.py)."""
from wagtail import hooks

from programme.pages import purge_public_pages


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def purge_pages_after_snippet_change(request, instance_or_instances):
    purge_public_pages()
