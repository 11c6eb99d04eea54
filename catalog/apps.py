from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Sản phẩm / Catalog"

    def ready(self) -> None:
        # Here, not at the top: receivers imports models, loadable only once apps are ready.
        from catalog import receivers

        receivers.connect()
