//! The validated case: every type here is built by the bundle loader (or the store) after
//! its checks, so code that holds a [`Case`] can rely on its references resolving.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
pub use tahawul_i18n::Text;
pub use tahawul_ledger::signature::{PublicKey, Signature};

use crate::gate::Gate;
use crate::period::{Frequency, Month, Period};

mod dialogue;
mod measures;
mod parties;
mod transition;

pub use dialogue::*;
pub use measures::*;
pub use parties::*;
pub use transition::*;

/// An identifier: lowercase ASCII letters, digits, `-` and `_`, starting with a letter or digit.
///
/// Shared text (`Arc<str>`): a case holds tens of thousands of ids (five per observation) and
/// is copied whole for each reader's view of it, so a copy costs a count, not an allocation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(#[serde(serialize_with = "serialize_id", deserialize_with = "deserialize_id")] std::sync::Arc<str>);

fn serialize_id<S: serde::Serializer>(id: &std::sync::Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(id)
}

/// Identifiers read from JSON go through the same check as those read from a bundle.
fn deserialize_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<std::sync::Arc<str>, D::Error> {
    let s = String::deserialize(d)?;
    Id::parse(&s).map(|id| id.0).ok_or_else(|| {
        serde::de::Error::custom(format!("{s:?} is not an identifier: use lowercase letters, digits, - and _"))
    })
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Id {
    /// Checks the form; `None` if it is not an identifier.
    pub fn parse(s: &str) -> Option<Id> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        ok.then(|| Id(s.into()))
    }
    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// A list that copies of a case share until one of them changes it (copy on write), with an
/// index of it made at most once (see [`ListIndex`]).
///
/// Why: the observations and assessments are most of a case and grow with use, while every
/// write makes a new snapshot of the case and every reader's view is a copy of it with
/// hidden records left out. Sharing them makes those copies cost a count instead of one
/// allocation per figure; a change through `DerefMut` copies the list once, if shared, and
/// drops its index.
pub struct Shared<T, I = ()>(std::sync::Arc<Listed<T, I>>);

/// The list and, once asked for, its index.
struct Listed<T, I> {
    items: Vec<T>,
    index: std::sync::OnceLock<I>,
}

impl<T: Clone, I> Clone for Listed<T, I> {
    /// A copy is about to change, so its index is not carried over.
    fn clone(&self) -> Self {
        Listed { items: self.items.clone(), index: std::sync::OnceLock::new() }
    }
}

/// A lookup structure made from a whole list, kept with it until the list changes.
pub trait ListIndex<T> {
    /// Makes the index of `items`.
    fn build(items: &[T]) -> Self;
}

impl<T> ListIndex<T> for () {
    fn build(_: &[T]) -> Self {}
}

impl<T, I> Clone for Shared<T, I> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T, I> Default for Shared<T, I> {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl<T: std::fmt::Debug, I> std::fmt::Debug for Shared<T, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.items.fmt(f)
    }
}

impl<T: PartialEq, I> PartialEq for Shared<T, I> {
    fn eq(&self, other: &Self) -> bool {
        self.0.items == other.0.items
    }
}

impl<T, I> Shared<T, I> {
    /// Keeps the items `keep` accepts, copying the list only when it leaves one out (a
    /// reader's view usually hides nothing from these lists, and then shares the index too).
    pub fn keep(&mut self, keep: impl Fn(&T) -> bool)
    where
        T: Clone,
    {
        if !self.0.items.iter().all(&keep) {
            *self = self.0.items.iter().filter(|x| keep(x)).cloned().collect();
        }
    }

    /// Whether `self` and `other` are one list, not only equal ones.
    pub fn same(&self, other: &Shared<T, I>) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }

    /// The list's index, made on first use and shared by every copy until one changes.
    pub fn index(&self) -> &I
    where
        I: ListIndex<T>,
    {
        self.0.index.get_or_init(|| I::build(&self.0.items))
    }
}

impl<T, I> std::ops::Deref for Shared<T, I> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0.items
    }
}

impl<T: Clone, I> std::ops::DerefMut for Shared<T, I> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        let listed = std::sync::Arc::make_mut(&mut self.0);
        // Any item may move or change: the index is made again when next asked for.
        listed.index = std::sync::OnceLock::new();
        &mut listed.items
    }
}

impl<T, I> From<Vec<T>> for Shared<T, I> {
    fn from(items: Vec<T>) -> Self {
        Shared(std::sync::Arc::new(Listed { items, index: std::sync::OnceLock::new() }))
    }
}

impl<T, I> FromIterator<T> for Shared<T, I> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Shared::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<'a, T, I> IntoIterator for &'a Shared<T, I> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.items.iter()
    }
}

impl<T: Serialize, I> Serialize for Shared<T, I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.items.as_slice().serialize(s)
    }
}

impl<'de, T: Deserialize<'de>, I> Deserialize<'de> for Shared<T, I> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::deserialize(d).map(Shared::from)
    }
}

/// One transition process, with everything the commission keeps about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Case {
    /// The case identifier, e.g. `iraq-hmc`.
    pub id: Id,
    /// Its name.
    pub name: Text,
    /// What it is about.
    pub description: Text,
    /// Sovereign sides.
    pub parties: Vec<Party>,
    /// People named in the record.
    pub people: Vec<Person>,
    /// Where transitions happen.
    pub areas: Vec<Area>,
    /// Criteria the commission weighs, each with its working group.
    pub factors: Vec<Factor>,
    /// Versioned ordinal scales.
    pub scales: Vec<Scale>,
    /// Who publishes the figures observations come from.
    pub publishers: Vec<Publisher>,
    /// How figures were counted.
    pub methods: Vec<Method>,
    /// What is measured.
    pub indicators: Vec<Indicator>,
    /// Measured values, every source kept (indexed by indicator and area for reading series).
    pub observations: Shared<Observation, crate::series::FigureIndex>,
    /// Working groups' ratings.
    pub assessments: Shared<Assessment>,
    /// Steps of the transition.
    pub phases: Vec<Phase>,
    /// Dialogue rounds.
    pub rounds: Vec<Round>,
    /// Undertakings recorded in statements.
    pub commitments: Vec<Commitment>,
    /// The documents the record cites.
    pub documents: Vec<Document>,
    /// Named what-ifs for the forecast.
    pub scenarios: Vec<Scenario>,
}

impl Case {
    /// A copy of the case with the given observations and assessments instead of its own
    /// (the two parts that grow with use; the rest is small). Checks that need neither, or
    /// only some, copy this rather than the whole case.
    pub fn with_parts(
        &self,
        observations: Shared<Observation, crate::series::FigureIndex>,
        assessments: Shared<Assessment>,
    ) -> Case {
        Case {
            id: self.id.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            parties: self.parties.clone(),
            people: self.people.clone(),
            areas: self.areas.clone(),
            factors: self.factors.clone(),
            scales: self.scales.clone(),
            publishers: self.publishers.clone(),
            methods: self.methods.clone(),
            indicators: self.indicators.clone(),
            observations,
            assessments,
            phases: self.phases.clone(),
            rounds: self.rounds.clone(),
            commitments: self.commitments.clone(),
            documents: self.documents.clone(),
            scenarios: self.scenarios.clone(),
        }
    }

    /// A party by id.
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id.as_str() == id)
    }
    /// A person by id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id.as_str() == id)
    }
    /// An area by id.
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id.as_str() == id)
    }
    /// A factor by id.
    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id.as_str() == id)
    }
    /// A scale by id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id.as_str() == id)
    }
    /// An indicator by factor and id.
    pub fn indicator(&self, factor: &str, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.factor.as_str() == factor && i.id.as_str() == id)
    }
    /// A phase by id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id.as_str() == id)
    }
    /// A round by id.
    pub fn round(&self, id: &str) -> Option<&Round> {
        self.rounds.iter().find(|r| r.id.as_str() == id)
    }
    /// A document by id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id.as_str() == id)
    }
    /// A publisher by id.
    pub fn publisher(&self, id: &str) -> Option<&Publisher> {
        self.publishers.iter().find(|p| p.id.as_str() == id)
    }
    /// A scenario by id.
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id.as_str() == id)
    }
    /// A method by id.
    pub fn method(&self, id: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.id.as_str() == id)
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn copies_share_a_list_until_one_changes_it() {
        let a: Shared<u32> = vec![1, 2, 3].into();
        let mut b = a.clone();
        assert!(a.same(&b), "a copy is the same list");
        b.keep(|x| *x < 10);
        assert!(a.same(&b), "keeping every item copies nothing");
        b.keep(|x| *x != 2);
        assert!(!a.same(&b), "leaving one out gives the copy its own list");
        assert_eq!((a.as_slice(), b.as_slice()), (&[1, 2, 3][..], &[1, 3][..]));
        let mut c = a.clone();
        c.push(4);
        assert_eq!((a.len(), c.len()), (3, 4), "a change through the copy leaves the original as it was");
    }

    #[test]
    fn a_shared_list_reads_and_writes_as_a_list() {
        let a: Shared<u32> = vec![5, 6].into();
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, "[5,6]");
        let back: Shared<u32> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
    }
}
