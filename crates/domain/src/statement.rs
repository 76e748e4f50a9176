//! A joint statement draft for a round, in one language, shaped like the dialogue's
//! statements: an opening (who met, where, when, under which framework), reaffirmations,
//! commitments by party, next steps. The bundle's bilingual texts fill it; the fixed
//! phrasing comes from `record.ftl`, written separately for each language.
//!
//! How commitments are placed (see `docs/record.md`):
//! - a commitment made by every delegation that renews a theme of an earlier round is a
//!   reaffirmation;
//! - the round's decisions are its next steps, and a commitment that only restates a
//!   decision (same slug after the round prefix, e.g. `r1-form-hmc` and `jscd1-form-hmc`)
//!   is left to the next steps rather than said twice;
//! - the rest are commitments by party: each delegation alone, then all jointly.

use std::time::Duration;

use serde::Serialize;
use tahawul_i18n::{Localizer, Message};

use crate::model::*;

/// One section of the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Sentence introducing the items, if any.
    pub intro: Option<String>,
    /// Items, each a sentence from the record.
    pub items: Vec<String>,
}

/// A statement draft in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Title line.
    pub title: String,
    /// The opening paragraph.
    pub opening: String,
    /// Reaffirmations, commitments by party, next steps (empty ones left out).
    pub sections: Vec<Section>,
    /// A closing note about the draft.
    pub note: String,
}

impl Draft {
    /// Plain text: title, opening, sections with bulleted items, note.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n\n{}\n", self.title, self.opening);
        for s in &self.sections {
            out.push_str(&format!("\n{}\n", s.heading));
            if let Some(i) = &s.intro {
                out.push_str(&format!("{i}\n"));
            }
            for item in &s.items {
                out.push_str(&format!("  • {item}\n"));
            }
        }
        out.push_str(&format!("\n{}\n", self.note));
        out
    }
}

/// The slug of an id after its first `-` (`r1-form-hmc` → `form-hmc`).
fn slug(id: &Id) -> &str {
    id.as_str().split_once('-').map_or(id.as_str(), |(_, s)| s)
}

/// Joins phrases with the language's "and".
fn and_list(loc: &Localizer, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            format!("{}{}{}", init.join(&loc.tr("record-list-comma")), loc.tr("record-list-and"), last)
        }
    }
}

/// The dates of a round as the statement says them (the PDF minutes say them so too).
pub fn dates(loc: &Localizer, round: &Round) -> String {
    let (s, e) = (round.start, round.end);
    let date = |d: jiff::civil::Date| {
        Message::new("record-date")
            .arg("day", i64::from(d.day()))
            .arg("month", Message::new("record-month").arg("month", i64::from(d.month())))
            .arg("year", d.year().to_string())
    };
    let msg = if s == e {
        Message::new("record-dates-one-day").arg("date", date(s))
    } else if s.year() == e.year() && s.month() == e.month() && e.day() - s.day() == 1 {
        Message::new("record-dates-two-days")
            .arg("first", i64::from(s.day()))
            .arg("second", i64::from(e.day()))
            .arg("month", Message::new("record-month").arg("month", i64::from(s.month())))
            .arg("year", s.year().to_string())
    } else {
        Message::new("record-dates-range").arg("from", date(s)).arg("to", date(e))
    };
    loc.format(&msg)
}

/// Drafts the joint statement of `round` in the localizer's language.
pub fn draft(case: &Case, round: &Round, loc: &Localizer) -> Draft {
    let lang = loc.lang();
    let party_name = |id: &Id| case.party(id.as_str()).map_or(id.to_string(), |p| p.name.get(lang).to_string());
    let delegations: Vec<String> = round
        .delegations
        .iter()
        .map(|d| match d.head.as_ref().and_then(|h| case.person(h.as_str())) {
            Some(p) => loc.format(
                &Message::new("record-statement-delegation-led")
                    .arg("party", party_name(&d.party))
                    .arg("name", &p.name)
                    .arg("title", &p.title),
            ),
            None => loc.format(&Message::new("record-statement-delegation-unled").arg("party", party_name(&d.party))),
        })
        .collect();
    let framework = round
        .framework
        .as_ref()
        .map_or(String::new(), |f| loc.format(&Message::new("record-statement-framework").arg("framework", f)));
    let opening = loc.format(
        &Message::new("record-statement-opening")
            .arg("delegations", and_list(loc, &delegations))
            .arg("place", &round.place)
            .arg("dates", dates(loc, round))
            .arg("round", &round.name)
            .arg("framework", framework),
    );

    let n = round.delegations.len();
    let delegation_parties: Vec<&Id> = round.delegations.iter().map(|d| &d.party).collect();
    let joint =
        |c: &Commitment| delegation_parties.len() > 1 && delegation_parties.iter().all(|p| c.parties.contains(p));
    let earlier: Vec<&Id> = case.rounds.iter().filter(|r| r.start < round.start).map(|r| &r.id).collect();
    let renews = |c: &Commitment| case.commitments.iter().any(|o| earlier.contains(&&o.round) && o.theme == c.theme);
    let restates_decision = |c: &Commitment| round.decisions.iter().any(|d| slug(&d.id) == slug(&c.id));
    let mine: Vec<&Commitment> =
        case.commitments.iter().filter(|c| c.round == round.id && !restates_decision(c)).collect();

    let mut sections = Vec::new();
    let reaffirmed: Vec<String> =
        mine.iter().filter(|c| joint(c) && renews(c)).map(|c| c.text.get(lang).to_string()).collect();
    if !reaffirmed.is_empty() {
        sections.push(Section {
            heading: loc.tr("record-statement-reaffirmations"),
            intro: Some(loc.format(&Message::new("record-statement-reaffirmations-intro").arg("count", n))),
            items: reaffirmed,
        });
    }
    let mut by_party = Vec::new();
    for d in &round.delegations {
        let items: Vec<String> = mine
            .iter()
            .filter(|c| c.parties.len() == 1 && c.parties[0] == d.party)
            .map(|c| c.text.get(lang).to_string())
            .collect();
        if !items.is_empty() {
            by_party.push(Section {
                heading: loc.format(&Message::new("record-statement-party-commits").arg("party", party_name(&d.party))),
                intro: None,
                items,
            });
        }
    }
    let both: Vec<String> =
        mine.iter().filter(|c| joint(c) && !renews(c)).map(|c| c.text.get(lang).to_string()).collect();
    if !both.is_empty() {
        by_party.push(Section {
            heading: loc.format(&Message::new("record-statement-joint-commits").arg("count", n)),
            intro: None,
            items: both,
        });
    }
    if !by_party.is_empty() {
        sections.push(Section { heading: loc.tr("record-statement-commitments"), intro: None, items: vec![] });
        sections.extend(by_party);
    }
    if !round.decisions.is_empty() {
        sections.push(Section {
            heading: loc.tr("record-statement-next-steps"),
            intro: Some(loc.format(&Message::new("record-statement-next-steps-intro").arg("count", n))),
            items: round.decisions.iter().map(|d| d.text.get(lang).to_string()).collect(),
        });
    }
    let signed = crate::minutes::check(case, round);
    let state = match signed.state {
        crate::minutes::MinutesState::Verified { .. } => "record-statement-note-minutes-verified",
        _ => "record-statement-note-minutes-not-verified",
    };
    let note = loc.format(&Message::new("record-statement-note").arg("minutes", Message::new(state)));
    Draft {
        title: loc.format(&Message::new("record-statement-title").arg("round", &round.name)),
        opening,
        sections,
        note,
    }
}

/// One piece of a comparison of two texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "kebab-case")]
pub enum Piece {
    /// In both.
    Same(String),
    /// Only in the older text.
    Removed(String),
    /// Only in the newer text.
    Added(String),
}

/// Texts longer than this (bytes, either side) are not compared: the older is shown removed
/// and the newer added. Beyond it even the tokens' index would cost more than a page is worth.
pub const COMPARE_MAX_BYTES: usize = 1 << 20;

/// Texts with more words than this (either side) are compared line by line instead.
pub const COMPARE_MAX_WORDS: usize = 50_000;

/// How long one comparison may search for the shortest edit before it settles for a longer
/// (still correct) one.
pub const COMPARE_TIME: Duration = Duration::from_millis(500);

/// Compares two texts word by word (a run of spaces is its own piece), by Myers' algorithm
/// (the `similar` crate) in memory proportional to the texts and within [`COMPARE_TIME`]:
/// two stored versions cannot take the server's memory or its time, whatever their size.
/// Long texts are compared line by line ([`COMPARE_MAX_WORDS`]); huge ones not at all
/// ([`COMPARE_MAX_BYTES`]). Whatever the bound, the pieces rebuild both texts exactly.
pub fn compare(old: &str, new: &str) -> Vec<Piece> {
    use similar::{Algorithm, ChangeTag, TextDiff};
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |tag: ChangeTag, t: &str| {
        if t.is_empty() {
            return;
        }
        match (out.last_mut(), tag) {
            (Some(Piece::Same(x)), ChangeTag::Equal)
            | (Some(Piece::Removed(x)), ChangeTag::Delete)
            | (Some(Piece::Added(x)), ChangeTag::Insert) => x.push_str(t),
            (_, ChangeTag::Equal) => out.push(Piece::Same(t.to_string())),
            (_, ChangeTag::Delete) => out.push(Piece::Removed(t.to_string())),
            (_, ChangeTag::Insert) => out.push(Piece::Added(t.to_string())),
        }
    };
    if old == new {
        push(ChangeTag::Equal, old);
        return out;
    }
    if old.len() > COMPARE_MAX_BYTES || new.len() > COMPARE_MAX_BYTES {
        push(ChangeTag::Delete, old);
        push(ChangeTag::Insert, new);
        return out;
    }
    let mut config = TextDiff::configure();
    config.algorithm(Algorithm::Myers).timeout(COMPARE_TIME);
    // A word and the spaces after it are two tokens, so this counts at most twice the words.
    let tokens = |s: &str| s.split_whitespace().count();
    let diff = if tokens(old) > COMPARE_MAX_WORDS || tokens(new) > COMPARE_MAX_WORDS {
        config.diff_lines(old, new)
    } else {
        config.diff_words(old, new)
    };
    for change in diff.iter_all_changes() {
        push(change.tag(), change.value());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuilt(pieces: &[Piece]) -> (String, String) {
        let (mut old, mut new) = (String::new(), String::new());
        for p in pieces {
            match p {
                Piece::Same(t) => {
                    old.push_str(t);
                    new.push_str(t);
                }
                Piece::Removed(t) => old.push_str(t),
                Piece::Added(t) => new.push_str(t),
            }
        }
        (old, new)
    }

    /// Short lines that differ every few lines, as the report's 100,000-character versions.
    fn short_lines(chars: usize, seed: u64) -> String {
        let mut out = String::new();
        let mut x = seed;
        while out.len() < chars {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            out.push_str(&format!("{}\n", (x >> 60) % 7));
        }
        out
    }

    #[test]
    fn versions_of_a_hundred_thousand_characters_compare_quickly_and_exactly() {
        let (a, b) = (short_lines(100_000, 1), short_lines(100_000, 2));
        let started = std::time::Instant::now();
        let pieces = compare(&a, &b);
        let took = started.elapsed();
        // The old table (lines × lines) took 6 GB and 19 s here.
        assert!(took < COMPARE_TIME * 6, "took {took:?}");
        assert_eq!(rebuilt(&pieces), (a, b));
    }

    #[test]
    fn forty_thousand_characters_of_words_compare_within_the_bound() {
        let words = |seed: u64| short_lines(40_000, seed).replace('\n', " ");
        let (a, b) = (words(3), words(4));
        let started = std::time::Instant::now();
        let pieces = compare(&a, &b);
        assert!(started.elapsed() < COMPARE_TIME * 6, "took {:?}", started.elapsed());
        assert_eq!(rebuilt(&pieces), (a, b));
    }

    #[test]
    fn texts_over_the_size_bound_are_replaced_whole() {
        let a = "a ".repeat(COMPARE_MAX_BYTES);
        let pieces = compare(&a, "b");
        assert_eq!(pieces, vec![Piece::Removed(a.clone()), Piece::Added("b".into())]);
    }

    #[test]
    fn an_unchanged_text_is_one_piece() {
        assert_eq!(compare("x y\nz", "x y\nz"), vec![Piece::Same("x y\nz".into())]);
    }
}
