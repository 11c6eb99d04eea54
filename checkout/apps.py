from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckoutConfig(AppConfig):
    name = "checkout"
    label = "checkout"
    verbose_name = _("Checkout")

    def ready(self) -> None:
        # Here, not at the top: the hooks import models, loadable only once apps are ready.
        from checkout import payment_hooks, shipping_methods

        payment_hooks.connect()
        shipping_methods.connect()
