"""StreamField blocks for case studies. Each block names its own template."""
from wagtail import blocks

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading"), ("h3", "Subheading")], default="h2")

    class Meta:
        icon = "title"
        template = "resources/blocks/heading.html"


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Key points")
    points = blocks.ListBlock(blocks.CharBlock(max_length=500))

    class Meta:
        icon = "list-ul"
        template = "resources/blocks/key_points.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=1000)
    attribution = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "openquote"
        template = "resources/blocks/quote.html"


class PartnershipBlock(blocks.StructBlock):
    """The Partners / Model / Activities / Outcomes summary used by local
    partnership case studies."""

    partners = blocks.RichTextBlock(features=RICH_FEATURES)
    model = blocks.RichTextBlock(features=RICH_FEATURES)
    activities = blocks.RichTextBlock(features=RICH_FEATURES)
    outcomes = blocks.RichTextBlock(features=RICH_FEATURES)

    class Meta:
        icon = "group"
        label = "Partners / Model / Activities / Outcomes"
        template = "resources/blocks/partnership.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    answer = blocks.RichTextBlock(features=RICH_FEATURES)


class DiscussionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Discussion")
    questions = blocks.ListBlock(QuestionAnswerBlock())

    class Meta:
        icon = "help"
        label = "Discussion questions and answers"
        template = "resources/blocks/discussion.html"


class CaseStudyBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_FEATURES + ["h3"], template="resources/blocks/paragraph.html")
    key_points = KeyPointsBlock()
    quote = QuoteBlock()
    partnership = PartnershipBlock()
    discussion = DiscussionBlock()
