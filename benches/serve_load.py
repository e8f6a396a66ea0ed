"""Load on `ferrox serve` over loopback: many users at once, mixing light
requests (one-case forms, a table) with heavy ones (a paper scan, CLOSURE),
for a fixed time. Prints requests per second, p50/p99 latency per kind, the
refusals (429) and the server's peak memory; then light latency alone, to
show heavy work does not slow it.

    python benches/serve_load.py [--users 50] [--seconds 60] [--cli target/release/ferrox]

Heavy requests are timed from start to finished result (polled every
50 ms), light ones per response. The server runs under /usr/bin/time -v.
"""

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAPER = (ROOT / "examples" / "paper.pdf").read_bytes()
TABLE = "x,sd,n\n" + "".join(
    f"{3 + i / 100:.2f},1.{i % 90 + 10},{20 + i % 30}\n" for i in range(200)
)
MIX = [("grim", 0.45), ("grimmer", 0.2), ("table", 0.15), ("scan", 0.1), ("closure", 0.1)]


def post_json(url, body):
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        return answer.status, json.load(answer)


def post_paper(url):
    boundary = "loadtestboundary"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="paper.pdf"'
    body = f"{head}\r\n\r\n".encode() + PAPER + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        return answer.status, json.load(answer)


def wait(base, job):
    while job["state"] in ("queued", "running"):
        time.sleep(0.05)
        with urllib.request.urlopen(f"{base}api/jobs/{job['id']}", timeout=120) as answer:
            job = json.load(answer)
    if job["state"] != "done":
        raise RuntimeError(job)


def one(base, kind, rng):
    if kind == "grim":
        post_json(
            base + "api/grim", {"x": f"{rng.randint(100, 999) / 100:.2f}", "n": rng.randint(10, 90)}
        )
    elif kind == "grimmer":
        x, sd = f"{rng.randint(100, 600) / 100:.2f}", f"{rng.randint(50, 200) / 100:.2f}"
        post_json(base + "api/grimmer", {"x": x, "sd": sd, "n": rng.randint(10, 90)})
    elif kind == "table":
        post_json(base + "api/table", {"csv": TABLE})
    elif kind == "scan":
        wait(base, post_paper(base + "api/scan")[1])
    else:
        mean = f"{rng.randint(300, 500) / 100:.2f}"
        body = {"mean": mean, "sd": "1.50", "n": rng.randint(100, 250), "min": 1, "max": 7}
        wait(base, post_json(base + "api/closure", body)[1])


def user(base, seconds, seed, kinds, results, refused):
    rng = random.Random(seed)
    names, weights = zip(*kinds, strict=True)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        kind = rng.choices(names, weights)[0]
        start = time.perf_counter()
        try:
            one(base, kind, rng)
        except urllib.error.HTTPError as e:
            if e.code == 429:
                refused[kind] += 1
                time.sleep(0.5)
                continue
            raise
        results[kind].append(time.perf_counter() - start)


def run(base, users, seconds, kinds):
    results, refused = defaultdict(list), defaultdict(int)
    threads = [
        threading.Thread(target=user, args=(base, seconds, i, kinds, results, refused))
        for i in range(users)
    ]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, refused, time.perf_counter() - start


def report(title, results, refused, elapsed):
    total = sum(len(v) for v in results.values())
    print(f"\n{title}: {total} requests in {elapsed:.1f} s, {total / elapsed:.1f} per second")
    print(f"{'kind':>8} {'count':>6} {'p50 ms':>8} {'p99 ms':>8} {'429':>5}")
    for kind, times in sorted(results.items()):
        ms = sorted(t * 1000 for t in times)
        p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
        print(
            f"{kind:>8} {len(ms):>6} {statistics.median(ms):>8.1f} {p99:>8.1f} {refused[kind]:>5}"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--cli", default=str(ROOT / "target" / "release" / "ferrox"))
    args = parser.parse_args()
    server = subprocess.Popen(
        ["/usr/bin/time", "-v", args.cli, "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    base = re.search(r"http://\S+/", server.stdout.readline()).group(0)
    light = [("grim", 0.7), ("grimmer", 0.3)]
    report("light alone, 5 users", *run(base, 5, 10, light))
    report(f"mixed, {args.users} users", *run(base, args.users, args.seconds, MIX))
    os.killpg(server.pid, signal.SIGINT)
    _, timing = server.communicate(timeout=30)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing).group(1)
    print(f"\nserver peak memory: {int(peak) / 1024:.1f} MB; exit status {server.returncode}")


if __name__ == "__main__":
    main()
