//! Tahawul's ledger: the hash-chained audit log, password hashes and API tokens.
//! Pure: no I/O, no clock, no database — the store supplies times and keeps the rows.
//!
//! - [`audit`]: every write becomes an [`AuditEntry`] whose hash covers its content and the
//!   previous entry's hash; [`verify`] finds any edit, deletion, insertion or reordering.
//! - [`merkle`]: the same entries as an RFC 9162 Merkle tree, with inclusion and consistency
//!   proofs; [`checkpoint`]: its signed tree heads, which each party keeps and checks.
//! - [`password`]: argon2id hashes in PHC strings.
//! - [`token`]: API tokens shown once, kept as a hash, found by a short public prefix.
//!
//! - [`signature`]: Ed25519 signatures over canonical bytes (co-signed minutes) and the
//!   passphrase-sealed key file a delegation head keeps.

pub mod audit;
pub mod canonical;
pub mod checkpoint;
pub mod merkle;
pub mod password;
pub mod signature;
pub mod token;

pub use audit::{
    AuditEntry, BreakKind, ChainBreak, ChainHead, EntryDraft, GENESIS_HASH, VerifiedChain, verify, verify_after,
};
pub use canonical::to_string as canonical_json;
pub use checkpoint::{Checkpoint, CheckpointError, Divergence, LogKey, LogPublicKey};
pub use password::{PasswordHasher, verify_password};
pub use signature::{KeyError, KeyFile, PublicKey, SecretKey, Signature};
pub use token::{NewToken, TokenParts};

/// The ledger's one error type.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// The audit chain does not verify.
    #[error(transparent)]
    Chain(#[from] ChainBreak),
    /// A stored password hash is not a PHC string argon2 can read.
    #[error("stored password hash is malformed: {0}")]
    MalformedPasswordHash(String),
    /// Hashing a password failed (parameters out of range).
    #[error("cannot hash password: {0}")]
    Password(String),
    /// Argon2 parameters out of range.
    #[error("invalid argon2 parameters: {0}")]
    Params(String),
    /// The operating system's random source failed.
    #[error("no randomness from the operating system: {0}")]
    Random(String),
}

/// Lowercase hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Bytes of lowercase or uppercase hex; `None` if it is not hex of `N` bytes.
pub(crate) fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let b = s.as_bytes();
    if b.len() != N * 2 {
        return None;
    }
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = nibble(b[2 * i])? << 4 | nibble(b[2 * i + 1])?;
    }
    Some(out)
}

/// Fills `buf` from the operating system's random source.
pub(crate) fn random_bytes(buf: &mut [u8]) -> Result<(), LedgerError> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    OsRng.try_fill_bytes(buf).map_err(|e| LedgerError::Random(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let b = [0u8, 1, 0xab, 0xff];
        assert_eq!(hex(&b), "0001abff");
        assert_eq!(unhex::<4>("0001ABff"), Some(b));
        assert_eq!(unhex::<4>("0001abf"), None);
        assert_eq!(unhex::<2>("zz00"), None);
        assert_eq!(unhex::<1>("é"), None);
    }
}
