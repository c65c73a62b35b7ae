"""Give every existing site the settings its templates had hard-coded, so nothing changes."""

from django.db import migrations

TODAY = {"site_name": "Goed Werk Rotterdam", "municipality_name": "Rotterdam", "phone_local": "14 010"}


def fill(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    SiteSettings = apps.get_model("home", "SiteSettings")
    for site in Site.objects.all():
        SiteSettings.objects.get_or_create(site=site, defaults=TODAY)


class Migration(migrations.Migration):
    dependencies = [("home", "0005_site_settings")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
