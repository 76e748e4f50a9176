//! Tables that scale (issue 17): sorting, filtering, search, paging and CSV export on the list
//! pages, all in the URL; the audit log newest first with its actions in words; repeated
//! sources collapsed on an indicator's figures. Over real HTTP, SQLite and PostgreSQL.

use crate::helpers;

use helpers::both;
use helpers::forms::reader;
use helpers::{Db, PASSWORD, TestApp, spawn_app};
use reqwest::Method;
use serde_json::json;
use tahawul_domain::minutes::KeyFile;
use tahawul_store::{NewUser, RecordKind, Role, prelude::*};

/// Display names that sort differently by code point than by the Arabic alphabet: by code
/// point أ (U+0623) < إ (U+0625) < ا (U+0627), but alphabetically these read ا-ب-ت, ا-ب-ر,
/// ا-س, so ابتسام, إبراهيم, أسامة.
const ARABIC: [&str; 3] = ["أسامة", "إبراهيم", "ابتسام"];
const ARABIC_SORTED: [&str; 3] = ["ابتسام", "إبراهيم", "أسامة"];
/// A display name a CSV must quote: a comma, quotes and a line break.
const QUOTED: &str = "Smith, \"Jo\"\nsecond line";
/// A display name a spreadsheet would run as a formula.
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"open\")";

/// The app with five more users whose display names test sorting and quoting.
async fn app_with_users(db: Db) -> TestApp {
    let app = spawn_app(db).await;
    let names = ["tbl-osama", "tbl-ibrahim", "tbl-ibtisam", "tbl-quoted", "tbl-formula"];
    let shown = [ARABIC[0], ARABIC[1], ARABIC[2], QUOTED, FORMULA];
    for (name, display) in names.into_iter().zip(shown) {
        let u = NewUser {
            name: name.into(),
            display_name: display.into(),
            role: Role::DelegationMember,
            party: Some("iq".into()),
            factor: None,
            password: PASSWORD.into(),
        };
        app.store.create_user(u, "setup").await.unwrap();
    }
    app
}

/// The body rows of the table `id`, each as its cells' text (tags dropped, entities read).
fn rows(page: &str, id: &str) -> Vec<Vec<String>> {
    let Some(start) = page.find(&format!(r#"<table id="{id}""#)) else {
        return Vec::new();
    };
    let rest = &page[start..];
    let table = &rest[..rest.find("</table>").unwrap()];
    let body = table.split("<tbody>").nth(1).unwrap_or("");
    body.split("<tr")
        .skip(1)
        .map(|tr| {
            let tr = tr.replace("</th>", "</td>");
            let cells: Vec<&str> = tr.split("</td>").collect();
            // The piece after the last cell is the row's end.
            cells[..cells.len() - 1].iter().map(|c| text(c)).collect()
        })
        .collect()
}

/// The text of a cell's markup (from its opening `<td` or `<th`).
fn text(html: &str) -> String {
    let open = html.rfind("<td").into_iter().chain(html.rfind("<th")).max();
    let html = open.map_or(html, |i| &html[i..]);
    let after = html.find('>').map_or(html, |i| &html[i + 1..]);
    let mut out = String::new();
    let mut tag = false;
    for c in after.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&")
}

fn column(rows: &[Vec<String>], i: usize) -> Vec<String> {
    rows.iter().map(|r| r[i].clone()).collect()
}

/// Digits of a cell, whatever isolates or Arabic-Indic digits surround them.
fn number(s: &str) -> i64 {
    s.chars()
        .filter(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no number in {s:?}"))
}

/// The href of the link `rel` in a page.
fn link(page: &str, rel: &str) -> Option<String> {
    let at = page.find(&format!(r#"rel="{rel}""#))?;
    let start = page[..at].rfind("href=\"")? + 6;
    let end = start + page[start..].find('"')?;
    Some(page[start..end].replace("&amp;", "&"))
}

async fn all_names(app: &TestApp) -> Vec<String> {
    let mut names: Vec<String> = app.store.list_users().await.unwrap().into_iter().map(|u| u.name).collect();
    names.sort();
    names
}

async fn sorting_follows_the_column_type_and_the_arabic_alphabet(db: Db) {
    let app = app_with_users(db).await;
    let sec = reader(&app, "sec").await;
    let names = all_names(&app).await;

    let page = sec.page("/users?sort=name&dir=asc&per=100").await;
    assert_eq!(column(&rows(&page, "users"), 0), names);
    assert!(page.contains(r#"aria-sort="ascending""#), "{page}");
    let page = sec.page("/users?sort=name&dir=desc&per=100").await;
    let mut reversed = names.clone();
    reversed.reverse();
    assert_eq!(column(&rows(&page, "users"), 0), reversed);
    assert!(page.contains(r#"aria-sort="descending""#));

    // Arabic names by the alphabet, not by code point.
    let arabic_order = |page: &str| -> Vec<String> {
        column(&rows(page, "users"), 1).into_iter().filter(|n| ARABIC.contains(&n.as_str())).collect()
    };
    let page = sec.page("/users?sort=display-name&per=100").await;
    assert_eq!(arabic_order(&page), ARABIC_SORTED);
    let page = sec.page("/users?sort=display-name&dir=desc&per=100").await;
    assert_eq!(arabic_order(&page), ARABIC_SORTED.iter().rev().copied().collect::<Vec<_>>());

    // Numbers as numbers, dates as dates: the rounds by their count of commitments and start.
    let case = helpers::founding_case();
    for dir in ["asc", "desc"] {
        let page = sec.page(&format!("/rounds?sort=commitments&dir={dir}")).await;
        let counts: Vec<i64> = column(&rows(&page, "rounds"), 4).iter().map(|c| number(c)).collect();
        let mut want: Vec<i64> =
            case.rounds.iter().map(|r| case.commitments.iter().filter(|c| c.round == r.id).count() as i64).collect();
        want.sort();
        if dir == "desc" {
            want.reverse();
        }
        assert_eq!(counts, want, "{dir}");
    }
    let page = sec.page("/rounds?sort=dates&dir=asc").await;
    let mut by_start: Vec<_> = case.rounds.iter().collect();
    by_start.sort_by_key(|r| r.start);
    let names: Vec<String> = by_start.iter().map(|r| r.name.en.clone()).collect();
    assert_eq!(column(&rows(&page, "rounds"), 0), names);
}

async fn filters_and_search_narrow_the_rows(db: Db) {
    let app = app_with_users(db).await;
    let sec = reader(&app, "sec").await;
    let users = app.store.list_users().await.unwrap();

    let page = sec.page("/users?f.role=delegation-head").await;
    let mut heads: Vec<String> =
        users.iter().filter(|u| u.role == Role::DelegationHead).map(|u| u.name.clone()).collect();
    heads.sort();
    let mut shown = column(&rows(&page, "users"), 0);
    shown.sort();
    assert_eq!(shown, heads);
    assert!(page.contains(r#"<option value="delegation-head" selected>"#), "the filter shows what it is set to");

    // Search: any cell, Arabic with or without its hamza.
    for q in ["إبراهيم", "ابراهيم"] {
        let page = sec.page(&format!("/users?q={q}")).await;
        assert_eq!(column(&rows(&page, "users"), 0), ["tbl-ibrahim"], "{q}");
    }
    // A filter and a search together; and a search that finds nothing says so.
    let page = sec.page("/users?f.party=iq&q=head").await;
    assert_eq!(column(&rows(&page, "users"), 0), ["iq-head"]);
    let page = sec.page("/users?q=nobody-is-called-this").await;
    assert!(rows(&page, "users").is_empty());
    assert!(page.contains("0 rows"), "{page}");

    // Earlier links without the `f.` prefix still filter.
    let all = rows(&sec.page("/commitments?per=500").await, "ledger");
    let us = helpers::founding_case().party("us").unwrap().name.en.clone();
    let theirs = rows(&sec.page("/commitments?party=us&per=500").await, "ledger");
    assert!(!theirs.is_empty() && theirs.len() < all.len(), "the filter narrows");
    assert_eq!(theirs.len(), all.iter().filter(|r| r[1].contains(&us)).count());
}

async fn pages_keep_the_query_and_bad_input_is_a_note(db: Db) {
    let app = app_with_users(db).await;
    let sec = reader(&app, "sec").await;
    let names = all_names(&app).await;

    let page = sec.page("/users?sort=name&per=3&page=2").await;
    assert_eq!(column(&rows(&page, "users"), 0), names[3..6]);
    let next = link(&page, "next").expect("a next page");
    let prev = link(&page, "prev").expect("a previous page");
    for l in [&next, &prev] {
        assert!(l.contains("sort=name") && l.contains("per=3"), "{l}");
    }
    assert!(next.contains("page=3") && prev.contains("page=1"), "{next} {prev}");
    let pages = names.len().div_ceil(3);
    assert!(page.contains(&format!("Page 2 of {pages}")), "{page}");
    let (_, third) = sec.get(&next).await;
    assert_eq!(column(&rows(&third, "users"), 0), names[6..9]);

    // Bad input: the page is drawn, with a note saying what was ignored.
    let page = sec.page("/users?page=abc").await;
    assert!(page.contains("“abc” is not a page number"), "{page}");
    assert_eq!(rows(&page, "users").len(), names.len().min(50));
    let page = sec.page("/users?sort=nope").await;
    assert!(page.contains("no column “nope”"), "{page}");
    let page = sec.page("/users?sort=name&per=3&page=999").await;
    assert!(page.contains("There is no page 999"), "{page}");
    assert_eq!(column(&rows(&page, "users"), 0), names[(pages - 1) * 3..]);
    let page = sec.page("/users?per=-1&dir=sideways").await;
    assert!(page.contains("“-1” is not a number of rows per page"), "{page}");
    assert!(page.contains("“sideways” is not a sort direction"), "{page}");
    for path in ["/audit?page=abc", "/rounds?page=abc", "/assessments?page=abc", "/commitments?page=abc"] {
        let page = sec.page(path).await;
        assert!(page.contains("is not a page number"), "{path}");
    }
    // A list with no rows yet still answers (no consultation is recorded yet).
    sec.page("/consultations?page=abc&sort=nope").await;
    // In Arabic too.
    sec.arabic().await;
    let page = sec.page("/users?page=abc").await;
    assert!(page.contains("ليس رقم صفحة"), "{page}");
}

async fn csv_gives_the_same_rows_quoted_and_inert(db: Db) {
    let app = app_with_users(db).await;
    let sec = reader(&app, "sec").await;
    let names = all_names(&app).await;

    // The rows of every page, as the pages show them.
    let mut paged = Vec::new();
    for n in 1..=names.len().div_ceil(4) {
        let page = sec.page(&format!("/users?sort=name&per=4&page={n}")).await;
        paged.extend(rows(&page, "users").into_iter().map(|r| r[..7].to_vec()));
    }
    let res = sec.c.get(app.url("/users?sort=name&per=4&page=2&format=csv")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert_eq!(disposition, r#"attachment; filename="tahawul-users.csv""#);
    let body = res.bytes().await.unwrap();
    assert!(body.starts_with("\u{FEFF}".as_bytes()), "a byte order mark for spreadsheets");
    let text = std::str::from_utf8(&body[3..]).unwrap();
    // RFC 4180: the field quoted, its quotes doubled, its line break kept inside.
    assert!(text.contains("\"Smith, \"\"Jo\"\"\nsecond line\""), "{text}");
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["User name", "Name shown", "Role", "Party", "Factor", "Account", "Sign-in"]);
    let records: Vec<Vec<String>> = csv.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    assert_eq!(records.len(), names.len(), "every row, not one page");
    // The same rows as the pages, but for the formula made inert.
    let inert = format!("'{FORMULA}");
    for (page_row, csv_row) in paged.iter().zip(&records) {
        if page_row[1] == FORMULA {
            assert_eq!(csv_row[1], inert);
            assert_eq!(csv_row[..1], page_row[..1]);
            assert_eq!(csv_row[2..], page_row[2..]);
        } else {
            assert_eq!(csv_row, page_row);
        }
    }
    assert!(records.iter().any(|r| r[1] == QUOTED));
    assert!(records.iter().any(|r| r[1] == ARABIC[1]));

    // Narrowed as the page is.
    let res = sec.c.get(app.url("/users?f.role=delegation-head&format=csv")).send().await.unwrap();
    let body = res.text().await.unwrap();
    assert_eq!(csv::Reader::from_reader(body.trim_start_matches('\u{FEFF}').as_bytes()).records().count(), 2);

    // In Arabic: the headers and the words in Arabic, UTF-8.
    sec.arabic().await;
    let res = sec.c.get(app.url("/users?sort=name&format=csv")).send().await.unwrap();
    let body = res.text().await.unwrap();
    let mut csv = csv::Reader::from_reader(body.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    assert!(header.iter().all(|h| h.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))), "{header:?}");
    assert!(body.contains(ARABIC[1]));
}

fn unbase64(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

async fn the_audit_log_reads_newest_first_in_words(db: Db) {
    let app = spawn_app(db).await;
    // An agreed change to JSCD 1, then the Iraqi head signs its minutes again.
    let r = app.store.get_record(RecordKind::Round, "jscd-1").await.unwrap();
    let mut body = r.body.clone();
    body["place"]["en"] = json!("Washington, D.C. (the Pentagon)");
    let (s, v) = app
        .call("sec", Method::PUT, "/api/v1/rounds/jscd-1", Some(json!({ "body": body, "version": r.version })))
        .await;
    assert_eq!(s, 200, "{v}");
    let (_, m) = app.call("iq-head", Method::GET, "/api/v1/rounds/jscd-1/minutes", None).await;
    let bytes = unbase64(m["canonical_base64"].as_str().unwrap());
    let path = format!("{}/../../examples/iraq-hmc/demo-keys/thabet-al-abbasi.key", env!("CARGO_MANIFEST_DIR"));
    let key = KeyFile::parse(&std::fs::read_to_string(path).unwrap()).unwrap().open("tahawul-demo-only").unwrap();
    let signature = json!({ "key": key.public().to_string(), "signature": key.sign(&bytes).to_string() });
    let (s, v) = app.call("iq-head", Method::POST, "/api/v1/rounds/jscd-1/minutes/signatures", Some(signature)).await;
    assert_eq!(s, 201, "{v}");
    let head = app.store.verify_audit().await.unwrap().head.seq as i64;

    let auditor = reader(&app, "auditor").await;
    let page = auditor.page("/audit").await;
    let shown = rows(&page, "audit");
    assert_eq!(shown.len(), 50);
    let seqs: Vec<i64> = column(&shown, 0).iter().map(|s| number(s)).collect();
    assert_eq!(seqs[0], head, "the newest entry first");
    assert!(seqs.windows(2).all(|w| w[0] == w[1] + 1), "then each one before it: {seqs:?}");
    let round = &helpers::founding_case().rounds[0];
    assert_eq!(round.id.as_str(), "jscd-1");
    assert_eq!(shown[0][3], format!("Signed the minutes of the round {} minutes-sign", round.name.en));
    assert_eq!(shown[0][2], "iq-head");
    assert!(shown[1][3].starts_with("Changed the round"), "{:?}", shown[1]);
    // Page 2 goes on where page 1 stopped.
    let page = auditor.page("/audit?page=2").await;
    assert_eq!(number(&rows(&page, "audit")[0][0]), head - 50);
    // Filtered by action: only signatures.
    assert!(page.contains(r#"<option value="minutes-sign">Minutes signed</option>"#), "the filter names actions");
    let page = auditor.page("/audit?f.action=minutes-sign").await;
    let signed = rows(&page, "audit");
    assert!(!signed.is_empty() && signed.iter().all(|r| r[3].contains("minutes-sign")), "{signed:?}");
    // Oldest first when asked.
    let page = auditor.page("/audit?sort=seq&dir=asc").await;
    assert_eq!(number(&rows(&page, "audit")[0][0]), 1);

    // Choosing Arabic is itself audited (the user's settings): the signature is the entry
    // after it.
    auditor.arabic().await;
    let page = auditor.page("/audit").await;
    let shown = rows(&page, "audit");
    assert!(shown[0][3].starts_with("تغيير إعدادات"), "{:?}", shown[0]);
    assert!(shown[1][3].starts_with("توقيع محضر الجولة"), "{:?}", shown[1]);
    assert!(shown[1][3].contains(round.name.ar.as_str()), "{:?}", shown[1]);
}

async fn an_indicator_pages_its_figures_and_says_a_source_once(db: Db) {
    let app = spawn_app(db).await;
    let sec = reader(&app, "sec").await;
    let page = sec.page("/indicators/threat.attacks_per_month?per=5").await;
    let shown = rows(&page, "figures");
    assert_eq!(shown.len(), 5);
    let next = link(&page, "next").expect("more figures than one page");
    assert!(next.contains("per=5"), "{next}");
    // A source the same as the row above is a ditto mark, its full text still there for
    // screen readers and as a tooltip.
    let dittos = page.matches(r#"class="ditto""#).count();
    // A ditto cell reads "〃" and then the full text for screen readers.
    let shown: Vec<Vec<String>> =
        shown.into_iter().map(|r| r.into_iter().map(|c| c.trim_start_matches('〃').to_string()).collect()).collect();
    let repeats: usize = [2, 3].iter().map(|&i| shown.windows(2).filter(|w| w[1][i] == w[0][i]).count()).sum();
    assert!(repeats > 0, "the founding case repeats its sources: {shown:?}");
    assert_eq!(dittos, repeats, "each repeat and only a repeat is a ditto mark");
    let source = &shown[0][2];
    assert_eq!(
        page.matches(&format!(r#"title="{source}""#)).count(),
        shown.iter().skip(1).take_while(|r| &r[2] == source).count()
    );
    // Sorted by value, the largest first, as numbers.
    let page = sec.page("/indicators/threat.attacks_per_month?sort=value&dir=desc&per=500").await;
    let values: Vec<f64> = column(&rows(&page, "figures"), 1)
        .iter()
        .map(|v| v.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect::<String>().parse().unwrap())
        .collect();
    assert!(values.len() > 5);
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
}

both!(
    sorting_follows_the_column_type_and_the_arabic_alphabet,
    filters_and_search_narrow_the_rows,
    pages_keep_the_query_and_bad_input_is_a_note,
    csv_gives_the_same_rows_quoted_and_inert,
    the_audit_log_reads_newest_first_in_words,
    an_indicator_pages_its_figures_and_says_a_source_once,
);
