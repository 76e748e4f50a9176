//! The fonts shipped with the project (fonts/README.md): Noto Naskh Arabic for Arabic script,
//! Noto Sans for everything else, regular and bold. Compiled in, so a document looks the same
//! wherever it is made.

use krilla::text::Font;

static NASKH_REGULAR: &[u8] = include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf");
static NASKH_BOLD: &[u8] = include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf");
static SANS_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static SANS_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// One face: the bytes krilla embeds and the parsed face rustybuzz shapes with.
pub(crate) struct Face {
    pub font: Font,
    pub shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Face {
        // The four files are part of the build: a face that does not parse is a broken build,
        // caught by every test, not a user's input.
        let shaper = rustybuzz::Face::from_slice(bytes, 0).expect("a shipped font parses");
        let font = Font::new(bytes.into(), 0).expect("a shipped font loads");
        Face { units_per_em: shaper.units_per_em() as f32, font, shaper }
    }
}

/// Which script a run of text is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Arabic,
    Latin,
}

/// The four faces.
pub(crate) struct Fonts {
    naskh: [Face; 2],
    sans: [Face; 2],
}

impl Fonts {
    pub fn load() -> Fonts {
        Fonts {
            naskh: [Face::load(NASKH_REGULAR), Face::load(NASKH_BOLD)],
            sans: [Face::load(SANS_REGULAR), Face::load(SANS_BOLD)],
        }
    }

    pub fn face(&self, script: Script, bold: bool) -> &Face {
        let set = match script {
            Script::Arabic => &self.naskh,
            Script::Latin => &self.sans,
        };
        &set[usize::from(bold)]
    }
}

/// The script of a character: Arabic for the Arabic blocks, Latin for letters and digits of
/// other scripts, `None` for characters that take their neighbours' font (spaces,
/// punctuation, bidi controls).
pub(crate) fn script_of(c: char) -> Option<Script> {
    match c as u32 {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            // The Arabic comma, semicolon and question mark are Arabic-script punctuation.
            Some(Script::Arabic)
        }
        _ if c.is_alphanumeric() => Some(Script::Latin),
        _ => None,
    }
}
