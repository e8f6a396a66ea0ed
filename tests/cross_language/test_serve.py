"""The page's server started from R (ferrox::serve(), which runs the CLI) and
from Python (ferrox.serve()) answers as each language's own functions do."""

import json
import os
import re
import signal
import subprocess
import urllib.request

import ferrox

CLI = os.path.abspath(os.environ.get("FERROX_CLI", "target/release/ferrox"))
CASES = [("5.19", 28), ("5.18", 28), ("0.50", 40), ("3.333", 3)]


def post(url, body):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


def r_grim(x, n):
    code = f'cat(ferrox::grim("{x}", {n}))'
    answer = subprocess.run(["Rscript", "-e", code], check=True, capture_output=True, text=True)
    return answer.stdout


def test_the_server_r_starts_answers_as_r_does():
    code = f'ferrox::serve(port = 0, cli = "{CLI}")'
    server = subprocess.Popen(
        ["Rscript", "-e", code], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        line = server.stdout.readline()
        url = re.search(r"http://\S+/", line).group(0)
        for x, n in CASES:
            checked = post(url + "api/grim", {"x": x, "n": n})
            verdict = checked["rows"][0][checked["columns"].index("consistency")]
            assert str(verdict).upper() == r_grim(x, n).strip()
            assert verdict == ferrox.grim(x, n=n)
    finally:
        # Ctrl-C, as a terminal sends it: to R and the program it runs.
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=20)
