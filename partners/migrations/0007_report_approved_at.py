"""Reports record their latest approval (``approved_at``, ``approved_by``); until now the exports
read it from the audit log. Existing reports get it from their latest approval entry there."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


APPROVE = "partners.report.approve"


def from_audit_log(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    Report = apps.get_model("partners", "Report")
    report_type = ContentType.objects.filter(app_label="partners", model="report").first()
    if report_type is None:  # a new database: nothing was ever approved
        return
    latest = {}
    entries = ModelLogEntry.objects.filter(content_type=report_type, action=APPROVE).order_by(
        "timestamp", "pk"
    )
    for object_id, timestamp, user_id in entries.values_list("object_id", "timestamp", "user_id"):
        latest[object_id] = (timestamp, user_id)  # the newest wins
    # Log entries keep the id of a user who has since been deleted: such approvals keep no name.
    User = apps.get_model(settings.AUTH_USER_MODEL)
    users = set(User.objects.filter(pk__in={u for _, u in latest.values()}).values_list("pk", flat=True))
    for report in Report.objects.filter(pk__in=[int(pk) for pk in latest if pk.isdigit()]):
        timestamp, user_id = latest[str(report.pk)]
        Report.objects.filter(pk=report.pk).update(
            approved_at=timestamp, approved_by_id=user_id if user_id in users else None
        )


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0006_evidence_file_removed_at'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='approved_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='approved at'),
        ),
        migrations.AddField(
            model_name='report',
            name='approved_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by'),
        ),
        migrations.RunPython(from_audit_log, migrations.RunPython.noop),
    ]
