"""Accounts, the livestream schedule and the demo mailbox (included by web/urls.py with no
namespace of its own: names are `web:<name>`)."""

from __future__ import annotations

from django.urls import path

from web.account import views
from web.live import views as live
from web.mailbox import views as mailbox

urlpatterns = [
    path("dang-ky/", views.signup, name="signup"),
    path("dang-nhap/", views.login, name="login"),
    path("dang-xuat/", views.logout, name="logout"),
    path("quen-mat-khau/", views.password_reset_request, name="password_reset"),
    path("quen-mat-khau/da-gui/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "dat-lai-mat-khau/<str:uidb64>/<str:token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("kich-hoat/<str:uidb64>/<str:token>/", views.account_activate, name="account_activate"),
    path("tai-khoan/", views.account, name="account"),
    path("tai-khoan/don-hang/", views.my_orders, name="my_orders"),
    path("tai-khoan/nhac-lich/", views.my_reminders, name="my_reminders"),
    path("live/", live.schedule, name="live"),
    path("live/<int:pk>/nhac-toi/", live.remind, name="live_remind"),
    path("live/<int:pk>/huy-nhac/", live.cancel_reminder, name="live_cancel_reminder"),
    path("demo/hop-thu/", mailbox.inbox, name="mailbox"),
    path("demo/hop-thu/<str:name>/", mailbox.message, name="mailbox_message"),
]
