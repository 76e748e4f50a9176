//! Where an event happened, in the case's areas: a dataset's country and first-level
//! subdivision, as the dataset spells them ("Nīnawá province" in GED, "Ninewa" in ACLED),
//! matched to ISO 3166-2 codes from Debian's `iso-codes`, and the codes to the areas that list
//! them. A name that matches nothing, or more than one subdivision, is a problem with a
//! did-you-mean — never a row dropped in silence.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use tahawul_domain::{Diagnostic, Id};
use tahawul_i18n::Message;
use unicode_normalization::UnicodeNormalization;

/// Where Debian's `iso-codes` package puts its JSON lists.
pub const ISO_CODES_DIR: &str = "/usr/share/iso-codes/json";

/// Dataset spellings that the normalised ISO names do not reach (ACLED's English forms of
/// Iraq's governorates). Key: ISO 3166-2 code.
const ALIASES: &[(&str, &[&str])] = &[
    ("IQ-AR", &["Erbil", "Irbil", "Hawler"]),
    ("IQ-BA", &["Basra", "Basrah"]),
    ("IQ-KA", &["Kerbala", "Karbala"]),
    ("IQ-NI", &["Ninewa", "Nineveh", "Ninawa"]),
    ("IQ-QA", &["Qadissiya", "Qadisiyah", "Diwaniyah"]),
    ("IQ-MA", &["Missan", "Maysan"]),
    ("IQ-DA", &["Duhok", "Dohuk"]),
    ("IQ-DQ", &["Thi-Qar", "Thi Qar"]),
    ("IQ-BB", &["Babylon"]),
    ("IQ-SD", &["Salahuddin", "Salah ad-Din"]),
];

/// One country of ISO 3166-1.
#[derive(Debug, Clone, Deserialize)]
struct Country {
    alpha_2: String,
    alpha_3: String,
    numeric: String,
    name: String,
    common_name: Option<String>,
    official_name: Option<String>,
}

/// One subdivision of ISO 3166-2.
#[derive(Debug, Clone, Deserialize)]
struct Subdivision {
    code: String,
    name: String,
}

/// ISO 3166-1 countries and ISO 3166-2 subdivisions.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    countries: Vec<Country>,
    subdivisions: Vec<Subdivision>,
}

impl Gazetteer {
    /// Reads the two lists from their JSON text (the `iso-codes` package's format).
    pub fn from_json(countries: &str, subdivisions: &str) -> Result<Gazetteer, String> {
        #[derive(Deserialize)]
        struct C {
            #[serde(rename = "3166-1")]
            list: Vec<Country>,
        }
        #[derive(Deserialize)]
        struct S {
            #[serde(rename = "3166-2")]
            list: Vec<Subdivision>,
        }
        let c: C = serde_json::from_str(countries).map_err(|e| format!("iso_3166-1.json: {e}"))?;
        let s: S = serde_json::from_str(subdivisions).map_err(|e| format!("iso_3166-2.json: {e}"))?;
        Ok(Gazetteer { countries: c.list, subdivisions: s.list })
    }

    /// Reads the lists that Debian's `iso-codes` installs.
    pub fn system() -> Result<Gazetteer, Diagnostic> {
        let missing = |file: String, detail: String| Diagnostic {
            file,
            line: 1,
            column: 1,
            message: Message::new("events-iso-codes-missing").arg("detail", detail),
            help: Some(Message::new("events-iso-codes-missing-help")),
        };
        let read = |name: &str| {
            let path = format!("{ISO_CODES_DIR}/{name}");
            std::fs::read_to_string(&path).map_err(|e| missing(path, e.to_string()))
        };
        let (c, s) = (read("iso_3166-1.json")?, read("iso_3166-2.json")?);
        Gazetteer::from_json(&c, &s).map_err(|detail| missing(ISO_CODES_DIR.to_string(), detail))
    }

    /// The ISO name of a subdivision code.
    pub fn subdivision_name(&self, code: &str) -> Option<&str> {
        self.subdivisions.iter().find(|s| s.code == code).map(|s| s.name.as_str())
    }
}

/// The places an area covers, as its bundle lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaPlaces {
    /// The area.
    pub area: Id,
    /// ISO 3166-2 codes (`IQ-NI`), or a country's ISO 3166-1 code (`IQ`) for all of it.
    pub codes: Vec<String>,
    /// Other spellings of places it covers that have no ISO code (Halabja, made a
    /// governorate after the ISO list was written), with the country's code first:
    /// `IQ:Halabja`.
    pub names: Vec<String>,
}

impl AreaPlaces {
    /// The places an area of the case lists (`None` when it lists none).
    pub fn of(area: &tahawul_domain::Area) -> Option<AreaPlaces> {
        if area.places.is_empty() {
            return None;
        }
        let (names, codes): (Vec<String>, Vec<String>) = area.places.iter().cloned().partition(|p| p.contains(':'));
        Some(AreaPlaces { area: area.id.clone(), codes, names })
    }
}

/// The places of a case's areas, matched against Debian's ISO 3166 lists: what an import
/// needs to place events. Problems name the area and code (a bundle that `tahawul check`
/// accepts can still list a code the installed lists do not know).
pub fn places_of(areas: &[tahawul_domain::Area]) -> Result<Places, Vec<Diagnostic>> {
    let listed: Vec<AreaPlaces> = areas.iter().filter_map(AreaPlaces::of).collect();
    let problem = |message: Message, help: &'static str| Diagnostic {
        file: "case.toml".into(),
        line: 1,
        column: 1,
        message,
        help: Some(Message::new(help)),
    };
    if listed.is_empty() {
        return Err(vec![problem(Message::new("events-no-places"), "events-no-places-help")]);
    }
    let gazetteer = Gazetteer::system().map_err(|d| vec![d])?;
    Places::new(&gazetteer, &listed)
        .map_err(|problems| problems.into_iter().map(|m| problem(m, "bundle-bad-place-help")).collect())
}

/// A matched place: which areas count an event there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Not a country of any area: not counted, and not a problem.
    OtherCountry,
    /// In a country of the case's areas, counted for these areas (by their index in the list
    /// given to [`Places::new`]); empty when the event is placed only at country level and
    /// no area covers the whole country.
    Areas(Vec<usize>),
}

/// The case's areas with their places, ready to match events.
#[derive(Debug, Clone)]
pub struct Places {
    /// The areas, in the order given.
    pub areas: Vec<Id>,
    /// Forms of each area country's name and codes, normalised → alpha-2.
    countries: HashMap<String, String>,
    /// (alpha-2, normalised subdivision name) → the place key (ISO code, or `IQ:Halabja`).
    names: HashMap<(String, String), Vec<String>>,
    /// Each country's subdivisions as (normalised name, display name), for did-you-mean.
    known: BTreeMap<String, Vec<(String, String)>>,
    /// Place key → areas counting it.
    by_place: HashMap<String, Vec<usize>>,
    /// Alpha-2 → areas covering the whole country.
    whole: HashMap<String, Vec<usize>>,
}

/// Lowercase ASCII words without diacritics, place-type words (province, governorate…) or
/// Arabic articles: "Şalāḩ ad Dīn province" and "Salah al-Din" both become "salah din".
pub fn normalise(name: &str) -> String {
    let base = name.split('(').next().unwrap_or(name);
    let plain: String = base
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | '`' | 'ʿ' | 'ʾ'))
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' })
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    const TYPES: &[&str] = &["province", "governorate", "region", "state", "department", "prefecture", "muhafazat"];
    const ARTICLES: &[&str] = &["al", "an", "as", "ad", "ar", "az", "ash", "at", "el"];
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !TYPES.contains(w))
        .filter(|w| !ARTICLES.contains(w) || words.len() == 1)
        .collect();
    kept.join(" ")
}

impl Places {
    /// Matches the areas' codes against the gazetteer; an unknown code is a problem.
    pub fn new(gazetteer: &Gazetteer, areas: &[AreaPlaces]) -> Result<Places, Vec<Message>> {
        let mut problems = Vec::new();
        let mut places = Places {
            areas: areas.iter().map(|a| a.area.clone()).collect(),
            countries: HashMap::new(),
            names: HashMap::new(),
            known: BTreeMap::new(),
            by_place: HashMap::new(),
            whole: HashMap::new(),
        };
        let add_country = |alpha2: &str, places: &mut Places| -> bool {
            let Some(c) = gazetteer.countries.iter().find(|c| c.alpha_2 == alpha2) else { return false };
            for form in [Some(&c.name), c.common_name.as_ref(), c.official_name.as_ref()].into_iter().flatten() {
                places.countries.insert(normalise(form), c.alpha_2.clone());
            }
            places.countries.insert(c.alpha_3.to_ascii_lowercase(), c.alpha_2.clone());
            places.countries.insert(c.numeric.clone(), c.alpha_2.clone());
            if !places.known.contains_key(alpha2) {
                let prefix = format!("{alpha2}-");
                let subs: Vec<&Subdivision> =
                    gazetteer.subdivisions.iter().filter(|s| s.code.starts_with(&prefix)).collect();
                for s in &subs {
                    places.names.entry((alpha2.to_string(), normalise(&s.name))).or_default().push(s.code.clone());
                }
                for (code, spellings) in ALIASES.iter().filter(|(code, _)| code.starts_with(&prefix)) {
                    for spelling in *spellings {
                        let key = (alpha2.to_string(), normalise(spelling));
                        let codes = places.names.entry(key).or_default();
                        if !codes.iter().any(|c| c == code) {
                            codes.push(code.to_string());
                        }
                    }
                }
                places.known.insert(
                    alpha2.to_string(),
                    subs.iter().map(|s| (normalise(&s.name), format!("{} ({})", s.name, s.code))).collect(),
                );
            }
            true
        };
        for (i, area) in areas.iter().enumerate() {
            for code in &area.codes {
                let alpha2 = code.split('-').next().unwrap_or(code);
                if !add_country(alpha2, &mut places) {
                    problems.push(
                        Message::new("events-unknown-code").arg("area", area.area.as_str()).arg("code", code.as_str()),
                    );
                    continue;
                }
                if code.len() == 2 {
                    places.whole.entry(alpha2.to_string()).or_default().push(i);
                } else if gazetteer.subdivision_name(code).is_some() {
                    places.by_place.entry(code.clone()).or_default().push(i);
                } else {
                    problems.push(
                        Message::new("events-unknown-code").arg("area", area.area.as_str()).arg("code", code.as_str()),
                    );
                }
            }
            for named in &area.names {
                let Some((alpha2, name)) = named.split_once(':').filter(|(c, n)| c.len() == 2 && !n.trim().is_empty())
                else {
                    problems.push(
                        Message::new("events-bad-place-name")
                            .arg("area", area.area.as_str())
                            .arg("name", named.as_str()),
                    );
                    continue;
                };
                if !add_country(alpha2, &mut places) {
                    problems
                        .push(Message::new("events-unknown-code").arg("area", area.area.as_str()).arg("code", alpha2));
                    continue;
                }
                let key = format!("{alpha2}:{}", normalise(name));
                places.names.insert((alpha2.to_string(), normalise(name)), vec![key.clone()]);
                places.known.entry(alpha2.to_string()).or_default().push((normalise(name), name.trim().to_string()));
                places.by_place.entry(key).or_default().push(i);
            }
        }
        if problems.is_empty() { Ok(places) } else { Err(problems) }
    }

    /// The country of an event, when it is one of the areas' countries.
    pub fn country(&self, country: &str, code: Option<&str>) -> Option<&str> {
        code.and_then(|c| self.countries.get(&c.to_ascii_lowercase()))
            .or_else(|| self.countries.get(&normalise(country)))
            .map(String::as_str)
    }

    /// Where an event counts, or the problem with its subdivision's name.
    pub fn place(&self, country: &str, code: Option<&str>, admin1: &str) -> Result<Place, Message> {
        let Some(alpha2) = self.country(country, code) else { return Ok(Place::OtherCountry) };
        let mut areas = self.whole.get(alpha2).cloned().unwrap_or_default();
        if admin1.trim().is_empty() {
            return Ok(Place::Areas(areas));
        }
        let key = normalise(admin1);
        match self.names.get(&(alpha2.to_string(), key.clone())).map(Vec::as_slice) {
            Some([place]) => {
                for &a in self.by_place.get(place).into_iter().flatten() {
                    if !areas.contains(&a) {
                        areas.push(a);
                    }
                }
                Ok(Place::Areas(areas))
            }
            Some(several) => Err(Message::new("events-ambiguous-place")
                .arg("name", admin1)
                .arg("codes", several.join(", "))
                .arg("country", alpha2)),
            None => {
                let nearest = self.known.get(alpha2).and_then(|known| {
                    known
                        .iter()
                        .map(|(n, shown)| (strsim::jaro_winkler(&key, n), shown))
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .filter(|(score, _)| *score > 0.75)
                        .map(|(_, shown)| shown.clone())
                });
                Err(match nearest {
                    Some(s) => Message::new("events-unknown-place-suggest")
                        .arg("name", admin1)
                        .arg("country", alpha2)
                        .arg("suggestion", s),
                    None => Message::new("events-unknown-place").arg("name", admin1).arg("country", alpha2),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ged_and_acled_spellings_normalise_to_one_name() {
        assert_eq!(normalise("Şalāḩ ad Dīn province"), "salah din");
        assert_eq!(normalise("Salah al-Din"), "salah din");
        assert_eq!(normalise("Nīnawá province"), "ninawa");
        assert_eq!(normalise("Karbalā’"), "karbala");
        assert_eq!(normalise("Al Anbār"), "anbar");
        assert_eq!(normalise("Anbar"), "anbar");
        assert_eq!(normalise("Yemen (North Yemen)"), "yemen");
    }
}
