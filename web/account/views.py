"""Sign up, sign in, sign out, password reset, and the signed-in customer's pages (account
home, orders, livestream reminders). The rules are the domain's: accounts.registration,
accounts.throttle, accounts.password_reset; these views read the request, call them and
render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts import activation, password_reset, throttle
from accounts.models import User
from accounts.phones import display_phone
from accounts.registration import do_register
from core.errors import ValidationErrors
from livestream.models import LivestreamReminder
from orders.links import group_token
from orders.models import Order, OrderGroup
from web.account.forms import (
    LoginForm,
    ResetRequestForm,
    SetPasswordForm,
    SignUpForm,
    add_domain_errors,
)

ORDERS_PER_PAGE = 20
THROTTLED = _("Too many attempts. Please wait a few minutes and try again.")


def safe_next(request: HttpRequest, default: str) -> str:
    """`next` from the form or the query string, only when it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _next_value(request: HttpRequest) -> str:
    return safe_next(request, "")


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            throttle.record_registration_attempt(request)
            user = do_register(
                data["email"],
                data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language_code=get_language(),
            )
        except throttle.Throttled:
            form.add_error(None, THROTTLED)
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            auth_login(request, user, backend="accounts.backends.EmailOrPhoneBackend")
            return redirect(safe_next(request, reverse("web:account")))
    return _form_page(request, "web/account/signup.html", form, status_on_error=True)


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = throttle.authenticate_with_throttling(
                request, form.cleaned_data["email"], form.cleaned_data["password"]
            )
        except throttle.Throttled:
            form.add_error(None, THROTTLED)
        else:
            if user is None:
                form.add_error(None, _("The email or password is wrong."))
            else:
                # login() rotates the session key and keeps the session's data (a guest's
                # checkout_token among it) unless another user was signed in.
                auth_login(request, user)
                return redirect(safe_next(request, reverse("web:account")))
    return _form_page(
        request,
        "web/account/login.html",
        form,
        status_on_error=True,
        extra={"password_changed": request.GET.get("changed") == "1"},
    )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect(reverse("web:home"))


def _form_page(
    request: HttpRequest,
    template: str,
    form: Any,
    *,
    status_on_error: bool = False,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    status = 400 if status_on_error and request.method == "POST" and form.errors else 200
    context = {"form": form, "next": _next_value(request), **(extra or {})}
    return render(request, template, context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset_request(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            password_reset.check_reset_request(email)
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            try:
                throttle.record_password_reset_request(request, email)
            except throttle.Throttled:
                pass  # Sends nothing, and answers like every other request.
            else:
                # The e-mailed link opens this site's set-password page.
                link = password_reset.ResetLink(
                    route="web:password_reset_confirm", site=settings.OCOP_PUBLIC_URL
                )
                password_reset.do_request_password_reset(email, link)
            return redirect(reverse("web:password_reset_sent"))
    return _form_page(request, "web/account/reset_request.html", form, status_on_error=True)


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "web/account/reset_sent.html", {"demo_mode": settings.DEMO_MODE})


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    if password_reset.user_of_link(uidb64, token) is None:
        return render(request, "web/account/reset_invalid.html", status=400)
    form = SetPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset.do_set_password(uidb64, token, form.cleaned_data["password"])
        except ValidationErrors as errors:
            if any(error.field == "token" for error in errors.errors):
                return render(request, "web/account/reset_invalid.html", status=400)
            add_domain_errors(form, errors)
        else:
            return redirect(f"{reverse('web:login')}?changed=1")
    return _form_page(request, "web/account/reset_confirm.html", form, status_on_error=True)


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def account_activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """A household's first password, from the link of its activation card; then it is signed
    in and lands in its seller centre."""
    user = activation.user_of_activation(uidb64, token)
    if user is None:
        return render(request, "web/account/activate_invalid.html", status=400)
    form = SetPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activation.do_activate(uidb64, token, form.cleaned_data["password"])
        except ValidationErrors as errors:
            if any(error.field == "token" for error in errors.errors):
                return render(request, "web/account/activate_invalid.html", status=400)
            add_domain_errors(form, errors)
        else:
            auth_login(request, user, backend="accounts.backends.EmailOrPhoneBackend")
            return redirect(reverse("web:seller_home"))
    return _form_page(
        request,
        "web/account/activate.html",
        form,
        status_on_error=True,
        extra={"account": user, "identifier": display_identifier(user)},
    )


def display_identifier(user: User) -> str:
    """What the household will sign in with, as it reads it."""
    return display_phone(user.login_phone) if user.login_phone else (user.email or "")


def customer_of(request: HttpRequest) -> User:
    """The signed-in user of a login_required view."""
    assert isinstance(request.user, User)
    return request.user


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "web/account/home.html")


@login_required
def my_orders(request: HttpRequest) -> HttpResponse:
    groups = (
        OrderGroup.objects.filter(user=customer_of(request))
        .prefetch_related(
            Prefetch("orders", queryset=Order.objects.select_related("seller").order_by("number"))
        )
        .order_by("-created_at", "pk")
    )
    page = Paginator(groups, ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "group": group,
            "url": reverse("web:order", args=[group_token(group.pk)]),
            "orders": list(group.orders.all()),
        }
        for group in page.object_list
    ]
    return render(request, "web/account/orders.html", {"rows": rows, "page": page})


@login_required
def my_reminders(request: HttpRequest) -> HttpResponse:
    reminders = (
        LivestreamReminder.objects.filter(user=customer_of(request), canceled_at__isnull=True)
        .select_related("livestream")
        .order_by("livestream__starts_at", "pk")
    )
    return render(request, "web/account/reminders.html", {"reminders": list(reminders)})


def login_then_back(back: str) -> HttpResponseRedirect:
    """To the sign-in page, which comes back to `back` (a path of this site) afterwards."""
    return redirect(f"{reverse('web:login')}?{urlencode({'next': back})}")
