//! `commitments.toml`: the commitment ledger — who committed to what in which round, its
//! status and the evidence for it.

use tahawul_i18n::Message;

use super::Draft;
use super::reader::{Root, TomlFile, root_table};
use super::registry::{Kind, Refs, ids};
use super::write::{T, array, doc};
use crate::model::*;

pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    let Some(root) = root_table(root, &["commitment"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(
        &root,
        "commitment",
        &[
            "id",
            "parties",
            "theme",
            "round",
            "text",
            "status",
            "status_note",
            "illustrative",
            "due",
            "evidence",
            "sources",
            "addendum",
        ],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Commitment, id);
        }
        let parties = f.ids(&t, "parties");
        if parties.is_empty() {
            f.err(
                t.span.start,
                Message::new("bundle-commitment-no-party"),
                Some(Message::new("bundle-commitment-no-party-help")),
            );
        }
        refs.refer(Kind::Party, &parties);
        let theme = f.id(&t, "theme");
        let round = f.id(&t, "round");
        refs.refer_one(Kind::Round, &round);
        let text = f.text(&t, "text");
        let status = f.int(&t, "status", 0..4).and_then(|(n, _)| CommitmentStatus::try_from(n as u8).ok());
        let status_note = f.opt_text(&t, "status_note");
        let illustrative = f.bool(&t, "illustrative");
        let due = f.opt_date(&t, "due").map(|x| x.0);
        let evidence = refs.sources(f, &t, "evidence");
        let srcs = refs.sources(f, &t, "sources");
        let addendum = f.bool(&t, "addendum");
        if let (Some(id), Some(theme), Some(round), Some(text), Some(status)) = (id, theme, round, text, status) {
            d.commitments.push(Commitment {
                id: id.0,
                parties: ids(parties),
                text,
                theme: theme.0,
                round: round.0,
                due,
                status,
                status_note,
                illustrative,
                evidence,
                sources: srcs,
                addendum,
            });
        }
    }
}

/// `commitments.toml` as written from a case.
pub(super) fn render(case: &Case) -> String {
    doc(vec![(
        "commitment",
        array(case.commitments.iter().map(|c| {
            let t = T::default()
                .s("id", c.id.as_str())
                .ids("parties", &c.parties)
                .s("theme", c.theme.as_str())
                .s("round", c.round.as_str())
                .t("text", &c.text)
                .i("status", i64::from(c.status as u8))
                .ot("status_note", &c.status_note)
                .b("illustrative", c.illustrative)
                .os("due", c.due.map(|d| d.to_string()))
                .ids("evidence", &c.evidence)
                .ids("sources", &c.sources);
            if c.addendum { t.b("addendum", true) } else { t }
        })),
    )])
}
