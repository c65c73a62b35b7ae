"""The editors manage the search's synonym groups: "Redactie" adds and changes them,
"Eindredactie" also deletes them (as with info points, migration 0003)."""

from django.db import migrations

PERMISSIONS = {
    "Redactie": ["add", "change", "view"],
    "Eindredactie": ["add", "change", "delete", "view"],
}
NAMES = {
    "add": "Can add synonym group",
    "change": "Can change synonym group",
    "delete": "Can delete synonym group",
    "view": "Can view synonym group",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="synonymgroup")
    for name, actions in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_synonymgroup",
                defaults={"name": NAMES[action]},
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="home", codename__endswith="_synonymgroup"
    )
    for group in Group.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0010_synonym_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
