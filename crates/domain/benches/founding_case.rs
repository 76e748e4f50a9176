//! The founding case end to end, as `tahawul forecast` runs it after loading the bundle:
//! fit every series the gates read, simulate 10,000 futures over 120 months, the phase graph.
//! Loading is not included. Figures are recorded in BENCHMARKS.md.
//!
//! cargo bench -p tahawul-domain --bench founding_case

use std::path::Path;
use std::sync::LazyLock;

use tahawul_domain::Case;
use tahawul_domain::Month;
use tahawul_domain::forecast::{self, Settings, WhatIf};

fn main() {
    divan::main();
}

static CASE: LazyLock<Case> = LazyLock::new(|| {
    tahawul_domain::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
        .expect("the founding case loads")
});

/// The figures end in 2025-06; forecasting from then on.
fn settings() -> Settings {
    Settings::new(Month::new(2025, 6))
}

/// Fit + 10,000 paths + phase graph + report: the 200 ms target.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn forecast_end_to_end() -> forecast::ForecastReport {
    forecast::forecast(divan::black_box(&CASE), &settings(), None).expect("forecasts")
}

/// Only the fits (collect the series, put them on the grid, fit in parallel, compile the gates).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn prepare_fits_only() -> usize {
    forecast::prepare(divan::black_box(&CASE), &settings()).conditions.len()
}

/// A what-if beside the baseline: fits once, simulates twice on common random numbers.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn forecast_with_a_what_if() -> forecast::ForecastReport {
    let case = divan::black_box(&*CASE);
    let s = settings();
    let shock =
        forecast::parse_shock(case, "threat.attacks_per_month@kurdistan-region multiply=2 from=2027-01", s.origin())
            .unwrap();
    let w = WhatIf { shocks: vec![shock], ..WhatIf::default() };
    forecast::forecast(case, &s, Some(&w)).expect("forecasts")
}
