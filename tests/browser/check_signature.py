#!/usr/bin/env python3
"""Checks a printed permit's signed verification URL with an independent Ed25519
implementation (pyca/cryptography), as a police app would offline (issue 31, point 2).

Usage: check_signature.py <signed URL decoded from the QR code> <API base URL>

1. Fetches the public keys from <base>/api/v1/permits/signing-keys (what the app would have
   stored beforehand) and parses the URL exactly as the guide's "Signed permits" page (docs/integrators/signed-permits.md) says:
   path .../permits/verify/<permit_number>, query p (plate), u (valid_until), k (key id),
   s (signature, base64url without padding); message = UTF-8 of "PP1|<number>|<p>|<u>".
2. The key id is the base64url of the first 6 bytes of SHA-256 of the raw public key.
3. The signature verifies; the same signature over an altered plate, an altered date or
   another permit number does not.
4. The service agrees: the URL answers signature "valid"; with an altered plate or date,
   "invalid".
Exits 1 on any failure, printing one line per check.
"""
import base64
import datetime
import hashlib
import json
import sys
import urllib.parse
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def b64url(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def get_json(url):
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def verifies(key, message, signature):
    try:
        key.verify(signature, message.encode("utf-8"))
        return True
    except InvalidSignature:
        return False


def with_query(url, **changes):
    parts = urllib.parse.urlsplit(url)
    q = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    q.update(changes)
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(q)))


def main():
    url, base = sys.argv[1], sys.argv[2].rstrip("/")
    keys = get_json(f"{base}/api/v1/permits/signing-keys")
    check(keys.get("algorithm") == "Ed25519", f"algorithm {keys.get('algorithm')}")
    public = {}
    for k in keys["keys"]:
        raw = b64url(k["public_key"])
        kid = base64.urlsafe_b64encode(hashlib.sha256(raw).digest()[:6]).decode().rstrip("=")
        check(kid == k["key_id"], f"key id {k['key_id']} is base64url(SHA-256(public key)[:6])")
        public[k["key_id"]] = Ed25519PublicKey.from_public_bytes(raw)

    parts = urllib.parse.urlsplit(url)
    number = parts.path.rsplit("/", 1)[-1]
    q = dict(urllib.parse.parse_qsl(parts.query))
    check(set(q) == {"p", "u", "k", "s"}, f"the URL carries p, u, k, s ({sorted(q)})")
    plate, until, kid = q["p"], q["u"], q["k"]
    signature = b64url(q["s"])
    check(len(signature) == 64, f"a 64-byte signature ({len(signature)})")
    check(len(number) == 12 and number.isdigit(), f"permit number {number}")
    check(
        datetime.datetime.strptime(until, "%Y-%m-%dT%H:%M:%SZ") is not None,
        f"valid_until {until} is YYYY-MM-DDTHH:MM:SSZ",
    )
    check(kid in public, f"key {kid} is published")
    key = public[kid]
    message = f"PP1|{number}|{plate}|{until}"
    check(verifies(key, message, signature), f"cryptography verifies the signature over {message!r}")

    # Altered facts are refused offline.
    other_plate = ("11" if not plate.startswith("11") else "12") + plate[2:]
    later = (datetime.datetime.strptime(until, "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(days=30)).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    other_number = number[:-1] + str((int(number[-1]) + 1) % 10)
    for what, msg in [
        ("plate", f"PP1|{number}|{other_plate}|{until}"),
        ("date", f"PP1|{number}|{plate}|{later}"),
        ("number", f"PP1|{other_number}|{plate}|{until}"),
    ]:
        check(not verifies(key, msg, signature), f"a tampered {what} is refused offline")

    # The service says the same.
    answer = get_json(url)
    check(answer.get("signature") == "valid", f"the service: signature {answer.get('signature')}")
    for what, changed in [("plate", with_query(url, p=other_plate)), ("date", with_query(url, u=later))]:
        answer = get_json(changed)
        check(answer.get("signature") == "invalid", f"the service refuses a tampered {what}: {answer.get('signature')}")

    if failures:
        print(f"{len(failures)} signature check(s) failed")
        sys.exit(1)
    print("signature checks passed (pyca/cryptography)")


if __name__ == "__main__":
    main()
