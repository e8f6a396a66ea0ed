"""The web page, served from Python: the same server as ``ferrox serve``."""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Callable

from ferrox import _ferrox


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    open: bool = False,
    workers: int | None = None,
    job_seconds: int = 120,
    max_upload_mb: int = 50,
    ready: Callable[[str], object] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve ferrox's web page until Ctrl-C: every check point-and-click.

    The page checks papers (PDF, HTML, DOCX, JATS XML, text), tables and
    single results, and runs CLOSURE and SPRITE, for people who do not
    program. Nothing is fetched from the internet and uploads are never
    stored. With ``host="0.0.0.0"`` other computers on the network can use it.

    Args:
        host: the address to listen on.
        port: the port; 0 picks a free one.
        open: open the page in the default browser.
        workers: jobs (CLOSURE, SPRITE, scans) running at once; default, the
            number of cores.
        job_seconds: seconds one job may run.
        max_upload_mb: the largest upload of papers, in MB.
        ready: called with the page's address once the server listens
            (default: print it).
        stop: the server stops when this event is set (Ctrl-C stops it too).

    Serving until an event is set (here, as soon as the server listens;
    in a program, from another thread):

    >>> import threading
    >>> import ferrox
    >>> stop, urls = threading.Event(), []
    >>> ferrox.serve(port=0, ready=lambda url: (urls.append(url), stop.set()), stop=stop)
    >>> urls[0].startswith("http://127.0.0.1:")
    True
    """

    def announce(url: str) -> None:
        if ready is None:
            print(f"ferrox is serving its page at {url} (Ctrl-C stops it)", flush=True)
        else:
            ready(url)
        if open:
            webbrowser.open(url)

    _ferrox.serve(host, port, workers, job_seconds, max_upload_mb, announce, stop)
