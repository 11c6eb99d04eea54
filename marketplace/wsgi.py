import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
application = get_wsgi_application()

from marketplace.warm import warm_and_freeze  # noqa: E402 - after setup

warm_and_freeze()
