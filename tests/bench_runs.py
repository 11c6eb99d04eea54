"""A `bench/` command run as its README says, for the tests that check one end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_bench(module: str, *args: str) -> str:
    """`python -m bench.<module> <args>` from the repository's root with this process's
    environment (the test services'); its standard output. The test fails with the tail
    of the command's standard error when the command fails."""
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout
