//! `imports.toml` (optional): how event datasets (UCDP GED, ACLED) feed monthly indicators.

use std::collections::HashMap;

use tahawul_i18n::Message;
use toml_edit::{Array, Item, Value};

use super::Draft;
use super::indicators::read_indicator_ref;
use super::reader::{Root, TomlFile, root_table};
use super::registry::{Kind, Refs};
use super::write::{T, array, doc};
use crate::model::*;

/// The keys of an `[[import]]` table.
const IMPORT_KEYS: [&str; 15] = [
    "id",
    "indicator",
    "dataset",
    "publisher",
    "method",
    "measure",
    "type_of_violence",
    "event_types",
    "sub_event_types",
    "actor_contains",
    "max_date_precision",
    "max_place_precision",
    "spanning",
    "from",
    "to",
];

/// `imports.toml`: each `[[import]]` names the indicator it feeds, which keeps it. Indicators
/// are read before (indicators.toml), so a definition's indicator is checked here.
pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    use crate::event_import::{Dataset, ImportDefinition, Measure, Spanning};
    let Some(root) = root_table(root, &["import"]) else {
        return;
    };
    f.check_keys(&root);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in f.tables(&root, "import", &IMPORT_KEYS) {
        let id = f.id(&t, "id");
        if let Some((id, span)) = &id {
            if let Some(&first) = seen.get(id.as_str()) {
                let (line, _) = f.src.line_col(first);
                f.err(
                    span.start,
                    Message::new("bundle-duplicate-id")
                        .arg("kind", Message::new("kind-import"))
                        .arg("id", id.as_str())
                        .arg("line", line),
                    Some(Message::new("bundle-duplicate-id-help")),
                );
            } else {
                seen.insert(id.to_string(), span.start);
            }
        }
        let target = read_indicator_ref(f, refs, &t, "indicator");
        let datasets: Vec<(&'static str, Dataset)> = Dataset::ALL.iter().map(|d| (d.as_str(), *d)).collect();
        let dataset = f.choice(&t, "dataset", &datasets, true);
        let publisher = f.id(&t, "publisher");
        refs.refer_one(Kind::Publisher, &publisher);
        let method = f.id(&t, "method");
        refs.refer_one(Kind::Method, &method);
        let measure = f.choice(&t, "measure", &Measure::ALL, true);
        let spanning = f.choice(&t, "spanning", &Spanning::ALL, false).unwrap_or_default();
        let type_of_violence = f.ints(&t, "type_of_violence", 1..4);
        let event_types = f.strs(&t, "event_types");
        let sub_event_types = f.strs(&t, "sub_event_types");
        let actor_contains = f.strs(&t, "actor_contains");
        // A column of the other dataset would silently match nothing: refuse it.
        let only_for = |key: &str, wanted: Dataset, used: bool, f: &mut TomlFile<'i>| {
            if used && dataset.is_some_and(|d| d != wanted) {
                let at = t.table.get(key).map_or(t.span.start, |v| v.span().start);
                f.err(
                    at,
                    Message::new("bundle-import-other-dataset").arg("key", key).arg("dataset", wanted.as_str()),
                    Some(Message::new("bundle-import-other-dataset-help")),
                );
            }
        };
        only_for("type_of_violence", Dataset::UcdpGed, !type_of_violence.is_empty(), f);
        only_for("event_types", Dataset::Acled, !event_types.is_empty(), f);
        only_for("sub_event_types", Dataset::Acled, !sub_event_types.is_empty(), f);
        let ds = dataset.unwrap_or(Dataset::UcdpGed);
        let date_max = i64::from(ImportDefinition::date_precision_max(ds));
        let place_max = i64::from(ImportDefinition::place_precision_max(ds));
        let max_date_precision = f.opt_int(&t, "max_date_precision", 1..date_max + 1);
        let max_place_precision = f.opt_int(&t, "max_place_precision", 1..place_max + 1);
        let from = f.opt_month(&t, "from");
        let to = f.opt_month(&t, "to");
        if let (Some((a, _)), Some((b, span))) = (&from, &to)
            && b < a
        {
            f.err(
                span.start,
                Message::new("bundle-import-months-order").arg("from", a.to_string()).arg("to", b.to_string()),
                None,
            );
        }
        // The figures are monthly counts or sums: the indicator must hold such values.
        let held = target.as_ref().and_then(|(fa, ind, span)| {
            d.indicators.iter().position(|i| &i.factor == fa && &i.id == ind).map(|at| (at, span.clone()))
        });
        if let Some((at, span)) = &held {
            let i = &d.indicators[*at];
            if !matches!(i.kind, IndicatorKind::Count | IndicatorKind::Number) || i.frequency != crate::Frequency::Month
            {
                f.err(
                    span.start,
                    Message::new("bundle-import-indicator-kind").arg("indicator", i.qualified_name()),
                    Some(Message::new("bundle-import-indicator-kind-help")),
                );
            }
        }
        if let (Some(id), Some(dataset), Some(publisher), Some(method), Some(measure), Some((at, _))) =
            (id, dataset, publisher, method, measure, held)
        {
            d.indicators[at].imports.push(ImportDefinition {
                id: id.0,
                dataset,
                publisher: publisher.0,
                method: method.0,
                measure,
                type_of_violence: type_of_violence.into_iter().map(|(n, _)| n as u8).collect(),
                event_types: event_types.into_iter().map(|(s, _)| s).collect(),
                sub_event_types: sub_event_types.into_iter().map(|(s, _)| s).collect(),
                actor_contains: actor_contains.into_iter().map(|(s, _)| s).collect(),
                max_date_precision: max_date_precision.map(|(n, _)| n as u8),
                max_place_precision: max_place_precision.map(|(n, _)| n as u8),
                spanning,
                from: from.map(|(m, _)| m),
                to: to.map(|(m, _)| m),
            });
        }
    }
}

/// `imports.toml` as written from a case: none when no indicator has an import definition.
pub(super) fn render(case: &Case) -> Option<String> {
    // Only a case with import definitions has the file: the bundles written before it existed
    // stay as they were, byte for byte.
    let imports: Vec<T> = case
        .indicators
        .iter()
        .flat_map(|i| i.imports.iter().map(move |d| (i, d)))
        .map(|(i, d)| import_table(&i.qualified_name(), d))
        .collect();
    if imports.is_empty() { None } else { Some(doc(vec![("import", array(imports))])) }
}

/// One `[[import]]` table.
fn import_table(indicator: &str, d: &crate::event_import::ImportDefinition) -> T {
    let mut t = T::default()
        .s("id", d.id.as_str())
        .s("indicator", indicator)
        .s("dataset", d.dataset.as_str())
        .s("publisher", d.publisher.as_str())
        .s("method", d.method.as_str())
        .s("measure", d.measure.as_str());
    if !d.type_of_violence.is_empty() {
        let mut a = Array::new();
        for v in &d.type_of_violence {
            a.push(i64::from(*v));
        }
        t = t.item("type_of_violence", Item::Value(Value::Array(a)));
    }
    t = t.strs("event_types", &d.event_types).strs("sub_event_types", &d.sub_event_types);
    t = t.strs("actor_contains", &d.actor_contains);
    if let Some(p) = d.max_date_precision {
        t = t.i("max_date_precision", i64::from(p));
    }
    if let Some(p) = d.max_place_precision {
        t = t.i("max_place_precision", i64::from(p));
    }
    if d.spanning != crate::event_import::Spanning::Skip {
        t = t.s("spanning", d.spanning.as_str());
    }
    t.os("from", d.from.map(|m| m.to_string())).os("to", d.to.map(|m| m.to_string()))
}
