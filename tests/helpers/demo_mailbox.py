"""The demo mailbox in a browser test, when a Celery worker sends the e-mail after the
commit: a person reloads until it is there."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


def mail_rows(browser_page: Page, base_url: str, subject: str, to: str) -> Locator:
    """The mailbox's rows of e-mails with this subject to this address (the page opened)."""
    browser_page.goto(base_url + "/demo/hop-thu/")
    return browser_page.locator("li.mail-row").filter(has_text=subject).filter(has_text=to)


def open_new_mail(browser_page: Page, base_url: str, subject: str, to: str, before: int) -> None:
    """Reload the mailbox until more than `before` such e-mails are listed (the folder may
    hold an earlier test's), then open the newest (listed first)."""
    for _ in range(60):
        rows = mail_rows(browser_page, base_url, subject, to)
        if rows.count() > before:
            rows.first.get_by_role("link").click()
            return
        browser_page.wait_for_timeout(500)
    raise AssertionError(f"no new e-mail {subject!r} to {to} in the demo mailbox after 30 s")
