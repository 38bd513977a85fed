//! Subscription rules: each function is one step of an admin route, run in the caller's
//! transaction (or read).

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::audit::{self, Action, Actor, Subject};
use crate::clock::Clock;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldIssue};
use crate::events::EventType;
use crate::http::pagination::{Page, Paginated};
use crate::webhooks::crypto::{generate_secret, SecretBox};
use crate::webhooks::model::{join_types, DeliveryStatus, NewWebhook};
use crate::webhooks::store::{self, HookInsert};
use crate::webhooks::views::{CreatedWebhook, Delivery, RotatedSecret, Webhook, WebhookList};

/// How long a rotated-out secret keeps signing.
const PREVIOUS_SECRET_GRACE: TimeDelta = TimeDelta::hours(24);

fn seal(secrets: &SecretBox) -> ApiResult<(String, String)> {
    let secret = generate_secret();
    let sealed = secrets.seal(&secret).map_err(ApiError::internal)?;
    Ok((secret, sealed))
}

/// 422 `unknown_organisation` unless the organisation exists.
fn ensure_organisation(conn: &mut DbConnection, org: &str) -> ApiResult<()> {
    if !store::organisation_exists(conn, org)? {
        return Err(ApiError::invalid_field(FieldIssue::new(
            "organisation_id",
            "unknown_organisation",
            "سازمان یافت نشد.",
            "No such organisation.",
        )));
    }
    Ok(())
}

/// The detail of `webhook.subscribed`.
#[derive(Serialize)]
struct Subscribed<'a> {
    /// The receiver's URL without its query and fragment.
    url: String,
    url_query_omitted: bool,
    types: &'a [EventType],
    organisation_id: Option<&'a str>,
}

/// The detail of `webhook.secret_rotated`: until when the replaced secret still signs.
#[derive(Serialize)]
struct SecretRotated {
    previous_secret_signs_until: DateTime<Utc>,
}

/// The detail of `webhook.delivery_retried`: which delivery, and how it had ended before.
#[derive(Serialize)]
struct DeliveryRetried<'a> {
    delivery_id: &'a str,
    status_before: DeliveryStatus,
}

/// The audit entry of a new subscription: the receiver, its types and the agency it is bound
/// to; never the secret, nor the URL's query, where receivers often take a token (the audit is
/// kept for years).
fn subscribed_entry(actor: &Actor, id: &str, new: &NewWebhook) -> audit::Entry {
    let (receiver, had_query) = without_query(&new.url);
    audit::Entry::by(actor, Action::WebhookSubscribed, Subject::Webhook, id).detail(Subscribed {
        url: receiver,
        url_query_omitted: had_query,
        types: &new.types,
        organisation_id: new.organisation_id.as_deref(),
    })
}

/// Subscribes; the subscription receives events from now on. Returns the secret once.
pub fn create(
    conn: &mut DbConnection,
    clock: &Clock,
    secrets: &SecretBox,
    actor: &Actor,
    new: NewWebhook,
) -> ApiResult<CreatedWebhook> {
    let (secret, sealed) = seal(secrets)?;
    if let Some(org) = &new.organisation_id {
        ensure_organisation(conn, org)?;
    }
    let from = crate::events::queries::last_position(conn)?;
    let at = clock.now();
    let id = uuid::Uuid::now_v7().to_string();
    store::insert(
        conn,
        HookInsert {
            id: &id,
            url: &new.url,
            types: &join_types(&new.types),
            organisation_id: new.organisation_id.as_deref(),
            secret_enc: &sealed,
            fanout_position: from.unwrap_or(0),
            created_by: &actor.id,
            created_at: at,
        },
    )?;
    // Where events go is the subscription's point: the audit names it.
    audit::record(conn, at, subscribed_entry(actor, &id, &new))?;
    let (created_at, created_at_jalali) = clock.stamp(at).into_parts();
    Ok(CreatedWebhook {
        webhook: Webhook {
            id,
            url: new.url,
            types: new.types,
            organisation_id: new.organisation_id,
            created_at_jalali,
            created_at,
        },
        secret,
    })
}

/// The URL without its query and fragment, and whether it had either.
fn without_query(url: &str) -> (String, bool) {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let had = u.query().is_some() || u.fragment().is_some();
            u.set_query(None);
            u.set_fragment(None);
            (u.to_string(), had)
        }
        // Checked at parse time; should it ever fail, keep nothing of it.
        Err(_) => (String::new(), true),
    }
}

pub fn list(conn: &mut DbConnection, clock: &Clock) -> ApiResult<WebhookList> {
    let items = store::list_live(conn)?
        .into_iter()
        .map(|r| Webhook::new(r, clock))
        .collect::<ApiResult<_>>()?;
    Ok(WebhookList { items })
}

/// Unsubscribes: no further deliveries; pending ones fail as `unsubscribed`.
pub fn remove(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    at: NaiveDateTime,
) -> ApiResult<()> {
    store::ensure_live(conn, id)?;
    store::mark_deleted(conn, id, at)?;
    store::fail_pending(conn, id, "unsubscribed")?;
    audit::record(
        conn,
        at,
        audit::Entry::by(actor, Action::WebhookUnsubscribed, Subject::Webhook, id),
    )
}

/// A new secret; the old one keeps signing for a grace period.
pub fn rotate(
    conn: &mut DbConnection,
    secrets: &SecretBox,
    actor: &Actor,
    id: &str,
    at: NaiveDateTime,
) -> ApiResult<RotatedSecret> {
    let (secret, sealed) = seal(secrets)?;
    store::ensure_live(conn, id)?;
    let old = store::secret_enc(conn, id)?;
    let grace_until = at + PREVIOUS_SECRET_GRACE;
    store::replace_secret(conn, id, &sealed, &old, grace_until)?;
    audit::record(
        conn,
        at,
        audit::Entry::by(actor, Action::WebhookSecretRotated, Subject::Webhook, id).detail(
            SecretRotated {
                previous_secret_signs_until: crate::clock::utc(grace_until),
            },
        ),
    )?;
    Ok(RotatedSecret { secret })
}

pub fn deliveries(
    conn: &mut DbConnection,
    clock: &Clock,
    hook_id: &str,
    page: Page,
) -> ApiResult<Paginated<Delivery>> {
    store::ensure_exists(conn, hook_id)?;
    let rows = store::recent_deliveries(conn, hook_id, page.after.as_deref(), page.limit + 1)?;
    Ok(Paginated::from_rows(
        rows,
        page.limit,
        |r| r.id.clone(),
        |r| Delivery::new(r, clock),
    ))
}

/// Makes a delivery due now (also a failed one, which gets a new retry window).
pub fn retry(
    conn: &mut DbConnection,
    clock: &Clock,
    actor: &Actor,
    hook_id: &str,
    id: &str,
    window: TimeDelta,
) -> ApiResult<Delivery> {
    store::ensure_live(conn, hook_id)?;
    let before = store::delivery(conn, hook_id, id)?;
    let at = clock.now();
    store::requeue(conn, id, at, at + window)?;
    // A retry sends the event's data out again: the audit says which delivery, and how it had
    // ended before.
    audit::record(
        conn,
        at,
        audit::Entry::by(
            actor,
            Action::WebhookDeliveryRetried,
            Subject::Webhook,
            hook_id,
        )
        .detail(DeliveryRetried {
            delivery_id: id,
            status_before: before.status,
        }),
    )?;
    Ok(Delivery::new(store::delivery(conn, hook_id, id)?, clock))
}

#[cfg(test)]
mod tests {
    use super::without_query;

    #[test]
    fn the_audited_url_keeps_no_query_or_fragment() {
        assert_eq!(
            without_query("https://rahvar.example.ir/hook?token=s3cret#x"),
            ("https://rahvar.example.ir/hook".to_owned(), true)
        );
        assert_eq!(
            without_query("http://10.20.0.5:8443/in"),
            ("http://10.20.0.5:8443/in".to_owned(), false)
        );
    }
}
