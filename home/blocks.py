"""StreamField blocks of the public site.

Every block has a preview value (the editor sees an example in the block picker) and renders with
a template in ``home/templates/home/blocks/``. Chooser blocks fetch their objects in bulk and
attach the translation in the language being shown, so that a page with many blocks costs a fixed
number of queries and a Polish page shows the Polish info point even if it was translated later.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale
from wagtail.snippets.blocks import SnippetChooserBlock

from events.blocks import NextJobFairBlock
from goedwerk.localization import fallback

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]
IMAGE_RENDITIONS = ("width-800", "width-1600")


class LocalizedPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser whose value knows its translation in the language being shown. The stored
    value stays the chosen page, so the admin never swaps it for a translation."""

    def bulk_to_python(self, values):
        # The chosen pages and their translations along the fallback chain in one query (the
        # link needs no more); ``localized_for_display.shown_language`` says which language.
        values = list(values)
        found = fallback.in_bulk(self.model_class.objects.all(), values)
        return [found.get(value) for value in values]


class InfoPointChooserBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("home.InfoPoint", **kwargs)

    def bulk_to_python(self, values):
        values = list(values)
        found = fallback.in_bulk(self.target_model.objects.all(), values)
        return [found.get(value) for value in values]


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Fetches all images of a stream and their renditions in two queries."""

    def bulk_to_python(self, values):
        values = list(values)
        found = (
            get_image_model()
            .objects.prefetch_renditions(*IMAGE_RENDITIONS)
            .in_bulk([value for value in values if value is not None])
        )
        return [found.get(value) for value in values]


def _first_image():
    return get_image_model().objects.order_by("pk").first()


def _first_info_point():
    from home.models.info_points import InfoPoint

    return InfoPoint.objects.filter(locale=Locale.get_active()).order_by("pk").first()


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
        help_text=_("Use heading 2 for sections and heading 3 inside a section."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"
        description = _("A section heading, for structure and screen-reader navigation.")
        preview_value = {"text": _("Register within five days"), "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "home/blocks/paragraph.html"
        description = _("Running text with links and lists.")
        preview_value = _(
            "<p>Do you live in the Netherlands for more than four months? Then you register "
            "with the municipality.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. Required: an image "
            "that needs no description does not belong on the page."
        ),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"
        description = _("An image with a required text alternative and an optional caption.")
        preview_value = {
            "alt_text": _("Volunteers at the info point help a visitor"),
            "caption": _("The info point in Rotterdam-Zuid"),
        }

    def get_preview_value(self):
        return self.to_python(
            {
                "image": getattr(_first_image(), "pk", None),
                "alt_text": str(self.meta.preview_value["alt_text"]),
                "caption": str(self.meta.preview_value["caption"]),
            }
        )


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("button text"), max_length=80)
    description = blocks.CharBlock(label=_("short explanation"), required=False, max_length=200)
    page = LocalizedPageChooserBlock(label=_("page on this site"), required=False)
    url = blocks.URLBlock(label=_("or an address elsewhere"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"
        description = _("A prominent link to the next step.")
        preview_value = {
            "text": _("Make an appointment"),
            "description": _("Call 14 010 or book online."),
            "url": "https://www.rotterdam.nl/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Choose a page on this site or enter an address, not both."))
                ]
            )
        return value


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "home/blocks/faq.html"
        description = _("Questions that open and close, also without JavaScript.")
        preview_value = {
            "title": _("Frequently asked questions"),
            "questions": [
                {
                    "question": _("Do I need a BSN to work?"),
                    "answer": _("<p>Yes. You get it when you register.</p>"),
                },
                {
                    "question": _("What does registering cost?"),
                    "answer": _("<p>Nothing. Registering is free.</p>"),
                },
            ],
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=150)
    text = blocks.RichTextBlock(label=_("explanation"), required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "order"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step list")
        template = "home/blocks/steps.html"
        description = _("Numbered steps, in the order the reader takes them.")
        preview_value = {
            "title": _("How to register"),
            "steps": [
                {"title": _("Make an appointment"), "text": _("<p>Call 14 010.</p>")},
                {"title": _("Bring your passport"), "text": _("<p>And your rental contract.</p>")},
                {"title": _("Receive your BSN"), "text": _("<p>Usually the same day.</p>")},
            ],
        }


class KeyFactBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("figure or short fact"), max_length=40)
    label = blocks.CharBlock(label=_("what it means"), max_length=150)

    class Meta:
        icon = "pick"
        label = _("Key fact")


class KeyFactsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    facts = blocks.ListBlock(KeyFactBlock(), label=_("facts"), min_num=1, max_num=6)

    class Meta:
        icon = "list-ul"
        label = _("Key facts")
        template = "home/blocks/key_facts.html"
        description = _("Up to six short facts that stand out.")
        preview_value = {
            "title": _("Good to know"),
            "facts": [
                {"value": _("5 days"), "label": _("to register after you arrive")},
                {"value": _("4 months"), "label": _("decides between BRP and RNI")},
            ],
        }


class InfoPointBlock(blocks.StructBlock):
    info_point = InfoPointChooserBlock(label=_("info point"))
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)

    class Meta:
        icon = "site"
        label = _("Info point")
        template = "home/blocks/info_point.html"
        description = _("Address, phone number and walk-in hours of an info point.")

    def get_preview_value(self):
        point = _first_info_point()
        return self.to_python(
            {"info_point": getattr(point, "pk", None), "heading": str(_("Walk in"))}
        )

    @property
    def is_previewable(self):
        return True


class CampaignStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    faq = FaqBlock()
    steps = StepsBlock()
    key_facts = KeyFactsBlock()
    info_point = InfoPointBlock()
    next_job_fair = NextJobFairBlock()


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    faq = FaqBlock()


class HomeStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    call_to_action = CallToActionBlock()
    key_facts = KeyFactsBlock()
    info_point = InfoPointBlock()
    next_job_fair = NextJobFairBlock()
