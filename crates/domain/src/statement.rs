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

/// The dates of a round as the statement says them.
fn dates(loc: &Localizer, round: &Round) -> String {
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
