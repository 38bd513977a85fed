#!/usr/bin/env python3
"""A national-size database under load: seeds the whole country's volume on PostgreSQL
(`plate-permits seed --provinces 31 --years 10 --requests 1000000 --reads-per-request 8`,
timed), starts the release server on it, and drives the hot reads with wrk (Debian package,
2 threads, 8 connections, `--duration` seconds each): `/health/live` (the ceiling, same run),
the directorate's list, the search by plate, the police queue, the feed polled from a recent
position (all and one agency's), the audit query (newest page, one request's entries) and the
SLA report over one year (sequential calls, each over a different window so that none is
answered from the report's cache). Prints one Markdown table (requests/s, × `/health/live`,
p50, p99, non-2xx, target) and, with `--record`, writes it into docs/BENCHMARKS.md.

Bounded: every wrk run is `--duration` seconds, the report `--reports` calls.

Usage:
  cargo build --release && apt-get install -y -qq wrk
  python3 bench/national.py --seed [--requests 1000000]     # (re)creates the database, then measures
  python3 bench/national.py [--duration 10] [--record]      # measures an already seeded database
  python3 bench/national.py --drop                          # drops the database
"""
import argparse, datetime, json, os, re, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "plate-permits")
ADMIN = ("national-admin", "national-admin-password-1")
PASSWORD = "bench-password-123"
SECTION = "## A national-size database"
# The machine's load when the run began (what else was running shows in the figures).
LOAD_AT_START = os.getloadavg()[0]


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def call(api, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(api + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=120) as r:
        text = r.read()
        return json.loads(text) if text else None


def psql(url, sql):
    return subprocess.run(["psql", url, "-qAtc", sql], check=True, capture_output=True, text=True).stdout.split("\n")


LUA_ROTATE = """
paths = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def wrk(base, paths, duration, token):
    args = ["wrk", "-t2", "-c8", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    tmp = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    tmp.write(LUA_ROTATE % ",".join(json.dumps(p) for p in paths)); tmp.close()
    out = subprocess.run(args + ["-s", tmp.name, base + paths[0]], capture_output=True, text=True,
                         timeout=duration + 60).stdout
    os.unlink(tmp.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": pct(50), "p99": pct(99), "errors": int(non2xx.group(1)) if non2xx else 0}


def seed(args, env):
    server = args.database_url.rsplit("/", 1)[0] + "/postgres"
    name = args.database_url.rsplit("/", 1)[1]
    subprocess.run(["psql", server, "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', "-c", f'CREATE DATABASE "{name}"'], check=True)
    t = time.perf_counter()
    out = subprocess.run([args.seed_bin, "seed", "--requests", str(args.requests), "--provinces", "31", "--years", "10",
                          "--agencies", "310", "--reads-per-request", str(args.reads), "--password", PASSWORD],
                         env=env, capture_output=True, text=True, check=True).stdout
    summary = json.loads(out)
    summary["wall_seconds"] = time.perf_counter() - t
    summary["seed_binary"] = "release" if os.path.abspath(args.seed_bin) == BIN else os.path.relpath(args.seed_bin, ROOT)
    with open(os.path.join(ROOT, "target", "national-seed.json"), "w") as f:
        json.dump(summary, f)
    print(f"seeded in {summary['wall_seconds']:.0f} s: {summary['phases']}", file=sys.stderr)
    return summary


def sizes(url):
    rows = psql(url, "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE n_live_tup > 100000 ORDER BY 2 DESC")
    return [r.split("|") for r in rows if r]


def measure(args, env, summary):
    port = free_port()
    log = open(os.path.join(ROOT, "target", "national-server.log"), "w")
    subprocess.run([BIN, "create-admin", "--username", ADMIN[0]], capture_output=True, env=dict(env, ADMIN_PASSWORD=ADMIN[1]))
    proc = subprocess.Popen([BIN, "serve"], env=dict(env, LISTEN_ADDR=f"127.0.0.1:{port}"), stderr=log)
    base = f"http://127.0.0.1:{port}"
    api = base + "/api/v1"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/health/ready", timeout=1); break
            except Exception:
                time.sleep(0.1)
        login = lambda u, p: call(api, "POST", "/auth/login", body={"username": u, "password": p})["access_token"]
        admin = login(*ADMIN)
        directorate = login(summary["directorate"], PASSWORD)
        police = login(summary["police"][0], PASSWORD)
        province = login(summary["police"][1], PASSWORD) if len(summary["police"]) > 1 else None
        agency = login(summary["agencies"][0]["username"], PASSWORD)
        url = args.database_url
        plates = [p for p in psql(url, "SELECT plate FROM requests TABLESAMPLE SYSTEM (1) LIMIT 500") if p]
        rids = [p for p in psql(url, "SELECT id FROM requests TABLESAMPLE SYSTEM (1) LIMIT 500") if p]
        last = int(psql(url, "SELECT max(position) FROM events")[0])
        q = urllib.parse.quote
        rows = []
        def run(label, paths, token, target=None):
            r = wrk(base, paths, args.duration, token)
            rows.append((label, r, target))
            print(f"{label}: {r}", file=sys.stderr)
        run("`GET /health/live` (ceiling)", ["/health/live"], None)
        run("directorate's list, newest first (page of 50)", ["/api/v1/requests?limit=50"], directorate, 50)
        run("directorate's queue: `status=submitted`, by due date", ["/api/v1/requests?status=submitted&sort=due_at&limit=50"], directorate, 50)
        run("agency's list, `status=completed`", ["/api/v1/requests?status=completed&limit=50"], agency, 50)
        run("search by plate (`q=`, 500 plates)", [f"/api/v1/requests?q={q(p)}" for p in plates], directorate, 50)
        run("police queue, default organisation (its province's permits and those sent to none)", ["/api/v1/permits?limit=50"], police, 50)
        if province:
            run("police queue, another province", ["/api/v1/permits?limit=50"], province, 50)
        run("feed, all, 100 after a recent position", [f"/api/v1/events?after={last - 1000 - k * 100}&limit=100" for k in range(10)], directorate, 50)
        run("feed, one agency, from a recent position", [f"/api/v1/events?after={last - 20000}&limit=100"], agency, 50)
        run("audit query, newest page", ["/api/v1/audit?limit=50"], admin, 50)
        run("audit query, one request's entries (`subject=`)", [f"/api/v1/audit?subject={r}&limit=50" for r in rids], admin, 50)
        today = datetime.date.today()
        times = []
        for k in range(args.reports):
            start = today - datetime.timedelta(days=365 + 7 * k)
            t = time.perf_counter()
            call(api, "GET", f"/reports/sla?from={start.isoformat()}&to={(start + datetime.timedelta(days=364)).isoformat()}", directorate)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        rows.append((f"SLA report over one year, whole country ({args.reports} windows, uncached)",
                     {"rps": 1000 / (sum(times) / len(times)), "p50": times[len(times) // 2], "p99": times[-1], "errors": 0}, 2000))
        rss = 0
        with open(f"/proc/{proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) / 1024
        return rows, rss
    finally:
        proc.terminate(); proc.wait(timeout=30)


def table(rows, summary, tables, rss, duration, settings):
    ceiling = rows[0][1]["rps"]
    out = [SECTION, "",
           f"Generated by `python3 bench/national.py` on {datetime.date.today()} (2 cores; load average {LOAD_AT_START:.2f} when the measurement began). "
           f"Seeded by `plate-permits seed --provinces 31 --years 10 --requests {summary['requests']} --agencies 310 "
           f"--reads-per-request 8` ({summary.get('seed_binary', 'release')} binary) in **{summary['seconds']:.0f} s** (requests, histories, SLA rows, permits and feedback by "
           f"`COPY` {summary['phases']['requests']:.0f} s; events set-based {summary['phases']['events']:.0f} s; audit "
           f"set-based {summary['phases']['audit']:.0f} s; then `VACUUM ANALYZE`).",
           "", f"PostgreSQL {settings['server_version'].split()[0]}: `shared_buffers` {settings['shared_buffers']}, "
           f"`effective_cache_size` {settings['effective_cache_size']}, `work_mem` {settings['work_mem']} "
           "(production-like memory for a 24 GB machine: a quarter of it as shared buffers).",
           "", "Largest tables: " + ", ".join(f"`{n}` {int(c):,}".replace(",", " ") for n, c in tables) + ".",
           "", f"wrk: 2 threads, 8 connections, {duration} s per row, the release server on the same machine; peak RSS {rss:.0f} MiB. "
           "The p99 target is the issue's (list and search ≤ 50 ms, report over one year ≤ 2 s); the other reads are held to 50 ms.",
           "", "| call | requests/s | × `/health/live` | p50 | p99 | non-2xx | p99 target |", "|---|---|---|---|---|---|---|"]
    for label, r, target in rows:
        met = "" if target is None else ("met" if r["p99"] <= target else "**missed**")
        out.append(f"| {label} | {r['rps']:.0f} | {r['rps'] / ceiling:.3f} | {r['p50']:.2f} ms | {r['p99']:.2f} ms | {r['errors']} | "
                   f"{'' if target is None else f'≤ {target} ms '}{met} |")
    return "\n".join(out) + "\n"


def record(text):
    path = os.path.join(ROOT, "docs", "BENCHMARKS.md")
    doc = open(path).read()
    if SECTION in doc:
        head, rest = doc.split(SECTION, 1)
        tail = rest[rest.find("\n## "):] if "\n## " in rest else ""
        doc = head + text + tail
    else:
        doc = doc.rstrip("\n") + "\n\n" + text
    open(path, "w").write(doc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/pp_national")
    ap.add_argument("--seed", action="store_true", help="drop, create and seed the database first")
    ap.add_argument("--requests", type=int, default=1_000_000)
    ap.add_argument("--reads", type=int, default=8, help="--reads-per-request of the seed")
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--reports", type=int, default=5)
    ap.add_argument("--record", action="store_true", help="write the table into docs/BENCHMARKS.md")
    ap.add_argument("--drop", action="store_true")
    ap.add_argument("--seed-only", action="store_true", help="seed (with --seed), do not measure")
    ap.add_argument("--seed-bin", default=BIN, help="the binary that seeds (the release build by default)")
    args = ap.parse_args()
    if args.drop:
        server = args.database_url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", server, "-qc", f'DROP DATABASE IF EXISTS "{args.database_url.rsplit("/", 1)[1]}" WITH (FORCE)'], check=True)
        return
    data_dir = tempfile.mkdtemp(prefix="pp-national-")
    env = dict(os.environ, DATA_DIR=data_dir, DATABASE_URL=args.database_url, LOG_FORMAT="json", RUST_LOG="warn",
               PUBLIC_RATE_LIMIT_PER_MINUTE="1000000", WEBHOOK_WORKER="false",
               # Ten years of seeded audit entries stay: the default retention (five years) would
               # delete half of them at the first start.
               AUDIT_RETENTION_DAYS="3650")
    env.pop("TEST_DATABASE_URL", None)
    if args.seed:
        summary = seed(args, env)
        if args.seed_only:
            return
    else:
        with open(os.path.join(ROOT, "target", "national-seed.json")) as f:
            summary = json.load(f)
    rows, rss = measure(args, env, summary)
    settings = {k: psql(args.database_url, f"SHOW {k}")[0] for k in ("shared_buffers", "effective_cache_size", "work_mem", "server_version")}
    text = table(rows, summary, sizes(args.database_url), rss, args.duration, settings)
    print(text)
    if args.record:
        record(text)


if __name__ == "__main__":
    main()
