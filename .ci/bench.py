"""`make bench`: throughput and latency of the production server, as a multiple of a baseline.

Installs requirements.txt alone into var/venv-production (once, and again when it changes), as a
production server would: the development tools in .venv (requests, pytest) are imported by DRF
when present, and would weigh on the workers' memory. Builds a throwaway SQLite database with the
seed content and BENCH_MEETINGS generated meetings (5,000 by default), starts gunicorn with debug
off on loopback, and measures with wrk each page, the baseline view (a tiny template and one query
through the same stack) and the layout view (the layout every page shares, around an empty page):
first with the page cache off, then on. Each measurement lasts BENCH_SECONDS; the load goes to
127.0.0.1 only. Prints requests per second, p50 and p99 latency, errors, the ratio to the baseline
and each worker's peak memory (VmHWM), and writes the same as Markdown to BENCH_OUTPUT
(var/bench.md) for the README.
Names each target missed (0.5x uncached, 2x cached, no error, 90 MB a worker); exits non-zero only
when a request failed.
"""

import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "var" / "venv-production"
PYTHON = str(VENV / "bin" / "python")
GUNICORN = str(VENV / "bin" / "gunicorn")
PORT = int(os.environ.get("BENCH_PORT", "8701"))
MEETINGS = int(os.environ.get("BENCH_MEETINGS", "5000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
OUTPUT = Path(os.environ.get("BENCH_OUTPUT", ROOT / "var" / "bench.md"))

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
TARGETS = {"uncached": 0.5, "cached": 2.0}
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


def wrk(url, duration):
    result = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
    latency = {
        percentile: seconds(value, unit) * 1000
        for percentile, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", result, re.M)
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", result)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", result)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)
    return {"rps": rps, "p50": latency.get("50", 0.0), "p99": latency.get("99", 0.0), "errors": errors}


def measure(env, mode):
    server = start_server(env)
    try:
        results = {}
        for name, path in PAGES.items():
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


def table(mode, results, memory):
    baseline = results["baseline"]["rps"]
    lines = [
        f"**{mode}** (page cache {'on' if mode == 'cached' else 'off'}); peak memory a worker: "
        + ", ".join(f"{mb:.0f} MB" for mb in memory),
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
        if name not in ("baseline", LAYOUT) and result["rps"] / baseline < TARGETS[mode]:
            found.append(f"{mode} {name}: {result['rps'] / baseline:.2f} × baseline, target {TARGETS[mode]}")
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
        print(
            f"Measuring with wrk: {CONNECTIONS} connections, {SECONDS} s a page, {WORKERS} workers.",
            flush=True,
        )
        uncached = measure(env | {"DJANGO_PAGE_CACHE_SECONDS": "0"}, "uncached")
        cached = measure(env | {"DJANGO_PAGE_CACHE_SECONDS": "600"}, "cached")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [
        f"`make bench` on {time.strftime('%Y-%m-%d')}: {MEETINGS:,} meetings, {WORKERS} gunicorn workers, "
        f"wrk with {CONNECTIONS} connections for {SECONDS} s a page, SQLite, on {machine()}.",
        "",
        *table("uncached", *uncached),
        "",
        *table("cached", *cached),
    ]
    problems = failures("uncached", *uncached) + failures("cached", *cached)
    if problems:
        lines += ["", "Targets missed: " + "; ".join(problems) + "."]
    report = "\n".join(lines) + "\n"
    print("\n" + report)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(report)
    failed = any(result["errors"] for results, _memory in (uncached, cached) for result in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
