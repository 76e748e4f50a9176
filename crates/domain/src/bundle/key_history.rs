//! A person's signing keys in `case.toml`: the key registered now and its history
//! (`[[person.key]]`), checked once the whole case is known.

use tahawul_i18n::Message;

use super::reader::{Table, TomlFile};
use super::write::T;
use crate::model::*;

/// A public key in text form; a malformed one is a problem at the value.
pub(super) fn public_key(
    f: &mut TomlFile<'_>,
    text: &str,
    span: &std::ops::Range<usize>,
) -> Option<crate::minutes::PublicKey> {
    match crate::minutes::PublicKey::parse(text) {
        Ok(k) => Some(k),
        Err(_) => {
            f.err(
                span.start,
                Message::new("bundle-bad-public-key").arg("value", text),
                Some(Message::new("bundle-bad-public-key-help")),
            );
            None
        }
    }
}

/// An RFC 3339 time in text form; a malformed one is a problem at the value.
pub(super) fn parse_timestamp(
    f: &mut TomlFile<'_>,
    text: &str,
    span: &std::ops::Range<usize>,
) -> Option<jiff::Timestamp> {
    match text.parse::<jiff::Timestamp>() {
        Ok(ts) => Some(ts),
        Err(_) => {
            f.err(
                span.start,
                Message::new("bundle-bad-timestamp").arg("value", text),
                Some(Message::new("bundle-bad-timestamp-help")),
            );
            None
        }
    }
}

/// A signature in text form; a malformed one is a problem at the value.
pub(super) fn parse_signature(
    f: &mut TomlFile<'_>,
    text: &str,
    span: &std::ops::Range<usize>,
) -> Option<crate::minutes::Signature> {
    match crate::minutes::Signature::parse(text) {
        Ok(x) => Some(x),
        Err(_) => {
            f.err(
                span.start,
                Message::new("bundle-bad-signature").arg("value", text),
                Some(Message::new("bundle-bad-signature-help")),
            );
            None
        }
    }
}

/// An optional RFC 3339 time.
fn opt_timestamp<'i>(f: &mut TomlFile<'i>, t: &Table<'_, 'i>, key: &str) -> Option<jiff::Timestamp> {
    let (s, span) = f.opt_str(t, key)?;
    parse_timestamp(f, &s, &span)
}

/// A person's `[[person.key]]` tables: their key history, oldest first.
pub(super) fn read_key_history<'i>(f: &mut TomlFile<'i>, t: &Table<'_, 'i>) -> Vec<crate::keys::KeyEntry> {
    let mut out = Vec::new();
    for kt in f.tables(t, "key", &["key", "added_at", "added_by", "nonce", "proof", "retired_at", "retired_by"]) {
        let key = f.str(&kt, "key").and_then(|(k, span)| public_key(f, &k, &span));
        let added_at = opt_timestamp(f, &kt, "added_at");
        let added_by = f.str(&kt, "added_by").map(|(x, _)| x);
        let nonce = f.opt_str(&kt, "nonce").map(|(x, _)| x);
        let proof = f.opt_str(&kt, "proof").and_then(|(s, span)| parse_signature(f, &s, &span));
        let retired_at = opt_timestamp(f, &kt, "retired_at");
        let retired_by = f.opt_str(&kt, "retired_by").map(|(x, _)| x);
        if let (Some(key), Some(added_by)) = (key, added_by) {
            out.push(crate::keys::KeyEntry { key, added_at, added_by, nonce, proof, retired_at, retired_by });
        }
    }
    out
}

/// Key histories that do not hold together (a proof that does not verify, a key of two
/// people, a current key that is not the last one registered) are problems at the person.
pub(super) fn check_key_histories(file: &mut TomlFile<'_>, case: &Case, spans: &[(Id, usize)]) {
    for problem in crate::keys::check_histories(case) {
        let crate::keys::KeyProblem::BadHistory { person, .. } = &problem else {
            continue;
        };
        let at = spans.iter().find(|(id, _)| id.as_str() == person).map_or(0, |(_, at)| *at);
        file.err(at, problem.message(), Some(Message::new("keys-bad-history-help")));
    }
}

/// One `[[person.key]]` table: a key of the person's history.
pub(super) fn key_table(e: &crate::keys::KeyEntry) -> T {
    T::default()
        .s("key", &e.key.to_string())
        .os("added_at", e.added_at.map(|x| x.to_string()))
        .s("added_by", &e.added_by)
        .os("nonce", e.nonce.as_ref())
        .os("proof", e.proof.map(|x| x.to_string()))
        .os("retired_at", e.retired_at.map(|x| x.to_string()))
        .os("retired_by", e.retired_by.as_ref())
}
