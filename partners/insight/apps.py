from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _reindex_partner_lists(sender, instance, **kwargs):
    from .models import CoalitionPartnersPage

    # After the commit: the index then holds the names that are really saved.
    transaction.on_commit(CoalitionPartnersPage.reindex)


class InsightConfig(AppConfig):
    """What the covenant achieves: the staff dashboard, exports and the public progress pages."""

    name = "partners.insight"
    label = "partners_insight"
    verbose_name = _("Coalition insight")

    def ready(self):
        from partners.models import Organisation

        # The partner list is found by the employers' names (CoalitionPartnersPage.search_fields).
        post_save.connect(
            _reindex_partner_lists, sender=Organisation, dispatch_uid="partner_names_indexed"
        )
        post_delete.connect(
            _reindex_partner_lists, sender=Organisation, dispatch_uid="partner_names_unindexed"
        )
