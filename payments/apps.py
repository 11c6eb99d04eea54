from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"
    label = "payments"
    verbose_name = "Thanh toán / Payments"

    def ready(self) -> None:
        # Here, not at the top: receivers imports models, loadable only once apps are ready.
        from payments import receivers

        receivers.connect()
