from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        # Here, not at the top: receivers imports models, loadable only once apps are ready.
        from payments import receivers

        receivers.connect()
