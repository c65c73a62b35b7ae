"""The group "Programmateam": the municipal programme staff who review the partners' reports,
keep the covenant, invite partners and read the coalition's figures. Its members still need
is_staff (set per person) and set up MFA at their first sign-in.

Permissions that Django normally creates after migrating are created here when missing, so that
this migration also works on an empty database."""

from django.db import migrations

GROUP = "Programmateam"

PERMISSIONS = [
    # (app label, model, codename, name used only when the permission does not exist yet)
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("partners", "report", "review_report", "Can review, approve and reopen reports"),
    ("partners", "report", "view_report", "Can view report"),
    ("partners", "evidence", "view_evidence", "Can view evidence"),
    ("partners_insight", "insightpermission", "view_insight", "Can view the coalition dashboard"),
    ("partners", "organisation", "add_organisation", "Can add organisation"),
    ("partners", "organisation", "change_organisation", "Can change organisation"),
    ("partners", "organisation", "view_organisation", "Can view organisation"),
    ("partners", "invitation", "add_invitation", "Can add invitation"),
    ("partners", "invitation", "change_invitation", "Can change invitation"),
    ("partners", "invitation", "view_invitation", "Can view invitation"),
    *[
        ("partners", model, f"{action}_{model}", f"Can {action} {model}")
        for model in ("covenant", "commitment", "indicator", "reportingperiod")
        for action in ("add", "change", "view")
    ],
    ("wagtail_localize", "translation", "submit_translation", "Can submit translations"),
]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners_review", "0001_initial"),
        ("partners_insight", "0001_initial"),
        ("partners", "0004_translations_share_structure"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
