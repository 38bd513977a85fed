#!/usr/bin/env python3
"""An agency's list while SLA reports run (issue 33, row 8): seeds N requests (default 200 000)
across 50 agencies with `plate-permits seed`, starts the server on that database and measures an
agency's `GET /api/v1/requests?limit=20` (p50/p99 over --samples calls, one at a time):

  1. baseline: nothing else running (the same run, the same database);
  2. 8 report loops asking the same range (the cache answers after the first computation);
  3. 8 report loops asking a different range on every call (every call a cache miss; the
     per-user rate limit is lifted for this run with SLA_REPORT_RATE_PER_MINUTE so that the
     loops reach the computation bound, SLA_REPORT_CONCURRENCY, default 2).

Figures are printed as ratios against the baseline and `/health/live` of the same run. Every
loop is bounded (--samples list calls; report loops stop when the list measurement ends).
Target: the list's p99 under 50 ms while 8 report loops run.

Usage:
  cargo build --release
  python3 bench/report_contention.py [--requests 200000] [--samples 300] [--reuse DIR]
                                     [--bin target/debug/plate-permits]
"""
import argparse, json, os, random, socket, statistics, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "plate-permits")
ADMIN = ("bench-admin", "bench-admin-password-1")
LOOPS = 8


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def get(url, token=None):
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read(); status = r.status
    except urllib.error.HTTPError as e:
        e.read(); status = e.code
    return time.perf_counter() - t, status


def login(base, user, password):
    req = urllib.request.Request(base + "/api/v1/auth/login", method="POST",
                                 data=json.dumps({"username": user, "password": password}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(req).read())["access_token"]


def pct(samples, p):
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s))) - 1))]


def measure(url, token, n):
    out = []
    for _ in range(n):
        dt, status = get(url, token)
        if status != 200:
            sys.exit(f"{url}: {status}")
        out.append(dt)
    return out


def with_report_loops(base, token, list_url, list_token, n, distinct):
    stop = threading.Event()
    counts = {}
    lock = threading.Lock()

    def loop(i):
        rng = random.Random(i)
        while not stop.is_set():
            if distinct:
                d = rng.randint(1, 28)
                m = rng.randint(1, 6)
                path = f"/api/v1/reports/sla?from=1405/{m:02d}/{d:02d}"
            else:
                path = "/api/v1/reports/sla"
            _, status = get(base + path, token)
            with lock:
                counts[status] = counts.get(status, 0) + 1

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(LOOPS)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # let the loops fill the slots
    samples = measure(list_url, list_token, n)
    stop.set()
    for t in threads:
        t.join(timeout=180)
    return samples, counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=200_000)
    ap.add_argument("--samples", type=int, default=300)
    ap.add_argument("--reuse", help="SQLite data directory to reuse (seeded if empty)")
    ap.add_argument("--bin", default=BIN, help="the server binary (default: the release build)")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit("build first: cargo build --release")
    env = dict(os.environ, LOG_FORMAT="json", RUST_LOG="warn")
    for k in ("TEST_DATABASE_URL", "DATABASE_URL"):
        env.pop(k, None)
    data_dir = args.reuse or tempfile.mkdtemp(prefix="pp-bench-report-")
    os.makedirs(data_dir, exist_ok=True)
    env.update(DATA_DIR=data_dir)
    seed_file = os.path.join(data_dir, "seeded.json")
    if not os.path.exists(seed_file):
        t = time.perf_counter()
        out = subprocess.run([args.bin, "seed", "--requests", str(args.requests), "--agencies", "50"],
                             env=env, capture_output=True, text=True, check=True).stdout
        print(f"seeded {args.requests} requests in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        with open(seed_file, "w") as f:
            f.write(out)
        subprocess.run([args.bin, "create-admin", "--username", ADMIN[0]], check=True,
                       capture_output=True, env=dict(env, ADMIN_PASSWORD=ADMIN[1]))
    with open(seed_file) as f:
        seeded = json.load(f)
    results = {}
    for phase, distinct in (("same range", False), ("a new range every call", True)):
        port = free_port()
        run_env = dict(env, LISTEN_ADDR=f"127.0.0.1:{port}")
        if distinct:
            run_env["SLA_REPORT_RATE_PER_MINUTE"] = "100000"
        proc = subprocess.Popen([args.bin, "serve"], env=run_env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(base + "/health/ready", timeout=1); break
                except Exception:
                    time.sleep(0.1)
            admin = login(base, *ADMIN)
            agency = login(base, seeded["agencies"][0]["username"], seeded["password"])
            list_url = base + "/api/v1/requests?limit=20"
            measure(list_url, agency, 20)  # warm-up
            if "baseline" not in results:
                results["live"] = measure(base + "/health/live", None, args.samples)
                results["baseline"] = measure(list_url, agency, args.samples)
                _, status = get(base + "/api/v1/reports/sla", admin)
                t0 = time.perf_counter(); get(base + "/api/v1/reports/sla?from=1405/01/02", admin)
                results["one report"] = time.perf_counter() - t0
            samples, counts = with_report_loops(base, admin, list_url, agency, args.samples, distinct)
            results[phase] = (samples, counts)
        finally:
            proc.terminate(); proc.wait()
    live = statistics.median(results["live"]) * 1000
    base_p99 = pct(results["baseline"], 99) * 1000
    print(f"\n{args.requests} requests seeded; one uncached report {results['one report'] * 1000:.0f} ms; "
          f"/health/live median {live:.2f} ms\n")
    print("| agency `GET /requests?limit=20` | p50 | p99 | p99 × baseline | p99 × /health/live | report answers |")
    print("|---|---|---|---|---|---|")
    print(f"| alone (baseline) | {statistics.median(results['baseline']) * 1000:.1f} ms | {base_p99:.1f} ms | 1.0× | "
          f"{base_p99 / live:.0f}× | — |")
    worst = base_p99
    for phase in ("same range", "a new range every call"):
        samples, counts = results[phase]
        p99 = pct(samples, 99) * 1000
        worst = max(worst, p99)
        answers = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        print(f"| 8 report loops, {phase} | {statistics.median(samples) * 1000:.1f} ms | {p99:.1f} ms | "
              f"{p99 / base_p99:.1f}× | {p99 / live:.0f}× | {answers} |")
    print(f"\ntarget p99 < 50 ms: {'met' if worst < 50 else 'MISSED'} (worst p99 {worst:.1f} ms)")


if __name__ == "__main__":
    main()
