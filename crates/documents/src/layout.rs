//! A small page layout: paragraphs broken into lines by measured advance, each paragraph
//! ordered by the Unicode bidi algorithm (UAX #9, `unicode-bidi`) and shaped by rustybuzz,
//! headings, simple tables, vector charts (paths, clip rectangles and text labels), page
//! breaks and a page label on every page. Arabic paragraphs
//! run right to left and are right-aligned; numbers, dates and Latin names inside them keep
//! their own order because bidi resolves them as embedded left-to-right runs.
//!
//! Layout is done first (pages of placed glyph runs), drawing second, so each page's label
//! can say how many pages there are.

use std::ops::Range;

use krilla::Document as PdfDocument;
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{Metadata, TextDirection as MetaDirection};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke, StrokeDash};
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag, Tag, TagGroup, TagTree};
use krilla::text::{GlyphId, KrillaGlyph};
use tahawul_i18n::Lang;
use unicode_bidi::{BidiInfo, Level};

use crate::fonts::{Fonts, Script, script_of};

/// A4 in PostScript points.
const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const FOOTER: f32 = 28.0;
/// Line height as a multiple of the font size: Naskh's marks above and below need room.
const LEADING: f32 = 1.75;
const CELL_PAD: f32 = 4.0;

/// How a paragraph looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The document's title.
    Title,
    /// A section heading.
    Heading,
    /// Body text.
    Body,
    /// Body text in bold (labels).
    Strong,
    /// Smaller text (digests, notes).
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 17.0,
            Style::Heading => 13.0,
            Style::Body | Style::Strong => 10.5,
            Style::Small => 8.5,
        }
    }
    fn bold(self) -> bool {
        matches!(self, Style::Title | Style::Heading | Style::Strong)
    }
    /// Space above the paragraph.
    fn before(self) -> f32 {
        match self {
            Style::Title => 0.0,
            Style::Heading => 12.0,
            Style::Body | Style::Strong | Style::Small => 3.0,
        }
    }
}

/// One block of a document, in reading order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph; line breaks in the text start new paragraphs.
    Para(Style, String),
    /// A table: each column's share of the width, a header row and the rows (cells may wrap).
    Table { widths: Vec<f32>, header: Vec<String>, rows: Vec<Vec<String>> },
    /// Vertical space.
    Space(f32),
    /// A thin horizontal line across the text width.
    Rule,
    /// The next block starts on a new page.
    PageBreak,
    /// The blocks that follow are in this language (direction and alignment).
    Lang(Lang),
    /// A vector drawing across the text width, kept on one page.
    Chart(Chart),
}

/// The width charts are drawn in: the text width of the page, in points.
pub const CHART_WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

/// A colour (red, green, blue).
pub type Rgb = [u8; 3];

/// Where a label sits against its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The label starts at the point (its left edge there).
    Left,
    /// Centred on the point.
    Centre,
    /// The label ends at the point (its right edge there).
    Right,
}

/// One mark of a chart, in the chart's coordinates: x from 0 to [`CHART_WIDTH`] left to
/// right, y from 0 at its top down to its height. The chart's author mirrors x for Arabic.
#[derive(Debug, Clone)]
pub enum Mark {
    /// A line through points, or a shape when `closed`: filled and/or stroked; `dash` draws
    /// the stroke dashed.
    Path { points: Vec<(f32, f32)>, closed: bool, fill: Option<Rgb>, stroke: Option<Rgb>, width: f32, dash: bool },
    /// A text label: its baseline at `y`, placed against `x` by `align`, shaped and ordered
    /// like any paragraph of the document's language (so it reads back as text).
    Label { x: f32, y: f32, align: Align, text: String, bold: bool },
    /// Marks after this one are clipped to this rectangle (x, y, width, height) until [`Mark::Unclip`].
    Clip(f32, f32, f32, f32),
    /// Ends the clipping.
    Unclip,
}

/// A chart: its height and its marks, drawn in order.
#[derive(Debug, Clone)]
pub struct Chart {
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// A document to lay out: its language (of the title, the page labels and the first blocks),
/// its title (also the PDF's metadata), its blocks, and the page label (page, pages).
pub struct Document<'a> {
    pub lang: Lang,
    pub title: String,
    pub blocks: Vec<Block>,
    pub page_label: &'a dyn Fn(usize, usize) -> String,
    /// When the document was made (PDF/A requires the date).
    pub created: jiff::Timestamp,
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// krilla refused the document (a PDF/A rule it would break, or a font problem).
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// A shaped, positioned run of glyphs in one face.
#[derive(Clone)]
struct Run {
    x: f32,
    script: Script,
    bold: bool,
    size: f32,
    glyphs: Vec<KrillaGlyph>,
    text: String,
}

/// A laid-out line: runs from x = 0, its width, its logical text.
struct Line {
    runs: Vec<Run>,
    width: f32,
    text: String,
}

/// Something placed on a page.
enum Op {
    /// One line of text: its runs left to right, and the line's text in logical order (the
    /// PDF's ActualText for the line, so extraction reads it in that order, marks and all).
    Text {
        y: f32,
        runs: Vec<Run>,
        text: String,
        lang: Lang,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        grey: u8,
    },
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    /// A chart's path, in page coordinates.
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
        width: f32,
        dash: bool,
    },
    /// Clip what follows to a rectangle (`None`: stop clipping).
    Clip(Option<(f32, f32, f32, f32)>),
}

/// Bidi controls: invisible, and the fonts have no glyph for them; they steer ordering, then
/// are left out of what is shaped.
fn is_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// The top of free space on the current page.
    y: f32,
    lang: Lang,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts, lang: Lang) -> Self {
        Layout { fonts, pages: vec![Vec::new()], y: MARGIN, lang }
    }

    fn bottom() -> f32 {
        PAGE_H - MARGIN - FOOTER
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    fn ensure(&mut self, height: f32) {
        if self.y + height > Self::bottom() && self.y > MARGIN {
            self.new_page();
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.push(op);
        }
    }

    fn rtl(&self) -> bool {
        self.lang == Lang::Ar
    }

    /// Shapes `text` (already one direction, one script) in a face and returns the glyphs
    /// with their widths at `size`.
    fn shape(&self, text: &str, script: Script, bold: bool, rtl: bool, size: f32) -> (Vec<KrillaGlyph>, f32) {
        let face = self.fonts.face(script, bold);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
        buffer.guess_segment_properties();
        let out = rustybuzz::shape(&face.shaper, &[], buffer);
        let infos = out.glyph_infos();
        let positions = out.glyph_positions();
        // Each glyph stands for the text from its cluster to the next cluster in logical
        // order: that is what the PDF maps it back to (ToUnicode / ActualText), so the text
        // extracted from the page is the text written, in logical order.
        let mut clusters: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let upem = face.units_per_em;
        let mut width = 0.0;
        let glyphs = infos
            .iter()
            .zip(positions)
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let end = clusters.iter().copied().find(|c| *c > start).unwrap_or(text.len());
                width += pos.x_advance as f32 / upem * size;
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / upem,
                    pos.x_offset as f32 / upem,
                    pos.y_offset as f32 / upem,
                    pos.y_advance as f32 / upem,
                    start..end,
                    None,
                )
            })
            .collect();
        (glyphs, width)
    }

    /// Splits text of one direction into runs of one script, in logical order. Spaces and
    /// punctuation join the run before them (or the first run, at the start) when that font
    /// has them; Noto Naskh Arabic has no brackets, slash or dash, so those go to Noto Sans.
    fn script_runs(&self, text: &str, bold: bool) -> Vec<(Script, String)> {
        let has = |s: Script, c: char| self.fonts.face(s, bold).shaper.glyph_index(c).is_some();
        let other = |s: Script| if s == Script::Arabic { Script::Latin } else { Script::Arabic };
        let mut runs: Vec<(Script, String)> = Vec::new();
        let mut pending = String::new();
        for c in text.chars().filter(|c| !is_control(*c)) {
            let script = match (script_of(c), runs.last()) {
                (Some(s), _) => s,
                (None, Some((last, _))) if has(*last, c) => *last,
                (None, Some((last, _))) => other(*last),
                (None, None) => {
                    pending.push(c);
                    continue;
                }
            };
            match runs.last_mut() {
                Some((last, t)) if *last == script => t.push(c),
                _ => {
                    // Leading neutrals go with the first run if its font has them all.
                    let mut t = String::new();
                    if !pending.is_empty() {
                        if pending.chars().all(|p| has(script, p)) {
                            t = std::mem::take(&mut pending);
                        } else {
                            runs.push((other(script), std::mem::take(&mut pending)));
                        }
                    }
                    t.push(c);
                    runs.push((script, t));
                }
            }
        }
        if !pending.is_empty() {
            let fallback = self.fallback();
            let script = if pending.chars().all(|p| has(fallback, p)) { fallback } else { other(fallback) };
            runs.push((script, pending));
        }
        runs
    }

    fn fallback(&self) -> Script {
        if self.rtl() { Script::Arabic } else { Script::Latin }
    }

    /// The width of a piece of text with no line break in it, as it will be drawn.
    fn measure(&self, text: &str, bold: bool, size: f32) -> f32 {
        self.script_runs(text, bold).iter().map(|(s, t)| self.shape(t, *s, bold, *s == Script::Arabic, size).1).sum()
    }

    /// Breaks one paragraph into lines no wider than `max`: byte ranges of `text`. Breaks at
    /// spaces; a word wider than a line (a key, a digest) is broken between characters.
    fn break_lines(&self, text: &str, bold: bool, size: f32, max: f32) -> Vec<Range<usize>> {
        let space = self.measure(" ", bold, size);
        let mut words: Vec<(Range<usize>, f32)> = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            if c == ' ' {
                if let Some(s) = start.take() {
                    let w: &str = &text[s..i];
                    let width = self.measure(w, bold, size);
                    if width <= max {
                        words.push((s..i, width));
                    } else {
                        // Character by character, each piece as wide as fits.
                        let mut piece = s;
                        for (j, _) in w.char_indices().skip(1) {
                            if self.measure(&text[piece..s + j], bold, size) > max && s + j > piece {
                                let prev = w[..j].char_indices().last().map_or(s + j, |(k, _)| s + k);
                                let cut = if prev > piece { prev } else { s + j };
                                words.push((piece..cut, self.measure(&text[piece..cut], bold, size)));
                                piece = cut;
                            }
                        }
                        words.push((piece..i, self.measure(&text[piece..i], bold, size)));
                    }
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        let mut lines = Vec::new();
        let mut current: Option<(Range<usize>, f32)> = None;
        for (range, width) in words {
            current = match current {
                None => Some((range, width)),
                Some((line, used)) => {
                    let gap = if range.start > line.end { space } else { 0.0 };
                    if used + gap + width <= max {
                        Some((line.start..range.end, used + gap + width))
                    } else {
                        lines.push(line);
                        Some((range, width))
                    }
                }
            };
        }
        if let Some((line, _)) = current {
            lines.push(line);
        }
        lines
    }

    /// The runs of one line, left to right, starting at x = 0, and the line's width.
    fn line_runs(&self, bidi: &BidiInfo, line: Range<usize>, bold: bool, size: f32) -> (Vec<Run>, f32) {
        let Some(para) = bidi.paragraphs.first() else { return (Vec::new(), 0.0) };
        let (levels, runs) = bidi.visual_runs(para, line);
        let mut out = Vec::new();
        let mut x = 0.0;
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
            let mut pieces = self.script_runs(&bidi.text[run], bold);
            // Within a right-to-left run the first piece in logical order is the rightmost.
            if rtl {
                pieces.reverse();
            }
            for (script, text) in pieces {
                let (glyphs, width) = self.shape(&text, script, bold, rtl, size);
                out.push(Run { x, script, bold, size, glyphs, text });
                x += width;
            }
        }
        (out, x)
    }

    /// Lays out a paragraph in the box [left, left + width], from the current y.
    fn paragraph_lines(&self, text: &str, style: Style, width: f32) -> Vec<Line> {
        let (bold, size) = (style.bold(), style.size());
        let base = if self.rtl() { Level::rtl() } else { Level::ltr() };
        let mut lines = Vec::new();
        // In Arabic, dates, times, keys and other left-to-right runs are isolated (as the
        // messages isolate them), so each reads left to right as one unit inside the line.
        // A value with no right-to-left letter at all (a time, a key) is one left-to-right
        // isolate, read left to right as it is written.
        let text = match self.rtl() {
            true if !text.chars().any(|c| script_of(c) == Some(Script::Arabic)) => format!("\u{2066}{text}\u{2069}"),
            true => tahawul_i18n::isolate_runs(text),
            false => text.to_string(),
        };
        for para in text.split('\n') {
            let bidi = BidiInfo::new(para, Some(base));
            for range in self.break_lines(para, bold, size, width) {
                let logical = para[range.clone()].chars().filter(|c| !is_control(*c)).collect();
                let (runs, width) = self.line_runs(&bidi, range, bold, size);
                lines.push(Line { runs, width, text: logical });
            }
        }
        lines
    }

    /// Places laid-out lines at the current y, aligned in [left, left + width] by direction.
    fn place_lines(&mut self, lines: Vec<Line>, left: f32, width: f32, size: f32) {
        for Line { mut runs, width: line_width, text } in lines {
            let height = size * LEADING;
            self.ensure(height);
            let x0 = if self.rtl() { left + width - line_width } else { left };
            let baseline = self.y + size * 1.2;
            for run in &mut runs {
                run.x += x0;
            }
            let lang = self.lang;
            self.push(Op::Text { y: baseline, runs, text, lang });
            self.y += height;
        }
    }

    fn para(&mut self, style: Style, text: &str) {
        self.y += style.before();
        let width = PAGE_W - 2.0 * MARGIN;
        let lines = self.paragraph_lines(text, style, width);
        if style == Style::Heading {
            // A heading stays with at least two lines of what follows.
            self.ensure(style.size() * LEADING * lines.len() as f32 + 3.0 * Style::Body.size() * LEADING);
        }
        self.place_lines(lines, MARGIN, width, style.size());
    }

    fn rule(&mut self) {
        self.y += 4.0;
        let y = self.y;
        self.push(Op::Line { x1: MARGIN, y1: y, x2: PAGE_W - MARGIN, y2: y, width: 0.6, grey: 120 });
        self.y += 6.0;
    }

    fn row_height(&self, cells: &[String], widths: &[f32], header: bool) -> f32 {
        let style = if header { Style::Strong } else { Style::Body };
        let total = PAGE_W - 2.0 * MARGIN;
        let lines = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| self.paragraph_lines(c, style, w * total - 2.0 * CELL_PAD).len())
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f32 * style.size() * LEADING + 2.0 * CELL_PAD
    }

    /// A table row: every cell laid out, placed side by side (first column on the reading
    /// side), with a grid around.
    fn row(&mut self, cells: &[String], widths: &[f32], header: bool) -> bool {
        let style = if header { Style::Strong } else { Style::Body };
        let total = PAGE_W - 2.0 * MARGIN;
        let laid: Vec<Vec<Line>> =
            cells.iter().zip(widths).map(|(c, w)| self.paragraph_lines(c, style, w * total - 2.0 * CELL_PAD)).collect();
        let lines = laid.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * style.size() * LEADING + 2.0 * CELL_PAD;
        let broke = self.y + height > Self::bottom() && self.y > MARGIN;
        self.ensure(height);
        let top = self.y;
        if header {
            self.push(Op::Shade { x: MARGIN, y: top, w: total, h: height });
        }
        let mut edge = if self.rtl() { PAGE_W - MARGIN } else { MARGIN };
        for (cell, w) in laid.into_iter().zip(widths) {
            let cw = w * total;
            let left = if self.rtl() { edge - cw } else { edge };
            self.y = top + CELL_PAD;
            self.place_lines(cell, left + CELL_PAD, cw - 2.0 * CELL_PAD, style.size());
            edge = if self.rtl() { edge - cw } else { edge + cw };
        }
        let bottom = top + height;
        for y in [top, bottom] {
            self.push(Op::Line { x1: MARGIN, y1: y, x2: PAGE_W - MARGIN, y2: y, width: 0.5, grey: 150 });
        }
        // Column edges from the reading side: the first column is on the right in Arabic.
        let (start, sign) = if self.rtl() { (PAGE_W - MARGIN, -1.0) } else { (MARGIN, 1.0) };
        let mut x = start;
        self.push(Op::Line { x1: x, y1: top, x2: x, y2: bottom, width: 0.5, grey: 150 });
        for w in widths {
            x += sign * w * total;
            self.push(Op::Line { x1: x, y1: top, x2: x, y2: bottom, width: 0.5, grey: 150 });
        }
        self.y = bottom;
        broke
    }

    fn table(&mut self, widths: &[f32], header: &[String], rows: &[Vec<String>]) {
        self.y += 4.0;
        let sum: f32 = widths.iter().sum();
        let widths: Vec<f32> = widths.iter().map(|w| w / sum).collect();
        // A table of label and value (a signature block) has no header row.
        let has_header = header.iter().any(|h| !h.is_empty());
        // A short table (a signature block) is kept on one page.
        if rows.len() <= 8 {
            let header_height = if has_header { self.row_height(header, &widths, true) } else { 0.0 };
            let height: f32 = header_height + rows.iter().map(|r| self.row_height(r, &widths, false)).sum::<f32>();
            self.ensure(height);
        }
        if has_header {
            self.row(header, &widths, true);
        }
        for r in rows {
            if self.row(r, &widths, false) && has_header {
                // The row moved to a new page, alone there so far: the header goes above it.
                if let Some(p) = self.pages.last_mut() {
                    p.clear();
                }
                self.y = MARGIN;
                self.row(header, &widths, true);
                self.row(r, &widths, false);
            }
        }
        self.y += 6.0;
    }

    /// A chart at the current y, on one page (a new one when it does not fit).
    fn chart(&mut self, chart: &Chart) {
        self.y += 4.0;
        self.ensure(chart.height);
        let (x0, y0) = (MARGIN, self.y);
        let mut clipping = false;
        for mark in &chart.marks {
            match mark {
                Mark::Path { points, closed, fill, stroke, width, dash } => self.push(Op::Path {
                    points: points.iter().map(|(x, y)| (x0 + x, y0 + y)).collect(),
                    closed: *closed,
                    fill: *fill,
                    stroke: *stroke,
                    width: *width,
                    dash: *dash,
                }),
                Mark::Label { x, y, align, text, bold } => {
                    let style = if *bold { Style::Strong } else { Style::Small };
                    let size = if *bold { Style::Small.size() + 0.5 } else { Style::Small.size() };
                    let base = if self.rtl() { Level::rtl() } else { Level::ltr() };
                    // Isolated like a paragraph's runs (numbers and dates read left to right).
                    let text = match self.rtl() {
                        true if !text.chars().any(|c| script_of(c) == Some(Script::Arabic)) => {
                            format!("\u{2066}{text}\u{2069}")
                        }
                        true => tahawul_i18n::isolate_runs(text),
                        false => text.clone(),
                    };
                    let bidi = BidiInfo::new(&text, Some(base));
                    let (mut runs, width) = self.line_runs(&bidi, 0..text.len(), style.bold(), size);
                    let left = match align {
                        Align::Left => *x,
                        Align::Centre => x - width / 2.0,
                        Align::Right => x - width,
                    };
                    for run in &mut runs {
                        run.x += x0 + left;
                    }
                    let logical = text.chars().filter(|c| !is_control(*c)).collect();
                    let lang = self.lang;
                    self.push(Op::Text { y: y0 + y, runs, text: logical, lang });
                }
                Mark::Clip(x, y, w, h) => {
                    if clipping {
                        self.push(Op::Clip(None));
                    }
                    self.push(Op::Clip(Some((x0 + x, y0 + y, *w, *h))));
                    clipping = true;
                }
                Mark::Unclip => {
                    if clipping {
                        self.push(Op::Clip(None));
                    }
                    clipping = false;
                }
            }
        }
        if clipping {
            self.push(Op::Clip(None));
        }
        self.y += chart.height + 4.0;
    }

    /// The label at the foot of a page, centred.
    fn footer(&self, label: &str) -> (f32, Vec<Run>) {
        let size = Style::Small.size();
        let base = if self.rtl() { Level::rtl() } else { Level::ltr() };
        let bidi = BidiInfo::new(label, Some(base));
        let (mut runs, w) = self.line_runs(&bidi, 0..label.len(), false, size);
        let x0 = (PAGE_W - w) / 2.0;
        for run in &mut runs {
            run.x += x0;
        }
        (PAGE_H - MARGIN, runs)
    }
}

fn pdf_date(t: jiff::Timestamp) -> krilla::metadata::DateTime {
    let d = t.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    // Years before 1 or after 65535 do not occur in a jiff timestamp's range used here.
    krilla::metadata::DateTime::new(u16::try_from(d.year()).unwrap_or(1970))
        .month(d.month() as u8)
        .day(d.day() as u8)
        .hour(d.hour() as u8)
        .minute(d.minute() as u8)
        .second(d.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Lays out and writes a document as PDF/A-2b: fonts embedded, XMP metadata, device-independent
/// colour. krilla checks the rules it can check and refuses the file otherwise.
pub fn render(doc: &Document) -> Result<Vec<u8>, Error> {
    let fonts = Fonts::load();
    let mut layout = Layout::new(&fonts, doc.lang);
    layout.para(Style::Title, &doc.title);
    layout.rule();
    for (i, block) in doc.blocks.iter().enumerate() {
        // A heading right above a chart moves to the next page with it.
        if let (Block::Para(Style::Heading, _), Some(Block::Chart(chart))) = (block, doc.blocks.get(i + 1)) {
            layout.ensure(Style::Heading.before() + Style::Heading.size() * LEADING + chart.height + 8.0);
        }
        match block {
            Block::Para(style, text) => layout.para(*style, text),
            Block::Table { widths, header, rows } => layout.table(widths, header, rows),
            Block::Space(h) => layout.y += h,
            Block::Rule => layout.rule(),
            Block::PageBreak => layout.new_page(),
            Block::Lang(lang) => layout.lang = *lang,
            Block::Chart(chart) => layout.chart(chart),
        }
    }
    layout.lang = doc.lang;
    let total = layout.pages.len();
    let footers: Vec<(f32, Vec<Run>)> = (1..=total).map(|n| layout.footer(&(doc.page_label)(n, total))).collect();

    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_U)
        .finish()
        .map_err(|e| Error::Pdf(format!("{e:?}")))?;
    let settings = krilla::SerializeSettings { configuration, ..Default::default() };
    let mut pdf = PdfDocument::new_with(settings);
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.code().to_string())
            .creator("Tahawul".to_string())
            .creation_date(pdf_date(doc.created))
            .text_direction(if doc.lang == Lang::Ar { MetaDirection::RightToLeft } else { MetaDirection::LeftToRight }),
    );
    let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| Error::Pdf("page size".into()))?;
    let mut tree = TagTree::new().with_lang(Some(doc.lang.code().to_string()));
    for (ops, (footer_y, footer)) in layout.pages.iter().zip(&footers) {
        let mut page = pdf.start_page_with(size.clone());
        let mut surface = page.surface();
        let draw = |surface: &mut krilla::surface::Surface, y: f32, runs: &[Run]| {
            surface.set_fill(Some(Fill::default()));
            for run in runs {
                let face = fonts.face(run.script, run.bold);
                surface.draw_glyphs(
                    Point::from_xy(run.x, y),
                    &run.glyphs,
                    face.font.clone(),
                    &run.text,
                    run.size,
                    false,
                );
            }
        };
        for op in ops {
            match op {
                Op::Text { y, runs, text, lang } => {
                    // Each glyph maps back to its own characters (ToUnicode); no ActualText:
                    // poppler spreads an ActualText left to right over the line and then
                    // reverses it as right-to-left, which scrambles Arabic.
                    let _ = text;
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty().with_lang(Some(lang.code()))));
                    draw(&mut surface, *y, runs);
                    surface.end_tagged();
                    tree.push(TagGroup::with_children(Tag::P, vec![id.into()]));
                }
                Op::Line { x1, y1, x2, y2, width, grey } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Other)));
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(*grey, *grey, *grey).into(),
                            width: *width,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                        surface.end_tagged();
                    }
                }
                Op::Shade { x, y, w, h } => {
                    let mut pb = PathBuilder::new();
                    if let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(rect);
                    }
                    if let Some(path) = pb.finish() {
                        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Other)));
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(235, 235, 235).into(),
                            opacity: NormalizedF32::ONE,
                            rule: Default::default(),
                        }));
                        surface.draw_path(&path);
                        surface.end_tagged();
                    }
                }
                Op::Path { points, closed, fill, stroke, width, dash } => {
                    let mut pb = PathBuilder::new();
                    for (i, (x, y)) in points.iter().enumerate() {
                        if i == 0 {
                            pb.move_to(*x, *y);
                        } else {
                            pb.line_to(*x, *y);
                        }
                    }
                    if *closed {
                        pb.close();
                    }
                    if let Some(path) = pb.finish() {
                        // Drawings are figures' decoration: their words are in labels.
                        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Other)));
                        surface.set_fill(fill.map(|[r, g, b]| Fill {
                            paint: rgb::Color::new(r, g, b).into(),
                            opacity: NormalizedF32::ONE,
                            rule: Default::default(),
                        }));
                        surface.set_stroke(stroke.map(|[r, g, b]| Stroke {
                            paint: rgb::Color::new(r, g, b).into(),
                            width: *width,
                            dash: dash.then(|| StrokeDash { array: vec![4.0, 3.0], offset: 0.0 }),
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                        surface.end_tagged();
                    }
                }
                Op::Clip(Some((x, y, w, h))) => {
                    let mut pb = PathBuilder::new();
                    if let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(rect);
                    }
                    if let Some(path) = pb.finish() {
                        surface.push_clip_path(&path, &FillRule::NonZero);
                    } else {
                        // An empty rectangle clips everything; a push keeps pops balanced.
                        surface.push_transform(&krilla::geom::Transform::identity());
                    }
                }
                Op::Clip(None) => surface.pop(),
            }
        }
        // The page label is pagination, not content.
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer)));
        draw(&mut surface, *footer_y, footer);
        surface.end_tagged();
        surface.finish();
        page.finish();
    }
    pdf.set_tag_tree(tree);
    pdf.finish().map_err(|e| Error::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of one Arabic line, left to right, as (script, text).
    fn visual(text: &str) -> Vec<(Script, String)> {
        let fonts = Fonts::load();
        let layout = Layout::new(&fonts, Lang::Ar);
        let mut lines = layout.paragraph_lines(text, Style::Body, 1000.0);
        assert_eq!(lines.len(), 1);
        lines.remove(0).runs.into_iter().map(|r| (r.script, r.text)).collect()
    }

    #[test]
    fn a_number_in_brackets_inside_arabic_sits_between_its_words_read_left_to_right() {
        let runs = visual("القائمة (001) أم حوار");
        // Left to right on the page: the last words, the number with its brackets as one
        // left-to-right run (Noto Sans: Naskh has no brackets), the first word rightmost.
        let want = [(Script::Arabic, " أم حوار"), (Script::Latin, "(001)"), (Script::Arabic, "القائمة ")];
        let want: Vec<(Script, String)> = want.iter().map(|(s, t)| (*s, t.to_string())).collect();
        assert_eq!(runs, want);
    }

    #[test]
    fn a_latin_name_inside_arabic_keeps_its_own_word_order() {
        let runs = visual("وقّعه Celeste Wallander اليوم");
        let latin: Vec<&str> = runs.iter().filter(|(s, _)| *s == Script::Latin).map(|(_, t)| t.as_str()).collect();
        assert_eq!(latin.concat().trim(), "Celeste Wallander", "{runs:?}");
        let at = |needle: &str| runs.iter().position(|(_, t)| t.contains(needle)).expect(needle);
        assert!(at("اليوم") < at("Celeste") && at("Celeste") < at("وقّعه"), "{runs:?}");
    }

    #[test]
    fn lines_never_exceed_the_width_and_keep_every_word() {
        let fonts = Fonts::load();
        let layout = Layout::new(&fonts, Lang::Ar);
        let text =
            "يتشاور الجانبان في عملية مستقبلية يشارك فيها التحالف الدولي، تحدد وفق جدول زمني 2024 كيف تنتقل المهمة";
        let lines = layout.paragraph_lines(text, Style::Body, 120.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 120.0 + 0.01), "a line is wider than the box");
        let joined: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
        assert_eq!(joined.join(" "), text);
    }
}
