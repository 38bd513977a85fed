//! Scenarios: the signed-in cast and one request brought to the state a test starts from,
//! step by step, each step asserting that the service accepted it.
//!
//! ```ignore
//! let s = Scenario::new(&app).await.filed().await.reviewed().await.permit_issued().await;
//! app.receipt(&s.police, s.permit_id(), &receipt(app.now(), "removed", "R-1"), None).await.json(201);
//! ```
//!
//! A scenario dereferences to its [`Cast`], so `s.directorate` is the directorate's token.

use std::ops::Deref;

use serde_json::Value;

use super::client::Cast;
use super::fixtures::*;
use super::TestApp;

pub struct Scenario<'a> {
    pub app: &'a TestApp,
    pub cast: Cast,
    /// The request as filed (null before `filed`).
    pub request: Value,
    /// The latest permit issued (null before `permit_issued`).
    pub permit: Value,
}

impl Deref for Scenario<'_> {
    type Target = Cast;

    fn deref(&self) -> &Cast {
        &self.cast
    }
}

impl<'a> Scenario<'a> {
    /// Signs in a user of every role (agencies A and B); no request yet.
    pub async fn new(app: &'a TestApp) -> Scenario<'a> {
        let cast = app.cast().await;
        Scenario {
            app,
            cast,
            request: Value::Null,
            permit: Value::Null,
        }
    }

    /// Another scenario with the same people and no request yet.
    pub fn another(&self) -> Scenario<'a> {
        Scenario {
            app: self.app,
            cast: self.cast.clone(),
            request: Value::Null,
            permit: Value::Null,
        }
    }

    pub fn id(&self) -> &str {
        text(&self.request, "id")
    }

    pub fn tracking_code(&self) -> &str {
        text(&self.request, "tracking_code")
    }

    pub fn permit_id(&self) -> &str {
        text(&self.permit, "id")
    }

    pub fn permit_number(&self) -> &str {
        text(&self.permit, "permit_number")
    }

    /// The request now, as the directorate sees it.
    pub async fn current(&self) -> Value {
        self.app.request_of(&self.directorate, self.id()).await
    }

    /// The request's history, as the directorate sees it.
    pub async fn history(&self) -> Vec<Value> {
        self.app.history(&self.directorate, self.id()).await
    }

    /// Agency A files a request for a random vehicle.
    pub async fn filed(mut self) -> Self {
        self.request = self.app.file_request(&self.cast.agency_a).await;
        self
    }

    /// The directorate takes it under review.
    pub async fn reviewed(self) -> Self {
        self.app
            .review(&self.directorate, self.id())
            .await
            .json(200);
        self
    }

    /// The directorate asks for documents of these types.
    pub async fn documents_asked(self, types: &[&str]) -> Self {
        let ask = ask_for(types);
        let app = self.app;
        app.ask_for_documents(&self.directorate, self.id(), &ask)
            .await
            .json(201);
        self
    }

    /// The agency uploads a PDF of this type.
    pub async fn uploaded(self, document_type: &str) -> Self {
        let app = self.app;
        app.upload_pdf(&self.agency_a, self.id(), document_type)
            .await
            .json(201);
        self
    }

    /// The agency resubmits it for review.
    pub async fn resubmitted(self) -> Self {
        self.app.resubmit(&self.agency_a, self.id()).await.json(200);
        self
    }

    /// The directorate issues a permit valid for ten days.
    pub async fn permit_issued(mut self) -> Self {
        let app = self.app;
        self.permit = app
            .issue_permit(&self.cast.directorate, self.id(), &new_permit(app.now()))
            .await
            .json(201);
        self
    }

    /// The police report the plates removed.
    pub async fn plate_removed(self) -> Self {
        let body = receipt(
            self.app.now(),
            "removed",
            &format!("R-{}", &self.permit_id()[..8]),
        );
        self.receipted(body).await
    }

    /// The police report that they could not remove the plates.
    pub async fn removal_refused(self) -> Self {
        let body = receipt(
            self.app.now(),
            "refused",
            &format!("R-{}", &self.permit_id()[..8]),
        );
        self.receipted(body).await
    }

    async fn receipted(self, body: Value) -> Self {
        let app = self.app;
        app.receipt(&self.police, self.permit_id(), &body, None)
            .await
            .json(201);
        self
    }

    /// The permit's validity ends in the past, and the expiry worker finds it: the request is
    /// `permit_expired`.
    pub async fn permit_expired(self) -> Self {
        self.app.expire_permit(self.permit_id());
        self.app.expire_due().await;
        assert_eq!(self.current().await["status"], "permit_expired");
        self
    }

    /// The registry records the new registration.
    pub async fn completed(self) -> Self {
        let body = registration(
            self.app.now(),
            &format!("REG-{}", uuid::Uuid::new_v4().simple()),
        );
        let app = self.app;
        app.register(&self.registry, self.id(), &body)
            .await
            .json(200);
        self
    }

    /// The directorate rejects it.
    pub async fn rejected(self) -> Self {
        let app = self.app;
        app.reject(&self.directorate, self.id(), "مدارک ناقص")
            .await
            .json(200);
        self
    }

    /// The agency withdraws it.
    pub async fn withdrawn(self) -> Self {
        let app = self.app;
        app.withdraw(&self.agency_a, self.id(), "انصراف")
            .await
            .json(200);
        self
    }

    /// The directorate reopens it (after a refused removal or an expired permit).
    pub async fn reopened(self) -> Self {
        let app = self.app;
        app.reopen(&self.directorate, self.id(), "بررسی دوباره")
            .await
            .json(200);
        self
    }
}
