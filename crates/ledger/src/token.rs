//! API tokens: `thw_<prefix>_<secret>`. The whole token is shown once, when it is made; the
//! store keeps the 8-hex-digit prefix (to find the row) and the blake3 hash of the whole
//! token. A token carries 256 random bits, so a fast hash is enough: there is nothing to
//! guess that a slow hash would protect.

use crate::{LedgerError, hex, random_bytes, unhex};

/// A freshly made token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    /// The full token, to show the user once and never store.
    pub token: String,
    /// The public prefix to look the token up by.
    pub prefix: String,
    /// The hash to store.
    pub hash: String,
}

/// A token split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenParts<'a> {
    /// The public prefix.
    pub prefix: &'a str,
}

impl NewToken {
    /// A new random token.
    pub fn generate() -> Result<NewToken, LedgerError> {
        let mut prefix = [0u8; 4];
        let mut secret = [0u8; 32];
        random_bytes(&mut prefix)?;
        random_bytes(&mut secret)?;
        let prefix = hex(&prefix);
        let token = format!("thw_{prefix}_{}", hex(&secret));
        let hash = hash(&token);
        Ok(NewToken { token, prefix, hash })
    }
}

/// The prefix of a well-formed token; `None` for anything else.
pub fn parse(token: &str) -> Option<TokenParts<'_>> {
    let rest = token.strip_prefix("thw_")?;
    let (prefix, secret) = rest.split_once('_')?;
    (unhex::<4>(prefix).is_some() && unhex::<32>(secret).is_some()).then_some(TokenParts { prefix })
}

/// The stored hash of a token.
pub fn hash(token: &str) -> String {
    hex(blake3::hash(token.as_bytes()).as_bytes())
}

/// Whether `token` is the one whose hash is `stored` (constant-time comparison).
pub fn verify(token: &str, stored: &str) -> bool {
    match unhex::<32>(stored) {
        Some(bytes) => blake3::hash(token.as_bytes()) == blake3::Hash::from_bytes(bytes),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_against_its_hash_only() {
        let t = NewToken::generate().unwrap();
        assert_eq!(parse(&t.token).unwrap().prefix, t.prefix);
        assert!(verify(&t.token, &t.hash));
        let other = NewToken::generate().unwrap();
        assert!(!verify(&other.token, &t.hash));
        assert!(!t.hash.contains(&t.token[13..]));
    }

    #[test]
    fn malformed_tokens_are_rejected_without_panicking() {
        for bad in ["", "thw_", "thw_zzzzzzzz_00", "abc_12345678_00", "thw_1234567_", "thw_12345678_xyz"] {
            assert!(parse(bad).is_none(), "{bad}");
            assert!(!verify(bad, "nothex"));
        }
    }
}
