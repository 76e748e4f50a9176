//! The shipped Fluent files. Each area of the product has its own file so that people
//! working on different parts do not edit the same one.

use crate::Lang;

/// Every shipped resource: (file name, English source, Arabic source).
pub const RESOURCES: &[(&str, &str, &str)] = &[
    ("common.ftl", include_str!("../locales/en/common.ftl"), include_str!("../locales/ar/common.ftl")),
    ("bundle.ftl", include_str!("../locales/en/bundle.ftl"), include_str!("../locales/ar/bundle.ftl")),
    ("gate.ftl", include_str!("../locales/en/gate.ftl"), include_str!("../locales/ar/gate.ftl")),
    ("status.ftl", include_str!("../locales/en/status.ftl"), include_str!("../locales/ar/status.ftl")),
    ("forecast.ftl", include_str!("../locales/en/forecast.ftl"), include_str!("../locales/ar/forecast.ftl")),
    ("cli.ftl", include_str!("../locales/en/cli.ftl"), include_str!("../locales/ar/cli.ftl")),
    ("service.ftl", include_str!("../locales/en/service.ftl"), include_str!("../locales/ar/service.ftl")),
    ("record.ftl", include_str!("../locales/en/record.ftl"), include_str!("../locales/ar/record.ftl")),
    ("pages.ftl", include_str!("../locales/en/pages.ftl"), include_str!("../locales/ar/pages.ftl")),
    (
        "pages-analysis.ftl",
        include_str!("../locales/en/pages-analysis.ftl"),
        include_str!("../locales/ar/pages-analysis.ftl"),
    ),
    ("pages-work.ftl", include_str!("../locales/en/pages-work.ftl"), include_str!("../locales/ar/pages-work.ftl")),
    (
        "pages-record.ftl",
        include_str!("../locales/en/pages-record.ftl"),
        include_str!("../locales/ar/pages-record.ftl"),
    ),
    ("rules.ftl", include_str!("../locales/en/rules.ftl"), include_str!("../locales/ar/rules.ftl")),
    ("keys.ftl", include_str!("../locales/en/keys.ftl"), include_str!("../locales/ar/keys.ftl")),
    ("audit.ftl", include_str!("../locales/en/audit.ftl"), include_str!("../locales/ar/audit.ftl")),
    ("security.ftl", include_str!("../locales/en/security.ftl"), include_str!("../locales/ar/security.ftl")),
    ("events.ftl", include_str!("../locales/en/events.ftl"), include_str!("../locales/ar/events.ftl")),
    ("backtest.ftl", include_str!("../locales/en/backtest.ftl"), include_str!("../locales/ar/backtest.ftl")),
    ("backup.ftl", include_str!("../locales/en/backup.ftl"), include_str!("../locales/ar/backup.ftl")),
    ("intake.ftl", include_str!("../locales/en/intake.ftl"), include_str!("../locales/ar/intake.ftl")),
    ("documents.ftl", include_str!("../locales/en/documents.ftl"), include_str!("../locales/ar/documents.ftl")),
    ("directory.ftl", include_str!("../locales/en/directory.ftl"), include_str!("../locales/ar/directory.ftl")),
    ("pages-cell.ftl", include_str!("../locales/en/pages-cell.ftl"), include_str!("../locales/ar/pages-cell.ftl")),
    ("pages-entry.ftl", include_str!("../locales/en/pages-entry.ftl"), include_str!("../locales/ar/pages-entry.ftl")),
];

pub(crate) fn sources(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    RESOURCES.iter().map(move |(file, en, ar)| (*file, if lang == Lang::En { *en } else { *ar }))
}

/// The message ids (and their variable names) defined in one language's sources.
pub fn message_ids(lang: Lang) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use fluent_syntax::ast;
    let mut out = std::collections::BTreeMap::new();
    for (_, source) in sources(lang) {
        let Ok(resource) = fluent_syntax::parser::parse(source) else {
            continue;
        };
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = std::collections::BTreeSet::new();
                if let Some(p) = &m.value {
                    collect_vars(p, &mut vars);
                }
                out.insert(m.id.name.to_string(), vars);
            }
        }
    }
    out
}

fn collect_vars(p: &fluent_syntax::ast::Pattern<&str>, vars: &mut std::collections::BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, vars: &mut std::collections::BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_string());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, vars);
                }
            }
            InlineExpression::Placeable { expression } => expr(expression, vars),
            _ => {}
        }
    }
    fn expr(e: &Expression<&str>, vars: &mut std::collections::BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, vars),
            Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    collect_vars(&v.value, vars);
                }
            }
        }
    }
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr(expression, vars);
        }
    }
}
