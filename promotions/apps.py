from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionsConfig(AppConfig):
    name = "promotions"
    label = "promotions"
    verbose_name = _("Promotions")

    def ready(self) -> None:
        # Here, not at the top: receivers imports models, loadable only once apps are ready.
        from promotions import receivers

        receivers.connect()
