"""Daemons, their pids and ports, and the unprivileged users some of them need.

The servers must outlive the ``up`` command (the test run comes after it) and be found again by
the next ``up``, ``status`` or ``down``, so they are started in their own session and tracked
by pid files checked against their command line. PostgreSQL and Elasticsearch refuse to run as
root, so as root they run as locked system accounts.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shlex
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from ops.testservices.layout import HOST

_useradd_lock = threading.Lock()  # concurrent useradd calls fail to lock /etc/passwd


def is_root() -> bool:
    return os.geteuid() == 0


def ensure_system_user(name: str) -> pwd.struct_passwd:
    """Create a locked system account for a server that refuses to (or should not) run as root."""
    with _useradd_lock:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            pass
        subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                name,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return pwd.getpwnam(name)


def ensure_traversable(path: Path) -> None:
    """Give "others" search (x) permission on every ancestor of *path* (not *path* itself).

    The cache/state dirs default to /root/.cache, and /root is mode 700, so the unprivileged
    users that run PostgreSQL and Elasticsearch could not even reach their data dirs. Only the
    search bit is added: directory listings stay private.
    """
    for parent in path.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)


def chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    """Recursively hand *path* to *user* (only files that are not theirs already)."""
    for root, dirs, files in os.walk(path):
        for entry in [root, *(os.path.join(root, n) for n in dirs + files)]:
            if os.lstat(entry).st_uid != user.pw_uid:
                os.lchown(entry, user.pw_uid, user.pw_gid)


def user_kwargs(user: pwd.struct_passwd | None) -> dict[str, Any]:
    """subprocess keyword arguments that drop root privileges to *user* (no-op when None)."""
    if user is None:
        return {}
    return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}


def spawn_daemon(
    cmd: list[str],
    log: Path,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    user: pwd.struct_passwd | None = None,
) -> subprocess.Popen[bytes]:
    """Start *cmd* detached from this process so it outlives it.

    A new session means Ctrl-C in the terminal that ran ``up`` does not reach the server, and
    the session id equals the pid so ``down`` can signal the whole process group (Elasticsearch
    runs a launcher JVM plus a server JVM).
    """
    with open(log, "ab") as out:
        out.write(f"\n=== {time.strftime('%F %T')} {shlex.join(cmd)}\n".encode())
        out.flush()
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
            **user_kwargs(user),
        )


def pid_alive(pid: int, marker: str) -> bool:
    """True if *pid* runs and its command line contains *marker* (guards against pid reuse)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    if stat.rsplit(")", 1)[1].split()[0] == "Z":  # zombie: exited, not yet reaped
        return False
    return marker.encode() in cmdline


def terminate(pid: int, timeout: float = 30.0) -> None:
    """SIGTERM the process group led by *pid* (or just *pid*), then SIGKILL after *timeout*."""
    try:
        target_group = os.getpgid(pid) == pid
    except ProcessLookupError:
        return
    kill = os.killpg if target_group else os.kill
    with contextlib.suppress(ProcessLookupError):
        kill(pid, signal.SIGTERM)
        kill(pid, signal.SIGCONT)  # a stopped (SIGSTOP/^Z) process only sees SIGTERM once resumed
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid, ""):
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        kill(pid, signal.SIGKILL)


def port_open(port: int, host: str = HOST) -> bool:
    """True if something accepts TCP connections on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_port_free(port: int, timeout: float = 10.0) -> bool:
    """Wait until nothing listens on *port* (a killed server releases it a moment later)."""
    deadline = time.monotonic() + timeout
    while port_open(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
