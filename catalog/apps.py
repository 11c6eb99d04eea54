from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalog")

    def ready(self) -> None:
        # Here, not at the top: receivers imports models, loadable only once apps are ready.
        from catalog import receivers

        receivers.connect()
