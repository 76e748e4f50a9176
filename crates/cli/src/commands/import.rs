//! `tahawul import observations FILE.csv`: all or nothing; every bad row with its line.

use std::path::Path;

use tahawul_i18n::Message;
use tahawul_store::{StoreError, prelude::*};

use super::serve::{actor, db_failed, open, runtime};
use super::{Failure, print_diagnostics};
use crate::app::Ctx;

/// Imports the file.
pub fn run(ctx: &Ctx, database: &str, file: &Path) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Failure::Problem(
            Message::new("service-import-unreadable")
                .arg("path", file.display().to_string())
                .arg("detail", e.to_string()),
            None,
        )
    })?;
    let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    runtime()?.block_on(async {
        let store = open(database).await?;
        match store.import_observations_csv(&name, &text, &actor()).await {
            Ok(s) => {
                println!("{}", ctx.t(&Message::new("service-import-done").arg("count", s.observations)));
                Ok(())
            }
            Err(StoreError::Rejected(diags)) => {
                print_diagnostics(ctx, &diags);
                Err(Failure::Problem(Message::new("service-import-rows-rejected").arg("count", diags.len()), None))
            }
            Err(e) => Err(db_failed(e)),
        }
    })
}
