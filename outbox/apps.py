from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    label = "outbox"
    verbose_name = "Hàng đợi tác vụ / Task outbox"
    default_auto_field = "django.db.models.BigAutoField"
