from django.db import migrations


class Migration(migrations.Migration):
    """The data version now lives in the core app; its token is a cache key that starts afresh by itself."""

    dependencies = [("careerguide", "0001_initial")]

    operations = [migrations.DeleteModel(name="DataVersion")]
