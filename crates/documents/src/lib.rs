//! PDF documents of the record, Arabic first: the minutes of a round with the heads'
//! signature blocks, the joint statement in Arabic and English, the commitment ledger, and
//! the cycle report with its charts (`report`).
//! A pure library: the case (already filtered to what the reader may see) in, PDF bytes out.
//!
//! Engine: krilla (the PDF writer under typst, without typst) with rustybuzz shaping and
//! `unicode-bidi` ordering; see `layout` and docs/architecture.md ("PDF documents").

mod fonts;
pub mod layout;
pub mod report;

use tahawul_domain::minutes::{self, MinutesState, Refusal, SignatureState};
use tahawul_domain::{Case, Id, Round};
use tahawul_i18n::{Lang, Localizer, Message};

pub use layout::{Block, Document, Error, Style};
pub use report::{CycleReport, report, report_of_case};

fn localizer(lang: Lang) -> Result<Localizer, Error> {
    Localizer::new(lang).map_err(|e| Error::Pdf(e.to_string()))
}

fn render_with(lang: Lang, loc: &Localizer, title: String, blocks: Vec<Block>) -> Result<Vec<u8>, Error> {
    let label =
        |page: usize, pages: usize| loc.format(&Message::new("documents-page").arg("page", page).arg("pages", pages));
    layout::render(&Document { lang, title, blocks, page_label: &label, created: jiff::Timestamp::now() })
}

fn person_name(case: &Case, id: &Id, lang: Lang) -> String {
    case.person(id.as_str()).map_or(id.to_string(), |p| p.name.get(lang).to_string())
}

fn party_name(case: &Case, id: &Id, lang: Lang) -> String {
    case.party(id.as_str()).map_or(id.to_string(), |p| p.name.get(lang).to_string())
}

fn list(loc: &Localizer, items: Vec<String>) -> String {
    items.join(&loc.tr("record-list-comma"))
}

/// What a check found about the minutes as a whole, in words.
fn state_message(state: MinutesState) -> Message {
    match state {
        MinutesState::Unsigned => Message::new("record-minutes-unsigned"),
        MinutesState::Partial { signed, heads } => {
            Message::new("record-minutes-partial").arg("signed", signed).arg("heads", heads)
        }
        MinutesState::Verified { heads } => Message::new("record-minutes-verified").arg("heads", heads),
        MinutesState::Refused => Message::new("record-minutes-refused"),
        MinutesState::Tampered => Message::new("record-minutes-tampered"),
    }
}

fn signature_state(state: &SignatureState) -> Message {
    match state {
        SignatureState::Valid => Message::new("documents-signature-valid"),
        SignatureState::Tampered(_) => Message::new("documents-signature-tampered"),
        SignatureState::Refused(r) => Message::new("documents-signature-refused").arg(
            "reason",
            Message::new(match r {
                Refusal::NotHead => "record-verify-reason-not-head",
                Refusal::NoRegisteredKey => "record-verify-reason-no-key",
                Refusal::WrongKey => "record-verify-reason-wrong-key",
                Refusal::KeyNotValidThen => "keys-page-refused-not-valid-then",
                Refusal::Duplicate => "record-verify-reason-duplicate",
            }),
        ),
    }
}

/// The minutes of `round` in `lang`: what was agreed and who was there (the parts the heads
/// sign), each head's signature block as the check of the signatures finds it, and how to
/// verify them.
pub fn minutes(case: &Case, round: &Round, lang: Lang) -> Result<Vec<u8>, Error> {
    let loc = localizer(lang)?;
    let t = |m: Message| loc.format(&m);
    let mut b = Vec::new();
    b.push(Block::Para(Style::Strong, case.name.get(lang).to_string()));
    b.push(Block::Para(
        Style::Body,
        t(Message::new("documents-minutes-dates").arg("dates", tahawul_domain::statement::dates(&loc, round))),
    ));
    b.push(Block::Para(Style::Body, t(Message::new("documents-minutes-place").arg("place", round.place.get(lang)))));
    if let Some(f) = &round.framework {
        b.push(Block::Para(Style::Body, t(Message::new("documents-minutes-framework").arg("framework", f.get(lang)))));
    }

    b.push(Block::Para(Style::Heading, loc.tr("documents-minutes-delegations")));
    let rows = round
        .delegations
        .iter()
        .map(|d| {
            let head = d.head.as_ref().map_or_else(
                || loc.tr("documents-minutes-head-unnamed"),
                |h| {
                    let office = case.person(h.as_str()).map(|p| p.title.get(lang)).unwrap_or("");
                    if office.is_empty() {
                        person_name(case, h, lang)
                    } else {
                        format!("{}\n{office}", person_name(case, h, lang))
                    }
                },
            );
            let mut others: Vec<String> = d.members.iter().map(|m| person_name(case, m, lang)).collect();
            others.extend(d.offices.iter().map(|o| o.get(lang).to_string()));
            vec![party_name(case, &d.party, lang), head, others.join("\n")]
        })
        .collect();
    b.push(Block::Table {
        widths: vec![0.22, 0.33, 0.45],
        header: vec![loc.tr("documents-col-party"), loc.tr("documents-col-head"), loc.tr("documents-col-delegation")],
        rows,
    });

    if !round.meetings.is_empty() {
        b.push(Block::Para(Style::Heading, loc.tr("documents-minutes-meetings")));
        for (i, m) in round.meetings.iter().enumerate() {
            b.push(Block::Para(Style::Body, format!("{}. {}", loc.number((i + 1) as f64, 0), m.description.get(lang))));
            let who: Vec<String> = m.participants.iter().map(|p| person_name(case, p, lang)).collect();
            if !who.is_empty() {
                b.push(Block::Para(
                    Style::Small,
                    t(Message::new("documents-minutes-participants").arg("people", list(&loc, who))),
                ));
            }
        }
    }

    if !round.decisions.is_empty() {
        b.push(Block::Para(Style::Heading, loc.tr("documents-minutes-decisions")));
        for (i, d) in round.decisions.iter().enumerate() {
            b.push(Block::Para(Style::Body, format!("{}. {}", loc.number((i + 1) as f64, 0), d.text.get(lang))));
        }
    }

    // The commitments the minutes hold: the same ones the heads signed (not the addenda).
    let commitments: Vec<_> = case.commitments.iter().filter(|c| c.round == round.id && !c.addendum).collect();
    if !commitments.is_empty() {
        b.push(Block::Para(Style::Heading, loc.tr("documents-minutes-commitments")));
        b.push(Block::Table {
            widths: vec![0.58, 0.24, 0.18],
            header: vec![
                loc.tr("documents-col-commitment"),
                loc.tr("documents-col-parties"),
                loc.tr("documents-col-due"),
            ],
            rows: commitments
                .iter()
                .map(|c| {
                    vec![
                        c.text.get(lang).to_string(),
                        list(&loc, c.parties.iter().map(|p| party_name(case, p, lang)).collect()),
                        c.due.map_or_else(|| loc.tr("documents-none"), |d| d.to_string()),
                    ]
                })
                .collect(),
        });
    }

    let check = minutes::check(case, round);
    b.push(Block::Para(Style::Heading, loc.tr("documents-minutes-signatures")));
    b.push(Block::Para(Style::Body, t(Message::new("record-minutes-label").arg("state", state_message(check.state)))));
    for head in &check.heads {
        let person = case.person(head.as_str());
        let signed = check.signatures.iter().find(|(s, _)| &s.person == head);
        let mut rows = vec![
            vec![loc.tr("documents-sig-name"), person_name(case, head, lang)],
            vec![loc.tr("documents-sig-office"), person.map_or(String::new(), |p| p.title.get(lang).to_string())],
            vec![loc.tr("documents-sig-party"), person.map_or(String::new(), |p| party_name(case, &p.party, lang))],
        ];
        match signed {
            Some((s, state)) => {
                rows.push(vec![loc.tr("documents-sig-key"), tahawul_domain::keys::fingerprint(&s.key)]);
                rows.push(vec![loc.tr("documents-sig-at"), s.signed_at.strftime("%Y-%m-%d %H:%M UTC").to_string()]);
                let mut verdict = t(signature_state(state));
                if s.illustrative {
                    verdict = format!("{verdict} ({})", loc.tr("record-minutes-illustrative"));
                }
                rows.push(vec![loc.tr("documents-sig-state"), verdict]);
            }
            None => rows.push(vec![loc.tr("documents-sig-state"), loc.tr("documents-signature-missing")]),
        }
        b.push(Block::Table { widths: vec![0.3, 0.7], header: vec![String::new(), String::new()], rows });
    }
    // Signatures by someone who is not a head still show: they are refused, and say so.
    for (s, state) in check.signatures.iter().filter(|(s, _)| !check.heads.contains(&s.person)) {
        b.push(Block::Para(
            Style::Body,
            format!("{}: {}", person_name(case, &s.person, lang), t(signature_state(state))),
        ));
    }

    b.push(Block::Para(Style::Heading, loc.tr("documents-minutes-verification")));
    b.push(Block::Para(Style::Body, loc.tr("documents-minutes-digest")));
    b.push(Block::Para(Style::Small, minutes::digest(case, round)));
    // The API path is one left-to-right unit in Arabic too (its leading slash would otherwise
    // take the line's direction and move to its end).
    let path = format!("\u{2066}/api/v1/rounds/{}/minutes\u{2069}", round.id);
    b.push(Block::Para(
        Style::Body,
        t(Message::new("documents-minutes-verify").arg("round", round.id.as_str()).arg("path", path)),
    ));

    let title = t(Message::new("documents-minutes-title").arg("round", round.name.get(lang)));
    render_with(lang, &loc, title, b)
}

/// The joint statement of `round`: the Arabic text, then the English one on a new page (or
/// English first when `lang` is English), each drafted from the record in its own language.
pub fn statement(case: &Case, round: &Round, lang: Lang) -> Result<Vec<u8>, Error> {
    let loc = localizer(lang)?;
    let order = if lang == Lang::Ar { [Lang::Ar, Lang::En] } else { [Lang::En, Lang::Ar] };
    let mut b = Vec::new();
    for (i, l) in order.into_iter().enumerate() {
        let lloc = localizer(l)?;
        let draft = tahawul_domain::statement::draft(case, round, &lloc);
        if i > 0 {
            b.push(Block::PageBreak);
        }
        b.push(Block::Lang(l));
        b.push(Block::Para(Style::Heading, draft.title));
        b.push(Block::Para(Style::Body, draft.opening));
        for s in draft.sections {
            b.push(Block::Para(Style::Heading, s.heading));
            if let Some(intro) = s.intro {
                b.push(Block::Para(Style::Body, intro));
            }
            for item in s.items {
                b.push(Block::Para(Style::Body, format!("• {item}")));
            }
        }
        b.push(Block::Para(Style::Small, draft.note));
    }
    let title = loc.format(&Message::new("documents-statement-title").arg("round", round.name.get(lang)));
    render_with(lang, &loc, title, b)
}

/// The commitment ledger: every commitment the case holds, by round, with its parties, due
/// date, status and why.
pub fn commitments(case: &Case, lang: Lang) -> Result<Vec<u8>, Error> {
    let loc = localizer(lang)?;
    let mut b = vec![Block::Para(Style::Strong, case.name.get(lang).to_string())];
    for round in &case.rounds {
        let items: Vec<_> = case.commitments.iter().filter(|c| c.round == round.id).collect();
        if items.is_empty() {
            continue;
        }
        b.push(Block::Para(Style::Heading, round.name.get(lang).to_string()));
        b.push(Block::Table {
            widths: vec![0.42, 0.16, 0.12, 0.30],
            header: vec![
                loc.tr("documents-col-commitment"),
                loc.tr("documents-col-parties"),
                loc.tr("documents-col-due"),
                loc.tr("documents-col-status"),
            ],
            rows: items
                .iter()
                .map(|c| {
                    let mut status = loc.tr(c.status.message_id());
                    let note = c.status_note.get(lang);
                    if !note.is_empty() {
                        status = format!("{status}\n{note}");
                    }
                    vec![
                        c.text.get(lang).to_string(),
                        list(&loc, c.parties.iter().map(|p| party_name(case, p, lang)).collect()),
                        c.due.map_or_else(|| loc.tr("documents-none"), |d| d.to_string()),
                        status,
                    ]
                })
                .collect(),
        });
    }
    let title = loc.tr("documents-commitments-title");
    render_with(lang, &loc, title, b)
}
