from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "checkout"
    label = "checkout"
    verbose_name = "Giỏ hàng / Checkout"
