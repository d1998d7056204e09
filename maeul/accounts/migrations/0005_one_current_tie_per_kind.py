from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_end_duplicate_current_ties'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='dongtie',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('user', 'kind'), name='dong_tie_one_current_per_kind'),
        ),
        migrations.AddConstraint(
            model_name='dongtie',
            constraint=models.CheckConstraint(condition=models.Q(('ended_at__isnull', True), ('ended_at__gte', models.F('started_at')), _connector='OR'), name='dong_tie_ends_after_start'),
        ),
    ]
