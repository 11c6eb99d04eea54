from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "checkout"
    label = "checkout"
    verbose_name = "Giỏ hàng / Checkout"

    def ready(self) -> None:
        # Here, not at the top: the hooks import models, loadable only once apps are ready.
        from checkout import payment_hooks

        payment_hooks.connect()
