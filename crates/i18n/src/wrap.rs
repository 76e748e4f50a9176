//! Breaking a label into lines for a chart: SVG text and the PDF's chart labels are one line
//! each, so a long name is broken at spaces before it is drawn. One rule for the pages' charts
//! (crates/web `pages::svg`) and the report's PDF charts (crates/documents `report`).

/// Breaks `s` at spaces into lines of at most `max` characters (characters, not bytes: an
/// Arabic letter counts as one). A word longer than `max` stays whole on its own line; runs of
/// spaces collapse. An empty or blank `s` is one empty line, so a caller always has a line.
pub fn wrap_words(s: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        match lines.last_mut() {
            Some(last) if last.chars().count() + 1 + word.chars().count() <= max => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn words_fill_each_line_up_to_the_width_and_none_is_lost() {
        assert_eq!(wrap_words("partner-force capability levels", 24), vec!["partner-force capability", "levels"]);
        // Exactly the width fits; one more character moves the word down.
        assert_eq!(wrap_words("abc def", 7), vec!["abc def"]);
        assert_eq!(wrap_words("abc defg", 7), vec!["abc", "defg"]);
        // Arabic letters count as characters, not as their two UTF-8 bytes.
        assert_eq!(wrap_words("قوات الشريك", 11), vec!["قوات الشريك"]);
        let text = "هجمات داعش في الشهر (توضيحي) في إقليم كردستان";
        let lines = wrap_words(text, 12);
        assert!(lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_long_word_stays_whole_and_blank_text_is_one_empty_line() {
        assert_eq!(wrap_words("a UCDP-GED-25.1-candidate b", 8), vec!["a", "UCDP-GED-25.1-candidate", "b"]);
        assert_eq!(wrap_words("", 10), vec![""]);
        assert_eq!(wrap_words("  \n ", 10), vec![""]);
        assert_eq!(wrap_words(" a   b ", 10), vec!["a b"]);
    }
}
