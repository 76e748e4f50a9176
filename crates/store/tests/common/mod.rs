//! What the store's test files share: fast password hashing, a fresh SQLite file or a fresh
//! database on the PostgreSQL server named by `TAHAWUL_TEST_POSTGRES`, and plain SQL on either
//! for the tamper tests.
#![allow(dead_code)] // each test file uses its own part of this

use std::sync::atomic::{AtomicU32, Ordering};

use tahawul_ledger::PasswordHasher;
use tahawul_store::{PostgresStore, SqliteStore, StoreOptions, prelude::*};

pub fn options() -> StoreOptions {
    StoreOptions { password_hasher: PasswordHasher::insecure_fast_for_tests(), max_connections: 4 }
}

/// Plain SQL on the store's database, for the tamper tests.
pub trait Raw: Store {
    async fn raw(&self, sql: &str);
}

impl Raw for SqliteStore {
    async fn raw(&self, sql: &str) {
        sqlx::raw_sql(sql).execute(self.sqlite_pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

impl Raw for PostgresStore {
    async fn raw(&self, sql: &str) {
        sqlx::raw_sql(sql).execute(self.pg_pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

/// A fresh SQLite file; keep the folder alive as long as the store.
pub async fn sqlite() -> (SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("tahawul.db"), options()).await.unwrap();
    (store, dir)
}

/// A fresh database on the test server.
pub async fn postgres() -> PostgresStore {
    use sqlx::Connection;
    static N: AtomicU32 = AtomicU32::new(0);
    let url = std::env::var("TAHAWUL_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!("PostgreSQL tests need TAHAWUL_TEST_POSTGRES (e.g. postgres://tahawul@127.0.0.1:5432/postgres); run scripts/test, or scripts/with-postgres cargo test -p tahawul-store")
    });
    let name = format!(
        "tahawul_test_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        jiff::Timestamp::now().as_microsecond()
    );
    let mut admin = sqlx::PgConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to TAHAWUL_TEST_POSTGRES={url}: {e}"));
    sqlx::raw_sql(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let (base, query) = url.split_once('?').map_or((url.as_str(), None), |(b, q)| (b, Some(q)));
    let (server, _) = base.rsplit_once('/').expect("TAHAWUL_TEST_POSTGRES names a database");
    let db_url = format!("{server}/{name}{}", query.map(|q| format!("?{q}")).unwrap_or_default());
    PostgresStore::connect(&db_url, options()).await.unwrap()
}

#[allow(unused_macros)] // not every test file runs on both backends
/// Runs each named `async fn(store)` as two tests: on a fresh SQLite file and on a fresh
/// PostgreSQL database.
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let (store, _dir) = super::sqlite().await;
                super::$name(store).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                super::$name(super::postgres().await).await;
            })*
        }
    };
}
#[allow(unused_imports)]
pub(crate) use both;
