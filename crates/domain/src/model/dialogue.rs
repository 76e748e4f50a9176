//! The dialogue: rounds with their delegations, meetings, decisions and signed minutes,
//! the commitments made in them, and the documents the record cites.

use super::*;

/// A dialogue round.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Round {
    /// Identifier, e.g. `jscd-1`.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Place.
    pub place: Text,
    /// Delegations with head and members.
    pub delegations: Vec<Delegation>,
    /// Meetings held during the round.
    pub meetings: Vec<Meeting>,
    /// Decisions taken.
    pub decisions: Vec<Decision>,
    /// Whether minutes were signed by both sides, per the sources.
    pub minutes_signed: bool,
    /// Where the round is reported.
    pub sources: Vec<Id>,
    /// The agreement the round was held under, when the record states it.
    #[serde(default)]
    pub framework: Option<Text>,
    /// Delegation heads' signatures over the round's canonical minutes (see `minutes`).
    #[serde(default)]
    pub signatures: Vec<MinutesSignature>,
}

/// A delegation head's Ed25519 signature over a round's canonical minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinutesSignature {
    /// The head who signed.
    pub person: Id,
    /// The key that signed: it must be the key valid for the person when they signed.
    pub key: PublicKey,
    /// The key's fingerprint ([`crate::keys::fingerprint`]), as recorded at signing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_fingerprint: Option<String>,
    /// The signature over [`crate::minutes::canonical`] of the round.
    pub signature: Signature,
    /// When the head signed (not covered by the signature).
    pub signed_at: jiff::Timestamp,
    /// Fingerprints of the minutes' parts at signing (`label=hex`), so a later change can be
    /// located; not covered by the signature.
    #[serde(default)]
    pub parts: Vec<String>,
    /// True for demo signatures made with demo keys.
    #[serde(default)]
    pub illustrative: bool,
}

/// One party's delegation at a round.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delegation {
    /// The party.
    pub party: Id,
    /// The head, when the sources name one.
    pub head: Option<Id>,
    /// Members (people ids).
    pub members: Vec<Id>,
    /// Members known only by office, not by name.
    pub offices: Vec<Text>,
}

/// A meeting during a round.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meeting {
    /// What and with whom.
    pub description: Text,
    /// People present, where named.
    pub participants: Vec<Id>,
    /// Where it is reported.
    pub sources: Vec<Id>,
}

/// A decision of a round.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Decision {
    /// Identifier.
    pub id: Id,
    /// What was decided.
    pub text: Text,
    /// Where it is reported.
    pub sources: Vec<Id>,
}

/// A commitment's status on the commission's 0–3 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum CommitmentStatus {
    /// 0
    NotStarted = 0,
    /// 1
    Minimal = 1,
    /// 2
    Intermediate = 2,
    /// 3
    Full = 3,
}

impl From<CommitmentStatus> for u8 {
    fn from(s: CommitmentStatus) -> u8 {
        s as u8
    }
}

impl TryFrom<u8> for CommitmentStatus {
    type Error = u8;
    fn try_from(v: u8) -> Result<Self, u8> {
        Ok(match v {
            0 => CommitmentStatus::NotStarted,
            1 => CommitmentStatus::Minimal,
            2 => CommitmentStatus::Intermediate,
            3 => CommitmentStatus::Full,
            other => return Err(other),
        })
    }
}

impl CommitmentStatus {
    /// The message id of its name.
    pub fn message_id(self) -> &'static str {
        match self {
            CommitmentStatus::NotStarted => "commitment-status-not-started",
            CommitmentStatus::Minimal => "commitment-status-minimal",
            CommitmentStatus::Intermediate => "commitment-status-intermediate",
            CommitmentStatus::Full => "commitment-status-full",
        }
    }
    /// The identifier used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::NotStarted => "not-started",
            CommitmentStatus::Minimal => "minimal",
            CommitmentStatus::Intermediate => "intermediate",
            CommitmentStatus::Full => "full",
        }
    }
}

/// An undertaking recorded in a statement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Commitment {
    /// Identifier.
    pub id: Id,
    /// Who undertakes it (one party, or several jointly).
    pub parties: Vec<Id>,
    /// What.
    pub text: Text,
    /// Theme, for grouping (e.g. `force-protection`).
    pub theme: Id,
    /// The round whose statement records it.
    pub round: Id,
    /// By when, if said.
    pub due: Option<Date>,
    /// Status.
    pub status: CommitmentStatus,
    /// Why that status.
    pub status_note: Text,
    /// True when the status is a judgement made to illustrate, not stated by a source.
    pub illustrative: bool,
    /// Evidence for the status (document ids).
    pub evidence: Vec<Id>,
    /// The documents that record the commitment.
    pub sources: Vec<Id>,
    /// Added to the round after its minutes were signed: linked to the round, not part of
    /// its signed minutes (see [`crate::minutes::parts`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub addendum: bool,
}

impl Commitment {
    /// Open means not yet fully met.
    pub fn is_open(&self) -> bool {
        self.status != CommitmentStatus::Full
    }
}

/// A document the record cites.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Identifier (the file's stem for the founding documents).
    pub id: Id,
    /// File name in the sources folder, if any.
    pub file: Option<String>,
    /// Outlet or issuer.
    pub outlet: Text,
    /// Kind (news report, joint statement, translation).
    pub kind: Text,
    /// Date of publication.
    pub date: Option<Date>,
    /// Language of the document (`ar`, `en`).
    pub language: String,
    /// What it reports.
    pub summary: Text,
    /// Known errors of translation: what the text says and what it means.
    pub translation_errors: Vec<TranslationError>,
}

/// A known error of (machine) translation in a document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TranslationError {
    /// What the text says.
    pub says: String,
    /// What it stands for.
    pub means: Text,
}
