//! Building the application: database, migrations, bootstrap account, keys, and the HTTP server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use utoipa::OpenApi as _;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::clock::Clock;
use crate::config::Config;
use crate::db;
use crate::documents::storage::Blobs;
use crate::error::ApiError;
use crate::http::json::JsonLimit;
use crate::http::middleware::{
    control_characters, fallback, header_limits, problem_layer, request_context, security_headers,
    RouteTable,
};
use crate::http::openapi;
use crate::http::slow_clients::{slow_clients as slow_clients_layer, SlowClients};
use crate::notices::guard::NoticeCache;
use crate::router::routes;
use crate::state::AppState;
use crate::users::bootstrap::{self, AdminOutcome};
use crate::webhooks::Outbound;

/// A start-up failure: one line that names the setting or step at fault.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartupError(pub String);

impl From<String> for StartupError {
    fn from(s: String) -> Self {
        StartupError(s)
    }
}

/// Warns when the service listens beyond this machine but `PUBLIC_BASE_URL` names it: every
/// printed permit's QR code would send the police officer who scans it to their own phone
/// (the default suits only a local run).
fn warn_of_a_loopback_public_url(config: &Config) {
    if public_url_unreachable_from_outside(config) {
        tracing::warn!(
            public_base_url = config.http.public_base_url.as_str(),
            listen_addr = %config.http.listen_addr,
            "PUBLIC_BASE_URL names this machine while the service listens on other addresses: \
             the QR code on printed permits will not reach it; set PUBLIC_BASE_URL to the \
             address people and the police use"
        );
    }
}

fn public_url_unreachable_from_outside(config: &Config) -> bool {
    config.http.public_base_url.is_loopback() && !config.http.listen_addr.ip().is_loopback()
}

/// Prints the generated administrator password once, outside the structured log.
fn announce_admin(outcome: &AdminOutcome, username: &str) {
    match outcome {
        AdminOutcome::Created => {
            tracing::info!(
                username,
                "administrator created with the configured password"
            )
        }
        AdminOutcome::CreatedWithTemporary(pw) | AdminOutcome::Reset(Some(pw)) => {
            tracing::warn!(
                username,
                "administrator password generated; it is printed once on stderr and must be changed at first login"
            );
            eprintln!(
                "\n  administrator '{username}' temporary password: {pw}\n  (shown once; it must be changed at first login)\n"
            );
        }
        AdminOutcome::Reset(None) => tracing::info!(username, "administrator password reset"),
    }
}

/// Refuses to start with a `BOOTSTRAP_ADMIN_PASSWORD` the password policy would refuse (checked
/// at every start, whether or not the database is empty, so that a weak example never
/// survives into a deployment).
pub fn check_bootstrap_password(config: &Config) -> Result<(), StartupError> {
    let Some(pw) = &config.auth.bootstrap_admin_password else {
        return Ok(());
    };
    crate::auth::password::check_policy(
        "password",
        pw.expose(),
        "admin",
        Some(crate::users::bootstrap::DIRECTORATE_NAME),
        None,
    ).map_err(|issue| {
        StartupError(format!(
            "BOOTSTRAP_ADMIN_PASSWORD is refused by the password policy ({}): {} Choose a long passphrase of several unrelated words.",
            issue.code, issue.message.en
        ))
    })
}

/// Warns of every file or folder the service keeps (`DATA_DIR`, the SQLite database and its
/// WAL/SHM, the backup-signing key) that other users may read.
fn warn_of_wide_modes(config: &Config) {
    let mut roots = vec![config.data_dir.clone(), config.backup_key_path()];
    if let Ok(url) = db::DbUrl::parse(&config.effective_database_url()) {
        if let Some(file) = url.sqlite_path() {
            if let Some(path) = db::plain_sqlite_file(&file.to_string_lossy()) {
                let path = path.to_path_buf();
                roots.extend(crate::private_fs::sqlite_companions(&path));
                if !path.starts_with(&config.data_dir) {
                    roots.push(path);
                }
            }
        }
    }
    crate::private_fs::warn_if_wider(&roots);
}

/// Refuses to serve a database whose schema, append-only triggers or audit guard differ from
/// the migrations (see [`db::integrity`]): someone changed it outside the service.
fn check_schema(conn: &mut db::DbConnection, clock: &Clock) -> Result<(), StartupError> {
    let differences = db::integrity::differences(conn, clock.now())
        .map_err(|e| StartupError(format!("checking the schema against the migrations: {e}")))?;
    if differences.is_empty() {
        return Ok(());
    }
    for d in &differences {
        tracing::error!(
            difference = d.as_str(),
            "the database does not match its migrations"
        );
    }
    Err(StartupError(format!(
        "refusing to serve: the database does not match its migrations ({}). It was changed \
         outside the service — the append-only audit trail may have been tampered with. Restore \
         a backup that passes `verify-backup`, or recreate the objects exactly as the migrations \
         define them, then start again.",
        differences.join("; ")
    )))
}

/// Opens the database, applies migrations and creates the first administrator when the
/// database is empty; `clock` stamps what it writes. Blocking: call from a blocking context.
pub fn prepare_database(config: &Config, clock: &Clock) -> Result<db::Pool, StartupError> {
    crate::private_fs::create_dir_all(&config.data_dir).map_err(|e| {
        StartupError(format!(
            "DATA_DIR: cannot create {}: {e}",
            config.data_dir.display()
        ))
    })?;
    check_bootstrap_password(config)?;
    warn_of_wide_modes(config);
    let pool = db::build_pool(&config.effective_database_url(), config.database.pool_size)?;
    let mut conn = db::check_connect(&pool)?;
    let applied = db::migrations::run_pending(&mut conn)
        .map_err(|e| StartupError(format!("migrations failed: {e}")))?;
    if !applied.is_empty() {
        tracing::info!(count = applied.len(), "migrations applied");
    }
    check_schema(&mut conn, clock)?;
    let outcome = db::write_tx(&mut conn, |c| {
        bootstrap::bootstrap_if_empty(
            c,
            config.auth.bootstrap_admin_password.as_ref(),
            clock.now(),
        )
    })
    .map_err(|e: ApiError| StartupError(format!("bootstrap administrator: {e}")))?;
    if let Some(outcome) = outcome {
        announce_admin(&outcome, "admin");
    }
    let rekeyed = db::write_tx(&mut conn, crate::organisations::queries::rekey_names)
        .map_err(|e: ApiError| StartupError(format!("organisation name keys: {e}")))?;
    if rekeyed > 0 {
        tracing::info!(count = rekeyed, "organisation name keys recomputed");
    }
    let recomputed = crate::sla::queries::reconcile(&mut conn, config, clock.now())
        .map_err(|e: ApiError| StartupError(format!("SLA clocks: {e}")))?;
    if recomputed > 0 {
        tracing::info!(count = recomputed, "SLA clocks recomputed");
    }
    Ok(pool)
}

/// Where new uploads go: `BLOB_STORE`, else the database on PostgreSQL and the filesystem on
/// SQLite. The database store is refused on SQLite: there every write runs on one writer
/// thread, and copying documents in it would stall every other write behind it.
pub fn blob_target(
    config: &Config,
    backend: db::Backend,
) -> Result<crate::documents::model::BlobLocation, StartupError> {
    use crate::config::BlobStoreChoice;
    use crate::documents::model::BlobLocation;
    match (config.documents.blob_store, backend) {
        (Some(BlobStoreChoice::Filesystem), _) | (None, db::Backend::Sqlite) => {
            Ok(BlobLocation::Filesystem)
        }
        (Some(BlobStoreChoice::Database), db::Backend::Postgres)
        | (None, db::Backend::Postgres) => Ok(BlobLocation::Database),
        (Some(BlobStoreChoice::Database), db::Backend::Sqlite) => Err(StartupError(
            "BLOB_STORE=database needs PostgreSQL: on SQLite every write runs on one writer \
             thread, which copying documents would stall (use BLOB_STORE=filesystem)"
                .into(),
        )),
    }
}

/// Opens the document store and repairs what a crash may have left: pending uploads whose row
/// committed with its bytes on the filesystem are completed; other pending uploads (those of
/// database documents included) and files without a filesystem row are removed.
pub fn open_blob_store(
    config: &Config,
    pool: &db::Pool,
) -> Result<crate::documents::storage::Blobs, StartupError> {
    use crate::documents::storage::{BlobStore, Blobs, FsBlobStore};
    let dir = config.documents_dir();
    let store = FsBlobStore::new(&dir)
        .map_err(|e| StartupError(format!("DATA_DIR: cannot create {}: {e}", dir.display())))?;
    let mut conn = pool
        .get()
        .map_err(|e| StartupError(format!("DATABASE_URL: {e}")))?;
    let target = blob_target(config, db::backend_of(&conn))?;
    let has_row = |key: &str| -> bool {
        crate::documents::queries::file_has_row(&mut conn, key).unwrap_or(true)
    };
    let conn_cell = std::cell::RefCell::new(has_row);
    let report = store
        .recover(&|k| (conn_cell.borrow_mut())(k))
        .map_err(|e| StartupError(format!("document store recovery: {e}")))?;
    if report != Default::default() {
        tracing::warn!(
            ?report,
            "document store recovered from an interrupted upload"
        );
    }
    Ok(Blobs::new(Arc::new(store), target, pool.clone()))
}

/// `plate-permits migrate-documents`: moves this replica's filesystem documents into the
/// database store (see [`crate::documents::migrate`]); prints a JSON report on stdout and fails
/// while documents are left behind (missing here or damaged).
pub fn migrate_documents(config: &Config, clock: &Clock) -> Result<(), StartupError> {
    use crate::documents::model::BlobLocation;
    let pool = prepare_database(config, clock)?;
    let blobs = open_blob_store(config, &pool)?;
    if blobs.target != BlobLocation::Database {
        tracing::info!("BLOB_STORE is filesystem: documents stay where they are; nothing to move");
        return Ok(());
    }
    let mut conn = pool
        .get()
        .map_err(|e| StartupError(format!("DATABASE_URL: {e}")))?;
    let report = crate::documents::migrate::to_database(&mut conn, blobs.files.as_ref())
        .map_err(|e| StartupError(format!("migrate-documents: {e}")))?;
    println!(
        "{}",
        serde_json::to_string(&report).unwrap_or_else(|_| format!("{report:?}"))
    );
    if report.complete() {
        Ok(())
    } else {
        Err(StartupError(format!(
            "migrate-documents: {} document(s) not in this DATA_DIR (run it on the replica that \
             took them) and {} whose file differs from its SHA-256 were left where they are",
            report.missing.len(),
            report.mismatched.len()
        )))
    }
}

/// `plate-permits create-admin`.
pub fn create_admin(
    config: &Config,
    username: &str,
    password: Option<&crate::config::Secret>,
    clock: &Clock,
) -> Result<(), StartupError> {
    let pool = prepare_database(config, clock)?;
    let mut conn = pool
        .get()
        .map_err(|e| StartupError(format!("DATABASE_URL: {e}")))?;
    let outcome = db::write_tx(&mut conn, |c| {
        bootstrap::create_or_reset_admin(c, username, password, clock.now())
    })
    .map_err(|e| StartupError(format!("create-admin: {e}")))?;
    announce_admin(&outcome, username);
    Ok(())
}

/// The running service.
pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
    trail: crate::audit::Trail,
}

impl Application {
    /// Prepares everything and binds the listener (port 0 picks a free port). `clock` is where
    /// the service reads the time: the system clock in production, a settable one in tests.
    pub async fn build(config: Config, clock: Clock) -> Result<Self, StartupError> {
        warn_of_a_loopback_public_url(&config);
        let config = Arc::new(config);
        let prep_config = config.clone();
        let (pool, blobs) = tokio::task::spawn_blocking(move || {
            let pool = prepare_database(&prep_config, &clock)?;
            let blobs = open_blob_store(&prep_config, &pool)?;
            Ok::<_, StartupError>((pool, blobs))
        })
        .await
        .map_err(|e| StartupError(format!("start-up task failed: {e}")))??;
        let (jwt_secret, generated) = crate::auth::keys::load_or_create(&config)?;
        if generated {
            end_sessions_of_a_replaced_secret(&pool, &clock)?;
        }
        // Created at first start, beside the other keys; a malformed one stops the start.
        let backup_key = crate::backup::key::load_or_create(&config).map_err(StartupError)?;
        tracing::debug!(key_id = backup_key.id.as_str(), "backup-signing key");
        let tokens =
            crate::auth::jwt::TokenKeys::new(&jwt_secret, config.auth.access_token_ttl_secs);
        let state = app_state(pool, config.clone(), clock)?;
        let features = Features::new(&config, &state, blobs, &jwt_secret, tokens)?;
        let (listener, port) = bind(&config)?;
        let sms_provider: Arc<dyn crate::sms::provider::Provider> =
            Arc::from(crate::sms::provider::from_config(&config).map_err(StartupError)?);
        let workers = Workers {
            outbound: features.outbound.clone().into_inner(),
            trail: features.trail.get_ref().clone(),
            request_effects: **features.effects.requests,
            sms_provider,
        };
        let trail = workers.trail.clone();
        let server = run(listener, state.clone(), features)?;
        if let Some(standby) = state.standby.clone() {
            tokio::spawn(standby.monitor(state.pool.clone()));
        }
        start_workers(&config, &state, workers);
        Ok(Application {
            port,
            server,
            state,
            trail,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGINT/SIGTERM; in-flight requests get up to 30 s to finish. Then the reads'
    /// audit entries still waiting for their batch (SQLite) are written before the process ends.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        match self.trail.flush(&self.state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "audit entries of reads written at shutdown"),
            Err(e) => tracing::error!(
                error = %e,
                waiting = self.trail.waiting(),
                "audit entries of reads could not be written at shutdown"
            ),
        }
        served
    }
}

/// A new token-signing secret (first start, or a restore, which never carries it): sessions of
/// the old one end, refresh tokens included, rather than outlive their secret.
fn end_sessions_of_a_replaced_secret(pool: &db::Pool, clock: &Clock) -> Result<(), StartupError> {
    let mut conn = pool
        .get()
        .map_err(|e| StartupError(format!("DATABASE_URL: {e}")))?;
    let ended = db::write_tx(&mut conn, |c| {
        crate::auth::sessions::revoke_every(
            c,
            crate::auth::sessions::RevokeReason::SigningSecretReplaced,
            clock.now(),
        )
    })
    .map_err(|e: ApiError| StartupError(format!("ending sessions: {e}")))?;
    if ended > 0 {
        tracing::warn!(
            sessions = ended,
            "a new token-signing secret was generated: every session was ended"
        );
    }
    Ok(())
}

/// The state every handler shares: the pool, SQLite's one writer, the PostgreSQL read standby
/// when configured, and the clock.
fn app_state(pool: db::Pool, config: Arc<Config>, clock: Clock) -> Result<AppState, StartupError> {
    let backend = pool
        .get()
        .map(|c| db::backend_of(&c))
        .map_err(|e| StartupError(format!("DATABASE_URL: {e}")))?;
    // SQLite: every write of this process goes through one writer connection.
    let writer = match backend {
        db::Backend::Sqlite => {
            Some(db::open_writer(&config.effective_database_url()).map_err(StartupError)?)
        }
        db::Backend::Postgres => None,
    };
    let standby = match &config.database.read_url {
        None => None,
        Some(_) if backend == db::Backend::Sqlite => {
            return Err(StartupError(
                "DATABASE_READ_URL: a read standby is for PostgreSQL; unset it with SQLite".into(),
            ))
        }
        Some(url) => Some(Arc::new(db::standby::Standby::new(
            db::build_standby_pool(url, config.database.pool_size).map_err(StartupError)?,
            std::time::Duration::from_secs(config.database.read_max_lag_secs),
        ))),
    };
    let decisions = db::decisions::Decisions::open(backend, &config.effective_database_url());
    Ok(AppState {
        standby,
        pool,
        writer,
        backend,
        public_limiter: Arc::new(crate::http::rate_limit::RateLimiter::per_minute(
            config.http.public_rate_limit_per_minute,
        )),
        config,
        clock,
        metrics: Arc::default(),
        decisions,
    })
}

/// The listener on `LISTEN_ADDR` and the port it got.
fn bind(config: &Config) -> Result<(TcpListener, u16), StartupError> {
    let listener = TcpListener::bind(config.http.listen_addr).map_err(|e| {
        StartupError(format!(
            "LISTEN_ADDR: cannot listen on {}: {e}",
            config.http.listen_addr
        ))
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| StartupError(format!("LISTEN_ADDR: {e}")))?
        .port();
    Ok((listener, port))
}

/// What the background workers need besides the state.
struct Workers {
    outbound: Arc<Outbound>,
    trail: crate::audit::Trail,
    request_effects: crate::requests::Effects,
    sms_provider: Arc<dyn crate::sms::provider::Provider>,
}

/// Starts the background workers that `config` turns on, and those that always run.
fn start_workers(config: &Config, state: &AppState, workers: Workers) {
    let Workers {
        outbound,
        trail,
        request_effects,
        sms_provider,
    } = workers;
    // The workers log a failed round (no database during a failover) and try again; should
    // one ever stop (a panic), it is started again.
    if config.webhooks.worker {
        let (st, ob) = (state.clone(), outbound);
        supervise("webhooks", move || {
            crate::webhooks::worker::run(st.clone(), ob.clone())
        });
    }
    if config.sms.worker {
        let st = state.clone();
        supervise("sms", move || {
            crate::sms::worker::run(st.clone(), sms_provider.clone())
        });
    }
    if config.permits.expiry_worker {
        let st = state.clone();
        supervise("permit_expiry", move || {
            crate::permits::expiry::run(st.clone(), request_effects)
        });
    }
    if config.documents.due_worker {
        let st = state.clone();
        supervise("document_due", move || {
            crate::documents::due::run(st.clone())
        });
    }
    let st = state.clone();
    let every = std::time::Duration::from_secs(config.auth.session_purge_interval_secs);
    supervise("session_purge", move || {
        crate::auth::purge::purge_periodically(st.clone(), every)
    });
    // Reads' audit entries, batched on SQLite, and the audit trail's retention.
    let (st, tr) = (state.clone(), trail.clone());
    let flush_every = std::time::Duration::from_millis(config.audit.flush_interval_ms);
    supervise("audit_flush", move || {
        crate::audit::service::flush_periodically(st.clone(), tr.clone(), flush_every)
    });
    let st = state.clone();
    let retention = config.audit.retention_days;
    supervise("audit_purge", move || {
        crate::audit::service::purge_periodically(st.clone(), retention, every)
    });
}

/// Runs a background worker for the life of the process: if its task ever ends (a panic), that
/// is logged and the worker is started again a second later.
fn supervise<F, Fut>(name: &'static str, start: F)
where
    F: Fn() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        loop {
            match tokio::spawn(start()).await {
                Ok(()) => tracing::error!(worker = name, "background worker stopped; restarting"),
                Err(e) => {
                    tracing::error!(worker = name, error = %e, "background worker failed; restarting")
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
}

/// Sign-ins refused by the throttle go to the audit trail's queue (they wrote nothing).
fn throttled_sign_ins(trail: web::Data<crate::audit::Trail>) -> crate::auth::service::ThrottledLog {
    crate::auth::service::ThrottledLog::new(move |attempt| {
        trail.queue(
            crate::audit::Entry::anonymous(
                crate::audit::Action::LoginFailure,
                crate::audit::Subject::User,
                &attempt.origin,
            )
            .detail(crate::auth::service::SignInFailure {
                reason: crate::auth::service::Refusal::Throttled,
                username: Some(&attempt.username),
            }),
        )
    })
}

fn cors(config: &Config) -> Cors {
    let origins = &config.http.cors_allowed_origins.0;
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            "authorization",
            "content-type",
            "accept",
            "accept-language",
            "if-match",
            "idempotency-key",
            "x-request-id",
        ])
        .expose_headers([
            "etag",
            "location",
            "x-request-id",
            "retry-after",
            "content-disposition",
            "content-language",
            "ratelimit",
            "ratelimit-policy",
            "x-next-cursor",
            "idempotent-replayed",
            "deprecation",
            "sunset",
            "link",
        ])
        .max_age(3600);
    if origins.iter().any(|o| o == "*") {
        cors = cors.allow_any_origin().send_wildcard();
    } else {
        for origin in origins {
            cors = cors.allowed_origin(origin);
        }
    }
    cors
}

/// The OpenAPI document without its examples, which `/api-docs/openapi.json` fills in.
struct ServedDoc(utoipa::openapi::OpenApi);

/// `GET /api-docs/openapi.json`: the document, its examples' dates computed from the serving
/// day of the service's clock (a permit's `valid_until` ten days ahead, a receipt's
/// `occurred_at` now), so each example is valid when it is tried.
async fn served_openapi(
    base: web::Data<ServedDoc>,
    state: web::Data<AppState>,
) -> actix_web::HttpResponse {
    let day = crate::http::examples::ExampleDay::of(&state.clock);
    let doc = crate::router::openapi_doc_on(&base.0, &day);
    actix_web::HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-cache"))
        .json(doc)
}

/// State that belongs to one resource, handed to its handlers beside [`AppState`].
#[derive(Clone)]
struct Features {
    /// The access tokens' signing keys (the `AuthUser` extractor, sign-in, the token grant).
    tokens: web::Data<crate::auth::jwt::TokenKeys>,
    blobs: web::Data<Blobs>,
    notice_cache: web::Data<NoticeCache>,
    outbound: web::Data<Outbound>,
    trail: web::Data<crate::audit::Trail>,
    signer: web::Data<crate::permits::signing::PermitSigner>,
    sla_report: web::Data<crate::sla::report_gate::ReportGate>,
    throttled_log: web::Data<crate::auth::service::ThrottledLog>,
    effects: Effects,
}

/// The consequences one module's changes have in another's tables, each run in the change's
/// transaction: wired here, in the composition root, so that a reader sees every one in one
/// place, the modules that cause them import none of the modules that carry them out, and
/// leaving one out does not compile (every field of each `Effects` is required, and [`run`]
/// registers each as its handlers' app data).
#[derive(Clone)]
pub struct Effects {
    pub requests: web::Data<crate::requests::Effects>,
    pub complaints: web::Data<crate::complaints::service::Effects>,
    pub notices: web::Data<crate::notices::service::Effects>,
    pub accounts: web::Data<crate::auth::service::Effects>,
}

impl Effects {
    /// The service's effects.
    pub fn wired() -> Self {
        Effects {
            requests: web::Data::new(request_effects()),
            // The complainant's SMS is enqueued with the answer.
            complaints: web::Data::new(crate::complaints::service::Effects {
                on_answer: crate::sms::service::on_complaint_answered,
            }),
            // Outage SMS are enqueued with the notice.
            notices: web::Data::new(crate::notices::service::Effects {
                on_publish: crate::sms::service::on_notice_published,
            }),
            // Sign-ins and password changes are audited in their own transactions.
            accounts: web::Data::new(crate::auth::service::Effects {
                on_account_event: crate::audit::service::record_account_event,
            }),
        }
    }
}

/// What a request's filing, transitions and corrections do in other modules' tables.
pub fn request_effects() -> crate::requests::Effects {
    crate::requests::Effects {
        // SMS notifications are enqueued in the transaction of the change that causes them.
        on_change: crate::sms::service::on_request_change,
        // Withdrawing a request whose permit waits for the police revokes that permit (the
        // permits module's rule, run inside the requests module's transition).
        on_withdrawal_with_permit: crate::permits::service::revoke_on_withdrawal,
        on_recipient_change: crate::sms::service::on_recipient_changed,
    }
}

impl Features {
    /// Registers every feature and effect as app data for its handlers. The pattern names every
    /// field, so one added to `Features` and not registered here is an unused binding (a
    /// warning, which CI's clippy refuses), not a handler that fails at run time.
    fn register<T>(&self, app: App<T>) -> App<T>
    where
        T: actix_web::dev::ServiceFactory<
            actix_web::dev::ServiceRequest,
            Config = (),
            Error = actix_web::Error,
            InitError = (),
        >,
    {
        let Features {
            tokens,
            blobs,
            notice_cache,
            outbound,
            trail,
            signer,
            sla_report,
            throttled_log,
            effects:
                Effects {
                    requests,
                    complaints,
                    notices,
                    accounts,
                },
        } = self;
        app.app_data(tokens.clone())
            .app_data(blobs.clone())
            .app_data(notice_cache.clone())
            .app_data(outbound.clone())
            .app_data(trail.clone())
            .app_data(signer.clone())
            .app_data(sla_report.clone())
            .app_data(throttled_log.clone())
            .app_data(requests.clone())
            .app_data(complaints.clone())
            .app_data(notices.clone())
            .app_data(accounts.clone())
    }

    fn new(
        config: &Config,
        state: &AppState,
        blobs: Blobs,
        jwt_secret: &crate::config::Secret,
        tokens: crate::auth::jwt::TokenKeys,
    ) -> Result<Self, StartupError> {
        let clock = state.clock;
        let trail = web::Data::new(crate::audit::Trail::new(state.backend, clock));
        Ok(Features {
            tokens: web::Data::new(tokens),
            blobs: web::Data::new(blobs),
            notice_cache: web::Data::new(NoticeCache::default()),
            outbound: web::Data::new(Outbound {
                secrets: crate::webhooks::crypto::SecretBox::new(jwt_secret),
                dispatch: crate::webhooks::destination::Dispatcher {
                    allowed: config.webhooks.allowed_networks.clone(),
                    timeout: std::time::Duration::from_millis(config.webhooks.timeout_ms),
                },
            }),
            trail: trail.clone(),
            signer: web::Data::new(
                crate::permits::signing::PermitSigner::load_or_create(config, &clock)
                    .map_err(|e| StartupError(format!("permit-signing key: {e}")))?,
            ),
            sla_report: web::Data::new(crate::sla::report_gate::ReportGate::from_config(config)),
            throttled_log: web::Data::new(throttled_sign_ins(trail)),
            effects: Effects::wired(),
        })
    }
}

/// The HTTP workers (`HTTP_WORKERS`, else one per core) and the blocking threads of each: its
/// share of the database pool plus room for password hashing.
fn http_threads(config: &Config, pool_size: u32) -> (usize, usize) {
    let workers = config.http.workers.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    });
    let blocking_threads = (pool_size as usize).div_ceil(workers.max(1)) + 2;
    (workers, blocking_threads)
}

/// The app data every worker's `App` shares, built once: the state, and what the route table of
/// the OpenAPI document gives the middleware and `/api-docs/openapi.json`.
#[derive(Clone)]
struct ServerData {
    state: web::Data<AppState>,
    route_table: web::Data<RouteTable>,
    known_params: web::Data<crate::http::query_params::KnownParams>,
    slow_clients: web::Data<SlowClients>,
    served_doc: web::Data<ServedDoc>,
}

impl ServerData {
    fn new(state: AppState) -> Self {
        // Examples are filled in per request (dated from the serving day): see `served_openapi`.
        let doc = crate::router::openapi_doc_undated();
        let route_table = web::Data::new(RouteTable::from_openapi(&doc));
        let known_params =
            web::Data::new(crate::http::query_params::KnownParams::from_openapi(&doc));
        let slow_clients = web::Data::new(SlowClients::new(
            std::time::Duration::from_secs(state.config.http.client_body_timeout_secs),
            state.config.http.max_connections_per_address,
            state.config.clone(),
            state.config.http.prefer_persian,
        ));
        ServerData {
            state: web::Data::new(state),
            route_table,
            known_params,
            slow_clients,
            served_doc: web::Data::new(ServedDoc(doc)),
        }
    }
}

/// `GET /docs`: to the Swagger UI's own path.
async fn docs_redirect() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Found()
        .insert_header((actix_web::http::header::LOCATION, "/docs/"))
        .finish()
}

/// Query strings that do not parse answer the problem `query_error` describes.
fn query_config() -> web::QueryConfig {
    web::QueryConfig::default()
        .error_handler(|err, req| crate::http::query_error(&err, req.query_string()).into())
}

fn run(listener: TcpListener, state: AppState, features: Features) -> Result<Server, StartupError> {
    let config = state.config.clone();
    let data = ServerData::new(state);
    let (workers, blocking_threads) = http_threads(&config, data.state.pool.max_size());
    let server = HttpServer::new(move || {
        let (app, _) = App::new()
            .into_utoipa_app()
            .openapi(openapi::ApiDoc::openapi())
            .app_data(data.state.clone())
            .app_data(data.route_table.clone())
            .app_data(data.known_params.clone())
            .app_data(data.slow_clients.clone())
            .app_data(JsonLimit(config.http.json_max_size.0 as usize))
            .app_data(query_config())
            .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::not_found().into()))
            .configure(routes)
            .split_for_parts();
        features
            .register(app)
            .route("/docs", web::get().to(docs_redirect))
            .app_data(data.served_doc.clone())
            .route("/api-docs/openapi.json", web::get().to(served_openapi))
            .service(
                SwaggerUi::new("/docs/{_:.*}")
                    .config(utoipa_swagger_ui::Config::new(["/api-docs/openapi.json"])),
            )
            .configure(crate::console::configure)
            .configure(crate::guide::configure)
            .default_service(web::to(fallback))
            .wrap(from_fn(crate::http::query_params::reject_unknown_params))
            .wrap(from_fn(crate::audit::middleware::audit_denials))
            .wrap(from_fn(crate::auth::gate_layer::session_gate))
            .wrap(from_fn(crate::notices::guard::read_only_guard))
            .wrap(from_fn(control_characters))
            .wrap(from_fn(header_limits))
            .wrap(from_fn(slow_clients_layer))
            .wrap(cors(&config))
            .wrap(from_fn(problem_layer))
            .wrap(from_fn(security_headers))
            .wrap(from_fn(request_context))
    })
    .workers(workers)
    // Blocking work is database calls (bounded by the pool) and password hashing: more threads
    // than that only wait, and each one costs memory.
    .worker_max_blocking_threads(blocking_threads)
    .shutdown_timeout(30)
    // Slow headers are cut by actix-http (a request head must arrive within 5 s); a slow
    // body by `slow_clients` (`CLIENT_BODY_TIMEOUT_SECS`). A client that stops reading
    // after a close gets 1 s before the socket is dropped.
    .client_request_timeout(std::time::Duration::from_secs(5))
    .client_disconnect_timeout(std::time::Duration::from_secs(1))
    .listen(listener)
    .map_err(|e| StartupError(format!("LISTEN_ADDR: {e}")))?
    .run();
    Ok(server)
}

/// `plate-permits seed`: synthetic agencies and requests for benchmarks (see
/// [`crate::seed::run`]). Prints a JSON summary (the agencies' usernames and the shared
/// password) on stdout.
pub fn seed(
    config: &Config,
    args: &crate::config::SeedArgs,
    clock: &Clock,
) -> Result<(), StartupError> {
    let pool = prepare_database(config, clock)?;
    let mut conn = pool
        .get()
        .map_err(|e| StartupError(format!("DATABASE_URL: {e}")))?;
    let summary = crate::seed::run(&mut conn, config, args, clock.now())
        .map_err(|e| StartupError(format!("seed: {e}")))?;
    println!("{summary}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loopback_public_url_is_flagged_only_when_others_can_connect() {
        let cases = [
            ("127.0.0.1:8080", "http://127.0.0.1:8080", false),
            ("[::1]:8080", "http://localhost:8080", false),
            ("0.0.0.0:8080", "http://127.0.0.1:8080", true),
            ("0.0.0.0:8080", "http://localhost:8080", true),
            ("10.0.0.5:8080", "http://[::1]:8080", true),
            ("0.0.0.0:8080", "https://permits.example.ir", false),
        ];
        for (listen, public, flagged) in cases {
            let mut c = Config::defaults();
            c.http.listen_addr = listen.parse().unwrap();
            c.http.public_base_url = public.parse().unwrap();
            assert_eq!(
                public_url_unreachable_from_outside(&c),
                flagged,
                "{listen} {public}"
            );
        }
    }
}
