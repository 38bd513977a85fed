//! A typed client over the HTTP API: one method per call the tests make, signed in as the
//! token given first, each answering a [`Reply`] that asserts its status and hands back JSON.

use diesel::{QueryDsl, RunQueryDsl};
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::{json, Value};

use super::fixtures::*;
use super::TestApp;

/// A response read in full.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    pub async fn read(resp: reqwest::Response) -> Reply {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.text().await.expect("body");
        Reply {
            status,
            headers,
            text,
        }
    }

    /// The body as JSON (`{"raw": text}` when it is not JSON, null when empty).
    pub fn body(&self) -> Value {
        if self.text.is_empty() {
            return Value::Null;
        }
        serde_json::from_str(&self.text).unwrap_or_else(|_| json!({ "raw": self.text }))
    }

    /// A header that must be there, as text.
    #[track_caller]
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header: {:?}", self.headers))
            .to_str()
            .expect("header text")
    }

    /// Asserts the status (showing the body when it differs) and returns the JSON body.
    #[track_caller]
    pub fn json(self, status: u16) -> Value {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        self.body()
    }

    /// Asserts a problem+json reply with this status and code; returns the problem.
    #[track_caller]
    pub fn problem(self, status: u16, code: &str) -> Value {
        let content_type = self
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = self.json(status);
        assert_eq!(content_type, "application/problem+json", "body: {body}");
        assert_eq!(body["code"], code, "body: {body}");
        assert_eq!(body["status"], status, "body: {body}");
        for member in ["type", "title", "detail", "errors"] {
            assert!(body.get(member).is_some(), "problem lacks {member}: {body}");
        }
        body
    }

    /// Asserts the status and returns the list's `items`.
    #[track_caller]
    pub fn items(self, status: u16) -> Vec<Value> {
        let body = self.json(status);
        body["items"].as_array().expect("items").clone()
    }
}

// ---- preconditions -----------------------------------------------------------------------

/// An operation that requires `If-Match`, read from the OpenAPI document: its method, its path
/// template under `/api/v1` in segments, and the template of the resource whose `ETag` it
/// takes (the shortest prefix of its path ending in a parameter that has a GET: `/requests/{id}`
/// for `/requests/{id}/permit`, `/permits/{id}` for `/permits/{id}/receipt/record`).
struct Preconditioned {
    method: Method,
    segments: Vec<String>,
    source: Vec<String>,
}

fn preconditioned() -> &'static [Preconditioned] {
    static OPS: std::sync::OnceLock<Vec<Preconditioned>> = std::sync::OnceLock::new();
    OPS.get_or_init(|| {
        let doc = serde_json::to_value(plate_permits::router::openapi_doc()).expect("document");
        let paths = doc["paths"].as_object().expect("paths");
        let mut ops = Vec::new();
        for (path, item) in paths {
            for method in ["post", "put", "patch", "delete"] {
                let Some(op) = item.get(method) else { continue };
                let required = op["parameters"].as_array().is_some_and(|ps| {
                    ps.iter()
                        .any(|p| p["name"] == "If-Match" && p["required"] == true)
                });
                if !required {
                    continue;
                }
                let relative = path.trim_start_matches("/api/v1");
                let segments: Vec<String> = relative.split('/').map(str::to_owned).collect();
                let source = (1..=segments.len())
                    .map(|n| &segments[..n])
                    .filter(|p| p.last().is_some_and(|s| s.starts_with('{')))
                    .find(|p| {
                        paths[&format!("/api/v1{}", p.join("/"))]
                            .get("get")
                            .is_some()
                    })
                    .unwrap_or_else(|| panic!("{method} {path}: no resource to read an ETag from"))
                    .to_vec();
                ops.push(Preconditioned {
                    method: method.to_uppercase().parse().expect("method"),
                    segments,
                    source,
                });
            }
        }
        ops
    })
}

impl TestApp {
    /// The `If-Match` that `method path` needs: `None` when the operation takes none, else the
    /// current `ETag` of the resource it acts on, read first as `token` (so a test never sends
    /// a stale or missing precondition by accident; tests of 412 and 428 pass their own header
    /// or use [`TestApp::call_bare`]).
    pub async fn precondition_for(
        &self,
        method: &Method,
        path: &str,
        token: Option<&str>,
    ) -> Option<String> {
        let concrete: Vec<&str> = path.split('?').next().unwrap_or(path).split('/').collect();
        let op = preconditioned().iter().find(|op| {
            op.method == *method
                && op.segments.len() == concrete.len()
                && op
                    .segments
                    .iter()
                    .zip(&concrete)
                    .all(|(t, c)| t.starts_with('{') || t == c)
        })?;
        let source = concrete[..op.source.len()].join("/");
        if op.source.len() == 3 && op.source[1] == "requests" {
            // A read of a request is audited (`request.viewed`): take its version from the
            // database instead, so the precondition leaves no trace in the access log.
            use plate_permits::db::schema::requests;
            let mut conn = self.db_conn();
            let version: i64 = requests::table
                .find(concrete[2])
                .select(requests::version)
                .first(&mut conn)
                .ok()?;
            return Some(format!("\"{version}\""));
        }
        let resp = self
            .request(Method::GET, &source, token)
            .send()
            .await
            .ok()?;
        resp.headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// [`TestApp::request`] carrying the `If-Match` the operation needs (see
    /// [`TestApp::precondition_for`]).
    pub async fn request_checked(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let tag = self.precondition_for(&method, path, token).await;
        let req = self.request(method, path, token);
        match tag {
            Some(t) => req.header("if-match", t),
            None => req,
        }
    }
}

// ---- any call ----------------------------------------------------------------------------

impl TestApp {
    /// `method path` under `/api/v1` as `token` (anonymous without one), with an optional JSON
    /// body and extra headers. An operation that requires `If-Match` gets the resource's current
    /// `ETag` unless `headers` name one.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let given = headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("if-match"));
        let tag = match given {
            true => None,
            false => self.precondition_for(&method, path, token).await,
        };
        let mut req = self.request(method, path, token);
        if let Some(t) = &tag {
            req = req.header("if-match", t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        Reply::read(req.send().await.expect("request")).await
    }

    /// `method path` exactly as given: no `If-Match` is added.
    pub async fn call_bare(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut req = self.request(method, path, token);
        if let Some(b) = body {
            req = req.json(b);
        }
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        Reply::read(req.send().await.expect("request")).await
    }

    pub async fn get_as(&self, token: &str, path: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None, &[]).await
    }

    /// A GET with no token.
    pub async fn get_public(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None, None, &[]).await
    }

    pub async fn post_as(&self, token: &str, path: &str, body: &Value) -> Reply {
        self.call(Method::POST, path, Some(token), Some(body), &[])
            .await
    }

    pub async fn patch_as(&self, token: &str, path: &str, body: &Value) -> Reply {
        self.call(Method::PATCH, path, Some(token), Some(body), &[])
            .await
    }

    pub async fn delete_as(&self, token: &str, path: &str) -> Reply {
        self.call(Method::DELETE, path, Some(token), None, &[])
            .await
    }

    /// The `items` of a list read as `token` (asserting 200).
    pub async fn items(&self, token: &str, path: &str) -> Vec<Value> {
        self.get_as(token, path).await.items(200)
    }

    /// A GET outside `/api/v1` (health, metrics, docs).
    pub async fn get_root(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }
}

// ---- identity ----------------------------------------------------------------------------

pub struct Login {
    pub access: String,
    pub refresh: String,
    pub body: Value,
}

impl TestApp {
    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_json(
            "/auth/login",
            None,
            &json!({"username": username, "password": password}),
        )
        .await
    }

    pub async fn login_ok(&self, username: &str, password: &str) -> Login {
        let body = expect_ok(self.login(username, password).await).await;
        Login {
            access: text(&body, "access_token").to_owned(),
            refresh: text(&body, "refresh_token").to_owned(),
            body,
        }
    }

    /// Signs in as the bootstrap administrator.
    pub async fn admin_token(&self) -> String {
        self.login_ok("admin", ADMIN_PASSWORD).await.access
    }

    pub async fn refresh(&self, refresh_token: &str) -> Reply {
        let body = json!({"refresh_token": refresh_token});
        self.call(Method::POST, "/auth/refresh", None, Some(&body), &[])
            .await
    }

    pub async fn change_password(&self, token: &str, current: &str, new: &str) -> Reply {
        let body = json!({"current_password": current, "new_password": new});
        self.post_as(token, "/auth/password", &body).await
    }

    pub async fn me(&self, token: &str) -> Reply {
        self.get_as(token, "/me").await
    }

    pub async fn create_org(&self, admin: &str, kind: &str, name: &str) -> String {
        let body = json!({"name": name, "kind": kind, "national_id": random_national_id()});
        let org = self.post_as(admin, "/organisations", &body).await.json(201);
        text(&org, "id").to_owned()
    }

    /// Creates a user with a known password and signs in; returns (user id, access token).
    pub async fn create_user(
        &self,
        admin: &str,
        role: &str,
        org_id: &str,
        username: &str,
    ) -> (String, String) {
        let body = json!({
            "username": username,
            "full_name": format!("کاربر {username}"),
            "role": role,
            "organisation_id": org_id,
            "mobile": "09121234567",
            "password": USER_PASSWORD,
        });
        let user = self.post_as(admin, "/users", &body).await.json(201);
        let token = self.login_ok(username, USER_PASSWORD).await.access;
        (text(&user, "id").to_owned(), token)
    }

    /// The directorate organisation the bootstrap admin belongs to.
    pub async fn directorate_org(&self, admin: &str) -> String {
        text(&self.me(admin).await.json(200), "organisation_id").to_owned()
    }

    /// Signed-in users of every role, with agencies A and B.
    pub async fn cast(&self) -> Cast {
        let admin = self.admin_token().await;
        let org_directorate = self.directorate_org(&admin).await;
        let org_a = self.create_org(&admin, "agency", "سازمان الف").await;
        let org_b = self.create_org(&admin, "agency", "سازمان ب").await;
        let org_police = self.create_org(&admin, "police", "پلیس راهور").await;
        let user = |role: &'static str, org: String, name: &'static str| {
            let admin = admin.clone();
            async move { self.create_user(&admin, role, &org, name).await.1 }
        };
        let directorate = user("directorate", org_directorate.clone(), "reviewer").await;
        let registry = user("registry", org_directorate.clone(), "registry").await;
        let police = user("police", org_police.clone(), "officer").await;
        let agency_a = user("agency", org_a.clone(), "agency-a").await;
        let agency_b = user("agency", org_b.clone(), "agency-b").await;
        Cast {
            admin,
            directorate,
            registry,
            police,
            agency_a,
            agency_b,
            org_a,
            org_b,
            org_police,
            org_directorate,
        }
    }
}

async fn expect_ok(resp: reqwest::Response) -> Value {
    Reply::read(resp).await.json(200)
}

/// Signed-in users of every role, with agencies A and B.
#[derive(Clone)]
pub struct Cast {
    pub admin: String,
    pub directorate: String,
    pub registry: String,
    pub police: String,
    pub agency_a: String,
    pub agency_b: String,
    pub org_a: String,
    pub org_b: String,
    pub org_police: String,
    pub org_directorate: String,
}

// ---- requests ----------------------------------------------------------------------------

impl TestApp {
    /// Files a request for a random vehicle as `agency`; returns the created request.
    pub async fn file_request(&self, agency: &str) -> Value {
        self.file(agency, &new_request()).await.json(201)
    }

    pub async fn file(&self, agency: &str, body: &Value) -> Reply {
        self.post_as(agency, "/requests", body).await
    }

    /// Files with an `Idempotency-Key`.
    pub async fn file_keyed(&self, agency: &str, body: &Value, key: &str) -> Reply {
        let headers = [("idempotency-key", key)];
        self.call(
            Method::POST,
            "/requests",
            Some(agency),
            Some(body),
            &headers,
        )
        .await
    }

    /// The request as `token` sees it (asserting 200).
    pub async fn request_of(&self, token: &str, id: &str) -> Value {
        self.get_as(token, &format!("/requests/{id}"))
            .await
            .json(200)
    }

    /// The request's history as `token` sees it (asserting 200).
    pub async fn history(&self, token: &str, id: &str) -> Vec<Value> {
        self.items(token, &format!("/requests/{id}/history")).await
    }

    /// Requests whose search text `q` matches, as `token` sees them (asserting 200).
    pub async fn search(&self, token: &str, q: &str) -> Vec<Value> {
        let url = reqwest::Url::parse_with_params(&self.api("/requests"), &[("q", q)]).unwrap();
        let resp = self.client.get(url).bearer_auth(token).send().await;
        Reply::read(resp.expect("request")).await.items(200)
    }

    /// `POST /requests/{id}/{action}`, with a body when given.
    pub async fn act(&self, token: &str, id: &str, action: &str, body: Option<&Value>) -> Reply {
        let path = format!("/requests/{id}/{action}");
        self.call(Method::POST, &path, Some(token), body, &[]).await
    }

    pub async fn review(&self, token: &str, id: &str) -> Reply {
        self.act(token, id, "review", None).await
    }

    /// Rejects with the reason code `incomplete_documents`.
    pub async fn reject(&self, token: &str, id: &str, reason: &str) -> Reply {
        self.reject_coded(token, id, "incomplete_documents", reason)
            .await
    }

    pub async fn reject_coded(&self, token: &str, id: &str, code: &str, reason: &str) -> Reply {
        let body = json!({ "reason_code": code, "reason": reason });
        self.act(token, id, "reject", Some(&body)).await
    }

    pub async fn withdraw(&self, token: &str, id: &str, reason: &str) -> Reply {
        self.act(token, id, "withdraw", Some(&json!({ "reason": reason })))
            .await
    }

    pub async fn reopen(&self, token: &str, id: &str, note: &str) -> Reply {
        self.act(token, id, "reopen", Some(&json!({ "note": note })))
            .await
    }

    pub async fn ask_for_documents(&self, token: &str, id: &str, body: &Value) -> Reply {
        self.act(token, id, "document-requests", Some(body)).await
    }

    /// Resubmits with an empty JSON body.
    pub async fn resubmit(&self, token: &str, id: &str) -> Reply {
        self.act(token, id, "resubmit", Some(&json!({}))).await
    }

    pub async fn issue_permit(&self, token: &str, id: &str, body: &Value) -> Reply {
        self.act(token, id, "permit", Some(body)).await
    }

    pub async fn register(&self, token: &str, id: &str, body: &Value) -> Reply {
        self.act(token, id, "registration", Some(body)).await
    }

    /// `POST /vehicle-conflicts/{id}/resolve` with this note.
    pub async fn resolve_conflict(&self, token: &str, id: &str, note: &str) -> Reply {
        let path = format!("/vehicle-conflicts/{id}/resolve");
        let body = json!({ "note": note });
        self.call(Method::POST, &path, Some(token), Some(&body), &[])
            .await
    }

    pub async fn give_feedback(&self, token: &str, id: &str, body: &Value) -> Reply {
        self.act(token, id, "feedback", Some(body)).await
    }

    /// Public tracking by code.
    pub async fn track(&self, code: &str) -> Reply {
        self.get_public(&format!("/track/{code}")).await
    }

    /// Sets a request's status directly in the database (to test actions from states whose
    /// own endpoints are exercised elsewhere).
    pub fn force_status(&self, id: &str, status: &str) {
        let mut conn = self.db_conn();
        diesel::sql_query(format!(
            "UPDATE requests SET status = '{status}', version = version + 1 WHERE id = '{id}'"
        ))
        .execute(&mut conn)
        .expect("force status");
    }

    /// `POST path` with `if_match` when given, else with the resource's current `ETag`.
    pub async fn post_action(
        &self,
        path: &str,
        token: &str,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> reqwest::Response {
        let mut req = match if_match {
            Some(m) => self
                .request(Method::POST, path, Some(token))
                .header("if-match", m),
            None => self.request_checked(Method::POST, path, Some(token)).await,
        };
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }
}

// ---- documents ---------------------------------------------------------------------------

impl TestApp {
    pub async fn upload(
        &self,
        token: &str,
        request_id: &str,
        document_type: &str,
        filename: &str,
        mime: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_owned())
            .mime_str(mime)
            .unwrap();
        let form = reqwest::multipart::Form::new()
            .text("document_type", document_type.to_owned())
            .part("file", part);
        self.request(
            Method::POST,
            &format!("/requests/{request_id}/documents"),
            Some(token),
        )
        .multipart(form)
        .send()
        .await
        .unwrap()
    }

    /// Uploads a file of this name, type and content.
    pub async fn upload_file(
        &self,
        token: &str,
        request_id: &str,
        document_type: &str,
        (filename, mime, bytes): (&str, &str, &[u8]),
    ) -> Reply {
        let resp = self
            .upload(
                token,
                request_id,
                document_type,
                filename,
                mime,
                bytes.to_vec(),
            )
            .await;
        Reply::read(resp).await
    }

    /// Uploads a small real PDF.
    pub async fn upload_pdf(&self, token: &str, request_id: &str, document_type: &str) -> Reply {
        let file = ("a.pdf", "application/pdf", PDF);
        self.upload_file(token, request_id, document_type, file)
            .await
    }

    pub async fn documents(&self, token: &str, request_id: &str) -> Reply {
        self.get_as(token, &format!("/requests/{request_id}/documents"))
            .await
    }

    pub async fn document_content(&self, token: &str, document_id: &str) -> reqwest::Response {
        self.get(&format!("/documents/{document_id}/content"), Some(token))
            .await
    }
}

// ---- permits -----------------------------------------------------------------------------

impl TestApp {
    /// Files, reviews and issues a permit; returns (request id, permit).
    pub async fn permit_for(&self, c: &Cast) -> (String, Value) {
        let r = self.file_request(&c.agency_a).await;
        let id = text(&r, "id").to_owned();
        self.review(&c.directorate, &id).await.json(200);
        let permit = self
            .issue_permit(&c.directorate, &id, &new_permit(self.now()))
            .await
            .json(201);
        (id, permit)
    }

    pub async fn post_receipt(
        &self,
        token: &str,
        permit_id: &str,
        body: &Value,
        key: Option<&str>,
    ) -> reqwest::Response {
        let mut req = self
            .request_checked(
                Method::POST,
                &format!("/permits/{permit_id}/receipt"),
                Some(token),
            )
            .await
            .json(body);
        if let Some(k) = key {
            req = req.header("idempotency-key", k);
        }
        req.send().await.unwrap()
    }

    /// Posts a receipt, with an `Idempotency-Key` when given.
    pub async fn receipt(
        &self,
        token: &str,
        permit_id: &str,
        body: &Value,
        key: Option<&str>,
    ) -> Reply {
        Reply::read(self.post_receipt(token, permit_id, body, key).await).await
    }

    pub async fn permit(&self, token: &str, permit_id: &str) -> Reply {
        self.get_as(token, &format!("/permits/{permit_id}")).await
    }

    /// Public verification by permit number.
    pub async fn verify_permit(&self, number: &str) -> Reply {
        self.get_public(&format!("/permits/verify/{number}")).await
    }

    /// Moves a permit's validity into the past, straight in the database.
    pub fn expire_permit(&self, permit_id: &str) {
        let mut conn = self.db_conn();
        diesel::sql_query(format!(
            "UPDATE permits SET valid_until = '2000-01-01 00:00:00' WHERE id = '{permit_id}'"
        ))
        .execute(&mut conn)
        .unwrap();
    }

    /// One round of the permit expiry worker on this app's database at its clock's "now" (as
    /// every replica's worker runs it); how many requests it moved to `permit_expired`.
    pub async fn expire_due(&self) -> usize {
        let mut conn = self.db_conn();
        let (config, clock) = (self.config.clone(), self.clock);
        tokio::task::spawn_blocking(move || {
            plate_permits::permits::expiry::expire_due(
                &mut conn,
                &config,
                &clock,
                &plate_permits::startup::request_effects(),
            )
        })
        .await
        .unwrap()
        .unwrap()
    }
}

// ---- complaints, notices, holidays, webhooks ---------------------------------------------

impl TestApp {
    pub async fn complain(&self, token: &str, body: &Value) -> Reply {
        self.post_as(token, "/complaints", body).await
    }

    pub async fn post_notice(&self, token: &str, body: &Value) -> Reply {
        self.post_as(token, "/notices", body).await
    }

    pub async fn add_holiday(&self, token: &str, date: &str, title: &str) -> Reply {
        let body = json!({"date": date, "title": title});
        self.post_as(token, "/holidays", &body).await
    }

    pub async fn subscribe(&self, token: &str, body: &Value) -> Reply {
        self.post_as(token, "/webhooks", body).await
    }
}

// ---- service accounts (machine clients) --------------------------------------------------

/// A service account as created: its id, client id and the secret shown once.
#[derive(Clone, Debug)]
pub struct ServiceClient {
    pub id: String,
    pub client_id: String,
    pub secret: String,
    pub body: Value,
}

impl TestApp {
    /// `POST /service-accounts` as `admin`.
    pub async fn create_service_account_reply(
        &self,
        admin: &str,
        role: &str,
        org_id: &str,
        name: &str,
    ) -> Reply {
        let body = json!({"name": name, "role": role, "organisation_id": org_id});
        self.post_as(admin, "/service-accounts", &body).await
    }

    /// Creates a service account (asserting 201).
    pub async fn create_service_account(
        &self,
        admin: &str,
        role: &str,
        org_id: &str,
        name: &str,
    ) -> ServiceClient {
        let body = self
            .create_service_account_reply(admin, role, org_id, name)
            .await
            .json(201);
        ServiceClient {
            id: text(&body, "id").to_owned(),
            client_id: text(&body, "client_id").to_owned(),
            secret: text(&body, "client_secret").to_owned(),
            body,
        }
    }

    /// `POST /auth/token` with HTTP Basic client authentication (and a form body), from
    /// `address` (sent as `X-Forwarded-For`, believed when the app trusts loopback proxies).
    pub async fn client_token_basic_from(
        &self,
        client_id: &str,
        secret: &str,
        address: Option<&str>,
    ) -> Reply {
        let mut req = self
            .client
            .post(self.api("/auth/token"))
            .basic_auth(client_id, Some(secret))
            .form(&[("grant_type", "client_credentials")]);
        if let Some(a) = address {
            req = req.header("x-forwarded-for", a);
        }
        Reply::read(req.send().await.expect("request")).await
    }

    pub async fn client_token_basic(&self, client_id: &str, secret: &str) -> Reply {
        self.client_token_basic_from(client_id, secret, None).await
    }

    /// `POST /auth/token` with the client's id and secret as form fields.
    pub async fn client_token_form(&self, fields: &[(&str, &str)]) -> Reply {
        let req = self.client.post(self.api("/auth/token")).form(fields);
        Reply::read(req.send().await.expect("request")).await
    }

    /// A client's access token (HTTP Basic; asserting 200).
    pub async fn client_access_token(&self, c: &ServiceClient) -> String {
        let body = self
            .client_token_basic(&c.client_id, &c.secret)
            .await
            .json(200);
        text(&body, "access_token").to_owned()
    }

    /// A service account of `role` in `org_id` and its access token.
    pub async fn service_token(
        &self,
        admin: &str,
        role: &str,
        org_id: &str,
        name: &str,
    ) -> (ServiceClient, String) {
        let c = self.create_service_account(admin, role, org_id, name).await;
        let token = self.client_access_token(&c).await;
        (c, token)
    }
}
