//! The rules every write of a record obeys, whichever way it comes in (API, pages, CLI
//! import): the only way to a record the store keeps is [`admit`] (or [`admit_delete`]),
//! which checks the change against the whole case with the bundle loader's own rules
//! ([`crate::bundle::check`]). So whatever is stored exports to a bundle that loads.
//!
//! Texts are bounded and free of control characters ([`text_problem`]), unknown fields are
//! refused with their JSON pointer, and a change that breaks another record (a reference to
//! a deleted area, a predecessor cycle, a gate naming an unknown indicator) is refused with
//! the record it would break.
//!
//! Why one file of about 680 lines: the code is under 500; the rest is its unit tests. It is
//! one path (read, apply, check against the whole case, say where), read top to bottom;
//! split by record kind it would scatter the one rule that applies to every kind.

use serde::de::DeserializeOwned;
use serde_json::Value;
use tahawul_i18n::Message;

use crate::bundle;
pub use crate::bundle::Kind;
use crate::diagnostic::Diagnostic;
use crate::model::*;

/// The most characters in a name, title or other short label.
pub const NAME_MAX_CHARS: usize = 200;
/// The most characters in any other text (narratives, descriptions, decisions, minutes).
pub const TEXT_MAX_CHARS: usize = 20_000;
/// The most characters in one language of a joint statement: a statement is a whole
/// communiqué, often several pages, and its versions are compared with a bounded diff.
pub const STATEMENT_MAX_CHARS: usize = 100_000;

/// Fields (JSON and bundle keys alike) that hold a short label, limited to [`NAME_MAX_CHARS`].
const SHORT_FIELDS: [&str; 10] =
    ["name", "title", "outlet", "kind", "says", "theme", "place", "label", "display_name", "unit"];

/// The most characters the field `key` may hold.
pub fn max_chars(key: &str) -> usize {
    max_chars_within(key, TEXT_MAX_CHARS)
}

/// The most characters the field `key` may hold when long texts may hold `long`.
fn max_chars_within(key: &str, long: usize) -> usize {
    if SHORT_FIELDS.contains(&key) { NAME_MAX_CHARS } else { long }
}

/// Whether `c` is a control character that no text may hold: C0 (ESC included) but tab and
/// line feed, DEL, and C1. They would let a text rewrite a terminal (fake CLI output) or
/// hide content; a carriage return is allowed only as part of CR LF (form posts send it).
fn forbidden(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        c => c.is_control(),
    }
}

/// What is wrong with a text that may hold `max` characters; `None` when it is fine.
pub fn text_problem(s: &str, max: usize) -> Option<Message> {
    let mut chars = s.chars().peekable();
    let mut n = 0usize;
    while let Some(c) = chars.next() {
        n += 1;
        if forbidden(c, chars.peek().copied()) {
            return Some(
                Message::new("rules-text-control").arg("code", format!("U+{:04X}", c as u32)).arg("position", n),
            );
        }
    }
    (n > max).then(|| Message::new("rules-text-too-long").arg("max", max).arg("count", n))
}

/// One rule a write breaks: where in the record's JSON body (a JSON pointer, `""` for the
/// record as a whole), what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// JSON pointer into the record's body (`/narrative/en`).
    pub pointer: String,
    /// What is wrong.
    pub message: Message,
    /// How to fix it.
    pub help: Option<Message>,
}

impl Violation {
    fn at(pointer: impl Into<String>, message: Message, help: Option<Message>) -> Violation {
        Violation { pointer: pointer.into(), message, help }
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every string of a JSON body that is too long or holds a control character, by pointer.
/// A string's limit is that of the nearest field naming it (`/name/en` → `name`).
pub fn check_texts(body: &Value) -> Vec<Violation> {
    check_texts_within(body, TEXT_MAX_CHARS)
}

/// [`check_texts`], with long texts limited to `long` characters.
fn check_texts_within(body: &Value, long: usize) -> Vec<Violation> {
    fn walk(v: &Value, pointer: &mut String, field: &str, long: usize, out: &mut Vec<Violation>) {
        match v {
            Value::String(s) => {
                if let Some(m) = text_problem(s, max_chars_within(field, long)) {
                    out.push(Violation::at(pointer.clone(), m, Some(Message::new("rules-text-help"))));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push_str(&format!("/{i}"));
                    walk(item, pointer, field, long, out);
                    pointer.truncate(len);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape(k));
                    // A text's languages take the limit of the field holding the text.
                    let named = if k == "en" || k == "ar" { field } else { k.as_str() };
                    walk(item, pointer, named, long, out);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(body, &mut String::new(), "", long, &mut out);
    out
}

/// The JSON pointer of a path serde_ignored reports.
fn ignored_pointer(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}/{index}", ignored_pointer(parent)),
        Path::Map { parent, key } => format!("{}/{}", ignored_pointer(parent), escape(key)),
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
            ignored_pointer(parent)
        }
    }
}

/// The JSON pointer of a path serde_path_to_error reports.
fn error_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", escape(key))),
            Segment::Enum { variant } => out.push_str(&format!("/{variant}")),
            Segment::Unknown => {}
        }
    }
    out
}

/// Reads a record body as its domain type: its texts bounded and clean, every field known
/// (an unknown one is refused at its pointer, not silently dropped), every value of its type.
pub fn read<T: DeserializeOwned>(body: &Value) -> Result<T, Vec<Violation>> {
    read_within(body, TEXT_MAX_CHARS)
}

/// [`read`] for a version of a joint statement, whose texts may hold
/// [`STATEMENT_MAX_CHARS`].
pub fn read_statement<T: DeserializeOwned>(body: &Value) -> Result<T, Vec<Violation>> {
    read_within(body, STATEMENT_MAX_CHARS)
}

fn read_within<T: DeserializeOwned>(body: &Value, long: usize) -> Result<T, Vec<Violation>> {
    let mut problems = check_texts_within(body, long);
    let mut unknown = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| unknown.push(ignored_pointer(&path));
    let parsed = serde_path_to_error::deserialize::<_, T>(serde_ignored::Deserializer::new(body, &mut note));
    for pointer in unknown {
        let field = pointer.rsplit('/').next().unwrap_or("").to_string();
        problems.push(Violation::at(
            pointer,
            Message::new("rules-unknown-field").arg("field", field),
            Some(Message::new("rules-unknown-field-help")),
        ));
    }
    match parsed {
        Ok(v) if problems.is_empty() => Ok(v),
        Ok(_) => Err(problems),
        Err(e) => {
            let pointer = error_pointer(e.path());
            problems.push(Violation::at(
                pointer,
                Message::new("rules-unreadable").arg("reason", e.into_inner().to_string()),
                Some(Message::new("rules-unreadable-help")),
            ));
            Err(problems)
        }
    }
}

/// A record of the case, read and checked (the one way to get one is [`admit`]).
#[derive(Debug, Clone)]
pub struct Admitted {
    kind: Kind,
    id: String,
    body: Value,
}

impl Admitted {
    /// Its kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// Its id (`factor.indicator` for indicators).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its body, as checked.
    pub fn body(&self) -> &Value {
        &self.body
    }
    /// Its body, as checked.
    pub fn into_body(self) -> Value {
        self.body
    }
}

impl Kind {
    /// Every kind of record a case holds.
    pub const ALL: [Kind; 14] = [
        Kind::Document,
        Kind::Party,
        Kind::Person,
        Kind::Area,
        Kind::Factor,
        Kind::Scale,
        Kind::Publisher,
        Kind::Method,
        Kind::Indicator,
        Kind::Assessment,
        Kind::Round,
        Kind::Commitment,
        Kind::Phase,
        Kind::Scenario,
    ];

    /// The name of its tables in the bundle (`[[phase]]`).
    pub fn table(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Party => "party",
            Kind::Person => "person",
            Kind::Area => "area",
            Kind::Factor => "factor",
            Kind::Scale => "scale",
            Kind::Publisher => "publisher",
            Kind::Method => "method",
            Kind::Indicator => "indicator",
            Kind::Assessment => "assessment",
            Kind::Round => "round",
            Kind::Commitment => "commitment",
            Kind::Phase => "phase",
            Kind::Scenario => "scenario",
        }
    }

    /// Whether observations refer to records of this kind (a change to one is checked with
    /// the observations; any other change without them, which is much quicker).
    pub fn observed(self) -> bool {
        matches!(
            self,
            Kind::Area | Kind::Publisher | Kind::Method | Kind::Document | Kind::Indicator | Kind::Scale | Kind::Factor
        )
    }

    /// Whether an assessment's problems can depend on records of this kind: its factor (and
    /// so whether the factor has a rating scale), that scale's levels, its area and its
    /// evidence. A change to any other kind is checked without the assessments.
    pub fn assessed(self) -> bool {
        matches!(self, Kind::Factor | Kind::Scale | Kind::Area | Kind::Document)
    }
}

/// Puts a record's body into `case` where assembling the records again would put it: in
/// place when a record of that kind and id is there, last of its kind when new; `None`
/// removes it. The body must read as the kind's domain type.
pub fn apply(case: &mut Case, kind: Kind, id: &str, body: Option<&Value>) -> Result<(), serde_json::Error> {
    fn put<T: DeserializeOwned>(
        items: &mut Vec<T>,
        is: impl Fn(&T) -> bool,
        body: Option<&Value>,
    ) -> Result<(), serde_json::Error> {
        let at = items.iter().position(is);
        let parsed = body.map(T::deserialize).transpose()?;
        match (parsed, at) {
            (Some(v), Some(i)) => items[i] = v,
            (Some(v), None) => items.push(v),
            (None, Some(i)) => drop(items.remove(i)),
            (None, None) => {}
        }
        Ok(())
    }
    match kind {
        Kind::Party => put(&mut case.parties, |x: &Party| x.id.as_str() == id, body),
        Kind::Person => put(&mut case.people, |x: &Person| x.id.as_str() == id, body),
        Kind::Area => put(&mut case.areas, |x: &Area| x.id.as_str() == id, body),
        Kind::Factor => put(&mut case.factors, |x: &Factor| x.id.as_str() == id, body),
        Kind::Scale => put(&mut case.scales, |x: &Scale| x.id.as_str() == id, body),
        Kind::Publisher => put(&mut case.publishers, |x: &Publisher| x.id.as_str() == id, body),
        Kind::Method => put(&mut case.methods, |x: &Method| x.id.as_str() == id, body),
        Kind::Indicator => put(
            &mut case.indicators,
            |x: &Indicator| id.split_once('.') == Some((x.factor.as_str(), x.id.as_str())),
            body,
        ),
        Kind::Assessment => put(&mut case.assessments, |x: &Assessment| x.id.as_str() == id, body),
        Kind::Phase => put(&mut case.phases, |x: &Phase| x.id.as_str() == id, body),
        Kind::Round => put(&mut case.rounds, |x: &Round| x.id.as_str() == id, body),
        Kind::Commitment => put(&mut case.commitments, |x: &Commitment| x.id.as_str() == id, body),
        Kind::Document => put(&mut case.documents, |x: &Document| x.id.as_str() == id, body),
        Kind::Scenario => put(&mut case.scenarios, |x: &Scenario| x.id.as_str() == id, body),
    }
}

/// Reads `body` as the domain type of `kind` and returns the id it carries.
pub fn read_as(kind: Kind, body: &Value) -> Result<String, Vec<Violation>> {
    Ok(match kind {
        Kind::Party => read::<Party>(body)?.id.to_string(),
        Kind::Person => read::<Person>(body)?.id.to_string(),
        Kind::Area => read::<Area>(body)?.id.to_string(),
        Kind::Factor => read::<Factor>(body)?.id.to_string(),
        Kind::Scale => read::<Scale>(body)?.id.to_string(),
        Kind::Publisher => read::<Publisher>(body)?.id.to_string(),
        Kind::Method => read::<Method>(body)?.id.to_string(),
        Kind::Indicator => read::<Indicator>(body)?.qualified_name(),
        Kind::Assessment => read::<Assessment>(body)?.id.to_string(),
        Kind::Phase => read::<Phase>(body)?.id.to_string(),
        Kind::Round => read::<Round>(body)?.id.to_string(),
        Kind::Commitment => read::<Commitment>(body)?.id.to_string(),
        Kind::Document => read::<Document>(body)?.id.to_string(),
        Kind::Scenario => read::<Scenario>(body)?.id.to_string(),
    })
}

/// The part of `case` a change to the record `id` of `kind` is checked against: every
/// record of the kinds a change can break or be broken by, which is all of the case but
/// its two growing parts, observations and assessments.
///
/// - Observations only when they can refer to that kind.
/// - Assessments only when their problems can depend on that kind ([`Kind::assessed`]);
///   for a change to an assessment, that assessment alone. Nothing refers to an assessment,
///   and its rules read only its own fields and the records it refers to, so the others'
///   problems are the same before and after the change and would cancel out in
///   [`new_problems`]: leaving them out gives the same answer without rendering and
///   reading back every assessment for each one written (which made each assessment
///   write cost time in proportion to the assessments already stored, under the writers'
///   lock; issue 13's load test).
fn scope(case: &Case, kind: Kind, id: &str) -> Case {
    if kind == Kind::Assessment {
        return assessment_scope(case, id);
    }
    let observations = if kind.observed() { case.observations.clone() } else { Default::default() };
    let assessments = if kind.assessed() { case.assessments.clone() } else { Default::default() };
    case.with_parts(observations, assessments)
}

/// The part of `case` a change to the assessment `id` is checked against: that assessment
/// and the structure its rules read (factor, rating scale, area, evidence) with what those
/// refer to in turn (working groups' people, parties, indicators and their publishers and
/// methods), but not the dialogue (rounds, commitments), the phases or the scenarios.
/// Those refer to the structure, never the other way round, and none of them refers to an
/// assessment, so their problems are the same before and after the change, as the other
/// assessments' are. Leaving them out keeps the writers' lock from rendering and reading
/// back every round (and verifying every signed minute) for each assessment written: that
/// was most of an assessment write's time in issue 13's load test.
fn assessment_scope(case: &Case, id: &str) -> Case {
    Case {
        id: case.id.clone(),
        name: case.name.clone(),
        description: case.description.clone(),
        parties: case.parties.clone(),
        people: case.people.clone(),
        areas: case.areas.clone(),
        factors: case.factors.clone(),
        scales: case.scales.clone(),
        publishers: case.publishers.clone(),
        methods: case.methods.clone(),
        indicators: case.indicators.clone(),
        observations: Default::default(),
        assessments: case.assessments.iter().filter(|a| a.id.as_str() == id).cloned().collect(),
        phases: Vec::new(),
        rounds: Vec::new(),
        commitments: Vec::new(),
        documents: case.documents.clone(),
        scenarios: Vec::new(),
    }
}

/// Checks creating or replacing the record `id` of `kind` with `body` against `case` (the
/// case as stored): the body reads as its type (see [`read`]) and the case with it in place
/// passes every rule of the bundle loader. Problems the case already had are not this
/// write's (they do not block fixing them); every new one is, located in the body when it
/// is there, or naming the record it would break.
pub fn admit(case: &Case, kind: Kind, id: &str, body: &Value) -> Result<Admitted, Vec<Violation>> {
    let body_id = read_as(kind, body)?;
    if body_id != id {
        return Err(vec![Violation::at(
            if kind == Kind::Indicator { "" } else { "/id" },
            Message::new("rules-id-mismatch").arg("body", body_id).arg("id", id),
            Some(Message::new("rules-id-mismatch-help")),
        )]);
    }
    let before = scope(case, kind, id);
    let mut after = before.clone();
    apply(&mut after, kind, id, Some(body))
        .map_err(|e| vec![Violation::at("", Message::new("rules-unreadable").arg("reason", e.to_string()), None)])?;
    new_problems(&before, &after, kind, id, false)?;
    Ok(Admitted { kind, id: id.to_string(), body: body.clone() })
}

/// Checks deleting the record `id` of `kind` from `case`: refused while another record
/// refers to it (each such record is named) or the case would otherwise stop loading.
pub fn admit_delete(case: &Case, kind: Kind, id: &str) -> Result<(), Vec<Violation>> {
    let before = scope(case, kind, id);
    let mut after = before.clone();
    // Removing never reads a body, so it cannot fail.
    let _ = apply(&mut after, kind, id, None);
    new_problems(&before, &after, kind, id, true)
}

/// The problems `after` has that `before` did not, located.
fn new_problems(before: &Case, after: &Case, kind: Kind, id: &str, deleting: bool) -> Result<(), Vec<Violation>> {
    // Changing signed minutes is not refused: the round shows the change and the heads
    // sign again (see `minutes::check_round_edit`); the signatures themselves are guarded.
    let (mut found, files) = bundle::check_rendered_allowing_tampered_minutes(after);
    if found.is_empty() {
        return Ok(());
    }
    // Problems already there are not this write's (compared by what they say: a problem's
    // place moves when records before it change).
    for old in bundle::check_rendered_allowing_tampered_minutes(before).0 {
        if let Some(i) = found.iter().position(|d| d.message == old.message && d.help == old.help) {
            found.remove(i);
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    Err(found.into_iter().map(|d| locate(&d, &files, kind, id, deleting)).collect())
}

/// Where a bundle problem is in terms of records: the record whose table holds the line
/// (`(table, id)`) and the field of that record named on the line or above it.
fn record_at(text: &str, line: u32) -> Option<(String, String, Option<String>)> {
    let lines: Vec<&str> = text.lines().collect();
    let at = (line as usize).checked_sub(1)?.min(lines.len().checked_sub(1)?);
    let mut field = None;
    let mut nested = false;
    for i in (0..=at).rev() {
        let l = lines[i].trim_start();
        if let Some(h) = l.strip_prefix("[[").and_then(|h| h.split_once("]]")).map(|(h, _)| h.trim()) {
            if h.contains('.') {
                nested = true;
                continue;
            }
            let key = |k: &str| {
                lines[i + 1..].iter().take_while(|l| !l.trim_start().starts_with('[')).find_map(|l| {
                    let (name, v) = l.split_once('=')?;
                    (name.trim() == k).then(|| v.trim().trim_matches('"').to_string())
                })
            };
            let own = key("id").unwrap_or_default();
            let id = match (h, key("factor")) {
                ("indicator", Some(f)) => format!("{f}.{own}"),
                _ => own,
            };
            return Some((h.to_string(), id, if nested { None } else { field }));
        }
        if l.starts_with('[') {
            nested = true;
            continue;
        }
        if field.is_none()
            && let Some((name, _)) = l.split_once('=')
            && !name.trim().is_empty()
            && name.trim().bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        {
            field = Some(name.trim().to_string());
        }
    }
    None
}

/// A bundle problem as a violation of the write to (`kind`, `id`).
fn locate(d: &Diagnostic, files: &[(String, String)], kind: Kind, id: &str, deleting: bool) -> Violation {
    let place = files.iter().find(|(n, _)| *n == d.file).and_then(|(_, text)| record_at(text, d.line));
    match place {
        Some((table, rid, field)) if !deleting && table == kind.table() && rid == id => Violation::at(
            field.map(|f| format!("/{}", escape(&f))).unwrap_or_default(),
            d.message.clone(),
            d.help.clone(),
        ),
        Some((table, rid, _)) => {
            let other =
                Kind::ALL.into_iter().find(|k| k.table() == table).map_or(Message::new("kind-record"), |k| k.message());
            Violation::at(
                "",
                Message::new("rules-breaks-record").arg("kind", other).arg("id", rid).arg("problem", d.message.clone()),
                Some(Message::new(if deleting { "rules-in-use-help" } else { "rules-breaks-record-help" })),
            )
        }
        None if d.file.starts_with("observations/") => Violation::at(
            "",
            Message::new("rules-breaks-observations").arg("problem", d.message.clone()),
            Some(Message::new("rules-breaks-observations-help")),
        ),
        None => Violation::at("", d.message.clone(), d.help.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn founding_case() -> Case {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
        crate::bundle::load(&dir).expect("the founding case loads")
    }

    fn body<T: serde::Serialize>(v: &T) -> Value {
        serde_json::to_value(v).expect("serializes")
    }

    #[test]
    fn control_characters_are_refused_but_tab_and_newlines_are_not() {
        assert!(text_problem("a\tb\nc\r\nd", 100).is_none());
        assert_eq!(text_problem("ok\u{1b}[2J", 100).map(|m| m.id), Some("rules-text-control"));
        assert_eq!(text_problem("bare\rreturn", 100).map(|m| m.id), Some("rules-text-control"));
        assert_eq!(text_problem("c1\u{85}", 100).map(|m| m.id), Some("rules-text-control"));
        assert_eq!(text_problem("nul\0", 100).map(|m| m.id), Some("rules-text-control"));
    }

    #[test]
    fn texts_over_their_field_limit_are_refused_at_their_pointer() {
        let long_name = "x".repeat(NAME_MAX_CHARS + 1);
        let v =
            serde_json::json!({ "name": { "en": long_name, "ar": "اسم" }, "narrative": { "en": "y".repeat(5000) } });
        let problems = check_texts(&v);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].pointer, "/name/en");
        assert_eq!(problems[0].message.id, "rules-text-too-long");
    }

    #[test]
    fn an_unknown_field_is_refused_with_its_pointer() {
        let case = founding_case();
        let mut a = body(&case.assessments[0]);
        a["narrative"]["fr"] = "bonjour".into();
        a["extra"] = 1.into();
        let e = read::<Assessment>(&a).unwrap_err();
        let pointers: Vec<&str> = e.iter().map(|v| v.pointer.as_str()).collect();
        assert!(pointers.contains(&"/extra"), "{pointers:?}");
        assert!(pointers.contains(&"/narrative/fr"), "{pointers:?}");
    }

    #[test]
    fn an_off_scale_rating_is_refused_at_the_rating() {
        let case = founding_case();
        let a = &case.assessments[0];
        let mut b = body(a);
        b["rating"] = "stellar".into();
        let e = admit(&case, Kind::Assessment, a.id.as_str(), &b).unwrap_err();
        assert_eq!(e[0].pointer, "/rating", "{e:?}");
        assert_eq!(e[0].message.id, "bundle-unknown-level");
    }

    #[test]
    fn an_unchanged_record_is_admitted() {
        let case = founding_case();
        let p = &case.phases[0];
        assert!(admit(&case, Kind::Phase, p.id.as_str(), &body(p)).is_ok());
    }

    #[test]
    fn a_predecessor_cycle_is_refused() {
        let case = founding_case();
        let Some(later) = case.phases.iter().find(|p| !p.predecessors.is_empty()) else {
            panic!("the founding case has phases with predecessors");
        };
        let first = case.phase(later.predecessors[0].as_str()).expect("predecessor exists");
        let mut b = body(first);
        b["predecessors"] = serde_json::json!([later.id.as_str()]);
        let e = admit(&case, Kind::Phase, first.id.as_str(), &b).unwrap_err();
        assert!(e.iter().any(|v| v.message.id == "bundle-phase-cycle"), "{e:?}");
    }

    #[test]
    fn deleting_an_area_in_use_names_the_record_using_it() {
        let case = founding_case();
        let area = case.phases[0].areas[0].clone();
        let e = admit_delete(&case, Kind::Area, area.as_str()).unwrap_err();
        assert!(
            e.iter().all(|v| v.message.id == "rules-breaks-record" || v.message.id == "rules-breaks-observations"),
            "{e:?}"
        );
    }

    /// The check of the whole case, as it was before [`scope`] left out what a kind's change
    /// cannot break: the reference [`admit`] and [`admit_delete`] must agree with.
    fn whole_case_check(case: &Case, kind: Kind, id: &str, body: Option<&Value>) -> Result<(), Vec<Violation>> {
        if let Some(b) = body {
            read_as(kind, b)?;
        }
        let mut after = case.clone();
        apply(&mut after, kind, id, body).expect("the body reads");
        new_problems(case, &after, kind, id, body.is_none())
    }

    /// What a check says, without where: the problem of each violation (a problem another
    /// record breaks on is its `problem` argument), sorted.
    fn verdict(r: Result<(), Vec<Violation>>) -> Option<Vec<String>> {
        let Err(v) = r else { return None };
        let problem = |v: &Violation| match v.message.args.iter().find(|(k, _)| *k == "problem") {
            Some((_, tahawul_i18n::Arg::Msg(m))) => format!("{m:?}"),
            _ => format!("{:?}", v.message),
        };
        let mut out: Vec<String> = v.iter().map(problem).collect();
        out.sort();
        Some(out)
    }

    #[test]
    fn leaving_out_the_other_assessments_answers_as_the_whole_case_does() {
        let mut case = founding_case();
        case.observations.clear();
        let first = case.assessments[0].clone();
        // Stored assessments besides the one written, one of them with a problem of its own
        // (an off-scale rating), as a case imported before a rule existed may hold.
        for n in 0..40 {
            let mut a = first.clone();
            a.id = Id::parse(&format!("stored-{n}")).expect("an id");
            if n == 7 {
                a.rating = Id::parse("stellar").expect("an id");
            }
            case.assessments.push(a);
        }
        let mut writes: Vec<(Kind, String, Option<Value>)> = Vec::new();
        let a = body(&first);
        let edit = |key: &str, v: Value| {
            let mut b = a.clone();
            b[key] = v;
            b
        };
        writes.push((Kind::Assessment, first.id.to_string(), Some(a.clone())));
        writes.push((Kind::Assessment, first.id.to_string(), Some(edit("rating", "stellar".into()))));
        writes.push((Kind::Assessment, first.id.to_string(), Some(edit("area", "bagdad".into()))));
        writes.push((Kind::Assessment, first.id.to_string(), Some(edit("factor", "nonesuch".into()))));
        writes.push((Kind::Assessment, first.id.to_string(), Some(edit("evidence", serde_json::json!(["no-doc"])))));
        let mut new = edit("id", "a-new-one".into());
        writes.push((Kind::Assessment, "a-new-one".into(), Some(new.clone())));
        new["rating"] = "stellar".into();
        writes.push((Kind::Assessment, "a-new-one".into(), Some(new)));
        writes.push((Kind::Assessment, first.id.to_string(), None));
        // Changes the assessments' problems depend on: their factor's rating scale, its
        // levels, their area and evidence.
        let factor = case.factor(first.factor.as_str()).expect("the factor exists").clone();
        let mut f = body(&factor);
        f["rating_scale"] = Value::Null;
        writes.push((Kind::Factor, factor.id.to_string(), Some(f)));
        let scale_id = factor.rating_scale.clone().expect("the factor has a rating scale");
        let scale = case.scales.iter().find(|s| s.id == scale_id).expect("the scale exists").clone();
        let mut sc = body(&scale);
        let last = sc["versions"].as_array().map_or(0, |v| v.len()) - 1;
        let levels = sc["versions"][last]["levels"].as_array_mut().expect("levels");
        levels.retain(|l| l["id"] != first.rating.as_str());
        writes.push((Kind::Scale, scale.id.to_string(), Some(sc)));
        writes.push((Kind::Area, first.area.to_string(), None));
        if let Some(doc) = first.evidence.first() {
            writes.push((Kind::Document, doc.to_string(), None));
        }
        // Changes they cannot depend on.
        let p = &case.phases[0];
        writes.push((Kind::Phase, p.id.to_string(), Some(body(p))));
        let mut refused = 0;
        for (kind, id, b) in &writes {
            let scoped = match b {
                Some(b) => admit(&case, *kind, id, b).map(|_| ()),
                None => admit_delete(&case, *kind, id),
            };
            let whole = whole_case_check(&case, *kind, id, b.as_ref());
            refused += usize::from(whole.is_err());
            // The same problems; where they are may differ, in the scoped check's favour: the
            // whole case's check takes a problem the stored `stored-7` already had for the
            // written one's and so blames `stored-7` for the written off-scale rating.
            assert_eq!(verdict(scoped), verdict(whole), "{kind:?} {id} {b:?}");
        }
        let mut off_scale = a.clone();
        off_scale["rating"] = "stellar".into();
        let e = admit(&case, Kind::Assessment, first.id.as_str(), &off_scale).unwrap_err();
        assert_eq!((e[0].pointer.as_str(), e[0].message.id), ("/rating", "bundle-unknown-level"), "{e:?}");
        // The comparison means something only if both answers occur.
        assert!(refused >= 6 && refused < writes.len(), "{refused} of {}", writes.len());
    }

    /// The assessment scope leaves out kinds on the promise that nothing it keeps refers to
    /// them: if that stopped holding, the founding case's scope would have problems of its
    /// own (every write would then be checked twice, and a reference could go unchecked).
    #[test]
    fn an_assessment_is_checked_against_a_part_of_the_case_that_stands_alone() {
        let case = founding_case();
        let a = &case.assessments[0];
        let part = scope(&case, Kind::Assessment, a.id.as_str());
        assert_eq!(part.assessments.len(), 1);
        assert!(part.rounds.is_empty() && part.commitments.is_empty() && part.phases.is_empty());
        let (problems, _) = bundle::check_rendered_allowing_tampered_minutes(&part);
        assert!(problems.is_empty(), "{problems:?}");
        // The dialogue is left out, yet a write that breaks what the assessment reads is refused.
        let mut b = body(a);
        b["evidence"] = serde_json::json!(["no-such-document"]);
        assert!(admit(&case, Kind::Assessment, a.id.as_str(), &b).is_err());
    }

    #[test]
    fn deleting_an_unused_scenario_is_admitted() {
        let case = founding_case();
        if let Some(s) = case.scenarios.first() {
            assert!(admit_delete(&case, Kind::Scenario, s.id.as_str()).is_ok());
        }
    }
}
