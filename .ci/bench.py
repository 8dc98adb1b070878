"""`make bench`: throughput and latency of the production server, as a multiple of a baseline.

Installs requirements.txt alone into var/venv-production (once, and again when it changes), as a
production server would: the development tools in .venv (requests, pytest) are imported by DRF
when present, and would weigh on the workers' memory. Builds a throwaway SQLite database with the
seed content and BENCH_MEETINGS generated meetings (10,000 by default), starts gunicorn with debug
off on loopback, and measures with wrk each page, the baseline view (a tiny template and one query
through the same stack) and the layout view (the layout every page shares, around an empty page):
first with every cache off (page cache and fragments: each query and template runs per request),
then with the page cache on, then the search for new words (the page cache off, the layout's
fragments and shared values kept: what a search costs that no one has made before, on a site that
has been up). Each measurement lasts BENCH_SECONDS; the load goes to 127.0.0.1 only.

Then the mixed row, the site as visitors and staff use it: a Redis of its own (BENCH_REDIS_PORT)
holds the page cache, every public address of the sitemap (three languages) is requested once to
warm it, then BENCH_MIXED_CONNECTIONS connections for BENCH_MIXED_SECONDS request those addresses
with Zipf-like popularity (the n-th address of the sitemap n times less often than the first),
while a staff client saves a random meeting through the API every BENCH_SAVE_SECONDS seconds.

Prints requests per second, p50 and p99 latency, errors, the ratio to the baseline, the mixed row's
hit ratio and each worker's peak memory (VmHWM), and writes the same as Markdown to BENCH_OUTPUT
(var/bench.md) for the README.
Names each target missed; exits non-zero only when a request failed.
"""

import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "var" / "venv-production"
PYTHON = str(VENV / "bin" / "python")
GUNICORN = str(VENV / "bin" / "gunicorn")
PORT = int(os.environ.get("BENCH_PORT", "8701"))
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6701"))
MEETINGS = int(os.environ.get("BENCH_MEETINGS", "10000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
OUTPUT = Path(os.environ.get("BENCH_OUTPUT", ROOT / "var" / "bench.md"))
MIXED_SECONDS = int(os.environ.get("BENCH_MIXED_SECONDS", "60"))
MIXED_CONNECTIONS = int(os.environ.get("BENCH_MIXED_CONNECTIONS", "64"))
SAVE_SECONDS = float(os.environ.get("BENCH_SAVE_SECONDS", "5"))
STAFF_PASSWORD = "a-long-bench-password"

# Not a page: what every page costs before its content. Measured, held to no target.
LAYOUT = "layout, no content"

PAGES = {
    "baseline": "/bench/baseline/",
    LAYOUT: "/en/bench/layout/",
    "home": "/en/",
    "Azerbaijan page": "/en/relations/azerbaijan/",
    "meetings list": "/en/meetings/",
    "meeting page": f"/en/meetings/generated-meeting-{max(1, MEETINGS // 2)}/",
    "search": "/en/search/?q=Baku",
    "API meetings list": "/api/v1/meetings/",
}
# What a search for words nobody searched before costs: no page in the page cache (a page of
# results is kept only for the words that asked for it), the layout's fragments and shared values
# kept, as on any site that has been up.
NEW_WORDS = "new words"
NEW_WORDS_PAGES = ("baseline", LAYOUT, "search")
MODES = {
    "uncached": "every cache off",
    "cached": "page cache on",
    NEW_WORDS: "page cache off, the layout's fragments and shared values kept",
}
# Each page's throughput as a multiple of the baseline's, at least (issues #15 and #16).
TARGETS = {
    "uncached": {
        LAYOUT: 0.6,
        "meeting page": 0.3,
        "home": 0.15,
        "Azerbaijan page": 0.15,
        "meetings list": 0.15,
        "search": 0.15,
        "API meetings list": 0.15,
    },
    "cached": {name: 3.0 for name in PAGES if name not in ("baseline", LAYOUT)},
    # Issue #16's search target, held both with every cache off and as visitors meet a new search.
    NEW_WORDS: {"search": 0.15},
}
MIXED_TARGETS = {"ratio": 2.0, "hit_ratio": 0.95}
TAIL_LIMIT = 10  # p99 at most this many times p50, with the page cache on
MEMORY_LIMIT_MB = 90


def production_venv():
    """var/venv-production with requirements.txt installed, made or brought up to date."""
    requirements = (ROOT / "requirements.txt").read_text()
    marker = VENV / ".installed"
    if marker.exists() and marker.read_text() == requirements:
        return
    print(f"Installing requirements.txt alone into {VENV.relative_to(ROOT)}...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run(
        [PYTHON, "-m", "pip", "install", "--quiet", "-r", "requirements.txt"], cwd=ROOT, check=True
    )
    marker.write_text(requirements)


def run(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def start_server(env):
    server = subprocess.Popen(
        [GUNICORN, "-c", "cica_site/gunicorn.py", "cica_site.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit("The server did not start: " + server.stderr.read().decode()[-2000:])


def stop_server(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def workers_of(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def peak_memory_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def seconds(value, unit):
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(url, duration, connections=CONNECTIONS, threads=1, script=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency"]
    if script:
        command += ["-s", str(script)]
    result = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
    latency = {
        percentile: seconds(value, unit) * 1000
        for percentile, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", result, re.M)
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", result)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    found = {"rps": rps, "p50": latency.get("50", 0.0), "p99": latency.get("99", 0.0), "errors": errors}
    for name, value in re.findall(r"^x-cache (\S+) (\d+)$", result, re.M):
        found.setdefault("x_cache", {})[name] = int(value)
    return found


def measure(env, mode, pages=tuple(PAGES)):
    server = start_server(env)
    try:
        results = {}
        for name in pages:
            path = PAGES[name]
            url = f"http://127.0.0.1:{PORT}{path}"
            with urllib.request.urlopen(url, timeout=30) as response:
                assert response.status == 200, (url, response.status)
            wrk(url, 1)  # Warm up every worker: templates compiled, connections open, cache filled.
            results[name] = wrk(url, SECONDS)
            print(f"  {mode:8} {name:18} {results[name]['rps']:8.0f} req/s", flush=True)
        memory = [peak_memory_mb(pid) for pid in workers_of(server)]
        return results, memory
    finally:
        stop_server(server)


# --- The mixed row -----------------------------------------------------------------------------------

# Each wrk thread reads the addresses (one a line, drawn with Zipf-like popularity) and goes through
# them from its own starting point; every response's X-Cache is counted, and summed in done().
MIXED_LUA = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local threads = {}
local counter = 1
function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  n = offset
  counts = {}
end
function request()
  n = n + 1
  return wrk.format("GET", paths[n % #paths + 1])
end
function response(status, headers, body)
  local value = headers["X-Cache"] or "none"
  counts[value] = (counts[value] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("counts")
    for name, value in pairs(counted) do total[name] = (total[name] or 0) + value end
  end
  for name, value in pairs(total) do io.write(string.format("x-cache %s %d\\n", name, value)) end
end
"""


def start_redis(work):
    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        cwd=work,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if redis_info().get("used_memory") is not None:
            return redis
        time.sleep(0.2)
    stop_server(redis)
    raise SystemExit(f"Redis did not start on port {REDIS_PORT}.")


def redis_info():
    try:
        output = subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "info", "memory"], capture_output=True, text=True, timeout=5
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    return dict(line.strip().split(":", 1) for line in output.splitlines() if ":" in line)


def sitemap_paths(env):
    """Every address of the sitemap (each in the three languages), in the sitemap's order.

    From the sitemap classes, every page of each: /sitemap.xml?p=2 answers 404 when one of its
    sections has a single page, so the view alone does not give the meetings past the first 5,000
    addresses."""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", SITEMAP_SCRIPT],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return output.split()


SITEMAP_SCRIPT = """
from urllib.parse import urlsplit
from cica_site.urls import SITEMAPS

class Site:
    domain = "127.0.0.1"

for sitemap_class in SITEMAPS.values():
    sitemap = sitemap_class()
    for page in sitemap.paginator.page_range:
        for url in sitemap.get_urls(page=page, site=Site(), protocol="http"):
            print(urlsplit(url["location"]).path)
"""


def zipf_sample(paths, count, seed=1):
    """`count` addresses drawn with Zipf-like popularity: the n-th one of `paths` weighs 1/n."""
    weights = [1 / rank for rank in range(1, len(paths) + 1)]
    return random.Random(seed).choices(paths, weights=weights, k=count)


def warm(paths):
    """Each address once, from 8 clients: the page cache is full, as on a site that has been up."""

    def fetch(chunk):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        failed = 0
        for path in chunk:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            failed += response.status != 200
        connection.close()
        return failed

    failed = []
    # Daemon threads: a bench stopped meanwhile does not wait for them.
    threads = [
        threading.Thread(target=lambda n=n: failed.append(fetch(paths[n::8])), daemon=True) for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(failed)


class StaffClient(threading.Thread):
    """Saves a random meeting through the API every SAVE_SECONDS: reads it, and sends its summary
    back changed with the version it read, as every API write must."""

    def __init__(self, token, ids):
        super().__init__(daemon=True)
        self.token, self.ids = token, ids
        self.stopping = threading.Event()
        self.saves = self.errors = 0
        self.random = random.Random(2)

    def run(self):
        headers = {"Authorization": f"Token {self.token}"}
        while not self.stopping.wait(SAVE_SECONDS):
            pk = self.random.choice(self.ids)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                connection.request("GET", f"/api/v1/meetings/{pk}/", headers=headers)
                response = connection.getresponse()
                meeting = json.loads(response.read())
                body = json.dumps(
                    {"summary": f"Changed at {time.time():.3f}.", "version": meeting["version"]}
                )
                connection.request(
                    "PATCH",
                    f"/api/v1/meetings/{pk}/",
                    body=body,
                    headers=headers | {"Content-Type": "application/json"},
                )
                response = connection.getresponse()
                response.read()
                connection.close()
                self.saves += response.status == 200
                self.errors += response.status != 200
            except (OSError, ValueError, KeyError):
                self.errors += 1


def mixed(env, work, token, ids):
    redis = start_redis(work)
    server = None
    try:
        server = start_server(env | {"REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0"})
        paths = sitemap_paths(env)
        print(f"  mixed    warming the page cache with {len(paths):,} addresses...", flush=True)
        warm_errors = warm(paths)
        sample = work / "paths.txt"
        sample.write_text("\n".join(zipf_sample(paths, 200_000)) + "\n")
        script = work / "mixed.lua"
        script.write_text(MIXED_LUA)
        staff = StaffClient(token, ids)
        staff.start()
        os.environ["BENCH_PATHS"] = str(sample)
        try:
            result = wrk(
                f"http://127.0.0.1:{PORT}",
                MIXED_SECONDS,
                connections=MIXED_CONNECTIONS,
                threads=2,
                script=script,
            )
        finally:
            staff.stopping.set()
            staff.join()
        counts = result.pop("x_cache", {})
        served = sum(counts.values()) or 1
        result |= {
            "addresses": len(paths),
            "hit_ratio": (counts.get("hit", 0) + counts.get("stale", 0)) / served,
            "x_cache": counts,
            "saves": staff.saves,
            "save_errors": staff.errors,
            "warm_errors": warm_errors,
            "redis_mb": int(redis_info().get("used_memory_peak", 0)) / 1024 / 1024,
        }
        result["errors"] += staff.errors
        print(f"  mixed    {result['rps']:8.0f} req/s, hit ratio {result['hit_ratio']:.1%}", flush=True)
        return result, [peak_memory_mb(pid) for pid in workers_of(server)]
    finally:
        if server is not None:
            stop_server(server)
        stop_server(redis)


def staff_token(env):
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", STAFF_SCRIPT],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return output[0], [int(pk) for pk in output[1:]]


STAFF_SCRIPT = f"""
from django.contrib.auth.models import User
from organisation.models import ApiToken
from events.models import Meeting
user = User.objects.create_superuser("bench", "bench@example.org", "{STAFF_PASSWORD}")
print(ApiToken.objects.create(user, name='make bench')[1])
print(*Meeting.objects.published().values_list("pk", flat=True))
"""


def mixed_table(result, memory, baseline):
    counts = ", ".join(f"{name} {value:,}" for name, value in sorted(result["x_cache"].items()))
    return [
        f"**mixed** (page cache on, in Redis): {result['addresses']:,} addresses of the sitemap, "
        f"{MIXED_CONNECTIONS} connections for {MIXED_SECONDS} s with Zipf-like popularity, a meeting saved "
        f"through the API every {SAVE_SECONDS:g} s ({result['saves']} saves); X-Cache: {counts}; "
        f"Redis peak {result['redis_mb']:.0f} MB; peak memory a worker: "
        + ", ".join(f"{mb:.0f} MB" for mb in memory),
        "",
        "| workload | requests/s | × baseline | hit ratio | p50 | p99 | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| mixed | {result['rps']:.0f} | {result['rps'] / baseline:.2f} | {result['hit_ratio']:.1%} "
        f"| {result['p50']:.1f} ms | {result['p99']:.1f} ms | {result['errors']} |",
    ]


def mixed_failures(result, memory, baseline):
    found = []
    if result["errors"]:
        found.append(f"mixed: {result['errors']} errors")
    if result["rps"] / baseline < MIXED_TARGETS["ratio"]:
        found.append(f"mixed: {result['rps'] / baseline:.2f} × baseline, target {MIXED_TARGETS['ratio']}")
    if result["hit_ratio"] < MIXED_TARGETS["hit_ratio"]:
        found.append(f"mixed: hit ratio {result['hit_ratio']:.1%}, target {MIXED_TARGETS['hit_ratio']:.0%}")
    if result["p99"] > TAIL_LIMIT * result["p50"]:
        found.append(f"mixed: p99 {result['p99']:.0f} ms > {TAIL_LIMIT} × p50 {result['p50']:.1f} ms")
    found += [f"mixed: a worker peaked at {mb:.0f} MB" for mb in memory if mb > MEMORY_LIMIT_MB]
    return found


def table(mode, results, memory):
    baseline = results["baseline"]["rps"]
    lines = [
        f"**{mode}** ({MODES[mode]}); peak memory a worker: " + ", ".join(f"{mb:.0f} MB" for mb in memory),
        "",
        "| page | requests/s | × baseline | p50 | p99 | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, result in results.items():
        lines.append(
            f"| {name} | {result['rps']:.0f} | {result['rps'] / baseline:.2f} | {result['p50']:.1f} ms "
            f"| {result['p99']:.1f} ms | {result['errors']} |"
        )
    return lines


def failures(mode, results, memory):
    baseline = results["baseline"]["rps"]
    found = []
    for name, result in results.items():
        if result["errors"]:
            found.append(f"{mode} {name}: {result['errors']} errors")
        target = TARGETS[mode].get(name)
        if target and result["rps"] / baseline < target:
            found.append(f"{mode} {name}: {result['rps'] / baseline:.2f} × baseline, target {target}")
        if mode == "cached" and name in TARGETS[mode] and result["p99"] > TAIL_LIMIT * result["p50"]:
            found.append(
                f"{mode} {name}: p99 {result['p99']:.0f} ms > {TAIL_LIMIT} × p50 {result['p50']:.1f} ms"
            )
    found += [f"{mode}: a worker peaked at {mb:.0f} MB" for mb in memory if mb > MEMORY_LIMIT_MB]
    return found


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    memory = next(line.split()[1] for line in meminfo if line.startswith("MemTotal"))
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main():
    # Stopped from outside: still stop the servers and remove the throwaway files.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not shutil.which("wrk"):
        raise SystemExit("The bench needs wrk, the HTTP load generator: apt-get install wrk")
    if not shutil.which("redis-server"):
        raise SystemExit("The bench's mixed row needs Redis: apt-get install redis-server")
    production_venv()
    work = Path(tempfile.mkdtemp(prefix="cica-bench-"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "DJANGO_CONN_MAX_AGE": "600",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_SHARED_CACHE_DIR": str(work / "cache"),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_BENCH_BASELINE": "1",
        # The bench is one client: the API's per-client limit would answer it 429.
        "DJANGO_API_ANON_RATE": "1000000/second",
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "0",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": str(WORKERS),
    }
    try:
        print(f"Generating {MEETINGS:,} meetings in a throwaway database ({work})...", flush=True)
        run("migrate", "--noinput", env=env)
        run("load_seed", env=env)
        run("generate_data", f"--meetings={MEETINGS}", env=env)
        run("collectstatic", "--noinput", env=env)
        token, ids = staff_token(env)
        print(
            f"Measuring with wrk: {CONNECTIONS} connections, {SECONDS} s a page, {WORKERS} workers.",
            flush=True,
        )
        off = {"DJANGO_PAGE_CACHE_SECONDS": "0", "DJANGO_FRAGMENT_CACHE_ENTRIES": "0"}
        uncached = measure(env | off, "uncached")
        # The page cache as the site configures it by default.
        cached = measure(env, "cached")
        new_words = measure(env | {"DJANGO_PAGE_CACHE_SECONDS": "0"}, NEW_WORDS, NEW_WORDS_PAGES)
        mixed_result = mixed(env, work, token, ids)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [
        f"`make bench` on {time.strftime('%Y-%m-%d')}: {MEETINGS:,} meetings, {WORKERS} gunicorn workers, "
        f"wrk with {CONNECTIONS} connections for {SECONDS} s a page, SQLite, on {machine()}.",
        "",
        *table("uncached", *uncached),
        "",
        *table("cached", *cached),
        "",
        *table(NEW_WORDS, *new_words),
        "",
        *mixed_table(*mixed_result, cached[0]["baseline"]["rps"]),
    ]
    problems = (
        failures("uncached", *uncached)
        + failures("cached", *cached)
        + failures(NEW_WORDS, *new_words)
        + mixed_failures(*mixed_result, cached[0]["baseline"]["rps"])
    )
    if problems:
        lines += ["", "Targets missed: " + "; ".join(problems) + "."]
    report = "\n".join(lines) + "\n"
    print("\n" + report)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(report)
    failed = mixed_result[0]["errors"] or any(
        result["errors"] for results, _memory in (uncached, cached, new_words) for result in results.values()
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
