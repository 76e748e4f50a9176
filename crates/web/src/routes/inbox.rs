//! `GET /api/v1/inbox`: what needs the caller — the same list, in the same words, as the
//! inbox page (see [`tahawul_domain::inbox`]).

use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tahawul_domain::inbox::Item;
use tahawul_i18n::{Lang, Localizer};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::responses::Reads;
use crate::error::{ApiError, ApiResult};
use crate::pages::work::inbox::{Titles, read, sentence};

/// The caller's inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxDoc {
    /// How many items.
    pub count: usize,
    /// Overdue items first, then minutes to sign, endorsements, returns, consultations,
    /// commitments and deadlines, each by date.
    pub items: Vec<InboxItemDoc>,
}

/// One thing that needs the caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxItemDoc {
    /// `sign`, `endorse`, `returned`, `answer`, `commitment` or `deadline`.
    pub kind: String,
    /// The record the step is about: the round, assessment, consultation, commitment or phase.
    pub id: String,
    /// Past its date (commitments and deadlines).
    pub overdue: bool,
    /// The commitment's due date (`YYYY-MM-DD`) or the phase's deadline (`YYYY-MM`).
    pub due: Option<String>,
    /// The consultation version to answer.
    pub version: Option<u32>,
    /// Who returned the assessment (user name).
    pub returned_by: Option<String>,
    /// The head the minutes name for the caller's party.
    pub head: Option<String>,
    /// The head signed once but the minutes changed since.
    pub again: Option<bool>,
    /// The page where the step is taken.
    pub link: String,
    /// What the item asks, in both languages, with names instead of ids.
    pub text: TextDoc,
}

/// A text in both languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct TextDoc {
    /// English.
    pub en: String,
    /// Arabic.
    pub ar: String,
}

fn item_doc(item: &Item, text: TextDoc) -> InboxItemDoc {
    let mut doc = InboxItemDoc {
        kind: item.kind().to_string(),
        id: String::new(),
        overdue: item.overdue(),
        due: None,
        version: None,
        returned_by: None,
        head: None,
        again: None,
        link: item.link(),
        text,
    };
    match item {
        Item::Endorse { assessment } => doc.id = assessment.to_string(),
        Item::Returned { assessment, by } => (doc.id, doc.returned_by) = (assessment.to_string(), by.clone()),
        Item::Answer { consultation, version } => (doc.id, doc.version) = (consultation.to_string(), Some(*version)),
        Item::Commitment { commitment, due, .. } => (doc.id, doc.due) = (commitment.to_string(), Some(due.to_string())),
        Item::Deadline { phase, deadline, .. } => (doc.id, doc.due) = (phase.to_string(), Some(deadline.to_string())),
        Item::Sign { round, head, again } => {
            (doc.id, doc.head, doc.again) = (round.to_string(), Some(head.to_string()), Some(*again));
        }
    }
    doc
}

/// What needs the caller today: every role has an inbox (an auditor's is empty).
#[utoipa::path(get, path = "/api/v1/inbox", tag = "inbox", responses((status = 200, body = InboxDoc), Reads))]
pub async fn inbox(access: Access<AnyStore>) -> ApiResult<Response> {
    let (items, titles): (Vec<Item>, Titles) = read(&access, jiff::Zoned::now().date()).await?;
    let case = access.case().await?;
    let speak = |lang| Localizer::new(lang).map_err(|e| ApiError::Internal(e.to_string()));
    let (en, ar) = (speak(Lang::En)?, speak(Lang::Ar)?);
    let items: Vec<InboxItemDoc> = items
        .iter()
        .map(|i| item_doc(i, TextDoc { en: sentence(&en, &case, &titles, i), ar: sentence(&ar, &case, &titles, i) }))
        .collect();
    Ok(axum::Json(InboxDoc { count: items.len(), items }).into_response())
}

/// The inbox route.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(inbox))
}
