//! Reading PDFs back with poppler-utils, and the founding case.

use std::path::{Path, PathBuf};
use std::process::Command;

use tahawul_domain::Case;

pub fn founding_case() -> Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/iraq-hmc");
    tahawul_domain::bundle::load(&dir).unwrap_or_else(|d| panic!("the founding case loads: {d:?}"))
}

fn tool(name: &str) -> PathBuf {
    let path = PathBuf::from("/usr/bin").join(name);
    assert!(
        path.is_file(),
        "{name} is missing: these tests read the PDFs back with Debian's poppler-utils \
         (apt-get install poppler-utils; scripts/test installs it)"
    );
    path
}

fn write(pdf: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("doc.pdf"), pdf).expect("the PDF is written");
    dir
}

/// The text of a PDF as pdftotext extracts it (UTF-8, reading order, no layout), without the
/// page labels: only the area above the footer is read, so a paragraph that runs on to the
/// next page reads on without "Page 2 of 4" inside it.
pub fn pdftotext(pdf: &[u8]) -> String {
    extract(pdf, &[])
}

/// The same in content order (`-raw`): a table's cells one after the other rather than
/// poppler's interleaving of columns line by line. Left-to-right text only.
pub fn pdftotext_raw(pdf: &[u8]) -> String {
    extract(pdf, &["-raw"])
}

/// Every word of the PDF with where it is drawn (`-bbox`): (page, x min, y min, text). A
/// word's text is its glyphs from left to right as drawn: what a reader sees, not the logical
/// order (an Arabic word comes out reversed, a number drawn left to right as written).
pub fn words_drawn(pdf: &[u8]) -> Vec<(usize, f64, f64, String)> {
    let html = extract(pdf, &["-bbox"]);
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let v = &tag[tag.find(&key).expect(name) + key.len()..];
        v[..v.find('"').expect("a closing quote")].parse().expect("a number")
    };
    let mut out = Vec::new();
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').expect("a word tag");
            let text = text.trim_end_matches("</word>").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            out.push((page, attr(tag, "xMin"), attr(tag, "yMin"), text));
        }
    }
    out
}

fn extract(pdf: &[u8], extra: &[&str]) -> String {
    let dir = write(pdf);
    let out = Command::new(tool("pdftotext"))
        .args(["-enc", "UTF-8", "-x", "0", "-y", "0", "-W", "595", "-H", "770"])
        .args(extra)
        .arg(dir.path().join("doc.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// Whitespace collapsed to single spaces, and the invisible bidi controls removed (the
/// record's text has none; the Arabic messages isolate numbers with them).
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The number of pages pdfinfo reports.
pub fn pages(pdf: &[u8]) -> usize {
    let dir = write(pdf);
    let out = Command::new(tool("pdfinfo")).arg(dir.path().join("doc.pdf")).output().expect("pdfinfo runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().expect("a page count")))
        .unwrap_or_else(|| panic!("pdfinfo gives no page count: {text}"))
}

/// Page `page` rendered in grey at `dpi`: (width, height, one byte a pixel).
pub fn render(pdf: &[u8], page: usize, dpi: u32) -> (u32, u32, Vec<u8>) {
    let dir = write(pdf);
    let prefix = dir.path().join("page");
    let status = Command::new(tool("pdftoppm"))
        .args([
            "-png",
            "-gray",
            "-singlefile",
            "-r",
            &dpi.to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(dir.path().join("doc.pdf"))
        .arg(&prefix)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success(), "pdftoppm failed");
    let bytes = std::fs::read(prefix.with_extension("png")).expect("pdftoppm wrote the page");
    decode(&bytes)
}

pub fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    let grey = match info.color_type {
        png::ColorType::Grayscale => buf,
        png::ColorType::GrayscaleAlpha => buf.chunks(2).map(|c| c[0]).collect(),
        png::ColorType::Rgb => buf.chunks(3).map(|c| c[1]).collect(),
        png::ColorType::Rgba => buf.chunks(4).map(|c| c[1]).collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, grey)
}

pub fn encode(width: u32, height: u32, grey: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("a PNG header");
    writer.write_image_data(grey).expect("the pixels");
    writer.finish().expect("the PNG");
    out
}

/// Compares a render with the reviewed snapshot `name` in tests/snapshots. With
/// `UPDATE_SNAPSHOTS=1` it writes the snapshot instead (then look at it before committing).
/// Tolerance: fonts and poppler versions move edges by a pixel, never whole words; a page
/// whose text moved, changed direction or lost its joins differs in far more than 1% of its
/// pixels.
pub fn assert_snapshot(name: &str, (width, height, grey): (u32, u32, Vec<u8>)) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, encode(width, height, &grey)).expect("the snapshot is written");
        return;
    }
    let want = std::fs::read(&path).unwrap_or_else(|_| {
        panic!("no snapshot {}: run with UPDATE_SNAPSHOTS=1, look at it, commit it", path.display())
    });
    let (w, h, expected) = decode(&want);
    assert_eq!((w, h), (width, height), "the page size of {name} changed");
    let differing = grey.iter().zip(&expected).filter(|(a, b)| a.abs_diff(**b) > 64).count();
    let share = differing as f64 / grey.len() as f64;
    if share > 0.01 {
        let failed = path.with_extension("failed.png");
        std::fs::write(&failed, encode(width, height, &grey)).ok();
        panic!(
            "page render differs from the reviewed snapshot {name} in {:.2}% of its pixels (at most 1%); \
             this render: {}",
            share * 100.0,
            failed.display()
        );
    }
}
