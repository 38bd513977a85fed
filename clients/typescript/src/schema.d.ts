export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe.
         * @description Liveness: the process is up and serving HTTP.
         */
        get: operations["get_health_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe.
         * @description Readiness: the database answers, accepts writes and every migration is applied. 503
         *     (problem+json, with `Retry-After`) otherwise: while the database is unreachable (e.g. no
         *     primary during a failover) or read-only; it recovers by itself when a primary is back.
         */
        get: operations["get_health_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics.
         * @description Prometheus metrics (text exposition format 0.0.4). With `METRICS_TOKEN` set, send it as
         *     `Authorization: Bearer <token>` (401 otherwise); unset, only loopback clients may scrape
         *     (403 otherwise). Series: `plate_permits_http_requests_total`,
         *     `plate_permits_http_request_duration_seconds` (histogram) and
         *     `plate_permits_http_request_db_statements` (histogram of the SQL statements each request
         *     ran) by method, route pattern and status class; `plate_permits_requests{status}`; `plate_permits_requests_overdue`;
         *     `plate_permits_outbox_backlog` (events not yet given a feed position);
         *     `plate_permits_webhook_deliveries{status}` (pending, delivered, failed);
         *     `plate_permits_sms_messages{status}` (pending, sent, failed, suppressed);
         *     `plate_permits_sms_oldest_due_seconds` (how long the oldest SMS due for sending has waited);
         *     `plate_permits_sms_quota_held_messages` (SMS held by an agency's daily quota);
         *     `plate_permits_uptime_seconds`.
         */
        get: operations["get_metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in.
         * @description Sign in with username and password. **Public.**
         *
         *     A wrong username and a wrong password give the same 401 `invalid_credentials` (and take the
         *     same time). Repeated failures slow down the same account from the same client address, and
         *     the same address over all accounts, with a delay that doubles with each failure past a few
         *     free ones (capped): 429 `rate_limited` with `Retry-After` while it runs. Correct credentials
         *     from an address that has not failed for the account are never held back.
         *
         *     Every answer to a readable sign-in (200, 401, 429) reports the throttle with the IETF
         *     RateLimit headers; only failed sign-ins count. `RateLimit-Policy:
         *     "login-account-address";q=5;w=900, "login-address";q=50;w=900` (free failures per account and
         *     address, and per address, in 15 minutes) and `RateLimit: "login-account-address";r=<attempts
         *     left>;t=<seconds>, …`: while `r` is 0, `t` is when the next attempt is allowed; otherwise when
         *     the oldest counted failure leaves its window (0 when none is counted). A successful sign-in
         *     clears the account's failures from that address.
         */
        post: operations["login_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh the token pair.
         * @description Exchange a refresh token for a new token pair. **Public.**
         *
         *     Refresh tokens are single-use; presenting a spent one revokes that whole sign-in (every
         *     token descended from it) and answers 401.
         *
         *     A browser session (signed in with `token_delivery: "cookie"`) sends `{}`: the refresh token
         *     comes from the `pp_refresh` cookie, the call must carry `X-CSRF-Token` equal to the
         *     `pp_csrf` cookie (and an `Origin`, when the browser sends one, of this service or an allowed
         *     CORS origin), else 403 `csrf_failed`; the new refresh token goes back into the cookies.
         */
        post: operations["refresh_tokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out.
         * @description Sign out: revokes the sign-in the refresh token belongs to (and the caller's current one).
         *     Roles: any signed-in user.
         *
         *     A browser session sends `{}`: the refresh token comes from the `pp_refresh` cookie, guarded
         *     by `X-CSRF-Token` as on `/auth/refresh`; the answer clears the session's cookies.
         */
        post: operations["logout_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the caller's password.
         * @description Change the caller's password. Roles: any signed-in user (also with a pending change).
         *
         *     Revokes the user's other sign-ins; the current one stays valid. A wrong current password is
         *     422 with `errors[0].field = "current_password"`.
         */
        post: operations["change_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user.
         * @description The signed-in user. Roles: any signed-in user (also with a pending password change).
         */
        get: operations["get_current_user"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List organisations.
         * @description List organisations, newest first. Roles: `admin`, `directorate`.
         */
        get: operations["list_organisations"];
        put?: never;
        /**
         * Create an organisation.
         * @description Create an organisation. Roles: `admin`.
         */
        post: operations["create_organisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an organisation.
         * @description One organisation. Roles: `admin`, `directorate`.
         */
        get: operations["get_organisation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update an organisation.
         * @description Rename an organisation or correct its national id. Roles: `admin`. Honours `If-Match`.
         */
        patch: operations["update_organisation"];
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users.
         * @description List users, newest first. Roles: `admin`.
         */
        get: operations["list_users"];
        put?: never;
        /**
         * Create a user.
         * @description Create a user. Roles: `admin`.
         *
         *     Without `password`, a temporary one is generated and returned once as `temporary_password`,
         *     and `must_change_password` is set.
         */
        post: operations["create_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a user.
         * @description One user. Roles: `admin`.
         */
        get: operations["get_user"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a user.
         * @description Change a user's name, mobile or disabled flag. Roles: `admin`. Honours `If-Match`.
         *
         *     Disabling a user revokes every sign-in at once. An administrator cannot disable themself
         *     (409 `cannot_disable_self`).
         */
        patch: operations["update_user"];
        trace?: never;
    };
    "/api/v1/users/{id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset a user's password.
         * @description Reset a forgotten password. Roles: `admin`.
         *
         *     Issues a temporary password (returned once), sets `must_change_password`, and revokes every
         *     sign-in of that user.
         */
        post: operations["reset_user_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Obtain an access token as a machine client.
         * @description The OAuth 2.0 client-credentials grant (RFC 6749 §4.4). **Public** (the client
         *     authenticates here).
         *
         *     Send `grant_type=client_credentials` as `application/x-www-form-urlencoded` (or as JSON) and
         *     authenticate with HTTP Basic (`Authorization: Basic base64(client_id:client_secret)`) or
         *     with `client_id` and `client_secret` in the body — one method, not both. The answer is
         *     `{access_token, token_type: "Bearer", expires_in}` with `Cache-Control: no-store`; there is
         *     no refresh token: ask again when it expires. The token acts with the account's role and
         *     organisation on every route, exactly as a user of that role; disabling the account refuses
         *     its live tokens at once.
         *
         *     Errors follow RFC 6749 §5.2, as problem+json whose `code` (and `error`) is the RFC's code:
         *     401 `invalid_client` (unknown client, wrong secret, no or unsupported client
         *     authentication, or a disabled account) with `WWW-Authenticate: Basic`; 400
         *     `unsupported_grant_type` for any other grant; 400 `invalid_request` for a missing or repeated
         *     parameter or two authentication methods. Failed authentications are throttled per client id
         *     and address (429 `rate_limited` with `Retry-After`), but the right secret always gets its
         *     token.
         */
        post: operations["issue_client_token"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List service accounts.
         * @description Machine clients, newest first. Roles: `admin`.
         */
        get: operations["list_service_accounts"];
        put?: never;
        /**
         * Create a service account.
         * @description Create a machine client. Roles: `admin`.
         *
         *     `role` is `police` (an organisation of kind `police`), `registry` or `directorate` (an
         *     organisation of kind `directorate`). The answer carries the `client_id` and the
         *     `client_secret`, which is stored only as a hash and shown this once.
         */
        post: operations["create_service_account"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a service account.
         * @description One machine client, with `last_used_at` (when it last obtained a token). Roles: `admin`.
         */
        get: operations["get_service_account"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a service account.
         * @description Rename a machine client, or disable or enable it. Roles: `admin`. Honours `If-Match`.
         *
         *     Disabling refuses the account's live tokens at once (on every replica) and every new token
         *     request (`invalid_client`); enabling lets it ask for a token again.
         */
        patch: operations["update_service_account"];
        trace?: never;
    };
    "/api/v1/service-accounts/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a service account's secret.
         * @description Issue a new client secret (shown once). Roles: `admin`. Honours `If-Match`.
         *
         *     The previous secret keeps working for `SERVICE_ACCOUNT_SECRET_OVERLAP_HOURS` (default 24;
         *     `previous_secret_expires_at` says until when), so the client's replicas can change over
         *     without an outage; then only the new one works. Rotating again during the overlap stops the
         *     oldest secret at once. Tokens already issued stay valid until they expire.
         */
        post: operations["rotate_service_account_secret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/request-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * File a batch of vehicles.
         * @description File up to 200 vehicles that share the agency's letter, reason, contact and representative
         *     in one call, all or nothing. Roles: `agency`.
         *
         *     Each vehicle is checked as a single filing (`POST /requests`) checks it, and becomes its own
         *     request with its own tracking code (`status: submitted`, its own history entry and
         *     `request.submitted` event); the batch has its own tracking code too. One invalid vehicle
         *     files nothing: 422 `validation_failed` names every fault at once, each `field` a JSON
         *     pointer into this body (`/vehicles/7/plate`; a shared field once, e.g. `/letter/date`;
         *     indexes from 0). The one-open-request-per-vehicle rule holds inside the batch (the same
         *     vehicle twice — same plate, VIN or chassis number — is 422 `duplicate_in_batch` on the
         *     second) and across batches and single filings (422 `duplicate` on the vehicle; the caller's
         *     own open request is named by its tracking code, another agency's by nothing, and that
         *     collision is recorded for the directorate at `GET /vehicle-conflicts`).
         *
         *     The applicant's contact gets one SMS for the whole batch (`batch_filed`: its tracking code
         *     and how many vehicles), not one per vehicle. Honours `Idempotency-Key` (per user, 24 h) as a
         *     single filing does. The body may be up to 512 KiB (or `JSON_MAX_SIZE` when larger).
         */
        post: operations["create_request_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/request-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a batch.
         * @description A batch: its tracking code, what its vehicles share, every request's status (with its
         *     Persian label and `ETag`, for a bulk call's `if_match`), and a count by status
         *     (`counts`, and `summary_fa` as the digest SMS says it). Roles: the `agency` that filed it,
         *     `directorate`, `registry`, `admin`; another agency's batch is 404; `police` get 403.
         */
        get: operations["get_request_batch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/bulk-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Act on many requests.
         * @description One call that takes the same action on up to 200 requests (batch or not). Roles:
         *     `directorate`. `action`: `review` (take for review), `request_documents` (ask each for the
         *     same documents: `document_request` as in `POST /requests/{id}/document-requests`) or
         *     `issue_permit` (issue each its permit: `permit` shares the validity, notes and police
         *     organisation, each item gives its own `national_permit_number`).
         *
         *     Each item carries its request's `ETag` as `if_match` (as the single call's `If-Match`:
         *     412 when stale, 428 when missing) and runs the single call's own rules in its own
         *     transaction, with its own history entry and events. The answer is `207 Multi-Status`: per
         *     item, in the order asked, the HTTP status the single call would have given and its body
         *     (`result`) or its problem (`problem`). The call as a whole is checked first: 422 (nothing
         *     done) for 0 or more than 200 items, a request named twice, a permit number given twice, or
         *     what the action needs missing, each `field` a pointer into the body (`/items/3/request_id`,
         *     `/document_request/items`, `/permit/valid_until`). A retry is safe: an item already applied
         *     answers 412 or 409 (`invalid_transition`) and changes nothing.
         *
         *     SMS: the requests of a batch send no message of their own for the step; each batch whose
         *     requests changed gets one digest to its contact (`batch_progress`, e.g. «دسته …، ۴۰ خودرو:
         *     ۳۸ مجوز صادر شد، ۲ در انتظار مدرک.»), listed in `digests`. A request filed alone gets its
         *     own message as after the single call.
         */
        post: operations["bulk_request_actions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List requests.
         * @description List requests, newest first. Roles: `agency` (own organisation only), `directorate`,
         *     `registry`, `admin`; `police` get 403.
         */
        get: operations["list_requests"];
        put?: never;
        /**
         * File a request.
         * @description File a plate-removal request. Roles: `agency`.
         *
         *     Answers 201 with `Location`, `ETag` and the request, including its `tracking_code` and
         *     `status: submitted`. Honours `Idempotency-Key` (per user, 24 h): a retry with the same key
         *     and body replays the first response; the same key with another body is 422
         *     `idempotency_key_reused`; one still in flight is 409 `idempotency_in_flight`. A vehicle
         *     (same plate, VIN or chassis number; a VIN and a chassis number are compared with each
         *     other too) may have one open request only: another is 409 `duplicate`. To the caller's own
         *     agency it names the open request's `existing_tracking_code`. When the open request is
         *     another agency's, the answer names no request and no agency (no tracking code, no id): it
         *     says only that the vehicle has an open request elsewhere and that the directorate has been
         *     told — the agency must learn why its filing failed, not whose request holds the vehicle —
         *     and the collision is recorded for the directorate (`GET /vehicle-conflicts`, audit entry
         *     `vehicle_conflict.recorded`).
         *
         *     The vehicle is identified by `vehicle.vin` (ISO 3779, checked only when given) or
         *     `vehicle.chassis_number` (free format, 5–25 characters after normalisation) or both; with
         *     neither, 422 names `vehicle.chassis_number`. Every invalid field is named at once.
         */
        post: operations["create_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export requests.
         * @description The request list as a file people open: `format=csv` (default; UTF-8 with a byte-order
         *     mark, so that Excel shows Persian text) or `format=xlsx` (an Excel workbook: a
         *     right-to-left sheet, a frozen header row, the filing day and SLA due day as date cells,
         *     each with its Jalali twin). The same filter as the list, newest first, at most 10,000 rows
         *     (narrow the filter for more). Headers in Persian with `lang=fa` (or `Accept-Language: fa`;
         *     the workbook's default) or English (`lang=en`; the CSV's default). Audited like the list.
         *     Roles: as for the list.
         */
        get: operations["export_requests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a request.
         * @description One request, with the actions the caller can take now and its `ETag`. Roles: as for the
         *     list; another agency's request is 404.
         */
        get: operations["get_request"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Correct a request.
         * @description The owning agency corrects a request's `vehicle`, `letter`, `contact` or `representative`
         *     (e.g. a mistyped chassis number) while it is `submitted`, `under_review`,
         *     `awaiting_documents` or `returned_for_correction` (a permit revoked as `issued_in_error`);
         *     never once a permit is issued (409 `invalid_transition`). Roles: `agency` (own requests;
         *     another agency's is 404). `If-Match` is required (428 `precondition_required` without it,
         *     412 when stale).
         *
         *     Only the fields sent change (`representative` as a whole); every field is then validated
         *     exactly as at filing, every invalid one named at once (422, e.g. `vehicle.chassis_number`).
         *     A vehicle whose corrected plate, VIN or chassis number belongs to another open request is
         *     409 `duplicate`, as at filing. The status does not change; the version does. The history
         *     gains an entry `correct` listing each changed field with its old and new value, the
         *     request reads `corrected_since_review: true` with `corrected_fields` until the
         *     directorate's next step on it, and `request.corrected` names the fields. A corrected
         *     `contact.mobile` becomes the recipient of the request's SMS messages: the change is
         *     recorded before it is made (the database refuses it otherwise), and messages still
         *     pending for the old number go to the new one. A correction that changes nothing answers
         *     the request as it is.
         */
        patch: operations["correct_request"];
        trace?: never;
    };
    "/api/v1/requests/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a request's history.
         * @description Every transition of a request, oldest first (append-only). Roles: as for the list.
         */
        get: operations["get_request_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who read or changed a request.
         * @description The request's access log, oldest first: every view of it and download of its documents,
         *     every permit step (issue, revocation, receipt) from the audit trail, and every change of
         *     its status from its history, each with who (id, kind, role, organisation), when, and for
         *     audit entries the client address and `X-Request-Id`. Roles: `directorate`, `admin`.
         */
        get: operations["get_request_access_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a request for review.
         * @description Take a submitted request for review: `submitted` → `under_review`; the caller becomes its
         *     reviewer. Roles: `directorate`. Honours `If-Match`.
         */
        post: operations["review_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a request.
         * @description Reject: `under_review`, `awaiting_documents` or `removal_refused` → `rejected` (terminal).
         *     Roles: `directorate`. Honours `If-Match`.
         *
         *     Takes a coded `reason_code` (`incomplete_documents`, `not_government_vehicle`,
         *     `ownership_unclear`, `duplicate_request`, `other`; required) and the `reason` text. The code
         *     is stored on the request (`rejection_reason`, with `rejection_reason_label_fa`) in the same
         *     transaction as the transition and counted by `GET /reports/sla`; the text becomes the
         *     history entry's note. A missing or unknown code is 422 naming `reason_code`.
         */
        post: operations["reject_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw a request.
         * @description Withdraw: `submitted`, `under_review`, `awaiting_documents`, `permit_issued` (its permit is
         *     revoked) or `permit_expired` → `withdrawn` (terminal). Roles: `agency` (own requests).
         *     Honours `If-Match`.
         */
        post: operations["withdraw_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reopen a request.
         * @description Reopen review: `removal_refused` or `permit_expired` → `under_review` (the old permit stays
         *     on record, expired or refused). Roles: `directorate`. Honours `If-Match`.
         */
        post: operations["reopen_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/request-reissue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a new permit.
         * @description The agency asks the directorate again: `permit_expired` → `under_review` (the permit's
         *     validity ended with no receipt from the police), or `removal_refused` → `under_review` once
         *     the cause of the police's refusal is resolved (e.g. the unpaid fines paid; `note` says how,
         *     required then, else 422 naming `note`). The request goes back to its reviewer with a new
         *     decision run of the SLA clock; the directorate then issues a new permit
         *     (`POST /requests/{id}/permit`: a new number; the old permit stays expired or refused, and
         *     `GET /permits/verify/{number}` says so). Roles: `agency` (own requests). Honours `If-Match`.
         */
        post: operations["request_reissue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/track/{tracking_code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Track by tracking code.
         * @description Track a request or complaint by its tracking code. **Public**, rate limited per client
         *     address (429 with `Retry-After`). Every answer, 429 included, carries
         *     `RateLimit-Policy: "track";q=<look-ups per window>;w=60` and
         *     `RateLimit: "track";r=<look-ups left>;t=<seconds until the window resets>` (IETF
         *     RateLimit headers; the counter is per replica, a fixed one-minute window). Persian digits, spaces and dashes are accepted. A code
         *     that cannot be right (not 12 digits, or a wrong check digit: the check digit catches any
         *     single wrong digit and any swap of neighbours) is 422 `invalid_code`, as for permit
         *     numbers at `GET /permits/verify/{permit_number}`; a well-formed code that names no request
         *     or complaint is 404 `not_found`.
         */
        get: operations["track_request"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plates/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check a plate.
         * @description Reads a plate as a filing would: leniently (Persian or ASCII digits, spaces, dashes, the
         *     word `ایران`), with only the configured government letters accepted. A plate that reads is
         *     200 with its canonical form and parts; one that does not is 422 `validation_failed` with
         *     one `errors[]` entry `{field: "plate", code: "required" | "invalid_plate"}` whose Persian
         *     `detail` is the message a filing would get at `vehicle.plate`. Nothing is stored. Roles:
         *     every signed-in caller.
         */
        get: operations["check_plate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a request's documents.
         * @description The documents of a request, oldest first. Roles: the owning `agency`, `directorate`,
         *     `admin`.
         */
        get: operations["list_documents"];
        put?: never;
        /**
         * Upload a document.
         * @description Upload a supplementary document. Roles: the owning `agency`, `directorate`.
         *
         *     `multipart/form-data` with `file` and `document_type`. PDF, JPEG and PNG only, judged by
         *     the file's bytes (415 otherwise, also when the declared type disagrees with the bytes); at
         *     most the configured size (default 10 MiB; 413, enforced while streaming). Not on terminal
         *     requests (409). A request holds at most `DOCUMENT_QUOTA_COUNT` documents (default 20)
         *     totalling at most `DOCUMENT_QUOTA_BYTES` (default 50 MiB); beyond either, 409
         *     `quota_exceeded`. The body must arrive within `CLIENT_BODY_TIMEOUT_SECS` (default 30 s;
         *     408 `request_timeout` otherwise). The bytes never change after upload: a new version is a
         *     new document.
         */
        post: operations["upload_document"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a document's bytes.
         * @description Download a document's bytes. Roles: the owning `agency`, `directorate`, `admin`.
         *
         *     Sent as an attachment with a server-made file name (the original, sanitised and always
         *     ending in the stored type's extension — `scan.hta` stored as a PDF is `scan.hta.pdf` — in
         *     `filename*`), the stored content type, `X-Content-Type-Options: nosniff` and an `ETag`
         *     from the SHA-256.
         */
        get: operations["download_document"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/document-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List document requests.
         * @description The directorate's requests for documents, oldest first, each with its outstanding items.
         *     Roles: the owning `agency`, `directorate`, `admin`.
         */
        get: operations["list_document_requests"];
        put?: never;
        /**
         * Ask for documents.
         * @description Ask the agency for supplementary documents: `under_review` → `awaiting_documents` (the SLA
         *     clock pauses). Roles: `directorate`. Honours `If-Match`.
         *
         *     `due_date` (optional) is ISO (`2026-12-11`) or Jalali (`1405/09/20`, Persian digits too),
         *     not before today (service time), and a working day of the agencies' calendar: a weekend
         *     day or holiday is 422 on `due_date` (`not_working_day`) naming the next working day, also
         *     as `next_working_day` and `next_working_day_jalali`. The answer shows the date with its
         *     Jalali twin (`due_date_jalali`). The day before it the applicant is reminded by SMS, once;
         *     when it passes with documents missing the ask reads `overdue`, the request
         *     `documents_overdue` (listed with `GET /requests?documents_overdue=true`) and
         *     `request.documents_overdue` is emitted; the request stays in `awaiting_documents`.
         */
        post: operations["create_document_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resubmit a request.
         * @description Resubmit after uploading what was asked: `awaiting_documents` → `under_review` (the SLA
         *     clock resumes); or after correcting a request returned for correction (a permit revoked
         *     as `issued_in_error`): `returned_for_correction` → `under_review`, where the directorate
         *     sees `corrected_since_review` and `corrected_fields`. Roles: the owning `agency`. Honours
         *     `If-Match`.
         *
         *     409 `documents_missing` (with `missing_document_types`) while an asked-for document type
         *     has no upload since the latest ask.
         */
        post: operations["resubmit_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/permit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a permit.
         * @description Issue the plate-removal permit (recorded in the national vehicle system and sent to the
         *     police): `under_review` → `permit_issued`. Roles: `directorate`. Honours `If-Match` (the
         *     request's `ETag`).
         */
        post: operations["issue_permit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/registration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the registration.
         * @description Record the removal in the national vehicle system: `plate_removed` → `completed`.
         *     Roles: `directorate`, `registry`. Honours `If-Match` (the request's `ETag`).
         */
        post: operations["record_registration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits/verify/{permit_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify a printed permit.
         * @description Check a printed permit: whether the number is genuine, still valid, and for which car.
         *     **Public**, rate limited per client address (429 with `Retry-After`; every answer carries
         *     `RateLimit-Policy: "verify";q=<look-ups per window>;w=60` and
         *     `RateLimit: "verify";r=<look-ups left>;t=<seconds until the window resets>`).
         *
         *     **Content negotiation** (every answer carries `Vary: Accept`): a client whose `Accept`
         *     names `text/html` (or `application/xhtml+xml`) at least as highly as JSON — a phone's
         *     browser opening the printed QR code — gets a Persian, right-to-left page for people (no
         *     script, its own strict `Content-Security-Policy`): the verdict in large words and colour,
         *     the plate drawn as on the permit, the validity as a Jalali date with its weekday, the
         *     permit number in groups of four and whether the paper's signature matches; errors are pages
         *     too, with the same status. Any other client (`application/json`, an `Accept` of any type, no `Accept`) gets
         *     JSON: exactly `permit_number`, `status`, `status_label_fa`, `valid_until`,
         *     `valid_until_jalali`, `plate_masked` (the plate with its three middle digits hidden,
         *     `12الف***-67`, in a left-to-right isolate U+2066 … U+2069 with U+200E after the letter), so that a genuine number cannot
         *     be shown for another car, and `signature`; nothing personal.
         *
         *     **Signature**: the printed QR code's URL carries `p` (the canonical plate), `u` (the
         *     permit's `valid_until`, UTC, `YYYY-MM-DDTHH:MM:SSZ`), `k` (the key id) and `s` (an Ed25519
         *     signature, base64url without padding, over the UTF-8 bytes of
         *     `PP1|<permit_number>|<p>|<u>`). `signature` is `valid` when a key listed at
         *     `GET /permits/signing-keys` signed exactly these facts and they are this permit's,
         *     `invalid` when not (an altered plate or date, an unknown key, a malformed value), `absent`
         *     when the URL carries no `k`/`s`. The page then shows the whole plate; otherwise the masked one.
         *
         *     A number that cannot be right (not 12 digits, or a wrong check digit: a typing mistake) is
         *     422 `invalid_code`; a well-formed number that names no permit is 404 `not_found`.
         */
        get: operations["verify_permit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits/signing-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Permit-signing public keys.
         * @description The Ed25519 public keys whose signatures printed permits carry (the QR code's URL: `k`, `s`
         *     over `p`, `u`), so that a police app can check a paper with no network: the active key and
         *     every retired one (rotated with `plate-permits rotate-signing-key`), which still verifies
         *     what it signed. **Public**; cacheable for 5 minutes. The exact message format is in the
         *     guide's page "Signed permits" (`/guide/integrators/signed-permits.md`).
         */
        get: operations["permit_signing_keys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List permits.
         * @description List permits: those waiting for the police first, then newest first. Roles: `directorate`,
         *     `admin`, `registry`, `police` (all permits, which are all addressed to the police);
         *     `agency` (its own requests' permits). Revoked permits rank with those acted on; the
         *     police's list leaves them out unless `status=revoked` or `updated_since` is given, or the
         *     list is a look-up (`plate`, `permit_number`, `national_number`, `q`: an officer checking a car
         *     must see that its permit was revoked).
         *
         *     Look-ups combine (all must match): `plate` typed as at filing, with the region code (that
         *     plate) or without it (that plate in every region); `permit_number` as printed;
         *     `national_number`, the national vehicle system's permit number; `q`, one search box tried as
         *     any of the three. An unknown query parameter is 400 `invalid_query` naming it, as on every
         *     list.
         */
        get: operations["list_permits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits/by-number/{permit_number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find a permit by its number.
         * @description The permit with this number as printed (Persian digits, spaces and dashes accepted), with
         *     its receipt: what an officer at the roadside or a clerk with the paper in hand looks up.
         *     Roles: `police`, `directorate`, `registry`, `admin`; `agency` only its own requests'
         *     permits (another agency's is 404, as if it did not exist). A number that cannot be right
         *     (not 12 digits, or a wrong check digit) is 422 `invalid_code`, as with the public
         *     verification; a well-formed number that names no permit (in the caller's view) is 404.
         */
        get: operations["get_permit_by_number"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a permit.
         * @description One permit with its receipt. Roles: as for the list; another agency's permit is 404.
         */
        get: operations["get_permit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits/{id}/print": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Print a permit.
         * @description The permit as one printable page (`text/html; charset=utf-8`) for A4 or A5 paper, laid out
         *     as an official order: right to left, Persian digits, Solar Hijri dates in
         *     `SERVICE_TIMEZONE`; the letterhead (`ORDER_MINISTRY_LINE`, `DIRECTORATE_NAME`,
         *     `ORDER_PROVINCE`), the number/date/attachment block (شماره، تاریخ، پیوست), the addressee
         *     (`ORDER_ADDRESSEE`), the body from the administrator's template (`/permit-template`: agency
         *     and its legal id, the vehicle by type, make, model, colour, plate, VIN or chassis number,
         *     the reason, the agency's letter number and date, the representative, the validity; passages
         *     whose data is not on file are left out), the signatory (the issuing user's name and post as
         *     at issue), then for the roadside check the agency, the vehicle (its plate drawn as an
         *     Iranian plate, VIN or chassis number, engine number, make, model, year, type, colour), the
         *     representative (name, national code), the validity, the permit and national permit
         *     numbers, and a QR code (inline SVG) of the public verification URL
         *     `PUBLIC_BASE_URL/api/v1/permits/verify/<permit_number>`. The page loads nothing (styles
         *     inline, allowed by hash in its own `Content-Security-Policy`; system fonts; no script).
         *
         *     A permit that may not be acted on (`revoked`, `expired`, `used`, `refused`) prints with a
         *     diagonal watermark on every page (`باطل شده`, `منقضی شده`, `استفاده شده`, `فاقد اعتبار`), a
         *     banner saying it has no validity and why, and its validity struck through.
         *
         *     Roles: `directorate`, `police`, `admin`, and the owning `agency` (another agency's permit is
         *     404, as with `GET /permits/{id}`); `registry` 403.
         */
        get: operations["print_permit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Post the police's receipt.
         * @description Post the police's receipt: `removed` moves the request to `plate_removed` (permit `used`;
         *     `plates_count` required, `notes` when it is 1), `refused` to `removal_refused` (permit
         *     `refused`; `refusal_reason` required, `notes` when it is `other`). Roles: `police`.
         *
         *     Judged by the removal time: accepted when `occurred_at` lies from 5 minutes before
         *     `issued_at` to 5 minutes after `valid_until` and is at most 5 minutes in the future, however
         *     late it is posted (after the permit expired too); otherwise 422 on `occurred_at`
         *     (`before_issue`, `after_validity`, `future_date`). Posted more than `RECEIPT_LATE_DAYS`
         *     (default 30) after `valid_until`, it needs `notes` (422 `late_receipt`).
         *
         *     Honours `Idempotency-Key` (per user, 24 h): an identical retry replays the 201; the same key
         *     with another body is 422 `idempotency_key_reused`. A second receipt for the same permit is
         *     409 `duplicate`; a receipt on a revoked permit is 409 `permit_revoked`; on a permit replaced
         *     by a newer one (after a reopen) 409 `conflict`. Honours `If-Match` (the permit's `ETag`).
         */
        post: operations["post_receipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a permit.
         * @description Revoke (ابطال) a permit the police have not acted on: the permit becomes `revoked`, its
         *     request returns from `permit_issued` to `under_review` (history entry `revoke`), and
         *     `permit.revoked` tells the police, whose list then drops it. Roles: `directorate`.
         *
         *     With `reason_code: issued_in_error` the request's data was wrong: the request goes back to
         *     the agency instead, `returned_for_correction` (history entry `return_for_correction`, SLA
         *     clock paused), where the agency corrects it (`PATCH /requests/{id}`) and resubmits it
         *     (`POST /requests/{id}/resubmit`); the directorate then sees which fields were corrected.
         *     `reason_code` `other` needs `notes`. Honours `If-Match` (the permit's `ETag`).
         *
         *     Refused with 409: a receipt was posted (`invalid_transition`, the request has moved on), the
         *     permit is already revoked (`permit_revoked`) or was replaced by a newer one (`conflict`).
         *     An agency withdrawing its request from `permit_issued` revokes the permit the same way,
         *     with `request_withdrawn`.
         */
        post: operations["revoke_permit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permits/{id}/receipt/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the removal record.
         * @description The bytes of the receipt's signed removal record, with the same safe-download headers as
         *     documents: an attachment with a server-made file name (the original, sanitised, in
         *     `filename*`), the stored content type, `X-Content-Type-Options: nosniff`, an `ETag` from the
         *     SHA-256 and `Cache-Control: private, no-store`. Roles: `directorate`, `admin`, the owning
         *     `agency` and the police unit that posted the receipt; another agency or police unit, or a
         *     permit without a record, 404; `registry` 403. Each download is in the audit trail.
         */
        get: operations["download_removal_record"];
        /**
         * Attach the removal record.
         * @description Attach the signed removal record (صورتجلسه فک پلاک) to the police's removal receipt, or
         *     replace it. Roles: `police`, and only the unit (organisation) the permit was sent to, which
         *     posted the receipt (another police organisation's permit is 404, as if it did not exist). `multipart/form-data` with one `file`: PDF, JPEG or PNG judged by its bytes
         *     (415 otherwise, also when the declared type disagrees), at most `DOCUMENT_MAX_SIZE`
         *     (default 10 MiB; 413) — the same checks and storage as documents.
         *
         *     One record per receipt. The unit may replace it (a blurred scan, the wrong page) until the
         *     removal is registered in the national vehicle system; then it is final (409). A replaced
         *     file is kept and named in the audit trail. Only a removal receipt carries one: no receipt
         *     yet, or a refusal, is 409. Honours `If-Match` (the permit's `ETag`); each attachment makes
         *     a new permit version. Emits `receipt.record_attached`.
         */
        put: operations["put_removal_record"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permit-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the permit's body template.
         * @description The body text of the printed permit (`GET /permits/{id}/print`) in effect, the built-in
         *     text and the placeholders it may use (`optional` ones only inside `[…]`). Roles: `admin`.
         */
        get: operations["get_permit_template"];
        /**
         * Replace the permit's body template.
         * @description Sets the body text of printed permits (Persian; placeholders `{name}`; optional passages
         *     `[…]` left out when one of their placeholders has no value); `body: null` restores the
         *     built-in text. Applies to every permit printed from now on (a reprint of an older permit
         *     too). Audited (`permit_template.updated`, `permit_template.restored`, with the text).
         *     422 `validation_failed` naming `body`: `unknown_placeholder`,
         *     `optional_placeholder_outside_brackets`, `invalid_template` (unbalanced or nested brace or
         *     bracket), `too_long`, `required`. Roles: `admin`.
         */
        put: operations["update_permit_template"];
        post?: never;
        /**
         * Restore the built-in permit body template.
         * @description The same as `PUT /permit-template` with `body: null`: printed permits use the built-in
         *     text again. Audited (`permit_template.restored`). Roles: `admin`.
         */
        delete: operations["restore_permit_template"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List complaints.
         * @description List complaints: unanswered first, oldest first within each status. Roles: `directorate`,
         *     `admin` (all); `agency`, `police` (their organisation's); `registry` (its own).
         */
        get: operations["list_complaints"];
        put?: never;
        /**
         * File a complaint.
         * @description File a complaint or feedback about the service. Roles: any signed-in user.
         *
         *     Gets its own `tracking_code` (trackable at `/track/{code}`) and `status: received`.
         *     Honours `Idempotency-Key`.
         */
        post: operations["create_complaint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a complaint.
         * @description One complaint with its history. Roles: as for the list; others get 404.
         */
        get: operations["get_complaint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints/{id}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Respond to a complaint.
         * @description Respond to a complaint (may be done more than once): → `answered`. Roles: `directorate`,
         *     `admin`. Honours `If-Match`.
         */
        post: operations["respond_to_complaint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/complaints/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a complaint.
         * @description Close a complaint: → `closed`. Roles: the complainant (its filer, or its agency or police
         *     organisation), `directorate`, `admin`. Honours `If-Match`.
         */
        post: operations["close_complaint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rate a finished request.
         * @description Rate a finished request, once. Roles: the owning `agency`; only after `completed` or
         *     `rejected` (409 `invalid_transition` before); a second rating is 409 `duplicate`.
         */
        post: operations["give_feedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List notices.
         * @description Active and upcoming notices, soonest first. **Public.**
         */
        get: operations["list_notices"];
        put?: never;
        /**
         * Publish a notice.
         * @description Publish a notice. Roles: `admin`. A `maintenance` notice must start at least the configured
         *     lead time (default 24 h) from now (422 `insufficient_notice` on `starts_at`).
         */
        post: operations["create_notice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a notice.
         * @description One notice, with its `ETag` (send it back in `If-Match` to edit it). **Public.**
         */
        get: operations["get_notice"];
        put?: never;
        post?: never;
        /**
         * Delete a notice.
         * @description Delete a notice (ends its window at once). Roles: `admin`.
         */
        delete: operations["delete_notice"];
        options?: never;
        head?: never;
        /**
         * Edit a notice.
         * @description Edit a notice (e.g. end a window early by setting `ends_at` to now). Roles: `admin`.
         *     Honours `If-Match`.
         */
        patch: operations["update_notice"];
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The change feed.
         * @description The change feed, oldest first. Roles: `agency` (its organisation's events and notices), `police`
         *     (permit events), `registry`, `directorate`, `admin` (all). Events are ordered by the order
         *     in which they became visible, so a poller following `next_cursor` misses none.
         *
         *     The feed pages like every list, with `cursor` and `next_cursor`; `after` and `next_after`
         *     are deprecated aliases of them, kept for existing pollers.
         */
        get: operations["list_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook subscriptions.
         * @description Subscriptions. Roles: `admin`.
         */
        get: operations["list_webhooks"];
        put?: never;
        /**
         * Subscribe a webhook.
         * @description Subscribe a URL to event types. Roles: `admin`. The secret is returned once.
         */
        post: operations["create_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unsubscribe a webhook.
         * @description Unsubscribe (no further deliveries). Roles: `admin`.
         */
        delete: operations["delete_webhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook's secret.
         * @description Rotate the secret: the new one is returned once; both sign deliveries for 24 hours.
         *     Roles: `admin`.
         */
        post: operations["rotate_webhook_secret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a webhook's deliveries.
         * @description A subscription's deliveries, newest first, with attempts and the last error, paged like
         *     every list (`limit`, `cursor`, `next_cursor`). Roles: `admin`.
         */
        get: operations["list_webhook_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a webhook delivery.
         * @description Retry a delivery now (also a `failed` one, which gets a new retry window). Roles: `admin`.
         */
        post: operations["retry_webhook_delivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a request's SMS notifications.
         * @description Every SMS message about the request, oldest first, with its status (`pending | sent |
         *     failed | suppressed`), attempts and times; the recipient's mobile is masked. Roles:
         *     `directorate`, `admin`, the owning `agency` (another agency's request is 404).
         */
        get: operations["list_request_notifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SMS templates.
         * @description Each event's text in effect, the built-in text and the placeholders it may use. Roles:
         *     `admin`.
         */
        get: operations["list_sms_templates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sms-templates/{event}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace an SMS template.
         * @description Sets the text of one event's messages (Persian, with named placeholders such as
         *     `{tracking_code}`, rendered with Persian digits); `body: null` restores the built-in text.
         *     Messages already queued keep their text. A placeholder the event does not have is 422
         *     `validation_failed` naming `body` (`unknown_placeholder`), as is an unbalanced brace
         *     (`invalid_template`) and any link but the service's own public address (`url_not_allowed`).
         *     Placeholder values are cleaned when sent: one line, no links, each at most its bound
         *     (`tracking_code` 16, `plate`/`permit_number`/`starts_at`/`ends_at` 32, `valid_until` and
         *     `due_date` 20, `reason` 40, `title` and `signature` 60, `documents` 120 characters, cut with
         *     «…»). The answer's `example` is the text filled with typical values and `parts` the SMS parts
         *     it takes (70 characters in one UCS-2 part, 67 in each part of a longer one). Roles: `admin`.
         */
        put: operations["update_sms_template"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holidays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List holidays.
         * @description List the holidays, earliest first (by date, then id): the built-in official days (the ten
         *     fixed solar ones, `source: fixed`, and the lunar ones, `provisional` until confirmed)
         *     merged with the stored ones (`confirmed` from the official calendar, `admin` added by
         *     hand). A provisional day that was confirmed or moved is listed once, as its `confirmed`
         *     row. Two holidays on one day are two entries; clocks count the day once. `year` selects a
         *     Jalali (below 1700) or Gregorian year, `from`/`to` narrow it; with none of the three, the
         *     current and next Jalali year. Built-in days are known for Jalali 1390–1450. Roles: any
         *     signed-in user.
         */
        get: operations["list_holidays"];
        put?: never;
        /**
         * Add a holiday.
         * @description Add a holiday (`source: admin`). Roles: `admin`. Running SLA clocks move their deadlines at
         *     once (and finished stages that spanned the day are measured again). A date that already is
         *     a holiday (built in or stored) is 409 `duplicate`.
         */
        post: operations["create_holiday"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holidays/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import official holidays.
         * @description Import official days (the official calendar, تقویم رسمی): a list of 1–200 `{date, title}`,
         *     dates ISO or Jalali. All or nothing: any bad row is 422 naming every bad row
         *     (`[3].date`: not a date, no such day such as 1404/12/30, a date twice; `[3].title`: 2–200
         *     characters). The official calendar is authoritative: a day on a fixed holiday changes
         *     nothing; in date order, each day confirms the earliest not yet matched provisional lunar
         *     holiday computed within ±3 days of it (moved when the dates differ); other days are stored
         *     as `confirmed` extra days (an `admin` day on that date becomes `confirmed`). Importing the
         *     same list again changes nothing. Provisional days the list does not match stay
         *     provisional. Clocks are recomputed in the same transaction. Roles: `admin`.
         */
        post: operations["import_holidays"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holidays/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a provisional holiday.
         * @description Confirm a provisional lunar holiday from the official calendar: at its computed date, or
         *     moved to `date`. `id` is the provisional id (`p-1448-01-10`) or, once confirmed, the stored
         *     row's id (moving it again). The provisional day is then listed as the `confirmed` row.
         *     Clocks are recomputed for both dates. Roles: `admin`.
         */
        post: operations["confirm_holiday"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holidays/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a holiday.
         * @description Remove a stored holiday (`admin` or `confirmed`; removing a confirmed day brings its
         *     provisional day back). Built-in days are 409: fixed ones stay, provisional ones are
         *     confirmed or moved instead. Roles: `admin`. SLA clocks are recomputed as for adding one.
         */
        delete: operations["delete_holiday"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Explain a request's SLA clocks.
         * @description How the request's SLA clocks were computed: the calendar rules (the default settings and
         *     the working rules in force over the request's span), each stage run with its running and
         *     paused spans, and every day with what it counted (weekends, holidays, closed and paused
         *     days count nothing; a part-day closure or other office hours count their own hours) and
         *     the working rule behind it. Roles: as for reading the request.
         */
        get: operations["get_request_sla"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/sla/weekly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Requests filed and closed per week.
         * @description Requests filed and requests closed (steps into `completed`, `rejected` or `withdrawn`) per
         *     week, Saturday to Friday in the service's time zone, oldest week first, every week
         *     present: from the Saturday on or before `from` (default: eleven weeks before this week) to
         *     `to` (default: today), at most 106 weeks (longer is 400 `invalid_query`, `invalid_range`
         *     at `from`), optionally one agency's (`organisation_id`). The dashboard's "filed and
         *     closed" chart. `?format=csv` (or `Accept: text/csv`) and `?format=xlsx` give the same
         *     figures as the service-level report's downloads do (`lang=fa`: Persian headers and Jalali
         *     columns). Rate limited with the service-level report (`SLA_REPORT_RATE_PER_MINUTE`).
         *     Roles: `directorate`, `admin`.
         */
        get: operations["get_sla_weekly"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The service-level report.
         * @description The service-level report over requests filed in a date range: overall and per agency,
         *     counts by status, median and 90th-percentile working days per stage (latest completed run
         *     of each request; nearest rank; hundredths of a working day, rounded up), the share
         *     completed within budget, requests overdue now, the average feedback rating, and the
         *     police's refusals (`refusal_reasons`) and the directorate's rejections
         *     (`rejection_reasons`) counted by reason code, every code present. `Accept:
         *     text/csv` (or `?format=csv`) gives the same as CSV (UTF-8 with a byte-order mark);
         *     `?format=xlsx` as an Excel workbook (a right-to-left sheet, frozen header row, number and
         *     date cells). `lang=fa` (or `Accept-Language: fa`) gives Persian headers and the range's
         *     days with their Jalali twins; the CSV's headers default to English, the workbook's to
         *     Persian. Roles: `directorate`, `admin`.
         *     Per-request detail of the computation is at `GET /requests/{id}/sla`.
         *
         *     Served from a cache per range while nothing it depends on changed (at most
         *     `SLA_REPORT_CACHE_SECS`); at most `SLA_REPORT_CONCURRENCY` computations at once; rate
         *     limited per user (`SLA_REPORT_RATE_PER_MINUTE`).
         */
        get: operations["get_sla_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/working-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List working rules.
         * @description List working rules, newest first, optionally of one `kind` or in force `on` a date.
         *     Roles: any signed-in user.
         */
        get: operations["list_working_rules"];
        put?: never;
        /**
         * Add a working rule.
         * @description Add a working rule. Roles: `admin`.
         *
         *     Kinds: `weekend` (the weekend days while in force, replacing `WEEKEND_DAYS`, e.g. Thursday
         *     closed from 1405/04/01), `office_hours` (`opens`–`closes`, optionally on some `weekdays`
         *     only, replacing `OFFICE_HOURS`, e.g. summer hours 06:00–13:00), `closure` (the province's
         *     offices closed the whole day, or from `from_time` and/or until `to_time`). When two rules of
         *     one kind are in force on a day, the latest `effective_from` wins, then the latest created;
         *     holidays beat every rule. One working day stays the length of the default `OFFICE_HOURS`,
         *     so a shorter day counts proportionally less. SLA clocks the rule can move are recomputed at
         *     once.
         */
        post: operations["create_working_rule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/working-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a working rule.
         * @description One working rule; `ETag` carries its version. Roles: any signed-in user.
         */
        get: operations["get_working_rule"];
        put?: never;
        post?: never;
        /**
         * Delete a working rule.
         * @description Delete a working rule. Roles: `admin`. Honours `If-Match`. SLA clocks are recomputed from
         *     the rule's first day (a deleted rule's days fall back to the other rules and the settings).
         */
        delete: operations["delete_working_rule"];
        options?: never;
        head?: never;
        /**
         * Change a working rule.
         * @description Change a working rule (not its kind). Roles: `admin`. Honours `If-Match`. The rule as
         *     changed is checked as a new one; SLA clocks are recomputed from the earlier of its old and
         *     new first days.
         */
        patch: operations["update_working_rule"];
        trace?: never;
    };
    "/api/v1/closures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Declare a closure at short notice.
         * @description Declare a closure of the offices for today or tomorrow (service time zone), the whole day
         *     or from `from_time` to the end of the day, as the province announces them (heat, energy,
         *     air pollution), optionally for one party's calendar only (`applies_to`). Roles: `admin`.
         *
         *     The closure is stored as a `closure` working rule for that one day; every open deadline it
         *     can move is recomputed in the same transaction; the `calendar.closure_declared` event and
         *     the audit entry `working_rule.closure_declared` are written with it. Any other date is 422
         *     `not_today_or_tomorrow` (add a working rule instead). Undo it by deleting the rule
         *     (`DELETE /working-rules/{id}`).
         */
        post: operations["declare_closure"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vehicle-conflicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List vehicle conflicts.
         * @description Filings refused with 409 `duplicate` because another agency has an open request for the
         *     same vehicle (same plate, VIN or chassis number). One open request per vehicle is the rule,
         *     so the refused agency is told only that the vehicle has an open request elsewhere and that
         *     the directorate has been told — not which request or agency (else any agency could learn
         *     who holds a vehicle, or block one by filing first unseen). Here the directorate sees both
         *     sides: the blocking request (tracking code, status, agency), the refused agency and user,
         *     the vehicle as filed and how many times it was tried (a retry counts an attempt on the same
         *     open conflict). Open conflicts first, newest first within each status; paginated like
         *     every list. Roles: `directorate`, `admin`.
         */
        get: operations["list_vehicle_conflicts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vehicle-conflicts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a vehicle conflict.
         * @description One conflict as the list shows it, with its `ETag` (the `version` that
         *     `POST /vehicle-conflicts/{id}/resolve` needs in `If-Match`). Roles: `directorate`, `admin`.
         */
        get: operations["get_vehicle_conflict"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vehicle-conflicts/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a vehicle conflict.
         * @description Record how the directorate dealt with a conflict: `note` says what was done (for example
         *     the blocking request was withdrawn, rejected or closed through its usual actions, and the
         *     refused agency may file again; or the blocking request stands). The conflict keeps who
         *     resolved it, when, the note and the blocking request's status at that moment; an audit
         *     entry `vehicle_conflict.resolved` is written. Roles: `directorate`, `admin`. Already
         *     resolved: 409 `conflict`. Requires `If-Match` (the conflict's `ETag` from
         *     `GET /vehicle-conflicts/{id}` or its `version` in the list): 428 without it, 412 when stale.
         */
        post: operations["resolve_vehicle_conflict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the audit trail.
         * @description The audit trail, newest first: sign-ins (success and failure), administrative changes,
         *     permit issues, revocations and receipts, request views and document downloads, each with
         *     the actor (`user` or `service_account`, role, organisation), action, subject, client
         *     address, `X-Request-Id` and time. Filters: `actor`, `action`, `subject`, `subject_kind`,
         *     `organisation_id`, and the period `from`/`to` (ISO `2024-11-05` or Jalali `1403/08/15`,
         *     whole days in the service's time zone). Keyset paging as in the other lists.
         *
         *     `Accept: text/csv` (or `?format=csv`) gives CSV: up to 10 000 rows (or `limit`), and when
         *     more match, the cursor of the next export in `X-Next-Cursor`. Roles: `admin`.
         */
        get: operations["list_audit_entries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "calendar.closure_declared": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `calendar.closure_declared` delivered to a subscription
         * @description An administrator declared a closure at short notice; open deadlines were recomputed (subject: the working rule). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `calendar.closure_declared`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onCalendarClosureDeclared"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "complaint.answered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `complaint.answered` delivered to a subscription
         * @description The directorate answered a complaint (subject: the complaint). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `complaint.answered`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onComplaintAnswered"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "complaint.received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `complaint.received` delivered to a subscription
         * @description An agency filed a complaint (subject: the complaint). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `complaint.received`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onComplaintReceived"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "notice.published": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `notice.published` delivered to a subscription
         * @description A maintenance or outage notice was published (subject: the notice). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `notice.published`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onNoticePublished"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "permit.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `permit.expired` delivered to a subscription
         * @description A permit's validity ended with no receipt from the police (subject: the permit); its request moved to `permit_expired`. Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `permit.expired`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onPermitExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "permit.issued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `permit.issued` delivered to a subscription
         * @description The directorate issued a permit (subject: the permit). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `permit.issued`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onPermitIssued"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "permit.receipt_recorded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `permit.receipt_recorded` delivered to a subscription
         * @description The traffic police recorded a receipt for a permit (subject: the permit). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `permit.receipt_recorded`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onPermitReceiptRecorded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "permit.revoked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `permit.revoked` delivered to a subscription
         * @description The directorate revoked a permit, or the agency withdrew its request while the permit waited for the police (subject: the permit); the police must no longer act on it. Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `permit.revoked`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onPermitRevoked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "receipt.record_attached": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `receipt.record_attached` delivered to a subscription
         * @description The traffic police attached (or replaced) the signed removal record of their receipt (subject: the permit). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `receipt.record_attached`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onReceiptRecordAttached"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "request.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `request.completed` delivered to a subscription
         * @description The removal was registered in the national vehicle system; the request is closed (subject: the request; sent after the transition's `request.status_changed`). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `request.completed`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onRequestCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "request.corrected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `request.corrected` delivered to a subscription
         * @description The agency corrected a request's data (`PATCH /requests/{id}`); `data.fields` names the corrected fields, the history holds their old and new values (subject: the request). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `request.corrected`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onRequestCorrected"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "request.documents_overdue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `request.documents_overdue` delivered to a subscription
         * @description The due date of the latest ask for documents passed with documents still missing; the request is flagged `documents_overdue` in the directorate's queue and stays in `awaiting_documents` (subject: the request). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `request.documents_overdue`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onRequestDocumentsOverdue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "request.status_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `request.status_changed` delivered to a subscription
         * @description A request moved from one status to another, on every transition (subject: the request). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `request.status_changed`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onRequestStatusChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "request.submitted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `request.submitted` delivered to a subscription
         * @description An agency filed a request (subject: the request). Delivered as a signed POST (Standard Webhooks 1.0) to each subscription whose `types` include `request.submitted`, with the same body as the event's item in `GET /events`. Deliveries may arrive out of order and more than once: order by the event `id` (or, per subject, by `data.version` where present) and dedupe on `webhook-id`.
         */
        post: operations["onRequestSubmitted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description `GET /requests/{id}/access-log`: who read or changed the request, oldest first. */
        AccessLog: {
            request_id: string;
            items: components["schemas"]["AccessLogEntry"][];
        };
        /**
         * @description One line of a request's access log: an audit entry (a read, a download, a permit step) or
         *     a step of its history.
         */
        AccessLogEntry: {
            /**
             * Format: date-time
             * @description When (UTC).
             */
            at: string;
            /** @description When, in the service's time zone and the Solar Hijri calendar. */
            at_jalali: string;
            /**
             * @description `audit` (a read or an action recorded in the audit trail) or `history` (a change of the
             *     request's status).
             */
            source: string;
            actor_id?: string | null;
            actor_kind: components["schemas"]["AuditActorKind"];
            /** @description The actor's name (history steps only). */
            actor_name?: string | null;
            actor_role?: string | null;
            organisation_id?: string | null;
            /**
             * @description The audit action (`request.viewed`, `document.downloaded`, `permit.issued`, …) or the
             *     history's transition action (`submit`, `review`, …).
             */
            action: string;
            subject_kind?: null | components["schemas"]["AuditSubject"];
            subject_id?: string | null;
            client_ip?: string | null;
            http_request_id?: string | null;
            /** @description The history step's note, if any. */
            note?: string | null;
        };
        /**
         * @description Something a user does to a request.
         * @enum {string}
         */
        Action: "review" | "request_documents" | "resubmit" | "reject" | "withdraw" | "issue_permit" | "record_removal" | "record_refusal" | "reopen" | "register" | "revoke" | "request_reissue" | "expire" | "correct" | "return_for_correction";
        ActorView: {
            /** Format: uuid */
            id: string;
            full_name: string;
            role: components["schemas"]["Role"];
            /**
             * @description `role` as people read it (Persian).
             * @example کارشناس اداره کل
             */
            role_label_fa: string;
        };
        AgencyFigures: components["schemas"]["SlaFigures"] & {
            organisation_id: string;
            organisation_name: string;
        };
        /**
         * @description Which calendars a working rule applies to (`all` by default).
         * @enum {string}
         */
        AppliesTo: "directorate" | "agencies" | "police" | "all";
        /**
         * @description What was done.
         * @enum {string}
         */
        AuditAction: "login.success" | "login.failure" | "user.created" | "user.updated" | "user.password_reset" | "user.password_changed" | "organisation.created" | "organisation.updated" | "holiday.create" | "holiday.delete" | "working_rule.created" | "working_rule.updated" | "working_rule.deleted" | "working_rule.closure_declared" | "holiday.import" | "holiday.confirm" | "permit.issued" | "permit.revoked" | "permit.receipt" | "receipt.record_attached" | "request.viewed" | "document.downloaded" | "service_account.created" | "service_account.updated" | "service_account.secret_rotated" | "client.token_issued" | "client.auth_failure" | "webhook.subscribed" | "webhook.unsubscribed" | "webhook.secret_rotated" | "webhook.delivery_retried" | "sms_template.updated" | "sms_template.restored" | "permit_template.updated" | "permit_template.restored" | "access.denied" | "request.listed" | "notice.created" | "notice.deleted" | "permit.printed" | "vehicle_conflict.recorded" | "vehicle_conflict.resolved";
        /**
         * @description Who acts: a person's account, or a machine's (a service account).
         * @enum {string}
         */
        AuditActorKind: "user" | "service_account";
        /** @description One audit entry. */
        AuditEntry: {
            id: string;
            /**
             * Format: date-time
             * @description When (UTC).
             */
            at: string;
            /**
             * @description When, in the service's time zone and the Solar Hijri calendar.
             * @example ۱۴۰۳/۰۸/۱۵ ۱۰:۲۰
             */
            at_jalali: string;
            /** @description The acting account (absent for a sign-in with an unknown username). */
            actor_id?: string | null;
            actor_kind: components["schemas"]["AuditActorKind"];
            /** @description The actor's role when it acted. */
            actor_role?: string | null;
            /** @description The actor's organisation. */
            organisation_id?: string | null;
            action: components["schemas"]["AuditAction"];
            subject_kind: components["schemas"]["AuditSubject"];
            subject_id?: string | null;
            /** @description The permit request the entry concerns, if any. */
            request_id?: string | null;
            client_ip?: string | null;
            /** @description The HTTP request's `X-Request-Id`. */
            http_request_id?: string | null;
            /** @description Non-secret detail. */
            detail?: unknown;
        };
        /**
         * @description The kind of thing an entry is about.
         * @enum {string}
         */
        AuditSubject: "user" | "organisation" | "holiday" | "working_rule" | "request" | "permit" | "document" | "service_account" | "webhook" | "sms_template" | "permit_template" | "notice" | "resource" | "vehicle_conflict";
        /** @description The digest SMS a bulk call sent for one batch. */
        BatchDigest: {
            /** Format: uuid */
            batch_id: string;
            tracking_code: string;
            /**
             * @description The batch's counts after the call, as the SMS says them.
             * @example ۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک
             */
            summary_fa: string;
        };
        /** @description One request of a batch. */
        BatchMember: {
            /**
             * Format: int32
             * @description The vehicle's place in the filing (0-based, as `/vehicles/{position}`).
             */
            position: number;
            /** Format: uuid */
            request_id: string;
            /** @example 482177305512 */
            tracking_code: string;
            /** @description Canonical plate, e.g. `12الف345-67`. */
            plate: string;
            status: components["schemas"]["RequestStatus"];
            /**
             * @description `status` as people read it (Persian).
             * @example در حال بررسی
             */
            status_label_fa: string;
            /**
             * Format: int64
             * @description The request's version; `etag` is what a bulk item's `if_match` carries.
             */
            version: number;
            /** @example "2" */
            etag: string;
        };
        /**
         * @description A batch: its tracking code, what its vehicles share, every request's status and a count by
         *     status.
         */
        BatchView: {
            /** Format: uuid */
            id: string;
            /**
             * @description The batch's own tracking code (12 digits), in the namespace of requests' codes.
             * @example 310322632156
             */
            tracking_code: string;
            /** Format: uuid */
            organisation_id: string;
            reason: components["schemas"]["Reason"];
            /**
             * @description `reason` as people read it (Persian).
             * @example فروش از طریق مزایده
             */
            reason_label_fa: string;
            letter: components["schemas"]["LetterView"];
            /** Format: int32 */
            vehicle_count: number;
            /** @description How many requests stand in each status (only statuses that have some), most first. */
            counts: components["schemas"]["StatusCount"][];
            /**
             * @description The counts in one line, as the digest SMS says them.
             * @example ۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک
             */
            summary_fa: string;
            /** @description The batch's requests in filing order. */
            requests: components["schemas"]["BatchMember"][];
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone as a Solar Hijri date and time, Persian digits.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
        };
        /** @description The open request that blocked the filing (only the directorate sees it here). */
        BlockingRequest: {
            /** Format: uuid */
            id: string;
            tracking_code: string;
            /** @description Its status now. */
            status: components["schemas"]["RequestStatus"];
            /** @example در حال بررسی */
            status_label_fa: string;
            /** @description The agency that filed it. */
            organisation: components["schemas"]["ConflictOrganisation"];
        };
        Budgets: {
            /** Format: int64 */
            decision: number;
            /** Format: int64 */
            police: number;
            /** Format: int64 */
            registration: number;
        };
        /** @description A built-in working rule and its sources. */
        BuiltinRuleView: {
            /** @example b-thursdays-1402 */
            id: string;
            kind: components["schemas"]["RuleKind"];
            title: string;
            /** Format: date */
            effective_from: string;
            effective_from_jalali: string;
            /** Format: date */
            effective_to?: string | null;
            effective_to_jalali?: string | null;
            /** @description The calendars it applies to. */
            applies_to: components["schemas"]["Party"][];
            /** @description The decisions and reports it rests on. */
            sources: components["schemas"]["Citation"][];
            /** @description What could not be confirmed; `null` when nothing. */
            uncertainty?: string | null;
        };
        /**
         * @description What a bulk call does to each of its requests.
         * @enum {string}
         */
        BulkAction: "review" | "request_documents" | "issue_permit";
        /** @description One call acting on many requests. */
        BulkBody: {
            action: components["schemas"]["BulkAction"];
            /** @description 1–200 requests, each named once. */
            items: components["schemas"]["BulkItem"][];
            document_request?: null | components["schemas"]["CreateDocumentRequest"];
            permit?: null | components["schemas"]["BulkPermit"];
        };
        /** @description One request of a bulk call. */
        BulkItem: {
            /** Format: uuid */
            request_id: string;
            /**
             * @description The request's `ETag` as last read (as `If-Match` of the single call): this item is 412
             *     when stale, 428 when missing.
             * @example "2"
             */
            if_match?: string | null;
            /**
             * @description For `issue_permit`: this request's permit number in the national vehicle system
             *     (required, unique).
             * @example NV-1403-884512
             */
            national_permit_number?: string | null;
        };
        /** @description One item's outcome. */
        BulkItemResult: {
            /** Format: uuid */
            request_id: string;
            /**
             * Format: int32
             * @description The HTTP status the single call would have answered (200, 201, 404, 409, 412, 428, …).
             * @example 201
             */
            status: number;
            /**
             * @description The request's new `ETag` after a success.
             * @example "3"
             */
            etag?: string | null;
            request_status?: null | components["schemas"]["RequestStatus"];
            /** @example مجوز صادر و به پلیس راهور ارسال شد */
            request_status_label_fa?: string | null;
            /**
             * @description After a success, what the single call answers: the request (`review`), the document
             *     request (`request_documents`), the permit (`issue_permit`).
             */
            result?: Record<string, never> | null;
            problem?: null | components["schemas"]["Problem"];
        };
        /** @description What every permit of an `issue_permit` call shares. */
        BulkPermit: {
            /**
             * @description As in `POST /requests/{id}/permit`.
             * @example 1405/09/25
             */
            valid_until: string;
            notes?: string | null;
            /** Format: uuid */
            police_organisation_id?: string | null;
        };
        /** @description A bulk call's answer (`207 Multi-Status`): one result per item, in the order asked. */
        BulkResult: {
            action: components["schemas"]["BulkAction"];
            succeeded: number;
            failed: number;
            items: components["schemas"]["BulkItemResult"][];
            /**
             * @description One digest SMS per batch whose requests this call changed (requests filed alone get
             *     their own message as after a single call).
             */
            digests: components["schemas"]["BatchDigest"][];
        };
        /**
         * CalendarClosureDeclaredEvent
         * @description `calendar.closure_declared`: An administrator declared a closure at short notice; open deadlines were recomputed (subject: the working rule).
         */
        CalendarClosureDeclaredEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "calendar.closure_declared";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["ClosureDeclaredData"];
        };
        /**
         * @description The type of a `CalendarClosureDeclaredEvent`: always `calendar.closure_declared`.
         * @enum {string}
         */
        CalendarClosureDeclaredEventType: "calendar.closure_declared";
        /** @description The calendar rules a computation used. */
        CalendarRules: {
            /**
             * @description IANA time zone of office hours and calendar days.
             * @example Asia/Tehran
             */
            time_zone: string;
            /**
             * @description Weekend days (English names).
             * @example [
             *       "Fri"
             *     ]
             */
            weekend_days: string[];
            /** @example 07:30 */
            office_opens: string;
            /** @example 14:30 */
            office_closes: string;
            /**
             * @description How budgets are counted, in Persian.
             * @example مهلت N روز کاری در پایان ساعت اداری N‌امین روز کاری پس از روز آغاز مرحله به سر می‌رسد.
             */
            counting_fa: string;
            /**
             * @description The stored working rules whose date range meets the request's span (first stage start
             *     to now), newest first, whichever calendar they apply to. `weekend_days` and the office
             *     hours above are the defaults from the settings, in force on days no rule covers.
             */
            rules: components["schemas"]["WorkingRule"][];
            /**
             * @description The built-in rules (the working week and office hours of executive bodies, with their
             *     sources) whose date range meets the request's span.
             */
            builtin_rules: components["schemas"]["BuiltinRuleView"][];
        };
        /** @enum {string} */
        Category: "delay" | "conduct" | "technical" | "other";
        ChangePasswordRequest: {
            /** Format: password */
            current_password: string;
            /**
             * Format: password
             * @description 10–128 characters; not the username, not the current password.
             */
            new_password: string;
        };
        Citation: {
            title: string;
            url: string;
        };
        /**
         * @description A client-credentials token request (RFC 6749 §4.4.2), as
         *     `application/x-www-form-urlencoded` (the RFC's form) or `application/json`. The client
         *     authenticates with HTTP Basic (`client_id:client_secret`, RFC 6749 §2.3.1) or with
         *     `client_id` and `client_secret` here, never both. Unrecognised parameters are ignored
         *     (RFC 6749 §3.2), `scope` among them: a token carries its account's role.
         */
        ClientCredentialsRequest: {
            /**
             * @description Always `client_credentials` (RFC 6749 §4.4).
             * @enum {string}
             */
            grant_type: "client_credentials";
            /**
             * @description With no HTTP Basic credentials: the client id.
             * @example svc_4f1c2a9e0b7d3c5a8e6f1b2d
             */
            client_id?: string | null;
            /**
             * Format: password
             * @description With no HTTP Basic credentials: the client secret.
             */
            client_secret?: string | null;
            /** @description Ignored (no scopes are defined). */
            scope?: string | null;
        };
        /** @description An access token for a machine client (RFC 6749 §5.1). No refresh token: a client asks again. */
        ClientToken: {
            /** @description Bearer access token (JWT), valid for `expires_in` seconds. */
            access_token: string;
            /**
             * @description Always `Bearer`.
             * @enum {string}
             */
            token_type: "Bearer";
            /**
             * Format: int64
             * @description Access-token lifetime in seconds.
             * @example 900
             */
            expires_in: number;
        };
        /**
         * @description Whether a stage's clock is counting.
         * @enum {string}
         */
        ClockState: "running" | "paused" | "stopped";
        /** @description A closure declared at short notice, and the clocks it moved. */
        ClosureDeclared: {
            rule: components["schemas"]["WorkingRule"];
            /** @description Requests whose clocks were recomputed in the same transaction. */
            recomputed_requests: number;
        };
        /**
         * @description The `data` of `calendar.closure_declared`: the closure (a working rule) and how many open
         *     requests had their deadlines recomputed.
         */
        ClosureDeclaredData: components["schemas"]["WorkingRule"] & {
            recomputed_requests: number;
        };
        /**
         * @description A closure declared at short notice (the province's announcement of a closure for heat,
         *     energy or pollution): today or tomorrow, the whole day or from a time.
         */
        ClosureInput: {
            /**
             * @description Today or tomorrow in the service's time zone: ISO `2026-06-22` or Jalali `1405/04/01`.
             * @example 1405/04/01
             */
            date: string;
            /**
             * @description 2–200 characters: the announcement, shown in SLA explanations.
             * @example تعطیلی ادارات استان به سبب گرمای هوا (اطلاعیهٔ استانداری)
             */
            title: string;
            /**
             * @description Closed from this time (`HH:MM`) to the end of the day; absent for the whole day.
             * @example 11:00
             */
            from_time?: string | null;
            applies_to?: null | components["schemas"]["AppliesTo"];
        };
        Complaint: {
            /** Format: uuid */
            id: string;
            /** @description Its own tracking code (same generator and namespace as requests'). */
            tracking_code: string;
            status: components["schemas"]["ComplaintStatus"];
            status_label_fa: string;
            category: components["schemas"]["Category"];
            /**
             * @description `category` as people read it (Persian).
             * @example تأخیر در رسیدگی
             */
            category_label_fa: string;
            subject: string;
            body: string;
            /** Format: uuid */
            organisation_id: string;
            created_by: string;
            /**
             * Format: uuid
             * @description The request it concerns, if any.
             */
            request_id?: string | null;
            /** @description Every step, oldest first (only in single-complaint responses). */
            history?: components["schemas"]["ComplaintEvent"][] | null;
            /** Format: int64 */
            version: number;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            updated_at_jalali: string;
        };
        /** @description The `data` of `complaint.answered`. */
        ComplaintAnsweredData: {
            /** Format: uuid */
            complaint_id: string;
            tracking_code: string;
            status: components["schemas"]["ComplaintStatus"];
        };
        /**
         * ComplaintAnsweredEvent
         * @description `complaint.answered`: The directorate answered a complaint (subject: the complaint).
         */
        ComplaintAnsweredEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "complaint.answered";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["ComplaintAnsweredData"];
        };
        /**
         * @description The type of a `ComplaintAnsweredEvent`: always `complaint.answered`.
         * @enum {string}
         */
        ComplaintAnsweredEventType: "complaint.answered";
        ComplaintEvent: {
            /** @description `received`, `response` or `closed`. */
            kind: components["schemas"]["ComplaintEventKind"];
            /**
             * @description `kind` as people read it (Persian).
             * @example پاسخ اداره کل
             */
            kind_label_fa: string;
            from?: null | components["schemas"]["ComplaintStatus"];
            to: components["schemas"]["ComplaintStatus"];
            /**
             * @description `to` as people read it (Persian).
             * @example پاسخ داده شد
             */
            to_label_fa: string;
            /** Format: date-time */
            at: string;
            /**
             * @description `at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            at_jalali: string;
            actor: components["schemas"]["ActorView"];
            /** @description The response text (for `response`). */
            body?: string | null;
        };
        /**
         * @description One step in a complaint's history.
         * @enum {string}
         */
        ComplaintEventKind: "received" | "response" | "closed";
        /** @description The `data` of `complaint.received`. */
        ComplaintReceivedData: {
            /** Format: uuid */
            complaint_id: string;
            tracking_code: string;
            category: components["schemas"]["Category"];
            status: components["schemas"]["ComplaintStatus"];
            /**
             * Format: uuid
             * @description The request the complaint is about, when it names one.
             */
            request_id?: string | null;
        };
        /**
         * ComplaintReceivedEvent
         * @description `complaint.received`: An agency filed a complaint (subject: the complaint).
         */
        ComplaintReceivedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "complaint.received";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["ComplaintReceivedData"];
        };
        /**
         * @description The type of a `ComplaintReceivedEvent`: always `complaint.received`.
         * @enum {string}
         */
        ComplaintReceivedEventType: "complaint.received";
        /** @enum {string} */
        ComplaintStatus: "received" | "answered" | "closed";
        /** @description Confirms a provisional holiday, at its computed date or at `date`. */
        ConfirmHoliday: {
            /**
             * @description The official date (ISO or Jalali, Persian digits accepted); omitted: the date it has.
             * @example 1405/04/25
             */
            date?: string | null;
        };
        /** @description An organisation named in a conflict. */
        ConflictOrganisation: {
            /** Format: uuid */
            id: string;
            /** @example اداره کل راه و شهرسازی */
            name: string;
        };
        /** @description How the directorate resolved a conflict. */
        ConflictResolution: {
            /** Format: date-time */
            resolved_at: string;
            /**
             * @description `resolved_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۱۵ ۱۰:۳۰
             */
            resolved_at_jalali: string;
            /**
             * Format: uuid
             * @description User id of the directorate user (or administrator) who resolved it.
             */
            resolved_by: string;
            /**
             * @description What was done, in their words.
             * @example درخواست پیشین به درخواست دستگاه خاتمه یافت؛ دستگاه دوم می‌تواند دوباره ثبت کند.
             */
            note: string;
            request_status?: null | components["schemas"]["RequestStatus"];
        };
        /**
         * @description Whether the directorate has dealt with a conflict.
         * @enum {string}
         */
        ConflictStatus: "open" | "resolved";
        /** @description The vehicle as the refused agency filed it. */
        ConflictVehicle: {
            /** @example 12الف345-67 */
            plate: string;
            vin?: string | null;
            chassis_number?: string | null;
        };
        ContactInput: {
            /** @example رضا احمدی */
            name: string;
            /**
             * @description Iranian mobile: `09xxxxxxxxx`, `+989…`, Persian digits accepted.
             * @example 09141234567
             */
            mobile: string;
        };
        /**
         * @description Corrections to the contact: only the fields sent change. A new `mobile` becomes the
         *     recipient of the request's SMS messages (an audited change of recipient).
         */
        ContactPatch: {
            name?: string | null;
            /** @example 09141234568 */
            mobile?: string | null;
        };
        /** @description Personal data: shown only to the owning agency, the directorate and administrators. */
        ContactView: {
            name: string;
            mobile: string;
        };
        /**
         * @description A correction of a request: any of `vehicle`, `letter`, `contact` (field by field) and
         *     `representative` (the whole person: name and national code go together). Every field is
         *     validated exactly as at filing, the unchanged ones included; the reason and description are
         *     not corrected here.
         * @example {
         *       "contact": {
         *         "mobile": "09141234568"
         *       },
         *       "vehicle": {
         *         "chassis_number": "IRFC841V3AJ123457"
         *       }
         *     }
         */
        CorrectRequest: {
            vehicle?: null | components["schemas"]["VehiclePatch"];
            letter?: null | components["schemas"]["LetterPatch"];
            contact?: null | components["schemas"]["ContactPatch"];
            representative?: null | components["schemas"]["RepresentativeInput"];
        };
        /**
         * @description A batch of vehicles filed at once: what they share, once, and the vehicles (1–200), each
         *     as in a single filing (`POST /requests`).
         */
        CreateBatch: {
            reason: components["schemas"]["Reason"];
            /** @description Required when `reason` is `other`. */
            reason_details?: string | null;
            letter: components["schemas"]["LetterInput"];
            contact: components["schemas"]["ContactInput"];
            representative?: null | components["schemas"]["RepresentativeInput"];
            description?: string | null;
            /** @description 1–200 vehicles; no two the same vehicle (same plate, VIN or chassis number). */
            vehicles: components["schemas"]["VehicleInput"][];
        };
        CreateComplaint: {
            /** @example تأخیر در بررسی درخواست */
            subject: string;
            body: string;
            category: components["schemas"]["Category"];
            /** @description A request the complainant may see (422 otherwise). */
            request_tracking_code?: string | null;
        };
        /** @description The directorate's request for supplementary documents. */
        CreateDocumentRequest: {
            /** @example لطفاً تصویر سند و کارت خودرو را بارگذاری کنید. */
            message: string;
            /** @description 1–20 items. */
            items: components["schemas"]["ItemInput"][];
            /**
             * @description Optional, ISO (`2026-12-11`) or Jalali (`1405/09/20`, Persian or ASCII digits); not in
             *     the past, and a working day of the agencies' calendar (422 naming the next working day
             *     otherwise).
             * @example 1405/09/20
             */
            due_date?: string | null;
        };
        CreateNotice: {
            kind: components["schemas"]["NoticeKind"];
            title: string;
            body: string;
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
            read_only?: boolean;
        };
        CreateOrganisation: {
            /**
             * @description Name (Persian); unique after normalisation.
             * @example اداره کل راه و شهرسازی استان آذربایجان شرقی
             */
            name: string;
            kind: components["schemas"]["OrgKind"];
            /**
             * @description 11-digit legal-entity national id (شناسه ملی), checksum verified; unique.
             * @example 10380284790
             */
            national_id: string;
        };
        /** @description A new plate-removal request. */
        CreateRequest: {
            vehicle: components["schemas"]["VehicleInput"];
            reason: components["schemas"]["Reason"];
            /** @description Required when `reason` is `other`. */
            reason_details?: string | null;
            letter: components["schemas"]["LetterInput"];
            contact: components["schemas"]["ContactInput"];
            representative?: null | components["schemas"]["RepresentativeInput"];
            description?: string | null;
        };
        CreateServiceAccount: {
            /**
             * @description What the system is, as people read it in request histories (2–200 characters).
             * @example سامانهٔ پلیس راهور تهران
             */
            name: string;
            /**
             * @description `police` (organisation of kind `police`), `registry` or `directorate` (organisation of
             *     kind `directorate`).
             */
            role: components["schemas"]["Role"];
            /** Format: uuid */
            organisation_id: string;
        };
        CreateUser: {
            /**
             * @description 3–64 characters: letters, digits, `.`, `_`, `-`; unique ignoring case.
             * @example m.karimi
             */
            username: string;
            /**
             * @description 2–200 characters: printed as the signatory's name on the permits the user issues.
             * @example مریم کریمی
             */
            full_name: string;
            /**
             * @description The user's post (سمت), 2–100 characters, printed under the signatory's name on the
             *     permits a directorate user issues; optional.
             * @example معاون اموال دولتی
             */
            position?: string | null;
            /**
             * @description Must fit the organisation's kind (`agency` → agency; `police` → police; `directorate`,
             *     `registry`, `admin` → directorate).
             */
            role: components["schemas"]["Role"];
            /** Format: uuid */
            organisation_id: string;
            /** @example 09121234567 */
            mobile?: string | null;
            /**
             * Format: password
             * @description Optional; when absent a temporary password is generated, returned once, and must be
             *     changed at first sign-in.
             */
            password?: string | null;
        };
        CreateWebhook: {
            /**
             * @description `http` or `https` only, without credentials; redirects are not followed. A literal
             *     address in an internal range (loopback, private, link-local, unique-local, multicast,
             *     unspecified) is refused unless `WEBHOOK_ALLOWED_NETWORKS` includes it; a host name is
             *     resolved and checked the same way at every delivery attempt.
             * @example https://rahvar.example.ir/hooks/plate-permits
             */
            url: string;
            /** @description Event types to deliver (see `GET /events`). */
            types: components["schemas"]["EventType"][];
            /**
             * Format: uuid
             * @description Bind to one agency: only that agency's events are delivered.
             */
            organisation_id?: string | null;
        };
        CreatedUser: components["schemas"]["User"] & {
            /** @description Present only when the password was generated: shown this once. */
            temporary_password?: string | null;
        };
        CreatedWebhook: components["schemas"]["Webhook"] & {
            /** @description `whsec_…`: shown once. Verify `webhook-signature` with it (Standard Webhooks 1.0). */
            secret: string;
        };
        DayEntry: {
            /** Format: date */
            date: string;
            /** @example 1403/08/15 */
            date_jalali: string;
            /** @example Wed */
            weekday: string;
            /**
             * @description The day of the week in Persian (شنبه … جمعه).
             * @example چهارشنبه
             */
            weekday_fa: string;
            /**
             * @description The Solar Hijri date with the month's Persian name and Persian digits.
             * @example ۵ آذر ۱۴۰۵
             */
            date_jalali_long: string;
            status: components["schemas"]["DayStatus"];
            /** @description Where the day's weekend status or office hours came from. */
            source: components["schemas"]["DaySource"];
            /** @description The holiday's title on holidays. */
            holiday?: string | null;
            rule?: null | components["schemas"]["RuleRef"];
            /**
             * @description The day's office hours in force (local time, at most two intervals after a part-day
             *     closure); empty on days that do not count.
             * @example [
             *       "07:30-10:00",
             *       "11:00-14:30"
             *     ]
             */
            office_hours: string[];
            /**
             * Format: double
             * @description Office hours removed by a part-day closure (0 otherwise).
             */
            closed_hours: number;
            /**
             * Format: double
             * @description Office hours the step was open (running) on this day.
             */
            counted_hours: number;
            /**
             * Format: int64
             * @description Which working day of the budget this day was (1 = the first day after the start
             *     day); `null` on the start day, on days that do not count and while paused.
             */
            day_number?: number | null;
        };
        /**
         * @description Where a day's shape came from.
         * @enum {string}
         */
        DaySource: "settings" | "rule" | "holidays";
        /**
         * @description Why a day counted or not.
         * @enum {string}
         */
        DayStatus: "working" | "weekend" | "holiday" | "closed" | "paused";
        Delivery: {
            /** Format: uuid */
            id: string;
            /** @description The event id (also the `webhook-id` header). */
            event_id: string;
            /** @description `pending`, `delivered` or `failed` (retried with back-off until the retry window ends). */
            status: components["schemas"]["DeliveryStatus"];
            /** Format: int32 */
            attempts: number;
            /** Format: date-time */
            next_attempt_at: string;
            /**
             * @description `next_attempt_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            next_attempt_at_jalali: string;
            /**
             * Format: int32
             * @description The HTTP status code of the last attempt, when the receiver answered (its body is
             *     never read or kept).
             */
            last_status?: number | null;
            /**
             * @description Why the last attempt failed: `refused_destination` (the host resolved only to internal
             *     addresses outside `WEBHOOK_ALLOWED_NETWORKS`; nothing was sent), `dns_failure`,
             *     `connect_failed`, `timeout`, `http_status` (see `last_status`), or `unsubscribed`.
             * @example http_status
             */
            last_error?: string | null;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            updated_at_jalali: string;
        };
        /**
         * @description Where a delivery stands.
         * @enum {string}
         */
        DeliveryStatus: "pending" | "delivered" | "failed";
        /** @description An uploaded document. */
        Document: {
            /** Format: uuid */
            id: string;
            document_type: components["schemas"]["DocumentType"];
            /**
             * @description `document_type` as people read it (Persian).
             * @example کارت خودرو
             */
            document_type_label_fa: string;
            /** @description The uploader's file name, sanitised (metadata only; downloads use a server-made name). */
            filename: string;
            /**
             * @description Decided by the file's bytes.
             * @enum {string}
             */
            content_type: "application/pdf" | "image/jpeg" | "image/png";
            /**
             * Format: int64
             * @description Bytes.
             */
            size: number;
            /** @description Hex SHA-256 of the bytes. */
            sha256: string;
            /** Format: date-time */
            uploaded_at: string;
            /**
             * @description `uploaded_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            uploaded_at_jalali: string;
            /** @description User id of the uploader. */
            uploaded_by: string;
        };
        DocumentList: {
            items: components["schemas"]["Document"][];
        };
        DocumentRequestList: {
            items: components["schemas"]["DocumentRequestView"][];
        };
        DocumentRequestView: {
            /** Format: uuid */
            id: string;
            message: string;
            /**
             * Format: date
             * @description The day the documents are due (a working day of the agencies' calendar); `null` when
             *     none was set.
             * @example 2026-12-11
             */
            due_date?: string | null;
            /**
             * @description `due_date` in the Solar Hijri calendar; `null` with it.
             * @example 1405/09/20
             */
            due_date_jalali?: string | null;
            /**
             * Format: date-time
             * @description When the applicant was reminded by SMS (the day before the due date, once per ask);
             *     `null` until then, and for asks without a due date.
             */
            reminded_at?: string | null;
            /**
             * @description Whether the due date passed with documents of this ask still missing (marked once,
             *     with the event `request.documents_overdue`; the request is not closed by itself).
             */
            overdue: boolean;
            items: components["schemas"]["ItemView"][];
            /** @description Document types still outstanding. */
            outstanding: components["schemas"]["DocumentType"][];
            /**
             * @description `outstanding` as people read them (Persian), in the same order.
             * @example [
             *       "کارت خودرو"
             *     ]
             */
            outstanding_labels_fa: string[];
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
            created_by: string;
            /** @description The request's status after this ask (on creation: `awaiting_documents`). */
            request_status: components["schemas"]["RequestStatus"];
            /**
             * @description `request_status` as people read it (Persian).
             * @example در انتظار مدارک تکمیلی
             */
            request_status_label_fa: string;
            /**
             * Format: int64
             * @description The request's version after this ask (its new `ETag`).
             */
            request_version: number;
        };
        /**
         * @description Kinds of supplementary documents.
         * @enum {string}
         */
        DocumentType: "request_letter" | "ownership_document" | "vehicle_card" | "auction_minutes" | "scrapping_certificate" | "technical_inspection" | "other" | "removal_record";
        /** @description The `data` of `request.documents_overdue`. */
        DocumentsOverdueData: {
            /** Format: uuid */
            request_id: string;
            tracking_code: string;
            /** Format: uuid */
            organisation_id: string;
            /**
             * Format: uuid
             * @description The ask whose due date passed.
             */
            document_request_id: string;
            /** Format: date */
            due_date: string;
            /**
             * @description `due_date` in the Solar Hijri calendar.
             * @example 1405/09/20
             */
            due_date_jalali: string;
            /** @description The document types still missing. */
            missing_document_types: components["schemas"]["DocumentType"][];
            /**
             * Format: int64
             * @description The request's version (unchanged: the flag is not a change of the request's data).
             */
            version: number;
        };
        /**
         * @description Every problem `code` the service sends: one catalogue owns each code's HTTP status, its
         *     titles in both languages and the extension members its problems may carry. The OpenAPI
         *     `Problem` schema lists the codes and extensions from here.
         * @enum {string}
         */
        ErrorCode: "bad_request" | "malformed_json" | "invalid_query" | "invalid_header" | "unauthorized" | "invalid_credentials" | "invalid_token" | "invalid_client" | "invalid_request" | "unsupported_grant_type" | "forbidden" | "csrf_failed" | "password_change_required" | "cannot_disable_self" | "not_found" | "method_not_allowed" | "not_acceptable" | "invalid_transition" | "duplicate" | "conflict" | "permit_revoked" | "documents_missing" | "quota_exceeded" | "idempotency_in_flight" | "idempotency_key_reused" | "cursor_ahead" | "precondition_failed" | "precondition_required" | "request_timeout" | "payload_too_large" | "headers_too_large" | "unsupported_media_type" | "validation_failed" | "invalid_code" | "rate_limited" | "maintenance" | "service_unavailable" | "internal_error";
        /** @description An integration event, as the feed lists it and as a webhook delivers it: the envelope (`id`, `type`, `occurred_at`, `subject`) and a `data` whose schema the `type` decides. */
        Event: components["schemas"]["RequestSubmittedEvent"] | components["schemas"]["RequestStatusChangedEvent"] | components["schemas"]["PermitIssuedEvent"] | components["schemas"]["PermitReceiptRecordedEvent"] | components["schemas"]["PermitRevokedEvent"] | components["schemas"]["PermitExpiredEvent"] | components["schemas"]["RequestCompletedEvent"] | components["schemas"]["ComplaintReceivedEvent"] | components["schemas"]["ComplaintAnsweredEvent"] | components["schemas"]["NoticePublishedEvent"] | components["schemas"]["CalendarClosureDeclaredEvent"] | components["schemas"]["ReceiptRecordAttachedEvent"] | components["schemas"]["RequestCorrectedEvent"] | components["schemas"]["RequestDocumentsOverdueEvent"];
        EventPage: {
            items: components["schemas"]["Event"][];
            /**
             * @description Pass as `cursor` to continue. The feed has no last page: this is the last event id
             *     seen, equal to the cursor sent when nothing new arrived, and `null` only while the
             *     caller has never seen an event.
             */
            next_cursor?: string | null;
            /**
             * @deprecated
             * @description Deprecated alias of `next_cursor` (always the same value), kept for pollers written
             *     before it.
             */
            next_after?: string | null;
        };
        /**
         * @description The type of an integration event.
         * @enum {string}
         */
        EventType: "request.submitted" | "request.status_changed" | "permit.issued" | "permit.receipt_recorded" | "permit.revoked" | "permit.expired" | "request.completed" | "complaint.received" | "complaint.answered" | "notice.published" | "calendar.closure_declared" | "receipt.record_attached" | "request.corrected" | "request.documents_overdue";
        Feedback: {
            /** Format: uuid */
            request_id: string;
            /** Format: int32 */
            rating: number;
            comment?: string | null;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
        };
        FeedbackInput: {
            /**
             * Format: int32
             * @description 1 (poor) to 5 (excellent).
             * @example 4
             */
            rating: number;
            comment?: string | null;
        };
        FeedbackStats: {
            /** Format: int64 */
            count: number;
            /**
             * Format: double
             * @description Average rating 1–5, two decimals; `null` without feedback.
             */
            average_rating?: number | null;
        };
        /** @description One corrected field. */
        FieldChange: {
            /**
             * @description The field's API path, e.g. `vehicle.chassis_number`.
             * @example vehicle.chassis_number
             */
            field: string;
            /**
             * @description `null` when the field was empty.
             * @example IRFC841V3AJ123456
             */
            old?: string | null;
            /**
             * @description `null` when the correction removed it.
             * @example IRFC841V3AJ123457
             */
            new?: string | null;
        };
        Health: {
            /**
             * @description `ok` when live, `ready` when ready.
             * @enum {string}
             */
            status: "ok" | "ready";
            /**
             * @description The database backend in use (readiness only).
             * @enum {string}
             */
            database?: "sqlite" | "postgresql";
        };
        /** @description One transition in a request's history. */
        HistoryEntry: {
            from?: null | components["schemas"]["RequestStatus"];
            /**
             * @description `from` as people read it (Persian); `null` with `from`.
             * @example ثبت شده
             */
            from_label_fa?: string | null;
            to: components["schemas"]["RequestStatus"];
            /**
             * @description `to` as people read it (Persian).
             * @example در حال بررسی
             */
            to_label_fa: string;
            action: string;
            /** Format: date-time */
            at: string;
            /**
             * @description `at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            at_jalali: string;
            actor: components["schemas"]["ActorView"];
            note?: string | null;
            /**
             * @description For a correction (action `correct`): each changed field with its old and new value;
             *     empty for other entries.
             */
            changes: components["schemas"]["FieldChange"][];
        };
        HistoryList: {
            items: components["schemas"]["HistoryEntry"][];
        };
        /**
         * @description A public holiday: not a working day for SLA clocks. Two holidays on one day are two
         *     entries (the day counts once).
         */
        Holiday: {
            /**
             * @description Built-in days: `f-1405-01-01` (fixed, Jalali date) or `p-1448-01-10` (provisional,
             *     Hijri date); stored days: a UUID.
             * @example p-1448-01-10
             */
            id: string;
            /**
             * Format: date
             * @description ISO date.
             */
            date: string;
            /**
             * @description The same date in the Solar Hijri calendar, `1403/01/01`.
             * @example 1403/01/01
             */
            date_jalali: string;
            /**
             * @description The title as given (built-in days: the Persian title).
             * @example عید نوروز
             */
            title: string;
            /**
             * @description The Persian title.
             * @example عاشورای حسینی
             */
            title_fa: string;
            source: components["schemas"]["HolidaySource"];
            /**
             * @description The provisional built-in holiday this confirmed day confirms or moves.
             * @example p-1448-01-10
             */
            confirms?: string | null;
            /**
             * @description `source` in Persian (ثابت، موقت، تأییدشده، افزوده مدیر).
             * @example موقت
             */
            source_label_fa: string;
            /** @description Official built-in days: the publication they come from (a URL). */
            reference?: string | null;
            /**
             * Format: date-time
             * @description `null` for built-in days.
             */
            created_at?: string | null;
            /**
             * @description `created_at` in the Solar Hijri calendar, service time zone, Persian digits.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali?: string | null;
        };
        /** @description A new holiday. */
        HolidayInput: {
            /**
             * @description ISO `2025-03-21` or Jalali `1404/01/01` (Persian digits accepted).
             * @example 1404/01/01
             */
            date: string;
            /**
             * @description 2–200 characters.
             * @example عید نوروز
             */
            title: string;
        };
        /**
         * @description Where a holiday comes from.
         * @enum {string}
         */
        HolidaySource: "fixed" | "official" | "provisional" | "confirmed" | "admin";
        /** @description What an import did. */
        ImportSummary: {
            /** @description Rows read. */
            rows: number;
            /** @description Provisional holidays confirmed at their computed date. */
            confirmed: number;
            /** @description Provisional holidays confirmed at another date (moved). */
            moved: number;
            /** @description Days matching no built-in holiday, stored as `confirmed` extra days. */
            added: number;
            /**
             * @description Rows that changed nothing: fixed days, and days already recorded (an `admin` day
             *     becomes `confirmed`).
             */
            unchanged: number;
            /** @description Requests whose clocks were recomputed. */
            recomputed_requests: number;
        };
        IssuePermit: {
            /**
             * @description The permit's number in the national vehicle system; unique.
             * @example NV-1403-884512
             */
            national_permit_number: string;
            /**
             * @description An RFC 3339 time, or a date (ISO or Jalali: valid through the end of that day, Tehran
             *     time). In the future and within the configured maximum (default 30 days).
             * @example 1403/09/15
             */
            valid_until: string;
            notes?: string | null;
            /**
             * Format: uuid
             * @description The police organisation (kind `police`) the permit is sent to: only its accounts see
             *     the permit and may post its receipt. Omitted: the default police organisation, the
             *     oldest registered (the province's traffic police). Not a police organisation: 422 on
             *     this field (`invalid_police_organisation`).
             */
            police_organisation_id?: string | null;
        };
        ItemInput: {
            document_type: components["schemas"]["DocumentType"];
            /** @description What exactly is needed. */
            description?: string | null;
        };
        ItemView: {
            document_type: components["schemas"]["DocumentType"];
            /**
             * @description `document_type` as people read it (Persian).
             * @example کارت خودرو
             */
            document_type_label_fa: string;
            description?: string | null;
            /** @description Whether a document of this type was uploaded since the ask. */
            fulfilled: boolean;
        };
        LetterInput: {
            /**
             * @description The agency's letter number.
             * @example ۱۲۳/۴۵۶
             */
            number: string;
            /**
             * @description The letter's date, ISO `2024-11-05` or Jalali `1403/08/15`; not in the future.
             * @example 1403/08/15
             */
            date: string;
        };
        /** @description Corrections to the agency's letter: only the fields sent change. */
        LetterPatch: {
            number?: string | null;
            /** @description ISO `2024-11-05` or Jalali `1403/08/15`; not in the future. */
            date?: string | null;
        };
        LetterView: {
            number: string;
            /**
             * Format: date
             * @description ISO date.
             */
            date: string;
            /**
             * @description The same date in the Solar Hijri calendar, `1403/08/15`.
             * @example 1403/08/15
             */
            date_jalali: string;
        };
        LoginRequest: {
            /** @example admin */
            username: string;
            /**
             * Format: password
             * @example a-long-secret-password
             */
            password: string;
            /**
             * @description Where the refresh token goes: `body` (the default; apps and integrations) or `cookie`
             *     (pages in a browser: an `HttpOnly` cookie no script can read, and a `pp_csrf` cookie the
             *     page copies into `X-CSRF-Token` on `/auth/refresh` and `/auth/logout`).
             */
            token_delivery?: components["schemas"]["TokenDelivery"];
        };
        LogoutRequest: {
            /**
             * @description The refresh token of the sign-in to end. Omitted by a browser session: the
             *     `pp_refresh` cookie carries it, and the call must send `X-CSRF-Token` equal to the
             *     `pp_csrf` cookie.
             */
            refresh_token?: string | null;
        };
        /**
         * @description Where a message stands.
         * @enum {string}
         */
        MessageStatus: "pending" | "sent" | "failed" | "suppressed";
        NoteBody: {
            /** @description Why (1–2000 characters). */
            note: string;
        };
        Notice: {
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["NoticeKind"];
            /**
             * @description `kind` as people read it (Persian).
             * @example نگهداری برنامه‌ریزی‌شده
             */
            kind_label_fa: string;
            /** @example به‌روزرسانی سامانه */
            title: string;
            body: string;
            /** Format: date-time */
            starts_at: string;
            /**
             * @description `starts_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            starts_at_jalali: string;
            /** Format: date-time */
            ends_at: string;
            /**
             * @description `ends_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            ends_at_jalali: string;
            /**
             * @description While active, state-changing calls (except `/auth/*` and administrators') get 503
             *     `maintenance`.
             */
            read_only: boolean;
        };
        /** @enum {string} */
        NoticeKind: "info" | "maintenance" | "outage";
        NoticeList: {
            items: components["schemas"]["Notice"][];
        };
        /**
         * NoticePublishedEvent
         * @description `notice.published`: A maintenance or outage notice was published (subject: the notice).
         */
        NoticePublishedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "notice.published";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["Notice"];
        };
        /**
         * @description The type of a `NoticePublishedEvent`: always `notice.published`.
         * @enum {string}
         */
        NoticePublishedEventType: "notice.published";
        NotificationList: {
            items: components["schemas"]["NotificationView"][];
        };
        /** @description One SMS message as the directorate and the owning agency see it. */
        NotificationView: {
            /** Format: uuid */
            id: string;
            event: components["schemas"]["SmsEvent"];
            /**
             * @description The mobile number, masked (`0914***4567`).
             * @example 0914***4567
             */
            recipient: string;
            /** @description The text as sent (or to be sent). */
            text: string;
            /**
             * Format: int32
             * @description Its length in characters.
             */
            characters: number;
            /**
             * Format: int32
             * @description How many SMS parts it takes (Persian text goes in UCS-2: 70 characters in one part, 67
             *     in each part of a longer message).
             * @example 1
             */
            parts: number;
            status: components["schemas"]["MessageStatus"];
            /**
             * Format: int32
             * @description Attempts made so far (holds for quiet hours or the hourly cap are not attempts).
             */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            sent_at?: string | null;
            /**
             * Format: date-time
             * @description When the next attempt is due (pending messages only).
             */
            next_attempt_at?: string | null;
            /**
             * @description Why the last attempt failed (the gateway's HTTP status or a transport error), or why the
             *     message was suppressed.
             */
            last_error?: string | null;
        };
        /** @description A placeholder of the order's template. */
        OrderPlaceholderView: {
            /**
             * @description Written `{name}` in the text.
             * @example colour
             */
            name: string;
            /**
             * @description May have no value for some permits: allowed only inside a `[…]` passage, which is left
             *     out when it has none.
             */
            optional: boolean;
            /** @example رنگ خودرو */
            label_fa: string;
        };
        /** @description The printed permit's body text: the text in effect, the built-in one and its placeholders. */
        OrderTemplateView: {
            /** @description The text in effect (the administrator's, or the built-in one). */
            body: string;
            default_body: string;
            /** @description Whether an administrator replaced the built-in text. */
            overridden: boolean;
            placeholders: components["schemas"]["OrderPlaceholderView"][];
            /** Format: date-time */
            updated_at?: string | null;
            /**
             * Format: uuid
             * @description Who replaced the built-in text last (user id); `null` when not replaced.
             */
            updated_by?: string | null;
        };
        /**
         * @description The kind of an organisation.
         * @enum {string}
         */
        OrgKind: "agency" | "directorate" | "police";
        /** @description An organisation as the API shows it. */
        Organisation: {
            /** Format: uuid */
            id: string;
            /** @example اداره کل راه و شهرسازی */
            name: string;
            kind: components["schemas"]["OrgKind"];
            /**
             * @description `kind` as people read it (Persian).
             * @example دستگاه متقاضی
             */
            kind_label_fa: string;
            /**
             * @description 11-digit legal-entity national id (شناسه ملی).
             * @example 10380284790
             */
            national_id: string;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            updated_at_jalali: string;
        };
        /** @enum {string} */
        Outcome: "removed" | "refused";
        /** @description One page of a list. */
        Paginated_AuditEntry: {
            items: components["schemas"]["AuditEntry"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_Complaint: {
            items: components["schemas"]["Complaint"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_Delivery: {
            items: components["schemas"]["Delivery"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_Holiday: {
            items: components["schemas"]["Holiday"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_Organisation: {
            items: components["schemas"]["Organisation"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_PermitView: {
            items: components["schemas"]["PermitView"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_RequestView: {
            items: components["schemas"]["RequestView"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_ServiceAccount: {
            items: components["schemas"]["ServiceAccount"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_User: {
            items: components["schemas"]["User"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_VehicleConflict: {
            items: components["schemas"]["VehicleConflict"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /** @description One page of a list. */
        Paginated_WorkingRule: {
            items: components["schemas"]["WorkingRule"][];
            /** @description Cursor for the next page; `null` on the last page. */
            next_cursor?: string | null;
        };
        /**
         * @description A party whose working days a clock counts.
         * @enum {string}
         */
        Party: "directorate" | "agencies" | "police";
        /** @description The agency (government body) whose vehicle it is. */
        PermitAgencyView: {
            /** Format: uuid */
            id: string;
            /** @example ادارهٔ کل راه و شهرسازی */
            name: string;
        };
        /**
         * @description The `data` of `permit.issued` and `permit.expired`, and the common part of every permit
         *     event: what a receiver (the police, the national vehicle system) needs to act on it.
         */
        PermitEventData: {
            /** Format: uuid */
            permit_id: string;
            permit_number: string;
            national_permit_number: string;
            /** Format: uuid */
            request_id: string;
            tracking_code: string;
            plate: string;
            /** @description `null` for a vehicle filed with a chassis number only. */
            vin?: string | null;
            /** @description `null` for a vehicle filed with a VIN only. */
            chassis_number?: string | null;
            /** Format: date-time */
            valid_until: string;
        };
        /**
         * PermitExpiredEvent
         * @description `permit.expired`: A permit's validity ended with no receipt from the police (subject: the permit); its request moved to `permit_expired`.
         */
        PermitExpiredEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "permit.expired";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["PermitEventData"];
        };
        /**
         * @description The type of a `PermitExpiredEvent`: always `permit.expired`.
         * @enum {string}
         */
        PermitExpiredEventType: "permit.expired";
        /**
         * PermitIssuedEvent
         * @description `permit.issued`: The directorate issued a permit (subject: the permit).
         */
        PermitIssuedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "permit.issued";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["PermitEventData"];
        };
        /**
         * @description The type of a `PermitIssuedEvent`: always `permit.issued`.
         * @enum {string}
         */
        PermitIssuedEventType: "permit.issued";
        /**
         * @description The police organisation a permit was sent to: only its accounts see the permit and may
         *     post its receipt.
         */
        PermitPoliceView: {
            /** Format: uuid */
            id: string;
            /** @example پلیس راهور استان آذربایجان شرقی */
            name: string;
        };
        /** @description The `data` of `permit.receipt_recorded`: the permit and the police's receipt. */
        PermitReceiptRecordedData: components["schemas"]["PermitEventData"] & components["schemas"]["ReceiptEventData"];
        /**
         * PermitReceiptRecordedEvent
         * @description `permit.receipt_recorded`: The traffic police recorded a receipt for a permit (subject: the permit).
         */
        PermitReceiptRecordedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "permit.receipt_recorded";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["PermitReceiptRecordedData"];
        };
        /**
         * @description The type of a `PermitReceiptRecordedEvent`: always `permit.receipt_recorded`.
         * @enum {string}
         */
        PermitReceiptRecordedEventType: "permit.receipt_recorded";
        /** @description The `data` of `permit.revoked`: the permit and its revocation. */
        PermitRevokedData: components["schemas"]["PermitEventData"] & components["schemas"]["RevocationEventData"];
        /**
         * PermitRevokedEvent
         * @description `permit.revoked`: The directorate revoked a permit, or the agency withdrew its request while the permit waited for the police (subject: the permit); the police must no longer act on it.
         */
        PermitRevokedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "permit.revoked";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["PermitRevokedData"];
        };
        /**
         * @description The type of a `PermitRevokedEvent`: always `permit.revoked`.
         * @enum {string}
         */
        PermitRevokedEventType: "permit.revoked";
        /**
         * @description `issued` (waiting for the police), `used` (plate removed), `refused` (police did not
         *     approve), `expired` (past `valid_until` with no receipt), `revoked` (ابطال: by the
         *     directorate, or because the agency withdrew its request; the police must not act on it).
         * @enum {string}
         */
        PermitStatus: "issued" | "used" | "refused" | "expired" | "revoked";
        /**
         * @description The vehicle a permit names, as the police check it against the car in front of them: the
         *     plate and identifiers copied when the permit was issued, and the rest as the agency filed it.
         */
        PermitVehicleView: {
            /**
             * @description Canonical plate, e.g. `12الف345-67`.
             * @example 12الف345-67
             */
            plate: string;
            /**
             * @description ISO 3779 VIN; `null` for a vehicle filed with a chassis number only.
             * @example NAAM01CA9JK123456
             */
            vin?: string | null;
            /**
             * @description Chassis number (شماره شاسی), normalised; `null` when not given.
             * @example IRFC841V3AJ123456
             */
            chassis_number?: string | null;
            /** @example 124K0123456 */
            engine_number: string;
            /** @example ایران خودرو */
            make: string;
            /** @example سمند LX */
            model: string;
            /**
             * Format: int32
             * @description Model year as filed, Gregorian (2012) or Solar Hijri (1391).
             * @example 1391
             */
            year: number;
            vehicle_type: components["schemas"]["VehicleType"];
            /**
             * @description `vehicle_type` as people read it (Persian).
             * @example سواری
             */
            vehicle_type_label_fa: string;
            /**
             * @description The colour as filed; `null` when not given.
             * @example سفید
             */
            vehicle_colour?: string | null;
        };
        /**
         * @description The public answer to "is this printed permit genuine and valid, and for which car?": exactly
         *     these seven fields, nothing personal.
         */
        PermitVerification: {
            /** @example 731904552817 */
            permit_number: string;
            status: components["schemas"]["PermitStatus"];
            /**
             * @description The status in Persian, as printed for the public.
             * @example صادر شده و معتبر
             */
            status_label_fa: string;
            /** Format: date-time */
            valid_until: string;
            /**
             * @description `valid_until` as a Solar Hijri date in the service's time zone, `YYYY/MM/DD` (ASCII
             *     digits), e.g. `1405/09/05`.
             * @example 1405/09/05
             */
            valid_until_jalali: string;
            /**
             * @description The plate with its three middle digits hidden, `12الف***-67`: enough to tell whether
             *     the paper belongs to the car in front of you, not enough to look a car up. For display:
             *     wrapped in a left-to-right isolate (U+2066 … U+2069) with a left-to-right mark (U+200E)
             *     after the letter, so that the bidi algorithm shows
             *     it in the plate's order in any right-to-left text.
             * @example ⁦12الف‎***-67⁩
             */
            plate_masked: string;
            /**
             * @description Whether the URL's signature matches the permit.
             * @enum {string}
             */
            signature: "valid" | "invalid" | "absent";
        };
        /** @description A plate-removal permit. */
        PermitView: {
            /** Format: uuid */
            id: string;
            /**
             * @description This service's permit number (12 digits, Verhoeff check digit), printed on the permit.
             *     Numbers issued now start with 5–9 (tracking codes with 1–4); older ones stay valid.
             * @example 731904552817
             */
            permit_number: string;
            /** @description The permit's number in the national vehicle system (سامانه جامع خودرو). */
            national_permit_number: string;
            /** Format: uuid */
            request_id: string;
            tracking_code: string;
            /** @description The vehicle's plate, copied when the permit was issued (also in `vehicle.plate`). */
            plate: string;
            /**
             * @description The vehicle's VIN, copied when the permit was issued (also in `vehicle.vin`); `null`
             *     for a vehicle filed with a chassis number only.
             */
            vin?: string | null;
            /** @description What the police check: plate, VIN, chassis number, engine number, make, model, year. */
            vehicle: components["schemas"]["PermitVehicleView"];
            /** @description The agency whose vehicle it is. */
            agency: components["schemas"]["PermitAgencyView"];
            police_organisation?: null | components["schemas"]["PermitPoliceView"];
            signatory?: null | components["schemas"]["SignatoryView"];
            /** Format: date-time */
            issued_at: string;
            /**
             * @description `issued_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            issued_at_jalali: string;
            /** Format: date-time */
            valid_until: string;
            /**
             * @description `valid_until` as a Solar Hijri date in the service's time zone (`SERVICE_TIMEZONE`,
             *     default Asia/Tehran), `YYYY/MM/DD` with ASCII digits, e.g. `1405/09/05` (kept as it
             *     was; `valid_until_jalali_time` is the instant's twin in the common format).
             * @example 1405/09/05
             */
            valid_until_jalali: string;
            /**
             * @description `valid_until` (the last second of the day) in the service's time zone as a Solar Hijri
             *     date and 24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۵ ۲۳:۵۹
             */
            valid_until_jalali_time: string;
            status: components["schemas"]["PermitStatus"];
            /**
             * @description `status` as people read it (Persian).
             * @example صادر شده و معتبر
             */
            status_label_fa: string;
            notes?: string | null;
            receipt?: null | components["schemas"]["ReceiptView"];
            revocation?: null | components["schemas"]["RevocationView"];
            /** Format: int64 */
            version: number;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            updated_at_jalali: string;
        };
        PlateParts: {
            /** @example 12 */
            first: string;
            /** @example الف */
            letter: string;
            /** @example 345 */
            second: string;
            /** @example 67 */
            region: string;
        };
        /** @description How the service read a plate. */
        PlateReading: {
            /**
             * @description The canonical plate, as a filing stores it.
             * @example 12الف345-67
             */
            plate: string;
            plate_parts: components["schemas"]["PlateParts"];
            /**
             * @description The plate as printed on the permit, in Persian digits.
             * @example ۱۲ الف ۳۴۵ ایران ۶۷
             */
            plate_fa: string;
        };
        /**
         * @description The police's receipt. It is judged by when the plates were removed (`occurred_at`), not by
         *     when it is posted: a removal within the permit's life is accepted however late it is posted.
         */
        PostReceipt: components["schemas"]["ReceiptRemoved"] | components["schemas"]["ReceiptRefused"];
        PostRegistration: {
            /** @description The removal's number in the national vehicle system; unique. */
            national_registration_number: string;
            /**
             * Format: date-time
             * @description When it was recorded there: not in the future.
             */
            registered_at: string;
        };
        /** @description RFC 9457 problem document as served (documentation schema). */
        Problem: {
            /** @description URI identifying the problem type: `urn:plate-permits:problem:<code>`. */
            type: string;
            /** @description Short summary, localised (Persian by default, English with `Accept-Language: en`). */
            title: string;
            /**
             * Format: int32
             * @description The HTTP status code.
             */
            status: number;
            /** @description Explanation of this occurrence, localised. */
            detail: string;
            /** @description Stable machine-readable code (snake_case). */
            code: components["schemas"]["ErrorCode"];
            /**
             * @description Field errors (for `validation_failed` and similar; for `invalid_query`, the parameter at
             *     fault); empty otherwise.
             */
            errors: components["schemas"]["ProblemFieldError"][];
            /** @description For `invalid_transition`: the resource's current status. */
            current_status?: string | null;
            /**
             * @description For `duplicate`: the tracking code of the existing open request, when the caller may
             *     know it.
             */
            existing_tracking_code?: string | null;
            /** @description For `duplicate`: the field whose value is already taken (e.g. `national_id`). */
            field?: string | null;
            /** @description For `cursor_ahead`: the newest event id the feed holds (resume from it or lower). */
            newest_id?: string | null;
            /** @description For `documents_missing`: the asked document types that have no upload since the ask. */
            missing_document_types?: string[] | null;
            /**
             * @description For `validation_failed` on a due date that is not a working day: the next working day
             *     of the calendar (ISO), and its Jalali twin.
             */
            next_working_day?: string | null;
            /** @example 1405/09/21 */
            next_working_day_jalali?: string | null;
            /**
             * Format: int64
             * @description For `payload_too_large`: the limit in bytes (0 when the framework's own limit hit).
             */
            limit_bytes?: number | null;
            /**
             * Format: int64
             * @description For `rate_limited`, `maintenance` and `service_unavailable` (e.g. no database primary
             *     reachable during a failover): seconds until a retry may succeed (also sent as
             *     `Retry-After`).
             */
            retry_after?: number | null;
            /** @description For `maintenance`: the notice announcing the read-only window. */
            notice?: Record<string, never> | null;
            /**
             * @description For the token endpoint's errors (`invalid_client`, `invalid_request`,
             *     `unsupported_grant_type`): the RFC 6749 §5.2 error code, so that OAuth 2.0 client
             *     libraries read it where they expect it.
             */
            error?: string | null;
            /** @description With `error`: the RFC 6749 §5.2 `error_description` (English, ASCII as the RFC requires). */
            error_description?: string | null;
        };
        ProblemFieldError: {
            /** @description JSON path of the field, e.g. `vehicle.plate`. */
            field: string;
            /** @description Stable machine code, e.g. `invalid_plate`. */
            code: string;
            /** @description Localised message. */
            message: string;
        };
        /** @description A published public key. */
        PublicKeyView: {
            /**
             * @description 8 characters: base64url of the first 6 bytes of SHA-256 of the raw public key.
             * @example q3Xv0b1T
             */
            key_id: string;
            /**
             * @description The raw 32-byte Ed25519 public key, base64url without padding.
             * @example Wq5uI3aTzW3l4z1H2Lr8v9CkRkq0lP3sQ7pQ3D0cJzM
             */
            public_key: string;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description When it stopped signing (a rotation); it still verifies what it signed.
             */
            retired_at?: string | null;
            /**
             * @description `active` (signs new permits) or `retired`.
             * @example active
             */
            status: string;
        };
        /**
         * @description Why the plate is to be removed.
         * @enum {string}
         */
        Reason: "auction_sale" | "scrapping" | "transfer" | "total_loss" | "other";
        /** @description A note for `withdraw`. */
        ReasonBody: {
            /**
             * @description Why (1–2000 characters).
             * @example مدارک مالکیت با مشخصات خودرو مطابقت ندارد.
             */
            reason: string;
        };
        /** @description The receipt's part of `permit.receipt_recorded`. */
        ReceiptEventData: {
            /** Format: uuid */
            receipt_id: string;
            outcome: components["schemas"]["Outcome"];
            receipt_number: string;
            /** Format: date-time */
            occurred_at: string;
            refusal_reason?: null | components["schemas"]["RefusalReason"];
        };
        /**
         * @description The `data` of `receipt.record_attached`: the signed removal record the police attached (or
         *     replaced) for their receipt.
         */
        ReceiptRecordAttachedData: {
            /** Format: uuid */
            permit_id: string;
            permit_number: string;
            /** Format: uuid */
            receipt_id: string;
            /** Format: uuid */
            document_id: string;
            content_type: string;
            /** Format: int64 */
            size: number;
            sha256: string;
            /**
             * Format: int64
             * @description 1 for the first record, one more for each replacement.
             */
            version: number;
            /** @description Whether an earlier record was replaced. */
            replaced: boolean;
        };
        /**
         * ReceiptRecordAttachedEvent
         * @description `receipt.record_attached`: The traffic police attached (or replaced) the signed removal record of their receipt (subject: the permit).
         */
        ReceiptRecordAttachedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "receipt.record_attached";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["ReceiptRecordAttachedData"];
        };
        /**
         * @description The type of a `ReceiptRecordAttachedEvent`: always `receipt.record_attached`.
         * @enum {string}
         */
        ReceiptRecordAttachedEventType: "receipt.record_attached";
        /** @description The police refused the removal: `refusal_reason` (`other` needs `notes`). */
        ReceiptRefused: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            outcome: "refused";
            /** @example R-5521 */
            receipt_number: string;
            /**
             * Format: date-time
             * @description When the plates were removed (or the removal refused). Within the permit's life — from
             *     5 minutes before `issued_at` (clock skew) to 5 minutes after `valid_until` — and not
             *     more than 5 minutes in the future; else 422 on `occurred_at` (`before_issue`,
             *     `after_validity`, `future_date`).
             */
            occurred_at: string;
            /**
             * Format: int32
             * @description Plates removed: 1 or 2. Required when `outcome` is `removed`; `1` needs `notes`.
             */
            plates_count?: number | null;
            /**
             * @description Why the police did not remove the plates. Required when `outcome` is `refused` (and only
             *     then); `other` needs `notes`.
             */
            refusal_reason: components["schemas"]["RefusalReason"];
            officer_name?: string | null;
            unit?: string | null;
            /**
             * @description Required when `refusal_reason` is `other`, when `plates_count` is 1 (why one plate),
             *     and when the receipt is posted more than `RECEIPT_LATE_DAYS` (default 30) after
             *     `valid_until` (why so late; else 422 `late_receipt` on `notes`).
             */
            notes?: string | null;
        };
        /** @description The plates were removed: `plates_count` (1 or 2; `1` needs `notes`), no `refusal_reason`. */
        ReceiptRemoved: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            outcome: "removed";
            /** @example R-5521 */
            receipt_number: string;
            /**
             * Format: date-time
             * @description When the plates were removed (or the removal refused). Within the permit's life — from
             *     5 minutes before `issued_at` (clock skew) to 5 minutes after `valid_until` — and not
             *     more than 5 minutes in the future; else 422 on `occurred_at` (`before_issue`,
             *     `after_validity`, `future_date`).
             */
            occurred_at: string;
            /**
             * Format: int32
             * @description Plates removed: 1 or 2. Required when `outcome` is `removed`; `1` needs `notes`.
             */
            plates_count: number;
            officer_name?: string | null;
            unit?: string | null;
            /**
             * @description Required when `refusal_reason` is `other`, when `plates_count` is 1 (why one plate),
             *     and when the receipt is posted more than `RECEIPT_LATE_DAYS` (default 30) after
             *     `valid_until` (why so late; else 422 `late_receipt` on `notes`).
             */
            notes?: string | null;
        };
        ReceiptView: {
            /** Format: uuid */
            id: string;
            outcome: components["schemas"]["Outcome"];
            /**
             * @description `outcome` as people read it (Persian).
             * @example پلاک فک شد
             */
            outcome_label_fa: string;
            receipt_number: string;
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            /** Format: int32 */
            plates_count?: number | null;
            refusal_reason?: null | components["schemas"]["RefusalReason"];
            /**
             * @description `refusal_reason` as people read it.
             * @example خلافی پرداخت‌نشده
             */
            refusal_reason_label_fa?: string | null;
            officer_name?: string | null;
            unit?: string | null;
            notes?: string | null;
            /** Format: date-time */
            recorded_at: string;
            /**
             * @description `recorded_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            recorded_at_jalali: string;
            removal_record?: null | components["schemas"]["RemovalRecordView"];
        };
        /** @description The multipart form of a removal record (documentation schema). */
        RecordForm: {
            /**
             * Format: binary
             * @description The signed record, scanned: PDF, JPEG or PNG, judged by its bytes; at most the
             *     configured size (default 10 MiB).
             */
            file: Blob;
        };
        RefreshRequest: {
            /**
             * @description The refresh token. Omitted by a browser session: the `pp_refresh` cookie carries it,
             *     and the call must send `X-CSRF-Token` equal to the `pp_csrf` cookie.
             */
            refresh_token?: string | null;
        };
        /**
         * @description Why the traffic police did not remove the plates.
         * @enum {string}
         */
        RefusalReason: "unpaid_fines" | "vehicle_not_presented" | "identity_mismatch" | "judicial_seizure" | "other";
        /** @description The agency's request for a new permit. */
        ReissueBody: {
            /**
             * @description 1–2000 characters. Required after the police's refusal: how its cause was resolved
             *     (e.g. the fines paid, with the payment's reference); optional after an expiry.
             * @example جریمه‌های معوق پرداخت شد؛ شمارهٔ پیگیری پرداخت ۷۷۴۱۲۰۹
             */
            note?: string | null;
        };
        /**
         * @description Rejecting a request: a coded reason the directorate can count, and the text the agency
         *     reads.
         */
        RejectBody: {
            /**
             * @description Why, as a code (required): `incomplete_documents` (نقص مدارک), `not_government_vehicle`
             *     (خودرو دولتی نیست), `ownership_unclear` (ابهام در مالکیت), `duplicate_request` (درخواست
             *     تکراری) or `other` (سایر). Stored on the request (`rejection_reason`) and counted in
             *     `GET /reports/sla`. Missing or unknown is 422 naming `reason_code`.
             */
            reason_code: components["schemas"]["RejectionReason"];
            /**
             * @description Why, in words (1–2000 characters, required); kept as the history entry's note.
             * @example مدارک مالکیت با مشخصات خودرو مطابقت ندارد.
             */
            reason: string;
        };
        /**
         * @description Why the directorate rejected a request.
         * @enum {string}
         */
        RejectionReason: "incomplete_documents" | "not_government_vehicle" | "ownership_unclear" | "duplicate_request" | "other";
        /** @description The signed removal record attached to a receipt (metadata; the bytes at `download_url`). */
        RemovalRecordView: {
            /**
             * Format: uuid
             * @description The stored file's id.
             */
            document_id: string;
            /**
             * @description The uploader's file name, sanitised (metadata only; the download has a server-made name).
             * @example صورتجلسه.pdf
             */
            filename: string;
            /**
             * @description Decided by the file's bytes: `application/pdf`, `image/jpeg` or `image/png`.
             * @example application/pdf
             */
            content_type: string;
            /**
             * Format: int64
             * @description Bytes.
             */
            size: number;
            /** @description Hex SHA-256 of the bytes. */
            sha256: string;
            /**
             * Format: int32
             * @description 1 for the first file attached, one more for each replacement.
             */
            version: number;
            /** Format: date-time */
            attached_at: string;
            /**
             * @description `attached_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۸/۰۳ ۱۰:۳۰
             */
            attached_at_jalali: string;
            /** @description User id of the police officer (or system) that attached it. */
            attached_by: string;
            /**
             * Format: uuid
             * @description The police unit that posted the receipt (the only one that may replace the record).
             */
            police_organisation_id: string;
            /**
             * @description Whether the police may still replace it: until the removal is registered in the
             *     national vehicle system.
             */
            replaceable: boolean;
            /**
             * @description Where to download the bytes.
             * @example /api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record
             */
            download_url: string;
        };
        /**
         * @description The person who brings the vehicle to the police for the removal (نمایندهٔ دستگاه), named
         *     on the printed permit.
         */
        RepresentativeInput: {
            /**
             * @description 2–100 characters.
             * @example علی رضایی
             */
            full_name: string;
            /**
             * @description Iranian national code (کد ملی): 10 digits with a valid check digit; Persian, Arabic or
             *     ASCII digits, spaces and dashes accepted; stored as 10 ASCII digits.
             * @example 0012345679
             */
            national_code: string;
            /**
             * @description Iranian mobile: `09xxxxxxxxx`, `+989…`, Persian digits accepted; optional.
             * @example 09141234567
             */
            mobile?: string | null;
        };
        /**
         * @description The person who brings the vehicle to the police. Personal data: shown only to the owning
         *     agency, the directorate and administrators.
         */
        RepresentativeView: {
            /** @example علی رضایی */
            full_name: string;
            /**
             * @description 10 ASCII digits.
             * @example 0012345679
             */
            national_code: string;
            /** @example 09141234567 */
            mobile?: string | null;
        };
        /**
         * RequestCompletedEvent
         * @description `request.completed`: The removal was registered in the national vehicle system; the request is closed (subject: the request; sent after the transition's `request.status_changed`).
         */
        RequestCompletedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "request.completed";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["RequestStatusChangedData"];
        };
        /**
         * @description The type of a `RequestCompletedEvent`: always `request.completed`.
         * @enum {string}
         */
        RequestCompletedEventType: "request.completed";
        /**
         * @description The `data` of `request.corrected`: which fields the agency corrected (names only: the
         *     values may be personal data, read them from the request's history).
         */
        RequestCorrectedData: {
            /** Format: uuid */
            request_id: string;
            tracking_code: string;
            /** Format: uuid */
            organisation_id: string;
            status: components["schemas"]["RequestStatus"];
            /**
             * @description The corrected fields' API paths.
             * @example [
             *       "vehicle.chassis_number"
             *     ]
             */
            fields: string[];
            /**
             * Format: int64
             * @description The request's version after the correction.
             */
            version: number;
        };
        /**
         * RequestCorrectedEvent
         * @description `request.corrected`: The agency corrected a request's data (`PATCH /requests/{id}`); `data.fields` names the corrected fields, the history holds their old and new values (subject: the request).
         */
        RequestCorrectedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "request.corrected";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["RequestCorrectedData"];
        };
        /**
         * @description The type of a `RequestCorrectedEvent`: always `request.corrected`.
         * @enum {string}
         */
        RequestCorrectedEventType: "request.corrected";
        /**
         * RequestDocumentsOverdueEvent
         * @description `request.documents_overdue`: The due date of the latest ask for documents passed with documents still missing; the request is flagged `documents_overdue` in the directorate's queue and stays in `awaiting_documents` (subject: the request).
         */
        RequestDocumentsOverdueEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "request.documents_overdue";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["DocumentsOverdueData"];
        };
        /**
         * @description The type of a `RequestDocumentsOverdueEvent`: always `request.documents_overdue`.
         * @enum {string}
         */
        RequestDocumentsOverdueEventType: "request.documents_overdue";
        /**
         * @description Where a plate-removal request stands.
         * @enum {string}
         */
        RequestStatus: "submitted" | "under_review" | "awaiting_documents" | "returned_for_correction" | "permit_issued" | "permit_expired" | "plate_removed" | "removal_refused" | "completed" | "rejected" | "withdrawn";
        /**
         * @description The `data` of `request.status_changed` (every transition) and of `request.completed` (the
         *     transition to `completed`, sent after its `request.status_changed`). `version` is the
         *     request's version after the step: order a request's events by it.
         */
        RequestStatusChangedData: {
            /** Format: uuid */
            request_id: string;
            tracking_code: string;
            /** Format: uuid */
            organisation_id: string;
            from: components["schemas"]["RequestStatus"];
            to: components["schemas"]["RequestStatus"];
            action: components["schemas"]["Action"];
            /** Format: int64 */
            version: number;
            actor_role: components["schemas"]["StepActorRole"];
        };
        /**
         * RequestStatusChangedEvent
         * @description `request.status_changed`: A request moved from one status to another, on every transition (subject: the request).
         */
        RequestStatusChangedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "request.status_changed";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["RequestStatusChangedData"];
        };
        /**
         * @description The type of a `RequestStatusChangedEvent`: always `request.status_changed`.
         * @enum {string}
         */
        RequestStatusChangedEventType: "request.status_changed";
        /** @description The `data` of `request.submitted`: the request as filed, without contact details. */
        RequestSubmittedData: {
            /** Format: uuid */
            request_id: string;
            tracking_code: string;
            /** Format: uuid */
            organisation_id: string;
            status: components["schemas"]["RequestStatus"];
            plate: string;
            /** @description `null` for a vehicle filed with a chassis number only. */
            vin?: string | null;
            /** @description `null` for a vehicle filed with a VIN only. */
            chassis_number?: string | null;
            reason: components["schemas"]["Reason"];
        };
        /**
         * RequestSubmittedEvent
         * @description `request.submitted`: An agency filed a request (subject: the request).
         */
        RequestSubmittedEvent: {
            /** @description Ordered event id (a decimal string); also the `webhook-id` of its deliveries. */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "request.submitted";
            /** Format: date-time */
            occurred_at: string;
            /**
             * @description `occurred_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            occurred_at_jalali: string;
            subject: components["schemas"]["Subject"];
            data: components["schemas"]["RequestSubmittedData"];
        };
        /**
         * @description The type of a `RequestSubmittedEvent`: always `request.submitted`.
         * @enum {string}
         */
        RequestSubmittedEventType: "request.submitted";
        /** @description A plate-removal request. */
        RequestView: {
            /** Format: uuid */
            id: string;
            /**
             * @description Unique tracking code (12 digits, the last a Verhoeff check digit).
             * @example 482177305512
             */
            tracking_code: string;
            status: components["schemas"]["RequestStatus"];
            /** @description The status as applicants read it (Persian). */
            status_label_fa: string;
            /** Format: uuid */
            organisation_id: string;
            vehicle: components["schemas"]["VehicleView"];
            reason: components["schemas"]["Reason"];
            /**
             * @description `reason` as people read it (Persian).
             * @example فروش از طریق مزایده
             */
            reason_label_fa: string;
            reason_details?: string | null;
            letter: components["schemas"]["LetterView"];
            contact?: null | components["schemas"]["ContactView"];
            representative?: null | components["schemas"]["RepresentativeView"];
            description?: string | null;
            /**
             * Format: uuid
             * @description The directorate reviewer who took the request, once taken.
             */
            reviewer_id?: string | null;
            rejection_reason?: null | components["schemas"]["RejectionReason"];
            /**
             * @description The rejection reason as people read it (Persian), e.g. `نقص مدارک`; `null` with
             *     `rejection_reason`.
             * @example نقص مدارک
             */
            rejection_reason_label_fa?: string | null;
            /**
             * @description Whether the agency corrected the request (`PATCH /requests/{id}`) since the
             *     directorate's last step on it. Cleared by the directorate's next step (review, asking
             *     for documents, permit, rejection, revocation, reopening): a step needs the request's
             *     current `ETag`, so the directorate acted on the corrected data.
             */
            corrected_since_review: boolean;
            /**
             * @description The fields corrected since the directorate's last step (API paths, in the order of
             *     the form); empty when none. Old and new values are in the history (action `correct`).
             * @example [
             *       "vehicle.chassis_number",
             *       "contact.mobile"
             *     ]
             */
            corrected_fields: string[];
            /**
             * Format: date-time
             * @description When the latest of those corrections was made; `null` when none.
             */
            corrected_at?: string | null;
            /**
             * @description `corrected_at` in the service's time zone as a Solar Hijri date and 24-hour time with
             *     Persian digits; `null` with it.
             * @example ۱۴۰۵/۰۹/۱۶ ۱۱:۰۵
             */
            corrected_at_jalali?: string | null;
            /**
             * @description Whether the due date of the latest ask for documents passed with documents still
             *     missing (the request waits in `awaiting_documents`; it is not closed by itself). Listed
             *     with `GET /requests?documents_overdue=true`; cleared when the request leaves
             *     `awaiting_documents`.
             */
            documents_overdue: boolean;
            /**
             * Format: date-time
             * @description Since when (the end of the due day, service time); `null` unless `documents_overdue`.
             */
            documents_overdue_since?: string | null;
            /** @description Actions the caller can take now. */
            allowed_actions: components["schemas"]["Action"][];
            /** @description The service-level clock of the current stage. */
            sla: components["schemas"]["SlaView"];
            /**
             * Format: uuid
             * @description The batch the request was filed in (`GET /request-batches/{id}`); absent for a request
             *     filed alone.
             */
            batch_id?: string | null;
            /**
             * Format: int64
             * @description The resource version (also the `ETag`).
             */
            version: number;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            updated_at_jalali: string;
        };
        /** @description Resolving a conflict: what the directorate did about it. */
        ResolveConflict: {
            /**
             * @description What was done (e.g. the blocking request was withdrawn or rejected, or it stands and
             *     the agency was told), 2–2000 characters.
             * @example با دستگاه نخست هماهنگ شد؛ درخواست پیشین آن انصراف داده شد.
             */
            note: string;
        };
        ResponseBody: {
            body: string;
        };
        ResubmitBody: {
            note?: string | null;
        };
        /** @description The revocation's part of `permit.revoked`. */
        RevocationEventData: {
            /** Format: date-time */
            revoked_at: string;
            revocation_reason: components["schemas"]["RevocationReason"];
            revocation_notes?: string | null;
        };
        /**
         * @description Why the directorate revoked (ابطال) a permit.
         * @enum {string}
         */
        RevocationReason: "issued_in_error" | "request_withdrawn" | "vehicle_status_changed" | "other";
        /** @description A permit's revocation (ابطال). */
        RevocationView: {
            /** Format: date-time */
            revoked_at: string;
            /**
             * @description `revoked_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            revoked_at_jalali: string;
            /** @description `request_withdrawn` when the agency withdrew its request. */
            reason_code: components["schemas"]["RevocationReason"];
            /** @example صدور اشتباه */
            reason_label_fa: string;
            notes?: string | null;
        };
        /** @description Revoking for a coded reason; `notes` optional. */
        RevokeForCause: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            reason_code: "issued_in_error" | "request_withdrawn" | "vehicle_status_changed";
            /** @description Required when `reason_code` is `other`. */
            notes?: string | null;
        };
        /** @description Revoking for another reason, explained in `notes`. */
        RevokeForOther: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            reason_code: "other";
            /** @description Required when `reason_code` is `other`. */
            notes: string;
        };
        /** @description Revoking (ابطال) a permit the police have not acted on. */
        RevokePermit: components["schemas"]["RevokeForCause"] | components["schemas"]["RevokeForOther"];
        /**
         * @description What a user may do. Each role belongs to one kind of organisation.
         * @enum {string}
         */
        Role: "agency" | "directorate" | "police" | "registry" | "admin";
        RotatedSecret: {
            /** @description The new secret, shown once; the old one keeps signing alongside it for 24 hours. */
            secret: string;
        };
        /**
         * @description What a rule decides on the days it is in force.
         * @enum {string}
         */
        RuleKind: "weekend" | "office_hours" | "closure";
        /** @description The rule that made a day non-working or shortened it, as explanations name it. */
        RuleRef: {
            id: string;
            kind: components["schemas"]["RuleKind"];
            /** @example تعطیلی پنجشنبه‌ها */
            title: string;
        };
        /** @description A service account as the API shows it (never its secret). */
        ServiceAccount: {
            /** Format: uuid */
            id: string;
            /**
             * @description The client id it authenticates with at `POST /auth/token`.
             * @example svc_4f1c2a9e0b7d3c5a8e6f1b2d
             */
            client_id: string;
            /** @example سامانهٔ پلیس راهور تهران */
            name: string;
            role: components["schemas"]["Role"];
            /**
             * @description `role` as people read it (Persian).
             * @example پلیس راهور
             */
            role_label_fa: string;
            /** Format: uuid */
            organisation_id: string;
            /** @description A disabled account gets no token, and its live tokens are refused at once. */
            disabled: boolean;
            /**
             * Format: date-time
             * @description When the client last obtained a token (`null`: never).
             */
            last_used_at?: string | null;
            /**
             * @description `last_used_at` in the service's time zone, Solar Hijri with Persian digits.
             * @example ۱۴۰۵/۰۹/۰۵ ۰۹:۱۵
             */
            last_used_at_jalali?: string | null;
            /**
             * Format: date-time
             * @description When the secret was last rotated (`null`: never).
             */
            secret_rotated_at?: string | null;
            /**
             * Format: date-time
             * @description Until when the secret before the last rotation is still accepted (`null`: it is not).
             */
            previous_secret_expires_at?: string | null;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone, Solar Hijri with Persian digits.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description `updated_at` in the service's time zone, Solar Hijri with Persian digits.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            updated_at_jalali: string;
        };
        /** @description A service account with its new client secret: shown this once (creation, rotation). */
        ServiceAccountWithSecret: components["schemas"]["ServiceAccount"] & {
            /**
             * @description The client secret. It is stored only as a hash: keep it now, it is never shown again.
             * @example pps_3q2-7wEvE0xJ5d0m8ZkQY5m2eS1vT0cQeXbS2r9aH1E
             */
            client_secret: string;
        };
        /** @description Who signed the permit: the directorate user who issued it, as they were then. */
        SignatoryView: {
            /** @example مریم کریمی */
            full_name: string;
            /**
             * @description The post (سمت); `null` when the user had none set.
             * @example معاون اموال دولتی
             */
            position?: string | null;
        };
        /** @description The public keys that sign printed permits. */
        SigningKeys: {
            /**
             * @description Always `Ed25519`.
             * @example Ed25519
             */
            algorithm: string;
            /**
             * @description The signed message, with its fields in order.
             * @example PP1|<permit_number>|<plate>|<valid_until>
             */
            message_format: string;
            /**
             * @description Every key, oldest first: the active one signs new permits; retired ones still verify
             *     the permits they signed.
             */
            keys: components["schemas"]["PublicKeyView"][];
        };
        /** @description How a request's SLA clocks were computed. */
        SlaExplanation: {
            /** Format: uuid */
            request_id: string;
            tracking_code: string;
            status: components["schemas"]["RequestStatus"];
            /**
             * @description `status` as people read it (Persian).
             * @example در حال بررسی
             */
            status_label_fa: string;
            sla: components["schemas"]["SlaView"];
            calendar: components["schemas"]["CalendarRules"];
            runs: components["schemas"]["StageRunView"][];
            /** Format: date-time */
            computed_at: string;
            /**
             * @description `computed_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            computed_at_jalali: string;
        };
        /** @description Figures over a set of requests. */
        SlaFigures: {
            /**
             * Format: int64
             * @description Requests filed in the range.
             */
            requests: number;
            /** @description Requests by current status (every status present, zero included). */
            by_status: {
                [key: string]: number;
            };
            stages: components["schemas"]["StageSet"];
            /**
             * Format: int64
             * @description Requests whose clock is running past its deadline now.
             */
            overdue_now: number;
            feedback: components["schemas"]["FeedbackStats"];
            /** @description Police refusals to remove the plates, by `refusal_reason`: every receipt with outcome `refused` on a request filed in the range counts once (a request refused twice counts twice). Every code is present, zero included; refusals recorded before reasons were coded count under none. CSV: columns `refusal_<code>`. */
            refusal_reasons: {
                /** Format: int64 */
                unpaid_fines: number;
                /** Format: int64 */
                vehicle_not_presented: number;
                /** Format: int64 */
                identity_mismatch: number;
                /** Format: int64 */
                judicial_seizure: number;
                /** Format: int64 */
                other: number;
            };
            /** @description Rejected requests filed in the range, by `rejection_reason`. Every code is present, zero included; requests rejected before reasons were coded count under none (they still count in `by_status.rejected`). CSV: columns `rejection_<code>`. */
            rejection_reasons: {
                /** Format: int64 */
                incomplete_documents: number;
                /** Format: int64 */
                not_government_vehicle: number;
                /** Format: int64 */
                ownership_unclear: number;
                /** Format: int64 */
                duplicate_request: number;
                /** Format: int64 */
                other: number;
            };
        };
        /** @description The service-level report. */
        SlaReport: {
            /** Format: date */
            from?: string | null;
            from_jalali?: string | null;
            /** Format: date */
            to?: string | null;
            to_jalali?: string | null;
            /** Format: date-time */
            generated_at: string;
            /**
             * @description `generated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            generated_at_jalali: string;
            /** @description Budgets in working days the shares are measured against. */
            budgets: components["schemas"]["Budgets"];
            /**
             * @description Whose calendar each stage's working days are counted on (durations are whole working
             *     days after the step's start day, as the clocks count them).
             */
            calendars: components["schemas"]["StageCalendars"];
            overall: components["schemas"]["SlaFigures"];
            /** @description One entry per agency with requests in the range, by name. */
            agencies: components["schemas"]["AgencyFigures"][];
        };
        /** @description A request's service-level clock now. */
        SlaView: {
            stage?: null | components["schemas"]["Stage"];
            /**
             * @description `stage` as people read it (Persian); `null` with `stage`.
             * @example بررسی و تصمیم اداره کل
             */
            stage_label_fa?: string | null;
            clock: components["schemas"]["ClockState"];
            /**
             * @description `clock` as people read it (Persian).
             * @example در جریان
             */
            clock_label_fa: string;
            /**
             * Format: int64
             * @description The stage's budget in working days.
             */
            budget_working_days?: number | null;
            /**
             * Format: double
             * @description Working days the stage has used (pauses excluded): the working days after the step's
             *     start day that have begun, on the calendar of the party that owes the step.
             * @example 2
             */
            elapsed_working_days: number;
            /**
             * Format: double
             * @description Budget left; negative once overdue.
             */
            remaining_working_days?: number | null;
            /**
             * Format: date-time
             * @description When the budget runs (or ran) out; only while the clock runs.
             */
            due_at?: string | null;
            /** @description `due_at`'s date in the Solar Hijri calendar (service time zone), `1403/08/20`. */
            due_date_jalali?: string | null;
            /**
             * @description `due_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`. `null` with `due_at`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            due_at_jalali?: string | null;
            /** @description The clock runs and `due_at` has passed. */
            overdue: boolean;
            calendar?: null | components["schemas"]["Party"];
            /**
             * @description `calendar` as people read it (Persian).
             * @example تقویم کاری اداره کل
             */
            calendar_label_fa?: string | null;
        };
        /** @description Requests filed and closed per week over a period. */
        SlaWeekly: {
            /**
             * Format: date
             * @description The period's first day (a Saturday: the Saturday on or before the `from` asked for).
             */
            from: string;
            /** @example 1405/07/05 */
            from_jalali: string;
            /**
             * Format: date
             * @description The period's last day.
             */
            to: string;
            /** @example 1405/09/21 */
            to_jalali: string;
            /** Format: date-time */
            generated_at: string;
            /**
             * @description `generated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            generated_at_jalali: string;
            /** @description Oldest week first, every week present (zero included). */
            weeks: components["schemas"]["WeekFigures"][];
        };
        /**
         * @description What a message announces; each has its own template.
         * @enum {string}
         */
        SmsEvent: "filed" | "documents_requested" | "documents_due" | "permit_issued" | "permit_expired" | "permit_revoked" | "removal_refused" | "completed" | "rejected" | "withdrawn" | "complaint_answered" | "batch_filed" | "batch_progress" | "outage" | "maintenance";
        /** @enum {string} */
        SpanState: "running" | "paused";
        SpanView: {
            state: components["schemas"]["SpanState"];
            /** Format: date-time */
            start: string;
            /**
             * @description `start` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            start_jalali: string;
            /**
             * Format: date-time
             * @description `null` while open.
             */
            end?: string | null;
            /**
             * @description `end` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`. `null` with `end`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            end_jalali?: string | null;
            /**
             * @description Whose working days the span is measured in: the stage's party while running, the
             *     agencies' while paused for their documents.
             */
            calendar: components["schemas"]["Party"];
            /**
             * Format: int64
             * @description Working days the span took on that calendar (so far, while open).
             */
            working_days: number;
        };
        /**
         * @description A stage with its own budget.
         * @enum {string}
         */
        Stage: "decision" | "police" | "registration";
        /** @description Whose working days each stage counts. */
        StageCalendars: {
            decision: components["schemas"]["Party"];
            police: components["schemas"]["Party"];
            registration: components["schemas"]["Party"];
        };
        /** @description One run of a stage. */
        StageRunView: {
            stage: components["schemas"]["Stage"];
            /**
             * @description `stage` as people read it (Persian).
             * @example بررسی و تصمیم اداره کل
             */
            stage_label_fa: string;
            /**
             * @description Whose working days the run counted (the party that owes the step); its `days` are
             *     that calendar's.
             */
            calendar: components["schemas"]["Party"];
            /** @example تقویم کاری اداره کل */
            calendar_label_fa: string;
            /** Format: int64 */
            budget_working_days: number;
            /** Format: date-time */
            started_at: string;
            /**
             * @description `started_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            started_at_jalali: string;
            /**
             * Format: date-time
             * @description `null` while the stage is open.
             */
            ended_at?: string | null;
            /**
             * @description `ended_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`. `null` with `ended_at`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            ended_at_jalali?: string | null;
            /**
             * @description Ended by its own outcome (decision, receipt, registration); `false` when withdrawn or
             *     reopened, or still open.
             */
            completed: boolean;
            /** Format: double */
            elapsed_working_days: number;
            /**
             * Format: date-time
             * @description When the budget runs (or ran) out; `null` if it never did and the clock is not running.
             */
            due_at?: string | null;
            due_date_jalali?: string | null;
            /**
             * @description `due_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`. `null` with `due_at`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            due_at_jalali?: string | null;
            /** @description For completed runs: whether they finished within the budget. */
            within_budget?: boolean | null;
            spans: components["schemas"]["SpanView"][];
            /** @description Every calendar day of the run, with what counted. */
            days: components["schemas"]["DayEntry"][];
        };
        StageSet: {
            decision: components["schemas"]["StageStats"];
            police: components["schemas"]["StageStats"];
            registration: components["schemas"]["StageStats"];
        };
        /** @description Durations of one stage over the requests that completed it. */
        StageStats: {
            /**
             * Format: int64
             * @description Runs of the stage that ended with its outcome (latest run per request).
             */
            completed: number;
            /**
             * Format: double
             * @description Median working days (nearest rank); `null` without completed runs.
             */
            median_working_days?: number | null;
            /**
             * Format: double
             * @description 90th percentile of working days (nearest rank).
             */
            p90_working_days?: number | null;
            /**
             * Format: int64
             * @description How many completed within the budget.
             */
            within_budget: number;
            /**
             * Format: double
             * @description `within_budget / completed`, 0–1.
             */
            within_budget_share?: number | null;
        };
        /** @description How many of the batch's requests stand in one status. */
        StatusCount: {
            status: components["schemas"]["RequestStatus"];
            /**
             * @description `status` as people read it (Persian).
             * @example مجوز صادر و به پلیس راهور ارسال شد
             */
            status_label_fa: string;
            /**
             * Format: int64
             * @example 38
             */
            count: number;
        };
        /**
         * @description Who took a step: a user's role, or `system` for the service's own steps (an expiry).
         * @enum {string}
         */
        StepActorRole: "agency" | "directorate" | "police" | "registry" | "admin" | "system";
        Subject: {
            kind: components["schemas"]["SubjectKind"];
            /** Format: uuid */
            id: string;
            tracking_code?: string | null;
        };
        /**
         * @description What an event is about; it decides who may read the event.
         * @enum {string}
         */
        SubjectKind: "request" | "permit" | "complaint" | "notice" | "working_rule";
        TemplateList: {
            items: components["schemas"]["TemplateView"][];
        };
        /** @description A message template: the text in effect, the built-in one, and the placeholders it may use. */
        TemplateView: {
            event: components["schemas"]["SmsEvent"];
            /** @description The text in effect (the administrator's, or the built-in one). */
            body: string;
            default_body: string;
            /** @description Whether an administrator replaced the built-in text. */
            overridden: boolean;
            /** @description Placeholder names this event's text may use, written `{name}`. */
            placeholders: string[];
            /**
             * @description The text in effect filled with typical values and this service's signature, as an
             *     applicant would read it.
             */
            example: string;
            /**
             * Format: int32
             * @description How many SMS parts [`example`](Self::example) takes (70 characters in one UCS-2 part,
             *     67 in each part of a longer message).
             * @example 1
             */
            parts: number;
            /**
             * Format: int32
             * @description How many parts the built-in text takes with typical values (its stated length).
             */
            default_parts: number;
            /** Format: date-time */
            updated_at?: string | null;
        };
        TemporaryPassword: {
            /** @description Give it to the user over a trusted channel; it must be changed at first sign-in. */
            temporary_password: string;
        };
        /**
         * @description Where the sign-in's refresh token goes.
         * @enum {string}
         */
        TokenDelivery: "body" | "cookie";
        TokenResponse: {
            /** @description Bearer access token (JWT), valid for `expires_in` seconds. */
            access_token: string;
            /**
             * @description Always `Bearer`.
             * @enum {string}
             */
            token_type: "Bearer";
            /**
             * Format: int64
             * @description Access-token lifetime in seconds.
             * @example 900
             */
            expires_in: number;
            /**
             * @description Single-use refresh token; exchange it at `/auth/refresh` for a new pair. Absent when
             *     the sign-in asked for `token_delivery: "cookie"`: it is then in the `pp_refresh` cookie.
             */
            refresh_token?: string;
            /** @description When true, every call but `/auth/*` and `GET /me` answers 403 `password_change_required`. */
            must_change_password: boolean;
            user: components["schemas"]["User"];
        };
        TrackView: {
            /** @example 482177305512 */
            tracking_code: string;
            /**
             * @description What the code tracks.
             * @enum {string}
             */
            kind: "request" | "complaint";
            /** @example under_review */
            status: string;
            /** @example در حال بررسی */
            status_label_fa: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            updated_at_jalali: string;
        };
        UpdateNotice: {
            title?: string | null;
            body?: string | null;
            /** Format: date-time */
            starts_at?: string | null;
            /**
             * Format: date-time
             * @description Set to now to end a window early.
             */
            ends_at?: string | null;
            read_only?: boolean | null;
        };
        /** @description An administrator's text for the printed permit's body. */
        UpdateOrderTemplate: {
            /**
             * @description Persian text (at most 4000 characters; a line break starts a new line) with named
             *     placeholders, e.g. `{plate}`, and optional passages in square brackets, e.g.
             *     `[ به رنگ {colour}]`, printed only when each of their placeholders has a value.
             *     Optional placeholders (`optional: true`) must stand inside a passage. `null` restores
             *     the built-in text.
             * @example با فک پلاک خودروی {make} {model}[ به رنگ {colour}] به شمارهٔ انتظامی {plate} موافقت می‌شود.
             */
            body?: string | null;
        };
        UpdateOrganisation: {
            name?: string | null;
            national_id?: string | null;
        };
        /** @description Fields an administrator may change. Disabling refuses the account's live tokens at once. */
        UpdateServiceAccount: {
            name?: string | null;
            disabled?: boolean | null;
        };
        /** @description An administrator's text for one event. */
        UpdateTemplate: {
            /**
             * @description Persian text with named placeholders, e.g. `{tracking_code}`; at most 500 characters.
             *     `null` restores the built-in text.
             * @example درخواست شما با کد رهگیری {tracking_code} ثبت شد.
             */
            body?: string | null;
        };
        /** @description Fields an administrator may change. `mobile: null` removes the mobile number. */
        UpdateUser: {
            /** @description 2–200 characters. */
            full_name?: string | null;
            /**
             * @description The user's post (سمت), 2–100 characters; `null` or blank removes it. Permits already
             *     issued keep the post they were signed with.
             * @example معاون اموال دولتی
             */
            position?: string | null;
            /** @description Disabling signs the user out everywhere at once. */
            disabled?: boolean | null;
            mobile?: string | null;
        };
        /**
         * @description Changes to a working rule (its kind cannot change). `null` clears `effective_to` (open-ended),
         *     `weekdays`, `from_time` and `to_time`. The rule as changed is checked as a new one would be.
         */
        UpdateWorkingRule: {
            title?: string | null;
            effective_from?: string | null;
            effective_to?: string | null;
            weekdays?: string[] | null;
            opens?: string | null;
            closes?: string | null;
            from_time?: string | null;
            to_time?: string | null;
            applies_to?: null | components["schemas"]["AppliesTo"];
        };
        /** @description The multipart form of an upload (documentation schema). */
        UploadForm: {
            /**
             * Format: binary
             * @description PDF, JPEG or PNG, judged by its bytes; at most the configured size (default 10 MiB).
             */
            file: Blob;
            document_type: components["schemas"]["DocumentType"];
        };
        /** @description A user as the API shows it. */
        User: {
            /** Format: uuid */
            id: string;
            /** @example m.karimi */
            username: string;
            /** @example مریم کریمی */
            full_name: string;
            /**
             * @description The user's post (سمت), printed under the name of a permit's signatory; `null` when
             *     not set.
             * @example معاون اموال دولتی
             */
            position?: string | null;
            role: components["schemas"]["Role"];
            /**
             * @description `role` as people read it (Persian).
             * @example کارشناس اداره کل
             */
            role_label_fa: string;
            /** Format: uuid */
            organisation_id: string;
            /**
             * @description Iranian mobile `09xxxxxxxxx` (personal data: shown to the user and administrators).
             * @example 09121234567
             */
            mobile?: string | null;
            disabled: boolean;
            must_change_password: boolean;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description `updated_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            updated_at_jalali: string;
        };
        /** @description A filing refused because another agency has an open request for the same vehicle. */
        VehicleConflict: {
            /** Format: uuid */
            id: string;
            status: components["schemas"]["ConflictStatus"];
            /** @example در انتظار رسیدگی */
            status_label_fa: string;
            /** @description The open request that blocked the filing. */
            blocking_request: components["schemas"]["BlockingRequest"];
            /** @description The agency whose filing was refused. */
            refused_organisation: components["schemas"]["ConflictOrganisation"];
            /**
             * Format: uuid
             * @description User id of the agency user whose filing was refused last.
             */
            filed_by: string;
            /** @description The vehicle as the refused agency filed it (last attempt). */
            vehicle: components["schemas"]["ConflictVehicle"];
            /**
             * Format: int32
             * @description Refused filings counted in this conflict (a retry adds one).
             */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone as a Solar Hijri date and 24-hour time with
             *     Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۱۴ ۰۹:۱۵
             */
            created_at_jalali: string;
            /** Format: date-time */
            last_attempt_at: string;
            /**
             * @description `last_attempt_at` in the service's time zone, `YYYY/MM/DD HH:MM` (Persian digits).
             * @example ۱۴۰۵/۰۹/۱۴ ۰۹:۱۵
             */
            last_attempt_at_jalali: string;
            resolution?: null | components["schemas"]["ConflictResolution"];
            /** Format: int64 */
            version: number;
        };
        VehicleInput: {
            /**
             * @description Iranian car plate as clerks type it: number first (`"۱۲ الف ۳۴۵ ایران ۶۷"`,
             *     `"12الف345-67"`) or region first (`"ایران ۱۵ - ۳۵۱ الف ۱۲"`); Persian, Arabic or ASCII
             *     digits in any mix; spaces, dashes of every kind, minus sign, slash or dot between the
             *     parts; `ا`, `آ`, `الـف` for `الف`. Stored canonically (`12الف345-67`). The region must be
             *     one that car plates carry (10–99); motorcycle and free-zone plates are refused with
             *     their own message. Only the configured government letters (default `الف`) are accepted.
             * @example ۱۲ الف ۳۴۵ ایران ۶۷
             */
            plate: string;
            /**
             * @description ISO 3779 VIN: 17 Latin letters and digits, no I, O or Q, not all digits (Persian digits,
             *     spaces and dashes are normalised). Optional; checked only when given (a blank string
             *     counts as not given). At least one of `vin` and `chassis_number` is required.
             * @example NAAM01CA9JK123456
             */
            vin?: string | null;
            /**
             * @description Chassis number (شماره شاسی) of vehicles without a 17-character VIN: free format,
             *     normalised (Persian/Arabic digits to ASCII, upper case, spaces and dashes dropped) to
             *     5–25 Latin letters and digits. Optional; at least one of `vin` and `chassis_number` is
             *     required (422 on `vehicle.chassis_number` when both are missing).
             * @example IRFC841V3AJ123456
             */
            chassis_number?: string | null;
            /**
             * @description Engine number, normalised like `chassis_number` (Persian digits to ASCII, upper case,
             *     spaces and dashes dropped); up to 30 Latin letters, digits and `/`.
             * @example 124K0123456
             */
            engine_number: string;
            /** @example ایران خودرو */
            make: string;
            /** @example سمند LX */
            model: string;
            /**
             * Format: int32
             * @description Model year, Gregorian (e.g. 2012) or Solar Hijri (e.g. 1391); not in the future.
             * @example 1391
             */
            year: number;
            vehicle_type: components["schemas"]["VehicleType"];
            /**
             * @description The vehicle's colour as on its registration card (رنگ), 2–50 characters; optional
             *     (printed on the permit when given).
             * @example سفید
             */
            vehicle_colour?: string | null;
        } & (unknown | unknown);
        /**
         * @description Corrections to the vehicle: only the fields sent change. A blank `vin`, `chassis_number`
         *     or `vehicle_colour` removes it (one of `vin` and `chassis_number` must remain).
         */
        VehiclePatch: {
            /** @example ۱۲ الف ۳۴۵ ایران ۶۷ */
            plate?: string | null;
            vin?: string | null;
            /** @example IRFC841V3AJ123457 */
            chassis_number?: string | null;
            engine_number?: string | null;
            make?: string | null;
            model?: string | null;
            /** Format: int32 */
            year?: number | null;
            vehicle_type?: null | components["schemas"]["VehicleType"];
            vehicle_colour?: string | null;
        };
        /**
         * @description Kind of vehicle.
         * @enum {string}
         */
        VehicleType: "passenger_car" | "pickup" | "van" | "minibus" | "bus" | "truck" | "ambulance" | "special" | "other";
        VehicleView: {
            /**
             * @description Canonical plate, e.g. `12الف345-67`.
             * @example 12الف345-67
             */
            plate: string;
            plate_parts: components["schemas"]["PlateParts"];
            /**
             * @description ISO 3779 VIN; `null` when the vehicle was filed with a chassis number only.
             * @example NAAM01CA9JK123456
             */
            vin?: string | null;
            /**
             * @description Chassis number (شماره شاسی), normalised; `null` when not given.
             * @example IRFC841V3AJ123456
             */
            chassis_number?: string | null;
            engine_number: string;
            make: string;
            model: string;
            /** Format: int32 */
            year: number;
            vehicle_type: components["schemas"]["VehicleType"];
            /**
             * @description `vehicle_type` as people read it (Persian).
             * @example سواری
             */
            vehicle_type_label_fa: string;
            /**
             * @description The colour as filed; `null` when not given (and for requests filed before it was asked).
             * @example سفید
             */
            vehicle_colour?: string | null;
        };
        Webhook: {
            /** Format: uuid */
            id: string;
            url: string;
            types: components["schemas"]["EventType"][];
            /** Format: uuid */
            organisation_id?: string | null;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the service's time zone (`SERVICE_TIMEZONE`) as a Solar Hijri date and
             *     24-hour time with Persian digits, `YYYY/MM/DD HH:MM`.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
        };
        /** @description One week of the weekly flow: Saturday to Friday in the service's time zone. */
        WeekFigures: {
            /**
             * Format: date
             * @description The week's Saturday.
             */
            week_start: string;
            /**
             * @description `week_start` as a Solar Hijri date, `1405/09/15`.
             * @example 1405/09/15
             */
            week_start_jalali: string;
            /**
             * Format: date
             * @description The week's Friday (the last week ends at the period's end instead).
             */
            week_end: string;
            /** @example 1405/09/21 */
            week_end_jalali: string;
            /**
             * Format: int64
             * @description Requests filed in the week.
             */
            filed: number;
            /**
             * Format: int64
             * @description Steps into a terminal status in the week (completed, rejected, withdrawn).
             */
            closed: number;
        };
        /**
         * @description A working rule: weekend days, office hours or a closure in force over a date range. The
         *     fields a kind does not use are `null`.
         */
        WorkingRule: {
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["RuleKind"];
            /**
             * @description `kind` in Persian.
             * @example تعطیلی هفتگی
             */
            kind_label_fa: string;
            /** @example تعطیلی پنجشنبه‌ها */
            title: string;
            /** Format: date */
            effective_from: string;
            /** @example 1405/04/01 */
            effective_from_jalali: string;
            /**
             * Format: date
             * @description Last day in force (inclusive); `null` when open-ended.
             */
            effective_to?: string | null;
            effective_to_jalali?: string | null;
            /**
             * @description `weekend`: the weekend days; `office_hours`: the weekdays it applies to (`null`: all).
             * @example [
             *       "thursday",
             *       "friday"
             *     ]
             */
            weekdays?: string[] | null;
            /**
             * @description `weekdays` in Persian, same order.
             * @example [
             *       "پنجشنبه",
             *       "جمعه"
             *     ]
             */
            weekdays_fa?: string[] | null;
            /** @description `office_hours`: `HH:MM`. */
            opens?: string | null;
            closes?: string | null;
            /** @description `closure`: closed from (`null`: from midnight); both times `null` is the whole day. */
            from_time?: string | null;
            /** @description `closure`: closed until (`null`: to the end of the day). */
            to_time?: string | null;
            /** @description `true` for a closure without times. */
            whole_day?: boolean | null;
            /** Format: date-time */
            created_at: string;
            /**
             * @description `created_at` in the Solar Hijri calendar, service time zone, Persian digits.
             * @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰
             */
            created_at_jalali: string;
            /** Format: date-time */
            updated_at: string;
            /** @example ۱۴۰۵/۰۹/۰۴ ۱۰:۳۰ */
            updated_at_jalali: string;
            /**
             * Format: int64
             * @description The version, as in the `ETag`.
             */
            version: number;
            /** @description Whose calendar the rule changes. */
            applies_to: components["schemas"]["AppliesTo"];
            /**
             * @description `applies_to` in Persian.
             * @example همه
             */
            applies_to_label_fa: string;
        };
        /**
         * @description A new working rule. Which fields apply depends on `kind`:
         *     `weekend` needs `weekdays`; `office_hours` needs `opens` and `closes` and may restrict them
         *     to some `weekdays`; `closure` is the whole day without `from_time`/`to_time`, or the part of
         *     the day from `from_time` (default `00:00`) to `to_time` (default `24:00`). A field that does
         *     not apply to the kind is refused.
         */
        WorkingRuleInput: {
            /** @description `weekend`, `office_hours` or `closure`. */
            kind: components["schemas"]["RuleKind"];
            /**
             * @description 2–200 characters, shown in SLA explanations.
             * @example تعطیلی پنجشنبه‌ها
             */
            title: string;
            /**
             * @description First day in force: ISO `2026-06-22` or Jalali `1405/04/01` (Persian digits accepted).
             * @example 1405/04/01
             */
            effective_from: string;
            /**
             * @description Last day in force (inclusive); absent or `null` for open-ended.
             * @example 1405/06/31
             */
            effective_to?: string | null;
            /**
             * @description English weekday names (`thursday` or `thu`).
             * @example [
             *       "thursday",
             *       "friday"
             *     ]
             */
            weekdays?: string[] | null;
            /**
             * @description `office_hours`: opening, `HH:MM`.
             * @example 06:00
             */
            opens?: string | null;
            /**
             * @description `office_hours`: closing, `HH:MM` (up to `24:00`), after `opens`.
             * @example 13:00
             */
            closes?: string | null;
            /**
             * @description `closure`: closed from this time (`HH:MM`).
             * @example 11:00
             */
            from_time?: string | null;
            /**
             * @description `closure`: closed until this time (`HH:MM`, up to `24:00`).
             * @example 10:00
             */
            to_time?: string | null;
            applies_to?: null | components["schemas"]["AppliesTo"];
        };
    };
    responses: {
        /** @description Malformed JSON or query string, or a query parameter the list does not take (`malformed_json`, `invalid_query`, naming the parameter in `errors[].field`). */
        BadRequest: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller's role may not do this (`forbidden`), or a password change is pending (`password_change_required`). */
        Forbidden: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Internal error (`internal_error`); nothing internal is disclosed. */
        InternalError: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `limit` outside its range (`validation_failed`, `errors[0].field` is `limit`). */
        LimitOutOfRange: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not found, or not visible to the caller (`not_found`). */
        NotFound: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Body larger than the limit (`payload_too_large`). */
        PayloadTooLarge: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource changed since the `ETag` sent in `If-Match` (`precondition_failed`): read it again and retry with its new `ETag`. */
        PreconditionFailed: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `If-Match` is missing (`precondition_required`, RFC 6585): this call changes a versioned resource and must carry the `ETag` last read (`*` explicitly accepts whatever the current version is). */
        PreconditionRequired: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Read-only maintenance window (`maintenance`, `Retry-After`) or database unavailable (`service_unavailable`). */
        ReadOnlyOrUnavailable: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body did not arrive in full within `CLIENT_BODY_TIMEOUT_SECS` (`request_timeout`); the connection is closed. */
        RequestTimeout: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unavailable for now (`service_unavailable`): the database cannot be reached or is switching over, or (SQLite) reads cannot be recorded in the audit trail. Safe to retry after `Retry-After`. */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, invalid or expired token (`unauthorized`, `invalid_token`). */
        Unauthorized: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Body is not `application/json` (`unsupported_media_type`). */
        UnsupportedMediaType: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Validation failed (`validation_failed`, with `errors[]` naming each field by JSON path). */
        ValidationFailed: {
            headers: {
                /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    get_health_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "database": "sqlite",
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    get_health_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "database": "sqlite",
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["Health"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description Database unreachable or read-only, or migrations pending. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # HELP http_requests_total HTTP requests by route and status.
                     *     # TYPE http_requests_total counter
                     *     http_requests_total{route="/api/v1/requests",status="200"} 42
                     */
                    "text/plain; version=0.0.4": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    login_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "password": "a-long-secret-password",
                 *       "username": "m.karimi"
                 *     }
                 */
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    /** @description What is left of each policy, e.g. `"track";r=59;t=60` (59 calls left, the window resets in 60 seconds); on a 429, `t` equals `Retry-After`. */
                    RateLimit?: string;
                    /** @description The quota policies as a structured-field list (IETF httpapi-ratelimit-headers), e.g. `"track";q=60;w=60` (60 look-ups per 60 seconds per client address). Policies: `track`, `verify`; sign-in counts failed attempts under `login-account-address` (per account and client address, 15 minutes) and `login-address` (per client address); past the free ones, each further attempt waits a doubling delay. */
                    "RateLimit-Policy"?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "c2VjcmV0LXRva2VuLWV4YW1wbGU",
                     *       "expires_in": 900,
                     *       "must_change_password": false,
                     *       "refresh_token": "c2VjcmV0LXRva2VuLWV4YW1wbGU",
                     *       "token_type": "Bearer",
                     *       "user": {
                     *         "created_at": "2026-01-01T06:30:00Z",
                     *         "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "disabled": false,
                     *         "full_name": "مریم کریمی",
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "mobile": "09121234567",
                     *         "must_change_password": false,
                     *         "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "position": "معاون اموال دولتی",
                     *         "role": "agency",
                     *         "role_label_fa": "کارشناس اداره کل",
                     *         "updated_at": "2026-01-01T06:30:00Z",
                     *         "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "username": "m.karimi"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Wrong username or password, or the account is disabled (`invalid_credentials`). */
            401: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            /** @description Too many failed attempts (`rate_limited`, `Retry-After`). */
            429: {
                headers: {
                    /** @description What is left of each policy, e.g. `"track";r=59;t=60` (59 calls left, the window resets in 60 seconds); on a 429, `t` equals `Retry-After`. */
                    RateLimit?: string;
                    /** @description The quota policies as a structured-field list (IETF httpapi-ratelimit-headers), e.g. `"track";q=60;w=60` (60 look-ups per 60 seconds per client address). Policies: `track`, `verify`; sign-in counts failed attempts under `login-account-address` (per account and client address, 15 minutes) and `login-address` (per client address); past the free ones, each further attempt waits a doubling delay. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    refresh_tokens: {
        parameters: {
            query?: never;
            header?: {
                /** @description A browser session's double-submit token: the `pp_csrf` cookie's value. Required when the body has no `refresh_token`. */
                "X-CSRF-Token"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refresh_token": "c2VjcmV0LXJlZnJlc2gtdG9rZW4tZXhhbXBsZQ"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description A new token pair (a browser session: the refresh token in the `pp_refresh` cookie, not in the body). */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "c2VjcmV0LXRva2VuLWV4YW1wbGU",
                     *       "expires_in": 900,
                     *       "must_change_password": false,
                     *       "refresh_token": "c2VjcmV0LXRva2VuLWV4YW1wbGU",
                     *       "token_type": "Bearer",
                     *       "user": {
                     *         "created_at": "2026-01-01T06:30:00Z",
                     *         "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "disabled": false,
                     *         "full_name": "مریم کریمی",
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "mobile": "09121234567",
                     *         "must_change_password": false,
                     *         "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "position": "معاون اموال دولتی",
                     *         "role": "agency",
                     *         "role_label_fa": "کارشناس اداره کل",
                     *         "updated_at": "2026-01-01T06:30:00Z",
                     *         "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "username": "m.karimi"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Unknown, expired, revoked or reused refresh token, or none sent (`invalid_token`). */
            401: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A cookie-authenticated call without a matching `X-CSRF-Token`, or from another origin (`csrf_failed`). */
            403: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    logout_user: {
        parameters: {
            query?: never;
            header?: {
                /** @description A browser session's double-submit token: the `pp_csrf` cookie's value. Required when the body has no `refresh_token`. */
                "X-CSRF-Token"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refresh_token": "c2VjcmV0LXJlZnJlc2gtdG9rZW4tZXhhbXBsZQ"
                 *     }
                 */
                "application/json": components["schemas"]["LogoutRequest"];
            };
        };
        responses: {
            /** @description Signed out (a browser session's cookies cleared). */
            204: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description A cookie-authenticated call without a matching `X-CSRF-Token`, or from another origin (`csrf_failed`). */
            403: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    change_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "current_password": "a-long-secret-password",
                 *       "new_password": "another-long-secret-2"
                 *     }
                 */
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Password changed. */
            204: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_current_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "disabled": false,
                     *       "full_name": "مریم کریمی",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "mobile": "09121234567",
                     *       "must_change_password": false,
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "position": "معاون اموال دولتی",
                     *       "role": "agency",
                     *       "role_label_fa": "کارشناس اداره کل",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "username": "m.karimi"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    list_organisations: {
        parameters: {
            query?: {
                /** @description Only organisations of this kind. */
                kind?: components["schemas"]["OrgKind"];
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of organisations. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "kind": "agency",
                     *           "kind_label_fa": "دستگاه متقاضی",
                     *           "name": "اداره کل راه و شهرسازی",
                     *           "national_id": "10380284790",
                     *           "updated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_Organisation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_organisation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "kind": "agency",
                 *       "name": "اداره کل راه و شهرسازی استان آذربایجان شرقی",
                 *       "national_id": "10380284790"
                 *     }
                 */
                "application/json": components["schemas"]["CreateOrganisation"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "agency",
                     *       "kind_label_fa": "دستگاه متقاضی",
                     *       "name": "اداره کل راه و شهرسازی",
                     *       "national_id": "10380284790",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            /** @description Name or national id already used (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_organisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Organisation id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organisation; `ETag` carries its version. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "agency",
                     *       "kind_label_fa": "دستگاه متقاضی",
                     *       "name": "اداره کل راه و شهرسازی",
                     *       "national_id": "10380284790",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    update_organisation: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Organisation id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "ادارهٔ کل راه و شهرسازی آذربایجان شرقی"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateOrganisation"];
            };
        };
        responses: {
            /** @description Updated. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "agency",
                     *       "kind_label_fa": "دستگاه متقاضی",
                     *       "name": "اداره کل راه و شهرسازی",
                     *       "national_id": "10380284790",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["Organisation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Name or national id already used (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match` (`precondition_failed`). */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_users: {
        parameters: {
            query?: {
                organisation_id?: string;
                role?: components["schemas"]["Role"];
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "disabled": false,
                     *           "full_name": "مریم کریمی",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "mobile": "09121234567",
                     *           "must_change_password": false,
                     *           "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "position": "معاون اموال دولتی",
                     *           "role": "agency",
                     *           "role_label_fa": "کارشناس اداره کل",
                     *           "updated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "username": "m.karimi"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "full_name": "مریم کریمی",
                 *       "mobile": "09121234567",
                 *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                 *       "password": "a-long-secret-password",
                 *       "role": "agency",
                 *       "username": "m.karimi"
                 *     }
                 */
                "application/json": components["schemas"]["CreateUser"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "disabled": false,
                     *       "full_name": "مریم کریمی",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "mobile": "09121234567",
                     *       "must_change_password": false,
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "position": "معاون اموال دولتی",
                     *       "role": "agency",
                     *       "role_label_fa": "کارشناس اداره کل",
                     *       "temporary_password": "نمونه",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "username": "m.karimi"
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedUser"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            /** @description Username taken (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_user: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user; `ETag` carries its version. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "disabled": false,
                     *       "full_name": "مریم کریمی",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "mobile": "09121234567",
                     *       "must_change_password": false,
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "position": "معاون اموال دولتی",
                     *       "role": "agency",
                     *       "role_label_fa": "کارشناس اداره کل",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "username": "m.karimi"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    update_user: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description User id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "full_name": "مریم کریمی‌نژاد",
                 *       "mobile": "09121234568"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateUser"];
            };
        };
        responses: {
            /** @description Updated. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "disabled": false,
                     *       "full_name": "مریم کریمی",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "mobile": "09121234567",
                     *       "must_change_password": false,
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "position": "معاون اموال دولتی",
                     *       "role": "agency",
                     *       "role_label_fa": "کارشناس اداره کل",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "username": "m.karimi"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description An administrator tried to disable their own account (`cannot_disable_self`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match` (`precondition_failed`). */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    reset_user_password: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The temporary password. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "temporary_password": "نمونه"
                     *     }
                     */
                    "application/json": components["schemas"]["TemporaryPassword"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    issue_client_token: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The grant type, and the client's credentials unless sent with HTTP Basic. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "client_id": "svc_4f1c2a9e0b7d3c5a8e6f1b2d",
                 *       "client_secret": "c2VjcmV0LWNsaWVudC1zZWNyZXQtZXhhbXBsZQ",
                 *       "grant_type": "client_credentials"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["ClientCredentialsRequest"];
            };
        };
        responses: {
            /** @description An access token. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "c2VjcmV0LXRva2VuLWV4YW1wbGU",
                     *       "expires_in": 900,
                     *       "token_type": "Bearer"
                     *     }
                     */
                    "application/json": components["schemas"]["ClientToken"];
                };
            };
            /** @description A parameter is missing, repeated or malformed (`invalid_request`), or the grant type is not `client_credentials` (`unsupported_grant_type`). */
            400: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Client authentication failed (`invalid_client`); `WWW-Authenticate: Basic realm="plate-permits"`. */
            401: {
                headers: {
                    /** @description `Basic realm="plate-permits"` */
                    "WWW-Authenticate"?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description The body is neither a form nor JSON (`unsupported_media_type`). */
            415: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["ValidationFailed"];
            /** @description Too many failed authentications for this client id from this address (`rate_limited`, `Retry-After`). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_service_accounts: {
        parameters: {
            query?: {
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of service accounts. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "client_id": "svc_4f1c2a9e0b7d3c5a8e6f1b2d",
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "disabled": false,
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "last_used_at": "2026-01-01T06:30:00Z",
                     *           "last_used_at_jalali": "۱۴۰۵/۰۹/۰۵ ۰۹:۱۵",
                     *           "name": "سامانهٔ پلیس راهور تهران",
                     *           "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "previous_secret_expires_at": "2026-01-01T06:30:00Z",
                     *           "role": "agency",
                     *           "role_label_fa": "پلیس راهور",
                     *           "secret_rotated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_ServiceAccount"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_service_account: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "سامانهٔ پلیس راهور تهران",
                 *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                 *       "role": "police"
                 *     }
                 */
                "application/json": components["schemas"]["CreateServiceAccount"];
            };
        };
        responses: {
            /** @description Created; keep `client_secret`, it is not shown again. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "client_id": "svc_4f1c2a9e0b7d3c5a8e6f1b2d",
                     *       "client_secret": "pps_3q2-7wEvE0xJ5d0m8ZkQY5m2eS1vT0cQeXbS2r9aH1E",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "disabled": false,
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "last_used_at": "2026-01-01T06:30:00Z",
                     *       "last_used_at_jalali": "۱۴۰۵/۰۹/۰۵ ۰۹:۱۵",
                     *       "name": "سامانهٔ پلیس راهور تهران",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "previous_secret_expires_at": "2026-01-01T06:30:00Z",
                     *       "role": "agency",
                     *       "role_label_fa": "پلیس راهور",
                     *       "secret_rotated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["ServiceAccountWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_service_account: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Service account id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service account; `ETag` carries its version. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "client_id": "svc_4f1c2a9e0b7d3c5a8e6f1b2d",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "disabled": false,
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "last_used_at": "2026-01-01T06:30:00Z",
                     *       "last_used_at_jalali": "۱۴۰۵/۰۹/۰۵ ۰۹:۱۵",
                     *       "name": "سامانهٔ پلیس راهور تهران",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "previous_secret_expires_at": "2026-01-01T06:30:00Z",
                     *       "role": "agency",
                     *       "role_label_fa": "پلیس راهور",
                     *       "secret_rotated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["ServiceAccount"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    update_service_account: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Service account id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "سامانهٔ پلیس راهور استان تهران"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateServiceAccount"];
            };
        };
        responses: {
            /** @description Updated. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "client_id": "svc_4f1c2a9e0b7d3c5a8e6f1b2d",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "disabled": false,
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "last_used_at": "2026-01-01T06:30:00Z",
                     *       "last_used_at_jalali": "۱۴۰۵/۰۹/۰۵ ۰۹:۱۵",
                     *       "name": "سامانهٔ پلیس راهور تهران",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "previous_secret_expires_at": "2026-01-01T06:30:00Z",
                     *       "role": "agency",
                     *       "role_label_fa": "پلیس راهور",
                     *       "secret_rotated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["ServiceAccount"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Stale `If-Match` (`precondition_failed`). */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    rotate_service_account_secret: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Service account id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account with its new `client_secret`. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "client_id": "svc_4f1c2a9e0b7d3c5a8e6f1b2d",
                     *       "client_secret": "pps_3q2-7wEvE0xJ5d0m8ZkQY5m2eS1vT0cQeXbS2r9aH1E",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "disabled": false,
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "last_used_at": "2026-01-01T06:30:00Z",
                     *       "last_used_at_jalali": "۱۴۰۵/۰۹/۰۵ ۰۹:۱۵",
                     *       "name": "سامانهٔ پلیس راهور تهران",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "previous_secret_expires_at": "2026-01-01T06:30:00Z",
                     *       "role": "agency",
                     *       "role_label_fa": "پلیس راهور",
                     *       "secret_rotated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["ServiceAccountWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Stale `If-Match` (`precondition_failed`). */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    create_request_batch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe (1–255 visible ASCII characters). */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "contact": {
                 *         "mobile": "09141234567",
                 *         "name": "رضا احمدی"
                 *       },
                 *       "letter": {
                 *         "date": "2026-01-01",
                 *         "number": "۱۲۳/۴۵۷"
                 *       },
                 *       "reason": "auction_sale",
                 *       "representative": {
                 *         "full_name": "علی رضایی",
                 *         "national_code": "0012345679"
                 *       },
                 *       "vehicles": [
                 *         {
                 *           "engine_number": "124K0123456",
                 *           "make": "ایران خودرو",
                 *           "model": "سمند LX",
                 *           "plate": "۴۵ الف ۶۷۸ ایران ۱۵",
                 *           "vehicle_type": "passenger_car",
                 *           "vin": "NAAM01CA9JK123456",
                 *           "year": 1391
                 *         },
                 *         {
                 *           "chassis_number": "IRFC841V3AJ223458",
                 *           "engine_number": "124K0123457",
                 *           "make": "ایران خودرو",
                 *           "model": "پژو ۴۰۵",
                 *           "plate": "۵۶ الف ۷۸۹ ایران ۱۵",
                 *           "vehicle_type": "passenger_car",
                 *           "year": 1390
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateBatch"];
            };
        };
        responses: {
            /** @description Filed: the batch with each request's tracking code and status. */
            201: {
                headers: {
                    /** @description `true` when this answer is the recorded answer of an earlier call with the same `Idempotency-Key` (the change was not made again); absent on the first answer. */
                    "Idempotent-Replayed"?: "true";
                    /** @description The new batch's URL */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "counts": [
                     *         {
                     *           "count": 38,
                     *           "status": "submitted",
                     *           "status_label_fa": "مجوز صادر و به پلیس راهور ارسال شد"
                     *         }
                     *       ],
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "requests": [
                     *         {
                     *           "etag": "\"2\"",
                     *           "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *           "position": 1,
                     *           "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "status": "submitted",
                     *           "status_label_fa": "در حال بررسی",
                     *           "tracking_code": "482177305512",
                     *           "version": 3
                     *         }
                     *       ],
                     *       "summary_fa": "۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک",
                     *       "tracking_code": "310322632156",
                     *       "vehicle_count": 3
                     *     }
                     */
                    "application/json": components["schemas"]["BatchView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            /** @description The idempotency key is in flight (`idempotency_in_flight`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Nothing filed (`validation_failed`): every fault, each `field` a pointer into the body, e.g. `/vehicles/7/plate` (`invalid_plate`), `/vehicles/3/vin` (`duplicate_in_batch`: the same vehicle as an earlier one), `/vehicles/5/plate` (`duplicate`: the vehicle has an open request), `/letter/date`, `/vehicles` (`required`, `too_many`: more than 200). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_request_batch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Batch id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "counts": [
                     *         {
                     *           "count": 38,
                     *           "status": "submitted",
                     *           "status_label_fa": "مجوز صادر و به پلیس راهور ارسال شد"
                     *         }
                     *       ],
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "requests": [
                     *         {
                     *           "etag": "\"2\"",
                     *           "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *           "position": 1,
                     *           "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "status": "submitted",
                     *           "status_label_fa": "در حال بررسی",
                     *           "tracking_code": "482177305512",
                     *           "version": 3
                     *         }
                     *       ],
                     *       "summary_fa": "۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک",
                     *       "tracking_code": "310322632156",
                     *       "vehicle_count": 3
                     *     }
                     */
                    "application/json": components["schemas"]["BatchView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such batch, or another agency's. */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    bulk_request_actions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "action": "issue_permit",
                 *       "items": [
                 *         {
                 *           "if_match": "\"2\"",
                 *           "national_permit_number": "NV-1405-000101",
                 *           "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                 *         },
                 *         {
                 *           "if_match": "\"2\"",
                 *           "national_permit_number": "NV-1405-000102",
                 *           "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1b"
                 *         }
                 *       ],
                 *       "permit": {
                 *         "valid_until": "2026-01-11"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["BulkBody"];
            };
        };
        responses: {
            /** @description One result per item. */
            207: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "action": "issue_permit",
                     *       "digests": [
                     *         {
                     *           "batch_id": "01938f5e-8a2b-7c4d-9e0f-1a2b3c4d5e00",
                     *           "summary_fa": "۴۰ خودرو: ۳۸ مجوز صادر شد، ۲ در انتظار مدرک",
                     *           "tracking_code": "310322632156"
                     *         }
                     *       ],
                     *       "failed": 1,
                     *       "items": [
                     *         {
                     *           "etag": "\"3\"",
                     *           "request_id": "01938f5e-8a2b-7c4d-9e0f-1a2b3c4d5e6f",
                     *           "request_status": "permit_issued",
                     *           "request_status_label_fa": "مجوز صادر و به پلیس راهور ارسال شد",
                     *           "result": {
                     *             "permit_number": "710322632157"
                     *           },
                     *           "status": 201
                     *         },
                     *         {
                     *           "problem": {
                     *             "code": "precondition_failed",
                     *             "detail": "این منبع پس از دریافت شما تغییر کرده است؛ دوباره بخوانید و تکرار کنید.",
                     *             "errors": [],
                     *             "status": 412,
                     *             "title": "نسخهٔ ارسالی قدیمی است",
                     *             "type": "urn:plate-permits:problem:precondition_failed"
                     *           },
                     *           "request_id": "01938f5e-8a2b-7c4d-9e0f-1a2b3c4d5e70",
                     *           "status": 412
                     *         }
                     *       ],
                     *       "succeeded": 1
                     *     }
                     */
                    "application/json": components["schemas"]["BulkResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Nothing done (`validation_failed`): each `field` a pointer into the body. */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_requests: {
        parameters: {
            query?: {
                /** @description Only requests in this status. */
                status?: components["schemas"]["RequestStatus"];
                /**
                 * @description Only this agency's requests (directorate, registry and admin; agencies always see only
                 *     their own).
                 */
                organisation_id?: string;
                /**
                 * @description Exact look-up by tracking code, plate (either order, any separators), VIN, chassis
                 *     number or letter number (Persian digits, Arabic letter forms, spaces and dashes are
                 *     normalised; a VIN or chassis number matches either column).
                 */
                q?: string;
                /** @description Filed on or after this date (ISO `2024-11-05` or Jalali `1403/08/15`, Tehran time). */
                created_from?: string;
                /** @description Filed on or before this date (ISO or Jalali, Tehran time). */
                created_to?: string;
                /** @description `true`: only requests whose SLA clock runs past its `due_at`; `false`: only the others. */
                overdue?: boolean;
                /**
                 * @description `true`: only requests whose latest ask for documents passed its due date with documents
                 *     missing (`documents_overdue`); `false`: only the others.
                 */
                documents_overdue?: boolean;
                /**
                 * @description `true`: only requests the agency corrected since the directorate's last step
                 *     (`corrected_since_review`); `false`: only the others.
                 */
                corrected?: boolean;
                /**
                 * @description `created_at` (default): newest first. `due_at`: most urgent first — only requests whose
                 *     clock is running (others have no due date), earliest `due_at` first.
                 */
                sort?: "created_at" | "due_at";
                /** @description Only the requests of this batch (`POST /request-batches`). */
                batch_id?: string;
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of requests. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "allowed_actions": [
                     *             "review"
                     *           ],
                     *           "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "contact": {
                     *             "mobile": "09141234567",
                     *             "name": "مریم کریمی"
                     *           },
                     *           "corrected_at": "2026-01-01T06:30:00Z",
                     *           "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *           "corrected_fields": [
                     *             "vehicle.chassis_number",
                     *             "contact.mobile"
                     *           ],
                     *           "corrected_since_review": false,
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "documents_overdue": false,
                     *           "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "letter": {
                     *             "date": "2026-01-01",
                     *             "date_jalali": "1403/08/15",
                     *             "number": "۱۲۳/۴۵۶"
                     *           },
                     *           "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "reason": "auction_sale",
                     *           "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "reason_label_fa": "فروش از طریق مزایده",
                     *           "rejection_reason": "incomplete_documents",
                     *           "rejection_reason_label_fa": "نقص مدارک",
                     *           "representative": {
                     *             "full_name": "علی رضایی",
                     *             "mobile": "09141234567",
                     *             "national_code": "0012345679"
                     *           },
                     *           "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "sla": {
                     *             "budget_working_days": 1,
                     *             "calendar": "directorate",
                     *             "calendar_label_fa": "تقویم کاری اداره کل",
                     *             "clock": "running",
                     *             "clock_label_fa": "در جریان",
                     *             "due_at": "2026-01-01T06:30:00Z",
                     *             "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *             "due_date_jalali": "نمونه",
                     *             "elapsed_working_days": 2,
                     *             "overdue": false,
                     *             "remaining_working_days": 1,
                     *             "stage": "decision",
                     *             "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *           },
                     *           "status": "submitted",
                     *           "status_label_fa": "نمونه",
                     *           "tracking_code": "482177305512",
                     *           "updated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "vehicle": {
                     *             "chassis_number": "IRFC841V3AJ123456",
                     *             "engine_number": "124K0123456",
                     *             "make": "ایران خودرو",
                     *             "model": "سمند LX",
                     *             "plate": "12الف345-67",
                     *             "plate_parts": {
                     *               "first": "12",
                     *               "letter": "الف",
                     *               "region": "67",
                     *               "second": "345"
                     *             },
                     *             "vehicle_colour": "سفید",
                     *             "vehicle_type": "passenger_car",
                     *             "vehicle_type_label_fa": "سواری",
                     *             "vin": "NAAM01CA9JK123456",
                     *             "year": 1391
                     *           },
                     *           "version": 3
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_request: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe (1–255 visible ASCII characters). */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "contact": {
                 *         "mobile": "09141234567",
                 *         "name": "رضا احمدی"
                 *       },
                 *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                 *       "letter": {
                 *         "date": "2026-01-01",
                 *         "number": "۱۲۳/۴۵۶"
                 *       },
                 *       "reason": "auction_sale",
                 *       "vehicle": {
                 *         "engine_number": "124K0123456",
                 *         "make": "ایران خودرو",
                 *         "model": "سمند LX",
                 *         "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                 *         "vehicle_colour": "سفید",
                 *         "vehicle_type": "passenger_car",
                 *         "vin": "NAAN01CE8DK123456",
                 *         "year": 1391
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateRequest"];
            };
        };
        responses: {
            /** @description Filed. */
            201: {
                headers: {
                    /** @description Its version */
                    ETag?: string;
                    /** @description `true` when this answer is the recorded answer of an earlier call with the same `Idempotency-Key` (the change was not made again); absent on the first answer. */
                    "Idempotent-Replayed"?: "true";
                    /** @description The new request's URL */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            /** @description An open request exists for this vehicle (`duplicate`: with `existing_tracking_code` when it is the caller's agency's; naming nothing when it is another agency's, whose collision the directorate then sees at `GET /vehicle-conflicts`), or the idempotency key is in flight (`idempotency_in_flight`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Invalid fields (`validation_failed`), each named in `errors`: e.g. `vehicle.plate` (`invalid_plate`: shape, letter, region, or not a car plate), `vehicle.vin` (`invalid_vin`), `vehicle.chassis_number` (`invalid_chassis_number`, or `required` when neither a VIN nor a chassis number is given). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    export_requests: {
        parameters: {
            query?: {
                /** @description Only requests in this status. */
                status?: components["schemas"]["RequestStatus"];
                /**
                 * @description Only this agency's requests (directorate, registry and admin; agencies always see only
                 *     their own).
                 */
                organisation_id?: string;
                /**
                 * @description Exact look-up by tracking code, plate (either order, any separators), VIN, chassis
                 *     number or letter number (Persian digits, Arabic letter forms, spaces and dashes are
                 *     normalised; a VIN or chassis number matches either column).
                 */
                q?: string;
                /** @description Filed on or after this date (ISO `2024-11-05` or Jalali `1403/08/15`, Tehran time). */
                created_from?: string;
                /** @description Filed on or before this date (ISO or Jalali, Tehran time). */
                created_to?: string;
                /** @description `true`: only requests whose SLA clock runs past its `due_at`; `false`: only the others. */
                overdue?: boolean;
                /**
                 * @description `true`: only requests whose latest ask for documents passed its due date with documents
                 *     missing (`documents_overdue`); `false`: only the others.
                 */
                documents_overdue?: boolean;
                /**
                 * @description `true`: only requests the agency corrected since the directorate's last step
                 *     (`corrected_since_review`); `false`: only the others.
                 */
                corrected?: boolean;
                /**
                 * @description `created_at` (default): newest first. `due_at`: most urgent first — only requests whose
                 *     clock is running (others have no due date), earliest `due_at` first.
                 */
                sort?: "created_at" | "due_at";
                /** @description Only the requests of this batch (`POST /request-batches`). */
                batch_id?: string;
                /**
                 * @description `csv` (default; UTF-8 with a byte-order mark) or `xlsx` (an Excel workbook: a
                 *     right-to-left sheet, frozen header row, date cells).
                 */
                format?: string;
                /**
                 * @description The headers' language: `fa` (default for `xlsx`) or `en` (default for `csv`); without
                 *     it, `Accept-Language` decides.
                 */
                lang?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The requests as a file. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example tracking_code,status,plate,organisation,submitted_at
                     *     PP-140510-0001,submitted,۱۲ الف ۳۴۵ ایران ۶۷,اداره کل راه و شهرسازی,1405/10/11 10:00
                     */
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": number[];
                };
            };
            /** @description An invalid filter, `format` or `lang` (`invalid_query`). */
            400: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    get_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    correct_request: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; required (428 without it, 412 when stale). */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "contact": {
                 *         "mobile": "09141234568"
                 *       },
                 *       "vehicle": {
                 *         "chassis_number": "IRFC841V3AJ123457"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CorrectRequest"];
            };
        };
        responses: {
            /** @description Corrected; the request with its new `ETag`. */
            200: {
                headers: {
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description Not an agency user (`forbidden`). */
            403: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request, or another agency's. */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            /** @description Not correctable in the current state (`invalid_transition`, with `current_status`), or the corrected vehicle has another open request (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match` (`precondition_failed`). */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Invalid fields as at filing (`validation_failed`, every field at once), or unknown fields. */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No `If-Match` (`precondition_required`). */
            428: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_request_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The history. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "action": "نمونه",
                     *           "actor": {
                     *             "full_name": "مریم کریمی",
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "role": "agency",
                     *             "role_label_fa": "کارشناس اداره کل"
                     *           },
                     *           "at": "2026-01-01T06:30:00Z",
                     *           "at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "changes": [
                     *             {
                     *               "field": "vehicle.chassis_number",
                     *               "new": "IRFC841V3AJ123457",
                     *               "old": "IRFC841V3AJ123456"
                     *             }
                     *           ],
                     *           "from": "submitted",
                     *           "from_label_fa": "ثبت شده",
                     *           "note": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "to": "submitted",
                     *           "to_label_fa": "در حال بررسی"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["HistoryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    get_request_access_log: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The access log. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "action": "نمونه",
                     *           "actor_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "actor_kind": "user",
                     *           "actor_name": "نمونه",
                     *           "actor_role": "نمونه",
                     *           "at": "2026-01-01T06:30:00Z",
                     *           "at_jalali": "نمونه",
                     *           "client_ip": "نمونه",
                     *           "http_request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "note": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "source": "نمونه",
                     *           "subject_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "subject_kind": "user"
                     *         }
                     *       ],
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                     *     }
                     */
                    "application/json": components["schemas"]["AccessLog"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    review_request: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Now under review. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Not allowed in the current state (`invalid_transition`, with `current_status`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    reject_request: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "سند مالکیت خودرو پیوست نشده است.",
                 *       "reason_code": "incomplete_documents"
                 *     }
                 */
                "application/json": components["schemas"]["RejectBody"];
            };
        };
        responses: {
            /** @description Rejected. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Not allowed in the current state (`invalid_transition`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `reason_code` missing or unknown, or `reason` empty or too long (`validation_failed`, every field at once). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    withdraw_request: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "خودرو از فهرست مزایده خارج شد."
                 *     }
                 */
                "application/json": components["schemas"]["ReasonBody"];
            };
        };
        responses: {
            /** @description Withdrawn. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Not allowed in the current state (`invalid_transition`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    reopen_request: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "note": "مدارک کامل شد؛ درخواست دوباره بررسی می‌شود."
                 *     }
                 */
                "application/json": components["schemas"]["NoteBody"];
            };
        };
        responses: {
            /** @description Back under review. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Not allowed in the current state (`invalid_transition`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    request_reissue: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "note": "جریمه‌های خودرو پرداخت شد (شمارهٔ پرداخت ۸۸۲۱۴۵)."
                 *     }
                 */
                "application/json": components["schemas"]["ReissueBody"];
            };
        };
        responses: {
            /** @description Back with the directorate, under review. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Not allowed in the current state (`invalid_transition`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `note` missing after a refusal, or empty or too long (`validation_failed`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    track_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tracking code, e.g. `4821-7730-5512` or `۴۸۲۱۷۷۳۰۵۵۱۲` */
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status. */
            200: {
                headers: {
                    /** @description What is left of each policy, e.g. `"track";r=59;t=60` (59 calls left, the window resets in 60 seconds); on a 429, `t` equals `Retry-After`. */
                    RateLimit?: string;
                    /** @description The quota policies as a structured-field list (IETF httpapi-ratelimit-headers), e.g. `"track";q=60;w=60` (60 look-ups per 60 seconds per client address). Policies: `track`, `verify`; sign-in counts failed attempts under `login-account-address` (per account and client address, 15 minutes) and `login-address` (per client address); past the free ones, each further attempt waits a doubling delay. */
                    "RateLimit-Policy"?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "kind": "request",
                     *       "status": "under_review",
                     *       "status_label_fa": "در حال بررسی",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["TrackView"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description A well-formed code that names no request or complaint (`not_found`). */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a tracking code: not 12 digits, or the check digit does not match — a typing mistake (`invalid_code`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many look-ups (`rate_limited`). */
            429: {
                headers: {
                    /** @description What is left of each policy, e.g. `"track";r=59;t=60` (59 calls left, the window resets in 60 seconds); on a 429, `t` equals `Retry-After`. */
                    RateLimit?: string;
                    /** @description The quota policies as a structured-field list (IETF httpapi-ratelimit-headers), e.g. `"track";q=60;w=60` (60 look-ups per 60 seconds per client address). Policies: `track`, `verify`; sign-in counts failed attempts under `login-account-address` (per account and client address, 15 minutes) and `login-address` (per client address); past the free ones, each further attempt waits a doubling delay. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    check_plate: {
        parameters: {
            query: {
                /** @description The plate as typed, e.g. `۱۲ الف ۳۴۵ ایران ۶۷` or `12الف345-67`. */
                plate: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plate as the service reads it. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "plate": "12الف345-67",
                     *       "plate_fa": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *       "plate_parts": {
                     *         "first": "12",
                     *         "letter": "الف",
                     *         "region": "67",
                     *         "second": "345"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["PlateReading"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Not signed in (`unauthorized`). */
            401: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            403: components["responses"]["Forbidden"];
            /** @description Not a plate a filing accepts (`validation_failed`; the entry's `code` is `required` or `invalid_plate`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    list_documents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The documents. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "content_type": "application/pdf",
                     *           "document_type": "request_letter",
                     *           "document_type_label_fa": "کارت خودرو",
                     *           "filename": "نمونه",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *           "size": 1,
                     *           "uploaded_at": "2026-01-01T06:30:00Z",
                     *           "uploaded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "uploaded_by": "نمونه"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["DocumentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    upload_document: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "document_type": "ownership_document",
                 *       "file": "(a PDF, JPEG or PNG file)"
                 *     }
                 */
                "multipart/form-data": components["schemas"]["UploadForm"];
            };
        };
        responses: {
            /** @description Stored. */
            201: {
                headers: {
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "content_type": "application/pdf",
                     *       "document_type": "request_letter",
                     *       "document_type_label_fa": "کارت خودرو",
                     *       "filename": "نمونه",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *       "size": 1,
                     *       "uploaded_at": "2026-01-01T06:30:00Z",
                     *       "uploaded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "uploaded_by": "نمونه"
                     *     }
                     */
                    "application/json": components["schemas"]["Document"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description The body did not arrive in time (`request_timeout`); the connection is closed. */
            408: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The request is closed (`invalid_transition`), or its documents would exceed the count or size quota (`quota_exceeded`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description File too large (`payload_too_large`). */
            413: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a PDF, JPEG or PNG, or not multipart (`unsupported_media_type`). */
            415: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing `file` or invalid `document_type` (`validation_failed`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    download_document: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Document id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes. `Content-Type` is the type judged at upload (`application/pdf`, `image/jpeg` or `image/png`, the document's `content_type`); a client whose `Accept` admits only `application/octet-stream` gets that. Documented as one binary media type so every generator keeps the download. */
            200: {
                headers: {
                    /** @description `attachment` with a server-made file name and the original (sanitised, ending in the stored type's extension: `scan.hta` stored as a PDF is `scan.hta.pdf`) in `filename*`. */
                    "Content-Disposition"?: string;
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Always `nosniff`. */
                    "X-Content-Type-Options"?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": Blob;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    list_document_requests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document requests. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "created_by": "نمونه",
                     *           "due_date": "2026-12-11",
                     *           "due_date_jalali": "1405/09/20",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "items": [
                     *             {
                     *               "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *               "document_type": "request_letter",
                     *               "document_type_label_fa": "کارت خودرو",
                     *               "fulfilled": false
                     *             }
                     *           ],
                     *           "message": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "outstanding": [
                     *             "request_letter"
                     *           ],
                     *           "outstanding_labels_fa": [
                     *             "کارت خودرو"
                     *           ],
                     *           "overdue": false,
                     *           "reminded_at": "2026-01-01T06:30:00Z",
                     *           "request_status": "submitted",
                     *           "request_status_label_fa": "در انتظار مدارک تکمیلی",
                     *           "request_version": 1
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["DocumentRequestList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_document_request: {
        parameters: {
            query?: never;
            header: {
                /** @description The request's `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "due_date": "2026-01-08",
                 *       "items": [
                 *         {
                 *           "description": "سند مالکیت به نام دستگاه",
                 *           "document_type": "ownership_document"
                 *         }
                 *       ],
                 *       "message": "لطفاً تصویر سند و کارت خودرو را بارگذاری کنید."
                 *     }
                 */
                "application/json": components["schemas"]["CreateDocumentRequest"];
            };
        };
        responses: {
            /** @description Asked; the request now awaits documents. `ETag` is the request's new version. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "created_by": "نمونه",
                     *       "due_date": "2026-12-11",
                     *       "due_date_jalali": "1405/09/20",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "items": [
                     *         {
                     *           "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "document_type": "request_letter",
                     *           "document_type_label_fa": "کارت خودرو",
                     *           "fulfilled": false
                     *         }
                     *       ],
                     *       "message": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "outstanding": [
                     *         "request_letter"
                     *       ],
                     *       "outstanding_labels_fa": [
                     *         "کارت خودرو"
                     *       ],
                     *       "overdue": false,
                     *       "reminded_at": "2026-01-01T06:30:00Z",
                     *       "request_status": "submitted",
                     *       "request_status_label_fa": "در انتظار مدارک تکمیلی",
                     *       "request_version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["DocumentRequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Not allowed in the current state (`invalid_transition`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Invalid fields (`validation_failed`): e.g. `due_date` in the past (`past_date`), unreadable (`invalid_date`) or not a working day (`not_working_day`, naming the next working day). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    resubmit_request: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "note": "سند مالکیت بارگذاری شد."
                 *     }
                 */
                "application/json": components["schemas"]["ResubmitBody"];
            };
        };
        responses: {
            /** @description Back under review. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Documents still missing (`documents_missing`) or not allowed in the current state (`invalid_transition`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    issue_permit: {
        parameters: {
            query?: never;
            header: {
                /** @description The request's `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "national_permit_number": "NV-1405-884512",
                 *       "notes": "فک پلاک در محل پارکینگ دستگاه",
                 *       "valid_until": "2026-01-11"
                 *     }
                 */
                "application/json": components["schemas"]["IssuePermit"];
            };
        };
        responses: {
            /** @description Issued; `Location` is the permit. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "agency": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "ادارهٔ کل راه و شهرسازی"
                     *       },
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "issued_at": "2026-01-01T06:30:00Z",
                     *       "issued_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "national_permit_number": "نمونه",
                     *       "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "permit_number": "731904552817",
                     *       "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *       "police_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "پلیس راهور استان آذربایجان شرقی"
                     *       },
                     *       "receipt": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "occurred_at": "2026-01-01T06:30:00Z",
                     *         "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "officer_name": "نمونه",
                     *         "outcome": "removed",
                     *         "outcome_label_fa": "پلاک فک شد",
                     *         "plates_count": 3,
                     *         "receipt_number": "نمونه",
                     *         "recorded_at": "2026-01-01T06:30:00Z",
                     *         "recorded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "refusal_reason": "unpaid_fines",
                     *         "refusal_reason_label_fa": "خلافی پرداخت‌نشده",
                     *         "removal_record": {
                     *           "attached_at": "2026-01-01T06:30:00Z",
                     *           "attached_at_jalali": "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰",
                     *           "attached_by": "نمونه",
                     *           "content_type": "application/pdf",
                     *           "document_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "download_url": "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record",
                     *           "filename": "صورتجلسه.pdf",
                     *           "police_organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "replaceable": false,
                     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *           "size": 1,
                     *           "version": 3
                     *         },
                     *         "unit": "نمونه"
                     *       },
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "revocation": {
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "reason_code": "issued_in_error",
                     *         "reason_label_fa": "صدور اشتباه",
                     *         "revoked_at": "2026-01-01T06:30:00Z",
                     *         "revoked_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *       },
                     *       "signatory": {
                     *         "full_name": "مریم کریمی",
                     *         "position": "معاون اموال دولتی"
                     *       },
                     *       "status": "issued",
                     *       "status_label_fa": "صادر شده و معتبر",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "valid_until": "2026-01-01T06:30:00Z",
                     *       "valid_until_jalali": "1405/09/05",
                     *       "valid_until_jalali_time": "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3,
                     *       "vin": "NAAN01CE8DK123456"
                     *     }
                     */
                    "application/json": components["schemas"]["PermitView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Not allowed in the current state (`invalid_transition`) or the national permit number is taken (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    record_registration: {
        parameters: {
            query?: never;
            header: {
                /** @description The request's `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "national_registration_number": "NR-1405-003311",
                 *       "registered_at": "2026-01-01T06:30:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["PostRegistration"];
            };
        };
        responses: {
            /** @description Completed. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "allowed_actions": [
                     *         "review"
                     *       ],
                     *       "batch_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "contact": {
                     *         "mobile": "09141234567",
                     *         "name": "مریم کریمی"
                     *       },
                     *       "corrected_at": "2026-01-01T06:30:00Z",
                     *       "corrected_at_jalali": "۱۴۰۵/۰۹/۱۶ ۱۱:۰۵",
                     *       "corrected_fields": [
                     *         "vehicle.chassis_number",
                     *         "contact.mobile"
                     *       ],
                     *       "corrected_since_review": false,
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "description": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "documents_overdue": false,
                     *       "documents_overdue_since": "2026-01-01T06:30:00Z",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "letter": {
                     *         "date": "2026-01-01",
                     *         "date_jalali": "1403/08/15",
                     *         "number": "۱۲۳/۴۵۶"
                     *       },
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "reason": "auction_sale",
                     *       "reason_details": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "reason_label_fa": "فروش از طریق مزایده",
                     *       "rejection_reason": "incomplete_documents",
                     *       "rejection_reason_label_fa": "نقص مدارک",
                     *       "representative": {
                     *         "full_name": "علی رضایی",
                     *         "mobile": "09141234567",
                     *         "national_code": "0012345679"
                     *       },
                     *       "reviewer_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "نمونه",
                     *       "tracking_code": "482177305512",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "plate_parts": {
                     *           "first": "12",
                     *           "letter": "الف",
                     *           "region": "67",
                     *           "second": "345"
                     *         },
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["RequestView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Not allowed in the current state (`invalid_transition`) or the registration number is taken (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    verify_permit: {
        parameters: {
            query?: {
                /** @description The canonical plate the permit names, `12الف345-67` (signed). */
                p?: string;
                /** @description The permit's `valid_until`, UTC, `YYYY-MM-DDTHH:MM:SSZ` (signed). */
                u?: string;
                /** @description The id of the key that signed (see `GET /permits/signing-keys`). */
                k?: string;
                /** @description Ed25519 signature, base64url without padding, over `PP1|<permit_number>|<p>|<u>`. */
                s?: string;
            };
            header?: never;
            path: {
                /** @description The permit number as printed (Persian digits, spaces and dashes accepted) */
                permit_number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The permit's status: JSON, or the page for `Accept: text/html`. */
            200: {
                headers: {
                    /** @description What is left of each policy, e.g. `"track";r=59;t=60` (59 calls left, the window resets in 60 seconds); on a 429, `t` equals `Retry-After`. */
                    RateLimit?: string;
                    /** @description The quota policies as a structured-field list (IETF httpapi-ratelimit-headers), e.g. `"track";q=60;w=60` (60 look-ups per 60 seconds per client address). Policies: `track`, `verify`; sign-in counts failed attempts under `login-account-address` (per account and client address, 15 minutes) and `login-address` (per client address); past the free ones, each further attempt waits a doubling delay. */
                    "RateLimit-Policy"?: string;
                    /** @description `Accept` */
                    Vary?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "permit_number": "731904552817",
                     *       "plate_masked": "⁦12الف‎***-67⁩",
                     *       "signature": "valid",
                     *       "status": "issued",
                     *       "status_label_fa": "صادر شده و معتبر",
                     *       "valid_until": "2026-01-01T06:30:00Z",
                     *       "valid_until_jalali": "1405/09/05"
                     *     }
                     */
                    "application/json": components["schemas"]["PermitVerification"];
                    /** @example <!DOCTYPE html><html dir="rtl" lang="fa">…</html> */
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description A well-formed number that names no permit (`not_found`); a page for `Accept: text/html`. */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "text/html": string;
                };
            };
            /** @description Not a permit number: not 12 digits, or the check digit does not match — a typing mistake (`invalid_code`); a page for `Accept: text/html`. */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "text/html": string;
                };
            };
            /** @description Too many look-ups (`rate_limited`); a page for `Accept: text/html`. */
            429: {
                headers: {
                    /** @description What is left of each policy, e.g. `"track";r=59;t=60` (59 calls left, the window resets in 60 seconds); on a 429, `t` equals `Retry-After`. */
                    RateLimit?: string;
                    /** @description The quota policies as a structured-field list (IETF httpapi-ratelimit-headers), e.g. `"track";q=60;w=60` (60 look-ups per 60 seconds per client address). Policies: `track`, `verify`; sign-in counts failed attempts under `login-account-address` (per account and client address, 15 minutes) and `login-address` (per client address); past the free ones, each further attempt waits a doubling delay. */
                    "RateLimit-Policy"?: string;
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "text/html": string;
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    permit_signing_keys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "algorithm": "Ed25519",
                     *       "keys": [
                     *         {
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "key_id": "q3Xv0b1T",
                     *           "public_key": "Wq5uI3aTzW3l4z1H2Lr8v9CkRkq0lP3sQ7pQ3D0cJzM",
                     *           "retired_at": "2026-01-01T06:30:00Z",
                     *           "status": "active"
                     *         }
                     *       ],
                     *       "message_format": "PP1|<permit_number>|<plate>|<valid_until>"
                     *     }
                     */
                    "application/json": components["schemas"]["SigningKeys"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    list_permits: {
        parameters: {
            query?: {
                /**
                 * @description Only permits in this status. Without it (and without `updated_since`) the police's list
                 *     leaves out `revoked` permits.
                 */
                status?: components["schemas"]["PermitStatus"];
                /** @description Only permits changed at or after this time (for systems that poll). */
                updated_since?: string;
                /**
                 * @description Only permits for this plate, typed as at filing (Persian or ASCII digits, any
                 *     separators, `ایران`, number or region first), with its region code (`12 الف 345 ایران
                 *     67`: that plate) or without it (`12 الف 345`: that plate in every region). 400
                 *     `invalid_query` naming `plate` when it is not a plate.
                 * @example 12 الف 345 ایران 67
                 */
                plate?: string;
                /**
                 * @description Only the permit with this number, as printed (Persian digits, spaces and dashes
                 *     accepted). 400 `invalid_query` naming `permit_number` when it cannot be a permit number
                 *     (not 12 digits, or a wrong check digit).
                 * @example 512345678903
                 */
                permit_number?: string;
                /**
                 * @description Only the permit with this number of the national vehicle system (`national_permit_number`).
                 * @example NP-1405-000123
                 */
                national_number?: string;
                /**
                 * @description One search box: permits whose plate (read as `plate`, with or without the region),
                 *     permit number (as printed) or national permit number matches what was typed. Never
                 *     400: what is not a plate or a permit number is still tried as a national number.
                 * @example ۹۹ الف ۹۹۹ ایران ۱۵
                 */
                q?: string;
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of permits. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "agency": {
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "name": "ادارهٔ کل راه و شهرسازی"
                     *           },
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "issued_at": "2026-01-01T06:30:00Z",
                     *           "issued_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "national_permit_number": "نمونه",
                     *           "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "permit_number": "731904552817",
                     *           "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *           "police_organisation": {
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "name": "پلیس راهور استان آذربایجان شرقی"
                     *           },
                     *           "receipt": {
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *             "occurred_at": "2026-01-01T06:30:00Z",
                     *             "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *             "officer_name": "نمونه",
                     *             "outcome": "removed",
                     *             "outcome_label_fa": "پلاک فک شد",
                     *             "plates_count": 3,
                     *             "receipt_number": "نمونه",
                     *             "recorded_at": "2026-01-01T06:30:00Z",
                     *             "recorded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *             "refusal_reason": "unpaid_fines",
                     *             "refusal_reason_label_fa": "خلافی پرداخت‌نشده",
                     *             "removal_record": {
                     *               "attached_at": "2026-01-01T06:30:00Z",
                     *               "attached_at_jalali": "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰",
                     *               "attached_by": "نمونه",
                     *               "content_type": "application/pdf",
                     *               "document_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *               "download_url": "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record",
                     *               "filename": "صورتجلسه.pdf",
                     *               "police_organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *               "replaceable": false,
                     *               "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *               "size": 1,
                     *               "version": 3
                     *             },
                     *             "unit": "نمونه"
                     *           },
                     *           "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "revocation": {
                     *             "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *             "reason_code": "issued_in_error",
                     *             "reason_label_fa": "صدور اشتباه",
                     *             "revoked_at": "2026-01-01T06:30:00Z",
                     *             "revoked_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *           },
                     *           "signatory": {
                     *             "full_name": "مریم کریمی",
                     *             "position": "معاون اموال دولتی"
                     *           },
                     *           "status": "issued",
                     *           "status_label_fa": "صادر شده و معتبر",
                     *           "tracking_code": "PP-140510-0001",
                     *           "updated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "valid_until": "2026-01-01T06:30:00Z",
                     *           "valid_until_jalali": "1405/09/05",
                     *           "valid_until_jalali_time": "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹",
                     *           "vehicle": {
                     *             "chassis_number": "IRFC841V3AJ123456",
                     *             "engine_number": "124K0123456",
                     *             "make": "ایران خودرو",
                     *             "model": "سمند LX",
                     *             "plate": "12الف345-67",
                     *             "vehicle_colour": "سفید",
                     *             "vehicle_type": "passenger_car",
                     *             "vehicle_type_label_fa": "سواری",
                     *             "vin": "NAAM01CA9JK123456",
                     *             "year": 1391
                     *           },
                     *           "version": 3,
                     *           "vin": "NAAN01CE8DK123456"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_PermitView"];
                };
            };
            /** @description An unknown query parameter, or a value that cannot be read: `plate` not a plate, `permit_number` not a permit number (`invalid_query`, naming the parameter). */
            400: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    get_permit_by_number: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The permit number as printed (Persian digits, spaces and dashes accepted) */
                permit_number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The permit. */
            200: {
                headers: {
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "agency": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "ادارهٔ کل راه و شهرسازی"
                     *       },
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "issued_at": "2026-01-01T06:30:00Z",
                     *       "issued_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "national_permit_number": "نمونه",
                     *       "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "permit_number": "731904552817",
                     *       "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *       "police_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "پلیس راهور استان آذربایجان شرقی"
                     *       },
                     *       "receipt": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "occurred_at": "2026-01-01T06:30:00Z",
                     *         "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "officer_name": "نمونه",
                     *         "outcome": "removed",
                     *         "outcome_label_fa": "پلاک فک شد",
                     *         "plates_count": 3,
                     *         "receipt_number": "نمونه",
                     *         "recorded_at": "2026-01-01T06:30:00Z",
                     *         "recorded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "refusal_reason": "unpaid_fines",
                     *         "refusal_reason_label_fa": "خلافی پرداخت‌نشده",
                     *         "removal_record": {
                     *           "attached_at": "2026-01-01T06:30:00Z",
                     *           "attached_at_jalali": "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰",
                     *           "attached_by": "نمونه",
                     *           "content_type": "application/pdf",
                     *           "document_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "download_url": "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record",
                     *           "filename": "صورتجلسه.pdf",
                     *           "police_organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "replaceable": false,
                     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *           "size": 1,
                     *           "version": 3
                     *         },
                     *         "unit": "نمونه"
                     *       },
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "revocation": {
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "reason_code": "issued_in_error",
                     *         "reason_label_fa": "صدور اشتباه",
                     *         "revoked_at": "2026-01-01T06:30:00Z",
                     *         "revoked_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *       },
                     *       "signatory": {
                     *         "full_name": "مریم کریمی",
                     *         "position": "معاون اموال دولتی"
                     *       },
                     *       "status": "issued",
                     *       "status_label_fa": "صادر شده و معتبر",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "valid_until": "2026-01-01T06:30:00Z",
                     *       "valid_until_jalali": "1405/09/05",
                     *       "valid_until_jalali_time": "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3,
                     *       "vin": "NAAN01CE8DK123456"
                     *     }
                     */
                    "application/json": components["schemas"]["PermitView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such permit, or another agency's (`not_found`). */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a permit number: not 12 digits, or the check digit does not match (`invalid_code`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    get_permit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Permit id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The permit. */
            200: {
                headers: {
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "agency": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "ادارهٔ کل راه و شهرسازی"
                     *       },
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "issued_at": "2026-01-01T06:30:00Z",
                     *       "issued_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "national_permit_number": "نمونه",
                     *       "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "permit_number": "731904552817",
                     *       "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *       "police_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "پلیس راهور استان آذربایجان شرقی"
                     *       },
                     *       "receipt": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "occurred_at": "2026-01-01T06:30:00Z",
                     *         "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "officer_name": "نمونه",
                     *         "outcome": "removed",
                     *         "outcome_label_fa": "پلاک فک شد",
                     *         "plates_count": 3,
                     *         "receipt_number": "نمونه",
                     *         "recorded_at": "2026-01-01T06:30:00Z",
                     *         "recorded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "refusal_reason": "unpaid_fines",
                     *         "refusal_reason_label_fa": "خلافی پرداخت‌نشده",
                     *         "removal_record": {
                     *           "attached_at": "2026-01-01T06:30:00Z",
                     *           "attached_at_jalali": "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰",
                     *           "attached_by": "نمونه",
                     *           "content_type": "application/pdf",
                     *           "document_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "download_url": "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record",
                     *           "filename": "صورتجلسه.pdf",
                     *           "police_organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "replaceable": false,
                     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *           "size": 1,
                     *           "version": 3
                     *         },
                     *         "unit": "نمونه"
                     *       },
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "revocation": {
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "reason_code": "issued_in_error",
                     *         "reason_label_fa": "صدور اشتباه",
                     *         "revoked_at": "2026-01-01T06:30:00Z",
                     *         "revoked_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *       },
                     *       "signatory": {
                     *         "full_name": "مریم کریمی",
                     *         "position": "معاون اموال دولتی"
                     *       },
                     *       "status": "issued",
                     *       "status_label_fa": "صادر شده و معتبر",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "valid_until": "2026-01-01T06:30:00Z",
                     *       "valid_until_jalali": "1405/09/05",
                     *       "valid_until_jalali_time": "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3,
                     *       "vin": "NAAN01CE8DK123456"
                     *     }
                     */
                    "application/json": components["schemas"]["PermitView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    print_permit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Permit id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The printable page. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!DOCTYPE html><html dir="rtl" lang="fa">…</html> */
                    "text/html": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description The caller's role may not print permits (`forbidden`). */
            403: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such permit, or another agency's (`not_found`). */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    post_receipt: {
        parameters: {
            query?: never;
            header: {
                /** @description Makes retries safe (1–255 visible ASCII characters). */
                "Idempotency-Key"?: string | null;
                /** @description The permit's `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Permit id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "occurred_at": "2026-01-01T06:30:00Z",
                 *       "officer_name": "سرهنگ رضایی",
                 *       "outcome": "removed",
                 *       "plates_count": 2,
                 *       "receipt_number": "R-5521",
                 *       "unit": "راهور تبریز"
                 *     }
                 */
                "application/json": components["schemas"]["PostReceipt"];
            };
        };
        responses: {
            /** @description Recorded; the permit with its receipt. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description `true` when this answer is the recorded answer of an earlier call with the same `Idempotency-Key` (the change was not made again); absent on the first answer. */
                    "Idempotent-Replayed"?: "true";
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "agency": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "ادارهٔ کل راه و شهرسازی"
                     *       },
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "issued_at": "2026-01-01T06:30:00Z",
                     *       "issued_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "national_permit_number": "نمونه",
                     *       "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "permit_number": "731904552817",
                     *       "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *       "police_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "پلیس راهور استان آذربایجان شرقی"
                     *       },
                     *       "receipt": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "occurred_at": "2026-01-01T06:30:00Z",
                     *         "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "officer_name": "نمونه",
                     *         "outcome": "removed",
                     *         "outcome_label_fa": "پلاک فک شد",
                     *         "plates_count": 3,
                     *         "receipt_number": "نمونه",
                     *         "recorded_at": "2026-01-01T06:30:00Z",
                     *         "recorded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "refusal_reason": "unpaid_fines",
                     *         "refusal_reason_label_fa": "خلافی پرداخت‌نشده",
                     *         "removal_record": {
                     *           "attached_at": "2026-01-01T06:30:00Z",
                     *           "attached_at_jalali": "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰",
                     *           "attached_by": "نمونه",
                     *           "content_type": "application/pdf",
                     *           "document_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "download_url": "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record",
                     *           "filename": "صورتجلسه.pdf",
                     *           "police_organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "replaceable": false,
                     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *           "size": 1,
                     *           "version": 3
                     *         },
                     *         "unit": "نمونه"
                     *       },
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "revocation": {
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "reason_code": "issued_in_error",
                     *         "reason_label_fa": "صدور اشتباه",
                     *         "revoked_at": "2026-01-01T06:30:00Z",
                     *         "revoked_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *       },
                     *       "signatory": {
                     *         "full_name": "مریم کریمی",
                     *         "position": "معاون اموال دولتی"
                     *       },
                     *       "status": "issued",
                     *       "status_label_fa": "صادر شده و معتبر",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "valid_until": "2026-01-01T06:30:00Z",
                     *       "valid_until_jalali": "1405/09/05",
                     *       "valid_until_jalali_time": "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3,
                     *       "vin": "NAAN01CE8DK123456"
                     *     }
                     */
                    "application/json": components["schemas"]["PermitView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description A receipt exists (`duplicate`), the permit was revoked (`permit_revoked`) or replaced by a newer one (`conflict`), or the key is in flight (`idempotency_in_flight`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Invalid fields (`validation_failed`), all named at once; the removal time outside the permit's life (`before_issue`, `after_validity`, `future_date` on `occurred_at`) or a very late receipt without `notes` (`late_receipt`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    revoke_permit: {
        parameters: {
            query?: never;
            header: {
                /** @description The permit's `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Permit id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "notes": "شمارهٔ مجوز سامانهٔ ملی اشتباه وارد شده بود.",
                 *       "reason_code": "issued_in_error"
                 *     }
                 */
                "application/json": components["schemas"]["RevokePermit"];
            };
        };
        responses: {
            /** @description Revoked; the permit with its `revocation`. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "agency": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "ادارهٔ کل راه و شهرسازی"
                     *       },
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "issued_at": "2026-01-01T06:30:00Z",
                     *       "issued_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "national_permit_number": "نمونه",
                     *       "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "permit_number": "731904552817",
                     *       "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *       "police_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "پلیس راهور استان آذربایجان شرقی"
                     *       },
                     *       "receipt": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "occurred_at": "2026-01-01T06:30:00Z",
                     *         "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "officer_name": "نمونه",
                     *         "outcome": "removed",
                     *         "outcome_label_fa": "پلاک فک شد",
                     *         "plates_count": 3,
                     *         "receipt_number": "نمونه",
                     *         "recorded_at": "2026-01-01T06:30:00Z",
                     *         "recorded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "refusal_reason": "unpaid_fines",
                     *         "refusal_reason_label_fa": "خلافی پرداخت‌نشده",
                     *         "removal_record": {
                     *           "attached_at": "2026-01-01T06:30:00Z",
                     *           "attached_at_jalali": "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰",
                     *           "attached_by": "نمونه",
                     *           "content_type": "application/pdf",
                     *           "document_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "download_url": "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record",
                     *           "filename": "صورتجلسه.pdf",
                     *           "police_organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "replaceable": false,
                     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *           "size": 1,
                     *           "version": 3
                     *         },
                     *         "unit": "نمونه"
                     *       },
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "revocation": {
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "reason_code": "issued_in_error",
                     *         "reason_label_fa": "صدور اشتباه",
                     *         "revoked_at": "2026-01-01T06:30:00Z",
                     *         "revoked_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *       },
                     *       "signatory": {
                     *         "full_name": "مریم کریمی",
                     *         "position": "معاون اموال دولتی"
                     *       },
                     *       "status": "issued",
                     *       "status_label_fa": "صادر شده و معتبر",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "valid_until": "2026-01-01T06:30:00Z",
                     *       "valid_until_jalali": "1405/09/05",
                     *       "valid_until_jalali_time": "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3,
                     *       "vin": "NAAN01CE8DK123456"
                     *     }
                     */
                    "application/json": components["schemas"]["PermitView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description A receipt exists or the request moved on (`invalid_transition`), already revoked (`permit_revoked`), or replaced by a newer permit (`conflict`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Invalid fields (`validation_failed`): `reason_code` missing or unknown, `notes` missing for `other`. */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    download_removal_record: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Permit id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes. `Content-Type` is the type judged at upload (`application/pdf`, `image/jpeg` or `image/png`, the document's `content_type`); a client whose `Accept` admits only `application/octet-stream` gets that. Documented as one binary media type so every generator keeps the download. */
            200: {
                headers: {
                    /** @description `attachment` with a server-made file name and the original (sanitised, ending in the stored type's extension) in `filename*`. */
                    "Content-Disposition"?: string;
                    /** @description Always `nosniff`. */
                    "X-Content-Type-Options"?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": Blob;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    put_removal_record: {
        parameters: {
            query?: never;
            header: {
                /** @description The permit's `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Permit id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "file": "(the signed removal record: a PDF, JPEG or PNG file)"
                 *     }
                 */
                "multipart/form-data": components["schemas"]["RecordForm"];
            };
        };
        responses: {
            /** @description Replaced; the permit with the new `receipt.removal_record`. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "agency": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "ادارهٔ کل راه و شهرسازی"
                     *       },
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "issued_at": "2026-01-01T06:30:00Z",
                     *       "issued_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "national_permit_number": "نمونه",
                     *       "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "permit_number": "731904552817",
                     *       "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *       "police_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "پلیس راهور استان آذربایجان شرقی"
                     *       },
                     *       "receipt": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "occurred_at": "2026-01-01T06:30:00Z",
                     *         "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "officer_name": "نمونه",
                     *         "outcome": "removed",
                     *         "outcome_label_fa": "پلاک فک شد",
                     *         "plates_count": 3,
                     *         "receipt_number": "نمونه",
                     *         "recorded_at": "2026-01-01T06:30:00Z",
                     *         "recorded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "refusal_reason": "unpaid_fines",
                     *         "refusal_reason_label_fa": "خلافی پرداخت‌نشده",
                     *         "removal_record": {
                     *           "attached_at": "2026-01-01T06:30:00Z",
                     *           "attached_at_jalali": "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰",
                     *           "attached_by": "نمونه",
                     *           "content_type": "application/pdf",
                     *           "document_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "download_url": "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record",
                     *           "filename": "صورتجلسه.pdf",
                     *           "police_organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "replaceable": false,
                     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *           "size": 1,
                     *           "version": 3
                     *         },
                     *         "unit": "نمونه"
                     *       },
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "revocation": {
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "reason_code": "issued_in_error",
                     *         "reason_label_fa": "صدور اشتباه",
                     *         "revoked_at": "2026-01-01T06:30:00Z",
                     *         "revoked_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *       },
                     *       "signatory": {
                     *         "full_name": "مریم کریمی",
                     *         "position": "معاون اموال دولتی"
                     *       },
                     *       "status": "issued",
                     *       "status_label_fa": "صادر شده و معتبر",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "valid_until": "2026-01-01T06:30:00Z",
                     *       "valid_until_jalali": "1405/09/05",
                     *       "valid_until_jalali_time": "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3,
                     *       "vin": "NAAN01CE8DK123456"
                     *     }
                     */
                    "application/json": components["schemas"]["PermitView"];
                };
            };
            /** @description Attached; the permit with `receipt.removal_record`. `Location` is the download. */
            201: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "agency": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "ادارهٔ کل راه و شهرسازی"
                     *       },
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "issued_at": "2026-01-01T06:30:00Z",
                     *       "issued_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "national_permit_number": "نمونه",
                     *       "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "permit_number": "731904552817",
                     *       "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *       "police_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "پلیس راهور استان آذربایجان شرقی"
                     *       },
                     *       "receipt": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "occurred_at": "2026-01-01T06:30:00Z",
                     *         "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "officer_name": "نمونه",
                     *         "outcome": "removed",
                     *         "outcome_label_fa": "پلاک فک شد",
                     *         "plates_count": 3,
                     *         "receipt_number": "نمونه",
                     *         "recorded_at": "2026-01-01T06:30:00Z",
                     *         "recorded_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "refusal_reason": "unpaid_fines",
                     *         "refusal_reason_label_fa": "خلافی پرداخت‌نشده",
                     *         "removal_record": {
                     *           "attached_at": "2026-01-01T06:30:00Z",
                     *           "attached_at_jalali": "۱۴۰۵/۰۸/۰۳ ۱۰:۳۰",
                     *           "attached_by": "نمونه",
                     *           "content_type": "application/pdf",
                     *           "document_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "download_url": "/api/v1/permits/0190f5c2-7a44-7d6b-9a51-3c1c2f1e9b10/receipt/record",
                     *           "filename": "صورتجلسه.pdf",
                     *           "police_organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "replaceable": false,
                     *           "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                     *           "size": 1,
                     *           "version": 3
                     *         },
                     *         "unit": "نمونه"
                     *       },
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "revocation": {
                     *         "notes": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *         "reason_code": "issued_in_error",
                     *         "reason_label_fa": "صدور اشتباه",
                     *         "revoked_at": "2026-01-01T06:30:00Z",
                     *         "revoked_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *       },
                     *       "signatory": {
                     *         "full_name": "مریم کریمی",
                     *         "position": "معاون اموال دولتی"
                     *       },
                     *       "status": "issued",
                     *       "status_label_fa": "صادر شده و معتبر",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "valid_until": "2026-01-01T06:30:00Z",
                     *       "valid_until_jalali": "1405/09/05",
                     *       "valid_until_jalali_time": "۱۴۰۵/۰۹/۰۵ ۲۳:۵۹",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "engine_number": "124K0123456",
                     *         "make": "ایران خودرو",
                     *         "model": "سمند LX",
                     *         "plate": "12الف345-67",
                     *         "vehicle_colour": "سفید",
                     *         "vehicle_type": "passenger_car",
                     *         "vehicle_type_label_fa": "سواری",
                     *         "vin": "NAAM01CA9JK123456",
                     *         "year": 1391
                     *       },
                     *       "version": 3,
                     *       "vin": "NAAN01CE8DK123456"
                     *     }
                     */
                    "application/json": components["schemas"]["PermitView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description Not the police, or another police unit than the one that posted the receipt (`forbidden`). */
            403: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such permit, or one sent to another police organisation (`not_found`). */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            /** @description No receipt yet, a refusal receipt, or the removal is already registered and the record final (`conflict`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description File too large (`payload_too_large`). */
            413: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a PDF, JPEG or PNG, or not multipart (`unsupported_media_type`). */
            415: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No `file` (`validation_failed`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_permit_template: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "default_body": "نمونه",
                     *       "overridden": false,
                     *       "placeholders": [
                     *         {
                     *           "label_fa": "رنگ خودرو",
                     *           "name": "colour",
                     *           "optional": false
                     *         }
                     *       ],
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                     *     }
                     */
                    "application/json": components["schemas"]["OrderTemplateView"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    update_permit_template: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "body": "با فک پلاک خودروی {make} {model}[ به رنگ {colour}] به شمارهٔ انتظامی {plate} موافقت می‌شود."
                 *     }
                 */
                "application/json": components["schemas"]["UpdateOrderTemplate"];
            };
        };
        responses: {
            /** @description The template in effect. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "default_body": "نمونه",
                     *       "overridden": false,
                     *       "placeholders": [
                     *         {
                     *           "label_fa": "رنگ خودرو",
                     *           "name": "colour",
                     *           "optional": false
                     *         }
                     *       ],
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                     *     }
                     */
                    "application/json": components["schemas"]["OrderTemplateView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Invalid text (`validation_failed`), naming `body`. */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    restore_permit_template: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The built-in template, now in effect. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "default_body": "نمونه",
                     *       "overridden": false,
                     *       "placeholders": [
                     *         {
                     *           "label_fa": "رنگ خودرو",
                     *           "name": "colour",
                     *           "optional": false
                     *         }
                     *       ],
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                     *     }
                     */
                    "application/json": components["schemas"]["OrderTemplateView"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_complaints: {
        parameters: {
            query?: {
                status?: components["schemas"]["ComplaintStatus"];
                category?: components["schemas"]["Category"];
                /** @description Filed at or after this time. */
                created_from?: string;
                /** @description Filed before this time. */
                created_to?: string;
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of complaints. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "category": "delay",
                     *           "category_label_fa": "تأخیر در رسیدگی",
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "created_by": "نمونه",
                     *           "history": [
                     *             {
                     *               "actor": {
                     *                 "full_name": "مریم کریمی",
                     *                 "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *                 "role": "agency",
                     *                 "role_label_fa": "کارشناس اداره کل"
                     *               },
                     *               "at": "2026-01-01T06:30:00Z",
                     *               "at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *               "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *               "from": "received",
                     *               "kind": "received",
                     *               "kind_label_fa": "پاسخ اداره کل",
                     *               "to": "received",
                     *               "to_label_fa": "پاسخ داده شد"
                     *             }
                     *           ],
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "status": "received",
                     *           "status_label_fa": "نمونه",
                     *           "subject": "تأخیر در بررسی درخواست",
                     *           "tracking_code": "PP-140510-0001",
                     *           "updated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "version": 3
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_Complaint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_complaint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe. */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "body": "درخواست ما دو هفته است در انتظار بررسی مانده است.",
                 *       "category": "delay",
                 *       "subject": "تأخیر در بررسی درخواست"
                 *     }
                 */
                "application/json": components["schemas"]["CreateComplaint"];
            };
        };
        responses: {
            /** @description Received. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description `true` when this answer is the recorded answer of an earlier call with the same `Idempotency-Key` (the change was not made again); absent on the first answer. */
                    "Idempotent-Replayed"?: "true";
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "category": "delay",
                     *       "category_label_fa": "تأخیر در رسیدگی",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "created_by": "نمونه",
                     *       "history": [
                     *         {
                     *           "actor": {
                     *             "full_name": "مریم کریمی",
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "role": "agency",
                     *             "role_label_fa": "کارشناس اداره کل"
                     *           },
                     *           "at": "2026-01-01T06:30:00Z",
                     *           "at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "from": "received",
                     *           "kind": "received",
                     *           "kind_label_fa": "پاسخ اداره کل",
                     *           "to": "received",
                     *           "to_label_fa": "پاسخ داده شد"
                     *         }
                     *       ],
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "status": "received",
                     *       "status_label_fa": "نمونه",
                     *       "subject": "تأخیر در بررسی درخواست",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["Complaint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            /** @description The idempotency key is in flight (`idempotency_in_flight`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_complaint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Complaint id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "category": "delay",
                     *       "category_label_fa": "تأخیر در رسیدگی",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "created_by": "نمونه",
                     *       "history": [
                     *         {
                     *           "actor": {
                     *             "full_name": "مریم کریمی",
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "role": "agency",
                     *             "role_label_fa": "کارشناس اداره کل"
                     *           },
                     *           "at": "2026-01-01T06:30:00Z",
                     *           "at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "from": "received",
                     *           "kind": "received",
                     *           "kind_label_fa": "پاسخ اداره کل",
                     *           "to": "received",
                     *           "to_label_fa": "پاسخ داده شد"
                     *         }
                     *       ],
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "status": "received",
                     *       "status_label_fa": "نمونه",
                     *       "subject": "تأخیر در بررسی درخواست",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["Complaint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    respond_to_complaint: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Complaint id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "body": "درخواست شما امروز بررسی و مجوز آن صادر شد."
                 *     }
                 */
                "application/json": components["schemas"]["ResponseBody"];
            };
        };
        responses: {
            /** @description Answered. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "category": "delay",
                     *       "category_label_fa": "تأخیر در رسیدگی",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "created_by": "نمونه",
                     *       "history": [
                     *         {
                     *           "actor": {
                     *             "full_name": "مریم کریمی",
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "role": "agency",
                     *             "role_label_fa": "کارشناس اداره کل"
                     *           },
                     *           "at": "2026-01-01T06:30:00Z",
                     *           "at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "from": "received",
                     *           "kind": "received",
                     *           "kind_label_fa": "پاسخ اداره کل",
                     *           "to": "received",
                     *           "to_label_fa": "پاسخ داده شد"
                     *         }
                     *       ],
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "status": "received",
                     *       "status_label_fa": "نمونه",
                     *       "subject": "تأخیر در بررسی درخواست",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["Complaint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Closed (`invalid_transition`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    close_complaint: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Complaint id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Closed. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "category": "delay",
                     *       "category_label_fa": "تأخیر در رسیدگی",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "created_by": "نمونه",
                     *       "history": [
                     *         {
                     *           "actor": {
                     *             "full_name": "مریم کریمی",
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "role": "agency",
                     *             "role_label_fa": "کارشناس اداره کل"
                     *           },
                     *           "at": "2026-01-01T06:30:00Z",
                     *           "at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "from": "received",
                     *           "kind": "received",
                     *           "kind_label_fa": "پاسخ اداره کل",
                     *           "to": "received",
                     *           "to_label_fa": "پاسخ داده شد"
                     *         }
                     *       ],
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "status": "received",
                     *       "status_label_fa": "نمونه",
                     *       "subject": "تأخیر در بررسی درخواست",
                     *       "tracking_code": "PP-140510-0001",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["Complaint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Already closed (`invalid_transition`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            412: components["responses"]["PreconditionFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    give_feedback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "comment": "رسیدگی سریع و دقیق بود.",
                 *       "rating": 4
                 *     }
                 */
                "application/json": components["schemas"]["FeedbackInput"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "comment": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "rating": 1,
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                     *     }
                     */
                    "application/json": components["schemas"]["Feedback"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Not finished yet (`invalid_transition`) or already rated (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_notices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Active and upcoming notices. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "ends_at": "2026-01-01T06:30:00Z",
                     *           "ends_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "kind": "info",
                     *           "kind_label_fa": "نگهداری برنامه‌ریزی‌شده",
                     *           "read_only": false,
                     *           "starts_at": "2026-01-01T06:30:00Z",
                     *           "starts_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "title": "به‌روزرسانی سامانه"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["NoticeList"];
                };
            };
            400: components["responses"]["BadRequest"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_notice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "body": "فرم ثبت درخواست از فردا فیلد رنگ خودرو را می‌پذیرد.",
                 *       "ends_at": "2026-01-04T06:30:00Z",
                 *       "kind": "info",
                 *       "read_only": false,
                 *       "starts_at": "2026-01-02T06:30:00Z",
                 *       "title": "به‌روزرسانی سامانه"
                 *     }
                 */
                "application/json": components["schemas"]["CreateNotice"];
            };
        };
        responses: {
            /** @description Published. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "ends_at": "2026-01-01T06:30:00Z",
                     *       "ends_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "info",
                     *       "kind_label_fa": "نگهداری برنامه‌ریزی‌شده",
                     *       "read_only": false,
                     *       "starts_at": "2026-01-01T06:30:00Z",
                     *       "starts_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "title": "به‌روزرسانی سامانه"
                     *     }
                     */
                    "application/json": components["schemas"]["Notice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_notice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Notice id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notice. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "ends_at": "2026-01-01T06:30:00Z",
                     *       "ends_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "info",
                     *       "kind_label_fa": "نگهداری برنامه‌ریزی‌شده",
                     *       "read_only": false,
                     *       "starts_at": "2026-01-01T06:30:00Z",
                     *       "starts_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "title": "به‌روزرسانی سامانه"
                     *     }
                     */
                    "application/json": components["schemas"]["Notice"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    delete_notice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Notice id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    update_notice: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Notice id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "به‌روزرسانی سامانه (تمدید شد)"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateNotice"];
            };
        };
        responses: {
            /** @description Updated. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "ends_at": "2026-01-01T06:30:00Z",
                     *       "ends_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "info",
                     *       "kind_label_fa": "نگهداری برنامه‌ریزی‌شده",
                     *       "read_only": false,
                     *       "starts_at": "2026-01-01T06:30:00Z",
                     *       "starts_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "title": "به‌روزرسانی سامانه"
                     *     }
                     */
                    "application/json": components["schemas"]["Notice"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_events: {
        parameters: {
            query?: {
                /**
                 * @description The cursor of every list: the previous page's `next_cursor` (the last event id already
                 *     seen); omit to start at the beginning.
                 */
                cursor?: string;
                /**
                 * @deprecated
                 * @description The same as `cursor`, kept for pollers written before it (deprecated); when both are
                 *     given they must be equal.
                 */
                after?: string;
                /** @description Comma-separated event types to include. */
                types?: string;
                /**
                 * @description 1–500 (default 100).
                 * @example 100
                 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    /** @description Sent when the deprecated `after` alias carried the cursor (RFC 9745): the date `cursor` replaced it, `@1795564800` (2026-11-25). */
                    Deprecation?: string;
                    /** @description Sent with `Deprecation`: the parameter's documentation (`rel="deprecation"`). */
                    Link?: string;
                    /** @description Sent with `Deprecation` (RFC 8594): after `Tue, 22 Jun 2027 00:00:00 GMT` `after` may be refused; send `cursor`. */
                    Sunset?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "data": {
                     *             "chassis_number": "IRFC841V3AJ123456",
                     *             "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "plate": "۱۲ الف ۳۴۵ ایران ۶۷",
                     *             "reason": "auction_sale",
                     *             "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "status": "submitted",
                     *             "tracking_code": "PP-140510-0001",
                     *             "vin": "NAAN01CE8DK123456"
                     *           },
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "occurred_at": "2026-01-01T06:30:00Z",
                     *           "occurred_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "subject": {
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "kind": "request",
                     *             "tracking_code": "PP-140510-0001"
                     *           },
                     *           "type": "request.submitted"
                     *         }
                     *       ],
                     *       "next_after": "eyJpZCI6IjAxOTM3YTRlIn0",
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The cursor is past the newest event (`cursor_ahead`; `newest_id` says where the feed ends), e.g. a cursor saved before the database was restored from a backup. */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    list_webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subscriptions. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "types": [
                     *             "request.submitted"
                     *           ],
                     *           "url": "https://hooks.example.org/plate-permits"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "types": [
                 *         "request.submitted",
                 *         "permit.issued"
                 *       ],
                 *       "url": "https://hooks.example.org/plate-permits"
                 *     }
                 */
                "application/json": components["schemas"]["CreateWebhook"];
            };
        };
        responses: {
            /** @description Subscribed. */
            201: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "secret": "c2VjcmV0LXRva2VuLWV4YW1wbGU",
                     *       "types": [
                     *         "request.submitted"
                     *       ],
                     *       "url": "https://hooks.example.org/plate-permits"
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedWebhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    delete_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Webhook id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unsubscribed. */
            204: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    rotate_webhook_secret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Webhook id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "secret": "c2VjcmV0LXRva2VuLWV4YW1wbGU"
                     *     }
                     */
                    "application/json": components["schemas"]["RotatedSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_webhook_deliveries: {
        parameters: {
            query?: {
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Webhook id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "attempts": 1,
                     *           "event_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "last_error": "http_status",
                     *           "last_status": 1,
                     *           "next_attempt_at": "2026-01-01T06:30:00Z",
                     *           "next_attempt_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "status": "pending",
                     *           "updated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_Delivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    retry_webhook_delivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Webhook id */
                id: string;
                /** @description Delivery id */
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued again. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "attempts": 1,
                     *       "event_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "last_error": "http_status",
                     *       "last_status": 1,
                     *       "next_attempt_at": "2026-01-01T06:30:00Z",
                     *       "next_attempt_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "status": "pending",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰"
                     *     }
                     */
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_request_notifications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The messages. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "attempts": 1,
                     *           "characters": 1,
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "event": "filed",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "last_error": "نمونه",
                     *           "next_attempt_at": "2026-01-01T06:30:00Z",
                     *           "parts": 1,
                     *           "recipient": "0914***4567",
                     *           "sent_at": "2026-01-01T06:30:00Z",
                     *           "status": "pending",
                     *           "text": "نمونه"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["NotificationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    list_sms_templates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The templates. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *           "default_body": "نمونه",
                     *           "default_parts": 1,
                     *           "event": "filed",
                     *           "example": "نمونه",
                     *           "overridden": false,
                     *           "parts": 1,
                     *           "placeholders": [
                     *             "نمونه"
                     *           ],
                     *           "updated_at": "2026-01-01T06:30:00Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TemplateList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    update_sms_template: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event whose text this is */
                event: components["schemas"]["SmsEvent"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "body": "درخواست شما با کد رهگیری {tracking_code} ثبت شد."
                 *     }
                 */
                "application/json": components["schemas"]["UpdateTemplate"];
            };
        };
        responses: {
            /** @description The template in effect. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "body": "خودروی فرسوده، فروخته‌شده در مزایده",
                     *       "default_body": "نمونه",
                     *       "default_parts": 1,
                     *       "event": "filed",
                     *       "example": "نمونه",
                     *       "overridden": false,
                     *       "parts": 1,
                     *       "placeholders": [
                     *         "نمونه"
                     *       ],
                     *       "updated_at": "2026-01-01T06:30:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["TemplateView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such event. */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Invalid text (`validation_failed`), naming `body`. */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_holidays: {
        parameters: {
            query?: {
                /**
                 * @description One year: Jalali below 1700 (`1405`, Persian digits accepted), Gregorian from 1700.
                 *     Without `year`, `from` and `to`, the current and the next Jalali year.
                 * @example 1405
                 */
                year?: string;
                /** @description On or after this date (ISO or Jalali). */
                from?: string;
                /** @description On or before this date (ISO or Jalali). */
                to?: string;
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of holidays. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "confirms": "p-1448-01-10",
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "date": "2026-01-01",
                     *           "date_jalali": "1403/01/01",
                     *           "id": "p-1448-01-10",
                     *           "reference": "نمونه",
                     *           "source": "fixed",
                     *           "source_label_fa": "موقت",
                     *           "title": "عید نوروز",
                     *           "title_fa": "عاشورای حسینی"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_Holiday"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_holiday: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "date": "2026-02-15",
                 *       "title": "تعطیلی رسمی استانی"
                 *     }
                 */
                "application/json": components["schemas"]["HolidayInput"];
            };
        };
        responses: {
            /** @description Added. */
            201: {
                headers: {
                    /** @description The holiday's URL */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "confirms": "p-1448-01-10",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "date": "2026-01-01",
                     *       "date_jalali": "1403/01/01",
                     *       "id": "p-1448-01-10",
                     *       "reference": "نمونه",
                     *       "source": "fixed",
                     *       "source_label_fa": "موقت",
                     *       "title": "عید نوروز",
                     *       "title_fa": "عاشورای حسینی"
                     *     }
                     */
                    "application/json": components["schemas"]["Holiday"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            /** @description That date is already a holiday (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    import_holidays: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example [
                 *       {
                 *         "date": "2026-02-16",
                 *         "title": "تعطیلی رسمی استانی (روز نخست)"
                 *       },
                 *       {
                 *         "date": "2026-02-17",
                 *         "title": "تعطیلی رسمی استانی (روز دوم)"
                 *       }
                 *     ]
                 */
                "application/json": components["schemas"]["HolidayInput"][];
            };
        };
        responses: {
            /** @description Imported: what changed. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "added": 1,
                     *       "confirmed": 1,
                     *       "moved": 1,
                     *       "recomputed_requests": 1,
                     *       "rows": 1,
                     *       "unchanged": 1
                     *     }
                     */
                    "application/json": components["schemas"]["ImportSummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            /** @description A day would take the date of another confirmed holiday (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Bad rows, every one named; nothing stored. */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    confirm_holiday: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Provisional holiday id or confirmed row id */
                id: string;
            };
            cookie?: never;
        };
        /** @description Optional; without a body the computed (or current) date is confirmed. */
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": null | components["schemas"]["ConfirmHoliday"];
            };
        };
        responses: {
            /** @description Moved or re-confirmed. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "confirms": "p-1448-01-10",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "date": "2026-01-01",
                     *       "date_jalali": "1403/01/01",
                     *       "id": "p-1448-01-10",
                     *       "reference": "نمونه",
                     *       "source": "fixed",
                     *       "source_label_fa": "موقت",
                     *       "title": "عید نوروز",
                     *       "title_fa": "عاشورای حسینی"
                     *     }
                     */
                    "application/json": components["schemas"]["Holiday"];
                };
            };
            /** @description Confirmed (stored). */
            201: {
                headers: {
                    /** @description The new resource's URL. */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "confirms": "p-1448-01-10",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "date": "2026-01-01",
                     *       "date_jalali": "1403/01/01",
                     *       "id": "p-1448-01-10",
                     *       "reference": "نمونه",
                     *       "source": "fixed",
                     *       "source_label_fa": "موقت",
                     *       "title": "عید نوروز",
                     *       "title_fa": "عاشورای حسینی"
                     *     }
                     */
                    "application/json": components["schemas"]["Holiday"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No such holiday. */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            /** @description A fixed holiday, a day that confirms nothing (`conflict`), or the date is another stored holiday (`duplicate`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    delete_holiday: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Holiday id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description A built-in holiday (`conflict`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_request_sla: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Request id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The computation, day by day. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "calendar": {
                     *         "builtin_rules": [
                     *           {
                     *             "applies_to": [
                     *               "directorate"
                     *             ],
                     *             "effective_from": "2026-01-01",
                     *             "effective_from_jalali": "نمونه",
                     *             "effective_to": "2026-01-01",
                     *             "effective_to_jalali": "نمونه",
                     *             "id": "b-thursdays-1402",
                     *             "kind": "weekend",
                     *             "sources": [
                     *               {
                     *                 "title": "تأخیر در بررسی درخواست",
                     *                 "url": "https://hooks.example.org/plate-permits"
                     *               }
                     *             ],
                     *             "title": "تأخیر در بررسی درخواست",
                     *             "uncertainty": "نمونه"
                     *           }
                     *         ],
                     *         "counting_fa": "مهلت N روز کاری در پایان ساعت اداری N‌امین روز کاری پس از روز آغاز مرحله به سر می‌رسد.",
                     *         "office_closes": "14:30",
                     *         "office_opens": "07:30",
                     *         "rules": [
                     *           {
                     *             "applies_to": "directorate",
                     *             "applies_to_label_fa": "همه",
                     *             "closes": "نمونه",
                     *             "created_at": "2026-01-01T06:30:00Z",
                     *             "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *             "effective_from": "2026-01-01",
                     *             "effective_from_jalali": "1405/04/01",
                     *             "effective_to": "2026-01-01",
                     *             "effective_to_jalali": "نمونه",
                     *             "from_time": "نمونه",
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "kind": "weekend",
                     *             "kind_label_fa": "تعطیلی هفتگی",
                     *             "opens": "نمونه",
                     *             "title": "تعطیلی پنجشنبه‌ها",
                     *             "to_time": "نمونه",
                     *             "updated_at": "2026-01-01T06:30:00Z",
                     *             "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *             "version": 3,
                     *             "weekdays": [
                     *               "thursday",
                     *               "friday"
                     *             ],
                     *             "weekdays_fa": [
                     *               "پنجشنبه",
                     *               "جمعه"
                     *             ],
                     *             "whole_day": false
                     *           }
                     *         ],
                     *         "time_zone": "Asia/Tehran",
                     *         "weekend_days": [
                     *           "Fri"
                     *         ]
                     *       },
                     *       "computed_at": "2026-01-01T06:30:00Z",
                     *       "computed_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "runs": [
                     *         {
                     *           "budget_working_days": 1,
                     *           "calendar": "directorate",
                     *           "calendar_label_fa": "تقویم کاری اداره کل",
                     *           "completed": false,
                     *           "days": [
                     *             {
                     *               "closed_hours": 1,
                     *               "counted_hours": 1,
                     *               "date": "2026-01-01",
                     *               "date_jalali": "1403/08/15",
                     *               "date_jalali_long": "۵ آذر ۱۴۰۵",
                     *               "day_number": 1,
                     *               "holiday": "نمونه",
                     *               "office_hours": [
                     *                 "07:30-10:00",
                     *                 "11:00-14:30"
                     *               ],
                     *               "rule": {
                     *                 "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *                 "kind": "weekend",
                     *                 "title": "تعطیلی پنجشنبه‌ها"
                     *               },
                     *               "source": "settings",
                     *               "status": "working",
                     *               "weekday": "Wed",
                     *               "weekday_fa": "چهارشنبه"
                     *             }
                     *           ],
                     *           "due_at": "2026-01-01T06:30:00Z",
                     *           "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "due_date_jalali": "نمونه",
                     *           "elapsed_working_days": 1,
                     *           "ended_at": "2026-01-01T06:30:00Z",
                     *           "ended_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "spans": [
                     *             {
                     *               "calendar": "directorate",
                     *               "end": "2026-01-01T06:30:00Z",
                     *               "end_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *               "start": "2026-01-01T06:30:00Z",
                     *               "start_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *               "state": "running",
                     *               "working_days": 1
                     *             }
                     *           ],
                     *           "stage": "decision",
                     *           "stage_label_fa": "بررسی و تصمیم اداره کل",
                     *           "started_at": "2026-01-01T06:30:00Z",
                     *           "started_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "within_budget": false
                     *         }
                     *       ],
                     *       "sla": {
                     *         "budget_working_days": 1,
                     *         "calendar": "directorate",
                     *         "calendar_label_fa": "تقویم کاری اداره کل",
                     *         "clock": "running",
                     *         "clock_label_fa": "در جریان",
                     *         "due_at": "2026-01-01T06:30:00Z",
                     *         "due_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "due_date_jalali": "نمونه",
                     *         "elapsed_working_days": 2,
                     *         "overdue": false,
                     *         "remaining_working_days": 1,
                     *         "stage": "decision",
                     *         "stage_label_fa": "بررسی و تصمیم اداره کل"
                     *       },
                     *       "status": "submitted",
                     *       "status_label_fa": "در حال بررسی",
                     *       "tracking_code": "PP-140510-0001"
                     *     }
                     */
                    "application/json": components["schemas"]["SlaExplanation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    get_sla_weekly: {
        parameters: {
            query?: {
                /**
                 * @description Requests filed on or after this date (ISO `2024-11-05` or Jalali `1403/08/15`, service
                 *     time zone).
                 */
                from?: string;
                /** @description Requests filed on or before this date (ISO or Jalali). */
                to?: string;
                /** @description Only this agency. */
                organisation_id?: string;
                /**
                 * @description `csv` for CSV (the same as `Accept: text/csv`; UTF-8 with a byte-order mark), `xlsx`
                 *     for an Excel workbook (the same as `Accept:
                 *     application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`), `json`.
                 */
                format?: string;
                /**
                 * @description The language of a CSV's or workbook's headers: `fa` (Persian headers, Jalali date
                 *     columns) or `en`; without it, `Accept-Language` decides (CSV defaults to English,
                 *     the workbook to Persian).
                 */
                lang?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The weeks. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "from": "2026-01-01",
                     *       "from_jalali": "1405/07/05",
                     *       "generated_at": "2026-01-01T06:30:00Z",
                     *       "generated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "to": "2026-01-01",
                     *       "to_jalali": "1405/09/21",
                     *       "weeks": [
                     *         {
                     *           "closed": 1,
                     *           "filed": 1,
                     *           "week_end": "2026-01-01",
                     *           "week_end_jalali": "1405/09/21",
                     *           "week_start": "2026-01-01",
                     *           "week_start_jalali": "1405/09/15"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SlaWeekly"];
                    /** @example week_start,week_end,filed,closed */
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": number[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description More than `SLA_REPORT_RATE_PER_MINUTE` calls this minute (`rate_limited`, `Retry-After`). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    get_sla_report: {
        parameters: {
            query?: {
                /**
                 * @description Requests filed on or after this date (ISO `2024-11-05` or Jalali `1403/08/15`, service
                 *     time zone).
                 */
                from?: string;
                /** @description Requests filed on or before this date (ISO or Jalali). */
                to?: string;
                /** @description Only this agency. */
                organisation_id?: string;
                /**
                 * @description `csv` for CSV (the same as `Accept: text/csv`; UTF-8 with a byte-order mark), `xlsx`
                 *     for an Excel workbook (the same as `Accept:
                 *     application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`), `json`.
                 */
                format?: string;
                /**
                 * @description The language of a CSV's or workbook's headers: `fa` (Persian headers, Jalali date
                 *     columns) or `en`; without it, `Accept-Language` decides (CSV defaults to English,
                 *     the workbook to Persian).
                 */
                lang?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report (`Cache-Status` tells whether it came from the cache; `RateLimit-Policy`/`RateLimit` the caller's standing). */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "agencies": [
                     *         {
                     *           "by_status": {
                     *             "key": 1
                     *           },
                     *           "feedback": {
                     *             "average_rating": 1,
                     *             "count": 3
                     *           },
                     *           "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "organisation_name": "نمونه",
                     *           "overdue_now": 1,
                     *           "refusal_reasons": {
                     *             "identity_mismatch": 1,
                     *             "judicial_seizure": 1,
                     *             "other": 1,
                     *             "unpaid_fines": 1,
                     *             "vehicle_not_presented": 1
                     *           },
                     *           "rejection_reasons": {
                     *             "duplicate_request": 1,
                     *             "incomplete_documents": 1,
                     *             "not_government_vehicle": 1,
                     *             "other": 1,
                     *             "ownership_unclear": 1
                     *           },
                     *           "requests": 1,
                     *           "stages": {
                     *             "decision": {
                     *               "completed": 1,
                     *               "median_working_days": 1,
                     *               "p90_working_days": 1,
                     *               "within_budget": 1,
                     *               "within_budget_share": 1
                     *             },
                     *             "police": {
                     *               "completed": 1,
                     *               "median_working_days": 1,
                     *               "p90_working_days": 1,
                     *               "within_budget": 1,
                     *               "within_budget_share": 1
                     *             },
                     *             "registration": {
                     *               "completed": 1,
                     *               "median_working_days": 1,
                     *               "p90_working_days": 1,
                     *               "within_budget": 1,
                     *               "within_budget_share": 1
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "budgets": {
                     *         "decision": 1,
                     *         "police": 1,
                     *         "registration": 1
                     *       },
                     *       "calendars": {
                     *         "decision": "directorate",
                     *         "police": "directorate",
                     *         "registration": "directorate"
                     *       },
                     *       "from": "2026-01-01",
                     *       "from_jalali": "نمونه",
                     *       "generated_at": "2026-01-01T06:30:00Z",
                     *       "generated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "overall": {
                     *         "by_status": {
                     *           "key": 1
                     *         },
                     *         "feedback": {
                     *           "average_rating": 1,
                     *           "count": 3
                     *         },
                     *         "overdue_now": 1,
                     *         "refusal_reasons": {
                     *           "identity_mismatch": 1,
                     *           "judicial_seizure": 1,
                     *           "other": 1,
                     *           "unpaid_fines": 1,
                     *           "vehicle_not_presented": 1
                     *         },
                     *         "rejection_reasons": {
                     *           "duplicate_request": 1,
                     *           "incomplete_documents": 1,
                     *           "not_government_vehicle": 1,
                     *           "other": 1,
                     *           "ownership_unclear": 1
                     *         },
                     *         "requests": 1,
                     *         "stages": {
                     *           "decision": {
                     *             "completed": 1,
                     *             "median_working_days": 1,
                     *             "p90_working_days": 1,
                     *             "within_budget": 1,
                     *             "within_budget_share": 1
                     *           },
                     *           "police": {
                     *             "completed": 1,
                     *             "median_working_days": 1,
                     *             "p90_working_days": 1,
                     *             "within_budget": 1,
                     *             "within_budget_share": 1
                     *           },
                     *           "registration": {
                     *             "completed": 1,
                     *             "median_working_days": 1,
                     *             "p90_working_days": 1,
                     *             "within_budget": 1,
                     *             "within_budget_share": 1
                     *           }
                     *         }
                     *       },
                     *       "to": "2026-01-01",
                     *       "to_jalali": "نمونه"
                     *     }
                     */
                    "application/json": components["schemas"]["SlaReport"];
                    /** @example scope,organisation_id,organisation_name,requests,... */
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": number[];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description More than `SLA_REPORT_RATE_PER_MINUTE` calls this minute (`rate_limited`, `Retry-After`). */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description No computation slot within `SLA_REPORT_TIMEOUT_SECS` (`service_unavailable`, `Retry-After`). */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After"?: number;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_working_rules: {
        parameters: {
            query?: {
                /** @description Only rules of this kind: `weekend`, `office_hours` or `closure`. */
                kind?: string;
                /** @description Only rules whose date range covers this date (ISO or Jalali). */
                on?: string;
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of working rules. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "applies_to": "directorate",
                     *           "applies_to_label_fa": "همه",
                     *           "closes": "نمونه",
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "effective_from": "2026-01-01",
                     *           "effective_from_jalali": "1405/04/01",
                     *           "effective_to": "2026-01-01",
                     *           "effective_to_jalali": "نمونه",
                     *           "from_time": "نمونه",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "kind": "weekend",
                     *           "kind_label_fa": "تعطیلی هفتگی",
                     *           "opens": "نمونه",
                     *           "title": "تعطیلی پنجشنبه‌ها",
                     *           "to_time": "نمونه",
                     *           "updated_at": "2026-01-01T06:30:00Z",
                     *           "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *           "version": 3,
                     *           "weekdays": [
                     *             "thursday",
                     *             "friday"
                     *           ],
                     *           "weekdays_fa": [
                     *             "پنجشنبه",
                     *             "جمعه"
                     *           ],
                     *           "whole_day": false
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_WorkingRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    create_working_rule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "applies_to": "agencies",
                 *       "effective_from": "2026-03-02",
                 *       "effective_to": "2026-03-02",
                 *       "kind": "closure",
                 *       "title": "تعطیلی ادارات استان به سبب گرما"
                 *     }
                 */
                "application/json": components["schemas"]["WorkingRuleInput"];
            };
        };
        responses: {
            /** @description Added. */
            201: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description The rule's URL */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "applies_to": "directorate",
                     *       "applies_to_label_fa": "همه",
                     *       "closes": "نمونه",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "effective_from": "2026-01-01",
                     *       "effective_from_jalali": "1405/04/01",
                     *       "effective_to": "2026-01-01",
                     *       "effective_to_jalali": "نمونه",
                     *       "from_time": "نمونه",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "weekend",
                     *       "kind_label_fa": "تعطیلی هفتگی",
                     *       "opens": "نمونه",
                     *       "title": "تعطیلی پنجشنبه‌ها",
                     *       "to_time": "نمونه",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "version": 3,
                     *       "weekdays": [
                     *         "thursday",
                     *         "friday"
                     *       ],
                     *       "weekdays_fa": [
                     *         "پنجشنبه",
                     *         "جمعه"
                     *       ],
                     *       "whole_day": false
                     *     }
                     */
                    "application/json": components["schemas"]["WorkingRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Every invalid field named (`validation_failed`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    get_working_rule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Working rule id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rule. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "applies_to": "directorate",
                     *       "applies_to_label_fa": "همه",
                     *       "closes": "نمونه",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "effective_from": "2026-01-01",
                     *       "effective_from_jalali": "1405/04/01",
                     *       "effective_to": "2026-01-01",
                     *       "effective_to_jalali": "نمونه",
                     *       "from_time": "نمونه",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "weekend",
                     *       "kind_label_fa": "تعطیلی هفتگی",
                     *       "opens": "نمونه",
                     *       "title": "تعطیلی پنجشنبه‌ها",
                     *       "to_time": "نمونه",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "version": 3,
                     *       "weekdays": [
                     *         "thursday",
                     *         "friday"
                     *       ],
                     *       "weekdays_fa": [
                     *         "پنجشنبه",
                     *         "جمعه"
                     *       ],
                     *       "whole_day": false
                     *     }
                     */
                    "application/json": components["schemas"]["WorkingRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    delete_working_rule: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Working rule id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description Stale `If-Match` (`precondition_failed`). */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    update_working_rule: {
        parameters: {
            query?: never;
            header: {
                /** @description The `ETag` last read; 412 when stale. */
                "If-Match": string;
            };
            path: {
                /** @description Working rule id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "تعطیلی ادارات استان به سبب آلودگی هوا"
                 *     }
                 */
                "application/json": components["schemas"]["UpdateWorkingRule"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    /** @description Strong validator: the resource's version (send it back in `If-Match`), or a download's SHA-256. */
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "applies_to": "directorate",
                     *       "applies_to_label_fa": "همه",
                     *       "closes": "نمونه",
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "effective_from": "2026-01-01",
                     *       "effective_from_jalali": "1405/04/01",
                     *       "effective_to": "2026-01-01",
                     *       "effective_to_jalali": "نمونه",
                     *       "from_time": "نمونه",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "kind": "weekend",
                     *       "kind_label_fa": "تعطیلی هفتگی",
                     *       "opens": "نمونه",
                     *       "title": "تعطیلی پنجشنبه‌ها",
                     *       "to_time": "نمونه",
                     *       "updated_at": "2026-01-01T06:30:00Z",
                     *       "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *       "version": 3,
                     *       "weekdays": [
                     *         "thursday",
                     *         "friday"
                     *       ],
                     *       "weekdays_fa": [
                     *         "پنجشنبه",
                     *         "جمعه"
                     *       ],
                     *       "whole_day": false
                     *     }
                     */
                    "application/json": components["schemas"]["WorkingRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description Stale `If-Match` (`precondition_failed`). */
            412: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Every invalid field named (`validation_failed`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    declare_closure: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "date": "2026-01-02",
                 *       "from_time": "11:00",
                 *       "title": "تعطیلی ادارات استان به سبب گرمای هوا"
                 *     }
                 */
                "application/json": components["schemas"]["ClosureInput"];
            };
        };
        responses: {
            /** @description Declared; the rule and the number of requests recomputed. */
            201: {
                headers: {
                    /** @description The working rule's URL */
                    Location?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "recomputed_requests": 1,
                     *       "rule": {
                     *         "applies_to": "directorate",
                     *         "applies_to_label_fa": "همه",
                     *         "closes": "نمونه",
                     *         "created_at": "2026-01-01T06:30:00Z",
                     *         "created_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "effective_from": "2026-01-01",
                     *         "effective_from_jalali": "1405/04/01",
                     *         "effective_to": "2026-01-01",
                     *         "effective_to_jalali": "نمونه",
                     *         "from_time": "نمونه",
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "kind": "weekend",
                     *         "kind_label_fa": "تعطیلی هفتگی",
                     *         "opens": "نمونه",
                     *         "title": "تعطیلی پنجشنبه‌ها",
                     *         "to_time": "نمونه",
                     *         "updated_at": "2026-01-01T06:30:00Z",
                     *         "updated_at_jalali": "۱۴۰۵/۰۹/۰۴ ۱۰:۳۰",
                     *         "version": 3,
                     *         "weekdays": [
                     *           "thursday",
                     *           "friday"
                     *         ],
                     *         "weekdays_fa": [
                     *           "پنجشنبه",
                     *           "جمعه"
                     *         ],
                     *         "whole_day": false
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ClosureDeclared"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Every invalid field named (`validation_failed`); a date other than today or tomorrow is `not_today_or_tomorrow`. */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_vehicle_conflicts: {
        parameters: {
            query?: {
                /**
                 * @description Only conflicts in this status (without it: open ones first, then resolved, newest
                 *     first within each).
                 */
                status?: components["schemas"]["ConflictStatus"];
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of conflicts. */
            200: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "attempts": 1,
                     *           "blocking_request": {
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "organisation": {
                     *               "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *               "name": "اداره کل راه و شهرسازی"
                     *             },
                     *             "status": "submitted",
                     *             "status_label_fa": "در حال بررسی",
                     *             "tracking_code": "PP-140510-0001"
                     *           },
                     *           "created_at": "2026-01-01T06:30:00Z",
                     *           "created_at_jalali": "۱۴۰۵/۰۹/۱۴ ۰۹:۱۵",
                     *           "filed_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "last_attempt_at": "2026-01-01T06:30:00Z",
                     *           "last_attempt_at_jalali": "۱۴۰۵/۰۹/۱۴ ۰۹:۱۵",
                     *           "refused_organisation": {
                     *             "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *             "name": "اداره کل راه و شهرسازی"
                     *           },
                     *           "resolution": {
                     *             "note": "درخواست پیشین به درخواست دستگاه خاتمه یافت؛ دستگاه دوم می‌تواند دوباره ثبت کند.",
                     *             "request_status": "submitted",
                     *             "resolved_at": "2026-01-01T06:30:00Z",
                     *             "resolved_at_jalali": "۱۴۰۵/۰۹/۱۵ ۱۰:۳۰",
                     *             "resolved_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                     *           },
                     *           "status": "open",
                     *           "status_label_fa": "در انتظار رسیدگی",
                     *           "vehicle": {
                     *             "chassis_number": "IRFC841V3AJ123456",
                     *             "plate": "12الف345-67",
                     *             "vin": "NAAN01CE8DK123456"
                     *           },
                     *           "version": 3
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_VehicleConflict"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description Not the directorate or an administrator (`forbidden`). */
            403: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    get_vehicle_conflict: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Conflict id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conflict. */
            200: {
                headers: {
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "attempts": 1,
                     *       "blocking_request": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "organisation": {
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "name": "اداره کل راه و شهرسازی"
                     *         },
                     *         "status": "submitted",
                     *         "status_label_fa": "در حال بررسی",
                     *         "tracking_code": "PP-140510-0001"
                     *       },
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۱۴ ۰۹:۱۵",
                     *       "filed_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "last_attempt_at": "2026-01-01T06:30:00Z",
                     *       "last_attempt_at_jalali": "۱۴۰۵/۰۹/۱۴ ۰۹:۱۵",
                     *       "refused_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "اداره کل راه و شهرسازی"
                     *       },
                     *       "resolution": {
                     *         "note": "درخواست پیشین به درخواست دستگاه خاتمه یافت؛ دستگاه دوم می‌تواند دوباره ثبت کند.",
                     *         "request_status": "submitted",
                     *         "resolved_at": "2026-01-01T06:30:00Z",
                     *         "resolved_at_jalali": "۱۴۰۵/۰۹/۱۵ ۱۰:۳۰",
                     *         "resolved_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                     *       },
                     *       "status": "open",
                     *       "status_label_fa": "در انتظار رسیدگی",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "plate": "12الف345-67",
                     *         "vin": "NAAN01CE8DK123456"
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["VehicleConflict"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description Not the directorate or an administrator (`forbidden`). */
            403: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such conflict (`not_found`). */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resolve_vehicle_conflict: {
        parameters: {
            query?: never;
            header: {
                /** @description The conflict's `ETag` (its `version`) last read; 412 when stale, 428 when missing. */
                "If-Match": string;
            };
            path: {
                /** @description Conflict id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "note": "با دستگاه نخست هماهنگ شد؛ درخواست آن برقرار ماند و به دستگاه دوم اطلاع داده شد."
                 *     }
                 */
                "application/json": components["schemas"]["ResolveConflict"];
            };
        };
        responses: {
            /** @description Resolved. */
            200: {
                headers: {
                    ETag?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "attempts": 1,
                     *       "blocking_request": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "organisation": {
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "name": "اداره کل راه و شهرسازی"
                     *         },
                     *         "status": "submitted",
                     *         "status_label_fa": "در حال بررسی",
                     *         "tracking_code": "PP-140510-0001"
                     *       },
                     *       "created_at": "2026-01-01T06:30:00Z",
                     *       "created_at_jalali": "۱۴۰۵/۰۹/۱۴ ۰۹:۱۵",
                     *       "filed_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *       "last_attempt_at": "2026-01-01T06:30:00Z",
                     *       "last_attempt_at_jalali": "۱۴۰۵/۰۹/۱۴ ۰۹:۱۵",
                     *       "refused_organisation": {
                     *         "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *         "name": "اداره کل راه و شهرسازی"
                     *       },
                     *       "resolution": {
                     *         "note": "درخواست پیشین به درخواست دستگاه خاتمه یافت؛ دستگاه دوم می‌تواند دوباره ثبت کند.",
                     *         "request_status": "submitted",
                     *         "resolved_at": "2026-01-01T06:30:00Z",
                     *         "resolved_at_jalali": "۱۴۰۵/۰۹/۱۵ ۱۰:۳۰",
                     *         "resolved_by": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a"
                     *       },
                     *       "status": "open",
                     *       "status_label_fa": "در انتظار رسیدگی",
                     *       "vehicle": {
                     *         "chassis_number": "IRFC841V3AJ123456",
                     *         "plate": "12الف345-67",
                     *         "vin": "NAAN01CE8DK123456"
                     *       },
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["VehicleConflict"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description Not the directorate or an administrator (`forbidden`). */
            403: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such conflict (`not_found`). */
            404: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            408: components["responses"]["RequestTimeout"];
            /** @description Already resolved (`conflict`). */
            409: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description `note` missing, too short or too long (`validation_failed`). */
            422: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            428: components["responses"]["PreconditionRequired"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadOnlyOrUnavailable"];
        };
    };
    list_audit_entries: {
        parameters: {
            query?: {
                /** @description Only this actor (user or service account id). */
                actor?: string;
                /** @description Only this action (`login.failure`, `document.downloaded`, …). */
                action?: string;
                /**
                 * @description Only this subject id (a user, organisation, request, permit, document or webhook id, or
                 *     an SMS template's event such as `filed`).
                 */
                subject?: string;
                /** @description Only this kind of subject (`user`, `request`, `permit`, `document`, …). */
                subject_kind?: string;
                /** @description Only actors of this organisation. */
                organisation_id?: string;
                /** @description On or after this day (ISO `2024-11-05` or Jalali `1403/08/15`, service time zone). */
                from?: string;
                /** @description On or before this day (ISO or Jalali). */
                to?: string;
                /** @description `csv` for CSV (the same as `Accept: text/csv`). */
                format?: string;
                /**
                 * @description Items per page, 1–200 (default 50).
                 * @example 50
                 */
                limit?: number;
                /** @description Opaque cursor from a previous page's `next_cursor`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries. */
            200: {
                headers: {
                    /** @description CSV only: the cursor of the next export, when more entries match. */
                    "X-Next-Cursor"?: string;
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "action": "login.success",
                     *           "actor_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "actor_kind": "user",
                     *           "actor_role": "نمونه",
                     *           "at": "2026-01-01T06:30:00Z",
                     *           "at_jalali": "۱۴۰۳/۰۸/۱۵ ۱۰:۲۰",
                     *           "client_ip": "نمونه",
                     *           "http_request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "organisation_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "request_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "subject_id": "01937a4e-5c2b-7d1e-9f3a-2b4c6d8e0f1a",
                     *           "subject_kind": "user"
                     *         }
                     *       ],
                     *       "next_cursor": "eyJpZCI6IjAxOTM3YTRlIn0"
                     *     }
                     */
                    "application/json": components["schemas"]["Paginated_AuditEntry"];
                    /** @example id,at,at_jalali,actor_id,actor_kind,actor_role,organisation_id,action,... */
                    "text/csv": string;
                };
            };
            /** @description An unknown `action`, `subject_kind` or `format`, a bad date or cursor (`invalid_query`). */
            400: {
                headers: {
                    /** @description Identifies this request in the service's logs (echoed when the client sent a valid one). */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["LimitOutOfRange"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    onCalendarClosureDeclared: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalendarClosureDeclaredEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onComplaintAnswered: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComplaintAnsweredEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onComplaintReceived: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComplaintReceivedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onNoticePublished: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoticePublishedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPermitExpired: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PermitExpiredEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPermitIssued: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PermitIssuedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPermitReceiptRecorded: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PermitReceiptRecordedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onPermitRevoked: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PermitRevokedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onReceiptRecordAttached: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiptRecordAttachedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onRequestCompleted: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestCompletedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onRequestCorrected: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestCorrectedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onRequestDocumentsOverdue: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestDocumentsOverdueEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onRequestStatusChanged: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestStatusChangedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onRequestSubmitted: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (the same as the body's `id`): the same for every attempt of the delivery, so receivers dedupe on it.
                 * @example 42
                 */
                "webhook-id": string;
                /**
                 * @description When this attempt was signed, in whole seconds since the Unix epoch; refuse attempts too far from your clock (Standard Webhooks suggests five minutes).
                 * @example 1764925200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` (Standard Webhooks 1.0), one per active secret (two while a rotated secret overlaps).
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description `plate-permits/<version>`.
                 * @example plate-permits/0.1.0
                 */
                "User-Agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestSubmittedEvent"];
            };
        };
        responses: {
            /** @description Acknowledged: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not acknowledged: the attempt failed and is retried with backoff (as is any other status, a timeout or a refused connection). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
