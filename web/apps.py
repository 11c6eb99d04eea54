from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "web"
    label = "web"
    verbose_name = "Web storefront"

    def ready(self) -> None:
        # Signing in keeps the session's cart, or finds the user's (web/cart/session.py).
        # Imported here: auth's signals and the cart's models need the app registry ready.
        from django.contrib.auth.signals import user_logged_in

        # (the same reason)
        from web.cart.session import remember_cart_on_sign_in

        user_logged_in.connect(remember_cart_on_sign_in, dispatch_uid="web.cart.sign_in")
