from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Catalog and seller changes queue index updates without those apps knowing. Here,
        # not at the top: signals imports models, loadable only once the apps are (ready()).
        from search import signals

        signals.connect()
