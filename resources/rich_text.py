"""The rich-text editor of every rich-text field in the admin (pages,
StreamField blocks, snippets): Wagtail's Draftail, told what to do with a
posted value that is not Draftail's content (JSON): raw HTML posted by hand
or by a script, or JSON of another shape. Wagtail's own widget raised there
(a server error). Here such a value is taken as HTML and cleaned by Wagtail's
own rules for pasted HTML (only the field's features are kept), so what was
sent is kept as words and nothing unsafe is stored.

Configured in settings (WAGTAILADMIN_RICH_TEXT_EDITORS)."""
import json

from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter


def is_contentstate(value):
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return False
    return (
        isinstance(data, dict) and isinstance(data.get("blocks"), list)
        and all(isinstance(block, dict) for block in data["blocks"])
        and isinstance(data.get("entityMap", {}), dict)
    )


class SafeDraftailRichTextArea(DraftailRichTextArea):
    def value_from_datadict(self, data, files, name):
        posted = data.get(name)
        if posted is None or is_contentstate(posted):
            try:
                return super().value_from_datadict(data, files, name)
            except (TypeError, ValueError, KeyError, AttributeError):
                pass  # JSON of Draftail's outline but not its content
        return EditorHTMLConverter(features=self.features).to_database_format(str(posted))
