//! `tahawul audit verify`: walks the hash chain; exit 1 and say where it breaks.

use tahawul_i18n::Message;
use tahawul_store::{Store, StoreError};

use super::serve::{db_failed, open, runtime};
use super::{Failure, print_json};
use crate::app::{Ctx, Format};

/// Verifies the audit log.
pub fn verify(ctx: &Ctx, database: &str) -> Result<(), Failure> {
    runtime()?.block_on(async {
        let store = open(database).await?;
        match store.verify_audit().await {
            Ok(v) => {
                match ctx.format {
                    Format::Json => print_json(&serde_json::json!({ "valid": true, "entries": v.len, "head": v.head })),
                    Format::Table => println!(
                        "{}",
                        ctx.t(&Message::new("service-audit-ok").arg("count", v.len).arg("head", v.head.hash.as_str()))
                    ),
                }
                Ok(())
            }
            Err(StoreError::AuditBroken(b)) => {
                if ctx.format == Format::Json {
                    print_json(&serde_json::json!({ "valid": false, "seq": b.seq, "break": b.to_string() }));
                }
                Err(Failure::Problem(Message::new("service-audit-broken").arg("detail", b.to_string()), None))
            }
            Err(e) => Err(db_failed(e)),
        }
    })
}
