//! `assessments.toml` (optional): the working groups' assessments of a factor in an area,
//! each rated on its factor's rating scale.

use tahawul_i18n::Message;

use super::Draft;
use super::reader::{Root, TomlFile, root_table};
use super::registry::{Kind, Refs};
use super::write::{T, array, doc};
use crate::diagnostic::did_you_mean;
use crate::model::*;

pub(super) fn read<'i>(f: &mut TomlFile<'i>, root: &Root<'i>, refs: &mut Refs<'_>, d: &mut Draft) {
    let Some(root) = root_table(root, &["assessment"]) else {
        return;
    };
    f.check_keys(&root);
    for t in f.tables(
        &root,
        "assessment",
        &["id", "factor", "area", "cycle", "rating", "state", "illustrative", "narrative", "evidence"],
    ) {
        let id = f.id(&t, "id");
        if let Some(id) = &id {
            refs.define(f, Kind::Assessment, id);
        }
        let factor = f.id(&t, "factor");
        refs.refer_one(Kind::Factor, &factor);
        let area = f.id(&t, "area");
        refs.refer_one(Kind::Area, &area);
        let cycle = f.opt_period(&t, "cycle");
        if cycle.is_none() && t.table.get("cycle").is_none() {
            f.err(
                t.span.start,
                Message::new("bundle-missing-key").arg("key", "cycle"),
                Some(Message::new("bundle-missing-key-help").arg("key", "cycle")),
            );
        }
        let rating = f.id(&t, "rating");
        let state = f.choice(
            &t,
            "state",
            &[
                ("draft", AssessmentState::Draft),
                ("submitted", AssessmentState::Submitted),
                ("endorsed", AssessmentState::Endorsed),
                ("returned", AssessmentState::Returned),
            ],
            true,
        );
        let illustrative = f.bool(&t, "illustrative");
        let narrative = f.text(&t, "narrative");
        let evidence = refs.sources(f, &t, "evidence");
        if let (Some(id), Some(factor), Some(area), Some(cycle), Some(rating), Some(state), Some(narrative)) =
            (id, factor, area, cycle, rating, state, narrative)
        {
            d.assessments.push((
                Assessment {
                    id: id.0,
                    factor: factor.0,
                    area: area.0,
                    cycle: cycle.0,
                    rating: rating.0.clone(),
                    narrative,
                    state,
                    illustrative,
                    evidence,
                },
                rating,
            ));
        }
    }
}

/// An assessment's rating is a level of its factor's rating scale (known once every file
/// is read).
pub(super) fn check_ratings(f: &mut TomlFile<'_>, d: &Draft) {
    for (a, (rating, span)) in &d.assessments {
        let Some(factor) = d.factors.iter().find(|(factor, _)| factor.id == a.factor) else {
            continue;
        };
        let Some(scale_id) = &factor.0.rating_scale else {
            f.err(
                span.start,
                Message::new("bundle-factor-no-rating-scale").arg("factor", a.factor.as_str()),
                Some(Message::new("bundle-factor-no-rating-scale-help")),
            );
            continue;
        };
        if let Some(scale) = d.scales.iter().find(|s| &s.id == scale_id)
            && scale.current().rank(rating.as_str()).is_none()
        {
            let near = did_you_mean(rating.as_str(), scale.current().levels.iter().map(|l| l.id.as_str()));
            f.err(
                span.start,
                Message::new("bundle-unknown-level").arg("level", rating.as_str()).arg("scale", scale_id.as_str()),
                near.map(|n| Message::new("bundle-did-you-mean").arg("name", n)),
            );
        }
    }
}

/// `assessments.toml` as written from a case (written even when empty).
pub(super) fn render(case: &Case) -> String {
    doc(vec![(
        "assessment",
        array(case.assessments.iter().map(|a| {
            T::default()
                .s("id", a.id.as_str())
                .s("factor", a.factor.as_str())
                .s("area", a.area.as_str())
                .s("cycle", &a.cycle.to_string())
                .s("rating", a.rating.as_str())
                .s(
                    "state",
                    match a.state {
                        AssessmentState::Draft => "draft",
                        AssessmentState::Submitted => "submitted",
                        AssessmentState::Endorsed => "endorsed",
                        AssessmentState::Returned => "returned",
                    },
                )
                .b("illustrative", a.illustrative)
                .t("narrative", &a.narrative)
                .ids("evidence", &a.evidence)
        })),
    )])
}
