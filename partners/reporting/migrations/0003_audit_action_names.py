"""Audit entries written before ``partners.audit`` gave every action one naming scheme
(``partners.<object>.<verb>``) get their new names, so the history, the access log and the
retention job find them."""

from django.db import migrations

# Frozen here: the names as they were and as they are (partners/audit.py).
RENAMED = {
    "partners_review.verdict": "partners.report.verdict",
    "partners_review.comment": "partners.report.comment",
    "partners_review.extension.request": "partners.extension.request",
    "partners_review.extension.grant": "partners.extension.grant",
    "partners_review.extension.refuse": "partners.extension.refuse",
    "partners_review.evidence.staff_download": "partners.evidence.staff_download",
    "partners_review.invitation.send": "partners.invitation.send",
    "partners_review.invitation.accept": "partners.invitation.accept",
    "partners_review.invitation.revoke": "partners.invitation.revoke",
    "partners_privacy.report.viewed": "partners.report.staff_view",
    "partners_privacy.evidence.file_removed": "partners.evidence.file_removed",
    "partners_insight.export": "partners.reports.export",
}


def rename(apps, schema_editor, mapping):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for old, new in mapping.items():
        ModelLogEntry.objects.filter(action=old).update(action=new)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, RENAMED)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("partners_review", "0002_programme_team_group"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
