//! Bulk observation inserts: 1,000,000 rows in one all-or-nothing batch (target on SQLite:
//! ≤ 10 s). PostgreSQL is measured too when `TAHAWUL_TEST_POSTGRES` names a server
//! (`scripts/with-postgres cargo bench -p tahawul-store`); without it that bench says so and
//! measures nothing.
//!
//! `TAHAWUL_BENCH_ROWS` overrides the row count (e.g. for a quick look).

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use tahawul_domain::{Case, Month, Observation, Period};
use tahawul_store::{PostgresStore, SqliteStore, StoreOptions, prelude::*};

fn main() {
    divan::main();
}

fn rows() -> usize {
    std::env::var("TAHAWUL_BENCH_ROWS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a tokio runtime")
}

fn mini() -> Case {
    tahawul_domain::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/tests/bundles/mini"))
        .expect("the mini bundle loads")
}

/// `n` valid observations of the mini case's monthly attack count, two areas, many months.
fn observations(case: &Case, n: usize) -> Vec<Observation> {
    let template = case
        .observations
        .iter()
        .find(|o| o.factor.as_str() == "threat" && o.indicator.as_str() == "attacks")
        .expect("a threat.attacks observation")
        .clone();
    let areas = [tahawul_domain::Id::parse("country").unwrap(), tahawul_domain::Id::parse("north").unwrap()];
    (0..n)
        .map(|i| {
            let mut o = template.clone();
            o.area = areas[i % 2].clone();
            o.period = Period::Month(Month::new(1900 + ((i / 2) / 12 % 8000) as i32, ((i / 2) % 12) as u8 + 1));
            o.value = (i % 97) as f64;
            o
        })
        .collect()
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn sqlite_insert_observations(b: divan::Bencher) {
    let rt = runtime();
    let case = mini();
    let data = observations(&case, rows());
    b.with_inputs(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = rt.block_on(async {
            let s = SqliteStore::open(&dir.path().join("bench.db"), StoreOptions::default()).await.expect("open");
            s.import_case(&case, "bench").await.expect("import");
            s
        });
        (store, dir)
    })
    .bench_local_values(|(store, dir)| {
        let summary = rt.block_on(store.insert_observations(&data, "bench")).expect("insert");
        assert_eq!(summary.observations as usize, data.len());
        drop(dir);
    });
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn postgres_insert_observations(b: divan::Bencher) {
    let Ok(url) = std::env::var("TAHAWUL_TEST_POSTGRES") else {
        eprintln!(
            "postgres_insert_observations: TAHAWUL_TEST_POSTGRES is unset; run scripts/with-postgres cargo bench -p tahawul-store"
        );
        return;
    };
    static N: AtomicU32 = AtomicU32::new(0);
    let rt = runtime();
    let case = mini();
    let data = observations(&case, rows());
    b.with_inputs(|| {
        rt.block_on(async {
            use sqlx::Connection;
            let name = format!("tahawul_bench_{}_{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst));
            let mut admin = sqlx::PgConnection::connect(&url).await.expect("connect");
            sqlx::raw_sql(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create database");
            let (server, _) = url.rsplit_once('/').expect("a database in the URL");
            let s =
                PostgresStore::connect(&format!("{server}/{name}"), StoreOptions::default()).await.expect("connect");
            s.import_case(&case, "bench").await.expect("import");
            s
        })
    })
    .bench_local_values(|store| {
        let summary = rt.block_on(store.insert_observations(&data, "bench")).expect("insert");
        assert_eq!(summary.observations as usize, data.len());
    });
}
