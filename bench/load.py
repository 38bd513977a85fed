#!/usr/bin/env python3
"""Load benchmark (issue 10): seeds 100 000 requests across 50 agencies in every state
(`plate-permits seed`), starts the release server, and drives it with wrk (Debian package) at a
fixed concurrency: `/health/live` (the framework's ceiling, same run), public tracking look-up,
`GET /requests/{id}`, a filtered list page, `POST /requests`, and full lifecycles (file, review,
permit, receipt, registration; a Python client, 8 in parallel). Reports requests/s, p50/p99
latency, peak RSS (VmHWM) and start-up time per backend, and writes the opening tables of
`docs/BENCHMARKS.md` (the `## ` sections after them are kept).

Issue 19 (the default suite): one run measures `/health/live`, authenticated
`GET /requests/{id}` and public `GET /track/{code}` at 32 connections and `POST /requests` at 16
(unique vehicles), plus the Django REST Framework peer in bench/peer (read and create), and
prints ratios against `/health/live` of the same run and against the peer, with p99 and
whether each of the issue's targets is met.

Usage:
  cargo build --release && apt-get install -y -qq wrk
  python3 bench/load.py [--quick] [--database-url postgres://postgres@127.0.0.1:5432] [--profile DIR [--call-graph]]
                        [--record "Issue 19 — before"] [--no-peer] [--peer-venv DIR]
  python3 bench/load.py --suite issue10 [--backends sqlite,postgres] [--requests 100000] [--duration 10]
  python3 bench/load.py --suite mixed [--database-url postgres://postgres@127.0.0.1:5432] [--rate 200] [--duration 20]

The mixed suite (a working morning, open loop at --rate calls/s in one run): the console's reads
(queues, request detail, documents, history), a trickle of filings and transitions (review,
permit), police receipts and the police queue, public tracking, the event feed polled by two
integrators, with the SMS worker and the webhook worker running (a subscription delivering to
a local sink). Latency of each call is measured from the moment it was due, so a server that
falls behind shows in the figures; p50/p99 per kind of call, peak RSS of the server.
"""
import argparse, concurrent.futures, http.server, random, threading, shlex, shutil, datetime, json, os, re, socket, statistics, subprocess, sys, tempfile, time, urllib.error, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("PLATE_PERMITS_BIN") or os.path.join(ROOT, "target", "release", "plate-permits")
PG = "postgres://postgres@127.0.0.1:5432"
ADMIN = ("bench-admin", "bench-admin-password-1")
CONCURRENCY = 8
# The first plate region the seed leaves free: `plate-permits seed` numbers its plates through
# regions 10, 11, … (81 000 plates each; the default 100 000 requests fill 10 and 11), so
# filings made during a run draw their regions from here up and never meet a seeded request's
# open plate (which is a 409, rightly).
SEEDLESS_REGIONS = 12
# The machine's load when the run began (what else was running shows in the figures).
LOAD_AT_START = "load average {:.2f} at the start".format(os.getloadavg()[0])


# The police organisation of the bench's police user; every permit is addressed to it
# (`plate-permits seed` registers police organisations of its own, and a permit addressed to
# none goes to the oldest).
POLICE_ORG = {"id": None}

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


def etag_of(resource):
    """The `ETag` of a resource read or changed: its `version` as a strong tag."""
    return f'"{resource["version"]}"'


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def rss_split(pid):
    """The server's resident memory now, split: anonymous (heap, stacks) and file-backed (the
    binary's pages it has touched, shared with the page cache)."""
    parts = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key = line.split(":")[0]
            if key in ("RssAnon", "RssFile", "RssShmem"):
                parts[key] = int(line.split()[1]) / 1024
    return (f"at the end {parts.get('RssAnon', 0):.0f} MiB anonymous + {parts.get('RssFile', 0):.0f} MiB "
            f"file-backed (the binary's touched pages)")


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


# Issue 19: a create per call with a vehicle no other call (nor the seed) uses. Plates come from
# a counter per wrk thread in regions 50-74 (the seeds use 10-11); VINs carry a run tag, the
# thread and the counter, with a valid ISO 3779 / North-American check digit in position 9.
LUA_CREATE_UNIQUE = r"""
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
local translit = {A=1,B=2,C=3,D=4,E=5,F=6,G=7,H=8,J=1,K=2,L=3,M=4,N=5,P=7,R=9,S=2,T=3,U=4,V=5,W=6,X=7,Y=8,Z=9}
local weights = {8,7,6,5,4,3,2,10,0,9,8,7,6,5,4,3,2}
local function with_check_digit(v)
  local sum = 0
  for k = 1, 17 do
    local c = v:sub(k, k)
    sum = sum + (tonumber(c) or translit[c]) * weights[k]
  end
  local d = sum %% 11
  local cd = d == 10 and "X" or tostring(d)
  return v:sub(1, 8) .. cd .. v:sub(10)
end
local i = 0
request = function()
  i = i + 1
  local n = 3240000 + (tid - 1) * 1000000 + i
  local plate = string.format("%%d الف %%d ایران %%d", 10 + n %% 90, 100 + math.floor(n / 90) %% 900, 10 + math.floor(n / 81000) %% 90)
  local t = alphabet:sub(tid, tid)
  local vin = with_check_digit("LPB%s" .. t .. "0X" .. string.format("%%08d", i))
  local body = '{"vehicle":{"plate":"' .. plate .. '","vin":"' .. vin .. '","engine_number":"E1","make":"ایران خودرو","model":"سمند","year":1395,"vehicle_type":"passenger_car"},"reason":"scrapping","letter":{"number":"1/2","date":"1403/08/15"},"contact":{"name":"رضا احمدی","mobile":"09141234567"}}'
  return wrk.format("POST", "/api/v1/requests", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer %s"}, body)
end
"""


def run_tag():
    """Three VIN characters that differ between runs (the VIN prefix is LPB + tag + thread + 0)."""
    n = uuid.uuid4().int
    return "".join("ABCDEFGHJKLMNPRSTUVWXYZ"[(n >> (5 * k)) % 23] for k in range(3))


def random_vehicle():
    """A random plate in a region the seed leaves free, and a random VIN: (plate, vin)."""
    n = uuid.uuid4().int
    plate = f"{10 + n % 90} الف {100 + (n >> 8) % 900} ایران {SEEDLESS_REGIONS + (n >> 20) % (100 - SEEDLESS_REGIONS)}"
    vin = "".join("ABCDEFGHJKLMNPRSTUVWXYZ0123456789"[(n >> (5 * k)) % 33] for k in range(17))
    return plate, vin


def start_peer(work):
    """Starts the Django REST Framework peer (bench/peer/run.sh): returns (process, base, seed)."""
    port = free_port()
    log = open(os.path.join(work, "peer.log"), "w")
    proc = subprocess.Popen([os.path.join(ROOT, "bench", "peer", "run.sh"), str(port), work],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600  # the first run installs the venv
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the peer exited: see {work}/peer.log")
        try:
            urllib.request.urlopen(base + "/health/live", timeout=1)
            break
        except Exception:
            time.sleep(0.2)
    else:
        stop(proc)
        sys.exit("the peer did not start in 600 s")
    with open(os.path.join(work, "seed.json")) as f:
        return proc, base, json.load(f)


def stop(proc):
    """Ends a process started here and its children (gunicorn's workers), by its own group."""
    try:
        os.killpg(proc.pid, 15)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()


def peer_figures(args):
    """The peer's read (32 connections) and create (16 connections), on SQLite."""
    work = tempfile.mkdtemp(prefix="pp-peer-")
    if args.peer_venv:
        os.environ["PEER_VENV"] = args.peer_venv
    proc, base, seed = start_peer(work)
    try:
        d = args.duration
        read = wrk(base, "/", d, token=seed["token"], conns=READ_CONNS,
                   script=LUA_ROTATE % ",".join(f'"/api/v1/requests/{i}"' for i in seed["ids"]))
        create = wrk(base, "/", d, conns=WRITE_CONNS, script=LUA_CREATE_UNIQUE % (run_tag(), seed["token"]))
    finally:
        stop(proc)
        shutil.rmtree(work, ignore_errors=True)
    return {"read": read, "create": create}


READ_CONNS = 32
WRITE_CONNS = 16


PROFILE = {}  # set by --profile: {"pid": server pid, "dir": output directory, "label": row label}


def perf_report(data, out):
    """The flat profile (self time by shared object and symbol) of one perf data file."""
    rep = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", "--sort", "dso,symbol",
                          "--percent-limit", "0.7"], capture_output=True, text=True).stdout
    rows = [l for l in rep.splitlines() if l.strip() and not l.startswith("#")]
    with open(out, "w") as f:
        rows = [" ".join(l.split()[:4]) for l in rows]
        f.write("\n".join(rows) + "\n")
    return rows


def perf_inclusive(data, out):
    """Inclusive shares (a symbol with everything it calls) and the split by thread, of a perf
    data file recorded with call graphs."""
    threads = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", "--sort", "comm"],
                             capture_output=True, text=True).stdout
    rep = subprocess.run(["perf", "report", "-i", data, "--children", "--stdio", "--sort", "symbol", "-g", "none",
                          "--percent-limit", "2"], capture_output=True, text=True).stdout
    keep = lambda text: [" ".join(l.split()) for l in text.splitlines() if l.strip() and not l.startswith("#")]
    with open(out, "w") as f:
        f.write("threads:\n" + "\n".join(keep(threads)) + "\n\ninclusive (children, self, symbol):\n")
        f.write("\n".join(keep(rep)) + "\n")


def wrk(base, path, duration, token=None, script=None, conns=CONCURRENCY):
    perf = None
    if PROFILE.get("pid") and PROFILE.get("label"):
        data = os.path.join(PROFILE["dir"], PROFILE["label"] + ".perf.data")
        graph = ["--call-graph", "dwarf,16384", "-F", "299"] if PROFILE.get("graph") else ["-F", "999"]
        perf = subprocess.Popen(["perf", "record", "-q", "-e", "cpu-clock", *graph, "-p", str(PROFILE["pid"]),
                                 "-o", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3)
    args = ["wrk", "-t2", f"-c{conns}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    tmp = None
    if script:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        tmp.write(script); tmp.close()
        args += ["-s", tmp.name]
    out = subprocess.run(args + [base + path], capture_output=True, text=True, timeout=duration + 60).stdout
    if tmp:
        os.unlink(tmp.name)
    if perf:
        perf.send_signal(2); perf.wait(timeout=60)
        rows = perf_report(data, data.replace(".perf.data", ".txt"))
        if PROFILE.get("graph"):
            perf_inclusive(data, data.replace(".perf.data", ".children.txt"))
        print(f"--- profile of {PROFILE['label']} (self time, top 12):", file=sys.stderr)
        for line in rows[:12]:
            print("   " + line.strip(), file=sys.stderr)
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
            plate, vin = random_vehicle()
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
        # Each change sends `If-Match` (required): the `version` of the answer before it, as an
        # `ETag`; the registry reads the request first (the receipt's answer is the permit's).
        r = call(api, "POST", f"/requests/{rid}/review", directorate, headers={"If-Match": etag_of(r)})
        until = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=10)).isoformat()
        p = call(api, "POST", f"/requests/{rid}/permit", directorate, {"national_permit_number": f"NV-{uuid.uuid4().hex}", "valid_until": until, "police_organisation_id": POLICE_ORG["id"]},
                 headers={"If-Match": etag_of(r)})
        call(api, "POST", f"/permits/{p['id']}/receipt", police, {
            "outcome": "removed", "receipt_number": f"R-{uuid.uuid4().hex[:10]}",
            "occurred_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "plates_count": 2, "officer_name": "سرهنگ رضایی", "unit": "راهور تبریز"},
             headers={"Idempotency-Key": uuid.uuid4().hex, "If-Match": etag_of(p)})
        request = call(api, "GET", f"/requests/{rid}", registry)
        call(api, "POST", f"/requests/{rid}/registration", registry, {"national_registration_number": f"NR-{uuid.uuid4().hex[:12]}", "registered_at": datetime.datetime.now(datetime.timezone.utc).isoformat()},
             headers={"If-Match": etag_of(request)})
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
    if args.suite == "mixed":
        # The workers of a working morning: webhooks delivered to a sink on this machine.
        # Every simulated client shares one loopback address: lift the per-address cap.
        env.update(WEBHOOK_WORKER="true", WEBHOOK_ALLOWED_NETWORKS="127.0.0.1/32", SMS_WORKER="true",
                   RUST_LOG="warn", MAX_CONNECTIONS_PER_ADDRESS="10000")
    env.pop("TEST_DATABASE_URL", None)
    env.pop("DATABASE_URL", None)
    if backend == "postgres":
        name = "pp_bench_load"
        subprocess.run(["psql", f"{args.database_url}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', "-c", f'CREATE DATABASE "{name}"'], check=True)
        env["DATABASE_URL"] = f"{args.database_url}/{name}"
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
        POLICE_ORG["id"] = pol_org
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
        if args.profile:
            PROFILE.update(pid=proc.pid, dir=args.profile, graph=args.call_graph)
            os.makedirs(args.profile, exist_ok=True)
        label = lambda name: PROFILE.update(label=f"{backend}-{name}") if args.profile else None
        if args.suite == "mixed":
            # Two integrators: service accounts of the directorate reading the feed.
            for k in (1, 2):
                call(api, "POST", "/users", admin, {"username": f"bench-integrator{k}", "full_name": f"integrator {k}", "role": "registry", "organisation_id": dir_org, "password": "bench-password-123"})
                tokens[f"integrator{k}"] = call(api, "POST", "/auth/login", body={"username": f"bench-integrator{k}", "password": "bench-password-123"})["access_token"]
            sink = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
            threading.Thread(target=sink.serve_forever, daemon=True).start()
            call(api, "POST", "/webhooks", admin, {"url": f"http://127.0.0.1:{sink.server_address[1]}/hook", "types": ["request.submitted", "request.status_changed", "permit.issued", "permit.receipt_recorded"]})
            label("mixed")
            results = mixed_workload(api, tokens, ids, codes, org, args.rate, d)
            rss = peak_rss_mib(proc.pid)
            results["_rss_split"] = rss_split(proc.pid)
            sink.shutdown()
            results["_deliveries"] = _Sink.count
            return results, rss, startup_ms
        if args.suite == "issue19":
            rotate_ids = LUA_ROTATE % ",".join(f'"/api/v1/requests/{i}"' for i in ids)
            rotate_codes = LUA_ROTATE % ",".join(f'"/api/v1/track/{c}"' for c in codes)
            label("health")
            results["health"] = wrk(base, "/health/live", d, conns=READ_CONNS)
            label("read")
            results["read"] = wrk(base, "/", d, token=tokens["agency"], conns=READ_CONNS, script=rotate_ids)
            label("track")
            results["track"] = wrk(base, "/", d, conns=READ_CONNS, script=rotate_codes)
            label("create")
            results["create"] = wrk(base, "/", d, conns=WRITE_CONNS, script=LUA_CREATE_UNIQUE % (run_tag(), tokens["agency"]))
            rss = peak_rss_mib(proc.pid)
            return results, rss, startup_ms
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


# The mixed workload: calls per second of each kind at --rate 200 (scaled for other rates).
MIXED_MIX = [
    ("console: queue page (directorate)", 30),
    ("console: request detail", 50),
    ("console: documents of a request", 20),
    ("console: history of a request", 15),
    ("police: permits queue", 8),
    ("public: track", 40),
    ("feed: integrator polls", 4),
    ("filing", 8),
    ("transition: review", 7),
    ("transition: permit", 6),
    ("police: receipt", 5),
    ("console: agency list", 7),
]
MIXED_TARGET_P99_MS = 50


class _Sink(http.server.BaseHTTPRequestHandler):
    """The webhook subscriber: answers 204 to every delivery and counts them."""
    count = 0

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        _Sink.count += 1
        self.send_response(204); self.end_headers()

    def log_message(self, *a):
        pass


def mixed_workload(api, tokens, ids, codes, org, rate, duration):
    """One open-loop run of MIXED_MIX at `rate` calls/s for `duration` s. Returns
    {kind: {"n", "p50", "p99", "errors"}}."""
    agency, directorate, police = tokens["agency"], tokens["directorate"], tokens["police"]
    integrators = [tokens["integrator1"], tokens["integrator2"]]
    filed, reviewed, permitted = [], [], []  # work handed from one kind to the next
    lock = threading.Lock()
    feed_after = {0: None, 1: None}
    polls = [0]

    def new_filing():
        plate, vin = random_vehicle()
        r = call(api, "POST", "/requests", agency, {
            "vehicle": {"plate": plate, "vin": vin, "engine_number": "E1", "make": "ایران خودرو", "model": "سمند", "year": 1395, "vehicle_type": "passenger_car"},
            "reason": "scrapping", "letter": {"number": "1/2", "date": "1403/08/15"},
            "contact": {"name": "رضا احمدی", "mobile": "09141234567"}})
        with lock:
            filed.append(r)

    def take(queue):
        with lock:
            return queue.pop(0) if queue else None

    def review():
        r = take(filed)
        if r is None:
            return call(api, "GET", f"/requests/{random.choice(ids)}", directorate)
        r = call(api, "POST", f"/requests/{r['id']}/review", directorate, headers={"If-Match": etag_of(r)})
        with lock:
            reviewed.append(r)

    def permit():
        r = take(reviewed)
        if r is None:
            return call(api, "GET", f"/requests/{random.choice(ids)}", directorate)
        until = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=10)).isoformat()
        p = call(api, "POST", f"/requests/{r['id']}/permit", directorate,
                 {"national_permit_number": f"NV-{uuid.uuid4().hex}", "valid_until": until, "police_organisation_id": POLICE_ORG["id"]}, headers={"If-Match": etag_of(r)})
        with lock:
            permitted.append(p)

    def receipt():
        p = take(permitted)
        if p is None:
            return call(api, "GET", "/permits?status=issued&limit=20", police)
        call(api, "POST", f"/permits/{p['id']}/receipt", police, {
            "outcome": "removed", "receipt_number": f"R-{uuid.uuid4().hex[:10]}",
            "occurred_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "plates_count": 2, "officer_name": "سرهنگ رضایی", "unit": "راهور تبریز"},
             headers={"Idempotency-Key": uuid.uuid4().hex, "If-Match": etag_of(p)})

    def feed():
        with lock:
            k = polls[0] % 2
            polls[0] += 1
        after = feed_after[k]
        page = call(api, "GET", "/events?limit=100" + (f"&after={after}" if after else ""), integrators[k])
        if page.get("next_after"):
            feed_after[k] = page["next_after"]

    work = {
        "console: queue page (directorate)": lambda: call(api, "GET", "/requests?status=under_review&limit=50", directorate),
        "console: request detail": lambda: call(api, "GET", f"/requests/{random.choice(ids)}", directorate),
        "console: documents of a request": lambda: call(api, "GET", f"/requests/{random.choice(ids)}/documents", agency),
        "console: history of a request": lambda: call(api, "GET", f"/requests/{random.choice(ids)}/history", agency),
        "console: agency list": lambda: call(api, "GET", "/requests?limit=50", agency),
        "police: permits queue": lambda: call(api, "GET", "/permits?status=issued&limit=50", police),
        "public: track": lambda: call(api, "GET", f"/track/{random.choice(codes)}"),
        "feed: integrator polls": feed,
        "filing": new_filing,
        "transition: review": review,
        "transition: permit": permit,
        "police: receipt": receipt,
    }
    total = sum(w for _, w in MIXED_MIX)
    schedule = []
    for kind, weight in MIXED_MIX:
        per_s = rate * weight / total
        t = random.random() / per_s
        while t < duration:
            schedule.append((t, kind))
            t += random.expovariate(per_s)
    schedule.sort()
    lat = {k: [] for k, _ in MIXED_MIX}
    errors = {k: 0 for k, _ in MIXED_MIX}

    def run(due, kind):
        try:
            work[kind]()
        except Exception as e:  # an error answer counts, its latency too
            with lock:
                errors[kind] += 1
                if errors[kind] <= 3:
                    print(f"  {kind}: {e}", file=sys.stderr)
        with lock:
            lat[kind].append((time.perf_counter() - due) * 1000)

    start = time.perf_counter() + 0.2
    with concurrent.futures.ThreadPoolExecutor(96) as pool:
        for t, kind in schedule:
            due = start + t
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            pool.submit(run, due, kind)
    out = {}
    for kind, _ in MIXED_MIX:
        xs = sorted(lat[kind])
        if not xs:
            continue
        out[kind] = {"n": len(xs), "p50": xs[len(xs) // 2], "p99": xs[min(len(xs) - 1, int(len(xs) * 0.99))], "errors": errors[kind]}
    return out


def mixed_table(backend, results, rss, rate, duration, deliveries, split=""):
    n = sum(r["n"] for r in results.values())
    lines = [f"#### {backend}", "",
             f"{n} calls in {duration} s ({n / duration:.0f}/s offered at {rate}/s); peak RSS **{rss:.0f} MiB** "
             f"(target ≤ 120 MiB; {split}); webhook deliveries received by the sink: {deliveries}.", "",
             "| kind of call | calls | p50 | p99 | errors | p99 ≤ 50 ms |", "|---|---|---|---|---|---|"]
    for kind, _ in MIXED_MIX:
        r = results.get(kind)
        if r:
            met = "yes" if r["p99"] <= MIXED_TARGET_P99_MS and r["errors"] == 0 else "**no**"
            lines.append(f"| {kind} | {r['n']} | {r['p50']:.1f} ms | {r['p99']:.1f} ms | {r['errors']} | {met} |")
    return "\n".join(lines)


# Issue 19 targets: (row, label, target text, check(r, ceiling, peer)).
# The targets per backend: SQLite's read and create as before, its read now also ≥ 40 × the
# peer; PostgreSQL (production) its own: read ≥ 0.15 ×, track ≥ 0.40 ×, ≥ 1 500 creates/s.
ISSUE19_ROWS = {
    "sqlite": [
        ("health", "`GET /health/live` (ceiling)", "—", None),
        ("read", "authenticated `GET /requests/{id}`", "≥ 0.30 × `/health/live`, ≥ 40 × peer read",
         lambda r, c, p: r["rps"] >= 0.30 * c and (p is None or r["rps"] >= 40 * p["read"]["rps"])),
        ("track", "public `GET /track/{code}`", "≥ 0.40 × `/health/live`", lambda r, c, p: r["rps"] >= 0.40 * c),
        ("create", "`POST /requests` (16 connections)", "≥ 2 000/s, p99 ≤ 25 ms",
         lambda r, c, p: r["rps"] >= 2000 and r["p99"] <= 25 and r["errors"] == 0),
    ],
    "postgres": [
        ("health", "`GET /health/live` (ceiling)", "—", None),
        ("read", "authenticated `GET /requests/{id}`", "≥ 0.15 × `/health/live`",
         lambda r, c, p: r["rps"] >= 0.15 * c),
        ("track", "public `GET /track/{code}`", "≥ 0.40 × `/health/live`", lambda r, c, p: r["rps"] >= 0.40 * c),
        ("create", "`POST /requests` (16 connections)", "≥ 1 500/s, p99 ≤ 25 ms",
         lambda r, c, p: r["rps"] >= 1500 and r["p99"] <= 25 and r["errors"] == 0),
    ],
}


def issue19_table(backend, results, rss, startup_ms, peer):
    ceiling = results["health"]["rps"]
    lines = [f"#### {backend}", "",
             f"Peak RSS: **{rss:.0f} MiB**; start-up on the seeded database: **{startup_ms} ms**.", "",
             "| work | requests/s | × `/health/live` | × peer | p50 | p99 | non-2xx | target | met |",
             "|---|---|---|---|---|---|---|---|---|"]
    for key, label, target, check in ISSUE19_ROWS[backend]:
        r = results[key]
        peer_key = {"read": "read", "create": "create"}.get(key)
        vs_peer = f"{r['rps'] / peer[peer_key]['rps']:.1f}" if peer and peer_key else "—"
        met = "—" if check is None else ("yes" if check(r, ceiling, peer) else "**no**")
        lines.append(f"| {label} | {r['rps']:.0f} | {r['rps'] / ceiling:.2f} | {vs_peer} | {r['p50']:.2f} ms | "
                     f"{r['p99']:.2f} ms | {r['errors']} | {target} | {met} |")
    return "\n".join(lines)


def peer_table(peer):
    lines = ["#### peer: Django REST Framework + simplejwt, gunicorn 5 workers, SQLite WAL, immediate transactions", "",
             "| work | requests/s | p50 | p99 | non-2xx |", "|---|---|---|---|---|"]
    for key, label in [("read", "authenticated `GET /requests/{id}` (32 connections)"), ("create", "`POST /requests` (16 connections)")]:
        r = peer[key]
        lines.append(f"| {label} | {r['rps']:.0f} | {r['p50']:.2f} ms | {r['p99']:.2f} ms | {r['errors']} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", choices=["peer", "targets", "issue19", "issue10", "mixed"], default="peer",
                    help="peer (default; also issue19): the table with the Django REST Framework peer, printed "
                         "(and recorded with --record); targets (also issue10): the older table, which rewrites "
                         "--output whole")
    ap.add_argument("--backends", help="comma-separated; default: sqlite, plus postgres when --database-url is given "
                                       "(issue10: sqlite,postgres)")
    ap.add_argument("--database-url", help=f"PostgreSQL server URL without a database name (e.g. {PG}); "
                                           "the database pp_bench_load is dropped and re-created there")
    ap.add_argument("--requests", type=int, default=100_000)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--quick", action="store_true", help="3 s per row")
    ap.add_argument("--rate", type=int, default=200, help="mixed: calls per second offered")
    ap.add_argument("--lifecycles", type=int, default=400)
    ap.add_argument("--no-peer", action="store_true", help="issue19: skip the Django REST Framework peer")
    ap.add_argument("--peer-venv", help="issue19: an existing venv with bench/peer/requirements.txt to reuse")
    ap.add_argument("--record", metavar="HEADING", help="issue19: write the tables under '## HEADING' in --output "
                                                       "(replacing a section of that heading, else appending)")
    ap.add_argument("--profile", metavar="DIR", help="issue19: record a perf profile (cpu-clock, 999 Hz) of the "
                    "server during each row into DIR (<backend>-<row>.perf.data and a flat report .txt)")
    ap.add_argument("--call-graph", action="store_true", help="with --profile: record call graphs (DWARF, 299 Hz) "
                    "and also write DIR/<backend>-<row>.children.txt, inclusive shares and the split by thread")
    ap.add_argument("--output", default=os.path.join(ROOT, "docs", "BENCHMARKS.md"))
    args = ap.parse_args()
    # The suites' older names, kept working.
    args.suite = {"peer": "issue19", "targets": "issue10"}.get(args.suite, args.suite)
    if args.quick:
        args.duration = 3
    if args.backends is None:
        args.backends = "sqlite,postgres" if args.suite == "issue10" else "sqlite" + (",postgres" if args.database_url else "")
    args.database_url = (args.database_url or PG).rstrip("/")
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y -qq wrk")
    if args.suite == "issue19":
        return main_issue19(args)
    if args.suite == "mixed":
        return main_mixed(args)
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
    text = (BENCH_HEADER.format(date=datetime.date.today(), requests=args.requests, duration=args.duration,
                                conc=CONCURRENCY, cpu=cpu, cores=os.cpu_count(), lifecycles=args.lifecycles)
            + "\n\n".join(sections) + "\n" + BENCH_FOOTER)
    replace_preamble(args.output, text)
    print(f"wrote the opening tables of {args.output} (its '## ' sections are kept)")


def replace_preamble(path, text):
    """Writes `text` as what comes before the first `## ` section of `path` (the issue 10 tables),
    keeping every section recorded after it (`--record`)."""
    try:
        with open(path) as f:
            doc = f.read()
    except FileNotFoundError:
        doc = ""
    nxt = doc.find("\n## ")
    rest = doc[nxt:] if nxt >= 0 else ""
    with open(path, "w") as f:
        f.write(text.rstrip("\n") + "\n" + rest)


def record_section(path, title, body):
    """Writes `body` under `## title` in `path`, replacing a section of that heading, else appending."""
    with open(path) as f:
        doc = f.read()
    heading = f"## {title}\n"
    start = doc.find(heading)
    if start < 0:
        doc = doc.rstrip("\n") + "\n\n" + heading + "\n" + body
    else:
        nxt = doc.find("\n## ", start + len(heading))
        doc = doc[:start] + heading + "\n" + body + (doc[nxt:] if nxt >= 0 else "")
    with open(path, "w") as f:
        f.write(doc)


def main_issue19(args):
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
    peer = None if args.no_peer else peer_figures(args)
    sections = []
    if peer:
        sections.append(peer_table(peer))
        print(sections[-1] + "\n", flush=True)
    for backend in args.backends.split(","):
        results, rss, startup_ms = run_backend(backend, args)
        sections.append(issue19_table(backend, results, rss, startup_ms, peer))
        print(sections[-1] + "\n", flush=True)
    command = shlex.join(["python3", "bench/load.py"] + sys.argv[1:])
    intro = (f"Run on {datetime.date.today()} ({os.cpu_count()} cores, {cpu}; {LOAD_AT_START}; the machine is "
             f"shared, so absolute figures are noisy and the ratios of the same run are the ones to compare) with "
             f"`{command.strip()}`: wrk (2 threads, {READ_CONNS} connections for reads, {WRITE_CONNS} for creates, "
             f"{args.duration} s per row, loopback, sharing the two cores with the server) against the release "
             f"binary on a fresh database seeded with {args.requests} requests; every create files a vehicle "
             f"no other call uses. The peer is bench/peer (Django REST Framework + simplejwt, gunicorn with 5 "
             f"workers, SQLite WAL, immediate transactions), measured in the same run.")
    body = intro + "\n\n" + "\n\n".join(sections) + "\n"
    if args.record:
        record_section(args.output, args.record, body)
        print(f"recorded under '## {args.record}' in {args.output}")


def main_mixed(args):
    sections = []
    for backend in args.backends.split(","):
        results, rss, _ = run_backend(backend, args)
        deliveries = results.pop("_deliveries", 0)
        split = results.pop("_rss_split", "")
        sections.append(mixed_table(backend, results, rss, args.rate, args.duration, deliveries, split))
        print(sections[-1] + "\n", flush=True)
    command = shlex.join(["python3", "bench/load.py"] + sys.argv[1:])
    body = (f"Run on {datetime.date.today()} ({LOAD_AT_START}) with `{command.strip()}` against the release binary, "
            f"on a fresh database seeded with {args.requests} requests.\n\n" + "\n\n".join(sections) + "\n")
    if args.record:
        record_section(args.output, args.record, body)
        print(f"recorded under '## {args.record}' in {args.output}")


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
