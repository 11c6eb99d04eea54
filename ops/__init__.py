"""Operations, the top floor: the ``ocop`` command, the supervisor that runs the marketplace with
its embedded PostgreSQL and Redis, and (``ops.testservices``, not installed) the manager of the
real services the tests use. Nothing of the application imports this package."""
