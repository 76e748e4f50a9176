//! Signed checkpoints of the audit log's Merkle tree, in the text form of C2SP's
//! `tlog-checkpoint` inside a `signed-note`, so that a delegation can keep one in a file and
//! check it with nothing but the log's public key:
//!
//! ```text
//! tahawul/iraq-hmc                                  origin: the log, named by its case
//! 1742                                              tree size (audit entries)
//! 3zXn…base64 of the SHA-256 root…=                 root hash
//! time 2026-12-06T23:59:01Z                         extension line: when it was signed
//!
//! — tahawul/iraq-hmc q2b9…base64(key id ‖ Ed25519 signature)…
//! ```
//!
//! The signature covers the body (every line up to the blank line) and is made by the
//! server's log key ([`LogKey`]). The key id is the first four bytes of
//! SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), as signed-note defines it for Ed25519, so the
//! note can also be checked by C2SP tools given [`LogPublicKey::vkey`].
//!
//! What a party checks alone ([`check_extends`]): the kept checkpoint's signature, then that
//! a consistency proof (RFC 9162 §2.1.4) leads from the kept root to the current one. A log
//! whose history before the kept size was rewritten — every hash recomputed, the head
//! included — has another root at that size, and no proof leads from the kept root to it.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::merkle::{Hash, verify_consistency};
use crate::{hex, random_bytes, unhex};

/// The first line of a log key file.
pub const LOG_KEY_FORMAT: &str = "tahawul-log-key/1";

/// What is wrong with a checkpoint or a log key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// The text is not a checkpoint: which line, and what was expected there.
    #[error("line {line}: {expected}")]
    Malformed {
        /// The line, counted from 1.
        line: usize,
        /// What belongs there.
        expected: &'static str,
    },
    /// No signature line by this log's key (another log, or another key).
    #[error("not signed by the key {key}")]
    NotSignedByKey {
        /// The verifier key looked for (C2SP vkey form).
        key: String,
    },
    /// A signature line by this key that does not verify: the body was altered.
    #[error("the signature does not verify: the checkpoint was altered after it was signed")]
    BadSignature,
    /// A log key file that cannot be read.
    #[error("not a log key file: {0}")]
    BadKeyFile(&'static str),
    /// The random source failed.
    #[error("no randomness: {0}")]
    Random(String),
}

/// The server's Ed25519 key that signs checkpoints.
pub struct LogKey(SigningKey);

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LogKey({})", self.public())
    }
}

impl LogKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<LogKey, CheckpointError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        random_bytes(&mut seed[..]).map_err(|e| CheckpointError::Random(e.to_string()))?;
        Ok(LogKey::from_seed(*seed))
    }

    /// The key with this seed (tests).
    pub fn from_seed(seed: [u8; 32]) -> LogKey {
        LogKey(SigningKey::from_bytes(&seed))
    }

    /// The key file's text: the format line and the seed in hex. It is a secret: the caller
    /// writes it owner-only.
    pub fn to_file_text(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("{LOG_KEY_FORMAT}\n{}\n", hex(self.0.as_bytes())))
    }

    /// Reads a key file's text.
    pub fn from_file_text(text: &str) -> Result<LogKey, CheckpointError> {
        let mut lines = text.lines();
        if lines.next() != Some(LOG_KEY_FORMAT) {
            return Err(CheckpointError::BadKeyFile("the first line is not tahawul-log-key/1"));
        }
        let seed = lines
            .next()
            .and_then(|l| unhex::<32>(l.trim()))
            .ok_or(CheckpointError::BadKeyFile("the second line is not 64 hex digits"))?;
        Ok(LogKey::from_seed(seed))
    }

    /// Its public half.
    pub fn public(&self) -> LogPublicKey {
        LogPublicKey(self.0.verifying_key())
    }
}

/// The public key that checks checkpoints.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct LogPublicKey(VerifyingKey);

impl std::fmt::Display for LogPublicKey {
    /// `ed25519:` and 64 hex digits, as the heads' keys are written.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ed25519:{}", hex(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for LogPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl LogPublicKey {
    /// Reads `ed25519:<64 hex digits>`.
    pub fn parse(s: &str) -> Option<LogPublicKey> {
        let bytes = unhex::<32>(s.trim().strip_prefix("ed25519:")?)?;
        VerifyingKey::from_bytes(&bytes).ok().map(LogPublicKey)
    }

    /// The signed-note key id under `name`: SHA-256(name ‖ "\n" ‖ 0x01 ‖ key), first 4 bytes.
    pub fn key_id(&self, name: &str) -> [u8; 4] {
        let mut h = Sha256::new();
        h.update(name.as_bytes());
        h.update(b"\n\x01");
        h.update(self.0.as_bytes());
        let d = h.finalize();
        [d[0], d[1], d[2], d[3]]
    }

    /// The C2SP verifier key text: `name+keyid+base64(0x01 ‖ key)`.
    pub fn vkey(&self, name: &str) -> String {
        let mut k = vec![1u8];
        k.extend_from_slice(self.0.as_bytes());
        format!("{name}+{}+{}", hex(&self.key_id(name)), B64.encode(k))
    }
}

/// A tree head as the log states it: which log, how many entries, the root, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's name (`tahawul/<case id>`).
    pub origin: String,
    /// Number of audit entries (leaves).
    pub size: u64,
    /// The Merkle root of those entries.
    pub root: Hash,
    /// When it was signed, RFC 3339 UTC (`None` if the note has no time line).
    pub time: Option<String>,
}

/// A hash as checkpoints and the API write it: standard base64.
pub fn hash_to_base64(h: &Hash) -> String {
    B64.encode(h)
}

/// A hash from standard base64; `None` unless it is 32 bytes.
pub fn hash_from_base64(s: &str) -> Option<Hash> {
    B64.decode(s.trim()).ok()?.try_into().ok()
}

const SIG_PREFIX: &str = "\u{2014} ";

impl Checkpoint {
    /// The signed body: origin, size, root, and the time line; each ends with a newline.
    pub fn body(&self) -> String {
        let mut s = format!("{}\n{}\n{}\n", self.origin, self.size, hash_to_base64(&self.root));
        if let Some(t) = &self.time {
            s.push_str(&format!("time {t}\n"));
        }
        s
    }

    /// The signed note: the body, a blank line, and the log key's signature line.
    pub fn sign(&self, key: &LogKey) -> String {
        let body = self.body();
        let sig = key.0.sign(body.as_bytes());
        let mut blob = key.public().key_id(&self.origin).to_vec();
        blob.extend_from_slice(&sig.to_bytes());
        format!("{body}\n{SIG_PREFIX}{} {}\n", self.origin, B64.encode(blob))
    }

    /// Reads a signed note and checks that `key` signed it under the checkpoint's origin.
    pub fn open(note: &str, key: &LogPublicKey) -> Result<Checkpoint, CheckpointError> {
        let (body, sigs) = split_note(note)?;
        let cp = Checkpoint::parse_body(body)?;
        let id = key.key_id(&cp.origin);
        let mut found = false;
        for line in sigs.lines() {
            let Some((name, blob)) = line.strip_prefix(SIG_PREFIX).and_then(|l| l.split_once(' ')) else {
                continue;
            };
            let Ok(blob) = B64.decode(blob) else { continue };
            if name != cp.origin || blob.len() != 68 || blob[..4] != id {
                continue;
            }
            found = true;
            let sig = ed25519_dalek::Signature::from_slice(&blob[4..]).map_err(|_| CheckpointError::BadSignature)?;
            if key.0.verify(body.as_bytes(), &sig).is_ok() {
                return Ok(cp);
            }
        }
        Err(if found {
            CheckpointError::BadSignature
        } else {
            CheckpointError::NotSignedByKey { key: key.vkey(&cp.origin) }
        })
    }

    /// Reads the body lines without checking any signature.
    pub fn parse_body(body: &str) -> Result<Checkpoint, CheckpointError> {
        let lines: Vec<&str> = body.split_terminator('\n').collect();
        let bad = |line, expected| Err(CheckpointError::Malformed { line, expected });
        let origin = match lines.first() {
            Some(o) if !o.trim().is_empty() && o.trim() == *o => o.to_string(),
            _ => return bad(1, "the log's name (origin)"),
        };
        let size = match lines.get(1) {
            Some(s)
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s.len() == 1 || !s.starts_with('0')) =>
            {
                match s.parse() {
                    Ok(n) => n,
                    Err(_) => return bad(2, "the tree size, a decimal number"),
                }
            }
            _ => return bad(2, "the tree size, a decimal number"),
        };
        let Some(root) = lines.get(2).and_then(|r| hash_from_base64(r)) else {
            return bad(3, "the root hash, 32 bytes in base64");
        };
        let mut time = None;
        for (i, l) in lines.iter().enumerate().skip(3) {
            if l.is_empty() {
                return bad(i + 1, "an extension line, not an empty one");
            }
            if let Some(t) = l.strip_prefix("time ") {
                if t.parse::<jiff::Timestamp>().is_err() {
                    return bad(i + 1, "time and an RFC 3339 timestamp");
                }
                time = Some(t.to_string());
            }
        }
        Ok(Checkpoint { origin, size, root, time })
    }
}

/// The body (through its last newline) and the signature lines of a signed note.
fn split_note(note: &str) -> Result<(&str, &str), CheckpointError> {
    let note = note.strip_prefix('\u{feff}').unwrap_or(note);
    let Some(at) = note.find("\n\n") else {
        let line = note.lines().count().max(1);
        return Err(CheckpointError::Malformed { line, expected: "a blank line, then the signature lines" });
    };
    Ok((&note[..at + 1], &note[at + 2..]))
}

/// How the current log fails to extend a kept checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Divergence {
    /// The current log is another log (another case).
    #[error("the checkpoint is of the log {kept}, this log is {current}")]
    OtherLog {
        /// The kept checkpoint's origin.
        kept: String,
        /// The current one's.
        current: String,
    },
    /// The log is shorter than when the checkpoint was made: entries were removed.
    #[error("the log has {current} entries, fewer than the {kept} of the checkpoint: it was rewound")]
    Rewound {
        /// The kept size.
        kept: u64,
        /// The current size.
        current: u64,
    },
    /// No consistency proof leads from the kept root to the current one: history up to the
    /// kept size was rewritten.
    #[error("the log's first {kept} entries are not the ones the checkpoint holds: history was rewritten")]
    Rewritten {
        /// The kept size.
        kept: u64,
    },
}

/// Checks that `current` extends `kept`, given the consistency proof from the kept size to
/// the current one (both checkpoints already opened with the log's key).
pub fn check_extends(kept: &Checkpoint, current: &Checkpoint, proof: &[Hash]) -> Result<(), Divergence> {
    if kept.origin != current.origin {
        return Err(Divergence::OtherLog { kept: kept.origin.clone(), current: current.origin.clone() });
    }
    if current.size < kept.size {
        return Err(Divergence::Rewound { kept: kept.size, current: current.size });
    }
    if !verify_consistency(kept.size, current.size, &kept.root, &current.root, proof) {
        return Err(Divergence::Rewritten { kept: kept.size });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merkle::{Tree, leaf_hash};

    fn key() -> LogKey {
        LogKey::from_seed([7; 32])
    }

    fn cp(tree: &Tree, size: u64) -> Checkpoint {
        Checkpoint {
            origin: "tahawul/iraq-hmc".into(),
            size,
            root: tree.root_at(size).unwrap(),
            time: Some("2026-12-06T23:59:01Z".into()),
        }
    }

    fn tree(n: u64) -> Tree {
        Tree::from_leaf_hashes((0..n).map(|i| leaf_hash(format!("e{i}").as_bytes())))
    }

    #[test]
    fn a_signed_checkpoint_opens_with_the_log_key_and_reads_back() {
        let t = tree(5);
        let note = cp(&t, 5).sign(&key());
        assert!(note.starts_with("tahawul/iraq-hmc\n5\n"), "{note}");
        assert!(note.contains("\ntime 2026-12-06T23:59:01Z\n\n\u{2014} tahawul/iraq-hmc "), "{note}");
        assert_eq!(Checkpoint::open(&note, &key().public()), Ok(cp(&t, 5)));
    }

    #[test]
    fn an_altered_checkpoint_does_not_open() {
        let t = tree(5);
        let note = cp(&t, 5).sign(&key());
        let forged = note.replacen("\n5\n", "\n4\n", 1);
        assert_eq!(Checkpoint::open(&forged, &key().public()), Err(CheckpointError::BadSignature));
        let other = LogKey::from_seed([8; 32]).public();
        assert!(matches!(Checkpoint::open(&note, &other), Err(CheckpointError::NotSignedByKey { .. })));
        let resigned = cp(&tree(6), 5).sign(&LogKey::from_seed([8; 32]));
        assert!(matches!(Checkpoint::open(&resigned, &key().public()), Err(CheckpointError::NotSignedByKey { .. })));
    }

    #[test]
    fn malformed_notes_say_which_line() {
        let k = key().public();
        let m = |s: &str| match Checkpoint::open(s, &k) {
            Err(CheckpointError::Malformed { line, .. }) => line,
            other => panic!("{other:?}"),
        };
        assert_eq!(m("tahawul/x\n5\n"), 2);
        assert_eq!(m("\n5\nAAAA\n\n"), 1);
        assert_eq!(m("tahawul/x\n05\nAAAA\n\n"), 2);
        assert_eq!(m("tahawul/x\n5\nAAAA\n\n"), 3);
        let root = hash_to_base64(&[0; 32]);
        assert_eq!(m(&format!("tahawul/x\n5\n{root}\ntime yesterday\n\n")), 4);
    }

    #[test]
    fn the_vkey_and_key_id_follow_signed_note() {
        let pk = key().public();
        let v = pk.vkey("tahawul/iraq-hmc");
        let parts: Vec<&str> = v.split('+').collect();
        assert_eq!(parts[0], "tahawul/iraq-hmc");
        assert_eq!(parts[1], hex(&pk.key_id("tahawul/iraq-hmc")));
        assert_eq!(B64.decode(parts[2]).unwrap()[0], 1);
        assert_eq!(LogPublicKey::parse(&pk.to_string()), Some(pk));
    }

    #[test]
    fn the_key_file_round_trips_and_refuses_garbage() {
        let text = key().to_file_text();
        assert_eq!(LogKey::from_file_text(&text).unwrap().public(), key().public());
        assert!(LogKey::from_file_text("tahawul-log-key/1\nzz\n").is_err());
        assert!(LogKey::from_file_text("").is_err());
    }

    #[test]
    fn a_grown_log_extends_a_kept_checkpoint() {
        let t = tree(20);
        let p = t.consistency_proof(7, 20).unwrap();
        assert_eq!(check_extends(&cp(&t, 7), &cp(&t, 20), &p), Ok(()));
        assert_eq!(check_extends(&cp(&t, 7), &cp(&t, 7), &[]), Ok(()));
    }

    #[test]
    fn a_rewritten_rewound_or_other_log_is_caught() {
        let t = tree(20);
        let kept = cp(&t, 7);
        let mut leaves: Vec<_> = (0..20).map(|i| t.leaf(i).unwrap()).collect();
        leaves[2] = leaf_hash(b"rewritten");
        let forged = Tree::from_leaf_hashes(leaves);
        let p = forged.consistency_proof(7, 20).unwrap();
        assert_eq!(check_extends(&kept, &cp(&forged, 20), &p), Err(Divergence::Rewritten { kept: 7 }));
        assert_eq!(check_extends(&kept, &cp(&t, 5), &[]), Err(Divergence::Rewound { kept: 7, current: 5 }));
        let mut other = cp(&t, 20);
        other.origin = "tahawul/other".into();
        assert!(matches!(check_extends(&kept, &other, &[]), Err(Divergence::OtherLog { .. })));
    }
}
