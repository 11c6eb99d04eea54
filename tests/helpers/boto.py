"""One botocore data loader for the whole test process.

django-storages' S3Storage builds a new boto3 session for each storage object, and the tests
make a new storage object whenever they point media at a fresh bucket prefix
(`factories.isolate_media`, once per authorization-matrix world, ...). Each new session
re-reads and re-parses botocore's bundled JSON models (the S3 service model, the endpoint
rules), about 0.1-0.2 s a time. Those files never change while the tests run, so every
session here shares one loader and its cache; clients, credentials and requests stay per
session, and every request still goes to the real S3 server.
"""

from __future__ import annotations

from typing import Any


def share_botocore_data_loader() -> None:
    import botocore.loaders
    import botocore.session

    loaders: dict[Any, botocore.loaders.Loader] = {}
    create = botocore.loaders.create_loader

    def shared_loader(search_path_string: Any = None) -> botocore.loaders.Loader:
        # (boto3 appends its own data folder to the loader's search paths per session; the
        # repeats only lengthen a list of the same folder.)
        if search_path_string not in loaders:
            loaders[search_path_string] = create(search_path_string)
        return loaders[search_path_string]

    botocore.session.create_loader = shared_loader  # type: ignore[attr-defined]
