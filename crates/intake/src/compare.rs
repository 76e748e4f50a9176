//! Clause-by-clause comparison of two texts (two outlets' reports of one round, or two
//! versions of a statement): each sentence of the first paired with the sentence of the second
//! that says the same (one to one, best pairs first), with what differs — numbers and words —
//! and the sentences only one of them has.

use std::collections::HashMap;

use serde::Serialize;

use crate::matching::{Segment, segments};
use crate::text::{Token, char_offset, is_stop, tokens};
use crate::{IntakeError, MAX_TEXT_BYTES, Span};

/// Two sentences pair when they share at least this much of their weighted words.
pub const PAIR: f64 = 0.4;

/// A sentence of one text.
#[derive(Debug, Clone, Serialize)]
pub struct Clause {
    /// Where, in characters.
    pub span: Span,
    /// The sentence.
    pub quote: String,
}

/// Two sentences saying the same.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    /// In the first text.
    pub first: Clause,
    /// In the second.
    pub second: Clause,
    /// 0–1: weighted share of words in common.
    pub similarity: f64,
    /// Numbers only the first has.
    pub numbers_only_first: Vec<String>,
    /// Numbers only the second has.
    pub numbers_only_second: Vec<String>,
    /// Words only the first has (as written, at most 12).
    pub words_only_first: Vec<String>,
    /// Words only the second has.
    pub words_only_second: Vec<String>,
}

/// The comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Sentences of the first text, in order, with their counterpart.
    pub pairs: Vec<Pair>,
    /// Sentences only the first text has.
    pub only_first: Vec<Clause>,
    /// Sentences only the second text has.
    pub only_second: Vec<Clause>,
}

struct Side<'t> {
    text: &'t str,
    toks: Vec<Token>,
    segs: Vec<Segment>,
    stems: Vec<Vec<String>>,
}

fn side(text: &str) -> Result<Side<'_>, IntakeError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(IntakeError::TooLarge { bytes: text.len(), limit: MAX_TEXT_BYTES });
    }
    if text.chars().all(|c| c.is_whitespace() || crate::text::fold(c).is_none()) {
        return Err(IntakeError::Empty);
    }
    let toks = tokens(text);
    let segs = segments(text, &toks);
    let stems = segs
        .iter()
        .map(|s| {
            let mut v: Vec<String> = toks[s.first..s.last]
                .iter()
                .filter(|t| !t.number && !is_stop(&t.norm))
                .map(|t| t.stem.clone())
                .collect();
            v.sort();
            v.dedup();
            v
        })
        .collect();
    Ok(Side { text, toks, segs, stems })
}

impl Side<'_> {
    fn clause(&self, k: usize) -> Clause {
        let s = &self.segs[k];
        Clause {
            span: Span { start: char_offset(self.text, s.start), end: char_offset(self.text, s.end) },
            quote: self.text[s.start..s.end].to_string(),
        }
    }
    fn numbers(&self, k: usize) -> Vec<String> {
        let s = &self.segs[k];
        self.toks[s.first..s.last].iter().filter(|t| t.number).map(|t| t.norm.clone()).collect()
    }
    fn words_not_in(&self, k: usize, other: &[String]) -> Vec<String> {
        let s = &self.segs[k];
        self.toks[s.first..s.last]
            .iter()
            .filter(|t| !t.number && !is_stop(&t.norm) && other.binary_search(&t.stem).is_err())
            .take(12)
            .map(|t| self.text[t.start..t.end].to_string())
            .collect()
    }
}

/// Compares two texts sentence by sentence. Work is bounded by the texts' size: candidate
/// pairs come from an index of shared words, not from every sentence against every other.
pub fn compare(first: &str, second: &str) -> Result<Comparison, IntakeError> {
    crate::text::forget_offsets();
    let (a, b) = (side(first)?, side(second)?);
    // Rarer words weigh more: document frequency over the sentences of both texts.
    let mut df: HashMap<&str, f64> = HashMap::new();
    for v in a.stems.iter().chain(&b.stems) {
        for s in v {
            *df.entry(s.as_str()).or_default() += 1.0;
        }
    }
    let n = (a.stems.len() + b.stems.len()).max(1) as f64;
    let w = |s: &str| (1.0 + n / df.get(s).copied().unwrap_or(1.0)).ln();
    let weight = |v: &[String]| v.iter().map(|s| w(s)).sum::<f64>();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, v) in b.stems.iter().enumerate() {
        for s in v {
            index.entry(s.as_str()).or_default().push(j);
        }
    }
    let wb: Vec<f64> = b.stems.iter().map(|v| weight(v)).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, v) in a.stems.iter().enumerate() {
        let wa = weight(v);
        let mut shared: HashMap<usize, f64> = HashMap::new();
        for s in v {
            // A word in most sentences says nothing about which two belong together.
            let Some(js) = index.get(s.as_str()).filter(|js| js.len() <= 200) else { continue };
            for &j in js {
                *shared.entry(j).or_default() += w(s);
            }
        }
        for (j, sh) in shared {
            // Half the weighted Dice, half how much of the shorter one the other holds (a
            // report may fold two sentences of the statement into one).
            let dice = 2.0 * sh / (wa + wb[j]).max(f64::MIN_POSITIVE);
            let within = sh / wa.min(wb[j]).max(f64::MIN_POSITIVE);
            let sim = 0.5 * dice + 0.5 * within.min(1.0);
            if sim >= PAIR {
                candidates.push((sim, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_a, mut used_b) = (vec![false; a.segs.len()], vec![false; b.segs.len()]);
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for (sim, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            pairs.push((i, j, sim));
        }
    }
    pairs.sort_by_key(|p| p.0);
    let pairs = pairs
        .into_iter()
        .map(|(i, j, sim)| {
            let (na, nb) = (a.numbers(i), b.numbers(j));
            Pair {
                first: a.clause(i),
                second: b.clause(j),
                similarity: (sim.min(1.0) * 100.0).round() / 100.0,
                numbers_only_first: na.iter().filter(|x| !nb.contains(x)).cloned().collect(),
                numbers_only_second: nb.iter().filter(|x| !na.contains(x)).cloned().collect(),
                words_only_first: a.words_not_in(i, &b.stems[j]),
                words_only_second: b.words_not_in(j, &a.stems[i]),
            }
        })
        .collect();
    Ok(Comparison {
        pairs,
        only_first: (0..a.segs.len()).filter(|i| !used_a[*i]).map(|i| a.clause(i)).collect(),
        only_second: (0..b.segs.len()).filter(|j| !used_b[*j]).map(|j| b.clause(j)).collect(),
    })
}
