//! Arabic and English text as intake compares it: folded (alef forms, ta marbuta, alef
//! maqsura, Persian yeh and kaf, tatweel, diacritics, Arabic-Indic digits, bidi controls),
//! cut into tokens that keep their byte span in the original, and lightly stemmed so that
//! «الأمنية» and «الأمني», «قدرات» and «قدرة» meet. Rule-based on purpose: the rules ship with
//! the project and nothing is downloaded at run time.

/// How one character is read: `None` drops it (it does not change a word's meaning).
pub fn fold(c: char) -> Option<char> {
    Some(match c {
        // Harakat, shadda, sukun, superscript alef, Quranic marks, tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => {
            return None;
        }
        // Bidi controls, zero-width characters and the byte-order mark: invisible, and used to
        // disguise text; they never split or change a word.
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' => {
            return None;
        }
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ئ' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        c if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    })
}

/// A whole string folded (for comparing names and phrases).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let Some(f) = fold(c) else { continue };
        if f.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(f);
        } else {
            space = true;
        }
    }
    out
}

/// Whether a character is written right to left (Arabic script).
pub fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// One word or number of the text.
#[derive(Debug, Clone)]
pub struct Token {
    /// Folded form.
    pub norm: String,
    /// Light stem of the folded form (equal stems count as the same word).
    pub stem: String,
    /// Byte span in the original text.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// A number (digits only).
    pub number: bool,
}

impl Token {
    /// The number it spells, if it is one.
    pub fn value(&self) -> Option<u32> {
        if self.number && self.norm.len() <= 6 { self.norm.parse().ok() } else { None }
    }
}

/// The text cut into tokens: runs of letters, or runs of digits (so «و8» is «و» and «8»).
/// Dropped characters (diacritics, tatweel, bidi controls) inside a word do not cut it.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut end = 0;
    let mut digits = false;
    let flush = |out: &mut Vec<Token>, cur: &mut String, start: usize, end: usize, digits: bool| {
        if !cur.is_empty() {
            let norm = std::mem::take(cur);
            let stem = if digits { norm.clone() } else { canonical(stem(&norm)) };
            out.push(Token { norm, stem, start, end, number: digits });
        }
    };
    for (i, c) in text.char_indices() {
        match fold(c) {
            None => {
                if !cur.is_empty() {
                    end = i + c.len_utf8();
                }
            }
            Some(f) if f.is_alphanumeric() => {
                let d = f.is_ascii_digit();
                if !cur.is_empty() && d != digits {
                    flush(&mut out, &mut cur, start, end, digits);
                }
                if cur.is_empty() {
                    start = i;
                    digits = d;
                }
                cur.push(f);
                end = i + c.len_utf8();
            }
            Some(_) => flush(&mut out, &mut cur, start, end, digits),
        }
    }
    flush(&mut out, &mut cur, start, end, digits);
    out
}

fn strip_prefix_min<'a>(s: &'a str, p: &str, min_left: usize) -> Option<&'a str> {
    s.strip_prefix(p).filter(|r| r.chars().count() >= min_left)
}

/// A light stem: Arabic proclitics (و ف، then ال لل بال كال ب ل) and one suffix (pronouns,
/// plural and nisba endings) go, each only when three letters remain; English loses a plural
/// or verb ending.
pub fn stem(w: &str) -> String {
    if w.chars().next().is_some_and(is_arabic) {
        let mut s = w;
        for p in ["و", "ف"] {
            if let Some(r) = strip_prefix_min(s, p, 3) {
                s = r;
                break;
            }
        }
        for p in ["بال", "كال", "لل", "ال", "ب", "ل"] {
            if let Some(r) = strip_prefix_min(s, p, 3) {
                s = r;
                break;
            }
        }
        for suf in ["هما", "كما", "يون", "يين", "يه", "هم", "ها", "ات", "ون", "ين", "ان", "ته", "ه", "ي"]
        {
            if let Some(r) = s.strip_suffix(suf).filter(|r| r.chars().count() >= 3) {
                s = r;
                break;
            }
        }
        s.to_string()
    } else {
        let s = w.strip_suffix("'s").unwrap_or(w);
        for suf in ["ing", "ies", "ed", "es", "s"] {
            if let Some(r) = s.strip_suffix(suf).filter(|r| r.len() >= 3) {
                return r.to_string();
            }
        }
        s.to_string()
    }
}

/// Words statements use for the same thing, first of each group the one the others count as:
/// the record states facts in its own words, so a restatement is rarely word for word.
/// General diplomatic and military vocabulary, not phrases of any one text.
const THESAURUS: &[&[&str]] = &[
    &["دعوة", "طلب", "بطلب", "دعوتها"],
    &["دعم", "مساندة", "إسناد", "تساند", "لتساند", "الدعم", "تقديم"],
    &["قتال", "حرب", "معركة", "مواجهة", "محاربة", "القتال", "حربها", "قتالها"],
    &["وجود", "موجودة", "موجودون", "موجود", "تواجد", "حاضرة", "تواجدها"],
    &["بلدان", "أوطان", "أوطانهم", "بلدانهم", "الوطن", "بلد"],
    &["المنطقة", "الإقليمي", "الإقليمية", "إقليمي", "الإقليم"],
    &["تدريبات", "التمارين", "تمارين", "المناورات", "مناورات", "التدريبات"],
    &["التزام", "تمسك", "تمسكهما", "التزامهما", "التزامها"],
    &["اهتمام", "حرص", "حرصهما", "اهتمامهما"],
    &["تعميق", "يعمق", "يعمقان", "تعمق"],
    &["تطوير", "يطور", "تطور", "يطوران"],
    &["تعزيز", "يعزز", "تعزز", "معزز", "يعززان", "أمتن"],
    &["توسيع", "يوسع", "توسع", "يوسعان"],
    &["إعادة", "يعود", "عودة", "العائدين", "يعودون", "الإعادة"],
    &["اندماج", "إدماج", "الإدماج", "الاندماج"],
    &["مشاركة", "حضور", "المشاركة"],
    &["العملياتية", "التشغيلية", "العملياتي", "التشغيلي"],
    &["استدامة", "إدامة", "إبقاء", "لإبقاء", "صالحا"],
    &["المنشأ", "الصنع", "صنع"],
    &["بدء", "يشرع", "الشروع", "الشروع", "يبدأ"],
    &["إصدار", "يصدر", "تصدر", "تُصدر"],
    &["مهام", "مهمة", "المهمة", "المهام"],
    &["ضمان", "يكفل", "تكفل", "لضمان"],
    &["استمرار", "بقاء", "مواصلة", "يواصل", "تواصل", "يواصلان", "المستمر", "المستمرة"],
    &["التشاور", "يتشاور", "تشاور", "يتشاوران", "التشاور"],
    &["عزم", "تصميم", "نية", "يعتزم", "تعتزم", "يعتزمان", "عزمهما", "تصميمهما", "نيتهما"],
    &["انتقال", "تحول", "ينتقل", "تنتقل"],
    &["تشكيل", "يشكل", "إنشاء", "يشكّل"],
    &["جولات", "حوارات"],
    &["هزيمة", "مهزوما", "الهزيمة"],
    &["المصلحة", "المصالح", "مصلحة"],
    &["الاستخبارية", "الاستخباراتية", "الاستخبارات"],
    &["المؤسسية", "المؤسساتية"],
    &["نقدم", "يقدم"],
    &["الأمريكية", "الأميركية", "الأمريكي", "الأميركي", "أمريكا", "أميركا", "الأمريكيين", "الأميركيين"],
    &["الملحة", "التأجيل", "العاجلة"],
    &["المقيمين", "الموجودين"],
    &["مساعدة", "مساعدتهم"],
    &["مجتمعاتهم", "المجتمعات"],
];

/// The stem a stem counts as (see [`THESAURUS`]).
pub fn canonical(stem_: String) -> String {
    static MAP: std::sync::OnceLock<std::collections::HashMap<String, String>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for group in THESAURUS {
            let head = stem(&normalize(group[0]));
            for w in &group[1..] {
                let s = stem(&normalize(w));
                if s != head {
                    m.insert(s, head.clone());
                }
            }
        }
        m
    });
    map.get(&stem_).cloned().unwrap_or(stem_)
}

/// Words that carry no content of their own for matching (folded forms).
pub fn is_stop(norm: &str) -> bool {
    const AR: &[&str] = &[
        "في",
        "فى",
        "من",
        "علي",
        "الي",
        "عن",
        "مع",
        "ان",
        "او",
        "ما",
        "لا",
        "لم",
        "لن",
        "قد",
        "كان",
        "التي",
        "الذي",
        "الذين",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "بين",
        "كما",
        "ثم",
        "و",
        "ف",
        "ب",
        "ل",
        "عبر",
        "خلال",
        "بشان",
        "حول",
        "بما",
        "وفق",
        "وفقا",
        "بحسب",
        "حسب",
        "البيان",
        "بيان",
        "ايضا",
        "كذلك",
        "اي",
        "كل",
        "جميع",
        "به",
        "بها",
        "له",
        "لها",
        "الي",
        "حيث",
        "الذي",
        "لدي",
        "لدى",
        "منذ",
        "عند",
        "بعد",
        "قبل",
        "غير",
        "سواء",
        "ومن",
        "وفي",
        "هو",
        "هي",
        "مجددا",
        "اليوم",
        "المشترك",
        "المشتركه",
    ];
    const EN: &[&str] = &[
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "for",
        "on",
        "with",
        "by",
        "at",
        "as",
        "is",
        "are",
        "be",
        "will",
        "that",
        "this",
        "its",
        "their",
        "from",
        "which",
        "or",
        "it",
        "they",
        "both",
        "said",
        "statement",
        "also",
    ];
    norm.chars().count() < 2 || AR.contains(&norm) || EN.contains(&norm)
}

thread_local! {
    /// The character starts of the last text [`char_offset`] was asked about, by its address and
    /// length. An address can be reused by the next text once the last is freed, so every entry
    /// point that reports spans calls [`forget_offsets`] first (a property test in
    /// tests/hostile.rs found a second text of the same length read with the first's starts).
    static STARTS: std::cell::RefCell<(usize, usize, Vec<usize>)> = const { std::cell::RefCell::new((0, 0, Vec::new())) };
}

/// Forgets the kept character starts (see [`char_offset`]).
pub fn forget_offsets() {
    STARTS.with(|c| *c.borrow_mut() = (0, 0, Vec::new()));
}

/// Byte offset → character offset in `text` (spans are reported in characters). The
/// character starts of the last text asked about are kept, so a report with thousands of
/// spans over a long text costs a binary search each, not a scan; they are valid while that
/// text lives, so callers start with [`forget_offsets`].
pub fn char_offset(text: &str, byte: usize) -> usize {
    STARTS.with(|c| {
        let mut c = c.borrow_mut();
        let key = (text.as_ptr() as usize, text.len());
        if (c.0, c.1) != key {
            *c = (key.0, key.1, text.char_indices().map(|(i, _)| i).collect());
        }
        c.2.partition_point(|&b| b < byte)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_alef_ta_marbuta_diacritics_digits_and_controls() {
        assert_eq!(normalize("الأمنيّة"), "الامنيه");
        assert_eq!(normalize("إيراق\u{202E}ـي"), "ايراقي");
        assert_eq!(normalize("٢٠٢٤"), "2024");
        assert_eq!(normalize("ی ک"), "ي ك");
    }

    #[test]
    fn digits_and_letters_are_separate_tokens() {
        let t = tokens("يومي 7 و8 آب");
        let norms: Vec<_> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["يومي", "7", "و", "8", "اب"]);
        assert_eq!(&"يومي 7 و8 آب"[t[4].start..t[4].end], "آب");
    }

    #[test]
    fn offsets_are_forgotten_between_texts_at_one_address() {
        // One buffer, the same address and length, other contents: the case the property test
        // found when a freed request's memory held the next one.
        let mut s = String::from("abcd");
        assert_eq!(char_offset(&s, 4), 4);
        let at = s.as_ptr();
        s.clear();
        s.push_str("éé");
        assert_eq!((s.as_ptr(), s.len()), (at, 4), "same address and length");
        forget_offsets();
        assert_eq!(char_offset(&s, 4), 2);
    }

    #[test]
    fn stems_meet_across_forms() {
        assert_eq!(stem("الامنيه"), stem("الامني"));
        assert_eq!(stem("قدرات"), stem("قدره"));
        assert_eq!(stem("العراقيه"), stem("العراق"));
        assert_ne!(stem("العراق"), stem("الامن"));
    }
}
