#!/usr/bin/env python3
"""Memory during a 10 MiB document upload (issue 5): uploads are streamed to disk, so the
server's resident memory should stay flat. Starts the release server on a fresh SQLite data
directory, samples its RSS (VmRSS) every 10 ms while uploading 10 MiB documents, and reports
peak RSS during the uploads as a ratio of the RSS measured just before them (same run).

On PostgreSQL (`--postgres [BASE_URL]`, a fresh database made and dropped by the script) the
default blob store keeps documents in the database (issue 21): the upload is spooled to disk,
then copied into `document_chunks` 256 KiB at a time in the document's transaction.

Usage: cargo build --release && python3 bench/upload_memory.py [--uploads 5] [--postgres [URL]]
"""
import argparse, json, os, socket, subprocess, sys, tempfile, threading, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("PLATE_PERMITS_BIN") or os.path.join(ROOT, "target", "release", "plate-permits")


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def call(base, method, path, token=None, body=None, raw=None, ctype="application/json"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", ctype)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        text = r.read()
        return json.loads(text) if text else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--uploads", type=int, default=5)
    ap.add_argument("--postgres", nargs="?", const="postgres://postgres@127.0.0.1:5432/postgres",
                    help="run on a fresh PostgreSQL database made from this URL (and dropped)")
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    data_dir = tempfile.mkdtemp(prefix="pp-bench-")
    port = free_port()
    env = dict(os.environ, DATA_DIR=data_dir, LISTEN_ADDR=f"127.0.0.1:{port}",
               BOOTSTRAP_ADMIN_PASSWORD="bench-admin-password", LOG_FORMAT="json", RUST_LOG="warn",
               DATABASE_URL=os.path.join(data_dir, "bench.db"))
    env.pop("TEST_DATABASE_URL", None)
    pg_db = None
    if args.postgres:
        pg_db = f"pp_upload_{uuid.uuid4().hex[:8]}"
        subprocess.run(["psql", args.postgres, "-qc", f"CREATE DATABASE {pg_db}"], check=True)
        env["DATABASE_URL"] = args.postgres.rsplit("/", 1)[0] + "/" + pg_db
    proc = subprocess.Popen([BIN, "serve"], env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health/ready", timeout=1); break
            except Exception:
                time.sleep(0.05)
        api = base + "/api/v1"
        admin = call(api, "POST", "/auth/login", body={"username": "admin", "password": "bench-admin-password"})["access_token"]
        org = call(api, "POST", "/organisations", admin, {"name": "سازمان سنجش", "kind": "agency", "national_id": "10380284790"})["id"]
        call(api, "POST", "/users", admin, {"username": "bench", "full_name": "سنجش", "role": "agency", "organisation_id": org, "password": "bench-user-password"})
        token = call(api, "POST", "/auth/login", body={"username": "bench", "password": "bench-user-password"})["access_token"]
        req = call(api, "POST", "/requests", token, {
            "vehicle": {"plate": "12 الف 345 ایران 67", "vin": "NAAM01CA9JK123456", "engine_number": "E1", "make": "x", "model": "y", "year": 1395, "vehicle_type": "passenger_car"},
            "reason": "scrapping", "letter": {"number": "1/2", "date": "1403/08/15"},
            "contact": {"name": "رضا احمدی", "mobile": "09141234567"}})
        payload = b"%PDF-1.4\n" + b" " * (10 * 1024 * 1024 - 9)
        boundary = uuid.uuid4().hex
        form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"document_type\"\r\n\r\nother\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                f"Content-Type: application/pdf\r\n\r\n").encode() + payload + f"\r\n--{boundary}--\r\n".encode()
        time.sleep(0.3)
        baseline = rss_kib(proc.pid)
        peak = [baseline]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_kib(proc.pid)); time.sleep(0.01)

        t = threading.Thread(target=sample); t.start()
        started = time.time()
        for _ in range(args.uploads):
            call(api, "POST", f"/requests/{req['id']}/documents", token, raw=form,
                 ctype=f"multipart/form-data; boundary={boundary}")
        elapsed = time.time() - started
        stop.set(); t.join()
        mib = 10 * args.uploads
        print(f"backend: {'postgresql, BLOB_STORE=' + env.get('BLOB_STORE', 'database') if pg_db else 'sqlite'}")
        print(f"| uploads | baseline RSS | peak RSS during uploads | peak / baseline | peak growth vs upload size |")
        print(f"|---|---|---|---|---|")
        print(f"| {args.uploads} × 10 MiB ({mib / elapsed:.0f} MiB/s) | {baseline / 1024:.1f} MiB | {peak[0] / 1024:.1f} MiB | "
              f"{peak[0] / baseline:.2f} | {(peak[0] - baseline) / 1024 / 10:.2f} × one file |")
    finally:
        proc.terminate(); proc.wait(timeout=30)
        if pg_db:
            subprocess.run(["psql", args.postgres, "-qc", f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)"])


if __name__ == "__main__":
    main()
