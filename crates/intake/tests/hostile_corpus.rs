//! Hostile texts for intake (issue 16), shared by the engine's, the CLI's and the API's tests
//! (`#[path]`-included there): each with what must come of it — a report, or a named error.
#![allow(dead_code)]

/// What reading a text must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// A report.
    Report,
    /// The "empty" error.
    Empty,
    /// The "too large" error.
    TooLarge,
}

/// (name, text, what it must give).
pub fn corpus() -> Vec<(&'static str, String, Want)> {
    let arabic = "أكد الجانبان التزامهما بحماية الأفراد والمستشارين في 7 و8 آب 2023. ";
    vec![
        ("empty", String::new(), Want::Empty),
        ("white space", " \n\t\r\n ".to_string(), Want::Empty),
        ("only bidi controls", "\u{202E}\u{2066}\u{200F}\u{FEFF}".to_string(), Want::Empty),
        ("10 MB", arabic.repeat(10 * 1024 * 1024 / arabic.len() + 1), Want::TooLarge),
        (
            "mixed scripts",
            "Thabet al-Abbasi وزير الدفاع 防务 合作 🇮🇶🇺🇸 שלום Ελλάδα — the two sides committed التزم الجانبان بالتعاون".to_string(),
            Want::Report,
        ),
        (
            "bidi controls inside words",
            "التقى ثابت\u{202E} العب\u{2067}اسي\u{2069} مع لويد\u{200F} أوستن، وأكد الجانبان التزامهما بتعميق التعاون الأمني.".to_string(),
            Want::Report,
        ),
        ("no dates", "هذا نص طويل لا يذكر أي تاريخ ولا أي جولة، بل يتحدث عن الطقس والزراعة والمطر.".repeat(50), Want::Report),
        (
            "impossible dates",
            "عُقد الاجتماع في 31/02/2024 ثم في 31 شباط 2024 ثم في 2024-13-45، وقرر الجانبان تعزيز التعاون.".to_string(),
            Want::Report,
        ),
        ("control characters", "\u{0}\u{1b}[2J\u{7}وأكد\u{8} الجانبان\r التزامهما\u{85}".to_string(), Want::Report),
        ("one enormous word", "ا".repeat(300_000), Want::Report),
        ("a flood of diacritics", format!("ثابت{} العباسي", "\u{064B}\u{0651}".repeat(20_000)), Want::Report),
        ("huge numbers", "99999999999999999999999 و 4294967296 آب 99999 و0 تموز 0".to_string(), Want::Report),
        ("repeated dates", "يومي 7 و8 آب 2023 ".repeat(5_000), Want::Report),
        ("punctuation only", "...،،،؛؛؛!!!???".to_string(), Want::Report),
    ]
}
