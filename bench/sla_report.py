#!/usr/bin/env python3
"""SLA report on a large database (issue 9): seeds N requests (default 1 000 000) across 50
agencies with `plate-permits seed`, starts the release server on that database and times
`GET /api/v1/reports/sla` (whole range, one agency, a Jalali date range, CSV) against
`GET /health/live` measured in the same run. Target: the report answers in under 2 s.

Usage:
  cargo build --release
  python3 bench/sla_report.py --backend sqlite [--requests 1000000] [--reuse DIR]
  python3 bench/sla_report.py --backend postgres [--pg postgres://postgres@127.0.0.1:5432]

Seeding is kept between runs with --reuse (SQLite: a data directory; PostgreSQL: database
`pp_bench_sla_<N>` is reused when it already holds the requests).
"""
import argparse, json, os, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "plate-permits")
ADMIN = ("bench-admin", "bench-admin-password-1")


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def timed(url, token=None, accept=None, runs=5):
    samples = []
    body = b""
    for _ in range(runs):
        req = urllib.request.Request(url)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        if accept:
            req.add_header("Accept", accept)
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=120) as r:
            body = r.read()
        samples.append(time.perf_counter() - t)
    return samples, body


def psql(url, sql):
    return subprocess.run(["psql", url, "-tAc", sql], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--requests", type=int, default=1_000_000)
    ap.add_argument("--reuse", help="SQLite data directory to reuse (seeded if empty)")
    ap.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    env = dict(os.environ, LOG_FORMAT="json", RUST_LOG="warn")
    env.pop("TEST_DATABASE_URL", None)
    if args.backend == "sqlite":
        data_dir = args.reuse or tempfile.mkdtemp(prefix="pp-bench-sla-")
        os.makedirs(data_dir, exist_ok=True)
        env.update(DATA_DIR=data_dir)
        env.pop("DATABASE_URL", None)
        seeded = os.path.exists(os.path.join(data_dir, "seeded.json"))
    else:
        name = f"pp_bench_sla_{args.requests}"
        data_dir = tempfile.mkdtemp(prefix="pp-bench-sla-")
        if psql(f"{args.pg}/postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'") != "1":
            psql(f"{args.pg}/postgres", f'CREATE DATABASE "{name}"')
        url = f"{args.pg}/{name}"
        env.update(DATA_DIR=data_dir, DATABASE_URL=url)
        count = psql(url, "SELECT count(*) FROM requests") or "0"
        seeded = count.isdigit() and int(count) >= args.requests
    if not seeded:
        t = time.perf_counter()
        out = subprocess.run([BIN, "seed", "--requests", str(args.requests), "--agencies", "50"],
                             env=env, capture_output=True, text=True, check=True).stdout
        print(f"seeded {args.requests} requests in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        if args.backend == "sqlite":
            with open(os.path.join(data_dir, "seeded.json"), "w") as f:
                f.write(out)
    subprocess.run([BIN, "create-admin", "--username", ADMIN[0]], check=True, capture_output=True,
                   env=dict(env, ADMIN_PASSWORD=ADMIN[1]))
    port = free_port()
    proc = subprocess.Popen([BIN, "serve"], env=dict(env, LISTEN_ADDR=f"127.0.0.1:{port}"),
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/health/ready", timeout=1); break
            except Exception:
                time.sleep(0.1)
        req = urllib.request.Request(base + "/api/v1/auth/login", method="POST",
                                     data=json.dumps({"username": ADMIN[0], "password": ADMIN[1]}).encode(),
                                     headers={"Content-Type": "application/json"})
        token = json.loads(urllib.request.urlopen(req).read())["access_token"]
        live, _ = timed(base + "/health/live", runs=50)
        rows = []
        full, body = timed(base + "/api/v1/reports/sla", token, runs=args.runs)
        report = json.loads(body)
        org = report["agencies"][0]["organisation_id"]
        rows.append(("whole range, 50 agencies", full))
        rows.append(("one agency", timed(f"{base}/api/v1/reports/sla?organisation_id={org}", token, runs=args.runs)[0]))
        rows.append(("Jalali range (about 3 months)", timed(f"{base}/api/v1/reports/sla?from=1405/05/01&to=1405/07/30", token, runs=args.runs)[0]))
        rows.append(("CSV, whole range", timed(base + "/api/v1/reports/sla", token, accept="text/csv", runs=args.runs)[0]))
        base_ms = statistics.median(live) * 1000
        print(f"\n{args.backend}: {report['overall']['requests']} requests, "
              f"{len(report['agencies'])} agencies; /health/live median {base_ms:.2f} ms\n")
        print("| report | median | worst | × /health/live |")
        print("|---|---|---|---|")
        for label, samples in rows:
            med = statistics.median(samples) * 1000
            print(f"| {label} | {med:.0f} ms | {max(samples) * 1000:.0f} ms | {med / base_ms:.0f}× |")
        worst = max(max(s) for _, s in rows)
        print(f"\ntarget < 2 s: {'met' if worst < 2 else 'MISSED'} (worst {worst:.2f} s)")
    finally:
        proc.terminate(); proc.wait()


if __name__ == "__main__":
    main()
