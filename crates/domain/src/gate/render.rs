//! Rendering a gate back to canonical text, and to a sentence in either language.

use tahawul_i18n::{Arg, Digits, Lang, Localizer, Message, to_arabic_indic};

use super::check::format_number;
use super::eval::ClauseReport;
use super::{Clause, Cmp, Expr, Gate, Threshold};
use crate::model::{Case, Indicator, IndicatorKind};
use crate::period::Period;

impl Gate {
    /// Canonical gate-language text: minimal parentheses, shortest numbers, windows in months.
    pub fn to_source(&self) -> String {
        self.expr.to_source()
    }

    /// The gate as a sentence in `loc`'s language, naming indicators and levels as the case does.
    pub fn sentence(&self, case: &Case, loc: &Localizer) -> String {
        let s = loc.format(&sentence_msg(&self.expr, case, loc));
        match loc.lang() {
            // A sentence starts with a capital; indicator names are kept as written otherwise.
            Lang::En => capitalise(&s),
            Lang::Ar => s,
        }
    }
}

impl Expr {
    /// Canonical gate-language text of this expression.
    pub fn to_source(&self) -> String {
        let mut out = String::new();
        write_expr(self, &mut out);
        out
    }
}

impl Clause {
    /// The clause alone as a sentence in `loc`'s language (what a reader picks a clause by).
    pub fn sentence(&self, case: &Case, loc: &Localizer) -> String {
        let s = loc.format(&sentence_msg(&Expr::Clause(self.clone()), case, loc));
        match loc.lang() {
            Lang::En => capitalise(&s),
            Lang::Ar => s,
        }
    }

    /// Canonical gate-language text of this clause.
    pub fn to_source(&self) -> String {
        let threshold = match &self.threshold {
            Threshold::Number(n) => format_number(*n),
            Threshold::Level(l) => format!("level \"{l}\""),
        };
        let mut s = format!("{} {} {}", self.name(), self.cmp.symbol(), threshold);
        // One month is what a clause without `for` means, so it is left out.
        if self.window_months != 1 {
            s.push_str(&format!(" for {} months", self.window_months));
        }
        s
    }
}

fn write_expr(e: &Expr, out: &mut String) {
    let parts = |v: &[Expr], sep: &str, out: &mut String, paren: fn(&Expr) -> bool| {
        for (i, p) in v.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            write_child(p, paren(p), out);
        }
    };
    match e {
        Expr::Clause(c) => out.push_str(&c.to_source()),
        Expr::Or(v) => parts(v, " or ", out, |p| matches!(p, Expr::Or(_))),
        Expr::And(v) => parts(v, " and ", out, |p| matches!(p, Expr::Or(_) | Expr::And(_))),
        Expr::Not(inner) => {
            out.push_str("not ");
            write_child(inner, matches!(**inner, Expr::Or(_) | Expr::And(_)), out);
        }
    }
}

fn write_child(e: &Expr, paren: bool, out: &mut String) {
    if paren {
        out.push('(');
    }
    write_expr(e, out);
    if paren {
        out.push(')');
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A sentence for an expression, as one message (composed of messages) so that each language
/// orders the words itself.
fn sentence_msg(e: &Expr, case: &Case, loc: &Localizer) -> Message {
    // An `and` inside an `or` (and vice versa) is grouped, since prose has no precedence.
    let child = |p: &Expr, group: bool| -> Message {
        let m = sentence_msg(p, case, loc);
        if group { Message::new("gate-group").arg("inner", m) } else { m }
    };
    match e {
        Expr::Clause(c) => clause_msg(c, case, loc),
        Expr::And(v) | Expr::Or(v) => {
            let (id, other_kind): (&'static str, fn(&Expr) -> bool) = match e {
                Expr::And(_) => ("gate-and", |p| matches!(p, Expr::Or(_) | Expr::And(_))),
                _ => ("gate-or", |p| matches!(p, Expr::Or(_) | Expr::And(_))),
            };
            let mut parts = v.iter().map(|p| child(p, other_kind(p)));
            let Some(first) = parts.next() else {
                return Message::new("gate-empty-group");
            };
            parts.fold(first, |left, right| Message::new(id).arg("left", left).arg("right", right))
        }
        // `gate-not` brackets its part itself.
        Expr::Not(inner) => Message::new("gate-not").arg("inner", child(inner, false)),
    }
}

fn clause_msg(c: &Clause, case: &Case, loc: &Localizer) -> Message {
    let ind = case.indicator(&c.factor, &c.indicator);
    let name = ind.map_or_else(|| c.name(), |i| i.name.get(loc.lang()).to_string());
    let comparison = comparison_msg(c.cmp, &c.threshold, ind, case, loc);
    if c.window_months > 1 {
        Message::new("gate-clause-window")
            .arg("indicator", name)
            .arg("comparison", comparison)
            .arg("window", Message::new("gate-window").arg("n", c.window_months))
    } else {
        Message::new("gate-clause").arg("indicator", name).arg("comparison", comparison)
    }
}

/// "at most 15 incidents", "at least level “In the lead”".
fn comparison_msg(cmp: Cmp, threshold: &Threshold, ind: Option<&Indicator>, case: &Case, loc: &Localizer) -> Message {
    let value: Arg = match threshold {
        Threshold::Number(n) => value_arg(*n, ind, loc),
        Threshold::Level(l) => {
            let name = ind
                .and_then(|i| case.scale(i.scale.as_ref()?.as_str()))
                .and_then(|s| s.current().levels.iter().find(|x| x.id.as_str() == l))
                .map_or_else(|| l.clone(), |x| x.name.get(loc.lang()).to_string());
            Message::new("gate-level-value").arg("level", name).into()
        }
    };
    Message::new(cmp_id(cmp)).arg("value", value)
}

fn cmp_id(c: Cmp) -> &'static str {
    match c {
        Cmp::Lt => "gate-cmp-lt",
        Cmp::Le => "gate-cmp-le",
        Cmp::Gt => "gate-cmp-gt",
        Cmp::Ge => "gate-cmp-ge",
        Cmp::Eq => "gate-cmp-eq",
        Cmp::Ne => "gate-cmp-ne",
    }
}

/// A number with the indicator's unit (shares are unitless fractions).
fn value_arg(n: f64, ind: Option<&Indicator>, loc: &Localizer) -> Arg {
    let number = show_number(n, loc);
    match ind {
        Some(i) if i.kind != IndicatorKind::Share && !i.unit.get(loc.lang()).trim().is_empty() => {
            Message::new("gate-value-unit").arg("number", number).arg("unit", i.unit.get(loc.lang())).into()
        }
        _ => Arg::Str(number),
    }
}

/// A number with as many decimals as it has (up to 4), in the localizer's digits.
fn show_number(n: f64, loc: &Localizer) -> String {
    let decimals = format_number(n).split_once('.').map_or(0, |(_, f)| f.len().min(4));
    loc.number(n, decimals)
}

fn show_period(p: Period, loc: &Localizer) -> String {
    match loc.digits() {
        Digits::Latin => p.to_string(),
        Digits::ArabicIndic => to_arabic_indic(&p.to_string()),
    }
}

impl ClauseReport {
    /// One localized line: verdict, latest value, threshold, how long it has held, what is missing.
    pub fn explain(&self, case: &Case, loc: &Localizer) -> String {
        let lang = loc.lang();
        let (factor, indicator) = self.indicator.split_once('.').unwrap_or((&self.indicator, ""));
        let ind = case.indicator(factor, indicator);
        let area_name = |id: &str| case.area(id).map_or_else(|| id.to_string(), |a| a.name.get(lang).to_string());
        let mut parts: Vec<String> = Vec::new();

        let name = ind.map_or_else(|| self.indicator.clone(), |i| i.name.get(lang).to_string());
        parts.push(
            loc.format(
                &Message::new("gate-explain-head")
                    .arg("truth", Message::new(self.truth.message_id()))
                    .arg("indicator", name)
                    .arg("area", area_name(&self.area)),
            ),
        );
        match &self.latest {
            Some(p) => {
                let value = self.value_text(p.value, ind, case, loc);
                parts.push(loc.format(
                    &Message::new("gate-explain-latest").arg("value", value).arg("period", show_period(p.period, loc)),
                ));
            }
            None => parts.push(loc.tr("gate-explain-no-data")),
        }
        let threshold = match &self.threshold_level {
            Some(l) => Threshold::Level(l.clone()),
            None => Threshold::Number(self.threshold),
        };
        let comparison = comparison_msg(self.cmp, &threshold, ind, case, loc);
        parts.push(loc.format(&if self.window_months > 1 {
            Message::new("gate-explain-needs-window")
                .arg("comparison", comparison)
                .arg("window", Message::new("gate-window").arg("n", self.window_months))
        } else {
            Message::new("gate-explain-needs").arg("comparison", comparison)
        }));
        if self.latest.is_some() {
            let held = if self.held_months == 0 {
                Message::new("gate-explain-not-held")
            } else {
                Message::new("gate-explain-held").arg("held", self.held_months).arg("window", self.window_months)
            };
            parts.push(loc.format(&held));
        }
        if !self.missing.is_empty() {
            let sep = loc.tr("gate-list-sep");
            let list: Vec<String> = self.missing.iter().map(|p| show_period(*p, loc)).collect();
            parts.push(loc.format(
                &Message::new("gate-explain-missing").arg("periods", list.join(&sep)).arg("count", self.missing.len()),
            ));
        }
        if self.data_area != self.area {
            parts.push(loc.format(&Message::new("gate-explain-inherited").arg("area", area_name(&self.data_area))));
        }
        if self.illustrative {
            parts.push(loc.tr("gate-explain-illustrative"));
        }
        parts.join(&loc.tr("gate-explain-sep"))
    }

    /// A value as shown: a level's name for level indicators, else the number and unit.
    fn value_text(&self, v: f64, ind: Option<&Indicator>, case: &Case, loc: &Localizer) -> Arg {
        if let Some(i) = ind.filter(|i| i.kind == IndicatorKind::Level)
            && let Some(level) = case.scale(i.scale.as_ref().map_or("", |s| s.as_str())).and_then(|s| {
                let rank = v.round();
                (rank >= 1.0).then(|| s.current().level(rank as u32)).flatten()
            })
        {
            return Message::new("gate-level-value").arg("level", level.name.get(loc.lang())).into();
        }
        value_arg(v, ind, loc)
    }
}
