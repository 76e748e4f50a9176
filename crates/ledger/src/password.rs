//! Passwords: argon2id in PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), so the
//! parameters travel with each hash and can be raised later without breaking old ones.

use argon2::password_hash::{PasswordHash, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::LedgerError;

/// Hashes passwords with argon2id and fixed parameters.
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    params: Params,
}

impl Default for PasswordHasher {
    /// The argon2 crate's defaults, which follow OWASP: 19 MiB, 2 passes, 1 lane.
    fn default() -> Self {
        PasswordHasher { params: Params::default() }
    }
}

impl PasswordHasher {
    /// Explicit parameters: memory in KiB, passes, lanes.
    pub fn with_params(m_cost_kib: u32, t_cost: u32, p_cost: u32) -> Result<Self, LedgerError> {
        let params = Params::new(m_cost_kib, t_cost, p_cost, None).map_err(|e| LedgerError::Params(e.to_string()))?;
        Ok(PasswordHasher { params })
    }

    /// Cheap parameters (64 KiB, 1 pass) for tests only: never use them for real users.
    pub fn insecure_fast_for_tests() -> Self {
        PasswordHasher { params: Params::new(64, 1, 1, None).unwrap_or_default() }
    }

    /// The PHC string of a password, with a fresh random salt.
    pub fn hash(&self, password: &str) -> Result<String, LedgerError> {
        use argon2::password_hash::PasswordHasher as _;
        let mut salt = [0u8; 16];
        crate::random_bytes(&mut salt)?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| LedgerError::Password(e.to_string()))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone());
        argon
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| LedgerError::Password(e.to_string()))
    }
}

/// Whether `password` matches the stored PHC string; an error only if the string is malformed.
pub fn verify_password(password: &str, phc: &str) -> Result<bool, LedgerError> {
    let parsed = PasswordHash::new(phc).map_err(|e| LedgerError::MalformedPasswordHash(e.to_string()))?;
    if parsed.algorithm.as_str() != "argon2id" || parsed.hash.is_none() {
        return Err(LedgerError::MalformedPasswordHash(format!("not an argon2id hash: {phc:?}")));
    }
    match Argon2::default().verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(LedgerError::MalformedPasswordHash(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_and_another_does_not() {
        let h = PasswordHasher::insecure_fast_for_tests().hash("correct horse ✓ حصان").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=64,t=1,p=1$"));
        assert!(verify_password("correct horse ✓ حصان", &h).unwrap());
        assert!(!verify_password("correct horse", &h).unwrap());
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_salt() {
        let p = PasswordHasher::insecure_fast_for_tests();
        assert_ne!(p.hash("x").unwrap(), p.hash("x").unwrap());
    }

    #[test]
    fn default_parameters_are_argon2id_19_mib_2_passes() {
        let h = PasswordHasher::default().hash("x").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
    }

    #[test]
    fn a_malformed_hash_is_an_error_not_a_panic() {
        assert!(verify_password("x", "").is_err());
        assert!(verify_password("x", "$argon2id$garbage").is_err());
        assert!(verify_password("x", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ").is_err());
        assert!(verify_password("x", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo").is_err());
    }
}
