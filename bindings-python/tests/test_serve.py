"""ferrox.serve(): the page's server from Python, with the core's answers."""

import json
import queue
import threading
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
