"""The middleware chain runs sync under ASGI (see the comment at the end of MIDDLEWARE)."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string


def test_it_ends_the_middleware_chain_with_a_sync_only_middleware() -> None:
    # given the last middleware of the chain
    last = import_string(settings.MIDDLEWARE[-1])
    # then it is sync-only, so under ASGI every middleware above it runs in sync mode
    # (Django's own would otherwise hop to a thread for each of their hooks)
    assert getattr(last, "sync_capable", True) is True
    assert getattr(last, "async_capable", False) is False


def test_it_runs_the_language_choice_after_the_locale_middleware() -> None:
    # given the chain
    chain = list(settings.MIDDLEWARE)
    # then ?hl= overrides what LocaleMiddleware chose
    assert chain.index("web.language.QueryLanguageMiddleware") > chain.index(
        "django.middleware.locale.LocaleMiddleware"
    )
