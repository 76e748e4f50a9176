//! Dates as statements write them: «7 و8 آب/أغسطس 2023», «22 و23 تموز (يوليو) 2024»,
//! «09-أغسطس-2023», «نهاية أيلول 2025», "7–8 August 2023", "September 2026", 2023-08-09,
//! 9/8/2023, and Hijri dates («15 محرم 1446 هـ»). Both Arabic month series are known: the
//! Levantine/Iraqi (كانون الثاني … كانون الأول) and the Egyptian/Gulf (يناير … ديسمبر).

use jiff::civil::Date;

use crate::text::Token;

/// Which calendar a date was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    /// Gregorian.
    Gregorian,
    /// Hijri (converted with the arithmetical calendar).
    Hijri,
}

/// A date (or a range of days, or a month) found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the first token.
    pub first: usize,
    /// Index after the last token.
    pub last: usize,
    /// Byte span in the text.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Year, if written.
    pub year: Option<i16>,
    /// Month 1–12 (Gregorian, after conversion).
    pub month: i8,
    /// Day, if written.
    pub day: Option<i8>,
    /// Last day of a range («7 و8»).
    pub day_end: Option<i8>,
    /// The calendar it was written in.
    pub calendar: Calendar,
}

impl Mention {
    /// `YYYY-MM-DD` or `YYYY-MM` (with a year), else `--MM-DD` / `--MM`.
    pub fn iso(&self) -> String {
        let y = self.year.map_or("-".to_string(), |y| format!("{y:04}"));
        match self.day {
            Some(d) => format!("{y}-{:02}-{d:02}", self.month),
            None => format!("{y}-{:02}", self.month),
        }
    }
    /// The first day as a date, when the year and day are known and valid.
    pub fn date(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day?).ok()
    }
    /// The last day of a range (or the day).
    pub fn end_date(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day_end.or(self.day)?).ok()
    }
}

/// A written date that does not exist (31/02/2024).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Byte span.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
}

// Month names, folded (see `text::fold`), one or two words each.
const GREGORIAN: &[(&str, i8)] = &[
    // Levantine / Iraqi.
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    // Egyptian / Gulf.
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // English.
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const HIJRI: &[(&str, i8)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الاول", 3),
    ("ربيع الاخر", 4),
    ("ربيع الثاني", 4),
    ("جمادي الاولي", 5),
    ("جمادي الاول", 5),
    ("جمادي الاخره", 6),
    ("جمادي الثانيه", 6),
    ("جمادي الاخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعده", 11),
    ("ذي القعده", 11),
    ("ذو الحجه", 12),
    ("ذي الحجه", 12),
];

/// A token without a one-letter proclitic («وتموز», «بأيلول»).
fn bare(t: &Token) -> &str {
    for p in ["و", "ف", "ب", "ل"] {
        if let Some(r) = t.norm.strip_prefix(p)
            && r.chars().count() >= 2
        {
            return r;
        }
    }
    &t.norm
}

/// A month name starting at token `i`: (month, calendar, tokens used).
fn month_at(toks: &[Token], i: usize) -> Option<(i8, Calendar, usize)> {
    let t = toks.get(i)?;
    let two = toks.get(i + 1).map(|n| (format!("{} {}", t.norm, n.norm), format!("{} {}", bare(t), n.norm)));
    for (table, cal) in [(GREGORIAN, Calendar::Gregorian), (HIJRI, Calendar::Hijri)] {
        if let Some((a, b)) = &two
            && let Some((_, m)) = table.iter().find(|(n, _)| n.contains(' ') && (n == a || n == b))
        {
            return Some((*m, cal, 2));
        }
        if let Some((_, m)) = table.iter().find(|(n, _)| !n.contains(' ') && (*n == t.norm || *n == bare(t))) {
            return Some((*m, cal, 1));
        }
    }
    None
}

fn day(t: Option<&Token>) -> Option<i8> {
    t.and_then(Token::value).filter(|d| (1..=31).contains(d)).map(|d| d as i8)
}

fn year(t: Option<&Token>, cal: Calendar) -> Option<i16> {
    let y = t.and_then(Token::value)?;
    let ok = match cal {
        Calendar::Gregorian => (1900..=2200).contains(&y),
        Calendar::Hijri => (1300..=1700).contains(&y),
    };
    ok.then_some(y as i16)
}

/// Every date written with a month name in the tokens.
pub fn mentions(toks: &[Token]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(m) = mention_at(toks, i) {
            i = m.last;
            out.push(m);
        } else {
            i += 1;
        }
    }
    out
}

fn mention_at(toks: &[Token], i: usize) -> Option<Mention> {
    // Day-first: D [و|-|to D2] [من شهر] MONTH [alt MONTH] [YEAR] [هـ]
    let mut j = i;
    let d1 = day(toks.get(j));
    let mut d2 = None;
    if d1.is_some() {
        j += 1;
        if toks.get(j).is_some_and(|t| matches!(t.norm.as_str(), "و" | "الي" | "to" | "and" | "حتي")) {
            if let Some(d) = day(toks.get(j + 1)) {
                d2 = Some(d);
                j += 2;
            }
        } else if let Some(d) = day(toks.get(j)) {
            // «7-8 August»: the dash is not a token.
            if month_at(toks, j + 1).is_some() {
                d2 = Some(d);
                j += 1;
            }
        }
        if toks.get(j).is_some_and(|t| t.norm == "من") && toks.get(j + 1).is_some_and(|t| t.norm == "شهر") {
            j += 2;
        }
    } else if toks.get(j).is_some_and(|t| bare(t) == "شهر") {
        j += 1;
    }
    let (month, cal, used) = month_at(toks, j)?;
    j += used;
    // An alternative name of the same month: «آب/أغسطس», «تموز (يوليو)».
    if let Some((m2, c2, u2)) = month_at(toks, j)
        && m2 == month
        && c2 == cal
    {
        j += u2;
    }
    let (mut d1, mut d2) = (d1, d2);
    // Month-first (English): "August 7-8, 2023".
    if d1.is_none()
        && let Some(d) = day(toks.get(j))
        && toks.get(j).is_none_or(|t| t.norm.len() != 4)
    {
        d1 = Some(d);
        j += 1;
        if let Some(d) = day(toks.get(j)).filter(|_| toks.get(j).is_some_and(|t| t.norm.len() <= 2)) {
            d2 = Some(d);
            j += 1;
        }
    }
    let y = year(toks.get(j), cal);
    if y.is_some() {
        j += 1;
    }
    if cal == Calendar::Hijri && toks.get(j).is_some_and(|t| t.norm == "ه" || t.norm == "هـ") {
        j += 1;
    }
    // Hijri names are also common words and names (صفر, رجب, رمضان): only with a Hijri year.
    if cal == Calendar::Hijri && y.is_none() {
        return None;
    }
    // A month alone («may», «آب» as a word) is no date: a day or a year must be beside it.
    if d1.is_none() && y.is_none() {
        return None;
    }
    let mut m = Mention {
        first: i,
        last: j,
        start: toks[i].start,
        end: toks[j - 1].end,
        year: y,
        month,
        day: d1,
        day_end: d2,
        calendar: cal,
    };
    if cal == Calendar::Hijri {
        let (gy, gm, gd) = hijri_to_gregorian(i32::from(y?), month, d1.unwrap_or(1));
        m.year = Some(gy as i16);
        m.month = gm;
        m.day = d1.map(|_| gd);
        m.day_end = None;
    }
    Some(m)
}

/// The arithmetical (tabular) Islamic calendar, epoch 16 July 622 (Julian): within a day or
/// two of the observed and Umm al-Qura calendars, which is as close as a statement needs.
pub fn hijri_to_gregorian(y: i32, m: i8, d: i8) -> (i32, i8, i8) {
    let m = i32::from(m);
    let jd = i32::from(d) + (295 * (m - 1) + 8) / 10 + 354 * (y - 1) + (3 + 11 * y) / 30 + 1_948_440 - 1;
    // Julian day number → Gregorian (Fliegel & Van Flandern).
    let l = jd + 68_569;
    let n = 4 * l / 146_097;
    let l = l - (146_097 * n + 3) / 4;
    let i = 4000 * (l + 1) / 1_461_001;
    let l = l - 1461 * i / 4 + 31;
    let j = 80 * l / 2447;
    let day = l - 2447 * j / 80;
    let l = j / 11;
    let month = j + 2 - 12 * l;
    let year = 100 * (n - 49) + i + l;
    (year, month as i8, day as i8)
}

/// Numeric dates in the raw text: 2023-08-09, 9/8/2023, 09.08.2023 (day first, as Arabic and
/// European texts write them). Those that do not exist are returned apart.
pub fn numeric(text: &str) -> (Vec<(usize, usize, Date)>, Vec<Invalid>) {
    let folded: Vec<(usize, char)> =
        text.char_indices().filter_map(|(i, c)| crate::text::fold(c).map(|f| (i, f))).collect();
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    let mut k = 0;
    while k < folded.len() {
        if !folded[k].1.is_ascii_digit() || (k > 0 && folded[k - 1].1.is_ascii_digit()) {
            k += 1;
            continue;
        }
        // Three digit groups joined by one separator kind.
        let mut groups: Vec<(usize, usize)> = Vec::new(); // (start idx, end idx) into folded
        let mut sep = None;
        let mut p = k;
        loop {
            let s = p;
            while p < folded.len() && folded[p].1.is_ascii_digit() && p - s < 5 {
                p += 1;
            }
            if p == s {
                break;
            }
            groups.push((s, p));
            if groups.len() == 3 {
                break;
            }
            match folded.get(p).map(|x| x.1) {
                Some(c @ ('/' | '-' | '.')) if sep.is_none_or(|s| s == c) => {
                    sep = Some(c);
                    p += 1;
                }
                _ => break,
            }
        }
        if groups.len() == 3 && !folded.get(p).is_some_and(|x| x.1.is_ascii_digit()) {
            let num = |(a, b): (usize, usize)| -> i32 {
                folded[a..b].iter().fold(0i32, |n, (_, c)| n * 10 + (*c as i32 - '0' as i32))
            };
            let (a, b, c) = (num(groups[0]), num(groups[1]), num(groups[2]));
            let lens = (groups[0].1 - groups[0].0, groups[2].1 - groups[2].0);
            let ymd = if lens.0 == 4 && (1900..=2200).contains(&a) {
                Some((a, b, c))
            } else if lens.1 == 4 && (1900..=2200).contains(&c) {
                Some((c, b, a))
            } else {
                None
            };
            if let Some((y, m, d)) = ymd {
                let start = folded[k].0;
                let last = folded[p - 1];
                let end = last.0 + text[last.0..].chars().next().map_or(1, char::len_utf8);
                match Date::new(y as i16, m as i8, d as i8) {
                    Ok(date) if (1..=12).contains(&m) => ok.push((start, end, date)),
                    _ => bad.push(Invalid { start, end }),
                }
            }
            k = p;
        } else {
            k = p.max(k + 1);
        }
    }
    (ok, bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;

    fn one(s: &str) -> Mention {
        let t = tokens(s);
        let m = mentions(&t);
        assert_eq!(m.len(), 1, "{s}: {m:?}");
        m[0].clone()
    }

    #[test]
    fn both_arabic_month_series_and_ranges() {
        let m = one("يومي 22 و23 تموز (يوليو) 2024");
        assert_eq!((m.year, m.month, m.day, m.day_end), (Some(2024), 7, Some(22), Some(23)));
        let m = one("خلال يومي 7 و8 من شهر أغسطس الجاري");
        assert_eq!((m.year, m.month, m.day, m.day_end), (None, 8, Some(7), Some(8)));
        assert_eq!(one("في موعد أقصاه نهاية أيلول 2025").iso(), "2025-09");
        assert_eq!(one("حتى سبتمبر ٢٠٢٦").iso(), "2026-09");
        assert_eq!(one("09-أغسطس-2023").iso(), "2023-08-09");
        assert_eq!(one("كانون الثاني 2024").iso(), "2024-01");
        assert_eq!(one("no later than the end of September 2025").iso(), "2025-09");
        assert_eq!(one("on August 7-8, 2023").iso(), "2023-08-07");
    }

    #[test]
    fn hijri_dates_convert() {
        // 1 Muharram 1446 was 7 July 2024 (Umm al-Qura); the arithmetical calendar is within two days.
        let m = one("1 محرم 1446 هـ");
        let d = m.date().unwrap();
        let want = Date::new(2024, 7, 7).unwrap();
        assert!((d - want).get_days().abs() <= 2, "{d}");
        assert!(mentions(&tokens("صفر من الأخطاء")).is_empty());
    }

    #[test]
    fn numeric_dates_and_impossible_ones() {
        let (ok, bad) = numeric("في 2023-08-09 وفي 31/02/2024 و9/8/2023");
        assert_eq!(ok.iter().map(|x| x.2.to_string()).collect::<Vec<_>>(), ["2023-08-09", "2023-08-09"]);
        assert_eq!(bad.len(), 1);
    }
}
