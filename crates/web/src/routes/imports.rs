//! `/api/v1/imports/{definition}`: a UCDP GED or ACLED export, sent as the CSV body, read by an
//! import definition of the case as it streams in (never held whole), counted into the
//! indicator's monthly figures and stored all or nothing. Every bad row comes back in one 422
//! problem document with its line and column.

use std::io::Read;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde::Deserialize;
use tahawul_store::EventImportOutcome;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AnyDoc;
use super::observations::require_type;
use crate::AppState;
use crate::access::Access;
use crate::anystore::AnyStore;
use crate::error::responses::{BadBody, P404, P422, Writes};
use crate::error::{ApiError, ApiResult, Path, Query};

/// Which release the file is.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The dataset's release: GED `24.1`; for ACLED, the download date (`2025-05-20`).
    pub release: String,
    /// `true` to import a release older than one imported before (restoring older figures);
    /// otherwise that is refused with 422.
    #[serde(default)]
    pub older: bool,
}

/// Imports an event dataset export by an import definition: the working groups of the
/// definition's indicator's factor and the secretariat. 201 with the import written; 200 when
/// the same file was imported by the same definition before (nothing written).
#[utoipa::path(post, path = "/api/v1/imports/{definition}", tag = "observations", params(("definition" = String, Path, description = "an import definition of the case (imports.toml)"), Release), request_body(content = String, content_type = "text/csv", description = "the dataset's CSV export, streamed"), responses((status = 201, body = AnyDoc, description = "the import, as stored, and the release it revises"), (status = 200, body = AnyDoc, description = "unchanged: this file was imported before"), Writes, BadBody, P404, P422))]
pub async fn import(
    access: Access<AnyStore>,
    Path(definition): Path<String>,
    Query(q): Query<Release>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let (rest_tx, rest_rx) = tokio::sync::oneshot::channel();
    let answer = import_body(access, &definition, &q, &headers, body, rest_tx).await;
    if answer.is_err() {
        // The client is still sending a file we will not read. Closing the connection on it
        // makes its write fail before it reads our answer, so it would see a reset instead of
        // the 403/404/422: read the rest (the body limit still bounds it) and drop it.
        if let Ok(mut rest) = rest_rx.await {
            while let Some(Ok(_)) = rest.frame().await {}
        }
    }
    answer
}

async fn import_body(
    access: Access<AnyStore>,
    definition: &str,
    q: &Release,
    headers: &HeaderMap,
    body: Body,
    rest: tokio::sync::oneshot::Sender<Body>,
) -> ApiResult<Response> {
    let Some(w) = access.observation_writer() else {
        let _ = rest.send(body);
        return Err(ApiError::Forbidden);
    };
    if let Err(e) = require_type(headers, "text/csv") {
        let _ = rest.send(body);
        return Err(e);
    }
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    let reader = ChannelReader::new(rx);
    let (pumped, outcome) =
        tokio::join!(pump(body, tx, rest), w.import_events(definition, &q.release, q.older, "request.csv", reader));
    // A body cut at the size limit reads as a truncated file: say what really happened.
    pumped?;
    let outcome = outcome?;
    let status = match outcome {
        EventImportOutcome::Written { .. } => StatusCode::CREATED,
        EventImportOutcome::Unchanged { .. } => StatusCode::OK,
    };
    Ok((status, axum::Json(outcome)).into_response())
}

/// Passes the body's chunks to the reader as they arrive; when the reader is gone (the import
/// refused the file early), hands what is left of the body back to be drained.
async fn pump(
    mut body: Body,
    tx: tokio::sync::mpsc::Sender<std::io::Result<Bytes>>,
    rest: tokio::sync::oneshot::Sender<Body>,
) -> ApiResult<()> {
    while let Some(frame) = body.frame().await {
        let chunk = match frame {
            Ok(f) => f.into_data().unwrap_or_default(),
            Err(e) => {
                let too_large = std::error::Error::source(&e)
                    .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
                    || e.to_string().contains("length limit");
                let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                return if too_large { Err(ApiError::TooLarge) } else { Ok(()) };
            }
        };
        if tx.send(Ok(chunk)).await.is_err() {
            let _ = rest.send(body);
            return Ok(());
        }
    }
    Ok(())
}

/// The body as a blocking reader (the import reads on a blocking thread); the upload form on
/// the indicator page feeds its file part through one too.
pub(crate) struct ChannelReader {
    rx: tokio::sync::mpsc::Receiver<std::io::Result<Bytes>>,
    chunk: Bytes,
}

impl ChannelReader {
    /// A reader of the chunks sent into `rx`, in order, until the sender is dropped.
    pub(crate) fn new(rx: tokio::sync::mpsc::Receiver<std::io::Result<Bytes>>) -> Self {
        ChannelReader { rx, chunk: Bytes::new() }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.chunk.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(b)) => self.chunk = b,
                Some(Err(e)) => return Err(e),
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.chunk.len());
        out[..n].copy_from_slice(&self.chunk.split_to(n));
        Ok(n)
    }
}

/// The import route.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(import))
}
