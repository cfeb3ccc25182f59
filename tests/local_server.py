"""A static file server on 127.0.0.1 for the tests that look at a built site over http."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

LOCAL_HOST = "127.0.0.1"


@contextlib.contextmanager
def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``directory`` with ``handler`` at a free port; yields the base URL."""
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
