"""The review screen shows evidence the partner deleted or replaced as such, without a link."""

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.models import Evidence

from .conftest import review_url


def _evidence(report, partner, name, **fields):
    return Evidence.objects.create(
        report=report,
        stored_name=f"evidence/{name}",
        original_name=name,
        content_type="application/pdf",
        size=10,
        uploaded_by=partner,
        **fields,
    )


@pytest.mark.django_db
def test_deleted_and_replaced_evidence_is_shown_as_removed(reviewer_client, submitted, partner):
    now = timezone.now()
    new = _evidence(submitted, partner, "nieuw.pdf")
    replaced = _evidence(
        submitted,
        partner,
        "oud.pdf",
        withdrawn_at=now,
        withdrawn_by=partner,
        file_removed_at=now,
        superseded_by=new,
    )
    deleted = _evidence(
        submitted, partner, "weg.pdf", withdrawn_at=now, withdrawn_by=partner, file_removed_at=now
    )
    html = reviewer_client.get(review_url(submitted)).content.decode()
    assert reverse("partners_review_reports:evidence", args=[new.pk]) in html
    for item in (replaced, deleted):
        assert item.original_name in html
        assert reverse("partners_review_reports:evidence", args=[item.pk]) not in html
    assert "Replaced by “nieuw.pdf”" in html
    assert "Deleted by the partner" in html
    url = reverse("partners_review_reports:evidence", args=[deleted.pk])
    assert reviewer_client.get(url, follow=True).status_code == 404
