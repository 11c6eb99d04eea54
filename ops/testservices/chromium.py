"""The Chromium the browser tests drive through Playwright.

Like the compose plugin it is a tool, not a server, so it has its own command
(``python -m ops.testservices install-browser``), which prints the browser's path on stdout.
Where it comes from, in order:

1. ``OCOP_CHROMIUM``, a path the caller chose;
2. the Chromium Playwright downloaded itself (``playwright install chromium``), if present;
3. a system Chromium (Debian's ``chromium`` package: ``/usr/bin/chromium``);
4. installing one: ``playwright install chromium`` (Playwright's own download, the usual path
   elsewhere), then, as root on Debian/Ubuntu, ``apt-get install chromium`` (the path where
   Playwright's download host is unreachable, as on our CI machine).

When none works the command fails naming the browser; the browser tests never skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ops.testservices.layout import ServiceError, say

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")


def find_chromium() -> Path | None:
    """A Chromium already on this machine, or None."""
    chosen = os.environ.get("OCOP_CHROMIUM")
    if chosen:
        path = Path(chosen)
        if not os.access(path, os.X_OK):
            raise ServiceError("chromium", f"OCOP_CHROMIUM={chosen} is not an executable")
        return path
    bundled = playwright_chromium()
    if bundled is not None:
        return bundled
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def playwright_chromium() -> Path | None:
    """The browser `playwright install chromium` put in its cache, when it did."""
    try:
        from playwright.sync_api import sync_playwright  # a dev dependency: imported on use
    except ImportError:
        return None
    with sync_playwright() as playwright:
        path = Path(playwright.chromium.executable_path)
    return path if path.exists() else None


def _apt_get(apt: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """apt-get, its progress sent to stderr: stdout of `install-browser` carries only the
    browser's path, which `scripts/test` reads."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run([apt, *args], env=env, check=False, stdout=sys.stderr)


def install_chromium() -> Path:
    """Find Chromium, or install it; the path, or ServiceError naming what failed."""
    found = find_chromium()
    if found is not None:
        return found
    attempts = []
    say("chromium", "not found; trying `playwright install chromium`")
    done = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "chromium"],
        capture_output=True,
        text=True,
    )
    attempts.append(f"playwright install chromium: exit {done.returncode}")
    if done.returncode == 0 and (bundled := playwright_chromium()) is not None:
        return bundled
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        say("chromium", "trying `apt-get install chromium` (Debian's package)")
        installed = _apt_get(apt, "install", "-y", "chromium")
        if installed.returncode != 0:
            _apt_get(apt, "update")
            installed = _apt_get(apt, "install", "-y", "chromium")
        attempts.append(f"apt-get install chromium: exit {installed.returncode}")
        found = find_chromium()
        if found is not None:
            return found
    else:
        attempts.append("apt-get: not available or not root")
    raise ServiceError(
        "chromium",
        "no Chromium for the browser tests ("
        + "; ".join(attempts)
        + "). Install one (e.g. `apt-get install chromium`) or set OCOP_CHROMIUM to its path.",
    )


def install_browser() -> int:
    """The `install-browser` command: the path on stdout, progress on stderr."""
    try:
        path = install_chromium()
    except ServiceError as error:
        say("chromium", f"ERROR: {error}")
        return 1
    say("chromium", f"using {path}")
    print(path)
    return 0
