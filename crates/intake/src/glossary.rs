//! The case's names as a glossary, derived from the record itself: people (names and offices
//! in both languages), parties, bodies and places named anywhere in the record, and each
//! document's known mistranslations (`[[document.translation_error]]`).

use std::collections::HashSet;

use tahawul_domain::Case;

use crate::text::{self, Token, char_offset, normalize, stem, tokens};
use crate::{Both, Flag, FlagKind, Kind, Proposal, Span};

/// A token without a one-letter proclitic.
fn bare(t: &Token) -> &str {
    for p in ["و", "ف", "ب", "ل"] {
        if let Some(r) = t.norm.strip_prefix(p)
            && r.chars().count() >= 3
        {
            return r;
        }
    }
    &t.norm
}

fn span(text: &str, a: usize, b: usize) -> Span {
    Span { start: char_offset(text, a), end: char_offset(text, b) }
}

/// Where a phrase (folded words) occurs as whole tokens; the first may carry a proclitic.
fn find_phrase(toks: &[Token], words: &[String]) -> Vec<(usize, usize)> {
    if words.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for i in 0..toks.len().saturating_sub(words.len() - 1) {
        let ok = words.iter().enumerate().all(|(k, w)| {
            let t = &toks[i + k];
            t.norm == *w || (k == 0 && bare(t) == w)
        });
        if ok {
            out.push((i, i + words.len()));
        }
    }
    out
}

/// Titles that come before a name and are not part of it.
const TITLES: &[&str] = &["الجنرال", "gen", "general", "dr", "mr", "ms", "السيد", "السيده", "الدكتور"];

/// People named in the text, matched to the case's people by name in either script; a name
/// spelt differently («سيليست واندر» for «سيليست والاندر») still matches, with the
/// difference shown.
pub fn people(case: &Case, toks: &[Token], text: &str) -> Vec<Proposal> {
    let mut out = Vec::new();
    for p in &case.people {
        let mut hits: Vec<(usize, usize, f64)> = Vec::new();
        for name in [&p.name.ar, &p.name.en] {
            let words: Vec<String> = normalize(name)
                .split(' ')
                .filter(|w| w.chars().count() > 1 && !TITLES.contains(w))
                .map(str::to_string)
                .collect();
            if words.is_empty() {
                continue;
            }
            let want = words.join(" ");
            let n = words.len();
            let initial = want.chars().next();
            for i in 0..toks.len().saturating_sub(n - 1) {
                // Cheap tests first: a name is short, and starts (after a proclitic, perhaps)
                // with the name's first letter.
                if toks[i].norm.len() > 64
                    || !(toks[i].norm.chars().next() == initial || bare(&toks[i]).chars().next() == initial)
                    || toks[i..i + n].iter().any(|t| t.norm.len() > 64)
                {
                    continue;
                }
                // With and without a proclitic on the first word («بوزير», but «لوفد» is a
                // garbled «لويد», not «ل» + «وفد»).
                let mut best = 0.0f64;
                for first in [toks[i].norm.as_str(), bare(&toks[i])] {
                    let got: Vec<&str> =
                        (0..n).map(|k| if k == 0 { first } else { toks[i + k].norm.as_str() }).collect();
                    let got = got.join(" ");
                    let sim =
                        if n == 1 { if got == want { 1.0 } else { 0.0 } } else { strsim::jaro_winkler(&got, &want) };
                    // Names of several words need the first letters of each word to agree too.
                    let initials =
                        got.split(' ').zip(want.split(' ')).all(|(a, b)| a.chars().next() == b.chars().next());
                    if initials {
                        best = best.max(sim);
                    }
                }
                if best >= 0.88 {
                    hits.push((toks[i].start, toks[i + n - 1].end, best));
                }
            }
        }
        hits.sort_by_key(|h| h.0);
        hits.dedup_by_key(|h| h.0);
        let Some(&(a, b, sim)) = hits.first() else { continue };
        let quote = text[a..b].to_string();
        let mut differences = Vec::new();
        if sim < 1.0 {
            differences.push(crate::Difference { field: "name", record: p.name.ar.clone(), text: quote.clone() });
        }
        out.push(Proposal {
            kind: Kind::Person,
            party: vec![p.party.to_string()],
            text: Both::of(&p.name),
            theme: None,
            due: None,
            dates: None,
            place: None,
            office: Some(Both::of(&p.title)),
            span: span(text, a, b),
            quote,
            also: hits[1..].iter().map(|h| span(text, h.0, h.1)).collect(),
            matches: vec![p.id.to_string()],
            differences,
            confidence: (sim * 100.0).round() / 100.0,
        });
    }
    out.sort_by_key(|p| p.span.start);
    out
}

/// Every rendering the case records as a mistranslation (in any of its documents), flagged
/// wherever it occurs in the text, with what it stands for.
pub fn translation_errors(case: &Case, toks: &[Token], text: &str) -> Vec<Flag> {
    let mut out: Vec<Flag> = Vec::new();
    let mut seen = HashSet::new();
    for d in &case.documents {
        for e in &d.translation_errors {
            if !seen.insert(normalize(&e.says)) {
                continue;
            }
            let words: Vec<String> = normalize(&e.says).split(' ').map(str::to_string).collect();
            for (i, j) in find_phrase(toks, &words) {
                let (a, b) = (toks[i].start, toks[j - 1].end);
                out.push(Flag {
                    kind: FlagKind::TranslationError,
                    span: span(text, a, b),
                    quote: text[a..b].to_string(),
                    suggestion: Some(Both::of(&e.means)),
                });
            }
        }
    }
    out
}

/// Words that begin the name of an office or a body.
const OFFICE_HEADS: &[&str] = &[
    "وزاره",
    "وكاله",
    "هيئه",
    "مجلس",
    "قياده",
    "جهاز",
    "لجنه",
    "مؤسسه",
    "منظمه",
    "دائره",
    "مديريه",
    "وزير",
    "مستشار",
    "سفير",
    "سفيره",
    "قائد",
    "مدير",
    "ministry",
    "agency",
    "council",
    "command",
    "committee",
    "commission",
    "corporation",
    "organization",
    "organisation",
    "department",
    "minister",
    "adviser",
    "advisor",
    "ambassador",
    "commander",
    "director",
];

/// Every pair of adjacent word stems the record uses, in both languages: a phrase whose pairs
/// are all here is a name the record knows.
pub struct Known {
    pairs: HashSet<(String, String)>,
    /// Stems of people's names: an office's words stop where a name begins («وزير الدفاع ثابت …»).
    names: HashSet<String>,
}

impl Known {
    /// Collects the record's words: names, titles, offices, places, descriptions, decisions,
    /// commitments, document outlets and summaries, translation errors' meanings.
    pub fn of(case: &Case) -> Known {
        let mut texts: Vec<&str> = vec![&case.name.en, &case.name.ar, &case.description.en, &case.description.ar];
        fn both<'a>(t: &'a tahawul_domain::Text, v: &mut Vec<&'a str>) {
            v.push(&t.en);
            v.push(&t.ar);
        }
        let mut v: Vec<&str> = Vec::new();
        for p in &case.parties {
            both(&p.name, &mut v);
        }
        for p in &case.people {
            both(&p.name, &mut v);
            both(&p.title, &mut v);
        }
        for a in &case.areas {
            both(&a.name, &mut v);
        }
        for f in &case.factors {
            both(&f.name, &mut v);
        }
        for r in &case.rounds {
            both(&r.name, &mut v);
            both(&r.place, &mut v);
            for d in &r.delegations {
                for o in &d.offices {
                    both(o, &mut v);
                }
            }
            for m in &r.meetings {
                both(&m.description, &mut v);
            }
            for d in &r.decisions {
                both(&d.text, &mut v);
            }
        }
        for c in &case.commitments {
            both(&c.text, &mut v);
        }
        for d in &case.documents {
            both(&d.outlet, &mut v);
            both(&d.summary, &mut v);
            for e in &d.translation_errors {
                both(&e.means, &mut v);
            }
        }
        texts.extend(v);
        let mut pairs = HashSet::new();
        for t in texts {
            let toks = tokens(t);
            for w in toks.windows(2) {
                pairs.insert((w[0].stem.clone(), w[1].stem.clone()));
            }
        }
        let names =
            case.people.iter().flat_map(|p| [&p.name.ar, &p.name.en]).flat_map(|n| tokens(n)).map(|t| t.stem).collect();
        Known { pairs, names }
    }

    /// Offices and bodies the record does not know: an office word and the two words after
    /// it, when a pair of them is new to the record (and no other flag covers the place).
    pub fn unknown_offices(&self, toks: &[Token], text: &str, already: &[Flag]) -> Vec<Flag> {
        let mut out: Vec<Flag> = Vec::new();
        let mut seen = HashSet::new();
        let mut covered: Vec<(usize, usize)> = already.iter().map(|f| (f.span.start, f.span.end)).collect();
        covered.sort_unstable();
        for i in 0..toks.len() {
            // «وزارة» begins with a letter that is also a proclitic: the word as written, and
            // without a proclitic, each with or without the article.
            let office = [toks[i].norm.as_str(), bare(&toks[i])]
                .iter()
                .any(|h| OFFICE_HEADS.contains(&h.strip_prefix("ال").filter(|r| r.chars().count() >= 3).unwrap_or(h)));
            // «بقيادة» is "led by", not a command.
            if !office || toks[i].norm == "بقياده" {
                continue;
            }
            // The name's words run on, separated by spaces only (not across a full stop,
            // a comma or a line).
            let mut n = i + 1;
            while n < toks.len().min(i + 3)
                && !self.names.contains(&toks[n].stem)
                && text[toks[n - 1].end..toks[n].start].chars().all(|c| c == ' ' || text::fold(c).is_none())
            {
                n += 1;
            }
            let words = &toks[i..n];
            if words.len() < 2 || words.iter().skip(1).any(|t| t.number || crate::text::is_stop(&t.norm)) {
                continue;
            }
            let known = words.windows(2).all(|w| self.pairs.contains(&(w[0].stem.clone(), w[1].stem.clone())));
            // One pair known is enough when the record also knows the head with its first word.
            let first_pair = self.pairs.contains(&(words[0].stem.clone(), words[1].stem.clone()));
            if known || (first_pair && words.len() == 2) {
                continue;
            }
            let (a, b) = (words[0].start, words[words.len() - 1].end);
            let sp = span(text, a, b);
            // Flags are sorted by start: only those starting before this span ends can overlap,
            // and of those the few just before it.
            let upto = covered.partition_point(|(s, _)| *s < sp.end);
            if covered[..upto].iter().rev().take(8).any(|(_, e)| sp.start < *e) {
                continue;
            }
            let key: String = words.iter().map(|t| stem(&t.norm)).collect::<Vec<_>>().join(" ");
            if !seen.insert(key) {
                continue;
            }
            out.push(Flag { kind: FlagKind::UnknownName, span: sp, quote: text[a..b].to_string(), suggestion: None });
        }
        out
    }
}

/// The outlet: "Source: X" / «المصدر: X», else the outlet of a record document whose name the
/// text contains; with the record documents from that outlet.
pub fn outlet(case: &Case, text: &str, toks: &[Token]) -> (Option<String>, Vec<String>) {
    let names = |d: &tahawul_domain::Document| -> Vec<Vec<String>> {
        [&d.outlet.ar, &d.outlet.en]
            .iter()
            .map(|o| {
                let main = o.split(['(', '،', ',']).next().unwrap_or("");
                normalize(main)
                    .split(' ')
                    .filter(|w| !["قناه", "موقع", "the"].contains(w) && !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|w| !w.is_empty() && w.len() <= 3)
            .collect()
    };
    let mut said = None;
    for line in text.lines() {
        let l = line.trim();
        for p in ["المصدر:", "المصدر :", "Source:", "source:"] {
            if let Some(r) = l.strip_prefix(p) {
                let r = r.trim();
                if !r.is_empty() && r.chars().count() <= 60 {
                    said = Some(r.to_string());
                }
            }
        }
    }
    let mut matches = Vec::new();
    let mut found = None;
    for d in &case.documents {
        for words in names(d) {
            let hit = match &said {
                Some(s) => {
                    normalize(s).split(' ').collect::<Vec<_>>() == words.iter().map(String::as_str).collect::<Vec<_>>()
                        || !find_phrase(toks, &words).is_empty() && words.len() >= 2
                }
                None => !find_phrase(toks, &words).is_empty(),
            };
            if hit {
                if !matches.contains(&d.id.to_string()) {
                    matches.push(d.id.to_string());
                }
                found.get_or_insert_with(|| d.outlet.ar.split(['(', '،']).next().unwrap_or("").trim().to_string());
            }
        }
    }
    (said.or(found), matches)
}
