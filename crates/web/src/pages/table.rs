//! Tables that scale (issue 17): one way for every list page to sort, filter, search, page and
//! export its rows, server-side and in the URL so that a view can be shared.
//!
//! `?sort=col&dir=asc|desc&q=text&f.<col>=value&page=N&per=50&format=csv`
//!
//! - A page builds its rows with a typed sort key per cell (numbers and dates sort as numbers
//!   and dates, never as strings) and the text a spreadsheet gets; [`Table::show`] narrows,
//!   sorts and pages them and draws the headers as sort links (`aria-sort` on the sorted one),
//!   a GET form with the search box and the filters, and a pager keeping every other parameter.
//! - `?format=csv` gives the same rows (narrowed and sorted, all pages) as `text/csv`.
//! - Bad input (an unknown column, `page=abc`) never fails the page: the page is drawn with the
//!   default in its place and an inline note saying what was ignored and why.
//!
//! Text sorts by a folded key, not by a collator: no ICU collator is in the build (only
//! `icu_plurals`), and the Arabic letters' code points are already in alphabetical order once
//! the forms of one letter are folded together (alef with hamza or madda, teh marbuta, alef
//! maksura) and the marks and tatweel are set aside. Latin text folds case.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use tahawul_i18n::{Localizer, Message};

/// Rows per page unless `per` says otherwise.
pub const PER_PAGE: usize = 50;
/// The most rows a page shows, so that `per=10000000` cannot make a page heavy.
pub const MAX_PER: usize = 500;

/// What the URL asks of a table.
#[derive(Debug, Clone)]
pub struct TableQuery {
    /// The column to sort by, as asked (checked against the table's columns when shown).
    pub sort: Option<String>,
    /// `Some(true)` for `dir=desc`, `Some(false)` for `dir=asc`, `None` for the column's own.
    pub desc: Option<bool>,
    /// The search text.
    pub q: String,
    /// `f.<col>=value`, and the bare `<col>=value` links made before tables had a prefix.
    filters: BTreeMap<String, String>,
    /// Every parameter as given, in order, to keep in links.
    params: Vec<(String, String)>,
    /// The page, from 1.
    pub page: usize,
    /// Rows per page.
    pub per: usize,
    /// `format=csv`.
    pub csv: bool,
    /// What was ignored, as messages for the inline note.
    notes: Vec<Message>,
}

impl TableQuery {
    /// Reads a raw query string (`None` when the URL has none).
    pub fn parse(raw: Option<&str>) -> TableQuery {
        let mut t = TableQuery {
            sort: None,
            desc: None,
            q: String::new(),
            filters: BTreeMap::new(),
            params: Vec::new(),
            page: 1,
            per: PER_PAGE,
            csv: false,
            notes: Vec::new(),
        };
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            let (k, v) = (k.into_owned(), v.into_owned());
            match k.as_str() {
                "sort" if !v.is_empty() => t.sort = Some(v.clone()),
                "dir" => match v.as_str() {
                    "asc" => t.desc = Some(false),
                    "desc" => t.desc = Some(true),
                    "" => {}
                    _ => t.notes.push(Message::new("pages-table-bad-dir").arg("value", v.as_str())),
                },
                "q" => t.q = v.trim().to_string(),
                "page" => match v.trim().parse::<usize>() {
                    Ok(n @ 1..) => t.page = n,
                    _ if v.is_empty() => {}
                    _ => t.notes.push(Message::new("pages-table-bad-page").arg("value", v.as_str()).arg("example", 2)),
                },
                "per" => match v.trim().parse::<usize>() {
                    Ok(n @ 1..) => t.per = n.min(MAX_PER),
                    _ if v.is_empty() => {}
                    _ => t.notes.push(
                        Message::new("pages-table-bad-per")
                            .arg("value", v.as_str())
                            .arg("per", PER_PAGE)
                            .arg("max", MAX_PER),
                    ),
                },
                "format" => t.csv = v == "csv",
                _ => {
                    let col = k.strip_prefix("f.").unwrap_or(&k);
                    if !v.is_empty() {
                        // A prefixed filter wins over a bare one of the same column.
                        if k.starts_with("f.") || !t.filters.contains_key(col) {
                            t.filters.insert(col.to_string(), v.clone());
                        }
                    }
                }
            }
            t.params.push((k, v));
        }
        t
    }

    /// Whether the URL narrows or reorders the rows (a page may then read more than one page).
    pub fn is_default(&self) -> bool {
        self.sort.is_none() && self.desc.is_none() && self.q.is_empty() && self.filters.is_empty()
    }

    /// The value a column is filtered by.
    pub fn filter(&self, col: &str) -> Option<&str> {
        self.filters.get(col).map(String::as_str)
    }

    /// The URL of `path` with these parameters, `set` replacing (or, with an empty value,
    /// removing) some of them.
    pub fn link(&self, path: &str, set: &[(&str, &str)]) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.params {
            if !set.iter().any(|(s, _)| s == k) && !v.is_empty() {
                out.append_pair(k, v);
            }
        }
        for (k, v) in set {
            if !v.is_empty() {
                out.append_pair(k, v);
            }
        }
        let q = out.finish();
        if q.is_empty() { path.to_string() } else { format!("{path}?{q}") }
    }
}

impl Default for TableQuery {
    /// The first page in the table's usual order (a page drawn after a form's POST).
    fn default() -> TableQuery {
        TableQuery::parse(None)
    }
}

/// A cell's sort key: typed, so that 10 comes after 9 and 2024-10 after 2024-9.
#[derive(Debug, Clone)]
pub enum Key {
    /// Text, compared by its folded form (see the module's note).
    Text(String),
    /// A number.
    Num(f64),
    /// An instant or a date as a sortable number (seconds, days, months, a sequence).
    Int(i64),
    /// Nothing: sorts after every value whichever the direction.
    Empty,
}

impl Key {
    /// A text key (folded once here, not at each comparison).
    pub fn text(s: &str) -> Key {
        Key::Text(fold(s))
    }

    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Text(a), Key::Text(b)) => a.cmp(b),
            (Key::Num(a), Key::Num(b)) => a.total_cmp(b),
            (Key::Int(a), Key::Int(b)) => a.cmp(b),
            (Key::Num(a), Key::Int(b)) => a.total_cmp(&(*b as f64)),
            (Key::Int(a), Key::Num(b)) => (*a as f64).total_cmp(b),
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Key::Int(_) | Key::Num(_) => 0,
            Key::Text(_) => 1,
            Key::Empty => 2,
        }
    }
}

/// Text folded for sorting and searching: Latin case folded; the forms of one Arabic letter
/// folded together (أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي); short vowels, other marks and
/// tatweel dropped, so that a word sorts and matches with or without its vowels.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}'))
        .flat_map(|c| {
            let c = match c {
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ة' => 'ه',
                'ى' => 'ي',
                'ؤ' => 'و',
                'ئ' => 'ي',
                // Arabic-Indic digits search like Latin ones.
                '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10).unwrap_or(c),
                c => c,
            };
            c.to_lowercase()
        })
        .collect()
}

/// One cell: how it sorts, what a spreadsheet (and the search) reads, what the page shows.
pub struct Cell {
    key: Key,
    text: String,
    filter: Vec<(String, String)>,
    html: Markup,
    ltr: bool,
    class: Option<String>,
}

impl Cell {
    /// A cell showing `html`, sorting by `key`, exported and searched as `text`.
    pub fn new(key: Key, text: impl Into<String>, html: Markup) -> Cell {
        Cell { key, text: text.into(), filter: Vec::new(), html, ltr: false, class: None }
    }

    /// A cell of plain text, sorted as text.
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell::new(Key::text(&text), text.clone(), html! { (text) })
    }

    /// The value the column's filter matches (a code such as a party's id; the cell's text
    /// is the option's label).
    pub fn filter_by(mut self, code: impl Into<String>) -> Cell {
        self.filter = vec![(code.into(), self.text.clone())];
        self
    }

    /// Several values the column's filter matches, each with its label (a commitment of two
    /// parties is found under either).
    pub fn filter_any(mut self, codes: Vec<(String, String)>) -> Cell {
        self.filter = codes;
        self
    }

    /// The values the column's filter matches: the codes given, else the text.
    fn filter_values(&self) -> Vec<(String, String)> {
        if self.filter.is_empty() { vec![(self.text.clone(), self.text.clone())] } else { self.filter.clone() }
    }

    /// Left to right whatever the page's direction (ids, codes).
    pub fn ltr(mut self) -> Cell {
        self.ltr = true;
        self
    }

    /// A class on the cell.
    pub fn class(mut self, class: impl Into<String>) -> Cell {
        self.class = Some(class.into());
        self
    }
}

/// A row: its cells in the columns' order, and its element id if it has one.
pub struct Row {
    /// The `<tr id>`, for links to the row.
    pub id: Option<String>,
    /// The `<tr class>`.
    pub class: Option<String>,
    /// The cells.
    pub cells: Vec<Cell>,
}

impl Row {
    /// A row of cells.
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { id: None, class: None, cells }
    }

    /// With an element id.
    pub fn id(mut self, id: impl Into<String>) -> Row {
        self.id = Some(id.into());
        self
    }

    /// With a class.
    pub fn class(mut self, class: impl Into<String>) -> Row {
        self.class = Some(class.into());
        self
    }
}

/// A column.
pub struct Column {
    /// Its name in the URL (`sort=`, `f.`).
    pub key: &'static str,
    /// Its header.
    pub label: String,
    /// Whether the form offers a filter by its values.
    pub filter: bool,
    /// Whether a cell equal to the one above shows a ditto mark (the full text kept for
    /// screen readers and in a tooltip): long repeated text, such as a source, read once.
    pub collapse: bool,
    /// The first direction when sorted by it (dates: newest first).
    pub desc_first: bool,
    /// The header is a row header (`th scope=row`) in the body.
    pub row_header: bool,
    /// Buttons, not data: neither sorted by nor exported.
    pub actions: bool,
    /// The filter's choices when the rows at hand are not all of them (a log read a page
    /// at a time): (value, label).
    pub options: Option<Vec<(String, String)>>,
}

impl Column {
    /// A sortable column.
    pub fn new(key: &'static str, label: String) -> Column {
        Column {
            key,
            label,
            filter: false,
            collapse: false,
            desc_first: false,
            row_header: false,
            actions: false,
            options: None,
        }
    }
    /// Offers a filter by its values.
    pub fn filter(mut self) -> Column {
        self.filter = true;
        self
    }
    /// Collapses repeated cells.
    pub fn collapse(mut self) -> Column {
        self.collapse = true;
        self
    }
    /// Sorts newest or largest first when first chosen.
    pub fn desc_first(mut self) -> Column {
        self.desc_first = true;
        self
    }
    /// A filter with these choices, whatever the rows.
    pub fn options(mut self, options: Vec<(String, String)>) -> Column {
        self.filter = true;
        self.options = Some(options);
        self
    }
    /// Buttons, not data.
    pub fn actions(mut self) -> Column {
        self.actions = true;
        self
    }
    /// Its cells are the rows' headers.
    pub fn row_header(mut self) -> Column {
        self.row_header = true;
        self
    }
}

/// A table to show: its columns, its rows, and how it sorts when the URL does not say.
pub struct Table {
    /// The `<table id>` (also the CSV file's name).
    pub id: &'static str,
    /// The caption.
    pub caption: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// Every row (or, with [`Table::pre_paged`], only the page's).
    pub rows: Vec<Row>,
    /// The default sort: a column's key and whether descending; `None` keeps the rows' order.
    pub default_sort: Option<(&'static str, bool)>,
    /// Set when the rows given are already the asked page of this many (a log read a page at
    /// a time): they are shown as given.
    pub pre_paged: Option<usize>,
    /// More controls for the form (a check box the page filters by itself), and the
    /// parameters they send, which the form then does not repeat as hidden fields.
    pub controls: Option<(Markup, &'static [&'static str])>,
}

/// What a table gives its page: the markup, or the CSV answer to send instead of the page.
pub enum Shown {
    /// The table with its form, notes and pager.
    Page(Markup),
    /// `?format=csv`.
    Csv(Response),
}

impl Table {
    /// A table with no rows yet.
    pub fn new(id: &'static str, caption: String, columns: Vec<Column>) -> Table {
        Table { id, caption, columns, rows: Vec::new(), default_sort: None, pre_paged: None, controls: None }
    }

    /// Sorted by `key` unless the URL says otherwise.
    pub fn sorted_by(mut self, key: &'static str, desc: bool) -> Table {
        self.default_sort = Some((key, desc));
        self
    }

    /// The rows: narrowed by the filters and the search, sorted; and what was ignored.
    fn narrow(&mut self, q: &TableQuery) -> (Option<(usize, bool)>, Vec<Message>) {
        let mut notes = q.notes.clone();
        let search = fold(&q.q);
        for (i, col) in self.columns.iter().enumerate() {
            if let Some(want) = q.filter(col.key)
                && col.filter
            {
                self.rows.retain(|r| r.cells.get(i).is_some_and(|c| c.filter_values().iter().any(|(v, _)| v == want)));
            }
        }
        if !search.is_empty() {
            self.rows.retain(|r| r.cells.iter().any(|c| fold(&c.text).contains(&search)));
        }
        let asked = q.sort.as_deref().map(|s| (s, self.columns.iter().position(|c| c.key == s)));
        let sort = match asked {
            Some((_, Some(i))) if !self.columns[i].actions => Some((i, q.desc.unwrap_or(self.columns[i].desc_first))),
            Some((s, _)) => {
                notes.push(Message::new("pages-table-bad-sort").arg("value", s));
                None
            }
            None => None,
        }
        .or_else(|| {
            let (k, d) = self.default_sort?;
            let i = self.columns.iter().position(|c| c.key == k)?;
            Some((i, q.desc.unwrap_or(d)))
        });
        if let Some((i, desc)) = sort {
            // Stable: rows equal in the column keep their order (the page's own).
            self.rows.sort_by(|a, b| {
                let (ka, kb) = (&a.cells[i].key, &b.cells[i].key);
                match (ka, kb) {
                    (Key::Empty, _) | (_, Key::Empty) => ka.cmp(kb),
                    _ if desc => kb.cmp(ka),
                    _ => ka.cmp(kb),
                }
            });
        }
        (sort, notes)
    }

    /// Shows the table as `q` asks, on the page at `path`.
    pub fn show(mut self, q: &TableQuery, loc: &Localizer, path: &str) -> Shown {
        // The filters' options come from every row, before any narrowing.
        let options: Vec<Vec<(String, String)>> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, col)| {
                if !col.filter {
                    return Vec::new();
                }
                if let Some(o) = &col.options {
                    return o.clone();
                }
                let mut seen = BTreeMap::new();
                for r in &self.rows {
                    for (code, label) in r.cells.get(i).map(Cell::filter_values).unwrap_or_default() {
                        seen.entry(code).or_insert(label);
                    }
                }
                let mut v: Vec<(String, String)> = seen.into_iter().collect();
                v.sort_by_cached_key(|(_, label)| fold(label));
                v
            })
            .collect();
        let (sort, notes) = if self.pre_paged.is_some() { (None, q.notes.clone()) } else { self.narrow(q) };
        if q.csv {
            return Shown::Csv(self.csv());
        }
        let total = self.pre_paged.unwrap_or(self.rows.len());
        let pages = total.div_ceil(q.per).max(1);
        let mut notes = notes;
        let page = if q.page > pages {
            notes.push(Message::new("pages-table-past-end").arg("page", q.page).arg("pages", pages));
            pages
        } else {
            q.page
        };
        let rows: Vec<Row> = if self.pre_paged.is_some() {
            self.rows
        } else {
            self.rows.into_iter().skip((page - 1) * q.per).take(q.per).collect()
        };
        let first = (page - 1) * q.per + 1;
        let id = self.id;
        let sort_link = |i: usize, col: &Column| {
            let desc = match sort {
                Some((s, d)) if s == i => !d,
                _ => col.desc_first,
            };
            q.link(path, &[("sort", col.key), ("dir", if desc { "desc" } else { "asc" }), ("page", ""), ("format", "")])
        };
        let has_filters = self.columns.iter().any(|c| c.filter);
        let own: &[&str] = self.controls.as_ref().map_or(&[], |(_, o)| o);
        let markup = html! {
            form method="get" action=(path) class="filters table-tools" role="search" aria-label=(loc.format(&Message::new("pages-table-tools").arg("table", self.caption.as_str()))) {
                // The view's other choices survive a search.
                @for (k, v) in &q.params {
                    @if !v.is_empty() && !matches!(k.as_str(), "q" | "page" | "format") && !k.starts_with("f.") && !self.columns.iter().any(|c| c.filter && c.key == k) && !own.contains(&k.as_str()) {
                        input type="hidden" name=(k) value=(v);
                    }
                }
                label for={ (id) "-q" } { (loc.tr("pages-table-search")) }
                input id={ (id) "-q" } type="search" name="q" value=(q.q) dir="auto";
                @if has_filters {
                    @for (i, col) in self.columns.iter().enumerate() {
                        @if col.filter {
                            label for={ (id) "-f-" (col.key) } { (col.label) }
                            select id={ (id) "-f-" (col.key) } name={ "f." (col.key) } {
                                option value="" { (loc.tr("pages-table-any")) }
                                @for (code, label) in &options[i] {
                                    option value=(code) selected[q.filter(col.key) == Some(code.as_str())] { (label) }
                                }
                            }
                        }
                    }
                }
                @if let Some((m, _)) = &self.controls { (m) }
                button type="submit" { (loc.tr("pages-table-apply")) }
                a class="csv" href=(q.link(path, &[("format", "csv"), ("page", "")])) download { (loc.tr("pages-table-csv")) }
            }
            @if !notes.is_empty() {
                div class="note table-note" role="status" id={ (id) "-note" } {
                    @for n in &notes { p { (loc.format(n)) } }
                }
            }
            p role="status" class="table-count" id={ (id) "-count" } {
                (loc.format(&Message::new("pages-table-rows").arg("count", total)))
            }
            @if !rows.is_empty() {
                table id=(id) {
                    caption { (self.caption) }
                    thead { tr {
                        @for (i, col) in self.columns.iter().enumerate() {
                            @let aria = match sort { Some((s, d)) if s == i => Some(if d { "descending" } else { "ascending" }), _ => None };
                            th scope="col" aria-sort=[aria] {
                                @if col.actions { (col.label) } @else {
                                a href=(sort_link(i, col)) {
                                    (col.label)
                                    @match aria {
                                        Some("ascending") => span aria-hidden="true" { " ▲" },
                                        Some(_) => span aria-hidden="true" { " ▼" },
                                        None => {},
                                    }
                                }
                                }
                            }
                        }
                    } }
                    tbody {
                        @for (n, r) in rows.iter().enumerate() {
                            tr id=[r.id.as_deref()] class=[r.class.as_deref()] {
                                @for (i, c) in r.cells.iter().enumerate() {
                                    @let col = &self.columns[i];
                                    @let same = col.collapse && n > 0 && rows[n - 1].cells.get(i).is_some_and(|above| above.text == c.text) && !c.text.is_empty();
                                    @if col.row_header {
                                        th scope="row" dir=[c.ltr.then_some("ltr")] class=[c.class.as_deref()] { (c.html) }
                                    } @else if same {
                                        td class="ditto" title=(c.text) {
                                            span aria-hidden="true" { "〃" }
                                            span class="vh" { (c.html) }
                                        }
                                    } @else {
                                        td dir=[c.ltr.then_some("ltr")] class=[c.class.as_deref()] { (c.html) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if pages > 1 {
                nav class="pager" aria-label=(loc.format(&Message::new("pages-table-pages").arg("table", self.caption.as_str()))) {
                    @if page > 1 {
                        a href=(q.link(path, &[("page", "1")])) rel="first" { (loc.tr("pages-table-first")) }
                        a href=(q.link(path, &[("page", &(page - 1).to_string())])) rel="prev" { (loc.tr("pages-table-previous")) }
                    }
                    span aria-current="page" {
                        (loc.format(&Message::new("pages-table-page-of").arg("page", page).arg("pages", pages)
                            .arg("first", first).arg("last", (first + rows.len()).saturating_sub(1)).arg("count", total)))
                    }
                    @if page < pages {
                        a href=(q.link(path, &[("page", &(page + 1).to_string())])) rel="next" { (loc.tr("pages-table-next")) }
                        a href=(q.link(path, &[("page", &pages.to_string())])) rel="last" { (loc.tr("pages-table-last")) }
                    }
                }
            }
        };
        Shown::Page(markup)
    }

    /// Every row (already narrowed and sorted) as CSV.
    fn csv(&self) -> Response {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
        // A byte order mark: spreadsheet programs read a CSV without one in the system's
        // code page, which turns Arabic into mojibake.
        let mut out = "\u{FEFF}".as_bytes().to_vec();
        let data: Vec<usize> = (0..self.columns.len()).filter(|i| !self.columns[*i].actions).collect();
        let header: Vec<String> = data.iter().map(|i| guard_formula(&self.columns[*i].label)).collect();
        let mut ok = w.write_record(&header).is_ok();
        for r in &self.rows {
            ok &= w
                .write_record(data.iter().map(|i| r.cells.get(*i).map_or(String::new(), |c| guard_formula(&c.text))))
                .is_ok();
        }
        match (ok, w.into_inner()) {
            (true, Ok(body)) => out.extend(body),
            _ => return super::internal("the CSV could not be written to memory"),
        }
        (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"tahawul-{}.csv\"", self.id)),
            ],
            out,
        )
            .into_response()
    }
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading apostrophe: a figure's source or a commitment's text is
/// typed by people, and `=HYPERLINK(…)` in an exported cell would run in whoever opens the
/// file (OWASP "CSV injection"). The apostrophe shows, but the text stays whole and inert.
/// A plain number (`-3`, `+1.5`) is left as it is: it is not a formula, and a spreadsheet
/// must still read it as a number.
pub fn guard_formula(s: &str) -> String {
    match s.chars().next() {
        Some('-' | '+') if s.parse::<f64>().is_ok_and(f64::is_finite) => s.to_string(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_folds_the_forms_of_a_letter_and_drops_the_vowels() {
        assert_eq!(fold("أَحمد"), fold("احمد"));
        assert_eq!(fold("مدرسة"), fold("مدرسه"));
        assert!(fold("باب") < fold("تاج"), "ب before ت");
        assert_eq!(fold("ABC"), "abc");
        assert_eq!(fold("٢٠٢٤"), "2024");
    }

    #[test]
    fn bad_paging_is_a_note_not_a_failure() {
        let q = TableQuery::parse(Some("page=abc&per=-3&dir=up&sort=x"));
        assert_eq!((q.page, q.per), (1, PER_PAGE));
        assert_eq!(q.notes.len(), 3, "page, per and dir noted");
        let q = TableQuery::parse(Some("per=100000"));
        assert_eq!(q.per, MAX_PER);
    }

    #[test]
    fn links_keep_the_other_parameters() {
        let q = TableQuery::parse(Some("q=a%20b&f.party=iq&page=3"));
        assert_eq!(q.link("/x", &[("page", "4")]), "/x?q=a+b&f.party=iq&page=4");
        assert_eq!(q.filter("party"), Some("iq"));
    }

    #[test]
    fn numbers_sort_as_numbers() {
        let mut v = [Key::Num(10.0), Key::Num(9.0), Key::Empty, Key::Num(-1.0)];
        v.sort_by(|a, b| a.cmp(b));
        assert!(matches!(v, [Key::Num(a), Key::Num(b), Key::Num(c), Key::Empty] if a == -1.0 && b == 9.0 && c == 10.0));
    }

    #[test]
    fn formulas_are_made_inert() {
        assert_eq!(guard_formula("=1+1"), "'=1+1");
        assert_eq!(guard_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard_formula("ok"), "ok");
        assert_eq!(guard_formula("-3.5"), "-3.5", "a number stays a number");
        assert_eq!(guard_formula("-2+3"), "'-2+3");
    }
}
