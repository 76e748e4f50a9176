//! The little the two backends do differently. Everything else — versions, audit chain,
//! workflow, users — is written once in `sql/` over this trait, with SQL that both
//! SQLite and PostgreSQL accept (`$1` placeholders, TEXT for JSON and times).
//!
//! Rows are read by column name: into a `#[derive(sqlx::FromRow)]` struct ([`Tx::fetch_as`])
//! or, for a one-column query, as that column's values ([`Tx::fetch_scalar`]). Only the
//! backup, which copies whole tables from one list of (column, type) pairs, reads
//! [`Val`]s by position ([`Tx::fetch`]).

use std::future::Future;

use sqlx::Row;

use crate::error::{Result, StoreError};

/// A value bound to a query. Each carries its type so that a NULL is typed for PostgreSQL.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    I64(Option<i64>),
    F64(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::I64(Some(v))
    }
}
impl From<f64> for Arg {
    fn from(v: f64) -> Arg {
        Arg::F64(Some(v))
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Bool(Some(v))
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_string()))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(Some(v))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Arg {
        Arg::Text(v)
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_string))
    }
}

/// A row type both databases read by column name: a `#[derive(sqlx::FromRow)]` struct whose
/// field names are the columns' (or their `AS` names), so a column added to a query cannot
/// shift the others.
pub trait FromRows:
    for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
    + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
    + Send
    + Unpin
    + 'static
{
}
impl<R> FromRows for R where
    R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin
        + 'static
{
}

/// The value of a one-column query both databases decode (`i64`, `String`).
pub trait Scalar:
    for<'r> sqlx::Decode<'r, sqlx::Sqlite>
    + sqlx::Type<sqlx::Sqlite>
    + for<'r> sqlx::Decode<'r, sqlx::Postgres>
    + sqlx::Type<sqlx::Postgres>
    + Send
    + Unpin
    + 'static
{
}
impl<T> Scalar for T where
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
        + for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + Send
        + Unpin
        + 'static
{
}

/// The type a result column is read as (by the backup, see [`Tx::fetch`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    I64,
    F64,
    Text,
    Bool,
}

/// A value read back.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    I64(Option<i64>),
    F64(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
}

impl Val {
    fn corrupt(&self, want: &str) -> StoreError {
        StoreError::Corrupt(format!("expected {want}, found {self:?}"))
    }
    pub fn i64(&self) -> Result<i64> {
        match self {
            Val::I64(Some(v)) => Ok(*v),
            _ => Err(self.corrupt("an integer")),
        }
    }
    pub fn opt_i64(&self) -> Result<Option<i64>> {
        match self {
            Val::I64(v) => Ok(*v),
            _ => Err(self.corrupt("an integer or null")),
        }
    }
    pub fn f64(&self) -> Result<f64> {
        match self {
            Val::F64(Some(v)) => Ok(*v),
            _ => Err(self.corrupt("a number")),
        }
    }
    pub fn bool(&self) -> Result<bool> {
        match self {
            Val::Bool(Some(v)) => Ok(*v),
            _ => Err(self.corrupt("a boolean")),
        }
    }
    pub fn text(&self) -> Result<String> {
        match self {
            Val::Text(Some(v)) => Ok(v.clone()),
            _ => Err(self.corrupt("text")),
        }
    }
    pub fn opt_text(&self) -> Result<Option<String>> {
        match self {
            Val::Text(v) => Ok(v.clone()),
            _ => Err(self.corrupt("text or null")),
        }
    }
}

/// One observation row as bound for a bulk insert.
#[derive(Debug, Clone)]
pub struct ObservationRow {
    pub factor: String,
    pub indicator: String,
    pub area: String,
    pub period: String,
    pub period_start: i64,
    pub value: f64,
    pub publisher: String,
    pub method: String,
    pub as_of: String,
    pub confidence: String,
    pub illustrative: bool,
    pub document: Option<String>,
    /// The events counted into an imported figure (issue 15); `None` for other figures.
    pub events: Option<i64>,
}

/// The columns of `observations` that an insert fills, in `ObservationRow` order.
pub const OBSERVATION_COLUMNS: &str = "batch, factor, indicator, area, period, period_start, value, publisher, method, as_of, confidence, illustrative, document, events";

/// The audit head's seq (see [`Backend::head_seq`]).
const HEAD_SEQ: &str = "SELECT seq FROM audit_head WHERE id = 1";

/// A database the store can run on.
pub trait Backend: Send + Sync + 'static {
    /// The connection pool.
    type Pool: Clone + Send + Sync + 'static;
    /// A transaction.
    type Tx: Tx;
    /// Starts a write transaction (on SQLite `BEGIN IMMEDIATE`, so writers queue at the start).
    fn begin_write(pool: &Self::Pool) -> impl Future<Output = Result<Self::Tx>> + Send;
    /// Starts a read transaction (one consistent snapshot).
    fn begin_read(pool: &Self::Pool) -> impl Future<Output = Result<Self::Tx>> + Send;
    /// The audit head's seq in one statement outside any transaction (a transaction would
    /// cost two or three more round trips, and every page asks this first); `None` when the
    /// head row is missing.
    fn head_seq(pool: &Self::Pool) -> impl Future<Output = Result<Option<i64>>> + Send;
    /// The name used in messages and docs.
    const NAME: &'static str;
    /// Appended to the head read so that concurrent writers queue (`FOR UPDATE` on
    /// PostgreSQL; SQLite's write transactions already hold the database lock).
    const LOCK_HEAD: &'static str;
    /// Written after the column list of a restore's insert into a table whose integer key the
    /// database generates (PostgreSQL's identity columns refuse given values without it).
    const IDENTITY_INSERT: &'static str;
    /// Run at the end of a restore, so that generated keys go on after the restored ones.
    const AFTER_RESTORE: &'static [&'static str];
}

/// A transaction of a backend: the primitives `sql/` is written with.
pub trait Tx: Send + Sized {
    /// Runs a statement; the number of rows affected.
    fn exec<'a>(&'a mut self, sql: &'a str, args: Vec<Arg>) -> impl Future<Output = Result<u64>> + Send + 'a;
    /// Runs a query, reading each row into `R` by column name.
    fn fetch_as<'a, R: FromRows>(
        &'a mut self,
        sql: &'a str,
        args: Vec<Arg>,
    ) -> impl Future<Output = Result<Vec<R>>> + Send + 'a;
    /// Runs a query of one column, reading its values.
    fn fetch_scalar<'a, T: Scalar>(
        &'a mut self,
        sql: &'a str,
        args: Vec<Arg>,
    ) -> impl Future<Output = Result<Vec<T>>> + Send + 'a;
    /// Runs a query, reading each row's columns by position as `cols`: for the backup, whose
    /// column names and types come from one list.
    fn fetch<'a>(
        &'a mut self,
        sql: &'a str,
        args: Vec<Arg>,
        cols: &'a [Ty],
    ) -> impl Future<Output = Result<Vec<Vec<Val>>>> + Send + 'a;
    /// Inserts observation rows of one batch.
    fn insert_observations<'a>(
        &'a mut self,
        batch: i64,
        rows: &'a [ObservationRow],
    ) -> impl Future<Output = Result<()>> + Send + 'a;
    /// Commits.
    fn commit(self) -> impl Future<Output = Result<()>> + Send;
}

/// Binds `args` to a query of any sqlx database whose arguments take our four types.
macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Arg::I64(v) => q.bind(v),
                Arg::F64(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
                Arg::Bool(v) => q.bind(v),
            };
        }
        q
    }};
}

/// Reads the columns of a row as `cols`.
macro_rules! read_row {
    ($row:expr, $cols:expr) => {{
        let mut out = Vec::with_capacity($cols.len());
        for (i, t) in $cols.iter().enumerate() {
            out.push(match t {
                Ty::I64 => Val::I64($row.try_get(i)?),
                Ty::F64 => Val::F64($row.try_get(i)?),
                Ty::Text => Val::Text($row.try_get(i)?),
                Ty::Bool => Val::Bool($row.try_get(i)?),
            });
        }
        out
    }};
}

pub mod sqlite {
    use super::*;
    use sqlx::Sqlite;

    /// SQLite: a file, WAL.
    #[derive(Debug, Clone, Copy)]
    pub struct SqliteBackend;

    impl Backend for SqliteBackend {
        type Pool = sqlx::SqlitePool;
        type Tx = SqliteTx;
        async fn begin_write(pool: &Self::Pool) -> Result<SqliteTx> {
            Ok(SqliteTx(pool.begin_with("BEGIN IMMEDIATE").await?))
        }
        async fn begin_read(pool: &Self::Pool) -> Result<SqliteTx> {
            Ok(SqliteTx(pool.begin().await?))
        }
        async fn head_seq(pool: &Self::Pool) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar(HEAD_SEQ).fetch_optional(pool).await?)
        }
        const NAME: &'static str = "SQLite";
        const LOCK_HEAD: &'static str = "";
        // An INTEGER PRIMARY KEY takes given values and goes on from the largest.
        const IDENTITY_INSERT: &'static str = "";
        const AFTER_RESTORE: &'static [&'static str] = &[];
    }

    pub struct SqliteTx(sqlx::Transaction<'static, Sqlite>);

    /// SQLite allows 32,766 bound values per statement; 14 per row.
    const ROWS_PER_INSERT: usize = 2_000;

    impl Tx for SqliteTx {
        async fn exec<'a>(&'a mut self, sql: &'a str, args: Vec<Arg>) -> Result<u64> {
            let q = bind_all!(sqlx::query::<Sqlite>(sql), args);
            Ok(q.execute(&mut *self.0).await?.rows_affected())
        }
        async fn fetch_as<'a, R: FromRows>(&'a mut self, sql: &'a str, args: Vec<Arg>) -> Result<Vec<R>> {
            let q = bind_all!(sqlx::query_as::<Sqlite, R>(sql), args);
            Ok(q.fetch_all(&mut *self.0).await?)
        }
        async fn fetch_scalar<'a, T: Scalar>(&'a mut self, sql: &'a str, args: Vec<Arg>) -> Result<Vec<T>> {
            let q = bind_all!(sqlx::query_scalar::<Sqlite, T>(sql), args);
            Ok(q.fetch_all(&mut *self.0).await?)
        }
        async fn fetch<'a>(&'a mut self, sql: &'a str, args: Vec<Arg>, cols: &'a [Ty]) -> Result<Vec<Vec<Val>>> {
            let q = bind_all!(sqlx::query::<Sqlite>(sql), args);
            let rows = q.fetch_all(&mut *self.0).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                out.push(read_row!(row, cols));
            }
            Ok(out)
        }
        async fn insert_observations<'a>(&'a mut self, batch: i64, rows: &'a [ObservationRow]) -> Result<()> {
            let mut sql_full = None;
            for chunk in rows.chunks(ROWS_PER_INSERT) {
                let fresh;
                let sql: &str = if chunk.len() == ROWS_PER_INSERT {
                    sql_full.get_or_insert_with(|| multi_row_insert(chunk.len()))
                } else {
                    fresh = multi_row_insert(chunk.len());
                    &fresh
                };
                let mut q = sqlx::query::<Sqlite>(sql);
                for r in chunk {
                    q = q
                        .bind(batch)
                        .bind(r.factor.as_str())
                        .bind(r.indicator.as_str())
                        .bind(r.area.as_str())
                        .bind(r.period.as_str())
                        .bind(r.period_start)
                        .bind(r.value)
                        .bind(r.publisher.as_str())
                        .bind(r.method.as_str())
                        .bind(r.as_of.as_str())
                        .bind(r.confidence.as_str())
                        .bind(r.illustrative)
                        .bind(r.document.as_deref())
                        .bind(r.events);
                }
                q.execute(&mut *self.0).await?;
            }
            Ok(())
        }
        async fn commit(self) -> Result<()> {
            Ok(self.0.commit().await?)
        }
    }

    fn multi_row_insert(n: usize) -> String {
        let mut sql = format!("INSERT INTO observations ({OBSERVATION_COLUMNS}) VALUES ");
        for i in 0..n {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str("(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        }
        sql
    }
}

pub mod postgres {
    use super::*;
    use sqlx::Postgres;

    /// PostgreSQL.
    #[derive(Debug, Clone, Copy)]
    pub struct PostgresBackend;

    impl Backend for PostgresBackend {
        type Pool = sqlx::PgPool;
        type Tx = PgTx;
        async fn begin_write(pool: &Self::Pool) -> Result<PgTx> {
            Ok(PgTx(pool.begin().await?))
        }
        async fn begin_read(pool: &Self::Pool) -> Result<PgTx> {
            let mut tx = pool.begin().await?;
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await?;
            Ok(PgTx(tx))
        }
        async fn head_seq(pool: &Self::Pool) -> Result<Option<i64>> {
            Ok(sqlx::query_scalar(HEAD_SEQ).fetch_optional(pool).await?)
        }
        const NAME: &'static str = "PostgreSQL";
        const LOCK_HEAD: &'static str = " FOR UPDATE";
        const IDENTITY_INSERT: &'static str = " OVERRIDING SYSTEM VALUE";
        const AFTER_RESTORE: &'static [&'static str] = &[
            "SELECT setval(pg_get_serial_sequence('observation_batches', 'id'), COALESCE((SELECT MAX(id) FROM observation_batches), 0) + 1, false)",
            "SELECT setval(pg_get_serial_sequence('observations', 'id'), COALESCE((SELECT MAX(id) FROM observations), 0) + 1, false)",
        ];
    }

    pub struct PgTx(sqlx::Transaction<'static, Postgres>);

    /// Rows per UNNEST insert: large enough to amortise the round trip, small enough to keep
    /// the arrays' memory modest.
    const ROWS_PER_INSERT: usize = 50_000;

    impl Tx for PgTx {
        async fn exec<'a>(&'a mut self, sql: &'a str, args: Vec<Arg>) -> Result<u64> {
            let q = bind_all!(sqlx::query::<Postgres>(sql), args);
            Ok(q.execute(&mut *self.0).await?.rows_affected())
        }
        async fn fetch_as<'a, R: FromRows>(&'a mut self, sql: &'a str, args: Vec<Arg>) -> Result<Vec<R>> {
            let q = bind_all!(sqlx::query_as::<Postgres, R>(sql), args);
            Ok(q.fetch_all(&mut *self.0).await?)
        }
        async fn fetch_scalar<'a, T: Scalar>(&'a mut self, sql: &'a str, args: Vec<Arg>) -> Result<Vec<T>> {
            let q = bind_all!(sqlx::query_scalar::<Postgres, T>(sql), args);
            Ok(q.fetch_all(&mut *self.0).await?)
        }
        async fn fetch<'a>(&'a mut self, sql: &'a str, args: Vec<Arg>, cols: &'a [Ty]) -> Result<Vec<Vec<Val>>> {
            let q = bind_all!(sqlx::query::<Postgres>(sql), args);
            let rows = q.fetch_all(&mut *self.0).await?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                out.push(read_row!(row, cols));
            }
            Ok(out)
        }
        async fn insert_observations<'a>(&'a mut self, batch: i64, rows: &'a [ObservationRow]) -> Result<()> {
            // One statement per chunk with one array per column: PostgreSQL parses it once.
            let sql = format!(
                "INSERT INTO observations ({OBSERVATION_COLUMNS}) SELECT $1, * FROM UNNEST($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::float8[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bool[], $13::text[], $14::bigint[])"
            );
            for chunk in rows.chunks(ROWS_PER_INSERT) {
                let col =
                    |f: fn(&ObservationRow) -> &str| chunk.iter().map(|r| f(r).to_string()).collect::<Vec<String>>();
                sqlx::query::<Postgres>(&sql)
                    .bind(batch)
                    .bind(col(|r| &r.factor))
                    .bind(col(|r| &r.indicator))
                    .bind(col(|r| &r.area))
                    .bind(col(|r| &r.period))
                    .bind(chunk.iter().map(|r| r.period_start).collect::<Vec<i64>>())
                    .bind(chunk.iter().map(|r| r.value).collect::<Vec<f64>>())
                    .bind(col(|r| &r.publisher))
                    .bind(col(|r| &r.method))
                    .bind(col(|r| &r.as_of))
                    .bind(col(|r| &r.confidence))
                    .bind(chunk.iter().map(|r| r.illustrative).collect::<Vec<bool>>())
                    .bind(chunk.iter().map(|r| r.document.clone()).collect::<Vec<Option<String>>>())
                    .bind(chunk.iter().map(|r| r.events).collect::<Vec<Option<i64>>>())
                    .execute(&mut *self.0)
                    .await?;
            }
            Ok(())
        }
        async fn commit(self) -> Result<()> {
            Ok(self.0.commit().await?)
        }
    }
}
