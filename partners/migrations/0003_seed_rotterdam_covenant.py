"""Seed the real Rotterdam covenant, its commitments and indicators, and the municipality as an
organisation that reports on its own commitments. Idempotent; see partners/covenant_seed.py."""

from django.conf import settings
from django.db import migrations


def seed_covenant(apps, schema_editor):
    from partners.covenant_seed import seed

    seed(apps, language_code=settings.LANGUAGE_CODE)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_covenant_and_reports"),
    ]

    operations = [migrations.RunPython(seed_covenant, migrations.RunPython.noop)]
