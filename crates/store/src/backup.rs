//! `tahawul backup` and `tahawul restore`: the whole store — records, figures, workflow steps,
//! users, tokens, the audit log and its head — as one file, read from one consistent snapshot
//! while the service goes on writing, and loaded back into an empty database.
//!
//! One format for both backends (JSON lines, below), so a SQLite backup restores into
//! PostgreSQL and back: moving an organisation from the embedded default to its server is a
//! backup and a restore. Every value is kept exactly (floats as their shortest round-trip text,
//! since JSON numbers would not guarantee the bits the audit digests cover), and the file ends
//! with a BLAKE3 digest of everything before it, checked before anything is written.
//!
//! ```text
//! {"format":"tahawul-backup","version":1,"from":"SQLite","made_at":"…","audit_head":{"seq":12,"hash":"…"}}
//! {"table":"users","columns":["name",…],"rows":3}
//! ["alice","Alice",…]
//! …
//! {"end":{"tables":9,"rows":1234,"blake3":"…"}}
//! ```
//!
//! Left out on purpose: sign-in sessions (people sign in again after a restore), pending
//! key challenges (ten minutes' life), and the reminders already sent (after a restore an
//! immediate reminder may go once more, which is better than a restored "sent" hiding an item
//! the restored record still holds).

use std::io::{BufRead, Write};

use serde_json::{Value, json};
use tahawul_i18n::Message;

use crate::backend::{Arg, Backend, Tx, Ty, Val};
use crate::error::{Problem, Result, StoreError};
use crate::sql::SqlStore;

/// The format's name and version, on the first line.
const FORMAT: &str = "tahawul-backup";
const VERSION: u64 = 1;

/// Rows read per query from the tables that can be large (paged by their integer key, inside
/// the one snapshot), and bound values per insert on restore (under SQLite's 32,766).
const PAGE_ROWS: i64 = 20_000;
const VALUES_PER_INSERT: usize = 15_000;

/// One table of the store as a backup holds it.
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Ty)],
    /// The integer key large tables are read in pages by; small ones are read whole.
    page_by: Option<&'static str>,
}

use Ty::{Bool, F64, I64, Text};

/// Every table the store keeps, parents before children (the order of a restore).
/// `backup_covers_the_schema` (tests/backup.rs) fails when a migration adds a table or a
/// column that is not here.
const TABLES: &[Table] = &[
    Table {
        name: "users",
        columns: &[
            ("name", Text),
            ("display_name", Text),
            ("role", Text),
            ("party", Text),
            ("factor", Text),
            ("password_hash", Text),
            ("disabled", Bool),
            ("version", I64),
            ("created_at", Text),
            ("lang", Text),
            ("digits", Text),
            ("email", Text),
            ("reminders", Text),
            ("directory", Bool),
            ("must_change_password", Bool),
        ],
        page_by: None,
    },
    Table {
        name: "api_tokens",
        columns: &[
            ("prefix", Text),
            ("hash", Text),
            ("user_name", Text),
            ("label", Text),
            ("created_at", Text),
            ("revoked_at", Text),
        ],
        page_by: None,
    },
    Table {
        name: "records",
        columns: &[
            ("kind", Text),
            ("id", Text),
            ("position", I64),
            ("version", I64),
            ("owner_party", Text),
            ("shared", Bool),
            ("releasable", Bool),
            ("body", Text),
            ("updated_at", Text),
            ("updated_by", Text),
        ],
        page_by: None,
    },
    Table {
        name: "observation_batches",
        columns: &[("id", I64), ("at", Text), ("actor", Text), ("count", I64), ("audit_seq", I64)],
        page_by: Some("id"),
    },
    Table {
        name: "observations",
        columns: &[
            ("id", I64),
            ("batch", I64),
            ("version", I64),
            ("factor", Text),
            ("indicator", Text),
            ("area", Text),
            ("period", Text),
            ("period_start", I64),
            ("value", F64),
            ("publisher", Text),
            ("method", Text),
            ("as_of", Text),
            ("confidence", Text),
            ("illustrative", Bool),
            ("document", Text),
            ("events", I64),
        ],
        page_by: Some("id"),
    },
    Table {
        name: "event_imports",
        columns: &[
            ("batch", I64),
            ("definition", Text),
            ("definition_digest", Text),
            ("dataset", Text),
            ("release", Text),
            ("file_digest", Text),
            ("file_rows", I64),
            ("counted", I64),
        ],
        page_by: None,
    },
    Table {
        name: "assessment_steps",
        columns: &[("assessment", Text), ("n", I64), ("action", Text), ("state", Text), ("actor", Text), ("at", Text)],
        page_by: None,
    },
    Table {
        name: "intakes",
        columns: &[
            ("id", I64),
            ("digest", Text),
            ("lang", Text),
            ("text", Text),
            ("submitted_by", Text),
            ("submitted_at", Text),
            ("report", Text),
        ],
        page_by: None,
    },
    Table {
        name: "intake_proposals",
        columns: &[
            ("intake", I64),
            ("n", I64),
            ("proposal", Text),
            ("state", Text),
            ("record_kind", Text),
            ("record_id", Text),
            ("document", Text),
            ("edits", Text),
            ("reviewed_by", Text),
            ("reviewed_at", Text),
            ("reason", Text),
        ],
        page_by: None,
    },
    Table {
        name: "audit_log",
        columns: &[
            ("seq", I64),
            ("at", Text),
            ("actor", Text),
            ("action", Text),
            ("kind", Text),
            ("record_id", Text),
            ("before", Text),
            ("after", Text),
            ("prev_hash", Text),
            ("hash", Text),
        ],
        page_by: Some("seq"),
    },
    Table { name: "audit_head", columns: &[("id", I64), ("seq", I64), ("hash", Text)], page_by: None },
];

/// The tables a backup holds and their columns, for the test that compares them with the
/// schema the migrations make.
pub fn backup_tables() -> Vec<(&'static str, Vec<&'static str>)> {
    TABLES.iter().map(|t| (t.name, t.columns.iter().map(|c| c.0).collect())).collect()
}

/// What a backup or a restore did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupSummary {
    /// Rows per table, in the file's order.
    pub tables: Vec<(String, u64)>,
    /// The audit head the backup holds: every write up to it, none after.
    pub audit_seq: u64,
    /// That entry's hash.
    pub audit_hash: String,
}

impl BackupSummary {
    /// Rows in every table.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.1).sum()
    }
}

impl<B: Backend> SqlStore<B> {
    /// Writes every table to `out` from one read snapshot: the backup holds exactly the writes
    /// committed before that snapshot, each whole. Writers are not blocked.
    pub async fn backup(&self, out: &mut impl Write) -> Result<BackupSummary> {
        let mut tx = B::begin_read(self.pool()).await?;
        // The head first: on SQLite the first read fixes the snapshot every later read sees.
        let head = tx.fetch("SELECT seq, hash FROM audit_head WHERE id = 1", vec![], &[I64, Text]).await?;
        let (seq, hash) = match head.first() {
            Some(r) => (r[0].i64()?, r[1].text()?),
            None => return Err(StoreError::Corrupt("audit_head has no row".into())),
        };
        let mut file = Digesting { out, digest: blake3::Hasher::new() };
        let header = json!({
            "format": FORMAT, "version": VERSION, "from": B::NAME,
            "made_at": jiff::Timestamp::now().to_string(),
            "audit_head": { "seq": seq, "hash": hash },
        });
        file.line(&header)?;
        let mut summary =
            BackupSummary { tables: Vec::new(), audit_seq: u64::try_from(seq).unwrap_or(0), audit_hash: hash };
        for table in TABLES {
            let count = tx.fetch(&format!("SELECT COUNT(*) FROM {}", table.name), vec![], &[I64]).await?;
            let count = count.first().map_or(Ok(0), |r| r[0].i64())?;
            file.line(&json!({ "table": table.name, "columns": column_names(table), "rows": count }))?;
            let mut written = 0;
            let mut pages = Pages::new(table);
            while let Some(rows) = pages.next(&mut tx).await? {
                for row in &rows {
                    file.line(&Value::Array(row.iter().map(encode).collect()))?;
                }
                written += rows.len() as i64;
            }
            if written != count {
                // The snapshot cannot change under the reader: this is a backend that broke it.
                return Err(StoreError::Corrupt(format!("{}: counted {count} rows, read {written}", table.name)));
            }
            summary.tables.push((table.name.to_string(), count as u64));
        }
        let digest = file.digest.finalize().to_hex().to_string();
        let end = json!({ "end": { "tables": TABLES.len(), "rows": summary.rows(), "blake3": digest } });
        writeln!(file.out, "{end}").map_err(io)?;
        file.out.flush().map_err(io)?;
        Ok(summary)
    }

    /// Loads a backup into this database, all or nothing. The file is read twice: first
    /// whole, to check its form and digest (nothing is written if either fails), then to
    /// write. A database that holds anything is refused unless `replace` is set, in which case
    /// its contents (and its sign-in sessions' users' rows) are replaced in the same
    /// transaction. `open` gives a fresh reader of the file for each pass; `name` is how
    /// errors name it.
    pub async fn restore<R: BufRead>(
        &self,
        name: &str,
        mut open: impl FnMut() -> std::io::Result<R>,
        replace: bool,
    ) -> Result<BackupSummary> {
        // First pass: the whole file's form and digest, before anything is written.
        let mut check = Reader::open(name, open().map_err(io)?)?;
        while check.next_row()?.is_some() {}
        let summary = check.summary;
        let mut tx = B::begin_write(self.pool()).await?;
        if !replace && !is_empty(&mut tx).await? {
            // The database, not a line of the file, is at fault: no place to name.
            return Err(invalid(
                String::new(),
                Message::new("backup-target-not-empty"),
                Some(Message::new("backup-target-not-empty-help")),
            ));
        }
        // (Before the users they name.)
        tx.exec("DELETE FROM reminders_sent", vec![]).await?;
        for table in TABLES.iter().rev() {
            tx.exec(&format!("DELETE FROM {}", table.name), vec![]).await?;
        }
        tx.exec("DELETE FROM key_challenges", vec![]).await?;
        // Second pass: rows inserted as they are read, a statement per few thousand values.
        // (Should the file change between the passes, its digest is checked again at the end,
        // before the commit.)
        let mut file = Reader::open(name, open().map_err(io)?)?;
        let mut pending: Vec<Vec<Arg>> = Vec::new();
        let mut current: Option<&'static Table> = None;
        while let Some((table, row)) = file.next_row()? {
            if let Some(c) = current
                && (!std::ptr::eq(c, table) || pending.len() * c.columns.len() >= VALUES_PER_INSERT)
            {
                flush::<B>(&mut tx, c, &mut pending).await?;
            }
            current = Some(table);
            pending.push(row);
        }
        if let Some(c) = current {
            flush::<B>(&mut tx, c, &mut pending).await?;
        }
        for sql in B::AFTER_RESTORE {
            tx.exec(sql, vec![]).await?;
        }
        tx.commit().await?;
        self.forget_cached_state().await;
        Ok(summary)
    }
}

fn column_names(table: &Table) -> Vec<&'static str> {
    table.columns.iter().map(|c| c.0).collect()
}

/// A table read in pages by its key (large tables) or whole (small ones).
struct Pages {
    table: &'static Table,
    after: i64,
    finished: bool,
}

impl Pages {
    fn new(table: &'static Table) -> Pages {
        Pages { table, after: i64::MIN, finished: false }
    }

    async fn next<T: Tx>(&mut self, tx: &mut T) -> Result<Option<Vec<Vec<Val>>>> {
        if self.finished {
            return Ok(None);
        }
        let t = self.table;
        let cols = column_names(t).join(", ");
        let types: Vec<Ty> = t.columns.iter().map(|c| c.1).collect();
        let Some(key) = t.page_by else {
            self.finished = true;
            let order = column_names(t).into_iter().take(2).collect::<Vec<_>>().join(", ");
            return Ok(Some(
                tx.fetch(&format!("SELECT {cols} FROM {} ORDER BY {order}", t.name), vec![], &types).await?,
            ));
        };
        let key_at = t.columns.iter().position(|c| c.0 == key).expect("the key is one of the columns");
        let sql = format!("SELECT {cols} FROM {} WHERE {key} > $1 ORDER BY {key} LIMIT {PAGE_ROWS}", t.name);
        let page = tx.fetch(&sql, vec![Arg::from(self.after)], &types).await?;
        self.finished = (page.len() as i64) < PAGE_ROWS;
        match page.last() {
            Some(last) => self.after = last[key_at].i64()?,
            None => return Ok(None),
        }
        Ok(Some(page))
    }
}

/// True when the database holds no user, record, figure or audit entry.
async fn is_empty<T: Tx>(tx: &mut T) -> Result<bool> {
    for table in ["users", "records", "observation_batches", "audit_log"] {
        let rows = tx.fetch(&format!("SELECT CAST(1 AS BIGINT) FROM {table} LIMIT 1"), vec![], &[I64]).await?;
        if !rows.is_empty() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Inserts the pending rows of one table in one statement.
async fn flush<B: Backend>(tx: &mut B::Tx, table: &Table, rows: &mut Vec<Vec<Arg>>) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let n = table.columns.len();
    let mut sql = format!(
        "INSERT INTO {} ({}){} VALUES ",
        table.name,
        table.columns.iter().map(|c| c.0).collect::<Vec<_>>().join(", "),
        if table.page_by == Some("id") { B::IDENTITY_INSERT } else { "" }
    );
    for r in 0..rows.len() {
        sql.push_str(if r == 0 { "(" } else { ",(" });
        for c in 0..n {
            if c > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("${}", r * n + c + 1));
        }
        sql.push(')');
    }
    tx.exec(&sql, rows.drain(..).flatten().collect()).await?;
    Ok(())
}

/// Reads a backup line by line, checking each line's form as it goes and the digest at the end.
struct Reader<R: BufRead> {
    name: String,
    lines: std::iter::Enumerate<std::io::Lines<R>>,
    digest: blake3::Hasher,
    summary: BackupSummary,
    /// The table whose rows are being read, and how many of them are left.
    table: usize,
    left: u64,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// Reads and checks the header line.
    fn open(name: &str, input: R) -> Result<Self> {
        let mut r = Reader {
            name: name.to_string(),
            lines: input.lines().enumerate(),
            digest: blake3::Hasher::new(),
            summary: BackupSummary { tables: Vec::new(), audit_seq: 0, audit_hash: String::new() },
            table: 0,
            left: 0,
            done: false,
        };
        let (n, header) = r.line("header")?;
        if header["format"] != FORMAT {
            return Err(invalid(
                r.at(n),
                Message::new("backup-not-a-backup"),
                Some(Message::new("backup-not-a-backup-help")),
            ));
        }
        if header["version"] != VERSION {
            let m = Message::new("backup-version").arg("version", header["version"].to_string());
            return Err(invalid(r.at(n), m, None));
        }
        r.summary.audit_seq = header["audit_head"]["seq"].as_u64().unwrap_or(0);
        r.summary.audit_hash = header["audit_head"]["hash"].as_str().unwrap_or_default().to_string();
        r.section()?;
        Ok(r)
    }

    fn at(&self, line: usize) -> String {
        format!("{}:{line}", self.name)
    }

    /// The next line as JSON (and into the digest), or where and why it is not.
    fn line(&mut self, expected: &'static str) -> Result<(usize, Value)> {
        let (n, text) = match self.lines.next() {
            Some((i, Ok(text))) => (i + 1, text),
            Some((i, Err(e))) => {
                let m = Message::new("backup-unreadable").arg("error", e.to_string());
                return Err(invalid(self.at(i + 1), m, None));
            }
            None => {
                return Err(invalid(
                    self.name.clone(),
                    Message::new("backup-truncated").arg("expected", expected),
                    Some(Message::new("backup-truncated-help")),
                ));
            }
        };
        let value = serde_json::from_str(&text).map_err(|e| {
            let m = Message::new("backup-bad-line").arg("error", e.to_string());
            invalid(format!("{}:{n}:{}", self.name, e.column()), m, None)
        })?;
        if expected != "end" {
            self.digest.update(text.as_bytes());
            self.digest.update(b"\n");
        }
        Ok((n, value))
    }

    /// Reads the next table's line (or, after the last table, the end line and its digest).
    fn section(&mut self) -> Result<()> {
        let Some(table) = TABLES.get(self.table) else {
            let (n, end) = self.line("end")?;
            let want = self.digest.finalize().to_hex().to_string();
            if end["end"]["blake3"] != want.as_str() {
                return Err(invalid(
                    self.at(n),
                    Message::new("backup-digest"),
                    Some(Message::new("backup-digest-help")),
                ));
            }
            if let Some((i, _)) = self.lines.next() {
                return Err(invalid(self.at(i + 1), Message::new("backup-trailing"), None));
            }
            self.done = true;
            return Ok(());
        };
        let (n, section) = self.line("table")?;
        let columns: Vec<&str> =
            section["columns"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        if section["table"] != table.name || columns != column_names(table) {
            let m = Message::new("backup-unexpected-table").arg("expected", table.name);
            return Err(invalid(self.at(n), m, None));
        }
        self.left =
            section["rows"].as_u64().ok_or_else(|| invalid(self.at(n), Message::new("backup-no-count"), None))?;
        self.summary.tables.push((table.name.to_string(), self.left));
        Ok(())
    }

    /// The next row as values bound to an insert; `None` once the end line checked out.
    fn next_row(&mut self) -> Result<Option<(&'static Table, Vec<Arg>)>> {
        while !self.done && self.left == 0 {
            self.table += 1;
            self.section()?;
        }
        if self.done {
            return Ok(None);
        }
        let table = &TABLES[self.table];
        let (n, row) = self.line("row")?;
        let values = match row {
            Value::Array(v) if v.len() == table.columns.len() => v,
            _ => {
                let m = Message::new("backup-bad-row").arg("table", table.name).arg("columns", table.columns.len());
                return Err(invalid(self.at(n), m, None));
            }
        };
        let args = values
            .iter()
            .zip(table.columns)
            .map(|(v, (column, ty))| {
                decode(v, *ty).ok_or_else(|| {
                    let m = Message::new("backup-bad-value").arg("table", table.name).arg("column", *column);
                    invalid(self.at(n), m, None)
                })
            })
            .collect::<Result<Vec<Arg>>>()?;
        self.left -= 1;
        Ok(Some((table, args)))
    }
}

/// A value as the file holds it: floats as their shortest round-trip text (exact bits).
fn encode(v: &Val) -> Value {
    match v {
        Val::I64(Some(x)) => json!(x),
        Val::F64(Some(x)) => json!(x.to_string()),
        Val::Text(Some(x)) => json!(x),
        Val::Bool(Some(x)) => json!(x),
        Val::I64(None) | Val::F64(None) | Val::Text(None) | Val::Bool(None) => Value::Null,
    }
}

/// A value of the file as bound to an insert, typed so that a NULL is typed too.
fn decode(v: &Value, ty: Ty) -> Option<Arg> {
    Some(match (ty, v) {
        (I64, Value::Null) => Arg::I64(None),
        (F64, Value::Null) => Arg::F64(None),
        (Text, Value::Null) => Arg::Text(None),
        (Bool, Value::Null) => Arg::Bool(None),
        (I64, Value::Number(n)) => Arg::I64(Some(n.as_i64()?)),
        (F64, Value::String(s)) => Arg::F64(Some(s.parse::<f64>().ok().filter(|x| x.is_finite())?)),
        (Text, Value::String(s)) => Arg::Text(Some(s.clone())),
        (Bool, Value::Bool(b)) => Arg::Bool(Some(*b)),
        _ => return None,
    })
}

fn invalid(at: String, message: Message, help: Option<Message>) -> StoreError {
    StoreError::Invalid(vec![Problem { at, message, help }])
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Database(sqlx::Error::Io(e))
}

/// A writer that hashes every line it writes.
struct Digesting<'a, W: Write> {
    out: &'a mut W,
    digest: blake3::Hasher,
}

impl<W: Write> Digesting<'_, W> {
    fn line(&mut self, v: &Value) -> Result<()> {
        let text = v.to_string();
        self.digest.update(text.as_bytes());
        self.digest.update(b"\n");
        writeln!(self.out, "{text}").map_err(io)
    }
}
