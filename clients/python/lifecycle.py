"""The whole request lifecycle through the generated Python client against a live server.

Usage: PYTHONPATH=build PLATE_PERMITS_URL=... ADMIN_PASSWORD=... python3 lifecycle.py (a fresh
database whose `admin` has BOOTSTRAP_ADMIN_PASSWORD=ADMIN_PASSWORD). Filing with
Idempotency-Key (a retry replays), review, a document asked, uploaded (multipart) and
downloaded, resubmission, the permit, a client-credentials token for the police's service
account, the receipt (Idempotency-Key and If-Match), the registration, and the feed typed as the
`Event` union. Every transition sends If-Match with the ETag just read.
"""

import datetime
import hashlib
import io
import os
import random
import sys
import uuid

from plate_permits_client import AuthenticatedClient, Client
from plate_permits_client.api.documents import (
    create_document_request,
    download_document,
    resubmit_request,
    upload_document,
)
from plate_permits_client.api.events import list_events
from plate_permits_client.api.identity import change_password, issue_client_token, login_user
from plate_permits_client.api.organisations import create_organisation
from plate_permits_client.api.permits import get_permit, issue_permit, post_receipt, record_registration
from plate_permits_client.api.requests import create_request, get_request, review_request
from plate_permits_client.api.service_accounts import create_service_account
from plate_permits_client.api.users import create_user
from plate_permits_client.models import (
    ChangePasswordRequest,
    ClientCredentialsRequest,
    ClientToken,
    CreateDocumentRequest,
    CreateOrganisation,
    CreateRequest,
    CreateServiceAccount,
    CreateUser,
    EventPage,
    IssuePermit,
    LoginRequest,
    ReceiptRemoved,
    PostRegistration,
    ResubmitBody,
    TokenResponse,
    UploadForm,
)
from plate_permits_client.models.document_type import DocumentType
from plate_permits_client.types import File

BASE = os.environ["PLATE_PERMITS_URL"]
STEP = [0]


def step(title):
    STEP[0] += 1
    print(f"{STEP[0]:2}. {title}")


def check(cond, what):
    if not cond:
        print(f"python lifecycle: FAILED: {what}", file=sys.stderr)
        sys.exit(1)


def ok(resp, status, what):
    check(resp.status_code == status, f"{what}: {resp.status_code} {resp.content[:300]!r}")
    return resp.parsed


def etag(resp):
    return resp.headers["etag"]


def legal_id(first_ten):
    weights = [29, 27, 23, 19, 17]
    d = [int(c) for c in first_ten]
    base = d[9] + 2
    r = sum((base + d[i]) * weights[i % 5] for i in range(10)) % 11
    return first_ten + str(0 if r == 10 else r)


def digits(n):
    return "".join(random.choice("0123456789") for _ in range(n))


def now(days=0):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)
    return t.isoformat()


def minimal_pdf():
    body = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]):
        offsets.append(len(body))
        body += f"{i + 1} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n"
    for o in offsets:
        body += f"{o:010d} 00000 n \n".encode()
    body += f"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def sign_in(username, password):
    anon = Client(base_url=BASE, headers={"Accept-Language": "en"})
    login = ok(login_user.sync_detailed(client=anon, body=LoginRequest(username=username, password=password)), 200, f"{username} signs in")
    check(isinstance(login, TokenResponse), "TokenResponse")
    return AuthenticatedClient(base_url=BASE, token=login.access_token, headers={"Accept-Language": "en"}), login


def main():
    step("the administrator signs in and changes the password")
    admin, first = sign_in("admin", os.environ["ADMIN_PASSWORD"])
    new_pw = f"admin-{uuid.uuid4()}"
    ok(change_password.sync_detailed(client=admin, body=ChangePasswordRequest(current_password=os.environ["ADMIN_PASSWORD"], new_password=new_pw)), 204, "password change")
    admin, again = sign_in("admin", new_pw)
    directorate_org = again.user.organisation_id

    step("organisations and users")
    agency_org = ok(create_organisation.sync_detailed(client=admin, body=CreateOrganisation.from_dict({"name": "شهرداری آزمون", "kind": "agency", "national_id": legal_id("1" + digits(9))})), 201, "agency organisation")
    police_org = ok(create_organisation.sync_detailed(client=admin, body=CreateOrganisation.from_dict({"name": "پلیس راهور آزمون", "kind": "police", "national_id": legal_id("1" + digits(9))})), 201, "police organisation")

    def user(role, org, name):
        username, password = f"{role}-{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4()}"
        ok(create_user.sync_detailed(client=admin, body=CreateUser.from_dict({"username": username, "full_name": name, "role": role, "organisation_id": str(org), "password": password})), 201, f"{role} user")
        return sign_in(username, password)[0]

    agency = user("agency", agency_org.id, "مریم کریمی")
    directorate = user("directorate", directorate_org, "علی رضایی")
    registry = user("registry", directorate_org, "سامانه جامع خودرو")

    step("the agency files a request (Idempotency-Key; a retry replays it)")
    vin = "".join(random.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(17))
    body = CreateRequest.from_dict({
        "vehicle": {"plate": f"{random.randint(10, 99)} الف {random.randint(100, 999)} ایران {random.randint(10, 99)}", "vin": vin,
                    "engine_number": "124K0123456", "make": "ایران خودرو", "model": "سمند LX", "year": 1391, "vehicle_type": "passenger_car"},
        "reason": "auction_sale",
        "letter": {"number": "۱۲۳/۴۵۶", "date": "1403/08/15"},
        "contact": {"name": "رضا احمدی", "mobile": "۰۹۱۴۱۲۳۴۵۶۷"},
    })
    key = str(uuid.uuid4())
    filed = ok(create_request.sync_detailed(client=agency, body=body, idempotency_key=key), 201, "filing")
    replay = ok(create_request.sync_detailed(client=agency, body=body, idempotency_key=key), 201, "replay")
    check(replay.id == filed.id, "an idempotent retry returns the same request")
    rid = filed.id

    step("review, a document asked (If-Match)")
    read = get_request.sync_detailed(rid, client=directorate)
    reviewed = review_request.sync_detailed(rid, client=directorate, if_match=etag(read))
    check(ok(reviewed, 200, "review").status.value == "under_review", "under_review")
    ask = CreateDocumentRequest.from_dict({"message": "لطفاً سند مالکیت را بارگذاری کنید.", "items": [{"document_type": "ownership_document"}]})
    ok(create_document_request.sync_detailed(rid, client=directorate, body=ask, if_match=etag(reviewed)), 201, "document asked")

    step("the agency uploads a PDF (typed multipart); the directorate downloads it")
    pdf = minimal_pdf()
    form = UploadForm(file=File(payload=io.BytesIO(pdf), file_name="ownership.pdf", mime_type="application/pdf"), document_type=DocumentType("ownership_document"))
    doc = ok(upload_document.sync_detailed(rid, client=agency, body=form), 201, "upload")
    check(doc.sha256 == hashlib.sha256(pdf).hexdigest(), "uploaded sha256")
    got = download_document.sync_detailed(doc.id, client=directorate)
    check(got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == doc.sha256, "downloaded bytes")

    step("resubmission and the permit (If-Match)")
    current = get_request.sync_detailed(rid, client=agency)
    ok(resubmit_request.sync_detailed(rid, client=agency, body=ResubmitBody.from_dict({"note": "بارگذاری شد."}), if_match=etag(current)), 200, "resubmit")
    before = get_request.sync_detailed(rid, client=directorate)
    permit = ok(issue_permit.sync_detailed(rid, client=directorate, body=IssuePermit.from_dict({"national_permit_number": f"NV-{uuid.uuid4()}", "valid_until": now(10)}), if_match=etag(before)), 201, "permit issued")

    step("a client-credentials token for the police's service account")
    account = ok(create_service_account.sync_detailed(client=admin, body=CreateServiceAccount.from_dict({"name": "سامانه پلیس راهور", "role": "police", "organisation_id": str(police_org.id)})), 201, "service account")
    anon = Client(base_url=BASE)
    token = ok(issue_client_token.sync_detailed(client=anon, body=ClientCredentialsRequest.from_dict({"grant_type": "client_credentials", "client_id": account.client_id, "client_secret": account.client_secret})), 200, "client token")
    check(isinstance(token, ClientToken), "ClientToken")
    police = AuthenticatedClient(base_url=BASE, token=token.access_token, headers={"Accept-Language": "en"})

    step("the receipt (Idempotency-Key, If-Match) and the registration")
    pread = get_permit.sync_detailed(permit.id, client=police)
    receipt = ReceiptRemoved.from_dict({"outcome": "removed", "receipt_number": f"R-{digits(6)}", "occurred_at": now(), "plates_count": 2, "officer_name": "سرهنگ احمدی", "unit": "راهور تهران"})
    used = ok(post_receipt.sync_detailed(permit.id, client=police, body=receipt, idempotency_key=str(uuid.uuid4()), if_match=etag(pread)), 201, "receipt")
    check(used.status.value == "used", "permit used")
    before = get_request.sync_detailed(rid, client=registry)
    done = ok(record_registration.sync_detailed(rid, client=registry, body=PostRegistration.from_dict({"national_registration_number": f"REG-{uuid.uuid4()}", "registered_at": now()}), if_match=etag(before)), 200, "registration")
    check(done.status.value == "completed", "completed")

    step("the feed: every event typed by its `type`")
    page = ok(list_events.sync_detailed(client=admin, limit=500), 200, "feed")
    check(isinstance(page, EventPage), "EventPage")
    kinds = [type(e).__name__ for e in page.items]
    for want in ["RequestSubmittedEvent", "RequestStatusChangedEvent", "PermitIssuedEvent", "PermitReceiptRecordedEvent", "RequestCompletedEvent"]:
        check(want in kinds, f"{want} in the feed ({kinds})")
    print("python lifecycle: passed")


if __name__ == "__main__":
    main()
