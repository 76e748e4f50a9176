//! Ed25519 signatures over canonical bytes (a round's minutes), and the passphrase-protected
//! key file a delegation head keeps on their own machine.
//!
//! Text forms, so keys and signatures sit in TOML and JSON: `ed25519:` and lowercase hex
//! (64 digits for a public key, 128 for a signature). The key file is JSON:
//!
//! ```json
//! {"format":"tahawul-key/1","public_key":"ed25519:…",
//!  "kdf":{"alg":"argon2id","m_cost_kib":19456,"t_cost":2,"p_cost":1,"salt":"…"},
//!  "cipher":{"alg":"chacha20poly1305","nonce":"…"},"sealed_seed":"…"}
//! ```
//!
//! The 32-byte seed is sealed with ChaCha20-Poly1305 under a key derived from the passphrase
//! by argon2id; the public key is the associated data, so a file whose public key was swapped
//! does not open. A wrong passphrase is [`KeyError::WrongPassphrase`], never a panic.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::{hex, random_bytes, unhex};

/// The prefix of every key and signature in text form.
pub const PREFIX: &str = "ed25519:";
/// The format tag of a key file.
pub const KEY_FILE_FORMAT: &str = "tahawul-key/1";

/// What can go wrong with keys and signatures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Text that is not `ed25519:` and 64 hex digits, or not a point on the curve.
    #[error("not an Ed25519 public key: expected \"ed25519:\" and 64 hex digits")]
    BadPublicKey,
    /// Text that is not `ed25519:` and 128 hex digits.
    #[error("not an Ed25519 signature: expected \"ed25519:\" and 128 hex digits")]
    BadSignature,
    /// The passphrase does not open the key file.
    #[error("wrong passphrase: it does not open this key file")]
    WrongPassphrase,
    /// The key file is not one this version reads, or it was altered.
    #[error("not a Tahawul key file ({0})")]
    BadKeyFile(String),
    /// Argon2 parameters out of range, or the random source failed.
    #[error("cannot seal the key: {0}")]
    Seal(String),
}

/// A registered Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// Reads `ed25519:<64 hex digits>`; the point must be a valid curve point.
    pub fn parse(s: &str) -> Result<Self, KeyError> {
        let bytes = s.trim().strip_prefix(PREFIX).and_then(unhex::<32>).ok_or(KeyError::BadPublicKey)?;
        VerifyingKey::from_bytes(&bytes).map(PublicKey).map_err(|_| KeyError::BadPublicKey)
    }
    /// The 32 raw bytes (what WebCrypto's `raw` export gives).
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }
    /// Whether `signature` is this key's signature of `message` (strict: no malleable forms).
    pub fn verifies(&self, message: &[u8], signature: &Signature) -> bool {
        let sig = ed25519_dalek::Signature::from_bytes(&signature.0);
        self.0.verify_strict(message, &sig).is_ok()
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}{}", hex(&self.0.to_bytes()))
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

impl Serialize for PublicKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PublicKey::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The 64 bytes of an Ed25519 signature, in text form `ed25519:<128 hex digits>`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; 64]);

impl Signature {
    /// Reads `ed25519:<128 hex digits>`.
    pub fn parse(s: &str) -> Result<Self, KeyError> {
        s.trim().strip_prefix(PREFIX).and_then(unhex::<64>).map(Signature).ok_or(KeyError::BadSignature)
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}{}", hex(&self.0))
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({self})")
    }
}

impl Serialize for Signature {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Signature {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Signature::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A private signing key, opened from a key file; its bytes are wiped when dropped.
pub struct SecretKey(SigningKey);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey(public {})", self.public())
    }
}

impl SecretKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<Self, KeyError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        random_bytes(seed.as_mut()).map_err(|e| KeyError::Seal(e.to_string()))?;
        Ok(SecretKey(SigningKey::from_bytes(&seed)))
    }
    /// A key from a 32-byte seed (tests and reproducible demo material only).
    pub fn from_seed(seed: [u8; 32]) -> Self {
        SecretKey(SigningKey::from_bytes(&seed))
    }
    /// Its public half.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }
    /// Signs `message` (deterministic: the same key and bytes give the same signature).
    pub fn sign(&self, message: &[u8]) -> Signature {
        Signature(self.0.sign(message).to_bytes())
    }

    /// Seals the key under `passphrase` with the default (OWASP) argon2id cost.
    pub fn seal(&self, passphrase: &str) -> Result<KeyFile, KeyError> {
        let p = Params::default();
        self.seal_with(passphrase, p.m_cost(), p.t_cost(), p.p_cost())
    }

    /// Seals the key with explicit argon2id parameters (memory KiB, passes, lanes).
    pub fn seal_with(&self, passphrase: &str, m_cost_kib: u32, t_cost: u32, p_cost: u32) -> Result<KeyFile, KeyError> {
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 12];
        random_bytes(&mut salt).map_err(|e| KeyError::Seal(e.to_string()))?;
        random_bytes(&mut nonce).map_err(|e| KeyError::Seal(e.to_string()))?;
        let kdf = Kdf { alg: "argon2id".into(), m_cost_kib, t_cost, p_cost, salt: hex(&salt) };
        let key = derive(passphrase, &kdf, &salt)?;
        let public_key = self.public().to_string();
        let seed = Zeroizing::new(self.0.to_bytes());
        let sealed = ChaCha20Poly1305::new(Key::from_slice(key.as_ref()))
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: seed.as_ref(), aad: public_key.as_bytes() })
            .map_err(|_| KeyError::Seal("encryption failed".into()))?;
        Ok(KeyFile {
            format: KEY_FILE_FORMAT.into(),
            public_key,
            kdf,
            cipher: Cipher { alg: "chacha20poly1305".into(), nonce: hex(&nonce) },
            sealed_seed: hex(&sealed),
        })
    }
}

/// A fresh challenge nonce for a key registration: 16 random bytes, hex.
pub fn nonce() -> Result<String, KeyError> {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes).map_err(|e| KeyError::Seal(e.to_string()))?;
    Ok(hex(&bytes))
}

/// How the sealing key is derived from the passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    /// Always `argon2id`.
    pub alg: String,
    /// Memory cost in KiB.
    pub m_cost_kib: u32,
    /// Passes.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
    /// 16 bytes of salt, hex.
    pub salt: String,
}

/// The AEAD that seals the seed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cipher {
    /// Always `chacha20poly1305`.
    pub alg: String,
    /// 12 bytes of nonce, hex.
    pub nonce: String,
}

/// A private key sealed under a passphrase, as stored in a key file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    /// [`KEY_FILE_FORMAT`].
    pub format: String,
    /// The public half, in text form (also the AEAD's associated data).
    pub public_key: String,
    /// Passphrase → sealing key.
    pub kdf: Kdf,
    /// Sealing.
    pub cipher: Cipher,
    /// The sealed 32-byte seed and its 16-byte tag, hex.
    pub sealed_seed: String,
}

impl KeyFile {
    /// Reads a key file's text.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let file: KeyFile = serde_json::from_str(text).map_err(|e| KeyError::BadKeyFile(e.to_string()))?;
        if file.format != KEY_FILE_FORMAT {
            return Err(KeyError::BadKeyFile(format!("format {:?}, expected {KEY_FILE_FORMAT:?}", file.format)));
        }
        if file.kdf.alg != "argon2id" || file.cipher.alg != "chacha20poly1305" {
            return Err(KeyError::BadKeyFile(format!("algorithms {} / {}", file.kdf.alg, file.cipher.alg)));
        }
        Ok(file)
    }
    /// The file's text: pretty JSON with a final newline.
    pub fn to_text(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
    /// The public key the file claims to hold.
    pub fn public(&self) -> Result<PublicKey, KeyError> {
        PublicKey::parse(&self.public_key)
    }
    /// Opens the file with `passphrase`.
    pub fn open(&self, passphrase: &str) -> Result<SecretKey, KeyError> {
        let bad = |what: &str| KeyError::BadKeyFile(what.to_string());
        let salt = unhex::<16>(&self.kdf.salt).ok_or_else(|| bad("salt is not 16 bytes of hex"))?;
        let nonce = unhex::<12>(&self.cipher.nonce).ok_or_else(|| bad("nonce is not 12 bytes of hex"))?;
        let sealed = unhex::<48>(&self.sealed_seed).ok_or_else(|| bad("sealed seed is not 48 bytes of hex"))?;
        let public = self.public()?;
        let key = derive(passphrase, &self.kdf, &salt)?;
        // The tag covers the seed and the public key: a failure is a wrong passphrase or an
        // altered file, and the two cannot be told apart; the passphrase is by far the likelier.
        let seed = ChaCha20Poly1305::new(Key::from_slice(key.as_ref()))
            .decrypt(Nonce::from_slice(&nonce), Payload { msg: &sealed, aad: self.public_key.as_bytes() })
            .map(Zeroizing::new)
            .map_err(|_| KeyError::WrongPassphrase)?;
        let seed: [u8; 32] = seed.as_slice().try_into().map_err(|_| bad("sealed seed is not 32 bytes"))?;
        let secret = SecretKey::from_seed(seed);
        if secret.public() != public {
            return Err(bad("the public key does not belong to the sealed seed"));
        }
        Ok(secret)
    }
}

fn derive(passphrase: &str, kdf: &Kdf, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let params = Params::new(kdf.m_cost_kib, kdf.t_cost, kdf.p_cost, Some(32))
        .map_err(|e| KeyError::BadKeyFile(format!("argon2 parameters: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| KeyError::Seal(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast(key: &SecretKey, pass: &str) -> KeyFile {
        key.seal_with(pass, 64, 1, 1).unwrap()
    }

    #[test]
    fn a_signature_verifies_with_its_key_and_not_another_or_other_bytes() {
        let a = SecretKey::from_seed([1; 32]);
        let b = SecretKey::from_seed([2; 32]);
        let sig = a.sign(b"minutes");
        assert!(a.public().verifies(b"minutes", &sig));
        assert!(!a.public().verifies(b"minutes!", &sig));
        assert!(!b.public().verifies(b"minutes", &sig));
    }

    #[test]
    fn text_forms_round_trip_and_reject_junk() {
        let k = SecretKey::from_seed([7; 32]);
        let text = k.public().to_string();
        assert!(text.starts_with("ed25519:") && text.len() == 8 + 64);
        assert_eq!(PublicKey::parse(&text).unwrap(), k.public());
        let sig = k.sign(b"x");
        assert_eq!(Signature::parse(&sig.to_string()).unwrap(), sig);
        assert_eq!(PublicKey::parse("ed25519:zz"), Err(KeyError::BadPublicKey));
        assert_eq!(PublicKey::parse(&text[8..]), Err(KeyError::BadPublicKey));
        assert_eq!(Signature::parse(&text), Err(KeyError::BadSignature));
        let json = serde_json::to_string(&k.public()).unwrap();
        assert_eq!(serde_json::from_str::<PublicKey>(&json).unwrap(), k.public());
    }

    #[test]
    fn a_key_file_opens_with_its_passphrase_only() {
        let k = SecretKey::from_seed([3; 32]);
        let file = KeyFile::parse(&fast(&k, "سر مشترك ✓").to_text()).unwrap();
        assert_eq!(file.public().unwrap(), k.public());
        let opened = file.open("سر مشترك ✓").unwrap();
        assert_eq!(opened.public(), k.public());
        assert_eq!(file.open("wrong").unwrap_err(), KeyError::WrongPassphrase);
        assert_eq!(file.open("").unwrap_err(), KeyError::WrongPassphrase);
    }

    #[test]
    fn a_key_file_with_a_swapped_public_key_does_not_open() {
        let k = SecretKey::from_seed([3; 32]);
        let mut file = fast(&k, "p");
        file.public_key = SecretKey::from_seed([4; 32]).public().to_string();
        assert!(file.open("p").is_err());
    }

    #[test]
    fn a_malformed_key_file_is_an_error_not_a_panic() {
        assert!(matches!(KeyFile::parse(""), Err(KeyError::BadKeyFile(_))));
        assert!(matches!(KeyFile::parse("{}"), Err(KeyError::BadKeyFile(_))));
        let k = SecretKey::from_seed([5; 32]);
        let mut f = fast(&k, "p");
        f.format = "other/9".into();
        assert!(matches!(KeyFile::parse(&f.to_text()), Err(KeyError::BadKeyFile(_))));
        let mut f = fast(&k, "p");
        f.sealed_seed.truncate(10);
        assert!(matches!(f.open("p"), Err(KeyError::BadKeyFile(_))));
        let mut f = fast(&k, "p");
        f.kdf.m_cost_kib = 0;
        assert!(matches!(f.open("p"), Err(KeyError::BadKeyFile(_))));
    }

    #[test]
    fn two_seals_of_one_key_differ_by_salt_and_nonce() {
        let k = SecretKey::from_seed([6; 32]);
        assert_ne!(fast(&k, "p"), fast(&k, "p"));
    }

    #[test]
    fn generated_keys_differ() {
        assert_ne!(SecretKey::generate().unwrap().public(), SecretKey::generate().unwrap().public());
    }
}
