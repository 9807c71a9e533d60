"""Existing databases: 001's wording before each band ("一般在", "可达到"), and the HR group may view (only view)
the official statistics. The statistics themselves come from `load_guide`."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HEDGES = {"junior": "一般在", "senior": "可达到"}
GROUP = "人力资源编辑"


def forwards(apps, schema_editor):
    SalaryBand = apps.get_model("salaries", "SalaryBand")
    for slug, hedge in HEDGES.items():
        SalaryBand.objects.filter(slug=slug, hedge="").update(hedge=hedge)
    app_config = apps.get_app_config("salaries")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="salaries",
                codename__in=["view_statisticalrelease", "view_statisticalfigure"],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("salaries", "0003_official_statistics"),
        ("skills", "0002_hr_editor_group"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
