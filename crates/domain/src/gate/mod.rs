//! The gate language: the conditions under which a phase may start, e.g.
//! `threat.attacks_per_month <= 15 for 6 months and capability.readiness >= level "in-the-lead"`.
//!
//! [`parse`] checks the syntax; [`Gate::check`] resolves names and types against a case;
//! [`Gate::evaluate`] says whether it holds and why; [`Gate::to_source`] and
//! [`Gate::sentence`] render it back. The language is described in `docs/gate-language.md`.

mod check;
mod eval;
mod lexer;
mod parser;
mod render;
#[cfg(test)]
pub(crate) mod tests;

use std::ops::Range;

use serde::Serialize;
use tahawul_i18n::Message;

pub use eval::{ClauseReport, Evaluation, Truth};

/// A parsed gate, kept with its source text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gate {
    /// The text as written.
    pub source: String,
    /// Its syntax tree.
    pub expr: Expr,
}

/// A gate expression. `And`/`Or` hold two or more parts and never a part of their own kind
/// (the parser flattens `(a and b) and c`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expr {
    /// One comparison.
    Clause(Clause),
    /// All parts hold.
    And(Vec<Expr>),
    /// At least one part holds.
    Or(Vec<Expr>),
    /// The part does not hold.
    Not(Box<Expr>),
}

/// One comparison of an indicator with a threshold, optionally sustained over a window.
#[derive(Debug, Clone, Serialize)]
pub struct Clause {
    /// The factor id (`threat`).
    pub factor: String,
    /// The indicator id within the factor (`attacks_per_month`).
    pub indicator: String,
    /// The comparison.
    pub cmp: Cmp,
    /// What the value is compared with.
    pub threshold: Threshold,
    /// How many months it must have held (1 when the gate says no `for`).
    pub window_months: u32,
    /// Byte span of the clause in the gate text; not part of equality.
    pub span: Range<usize>,
}

impl PartialEq for Clause {
    // Two clauses are the same condition wherever they were written.
    fn eq(&self, o: &Self) -> bool {
        self.factor == o.factor
            && self.indicator == o.indicator
            && self.cmp == o.cmp
            && self.threshold == o.threshold
            && self.window_months == o.window_months
    }
}

impl Clause {
    /// `factor.indicator`.
    pub fn name(&self) -> String {
        format!("{}.{}", self.factor, self.indicator)
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum Cmp {
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
    /// `==`
    #[serde(rename = "==")]
    Eq,
    /// `!=`
    #[serde(rename = "!=")]
    Ne,
}

impl Cmp {
    /// The operator as written in the gate language.
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
        }
    }
    /// Whether `value` compares to `threshold` as this operator says. The engine's
    /// comparison is the one definition, so observed gates and simulated ones agree.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        tahawul_forecast::Cmp::from(self).holds(value, threshold)
    }
}

/// What a value is compared with.
impl From<Cmp> for tahawul_forecast::Cmp {
    fn from(c: Cmp) -> Self {
        match c {
            Cmp::Lt => tahawul_forecast::Cmp::Lt,
            Cmp::Le => tahawul_forecast::Cmp::Le,
            Cmp::Gt => tahawul_forecast::Cmp::Gt,
            Cmp::Ge => tahawul_forecast::Cmp::Ge,
            Cmp::Eq => tahawul_forecast::Cmp::Eq,
            Cmp::Ne => tahawul_forecast::Cmp::Ne,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Threshold {
    /// A number (counts, shares, numbers).
    Number(f64),
    /// A level id on the indicator's scale, compared by rank.
    Level(String),
}

/// A problem in a gate: where (byte span in the gate text), what, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct GateError {
    /// Byte span within the gate text (empty at the end for "ends too early").
    pub span: Range<usize>,
    /// What is wrong.
    pub message: Message,
    /// How to fix it.
    pub help: Option<Message>,
}

/// Parses gate text (syntax only; see [`Gate::check`] for names and types).
pub fn parse(source: &str) -> Result<Gate, Vec<GateError>> {
    let (tokens, errors) = lexer::lex(source);
    if !errors.is_empty() {
        return Err(errors);
    }
    let expr = parser::parse_tokens(&tokens).map_err(|e| vec![e])?;
    Ok(Gate { source: source.to_string(), expr })
}

impl std::str::FromStr for Gate {
    type Err = Vec<GateError>;
    fn from_str(s: &str) -> Result<Gate, Vec<GateError>> {
        parse(s)
    }
}

impl Gate {
    /// The comparisons, in source order.
    pub fn clauses(&self) -> Vec<&Clause> {
        let mut out = Vec::new();
        self.expr.collect_clauses(&mut out);
        out
    }
}

impl Expr {
    fn collect_clauses<'a>(&'a self, out: &mut Vec<&'a Clause>) {
        match self {
            Expr::Clause(c) => out.push(c),
            Expr::And(v) | Expr::Or(v) => v.iter().for_each(|e| e.collect_clauses(out)),
            Expr::Not(e) => e.collect_clauses(out),
        }
    }
}

impl Gate {
    /// The same gate with clause `index` (0-based, in [`Gate::clauses`] order) given another
    /// threshold; `None` when there is no such clause. Check the result with [`Gate::check`].
    pub fn with_threshold(&self, index: usize, threshold: Threshold) -> Option<Gate> {
        fn walk(e: &mut Expr, index: usize, seen: &mut usize, t: &Threshold) -> bool {
            match e {
                Expr::Clause(c) => {
                    let hit = *seen == index;
                    *seen += 1;
                    if hit {
                        c.threshold = t.clone();
                    }
                    hit
                }
                Expr::And(xs) | Expr::Or(xs) => xs.iter_mut().any(|x| walk(x, index, seen, t)),
                Expr::Not(x) => walk(x, index, seen, t),
            }
        }
        let mut g = self.clone();
        walk(&mut g.expr, index, &mut 0, &threshold).then(|| {
            g.source = g.to_source();
            g
        })
    }
}

/// A gate is stored as its text: reading it back parses that text again, so a stored
/// gate can never carry a tree that disagrees with its words.
impl<'de> serde::Deserialize<'de> for Gate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Gate, D::Error> {
        #[derive(serde::Deserialize)]
        struct Stored {
            source: String,
            /// The tree as written out: a known field (so it is not refused as unknown when a
            /// record comes back as it was read), never trusted — the source is parsed again.
            #[serde(default)]
            #[allow(dead_code)]
            expr: Option<serde_json::Value>,
        }
        let stored = Stored::deserialize(d)?;
        parse(&stored.source).map_err(|errors| {
            let first =
                errors.first().map(|e| format!("{} at byte {}", e.message.id, e.span.start)).unwrap_or_default();
            serde::de::Error::custom(format!("stored gate {:?} does not parse: {first}", stored.source))
        })
    }
}
