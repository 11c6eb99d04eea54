from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm / Search"

    def ready(self) -> None:
        # Catalog and seller changes queue index updates without those apps knowing.
        from search import signals

        signals.connect()
