"""The editors' groups and the moderation workflow.

- "Redactie" writes and translates pages and manages images, documents and info points, but cannot
  publish: a page goes to moderation when submitted.
- "Eindredactie" does all of that, approves and publishes.
- Workflow "Moderatie" (one group-approval task for Eindredactie) applies to every page, because
  it is assigned to the root page above all language trees.

Permissions that Django normally creates after migrating are created here when missing, so that
this migration also works on an empty database.
"""

from django.db import migrations

REDACTIE = "Redactie"
EINDREDACTIE = "Eindredactie"
WORKFLOW = "Moderatie"
TASK = "Goedkeuring eindredactie"

PERMISSION_NAMES = {
    "add": "Can add {}",
    "change": "Can change {}",
    "delete": "Can delete {}",
    "view": "Can view {}",
    "choose": "Can choose {}",
}

COMMON = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
    ("home", "infopoint", "add_infopoint"),
    ("home", "infopoint", "change_infopoint"),
    ("home", "infopoint", "view_infopoint"),
]
GROUP_PERMISSIONS = {
    REDACTIE: COMMON,
    EINDREDACTIE: [*COMMON, ("home", "infopoint", "delete_infopoint")],
}
PAGE_PERMISSIONS = {
    REDACTIE: ["add_page", "change_page", "lock_page"],
    EINDREDACTIE: [
        "add_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
COLLECTION_PERMISSIONS = {
    REDACTIE: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    EINDREDACTIE: [
        ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
    ],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    name = PERMISSION_NAMES.get(action, "Can {}").format(model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    groups = {}
    for name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*(_permission(apps, *spec) for spec in permissions))
        if root_page is not None:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(apps, "wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for app_label, model, actions in COLLECTION_PERMISSIONS[name]:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, f"{action}_{model}"),
                    )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(groups[EINDREDACTIE])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


def remove_groups_and_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[REDACTIE, EINDREDACTIE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_campaign_content_infopoints"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, remove_groups_and_workflow)]
