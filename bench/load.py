#!/usr/bin/env python3
"""Load benchmark (issue 10): seeds 100 000 requests across 50 agencies in every state
(`plate-permits seed`), starts the release server, and drives it with wrk (Debian package) at a
fixed concurrency: `/health/live` (the framework's ceiling, same run), public tracking look-up,
`GET /requests/{id}`, a filtered list page, `POST /requests`, and full lifecycles (file, review,
permit, receipt, registration; a Python client, 8 in parallel). Reports requests/s, p50/p99
latency, peak RSS (VmHWM) and start-up time per backend, and writes `docs/BENCHMARKS.md`.

Usage:
  cargo build --release && apt-get install -y wrk
  python3 bench/load.py [--backends sqlite,postgres] [--requests 100000] [--duration 10]
"""
import argparse, concurrent.futures, datetime, json, os, re, socket, statistics, subprocess, sys, tempfile, time, urllib.error, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "plate-permits")
PG = "postgres://postgres@127.0.0.1:5432"
ADMIN = ("bench-admin", "bench-admin-password-1")
CONCURRENCY = 8


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def call(base, method, path, token=None, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    with urllib.request.urlopen(req, timeout=60) as r:
        text = r.read()
        return json.loads(text) if text else None


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


LUA_ROTATE = """
paths = {%s}
i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""

LUA_CREATE = r"""
-- Each wrk thread has its own Lua state: give each its own random sequence.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + %d * 10 + tid)
end
letters = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
local function vin()
  local t = {}
  for k = 1, 17 do
    local n = math.random(1, #letters)
    t[k] = letters:sub(n, n)
  end
  return table.concat(t)
end
request = function()
  local plate = string.format("%%d الف %%d ایران %%d", math.random(10, 99), math.random(100, 999), math.random(10, 99))
  local body = '{"vehicle":{"plate":"' .. plate .. '","vin":"' .. vin() .. '","engine_number":"E1","make":"ایران خودرو","model":"سمند","year":1395,"vehicle_type":"passenger_car"},"reason":"scrapping","letter":{"number":"1/2","date":"1403/08/15"},"contact":{"name":"رضا احمدی","mobile":"09141234567"}}'
  return wrk.format("POST", "/api/v1/requests", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer %s"}, body)
end
"""


def wrk(base, path, duration, token=None, script=None):
    args = ["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    tmp = None
    if script:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        tmp.write(script); tmp.close()
        args += ["-s", tmp.name]
    out = subprocess.run(args + [base + path], capture_output=True, text=True).stdout
    if tmp:
        os.unlink(tmp.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(non2xx.group(1)) if non2xx else 0
    return {"rps": rps, "p50": pct(50), "p99": pct(99), "errors": errors}


def lifecycles(api, tokens, count):
    """Full lifecycles, CONCURRENCY at a time; returns lifecycles/s and per-lifecycle latency."""
    agency, directorate, police, registry = tokens

    def one(_):
        t = time.perf_counter()
        for attempt in range(5):
            # A random vehicle can collide with an open request (409): take another.
            n = uuid.uuid4().int
            plate = f"{10 + n % 90} الف {100 + (n >> 8) % 900} ایران {10 + (n >> 20) % 90}"
            vin = "".join("ABCDEFGHJKLMNPRSTUVWXYZ0123456789"[(n >> (5 * k)) % 33] for k in range(17))
            try:
                r = call(api, "POST", "/requests", agency, {
                    "vehicle": {"plate": plate, "vin": vin, "engine_number": "E1", "make": "ایران خودرو", "model": "سمند", "year": 1395, "vehicle_type": "passenger_car"},
                    "reason": "scrapping", "letter": {"number": "1/2", "date": "1403/08/15"},
                    "contact": {"name": "رضا احمدی", "mobile": "09141234567"}})
                break
            except urllib.error.HTTPError as e:
                if e.code != 409 or attempt == 4:
                    raise
        rid = r["id"]
        call(api, "POST", f"/requests/{rid}/review", directorate)
        until = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=10)).isoformat()
        p = call(api, "POST", f"/requests/{rid}/permit", directorate, {"national_permit_number": f"NV-{uuid.uuid4().hex}", "valid_until": until})
        call(api, "POST", f"/permits/{p['id']}/receipt", police, {
            "outcome": "removed", "receipt_number": f"R-{uuid.uuid4().hex[:10]}",
            "occurred_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "plates_count": 2, "officer_name": "سرهنگ رضایی", "unit": "راهور تبریز"},
             headers={"Idempotency-Key": uuid.uuid4().hex})
        call(api, "POST", f"/requests/{rid}/registration", registry, {"national_registration_number": f"NR-{uuid.uuid4().hex[:12]}", "registered_at": datetime.datetime.now(datetime.timezone.utc).isoformat()})
        return (time.perf_counter() - t) * 1000

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
        lat = sorted(pool.map(one, range(count)))
    elapsed = time.perf_counter() - started
    return {"rps": count / elapsed, "p50": lat[len(lat) // 2], "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))], "errors": 0}


def run_backend(backend, args):
    data_dir = tempfile.mkdtemp(prefix=f"pp-load-{backend}-")
    env = dict(os.environ, DATA_DIR=data_dir, LOG_FORMAT="json", RUST_LOG="info",
               PUBLIC_RATE_LIMIT_PER_MINUTE="1000000", WEBHOOK_WORKER="false")
    env.pop("TEST_DATABASE_URL", None)
    env.pop("DATABASE_URL", None)
    if backend == "postgres":
        name = "pp_bench_load"
        subprocess.run(["psql", f"{PG}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', "-c", f'CREATE DATABASE "{name}"'], check=True)
        env["DATABASE_URL"] = f"{PG}/{name}"
    t = time.perf_counter()
    seeded = json.loads(subprocess.run([BIN, "seed", "--requests", str(args.requests), "--agencies", "50"],
                                       env=env, capture_output=True, text=True, check=True).stdout)
    print(f"[{backend}] seeded {args.requests} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    subprocess.run([BIN, "create-admin", "--username", ADMIN[0]], check=True, capture_output=True,
                   env=dict(env, ADMIN_PASSWORD=ADMIN[1]))
    port = free_port()
    log_path = os.path.join(data_dir, "server.log")
    log = open(log_path, "w")
    proc = subprocess.Popen([BIN, "serve"], env=dict(env, LISTEN_ADDR=f"127.0.0.1:{port}"), stderr=log)
    base = f"http://127.0.0.1:{port}"
    api = base + "/api/v1"
    results = {}
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/health/ready", timeout=1); break
            except Exception:
                time.sleep(0.02)
        startup_ms = None
        with open(log_path) as f:
            for line in f:
                if "startup_ms" in line:
                    entry = json.loads(line)
                    startup_ms = entry.get("startup_ms", entry.get("fields", {}).get("startup_ms"))
        admin = call(api, "POST", "/auth/login", body={"username": ADMIN[0], "password": ADMIN[1]})["access_token"]
        dir_org = [o for o in call(api, "GET", "/organisations?kind=directorate", admin)["items"]][0]["id"]
        pol_org = call(api, "POST", "/organisations", admin, {"name": f"پلیس {uuid.uuid4().hex[:6]}", "kind": "police", "national_id": "10380284790"})["id"]
        tokens = {}
        for role, org in [("directorate", dir_org), ("registry", dir_org), ("police", pol_org)]:
            call(api, "POST", "/users", admin, {"username": f"bench-{role}", "full_name": role, "role": role, "organisation_id": org, "password": "bench-password-123"})
            tokens[role] = call(api, "POST", "/auth/login", body={"username": f"bench-{role}", "password": "bench-password-123"})["access_token"]
        agency_user = seeded["agencies"][0]
        tokens["agency"] = call(api, "POST", "/auth/login", body={"username": agency_user["username"], "password": seeded["password"]})["access_token"]
        own = call(api, "GET", "/requests?limit=200", tokens["agency"])["items"]
        ids = [r["id"] for r in own]
        codes = [r["tracking_code"] for r in own]
        org = agency_user["organisation_id"]
        d = args.duration
        results["`GET /health/live` (ceiling)"] = wrk(base, "/health/live", d)
        results["`GET /track/{code}` (public)"] = wrk(base, "/", d, script=LUA_ROTATE % ",".join(f'"/api/v1/track/{c}"' for c in codes))
        results["`GET /requests/{id}`"] = wrk(base, "/", d, token=tokens["agency"], script=LUA_ROTATE % ",".join(f'"/api/v1/requests/{i}"' for i in ids))
        results["`GET /requests?status=under_review&organisation_id=…` (page of 50)"] = wrk(base, f"/api/v1/requests?status=under_review&organisation_id={org}", d, token=tokens["directorate"])
        results["`POST /requests`"] = wrk(base, "/", d, script=LUA_CREATE % (os.getpid(), tokens["agency"]))
        results["full lifecycle (5 calls)"] = lifecycles(api, (tokens["agency"], tokens["directorate"], tokens["police"], tokens["registry"]), args.lifecycles)
        rss = peak_rss_mib(proc.pid)
    finally:
        proc.terminate(); proc.wait(); log.close()
    return results, rss, startup_ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--requests", type=int, default=100_000)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--lifecycles", type=int, default=400)
    ap.add_argument("--output", default=os.path.join(ROOT, "docs", "BENCHMARKS.md"))
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    sections = []
    for backend in args.backends.split(","):
        results, rss, startup_ms = run_backend(backend, args)
        ceiling = next(iter(results.values()))["rps"]
        lines = [f"### {backend}", "",
                 f"Peak RSS over the whole run: **{rss:.0f} MiB**; start-up on the seeded database: **{startup_ms} ms**.", "",
                 "| endpoint | requests/s | × `/health/live` | p50 | p99 | non-2xx |", "|---|---|---|---|---|---|"]
        for name, r in results.items():
            lines.append(f"| {name} | {r['rps']:.0f} | {r['rps'] / ceiling:.2f} | {r['p50']:.2f} ms | {r['p99']:.2f} ms | {r['errors']} |")
        sections.append("\n".join(lines))
        print("\n".join(lines) + "\n", flush=True)
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w") as f:
        f.write(BENCH_HEADER.format(date=datetime.date.today(), requests=args.requests, duration=args.duration,
                                    conc=CONCURRENCY, cpu=cpu, cores=os.cpu_count(), lifecycles=args.lifecycles))
        f.write("\n\n".join(sections) + "\n")
        f.write(BENCH_FOOTER)
    print(f"wrote {args.output}")


BENCH_HEADER = """# Benchmarks

Generated by `cargo build --release && python3 bench/load.py` on {date} ({cores} cores, {cpu}).
Each backend starts from a fresh database seeded with {requests} requests across 50 agencies in
every state (`plate-permits seed`), then wrk (Debian package, 2 threads, {conc} connections,
{duration} s per row) drives the release server on the same machine; the lifecycle row is a
Python client running {lifecycles} lifecycles, {conc} at a time. Ratios are against
`/health/live` measured in the same run, so they hold up better than absolute figures on this
shared, noisy machine. The load generator shares the two cores with the server.

"""

BENCH_FOOTER = """
See the "Targets" section of the README for how these compare with the targets.
"""


if __name__ == "__main__":
    main()
