//! Conflict event datasets turned into indicator series: a UCDP GED or ACLED export is read
//! as a stream, each row checked (every bad row reported by line and column), the rows an
//! import definition counts are placed in the case's areas through ISO 3166-2 codes, and
//! counted by month, with months without an event written as 0.
//!
//! Pure: the caller opens the file and stores the result. One pass over the file; memory
//! holds one row and the monthly tally, so a 2 GB export costs no more than a small one.

mod definition;
mod places;
mod reader;
mod tally;

pub use definition::{counts, value};
pub use places::{AreaPlaces, Gazetteer, Place, Places, places_of};
pub use reader::{Event, EventReader, MAX_LINE_BYTES};
pub use tahawul_domain::{Dataset, ImportDefinition as Definition, Measure, Spanning};
pub use tally::{Figure, Import, import};

/// Where a problem is: the file and line (and column, the field's 1-based position); the
/// same shape as the bundle's problems, so the CLI and API show both alike.
pub use tahawul_domain::Diagnostic;

/// How many row problems are listed before the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 100;
