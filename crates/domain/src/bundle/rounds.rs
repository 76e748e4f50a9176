//! `rounds.toml`: dialogue rounds — delegations, meetings, decisions — and the signatures on
//! their minutes, which are checked once the whole case (heads, keys) is known.

use tahawul_i18n::Message;
use toml_edit::{Array, Item, Value};

use super::Draft;
use super::key_history::{parse_signature, parse_timestamp, public_key};
use super::reader::{Root, Table, TomlFile, root_table};
use super::registry::{Kind, Refs, ids};
use super::write::{T, array, doc, texts};
use crate::model::*;

pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    let Some(root) = root_table(root, &["round"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(
        &root,
        "round",
        &[
            "id",
            "name",
            "start",
            "end",
            "place",
            "framework",
            "minutes_signed",
            "sources",
            "delegation",
            "meeting",
            "decision",
            "signature",
        ],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Round, id);
        }
        let name = f.text(&t, "name");
        let start = f.date(&t, "start");
        let end = f.date(&t, "end");
        if let (Some((s, _)), Some((e, espan))) = (&start, &end)
            && e < s
        {
            f.err(
                espan.start,
                Message::new("bundle-end-before-start").arg("start", s.to_string()).arg("end", e.to_string()),
                Some(Message::new("bundle-end-before-start-help")),
            );
        }
        let place = f.text(&t, "place");
        let framework = if t.table.get("framework").is_some() { f.text(&t, "framework") } else { None };
        let minutes_signed = f.bool(&t, "minutes_signed");
        let srcs = refs.sources(f, &t, "sources");
        let mut delegations = Vec::new();
        for dt in f.tables(&t, "delegation", &["party", "head", "members", "offices"]) {
            let party = f.id(&dt, "party");
            refs.refer_one(Kind::Party, &party);
            let head = f.opt_id(&dt, "head");
            refs.refer_one(Kind::Person, &head);
            let members = f.ids(&dt, "members");
            refs.refer(Kind::Person, &members);
            let offices = f.texts(&dt, "offices");
            if let Some(party) = party {
                delegations.push(Delegation {
                    party: party.0,
                    head: head.map(|h| h.0),
                    members: ids(members),
                    offices,
                });
            }
        }
        let mut meetings = Vec::new();
        for mt in f.tables(&t, "meeting", &["description", "participants", "sources"]) {
            let description = f.text(&mt, "description");
            let participants = f.ids(&mt, "participants");
            refs.refer(Kind::Person, &participants);
            let sources = refs.sources(f, &mt, "sources");
            if let Some(description) = description {
                meetings.push(Meeting { description, participants: ids(participants), sources });
            }
        }
        let mut decisions: Vec<Decision> = Vec::new();
        for dt in f.tables(&t, "decision", &["id", "text", "sources"]) {
            let did = f.id(&dt, "id");
            if let Some((x, span)) = &did
                && decisions.iter().any(|d| &d.id == x)
            {
                f.err(
                    span.start,
                    Message::new("bundle-duplicate-id")
                        .arg("kind", Message::new("kind-decision"))
                        .arg("id", x.as_str())
                        .arg("line", 0),
                    Some(Message::new("bundle-duplicate-id-help")),
                );
            }
            let text = f.text(&dt, "text");
            let sources = refs.sources(f, &dt, "sources");
            if let (Some(did), Some(text)) = (did, text) {
                decisions.push(Decision { id: did.0, text, sources });
            }
        }
        let signatures = read_signatures(f, refs, &t);
        if let (Some(id), Some(name), Some(start), Some(end), Some(place)) = (id, name, start, end, place) {
            for (sig, at) in &signatures {
                d.signature_spans.push((id.0.clone(), sig.person.clone(), at.clone()));
            }
            let signatures = signatures.into_iter().map(|(s, _)| s).collect();
            d.rounds.push(Round {
                id: id.0,
                name,
                start: start.0,
                end: end.0,
                place,
                delegations,
                meetings,
                decisions,
                minutes_signed,
                sources: srcs,
                framework,
                signatures,
            });
        }
    }
}

/// Where a signature's fields are, for the checks that need the whole case.
#[derive(Clone)]
pub(super) struct SignatureSpans {
    person: usize,
    key: usize,
    signature: usize,
}

/// A round's `[[round.signature]]` tables, each with where its fields are.
fn read_signatures<'i>(
    f: &mut TomlFile<'i>,
    refs: &mut Refs<'_>,
    t: &Table<'_, 'i>,
) -> Vec<(MinutesSignature, SignatureSpans)> {
    let mut out = Vec::new();
    for st in f.tables(
        t,
        "signature",
        &["person", "key", "key_fingerprint", "signature", "signed_at", "parts", "illustrative"],
    ) {
        let person = f.id(&st, "person");
        refs.refer_one(Kind::Person, &person);
        let key = f.str(&st, "key");
        let key_value = key.as_ref().and_then(|(k, span)| public_key(f, k, span));
        let signature = f.str(&st, "signature");
        let signature_value = signature.as_ref().and_then(|(s, span)| parse_signature(f, s, span));
        let signed_at = f.str(&st, "signed_at").and_then(|(s, span)| parse_timestamp(f, &s, &span));
        let mut parts = Vec::new();
        if let Some(v) = st.table.get("parts") {
            match v.get_ref() {
                toml::de::DeValue::Array(items) => {
                    for item in items.iter() {
                        match item.get_ref() {
                            toml::de::DeValue::String(x) => parts.push(x.to_string()),
                            _ => f.err(
                                item.span().start,
                                Message::new("bundle-wrong-type")
                                    .arg("key", "parts")
                                    .arg("expected", "string")
                                    .arg("found", item.get_ref().type_str()),
                                None,
                            ),
                        }
                    }
                }
                other => f.err(
                    v.span().start,
                    Message::new("bundle-wrong-type")
                        .arg("key", "parts")
                        .arg("expected", "array")
                        .arg("found", other.type_str()),
                    None,
                ),
            }
        }
        let illustrative = f.bool(&st, "illustrative");
        let key_fingerprint = f.opt_str(&st, "key_fingerprint").map(|(x, _)| x);
        let key_at = key.as_ref().map_or(0, |k| k.1.start);
        let signature_at = signature.as_ref().map_or(0, |s| s.1.start);
        if let (Some((person, pspan)), Some(key), Some(signature), Some(signed_at)) =
            (person, key_value, signature_value, signed_at)
        {
            let spans = SignatureSpans { person: pspan.start, key: key_at, signature: signature_at };
            out.push((
                MinutesSignature { person, key, key_fingerprint, signature, signed_at, parts, illustrative },
                spans,
            ));
        }
    }
    out
}

/// Signatures on minutes: the signer must be a head of the round with that key registered
/// (else the signature is refused), and, unless `allow_tampered`, each must verify over the
/// current minutes (else they were changed after signing).
pub(super) fn check_signatures(
    file: &mut TomlFile<'_>,
    case: &Case,
    spans: &[(Id, Id, SignatureSpans)],
    allow_tampered: bool,
) {
    use crate::minutes::{Refusal, SignatureState};
    for round in &case.rounds {
        let checked = crate::minutes::check(case, round);
        let mut mine = spans.iter().filter(|(r, _, _)| r == &round.id);
        for (sig, state) in &checked.signatures {
            let Some((_, _, at)) = mine.next() else {
                continue;
            };
            let person = sig.person.as_str();
            // An unknown signer is already reported as an unknown reference.
            if case.person(person).is_none() {
                continue;
            }
            let (at, message, help) = match state {
                SignatureState::Valid => continue,
                SignatureState::Refused(Refusal::NotHead) => (
                    at.person,
                    Message::new("bundle-signature-not-head").arg("person", person).arg("round", round.id.as_str()),
                    Message::new("bundle-signature-not-head-help")
                        .arg("heads", checked.heads.iter().map(Id::as_str).collect::<Vec<_>>().join(", ")),
                ),
                SignatureState::Refused(Refusal::Duplicate) => (
                    at.person,
                    Message::new("bundle-signature-duplicate").arg("person", person).arg("round", round.id.as_str()),
                    Message::new("bundle-signature-duplicate-help"),
                ),
                SignatureState::Refused(Refusal::NoRegisteredKey) => (
                    at.person,
                    Message::new("bundle-signature-no-key").arg("person", person),
                    Message::new("bundle-signature-no-key-help").arg("person", person),
                ),
                SignatureState::Refused(Refusal::KeyNotValidThen) => (
                    at.key,
                    Message::new("keys-signature-key-not-valid-then")
                        .arg("person", person)
                        .arg("round", round.id.as_str()),
                    Message::new("keys-signature-key-not-valid-then-help").arg("person", person),
                ),
                SignatureState::Refused(Refusal::WrongKey) => (
                    at.key,
                    Message::new("bundle-signature-wrong-key").arg("person", person).arg("round", round.id.as_str()),
                    Message::new("bundle-signature-wrong-key-help").arg("person", person),
                ),
                SignatureState::Tampered(_) if allow_tampered => continue,
                SignatureState::Tampered(_) => (
                    at.signature,
                    Message::new("bundle-minutes-tampered").arg("person", person).arg("round", round.id.as_str()),
                    Message::new("bundle-minutes-tampered-help").arg("round", round.id.as_str()),
                ),
            };
            file.err(at, message, Some(help));
        }
    }
}

/// `rounds.toml` as written from a case.
pub(super) fn render(case: &Case) -> String {
    doc(vec![(
        "round",
        array(case.rounds.iter().map(|r| {
            let delegations = array(r.delegations.iter().map(|d| {
                let mut t =
                    T::default().s("party", d.party.as_str()).os("head", d.head.as_ref()).ids("members", &d.members);
                if !d.offices.is_empty() {
                    t = t.item("offices", texts(&d.offices));
                }
                t
            }));
            let meetings = array(r.meetings.iter().map(|m| {
                T::default()
                    .t("description", &m.description)
                    .ids("participants", &m.participants)
                    .ids("sources", &m.sources)
            }));
            let decisions = array(
                r.decisions
                    .iter()
                    .map(|d| T::default().s("id", d.id.as_str()).t("text", &d.text).ids("sources", &d.sources)),
            );
            let signatures = array(r.signatures.iter().map(signature_table));
            let mut t = T::default()
                .s("id", r.id.as_str())
                .t("name", &r.name)
                .s("start", &r.start.to_string())
                .s("end", &r.end.to_string())
                .t("place", &r.place);
            if let Some(fw) = &r.framework {
                t = t.t("framework", fw);
            }
            t = t.b("minutes_signed", r.minutes_signed).ids("sources", &r.sources);
            for (k, v, n) in [
                ("delegation", delegations, r.delegations.len()),
                ("meeting", meetings, r.meetings.len()),
                ("decision", decisions, r.decisions.len()),
                ("signature", signatures, r.signatures.len()),
            ] {
                if n > 0 {
                    t = t.item(k, v);
                }
            }
            t
        })),
    )])
}

/// One `[[round.signature]]` table, as `tahawul minutes sign` prints it.
pub(super) fn signature_table(s: &MinutesSignature) -> T {
    let mut t = T::default()
        .s("person", s.person.as_str())
        .s("key", &s.key.to_string())
        .os("key_fingerprint", s.key_fingerprint.as_ref())
        .s("signature", &s.signature.to_string())
        .s("signed_at", &s.signed_at.to_string());
    if !s.parts.is_empty() {
        let mut a = Array::new();
        for p in &s.parts {
            a.push(p.as_str());
        }
        t = t.item("parts", Item::Value(Value::Array(a)));
    }
    t.b("illustrative", s.illustrative)
}
