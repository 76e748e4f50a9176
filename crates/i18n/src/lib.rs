//! Arabic and English for Tahawul: messages from Fluent files, plural categories from
//! `icu_plurals` (Fluent's own rules get some Arabic numbers wrong, e.g. 103 and 111),
//! text direction and the user's choice of digits.

mod catalog;
mod isolate;
mod wrap;

use std::fmt;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

pub use catalog::{RESOURCES, message_ids};
pub use isolate::isolate_runs;
pub use wrap::wrap_words;

/// One error type for the crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A language code we do not speak.
    #[error("unknown language {0:?}: use \"en\" or \"ar\"")]
    UnknownLang(String),
    /// A Fluent resource failed to parse (a bug in a shipped file, caught by tests).
    #[error("message file {file} does not parse: {detail}")]
    Resource { file: &'static str, detail: String },
}

/// The two languages of the commission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English, left to right.
    #[default]
    En,
    /// Arabic, right to left.
    Ar,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ar];

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    /// The value of the HTML `dir` attribute for this language.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::Ar => "rtl",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "ar" | "arabic" | "عربي" | "العربية" => Ok(Lang::Ar),
            other => Err(Error::UnknownLang(other.to_string())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Which digits numbers are written with; a user setting for Arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    /// 0123456789
    #[default]
    Latin,
    /// ٠١٢٣٤٥٦٧٨٩
    ArabicIndic,
}

/// A user-facing text that exists in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Text {
    /// English.
    pub en: String,
    /// Arabic.
    pub ar: String,
}

impl Text {
    /// A text from its English and Arabic forms.
    pub fn new(en: impl Into<String>, ar: impl Into<String>) -> Self {
        Text { en: en.into(), ar: ar.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ar => &self.ar,
        }
    }
}

/// An argument to a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A string shown as is (an identifier, a file name).
    Str(String),
    /// A number: shown with the user's digits, and usable with `PLURAL()`.
    Num(f64),
    /// A bilingual text: shown in the message's language.
    Text(Text),
    /// Another message, formatted in the same language (for composed sentences).
    Msg(Box<Message>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
impl From<Text> for Arg {
    fn from(t: Text) -> Self {
        Arg::Text(t)
    }
}
impl From<&Text> for Arg {
    fn from(t: &Text) -> Self {
        Arg::Text(t.clone())
    }
}
impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Msg(Box::new(m))
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self { Arg::Num(n as f64) }
        }
    )*};
}
num_arg!(f64, f32, i32, i64, u32, u64, usize);

/// A message to show a user: an id in the Fluent files and its arguments.
/// Code builds messages; only a [`Localizer`] turns them into words.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The Fluent message id, e.g. `bundle-unknown-reference`.
    pub id: &'static str,
    /// Named arguments.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message with no arguments.
    pub fn new(id: &'static str) -> Self {
        Message { id, args: Vec::new() }
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

/// The plural category of `n` in `lang`, from `icu_plurals` (CLDR rules):
/// one of zero, one, two, few, many, other.
pub fn plural_category(lang: Lang, n: f64) -> &'static str {
    use icu_plurals::{PluralCategory, PluralOperands, PluralRules};
    use std::sync::OnceLock;
    static RULES: OnceLock<[PluralRules; 2]> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        let make = |code: &str| {
            let locale: icu_locale_core::Locale = code.parse().expect("static locale code");
            PluralRules::try_new_cardinal(locale.into()).expect("compiled CLDR data covers en and ar")
        };
        [make("en"), make("ar")]
    });
    let rules = &rules[lang as usize];
    // Operands from the decimal string keep visible fraction digits (1.5 is not "one").
    let text = format_plain(n);
    let operands = match text.parse::<fixed_decimal::Decimal>() {
        Ok(d) => PluralOperands::from(&d),
        Err(_) => PluralOperands::from(n.abs().round() as u64),
    };
    match rules.category_for(operands) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// A number in plain form: integers without a fraction, others with up to 4 decimals.
fn format_plain(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A share (of futures, say) as a whole percentage in ASCII digits: never "0%" or "100%" for
/// what merely rounds there, since a reader plans differently on "never" and "rarely".
pub fn share_percent(p: f64) -> String {
    match p {
        p if p > 0.0 && p < 0.01 => "<1%".to_string(),
        p if p < 1.0 && p > 0.99 => ">99%".to_string(),
        p => format!("{}%", (p * 100.0).round() as i64),
    }
}

/// Writes ASCII digits of `s` as Arabic-Indic digits and the decimal point as `٫`.
pub fn to_arabic_indic(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('٠' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            '.' => '٫',
            _ => c,
        })
        .collect()
}

/// Reads Arabic-Indic digits (both the Arabic `٠`–`٩` and the Persian/Urdu `۰`–`۹` series)
/// as ASCII digits, the Arabic decimal separator `٫` as `.` and the minus sign `−` as `-`:
/// what a person types on an Arabic keyboard into a number, period or date field. Other
/// characters are kept, so text that is not a number still fails where it is parsed.
pub fn to_latin_digits(s: &str) -> std::borrow::Cow<'_, str> {
    let foreign = |c: char| matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' | '٫' | '\u{2212}');
    if !s.chars().any(foreign) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '٫' => '.',
            '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

/// Turns messages into text in one language, with one choice of digits.
#[derive(Clone)]
pub struct Localizer {
    lang: Lang,
    digits: Digits,
    bundle: Arc<FluentBundle<FluentResource>>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer").field("lang", &self.lang).field("digits", &self.digits).finish()
    }
}

fn latin_formatter<M>(_: &FluentValue, _: &M) -> Option<String> {
    None
}

fn arabic_indic_formatter<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(to_arabic_indic(&n.as_string())),
        _ => None,
    }
}

impl Localizer {
    /// A localizer for `lang` with Latin digits.
    pub fn new(lang: Lang) -> Result<Self, Error> {
        Self::with_digits(lang, Digits::Latin)
    }

    /// A localizer for `lang` writing numbers with `digits`. The catalogue is parsed once per
    /// (language, digits) and shared: parsing it took half a millisecond, on every page.
    pub fn with_digits(lang: Lang, digits: Digits) -> Result<Self, Error> {
        static BUILT: [std::sync::OnceLock<Localizer>; 4] = [const { std::sync::OnceLock::new() }; 4];
        let slot = &BUILT[usize::from(lang == Lang::Ar) * 2 + usize::from(digits == Digits::ArabicIndic)];
        if let Some(built) = slot.get() {
            return Ok(built.clone());
        }
        let built = Self::build(lang, digits)?;
        Ok(slot.get_or_init(|| built).clone())
    }

    fn build(lang: Lang, digits: Digits) -> Result<Self, Error> {
        let langid: unic_langid::LanguageIdentifier =
            lang.code().parse().map_err(|_| Error::UnknownLang(lang.code().into()))?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Fluent's own isolation wraps every placeable, in English too, and a whole placeable
        // rather than its left-to-right runs: `format` isolates Arabic by runs instead.
        bundle.set_use_isolating(false);
        match digits {
            Digits::Latin => bundle.set_formatter(Some(latin_formatter)),
            Digits::ArabicIndic => bundle.set_formatter(Some(arabic_indic_formatter)),
        }
        bundle
            .add_function("PLURAL", move |positional, _named| match positional.first() {
                Some(FluentValue::Number(n)) => FluentValue::String(plural_category(lang, n.value).into()),
                Some(FluentValue::String(s)) => match s.parse::<f64>() {
                    Ok(n) => FluentValue::String(plural_category(lang, n).into()),
                    Err(_) => FluentValue::String("other".into()),
                },
                _ => FluentValue::String("other".into()),
            })
            .map_err(|e| Error::Resource { file: "PLURAL", detail: format!("{e:?}") })?;
        for (file, source) in catalog::sources(lang) {
            let resource = FluentResource::try_new(source.to_string())
                .map_err(|(_, errs)| Error::Resource { file, detail: format!("{errs:?}") })?;
            bundle.add_resource(resource).map_err(|errs| Error::Resource { file, detail: format!("{errs:?}") })?;
        }
        Ok(Localizer { lang, digits, bundle: Arc::new(bundle) })
    }

    /// The language this localizer writes.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The digits this localizer writes numbers with.
    pub fn digits(&self) -> Digits {
        self.digits
    }

    /// Whether the message id exists in this language.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// Formats a message. A missing id or argument shows as `⟦id⟧` rather than failing:
    /// the test suite makes sure none is missing.
    pub fn format(&self, msg: &Message) -> String {
        let Some(pattern) = self.bundle.get_message(msg.id).and_then(|m| m.value()) else {
            return format!("⟦{}⟧", msg.id);
        };
        let mut args = FluentArgs::new();
        for (name, value) in &msg.args {
            match value {
                Arg::Str(s) => args.set(*name, FluentValue::from(s.clone())),
                Arg::Num(n) => args.set(*name, FluentValue::from(*n)),
                Arg::Text(t) => args.set(*name, FluentValue::from(t.get(self.lang).to_string())),
                Arg::Msg(m) => args.set(*name, FluentValue::from(self.format(m))),
            }
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&args), &mut errors);
        let text = if errors.is_empty() { text.into_owned() } else { format!("⟦{}⟧ {}", msg.id, text) };
        // In Arabic, dates, numbers, periods and identifiers each become one isolated unit
        // (FSI … PDI), so they read in order wherever the text is shown (isolate.rs).
        if self.lang == Lang::Ar { isolate_runs(&text) } else { text }
    }

    /// Shortcut: formats a message id with no arguments.
    pub fn tr(&self, id: &'static str) -> String {
        self.format(&Message::new(id))
    }

    /// A number in this localizer's digits (integers plainly, others to `decimals` places).
    pub fn number(&self, n: f64, decimals: usize) -> String {
        let plain =
            if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n:.decimals$}") };
        match self.digits {
            Digits::Latin => plain,
            Digits::ArabicIndic => to_arabic_indic(&plain),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_indic_digits_read_as_ascii_and_other_text_is_kept() {
        assert_eq!(to_latin_digits("٢٠٢٤-٠٣"), "2024-03");
        assert_eq!(to_latin_digits("۱۲٫۵"), "12.5");
        assert_eq!(to_latin_digits("\u{2212}٣"), "-3");
        assert_eq!(to_latin_digits("٣ حوادث"), "3 حوادث");
        assert!(
            matches!(to_latin_digits("2024-03"), std::borrow::Cow::Borrowed(_)),
            "nothing to change, nothing copied"
        );
    }

    #[test]
    fn a_share_never_reads_never_or_always_when_it_only_rounds_there() {
        let cases = [(0.0, "0%"), (0.004, "<1%"), (0.016, "2%"), (0.5, "50%"), (0.994, ">99%"), (1.0, "100%")];
        for (p, text) in cases {
            assert_eq!(share_percent(p), text, "{p}");
        }
    }

    #[test]
    fn arabic_plural_categories_follow_cldr_for_the_hard_numbers() {
        // Fluent 0.16's own rules get 103 and 111 wrong; icu_plurals must not.
        let cases = [
            (0.0, "zero"),
            (1.0, "one"),
            (2.0, "two"),
            (3.0, "few"),
            (10.0, "few"),
            (11.0, "many"),
            (99.0, "many"),
            (100.0, "other"),
            (102.0, "other"),
            (103.0, "few"),
            (111.0, "many"),
            (1.5, "other"),
        ];
        for (n, want) in cases {
            assert_eq!(plural_category(Lang::Ar, n), want, "Arabic plural of {n}");
        }
    }

    #[test]
    fn english_plural_categories_are_one_and_other() {
        assert_eq!(plural_category(Lang::En, 1.0), "one");
        assert_eq!(plural_category(Lang::En, 0.0), "other");
        assert_eq!(plural_category(Lang::En, 103.0), "other");
    }

    #[test]
    fn arabic_indic_digits_replace_ascii_digits_and_decimal_point() {
        assert_eq!(to_arabic_indic("2023-08 12.5"), "٢٠٢٣-٠٨ ١٢٫٥");
        let l = Localizer::with_digits(Lang::Ar, Digits::ArabicIndic).unwrap();
        assert_eq!(l.number(103.0, 0), "١٠٣");
        assert_eq!(l.number(0.25, 2), "٠٫٢٥");
    }

    #[test]
    fn lang_parses_codes_and_refuses_others() {
        assert_eq!("ar".parse::<Lang>().unwrap(), Lang::Ar);
        assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
        assert!("fr".parse::<Lang>().is_err());
        assert_eq!(Lang::Ar.dir(), "rtl");
    }

    #[test]
    fn missing_message_is_marked_not_hidden() {
        let l = Localizer::new(Lang::En).unwrap();
        assert_eq!(l.format(&Message::new("no-such-message-id")), "⟦no-such-message-id⟧");
    }
}
