//! The commission's case model: validated types, the case bundle, the gate language,
//! evaluation and roll-ups. Pure: no network, no database.

pub mod bundle;
pub mod consultation;
pub mod cycle;
pub mod diagnostic;
pub mod directory;
pub mod event_import;
pub mod forecast;
pub mod gate;
pub mod inbox;
pub mod keys;
pub mod minutes;
pub mod model;
pub mod period;
pub mod record;
pub mod rules;
pub mod series;
pub mod statement;
pub mod status;
pub mod user;
pub mod workflow;

pub use bundle::load;
pub use diagnostic::Diagnostic;
pub use event_import::{Dataset, FigureSource, ImportDefinition, Measure, Spanning};
pub use model::*;
pub use period::{Frequency, Month, Period};
pub use tahawul_i18n::{Lang, Message, Text};
