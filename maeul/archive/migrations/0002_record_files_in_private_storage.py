"""Records' photos and documents move from public media (MEDIA_ROOT, reachable by URL) to
private storage (PRIVATE_ROOT), served only by the view that checks who may see them.

The data step moves each existing row's file to the same name under PRIVATE_ROOT (another
name only if that one is taken, and then the row follows it); a file already moved or
missing is left alone, so running it again is harmless. Going back moves them back.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models

import maeul.core.storage

FILE_FIELDS = [("RecordPhoto", "image"), ("RecordDocument", "file")]


def _move_files(apps, source, target):
    for model_name, field in FILE_FIELDS:
        model = apps.get_model("archive", model_name)
        rows = model.objects.exclude(**{field: ""}).values_list("pk", field)
        for pk, name in rows.iterator():
            if not source.exists(name):
                continue
            with source.open(name, "rb") as handle:
                saved = target.save(name, handle)
            if saved != name:
                model.objects.filter(pk=pk).update(**{field: saved})
            source.delete(name)


def _public():
    return FileSystemStorage(location=settings.MEDIA_ROOT)


def to_private(apps, schema_editor):
    _move_files(apps, _public(), maeul.core.storage.PrivateStorage())


def to_public(apps, schema_editor):
    _move_files(apps, maeul.core.storage.PrivateStorage(), _public())


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='recorddocument',
            name='file',
            field=models.FileField(storage=maeul.core.storage.PrivateStorage(), upload_to='archive/documents/', verbose_name='document'),
        ),
        migrations.AlterField(
            model_name='recordphoto',
            name='image',
            field=models.FileField(storage=maeul.core.storage.PrivateStorage(), upload_to='archive/photos/', verbose_name='photo'),
        ),
        migrations.RunPython(to_private, to_public),
    ]
