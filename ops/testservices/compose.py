"""The ``docker compose`` CLI plugin, built from the Go module proxy (no Docker engine needed).

``docker compose config`` (used by tests/test_docker_compose.py) only needs the plugin, but it
is not packaged anywhere this machine can reach. It is a tool, not a server, so it is installed
by its own command rather than started by ``up``.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from ops.testservices.layout import Layout, say
from ops.testservices.provision import find_go

COMPOSE_MODULE = "github.com/docker/compose/v5"
COMPOSE_VERSION = "v5.6.0"  # newest release that builds with the machine's Go 1.26.8


def install_compose(layout: Layout) -> int:
    """Build the plugin into the cache once and link it where the docker CLI looks for it."""
    layout.create()
    binary = layout.bin / "docker-compose"
    version = os.environ.get("OCOP_COMPOSE_VERSION", COMPOSE_VERSION)
    if not binary.exists():
        say("docker-compose", f"building {COMPOSE_MODULE}@{version} (~2 min, first run only)")
        try:
            build_compose(binary, version)
        except (OSError, subprocess.CalledProcessError) as err:
            say("docker-compose", f"ERROR: could not build the compose plugin: {err}")
            return 1
    plugins = Path(os.environ.get("DOCKER_CONFIG") or "~/.docker").expanduser() / "cli-plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    link = plugins / "docker-compose"
    if not link.exists():
        link.unlink(missing_ok=True)  # a dangling symlink from a removed cache
        link.symlink_to(binary)
    say("docker-compose", f"installed {binary} as {link}")
    return 0


def build_compose(binary: Path, version: str) -> None:
    """Download the compose module through the Go proxy and build its CLI in place.

    ``go install`` refuses the module because its go.mod has exclude directives, so it is
    built inside the module cache instead.
    """
    go = find_go()
    fetched = subprocess.run(
        [go, "mod", "download", "-json", f"{COMPOSE_MODULE}@{version}"],
        capture_output=True,
        text=True,
        check=True,
    )
    source = json.loads(fetched.stdout)["Dir"]
    ldflags = f"-w -X {COMPOSE_MODULE}/internal.Version={version}"
    subprocess.run(
        [go, "build", "-trimpath", "-ldflags", ldflags, "-o", str(binary), "./cmd"],
        cwd=source,
        check=True,
        env={**os.environ, "CGO_ENABLED": "0"},
    )
