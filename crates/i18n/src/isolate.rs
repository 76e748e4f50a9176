//! Left-to-right runs inside Arabic terminal text, isolated so they read in the right order.
//!
//! A terminal lays out each line with the Unicode bidirectional algorithm and knows nothing of
//! what the words mean. In an Arabic line, a date (`2027-07`), a period (`2026-Q3`), a gate
//! expression (`requirements.adviser_sites <= 3`) or a list of them (`P10 2027-07 · P50
//! 2030-11`) is weak or left-to-right text between right-to-left words: its digits, hyphens,
//! operators and neighbours reorder. Each such run is wrapped in FIRST STRONG ISOLATE …
//! POP DIRECTIONAL ISOLATE (U+2068 … U+2069), so it lays out as one unit, inside in its own
//! direction. Every Arabic message is formatted through this (`Localizer::format`), for the
//! terminal, the pages (where browsers honour the isolates as they do `<bdi>`) and the API's
//! problem documents alike; the command line also passes its composed lines through it.
//!
//! A run is a stretch with no right-to-left letter, cut at the separators between list items
//! (` · `, `, `, `; `, `: `) so that each item is its own unit and the items follow the
//! Arabic reading order; whitespace at a run's ends stays outside it. A line with no
//! right-to-left letter is left as it is, and so is a web address (see `isolate_line`).

use unicode_bidi::{BidiClass, bidi_class};

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

fn right_to_left(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Something worth isolating: a letter or digit that is not right-to-left (a run of only
/// spaces and punctuation is left alone).
fn worth_isolating(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::L | BidiClass::EN | BidiClass::AN)
}

/// What stays outside a run at its end: spaces, sentence punctuation (Latin and Arabic), an
/// opening bracket, and a closing quotation mark (its opening one is never in the run).
const TRAILING: [char; 14] = [' ', '\t', ':', '(', '[', ',', ';', '.', '،', '؛', '؟', '»', '”', '’'];

/// Separators between list items, where a run is cut.
const SEPARATORS: [&str; 4] = [" · ", ", ", "; ", ": "];

/// `text` with every left-to-right run of its right-to-left lines wrapped in FSI … PDI.
/// What is already isolated (a message formatted into another) is kept as one unit, as is.
pub fn isolate_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.chars().any(right_to_left) {
            out.push_str(line);
            continue;
        }
        // Between isolates already there, isolate the runs; the isolated spans go out whole.
        let mut rest = line;
        while let Some(open) = rest.find([FSI, '\u{2066}', '\u{2067}']) {
            isolate_line(&rest[..open], &mut out);
            let close = closing(&rest[open..]).map_or(rest.len(), |i| open + i);
            out.push_str(&rest[open..close]);
            rest = &rest[close..];
        }
        isolate_line(rest, &mut out);
    }
    out
}

/// The end (after its PDI) of the isolate `text` starts with, counting nested ones.
fn closing(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            FSI | '\u{2066}' | '\u{2067}' => depth += 1,
            PDI => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    None
}

fn isolate_line(line: &str, out: &mut String) {
    let mut rest = line;
    loop {
        // Right-to-left text (and the spaces and punctuation around it) goes out as it is.
        let Some(mut start) = rest.find(worth_isolating) else {
            out.push_str(rest);
            return;
        };
        // The run ends at the next right-to-left letter or list separator.
        let mut end = rest[start..].find(right_to_left).map_or(rest.len(), |i| start + i);
        for sep in SEPARATORS {
            if let Some(i) = rest[start..end].find(sep) {
                end = end.min(start + i);
            }
        }
        // Spaces, punctuation and an opening bracket at the end stay outside the run
        // ([`TRAILING`]); so does a closing bracket whose opening one is not in it.
        let mut run_end = start + rest[start..end].trim_end_matches(TRAILING).len();
        if rest[..run_end].ends_with([')', ']']) && !rest[start..run_end].contains(['(', '[']) {
            let before = rest[..run_end].trim_end_matches([')', ']']).len();
            let opened = rest[..start].ends_with(['(', '[']);
            if !opened {
                run_end = before;
            }
        }
        // A sign just before a number belongs to it ("-3"); so does an opening bracket whose
        // closing one is in the run ("(2027-03)"), never one left open.
        // Signs join as many as there are ("--older" is an option, not a minus).
        while let Some(c) = rest[..start].chars().next_back().filter(|c| matches!(c, '-' | '+' | '−')) {
            start -= c.len_utf8();
        }
        if let Some(c) = rest[..start].chars().next_back() {
            let joins = match c {
                '(' | '[' => rest[start..end].contains([')', ']']),
                '`' | '\'' | '"' => rest[start..end].contains(c),
                _ => false,
            };
            if joins {
                start -= c.len_utf8();
            }
        }
        out.push_str(&rest[..start]);
        // An address is left bare: it starts with a strong left-to-right letter, so it lays
        // out whole anyway, and invisible isolates copied with it would break it when pasted.
        if rest[start..run_end].contains("://") {
            out.push_str(&rest[start..run_end]);
        } else {
            out.push(FSI);
            out.push_str(&rest[start..run_end]);
            out.push(PDI);
        }
        rest = &rest[run_end..];
        // Step over the separator, so the next run starts after it.
        if let Some(sep) = SEPARATORS.iter().find(|s| rest.starts_with(**s)) {
            out.push_str(sep);
            rest = &rest[sep.len()..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with FSI/PDI shown as ⁅ ⁆.
    fn marked(s: &str) -> String {
        isolate_runs(s).replace(FSI, "⁅").replace(PDI, "⁆")
    }

    #[test]
    fn each_item_of_a_forecast_line_is_its_own_unit() {
        assert_eq!(
            marked("  البدء: P10 2027-07 · P50 2030-11 · P90 بعد 2036-12"),
            "  البدء: ⁅P10 2027-07⁆ · ⁅P50 2030-11⁆ · ⁅P90⁆ بعد ⁅2036-12⁆"
        );
    }

    #[test]
    fn an_expression_stays_whole_so_its_operator_does_not_flip() {
        assert_eq!(
            marked("أكثر ما أخّرها: requirements.adviser_sites <= 3 في إقليم كردستان (83% من المسارات)"),
            "أكثر ما أخّرها: ⁅requirements.adviser_sites <= 3⁆ في إقليم كردستان (⁅83%⁆ من المسارات)"
        );
    }

    #[test]
    fn brackets_and_signs_go_with_their_number() {
        assert_eq!(marked("احتمال البدء قبل الموعد (2027-03): 5%"), "احتمال البدء قبل الموعد ⁅(2027-03)⁆: ⁅5%⁆");
        assert_eq!(marked("التغيّر -3 في الشهر"), "التغيّر ⁅-3⁆ في الشهر");
        assert_eq!(marked("استورده مع --older مرة أخرى"), "استورده مع ⁅--older⁆ مرة أخرى");
        assert_eq!(marked("«lots» ليس رقمًا."), "«⁅lots⁆» ليس رقمًا.");
        assert_eq!(marked("لا يوجد سيناريو بالمعرّف `nope` هنا"), "لا يوجد سيناريو بالمعرّف ⁅`nope`⁆ هنا");
        assert_eq!(marked("بدأت في 2024-09 (قرار مسجَّل)"), "بدأت في ⁅2024-09⁆ (قرار مسجَّل)");
        assert_eq!(marked("آخر رقم عن 2026-10، وكان 0.5."), "آخر رقم عن ⁅2026-10⁆، وكان ⁅0.5⁆.");
    }

    #[test]
    fn latin_lines_and_already_isolated_text_are_left_alone() {
        assert_eq!(marked("P10 2027-07 · P50 2030-11"), "P10 2027-07 · P50 2030-11");
        let done = format!("بدأت في {FSI}2024-09{PDI}");
        assert_eq!(isolate_runs(&done), done);
        // A message formatted into another: its isolates kept, the rest isolated around them.
        let inner = isolate_runs("المطلوب: 3 أشهر");
        assert_eq!(marked(&format!("{inner}؛ منذ 5 أشهر")), "المطلوب: ⁅3⁆ أشهر؛ منذ ⁅5⁆ أشهر");
        assert_eq!(isolate_runs(&isolate_runs("من 2027-01 إلى 2036-12")), isolate_runs("من 2027-01 إلى 2036-12"));
        assert_eq!(marked("سطر عربي\nLatin line 2027"), "سطر عربي\nLatin line 2027");
        assert_eq!(marked("الخدمة على http://127.0.0.1:8080 الآن"), "الخدمة على http://127.0.0.1:8080 الآن");
    }

    #[test]
    fn nothing_is_lost_or_added_but_the_isolates() {
        for s in
            ["البدء: P10 2027-07 · P50 2030-11 · P90 بعد 2036-12", "(2027-03): 5% و -3, 4; 5: ٦", "  ", "", "عربي فقط"]
        {
            assert_eq!(isolate_runs(s).replace([FSI, PDI], ""), s);
            let opened = isolate_runs(s).matches(FSI).count();
            assert_eq!(opened, isolate_runs(s).matches(PDI).count(), "{s}");
        }
    }
}
