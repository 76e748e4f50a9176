//! Routes, one module per part of the domain; each handler is request → access → store →
//! response, the store appending the audit entry.

pub mod admin;
pub mod analysis;
pub mod assessments;
pub mod audit;
pub mod imports;
pub mod inbox;
pub mod intake;
pub mod observations;
pub mod record;
pub mod records;
pub mod session;
pub mod system;

use axum::http::HeaderMap;
use serde_json::Value;
use tahawul_store::{Record, User};
use utoipa::ToSchema;

use crate::error::{ApiError, ApiResult};

/// Any JSON document (its shape is described in docs/api.md).
#[derive(ToSchema)]
#[schema(value_type = Object)]
pub struct AnyDoc(#[allow(dead_code)] Value);

/// A JSON array of objects (their shape is described in docs/api.md).
#[derive(ToSchema)]
#[schema(value_type = Vec<Object>)]
pub struct AnyList(#[allow(dead_code)] Vec<Value>);

/// A problem document (RFC 9457).
#[derive(serde::Serialize, ToSchema)]
pub struct ProblemDoc {
    /// `/problems/<slug>`, stable.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short, in the user's language.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened, in the user's language.
    pub detail: String,
    /// JSON pointer of the (first) field at fault.
    pub pointer: Option<String>,
    /// Every field at fault: `{pointer, detail}` (CSV rows add `line`, gates `span`).
    #[schema(value_type = Option<Vec<Object>>)]
    pub errors: Option<Vec<Value>>,
}

/// A stored record with its version and access fields.
#[derive(serde::Serialize, ToSchema)]
pub struct RecordDoc {
    /// Kind (`area`, `assessment`, …).
    pub kind: String,
    /// Id.
    pub id: String,
    /// Version: send it back in `If-Match` (or `version`) to update.
    pub version: i64,
    /// The delegation owning a draft.
    pub owner_party: Option<String>,
    /// Visible beyond the owner.
    pub shared: bool,
    /// Released to coalition partners.
    pub releasable: bool,
    /// The domain value.
    #[schema(value_type = Object)]
    pub body: Value,
    /// When last written.
    pub updated_at: String,
    /// Who last wrote it.
    pub updated_by: String,
}

/// A user as the API shows it (never a password hash).
#[derive(serde::Serialize, ToSchema)]
pub struct UserDoc {
    /// Login name.
    pub name: String,
    /// Display name.
    pub display_name: String,
    /// `secretariat`, `delegation-head`, `delegation-member`, `working-group-member`, `coalition-partner` or `auditor`.
    pub role: String,
    /// Party.
    pub party: Option<String>,
    /// Factor (working-group members).
    pub factor: Option<String>,
    /// Disabled users cannot sign in.
    pub disabled: bool,
    /// Version.
    pub version: i64,
    /// Created.
    pub created_at: String,
    /// A directory account (LDAP, Active Directory): role and party from its groups at each
    /// sign-in, no local password.
    pub directory: bool,
    /// The password is a temporary one (a reset): the account's sessions may only change it.
    pub must_change_password: bool,
}

/// The JSON of a record.
pub fn record_json(r: &Record) -> Value {
    serde_json::to_value(r).unwrap_or(Value::Null)
}

/// The JSON of a user.
pub fn user_json(u: &User) -> Value {
    serde_json::to_value(u).unwrap_or(Value::Null)
}

/// The version an update read: `If-Match: "3"` (or `W/"3"`, or `3`), else the body's `version`.
pub fn version_read(headers: &HeaderMap, body_version: Option<i64>) -> ApiResult<i64> {
    if let Some(v) = headers.get(axum::http::header::IF_MATCH) {
        let s = v.to_str().unwrap_or("").trim();
        let s = s.strip_prefix("W/").unwrap_or(s).trim_matches('"');
        return s.parse().map_err(|_| {
            ApiError::BadRequest(vec![crate::error::FieldProblem::raw(
                "/headers/If-Match",
                "If-Match must be the record's version, e.g. \"3\"",
            )])
        });
    }
    body_version.ok_or(ApiError::VersionRequired)
}
