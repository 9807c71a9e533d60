"""The HR editor group (人力资源编辑): who may edit the guide's content in the admin.

The permission list is frozen here on purpose: a later change of role is a new migration, so every deployment
gets the same group whatever order it migrates in.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "人力资源编辑"

PERMISSIONS = {
    "skills": {
        "skill": ["add", "change", "view"],
        "skillcategory": ["add", "change", "view"],
        "skillalias": ["add", "change", "delete", "view"],
        "skilllevel": ["add", "change", "delete", "view"],
        "citation": ["add", "change", "delete", "view"],
        "source": ["view"],
    },
    "progression": {
        "stage": ["change", "view"],
        "stagerequirement": ["add", "change", "delete", "view"],
        "resource": ["add", "change", "view"],
        "track": ["view"],
        "challenge": ["view"],
        "careeradvice": ["view"],
        "storystep": ["view"],
        "overviewentry": ["view"],
    },
    "salaries": {
        "city": ["view"],
        "salarydataset": ["view"],
        "citysalary": ["view"],
        "salaryband": ["view"],
    },
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, models in PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    group.permissions.set(wanted)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("skills", "0001_initial"),
        ("progression", "0002_initial"),
        ("salaries", "0002_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
