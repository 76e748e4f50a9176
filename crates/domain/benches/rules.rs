//! What checking one write against the case costs (issue 12, item 1): the record is put into
//! the case and the case checked by the bundle loader's rules. Figures in docs/RELIABILITY.md.
//!
//! cargo bench -p tahawul-domain --bench rules

use std::path::Path;
use std::sync::LazyLock;

use serde_json::Value;
use tahawul_domain::Case;
use tahawul_domain::rules::{self, Kind};

fn main() {
    divan::main();
}

static CASE: LazyLock<Case> = LazyLock::new(|| {
    tahawul_domain::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/iraq-hmc")))
        .expect("the founding case loads")
});

/// The founding case with its observations repeated 25 times (about 9,500 rows), as a
/// commission that has kept its figures for years would hold.
static BIG: LazyLock<Case> = LazyLock::new(|| {
    let mut c = CASE.clone();
    let one = c.observations.clone();
    for _ in 1..25 {
        c.observations.extend(one.iter().cloned());
    }
    c
});

/// The founding case with 2,000 assessments, as the load test leaves it after a long run.
static MANY: LazyLock<Case> = LazyLock::new(|| {
    let mut c = CASE.clone();
    let template = c.assessments[0].clone();
    for n in 0..2000 {
        let mut a = template.clone();
        a.id = tahawul_domain::Id::parse(&format!("load-{n}")).expect("an id");
        c.assessments.push(a);
    }
    c
});

fn pick(which: &str) -> &'static Case {
    match which {
        "big" => &BIG,
        "many" => &MANY,
        _ => &CASE,
    }
}

fn body<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("serializes")
}

/// An assessment edit: checked without the observations (none refer to assessments).
#[divan::bench(args = ["founding", "big", "many"])]
fn admit_assessment(which: &str) -> bool {
    let case = pick(which);
    let a = &case.assessments[0];
    rules::admit(case, Kind::Assessment, a.id.as_str(), &body(a)).is_ok()
}

/// An area edit: observations refer to areas, so they are checked too.
#[divan::bench(args = ["founding", "big"])]
fn admit_area(which: &str) -> bool {
    let case = pick(which);
    let a = &case.areas[0];
    rules::admit(case, Kind::Area, a.id.as_str(), &body(a)).is_ok()
}

/// A refused delete: the case is checked twice (with and without the record).
#[divan::bench(args = ["founding"])]
fn refuse_delete_area_in_use(which: &str) -> bool {
    let case = pick(which);
    rules::admit_delete(case, Kind::Area, case.phases[0].areas[0].as_str()).is_err()
}
