//! Sentences of the text against the record's commitments and decisions: each record item is
//! a bag of stems weighted by how rare the stem is among the record's items (so «داعش», in
//! every item, weighs little and «النازحين» much), and a sentence restates an item when it
//! covers most of that weight.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use tahawul_domain::{Case, Lang, Round};

use crate::dates::Mention;
use crate::text::{Token, is_stop};
use crate::{Both, Dates, Difference, Flag, FlagKind, Kind, Proposal, Span};

/// A sentence restating an item at least this well is a match.
pub const MATCH: f64 = 0.42;
/// … and an item of another round than the one reported, at least this well.
pub const OTHER_ROUND: f64 = 0.5;

/// A commitment or decision of the record, as intake compares it.
#[derive(Debug, Clone)]
pub struct Item {
    /// Record id.
    pub id: String,
    /// Commitment or decision.
    pub kind: Kind,
    /// Its round.
    pub round: String,
    /// Who (commitments).
    pub parties: Vec<String>,
    /// Theme (commitments).
    pub theme: Option<String>,
    /// Due (commitments).
    pub due: Option<String>,
    /// Its words.
    pub text: Both,
    stems: Vec<String>,
    weight: f64,
    numbers: Vec<String>,
}

/// A sentence of the text: byte span and token range.
#[derive(Debug, Clone, Copy)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
}

/// The record as intake compares against it, in the text's language.
pub struct Context<'c> {
    case: &'c Case,
    lang: Lang,
    items: Vec<Item>,
    idf: HashMap<String, f64>,
    default_idf: f64,
}

/// One sentence's scores against every item (item index, score), best first.
pub type Scored = Vec<Vec<(usize, f64)>>;

fn content_stems(toks: &[Token]) -> Vec<String> {
    let mut seen = HashSet::new();
    toks.iter()
        .filter(|t| !t.number && !is_stop(&t.norm) && !is_stop(&t.stem))
        .filter(|t| seen.insert(t.stem.clone()))
        .map(|t| t.stem.clone())
        .collect()
}

impl<'c> Context<'c> {
    /// Indexes the case's commitments and decisions in `lang`.
    pub fn new(case: &'c Case, lang: Lang) -> Self {
        let mut items: Vec<Item> = Vec::new();
        for c in &case.commitments {
            items.push(Item {
                id: c.id.to_string(),
                kind: Kind::Commitment,
                round: c.round.to_string(),
                parties: c.parties.iter().map(ToString::to_string).collect(),
                theme: Some(c.theme.to_string()),
                due: c.due.map(|d| d.to_string()),
                text: Both::of(&c.text),
                stems: Vec::new(),
                weight: 0.0,
                numbers: Vec::new(),
            });
        }
        for r in &case.rounds {
            for d in &r.decisions {
                items.push(Item {
                    id: d.id.to_string(),
                    kind: Kind::Decision,
                    round: r.id.to_string(),
                    parties: Vec::new(),
                    theme: None,
                    due: None,
                    text: Both::of(&d.text),
                    stems: Vec::new(),
                    weight: 0.0,
                    numbers: Vec::new(),
                });
            }
        }
        let mut df: HashMap<String, usize> = HashMap::new();
        for it in &mut items {
            let toks = crate::text::tokens(it.text.get(lang));
            it.stems = content_stems(&toks);
            it.numbers = toks.iter().filter(|t| t.number).map(|t| t.norm.clone()).collect();
            for s in &it.stems {
                *df.entry(s.clone()).or_default() += 1;
            }
        }
        let n = items.len().max(1) as f64;
        let idf: HashMap<String, f64> = df.into_iter().map(|(s, d)| (s, (1.0 + n / d as f64).ln())).collect();
        let default_idf = (1.0 + n).ln();
        for it in &mut items {
            it.weight = it.stems.iter().map(|s| idf[s]).sum();
        }
        Context { case, lang, items, idf, default_idf }
    }

    /// The items, as indexed.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    fn idf(&self, s: &str) -> f64 {
        self.idf.get(s).copied().unwrap_or(self.default_idf)
    }

    /// How well a set of stems restates item `i`: mostly how much of the item's weight it
    /// covers, a little how much of its own weight is the item's (a long sentence holding
    /// two undertakings still matches both).
    fn similarity(&self, stems: &HashSet<&str>, own_weight: f64, i: usize) -> f64 {
        let it = &self.items[i];
        if it.weight == 0.0 {
            return 0.0;
        }
        let shared: f64 = it.stems.iter().filter(|s| stems.contains(s.as_str())).map(|s| self.idf(s)).sum();
        let cover = shared / it.weight;
        let precision = if own_weight > 0.0 { shared / own_weight } else { 0.0 };
        0.8 * cover + 0.2 * precision.min(1.0)
    }

    /// Every sentence against every item.
    pub fn score(&self, toks: &[Token], segs: &[Segment]) -> Scored {
        segs.iter()
            .map(|s| {
                let stems_v = content_stems(&toks[s.first..s.last]);
                let stems: HashSet<&str> = stems_v.iter().map(String::as_str).collect();
                let own: f64 = stems.iter().map(|s| self.idf(s)).sum();
                let mut v: Vec<(usize, f64)> = (0..self.items.len())
                    .map(|i| (i, self.similarity(&stems, own, i)))
                    .filter(|x| x.1 > 0.15)
                    .collect();
                v.sort_by(|a, b| b.1.total_cmp(&a.1));
                v
            })
            .collect()
    }

    /// The round the text reports: its days named (strongest), the document dated just after
    /// it, or — failing dates — the round whose record the text restates most.
    pub fn pick_round(&self, mentions: &[Mention], doc_date: Option<Date>, scored: &Scored) -> Option<Round> {
        let mut best: Option<(f64, &Round)> = None;
        let total_matches: f64 = scored.iter().filter_map(|v| v.first()).filter(|x| x.1 >= MATCH).count() as f64;
        for r in &self.case.rounds {
            let mut score = 0.0f64;
            for m in mentions {
                let days_match = m.day.is_some_and(|d| {
                    (d == r.start.day() || d == r.end.day()) && m.month == r.start.month()
                        || m.day_end == Some(r.end.day()) && m.month == r.end.month()
                });
                let year_ok = m.year.is_none_or(|y| y == r.start.year());
                if days_match && year_ok && m.day_end.is_some() {
                    score = score.max(3.0);
                } else if days_match && year_ok {
                    score = score.max(1.5);
                }
            }
            if let Some(d) = doc_date
                && d >= r.start
                && (d - r.end).get_days() <= 3
            {
                score += 2.0;
            }
            if total_matches > 0.0 {
                let mine = scored
                    .iter()
                    .filter_map(|v| v.first())
                    .filter(|x| x.1 >= MATCH && self.items[x.0].round == r.id.as_str())
                    .count() as f64;
                score += 2.0 * mine / total_matches;
            }
            if score >= 1.5 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, r));
            }
        }
        best.map(|(_, r)| r.clone())
    }

    /// The round proposal: the round matched (with what differs), or a new one when the text
    /// names a range of days the record does not have.
    pub fn round_proposal(&self, round: Option<&Round>, mentions: &[Mention], text: &str) -> Option<Proposal> {
        let ranged: Vec<&Mention> = mentions.iter().filter(|m| m.day_end.is_some()).collect();
        let q = |m: &Mention| text.get(m.start..m.end).unwrap_or("").to_string();
        let sp = |m: &Mention| Span {
            start: crate::text::char_offset(text, m.start),
            end: crate::text::char_offset(text, m.end),
        };
        let dates_of =
            |m: &Mention| Dates { start: m.iso(), end: Mention { day: m.day_end.or(m.day), ..m.clone() }.iso() };
        let place = |r: &Round| {
            let first = crate::text::normalize(r.place.get(self.lang)).split(' ').next().unwrap_or("").to_string();
            (!first.is_empty()
                && crate::text::normalize(text).split(' ').any(|w| {
                    w == first
                        || w.strip_prefix('ب') == Some(&first)
                        || w.strip_prefix('و') == Some(&first)
                        || w.strip_prefix('ف') == Some(&first)
                }))
            .then(|| Both::of(&r.place))
        };
        match round {
            Some(r) => {
                let m = ranged
                    .iter()
                    .copied()
                    .find(|m| m.month == r.start.month() && m.year.is_none_or(|y| y == r.start.year()));
                let mut differences = Vec::new();
                if let Some(m) = m {
                    let (s, e) = (m.date(), m.end_date());
                    if (s.is_some() && s != Some(r.start)) || (e.is_some() && e != Some(r.end)) {
                        differences.push(Difference {
                            field: "dates",
                            record: format!("{} – {}", r.start, r.end),
                            text: q(m),
                        });
                    }
                }
                // Without the round's days in the text, the evidence is a date within the
                // round or the three days after it (the report's own date).
                let near = |m: &&Mention| m.date().is_some_and(|d| d >= r.start && (d - r.end).get_days() <= 3);
                let evidence = m.or_else(|| mentions.iter().find(near));
                let (span, quote) = evidence.map_or((Span { start: 0, end: 0 }, String::new()), |m| (sp(m), q(m)));
                Some(Proposal {
                    kind: Kind::Round,
                    party: Vec::new(),
                    text: Both::of(&r.name),
                    theme: None,
                    due: None,
                    dates: Some(m.map_or(Dates { start: r.start.to_string(), end: r.end.to_string() }, dates_of)),
                    place: place(r),
                    office: None,
                    span,
                    quote,
                    also: Vec::new(),
                    matches: vec![r.id.to_string()],
                    differences,
                    confidence: if m.is_some() { 0.9 } else { 0.6 },
                })
            }
            None => {
                let m = ranged.first()?;
                Some(Proposal {
                    kind: Kind::Round,
                    party: Vec::new(),
                    text: Both::one(self.lang, &q(m)),
                    theme: None,
                    due: None,
                    dates: Some(dates_of(m)),
                    place: None,
                    office: None,
                    span: sp(m),
                    quote: q(m),
                    also: Vec::new(),
                    matches: Vec::new(),
                    differences: Vec::new(),
                    confidence: 0.4,
                })
            }
        }
    }

    /// Commitment and decision proposals: each sentence restating record items (one proposal
    /// per item restated, later restatements as `also`), and sentences that read as an
    /// undertaking or a decision but restate nothing (new).
    pub fn statements(
        &self,
        text: &str,
        toks: &[Token],
        segs: &[Segment],
        scored: &Scored,
        round: Option<&str>,
        mentions: &[Mention],
    ) -> Vec<Proposal> {
        let mut out: Vec<Proposal> = Vec::new();
        let mut claimed: HashMap<String, usize> = HashMap::new();
        for (k, seg) in segs.iter().enumerate() {
            let stoks = &toks[seg.first..seg.last];
            let in_round = |i: usize| round.is_none_or(|r| self.items[i].round == r);
            let mut hits: Vec<(usize, f64)> =
                scored[k].iter().copied().filter(|(i, s)| *s >= MATCH && in_round(*i)).collect();
            // A sentence recalling another round's item (JSCD 2 recalling JSCD 1's decision)
            // restates that item: shown as its match, on stronger evidence.
            if hits.is_empty() {
                hits = scored[k].iter().copied().filter(|(_, s)| *s >= OTHER_ROUND).take(2).collect();
            }
            let span =
                Span { start: crate::text::char_offset(text, seg.start), end: crate::text::char_offset(text, seg.end) };
            let quote = text[seg.start..seg.end].to_string();
            let parties = self.parties(stoks);
            let due = due_in(stoks, mentions, seg);
            let cue = cue(stoks);
            if hits.is_empty() {
                if let Some(kind) = cue {
                    let near = scored[k].iter().find(|(i, _)| in_round(*i));
                    out.push(Proposal {
                        kind,
                        party: parties,
                        text: Both::one(self.lang, &quote),
                        theme: near.and_then(|(i, _)| self.items[*i].theme.clone()),
                        due,
                        dates: None,
                        place: None,
                        office: None,
                        span,
                        quote,
                        also: Vec::new(),
                        matches: Vec::new(),
                        differences: Vec::new(),
                        confidence: 0.35,
                    });
                }
                continue;
            }
            // One proposal per record item this sentence restates best; an item restated
            // again later is an `also` of the first.
            let mut new_here: Vec<(usize, f64)> = Vec::new();
            for (i, s) in &hits {
                match claimed.get(&self.items[*i].id) {
                    Some(&p) if out[p].span != span => {
                        if !out[p].also.contains(&span) {
                            out[p].also.push(span);
                        }
                    }
                    Some(_) => {}
                    None => new_here.push((*i, *s)),
                }
            }
            // Items this sentence restates that belong together (a commitment and the decision
            // behind it) go in one proposal; others get their own.
            let mut groups: Vec<Vec<(usize, f64)>> = Vec::new();
            for (i, s) in new_here {
                let norm = |x: &str| x.split_once('-').map_or(x.to_string(), |(_, b)| b.to_string());
                let key = norm(&self.items[i].id);
                if let Some(g) = groups.iter_mut().find(|g| {
                    g.iter().any(|(j, _)| {
                        let o = norm(&self.items[*j].id);
                        self.items[*j].kind != self.items[i].kind && (o.ends_with(&key) || key.ends_with(&o))
                    })
                }) {
                    g.push((i, s));
                } else {
                    groups.push(vec![(i, s)]);
                }
            }
            for g in groups {
                let (bi, bs) = g[0];
                let best = &self.items[bi];
                let mut differences = Vec::new();
                let nums: Vec<String> = stoks
                    .iter()
                    .filter(|t| t.number && !best.numbers.contains(&t.norm))
                    .map(|t| t.norm.clone())
                    .collect();
                if !nums.is_empty() {
                    differences.push(Difference {
                        field: "numbers",
                        record: best.numbers.join(" "),
                        text: nums.join(" "),
                    });
                }
                if !parties.is_empty() && !best.parties.is_empty() {
                    let (mut a, mut b) = (parties.clone(), best.parties.clone());
                    a.sort();
                    b.sort();
                    if a != b {
                        differences.push(Difference { field: "parties", record: b.join(", "), text: a.join(", ") });
                    }
                }
                if due.is_some() && due != best.due {
                    differences.push(Difference {
                        field: "due",
                        record: best.due.clone().unwrap_or_default(),
                        text: due.clone().unwrap_or_default(),
                    });
                }
                let missing: Vec<&str> = best
                    .stems
                    .iter()
                    .filter(|s| !stoks.iter().any(|t| &t.stem == *s))
                    .filter_map(|s| {
                        crate::text::tokens(best.text.get(self.lang))
                            .into_iter()
                            .find(|t| &t.stem == s)
                            .map(|t| t.start..t.end)
                            .and_then(|r| best.text.get(self.lang).get(r))
                    })
                    .collect();
                let extra: Vec<&str> = stoks
                    .iter()
                    .filter(|t| !t.number && !is_stop(&t.norm) && !best.stems.contains(&t.stem))
                    .take(12)
                    .map(|t| &text[t.start..t.end])
                    .collect();
                if !missing.is_empty() || !extra.is_empty() {
                    // The record's words the text lacks, and the text's words the record lacks.
                    differences.push(Difference { field: "wording", record: missing.join(" "), text: extra.join(" ") });
                }
                let kind = if g.iter().any(|(i, _)| self.items[*i].kind == Kind::Commitment) {
                    Kind::Commitment
                } else {
                    best.kind
                };
                let lead = g.iter().find(|(i, _)| self.items[*i].kind == kind).map_or(bi, |x| x.0);
                for (i, _) in &g {
                    claimed.insert(self.items[*i].id.clone(), out.len());
                }
                let lead = &self.items[lead];
                out.push(Proposal {
                    kind,
                    party: if parties.is_empty() { lead.parties.clone() } else { parties.clone() },
                    text: lead.text.clone(),
                    theme: lead.theme.clone(),
                    due: due.clone(),
                    dates: None,
                    place: None,
                    office: None,
                    span,
                    quote: quote.clone(),
                    also: Vec::new(),
                    matches: g.iter().map(|(i, _)| self.items[*i].id.clone()).collect(),
                    differences,
                    confidence: (bs.min(1.0) * 100.0).round() / 100.0,
                });
            }
        }
        out
    }

    /// Who a sentence says undertakes: both delegations when it speaks of the two sides, else
    /// each delegation party it names.
    fn parties(&self, toks: &[Token]) -> Vec<String> {
        const BOTH: &[&str] = &[
            "الجانبان",
            "الجانبين",
            "البلدان",
            "البلدين",
            "الوفدان",
            "الوفدين",
            "الطرفان",
            "الطرفين",
            "وفدا",
            "الوفود",
            "الحكومتان",
            "وزارتا",
            "both",
            "two",
        ];
        let delegations: Vec<&tahawul_domain::Party> =
            self.case.parties.iter().filter(|p| p.role == tahawul_domain::PartyRole::Delegation).collect();
        if toks
            .iter()
            .any(|t| BOTH.contains(&t.norm.as_str()) || BOTH.iter().any(|b| t.norm.strip_prefix('و') == Some(b)))
        {
            return delegations.iter().map(|p| p.id.to_string()).collect();
        }
        let mut out = Vec::new();
        for p in delegations {
            // A party is named by the last word of its name («العراق», "Iraq", «الأمريكية»).
            let keys: Vec<String> = [&p.name.ar, &p.name.en]
                .iter()
                .filter_map(|n| crate::text::normalize(n).rsplit(' ').next().map(crate::text::stem))
                .collect();
            let subject = toks.iter().take(12).any(|t| keys.contains(&t.stem));
            if subject {
                out.push(p.id.to_string());
            }
        }
        out
    }

    /// Conflicts: a round reported on other days than the record's.
    pub fn conflicts(&self, proposals: &[Proposal]) -> Vec<Flag> {
        proposals
            .iter()
            .filter(|p| p.kind == Kind::Round)
            .flat_map(|p| {
                p.differences.iter().filter(|d| d.field == "dates").map(|d| Flag {
                    kind: FlagKind::Conflict,
                    span: p.span,
                    quote: p.quote.clone(),
                    suggestion: Some(Both { en: Some(d.record.clone()), ar: Some(d.record.clone()) }),
                })
            })
            .collect()
    }
}

/// Whether a sentence reads as an undertaking or a decision, by its verbs.
fn cue(toks: &[Token]) -> Option<Kind> {
    const DECIDE: &[&str] = &["قرر", "قررت", "قررا", "اتفق", "اتفقا", "اتفقت", "decided", "decide", "agreed"];
    const COMMIT: &[&str] = &[
        "التزام",
        "يلتزم",
        "تلتزم",
        "التزما",
        "ملتزم",
        "ملتزمان",
        "تعهد",
        "تعهدا",
        "يعتزم",
        "تعتزم",
        "عزم",
        "نيه",
        "سيعمل",
        "ستعمل",
        "سيعملان",
        "commit",
        "commits",
        "committed",
        "commitment",
        "pledge",
        "pledged",
        "will",
        "intend",
        "intends",
        "undertake",
        "undertakes",
    ];
    let bare = |t: &Token| -> String {
        let mut s = t.norm.as_str();
        for p in ["و", "ف", "ب", "ل"] {
            if let Some(r) = s.strip_prefix(p).filter(|r| r.chars().count() >= 3) {
                s = r;
                break;
            }
        }
        s.to_string()
    };
    if toks.iter().any(|t| DECIDE.contains(&bare(t).as_str())) {
        return Some(Kind::Decision);
    }
    if toks.iter().any(|t| {
        let b = bare(t);
        COMMIT.contains(&b.as_str()) || b.starts_with("التزام") || b.starts_with("ملتزم") || b.starts_with("تعهد")
    }) {
        return Some(Kind::Commitment);
    }
    None
}

/// A due date: a date in the sentence right after "by", "until", "no later than",
/// «حتى», «بحلول», «موعد أقصاه», «قبل نهاية».
fn due_in(stoks: &[Token], mentions: &[Mention], seg: &Segment) -> Option<String> {
    const CUES: &[&str] =
        &["حتي", "بحلول", "اقصاه", "قبل", "نهايه", "بنهايه", "موعد", "by", "until", "till", "later", "before", "end"];
    mentions.iter().filter(|m| m.start >= seg.start && m.end <= seg.end && m.year.is_some()).find_map(|m| {
        let from = m.first.saturating_sub(5).max(seg.first);
        let before = &stoks[from.saturating_sub(seg.first)..m.first.saturating_sub(seg.first)];
        before.iter().any(|t| CUES.contains(&t.norm.as_str())).then(|| m.iso())
    })
}

/// Where a web page's trailer begins: a line that only says "read also", "related articles",
/// «اقرأ أيضًا», «مقالات مشابهة» … Links to other stories follow it; they are not the
/// statement, so nothing after it is proposed.
pub fn trailer_start(text: &str) -> usize {
    const MARKERS: &[&str] = &[
        "اقرا ايضا",
        "اقرا ايضا:",
        "مقالات مشابهه",
        "مقالات ذات صله",
        "اخبار ذات صله",
        "كلمات دلاليه",
        "read also",
        "read more",
        "related articles",
        "related stories",
        "related",
        "see also",
        "tags",
    ];
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let n = crate::text::normalize(line);
        let head = n.split(' ').take(3).collect::<Vec<_>>().join(" ");
        let short = line.split_whitespace().count() <= 4 || line.trim_end().ends_with(':');
        if short && MARKERS.iter().any(|m| head == *m || head.starts_with(&format!("{m} "))) {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// The text cut into sentences: at full stops, question and exclamation marks, Arabic
/// semicolons, bullets and line ends. A full stop after a single letter («ج.») or between
/// digits does not end a sentence. Sentences with fewer than three words are dropped.
pub fn segments(text: &str, toks: &[Token]) -> Vec<Segment> {
    let text = &text[..trailer_start(text)];
    let bytes = text.as_bytes();
    let mut cuts = vec![0usize];
    for (i, c) in text.char_indices() {
        let cut = match c {
            '!' | '?' | '؟' | '؛' | '•' | '\u{2029}' | '\u{2028}' => true,
            // A line end ends a sentence unless it breaks a long line that has not ended
            // (texts copied from the web break sentences across lines); a blank line, a
            // headline or a bullet always ends one.
            '\n' => {
                let line = text[..i].rsplit('\n').next().unwrap_or("");
                let words = line.split_whitespace().count();
                let ended = line.trim_end().ends_with(['.', ':', '!', '?', '؟', '؛', '"', '»', '”']);
                let blank = text[i + 1..].trim_start_matches([' ', '\t', '\r']).starts_with('\n');
                ended || blank || words < 8
            }
            '.' => {
                let prev_digit = i > 0 && bytes[i - 1].is_ascii_digit();
                let next_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                let before = text[..i].trim_end();
                let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                !(prev_digit && next_digit) && word.chars().count() != 1
            }
            _ => false,
        };
        if cut {
            cuts.push(i + c.len_utf8());
        }
    }
    cuts.push(text.len());
    let mut out = Vec::new();
    let mut t = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while t < toks.len() && toks[t].start < a {
            t += 1;
        }
        let first = t;
        while t < toks.len() && toks[t].end <= b {
            t += 1;
        }
        if t - first >= 3 {
            out.push(Segment { start: toks[first].start, end: toks[t - 1].end, first, last: t });
        }
    }
    out
}
