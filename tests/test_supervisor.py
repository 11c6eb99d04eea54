"""The restart loop of `ocop serve` (ops/supervisor.py) over real processes.

`ocop serve` end to end (a killed worker, Redis, PostgreSQL) is in tests/test_serve.py.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

from ops.supervisor import Backoff, Process, Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def wait_for(predicate: Callable[[], bool], timeout: float, tick: Callable[[], None]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tick()
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout} s")


class Log(list[str]):
    def __call__(self, message: str) -> None:
        self.append(message)


@pytest.fixture
def supervisors() -> Iterator[list[Supervisor]]:
    """Supervisors made by a test; their children are stopped whatever happens."""
    made: list[Supervisor] = []
    yield made
    for supervisor in made:
        supervisor.stop(timeout=5)


def test_it_backs_off_from_half_a_second_doubling_to_thirty_then_resets_after_a_stable_run() -> (
    None
):
    # given the policy of `ocop serve`
    backoff = Backoff()
    # when a child keeps dying right after it starts
    quick_deaths = [backoff.delay(ran_for=0.2) for _ in range(9)]
    # and then dies after running for a minute, and again quickly
    after_stable = backoff.delay(ran_for=60.0)
    next_quick = backoff.delay(ran_for=1.0)
    # then the delays double up to the cap, and start over after the stable run
    assert quick_deaths == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    assert after_stable == 0.5
    assert next_quick == 1.0


def test_it_restarts_a_killed_child_and_leaves_the_others_running(
    supervisors: list[Supervisor],
) -> None:
    # given two supervised programs
    worker, web = Process("worker", SLEEPER), Process("web", SLEEPER)
    log = Log()
    supervisor = Supervisor([web, worker], log=log)
    supervisors.append(supervisor)
    supervisor.start()
    web_pid, worker_pid = web.pid, worker.pid
    assert worker_pid is not None
    # when one is killed
    os.kill(worker_pid, signal.SIGKILL)
    # then it is started again, as a new process, and the other one was left alone
    wait_for(lambda: worker.pid != worker_pid and worker.running(), 5, supervisor.tick)
    assert web.pid == web_pid
    assert web.running()
    assert any(line.startswith("worker was killed by SIGKILL after") for line in log)
    assert "restarting worker ..." in log


def test_it_kills_what_a_killed_child_left_behind_before_restarting_it(
    tmp_path: Path, supervisors: list[Supervisor]
) -> None:
    # given a program that forked a helper (as gunicorn forks workers holding its port)
    pid_file = tmp_path / "helper.pid"
    script = (
        "import subprocess, sys, time\n"
        f"helper = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(helper.pid))\n"
        "time.sleep(120)\n"
    )
    web = Process("web", [sys.executable, "-c", script])
    supervisor = Supervisor([web], log=Log())
    supervisors.append(supervisor)
    supervisor.start()
    wait_for(lambda: pid_file.exists() and pid_file.read_text() != "", 10, lambda: None)
    helper = psutil.Process(int(pid_file.read_text()))
    first_pid = web.pid
    assert first_pid is not None
    # when the program itself is killed
    os.kill(first_pid, signal.SIGKILL)
    wait_for(lambda: web.pid != first_pid, 5, supervisor.tick)
    # then its orphaned helper was killed too
    helper.wait(timeout=5)
    assert not helper.is_running()


def test_it_keeps_retrying_a_child_that_cannot_start_with_growing_delays() -> None:
    # given a program that cannot start, and a clock the test moves
    now = [100.0]
    log = Log()
    broken = Process("relay", ["/nonexistent/ocop-relay"])
    supervisor = Supervisor([broken], clock=lambda: now[0], log=log)
    # when it is started, and time passes
    supervisor.start()
    attempts_at = [now[0]]
    for step in range(80):  # 40 s in half-second ticks
        now[0] = 100.0 + (step + 1) * 0.5
        before = len(log)
        supervisor.tick()
        if any(line == "restarting relay ..." for line in log[before:]):
            attempts_at.append(now[0])
    # then every failure was logged and retried after 0.5, 1, 2, 4, 8, 16 s, never given up
    assert attempts_at == [100.0, 100.5, 101.5, 103.5, 107.5, 115.5, 131.5]
    assert log[0].startswith("starting relay ...")
    assert log[1] == (
        "relay did not start (FileNotFoundError: [Errno 2] No such file or directory: "
        "'/nonexistent/ocop-relay'); trying again in 0.5 s"
    )
    assert not broken.running()


class PausableProcess(Process):
    """A program that may be stopped on purpose, as `ocop db stop` stops PostgreSQL."""

    def __init__(self, name: str, argv: list[str], marker: Path) -> None:
        super().__init__(name, argv)
        self.marker = marker

    def paused(self) -> bool:
        return self.marker.exists()


def test_it_leaves_a_child_stopped_on_purpose_alone_until_the_stop_is_over(
    tmp_path: Path, supervisors: list[Supervisor]
) -> None:
    # given a supervised program
    marker = tmp_path / "stopped-on-purpose"
    db = PausableProcess("postgres", SLEEPER, marker)
    log = Log()
    supervisor = Supervisor([db], log=log)
    supervisors.append(supervisor)
    supervisor.start()
    # when it is stopped on purpose (the marker first, as `ocop db stop` does)
    marker.write_text("")
    db.stop()
    db.wait(5)
    deadline = time.monotonic() + 2  # four times the first backoff
    while time.monotonic() < deadline:
        supervisor.tick()
        time.sleep(0.05)
    # then it stays stopped, said once
    assert not db.running()
    assert log.count("postgres was stopped on purpose; leaving it stopped") == 1
    # when the stop is over
    marker.unlink()
    # then it is started again at once
    supervisor.tick()
    assert db.running()
    assert "starting postgres again ..." in log
