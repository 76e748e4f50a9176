//! `tahawul export PATH`: the stored case written back as a bundle (the operator's whole
//! record; the API's exports go through the access layer instead).

use std::path::Path;

use tahawul_i18n::Message;
use tahawul_store::Store;

use super::Failure;
use super::serve::{db_failed, open, runtime};
use crate::app::Ctx;

/// Writes the bundle.
pub fn run(ctx: &Ctx, database: &str, path: &Path) -> Result<(), Failure> {
    let case = runtime()?.block_on(async { open(database).await?.load_case().await.map_err(db_failed) })?;
    tahawul_domain::bundle::write(&case, path).map_err(|e| {
        Failure::Problem(
            Message::new("service-export-failed").arg("path", path.display().to_string()).arg("detail", e.to_string()),
            None,
        )
    })?;
    println!("{}", ctx.t(&Message::new("service-export-done").arg("path", path.display().to_string())));
    Ok(())
}
