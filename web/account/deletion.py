"""Deleting one's account from the web (/tai-khoan/xoa-tai-khoan/): a page that says what
goes and what stays, and a form confirmed by typing the password again and ticking a box.
The rule is the domain's (`checkout.account_deletion`, the API's `accountDelete` too)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from checkout.account_deletion import check_account_deletion, do_delete_account
from core.errors import ValidationErrors
from web.account.forms import PASSWORD_MAX_LENGTH, add_domain_errors
from web.account.views import customer_of


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        help_text=_("Type it again to confirm it is you."),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account cannot be restored."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    user = customer_of(request)
    form = DeleteAccountForm(request.POST or None)
    refused = None
    try:
        check_account_deletion(user)
    except ValidationErrors as errors:
        refused = errors.errors[0].message
    if request.method == "POST" and refused is None and form.is_valid():
        try:
            do_delete_account(user, password=form.cleaned_data["password"])
        except ValidationErrors as errors:
            add_domain_errors(form, errors)
        else:
            auth_logout(request)
            messages.success(request, _("Your account has been deleted."))
            return redirect("web:home")
    status = 400 if request.method == "POST" and (form.errors or refused) else 200
    context = {"form": form, "refused": refused}
    return render(request, "web/account/delete.html", context, status=status)


urlpatterns = [
    path("tai-khoan/xoa-tai-khoan/", delete_account, name="delete_account"),
]
