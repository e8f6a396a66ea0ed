"""ferrox.serve(): the page's server from Python, with the core's answers."""

import json
import os
import queue
import signal
import threading
import time
import urllib.error
import urllib.request

import ferrox
import pytest


@pytest.fixture
def served():
    found, stop = queue.Queue(), threading.Event()
    server = threading.Thread(
        target=ferrox.serve, kwargs={"port": 0, "ready": found.put, "stop": stop}, daemon=True
    )
    server.start()
    yield found.get(timeout=30)
    stop.set()
    server.join(timeout=10)
    assert not server.is_alive()


def post(url, body):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


@pytest.mark.parametrize(("x", "n"), [("5.19", 28), ("5.18", 28), ("0.50", 40), ("3.333", 3)])
def test_the_page_answers_as_the_package_does(served, x, n):
    checked = post(served + "api/grim", {"x": x, "n": n})
    verdict = checked["rows"][0][checked["columns"].index("consistency")]
    assert verdict == ferrox.grim(x, n=n)


def test_bad_requests_get_a_message(served):
    with pytest.raises(urllib.error.HTTPError) as error:
        post(served + "api/grim", {"x": "five", "n": 28})
    assert error.value.code == 400
    assert "cannot read" in json.load(error.value)["error"]


def test_a_port_in_use_is_a_clear_error(served):
    port = int(served.rsplit(":", 1)[1].rstrip("/"))
    with pytest.raises(ferrox.InvalidInputError, match="cannot serve on 127.0.0.1"):
        ferrox.serve(port=port, ready=lambda url: None)


def serve_once() -> list[str]:
    """Serves until the server listens, and returns the address it gave."""
    stop, urls = threading.Event(), []
    ferrox.serve(port=0, ready=lambda url: (urls.append(url), stop.set()), stop=stop)
    return urls


def test_a_ctrl_c_python_handled_does_not_stop_a_later_server():
    """Ctrl-C belongs to Python while it serves: an interrupt of other work,
    after a server has run, must not end the next server before it starts."""
    assert serve_once()
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
    assert serve_once()


def test_ctrl_c_stops_the_server():
    urls, stop = [], threading.Event()
    fallback = threading.Timer(30, stop.set)

    def ready(url):
        urls.append(url)
        threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT)).start()

    fallback.start()
    start = time.monotonic()
    ferrox.serve(port=0, ready=ready, stop=stop)
    fallback.cancel()
    assert urls and not stop.is_set() and time.monotonic() - start < 20
