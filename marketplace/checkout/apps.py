from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "marketplace.checkout"
    label = "checkout"
    verbose_name = "Giỏ hàng / Checkout"
