//! Who and where: the parties, the people named in the record, and the areas a transition
//! happens in.

use super::*;

/// A sovereign side (or the coalition, as a consulted party).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Party {
    /// e.g. `us`, `iq`.
    pub id: Id,
    /// Its name.
    pub name: Text,
    /// A delegation party co-chairs; a coalition partner is consulted.
    pub role: PartyRole,
    /// The delegation head, when known.
    pub head: Option<Id>,
    /// Where this is stated.
    pub sources: Vec<Id>,
}

/// How a party takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartyRole {
    /// A co-chairing delegation.
    Delegation,
    /// Consulted at every stage.
    CoalitionPartner,
}

/// A person named in the record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    /// Identifier.
    pub id: Id,
    /// Name in both scripts.
    pub name: Text,
    /// Title at the time of the record.
    pub title: Text,
    /// The party the person belongs to.
    pub party: Id,
    /// Where the person is named.
    pub sources: Vec<Id>,
    /// The Ed25519 key valid now for signing minutes, if the person has one (the last key of
    /// `keys` that is not retired; a bundle may state it alone, without history).
    #[serde(default)]
    pub public_key: Option<PublicKey>,
    /// Every key the person registered, oldest first (see [`crate::keys`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<crate::keys::KeyEntry>,
}

/// What kind of place or line a transition happens in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaKind {
    /// The whole country: nationally reported figures live here.
    Country,
    /// A region.
    Region,
    /// A base.
    Base,
    /// A mission line (advising, air support, intelligence sharing).
    MissionLine,
}

/// Where a transition happens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Area {
    /// Identifier.
    pub id: Id,
    /// Name.
    pub name: Text,
    /// Kind.
    pub kind: AreaKind,
    /// The enclosing area: its figures stand in where this area has none.
    pub parent: Option<Id>,
    /// Where this area is named.
    pub sources: Vec<Id>,
    /// The places it covers, for event datasets: ISO 3166-2 subdivision codes (`IQ-NI`), a
    /// country's ISO 3166-1 code (`IQ`) for all of it, or a place without an ISO code as a
    /// country code, a colon and its name (`IQ:Halabja`). Empty: no event is placed in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
}
