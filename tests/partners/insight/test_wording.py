"""The public wording of the coalition's figures covers exactly the seeded covenant."""

from django.utils.functional import Promise

from partners import covenant_seed
from partners.insight import wording

SEEDED = covenant_seed.EMPLOYER_COMMITMENTS + covenant_seed.MUNICIPALITY_COMMITMENTS


def test_every_seeded_commitment_and_public_figure_has_public_wording():
    commitments = {commitment["code"] for commitment in SEEDED}
    counts = {
        indicator["code"]
        for commitment in SEEDED
        for indicator in commitment["indicators"]
        if indicator["value_type"] == "count"  # the public pages show counts only
    }
    assert set(wording.COMMITMENTS) == commitments
    assert set(wording.INDICATORS) == counts


def test_every_wording_has_a_label_and_one_sentence_of_explanation():
    for text in [*wording.COMMITMENTS.values(), *wording.INDICATORS.values()]:
        label, explanation = str(text.label), str(text.explanation)
        assert label and not label.endswith(".")
        assert explanation.endswith(".") and explanation.count(". ") == 0, explanation


def test_the_wording_is_translated_lazily_with_gettext():
    """Lazy gettext: looked up in the language of the page being shown, not at import time."""
    for text in [*wording.COMMITMENTS.values(), *wording.INDICATORS.values()]:
        assert isinstance(text.label, Promise) and isinstance(text.explanation, Promise)
