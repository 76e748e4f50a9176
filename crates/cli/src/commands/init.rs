//! `tahawul init`: a new database from a case bundle (default: the founding case).

use std::path::PathBuf;

use tahawul_i18n::Message;
use tahawul_store::prelude::*;

use super::serve::{actor, db_failed, is_empty, open, runtime};
use super::{Failure, load};
use crate::app::Ctx;

/// The bundle for `--example NAME`.
pub fn example(name: &str) -> Result<PathBuf, Failure> {
    match name {
        "iraq-hmc" => Ok(crate::app::default_case()),
        other => Err(Failure::Usage(Message::new("service-unknown-example").arg("name", other))),
    }
}

/// Imports the bundle at `path` into the (empty) database.
pub fn run(ctx: &Ctx, database: &str, path: PathBuf) -> Result<(), Failure> {
    let case = load(&path)?;
    runtime()?.block_on(async {
        let store = open(database).await?;
        if !is_empty(&store).await? {
            return Err(Failure::Problem(Message::new("service-init-not-empty"), None));
        }
        let s = store.import_case(&case, &actor()).await.map_err(db_failed)?;
        println!(
            "{}",
            ctx.t(&Message::new("service-init-done")
                .arg("case", case.id.to_string())
                .arg("records", s.records)
                .arg("observations", s.observations)
                .arg("entries", s.audit_entries))
        );
        Ok(())
    })
}
