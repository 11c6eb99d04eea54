from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LivestreamConfig(AppConfig):
    name = "livestream"
    verbose_name = _("Bán hàng trực tiếp")

    def ready(self) -> None:
        # Price history is fed by a post_save signal on catalog's variant listings. Imported
        # here: signals imports models, loadable only once the apps are (ready()).
        from livestream import signals  # noqa: F401
