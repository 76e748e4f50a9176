//! The observed series of an indicator in an area, as gates and the engine read it.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Case, Id, Indicator, ListIndex, Observation};
use crate::period::{Month, Period};

/// One value of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Point {
    /// The period it describes.
    pub period: Period,
    /// The value (rank for levels).
    pub value: f64,
    /// True when the value only illustrates the case.
    pub illustrative: bool,
}

/// An indicator's values in one area from one publisher, oldest first, one per period.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Series {
    /// The area asked for.
    pub area: Id,
    /// The area whose figures these are: an enclosing area when the asked one has none.
    pub data_area: Id,
    /// The publisher.
    pub publisher: Option<Id>,
    /// Values, oldest first.
    pub points: Vec<Point>,
}

impl Series {
    /// The latest point at or before `as_of` (all points when `None`).
    pub fn latest(&self, as_of: Option<Month>) -> Option<&Point> {
        self.points.iter().rev().find(|p| as_of.is_none_or(|m| p.period.last_month() <= m))
    }
    /// Whether any value is illustrative.
    pub fn has_illustrative(&self) -> bool {
        self.points.iter().any(|p| p.illustrative)
    }
    /// Values on the monthly grid from `start` for `len` months: each value at its period's
    /// last month, NaN elsewhere (the filter treats NaN as "not observed").
    pub fn monthly(&self, start: Month, len: usize) -> Vec<f64> {
        let mut out = vec![f64::NAN; len];
        for p in &self.points {
            let i = p.period.last_month().0 - start.0;
            if i >= 0 && (i as usize) < len {
                out[i as usize] = p.value;
            }
        }
        out
    }
}

impl Case {
    /// The series gates use for `indicator` in `area`: the indicator's reference publisher
    /// (or its only one); the area's own figures, else the nearest enclosing area's.
    /// Where one publisher gives a period twice, the later statement (`as_of`) wins.
    pub fn series(&self, indicator: &Indicator, area: &str) -> Series {
        let mut data_area = self.area(area).map(|a| a.id.clone());
        while let Some(a) = data_area.clone() {
            let pts = self.points_for(indicator, a.as_str(), indicator.reference_publisher.as_ref());
            if !pts.is_empty() {
                return Series {
                    area: Id::parse(area).unwrap_or(a.clone()),
                    data_area: a,
                    publisher: self.reference_publisher_of(indicator),
                    points: pts,
                };
            }
            data_area = self.area(a.as_str()).and_then(|x| x.parent.clone());
        }
        let area_id = Id::parse(area).unwrap_or_else(|| Id::parse("unknown").expect("static id"));
        Series {
            area: area_id.clone(),
            data_area: area_id,
            publisher: self.reference_publisher_of(indicator),
            points: vec![],
        }
    }

    /// Every publisher's series for `indicator` in `area` (own figures only), side by side.
    pub fn series_by_publisher(&self, indicator: &Indicator, area: &str) -> Vec<Series> {
        let mut publishers: Vec<&Id> =
            self.observations_of(indicator).filter(|o| o.area.as_str() == area).map(|o| &o.publisher).collect();
        publishers.sort();
        publishers.dedup();
        publishers
            .into_iter()
            .map(|p| Series {
                area: Id::parse(area).unwrap_or_else(|| p.clone()),
                data_area: Id::parse(area).unwrap_or_else(|| p.clone()),
                publisher: Some(p.clone()),
                points: self.points_for(indicator, area, Some(p)),
            })
            .collect()
    }

    fn reference_publisher_of(&self, indicator: &Indicator) -> Option<Id> {
        indicator
            .reference_publisher
            .clone()
            .or_else(|| self.observations_of(indicator).map(|o| o.publisher.clone()).next())
    }

    /// The indicator's figures in the case's order.
    fn observations_of<'a>(&'a self, indicator: &Indicator) -> impl Iterator<Item = &'a Observation> + 'a {
        let at = self.observations.index().of(indicator).map_or(&[][..], |f| &f.all[..]);
        at.iter().map(|&i| &self.observations[i as usize])
    }

    fn points_for(&self, indicator: &Indicator, area: &str, publisher: Option<&Id>) -> Vec<Point> {
        let at = self.observations.index().of(indicator).and_then(|f| f.by_area.get(area)).map_or(&[][..], |v| &v[..]);
        let mut pts: Vec<Point> = Vec::with_capacity(at.len());
        // In series order already (see FigureIndex): the later statement of a period wins.
        for o in at.iter().map(|&i| &self.observations[i as usize]) {
            if publisher.is_some_and(|p| &o.publisher != p) {
                continue;
            }
            let p = Point { period: o.period, value: o.value, illustrative: o.illustrative };
            match pts.last_mut() {
                Some(last) if last.period == o.period => *last = p,
                _ => pts.push(p),
            }
        }
        pts
    }
}

/// Where each indicator's figures sit in the case's list, made once per list (one per
/// snapshot of the case) and shared by its copies.
///
/// Why: status and gates read one series per clause, and each read scanned every figure of
/// the case, which grows with every write; under load that scan ran many times per snapshot.
#[derive(Debug, Default)]
pub struct FigureIndex(HashMap<Id, HashMap<Id, IndicatorFigures>>);

/// One indicator's figures, as positions in the case's list.
#[derive(Debug, Default)]
struct IndicatorFigures {
    /// Every figure of the indicator, in the list's order.
    all: Vec<u32>,
    /// By area, in series order: by period's last month, then statement date, then list order.
    by_area: HashMap<Id, Vec<u32>>,
}

impl FigureIndex {
    fn of(&self, indicator: &Indicator) -> Option<&IndicatorFigures> {
        self.0.get(&indicator.factor).and_then(|f| f.get(&indicator.id))
    }
}

impl ListIndex<Observation> for FigureIndex {
    fn build(items: &[Observation]) -> Self {
        let mut index: HashMap<Id, HashMap<Id, IndicatorFigures>> = HashMap::new();
        for (i, o) in items.iter().enumerate() {
            // A case's figures are far fewer than 2^32 (a bundle of that size would not load).
            let i = i as u32;
            let figures = index.entry(o.factor.clone()).or_default().entry(o.indicator.clone()).or_default();
            figures.all.push(i);
            figures.by_area.entry(o.area.clone()).or_default().push(i);
        }
        for figures in index.values_mut().flat_map(|f| f.values_mut()) {
            for at in figures.by_area.values_mut() {
                // Stable: equal periods and dates keep the list's order, as the series rule says.
                at.sort_by_key(|&i| {
                    let o = &items[i as usize];
                    (o.period.last_month(), o.as_of)
                });
            }
        }
        FigureIndex(index)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Point;
    use crate::gate::tests::{case, obs};
    use crate::model::{Case, Id, Indicator, Observation};

    /// The series rule read straight off the list, as it was before the index: the
    /// indicator's figures in the area from the publisher, by period's last month then
    /// statement date (stable), the later statement of a period winning.
    fn scanned(case: &Case, ind: &Indicator, area: &str, publisher: Option<&Id>) -> Vec<Point> {
        let mut obs: Vec<&Observation> = case
            .observations
            .iter()
            .filter(|o| o.factor == ind.factor && o.indicator == ind.id && o.area.as_str() == area)
            .filter(|o| publisher.is_none_or(|p| &o.publisher == p))
            .collect();
        obs.sort_by(|a, b| a.period.last_month().cmp(&b.period.last_month()).then(a.as_of.cmp(&b.as_of)));
        let mut pts: Vec<Point> = vec![];
        for o in obs {
            let p = Point { period: o.period, value: o.value, illustrative: o.illustrative };
            match pts.last_mut() {
                Some(last) if last.period == o.period => *last = p,
                _ => pts.push(p),
            }
        }
        pts
    }

    fn figure() -> impl Strategy<Value = Observation> {
        let names = prop::sample::select(vec!["threat.attacks_per_month", "threat.incidents_per_year"]);
        let areas = prop::sample::select(vec!["iraq", "federal-iraq", "kurdistan"]);
        let periods = prop::sample::select(vec!["2024-01", "2024-02", "2024-03", "2024-Q1", "2024-Q2", "2024"]);
        let publishers = prop::sample::select(vec!["pub", "other"]);
        (names, areas, periods, publishers, 0u8..30, 1i8..4).prop_map(|(n, a, p, publ, v, day)| {
            let mut o = obs(n, a, p, f64::from(v), v % 3 == 0);
            o.publisher = Id::parse(publ).expect("id");
            o.as_of = jiff::civil::date(2025, 1, day);
            o
        })
    }

    proptest! {
        /// Reading through the index gives exactly what scanning every figure gave, for any
        /// order of figures, duplicates, several publishers and areas that fall back.
        #[test]
        fn series_through_the_index_are_the_scanned_series(figures in prop::collection::vec(figure(), 0..40)) {
            let mut c = case();
            c.observations = figures.into();
            for name in ["threat.attacks_per_month", "threat.incidents_per_year"] {
                let (f, i) = name.split_once('.').expect("name");
                let ind = c.indicator(f, i).expect("indicator").clone();
                for area in ["iraq", "federal-iraq", "kurdistan"] {
                    for s in c.series_by_publisher(&ind, area) {
                        prop_assert_eq!(&s.points, &scanned(&c, &ind, area, s.publisher.as_ref()));
                    }
                    let s = c.series(&ind, area);
                    if !s.points.is_empty() {
                        let publisher = ind.reference_publisher.clone().or_else(|| {
                            c.observations.iter().find(|o| o.factor == ind.factor && o.indicator == ind.id).map(|o| o.publisher.clone())
                        });
                        prop_assert_eq!(&s.publisher, &publisher);
                        prop_assert_eq!(&s.points, &scanned(&c, &ind, s.data_area.as_str(), ind.reference_publisher.as_ref()));
                    }
                }
            }
        }
    }

    #[test]
    fn a_change_to_the_figures_is_read_at_once_and_copies_share_the_index() {
        let mut c = case();
        let ind = c.indicator("threat", "attacks_per_month").expect("indicator").clone();
        let before = c.series(&ind, "federal-iraq").points.len();
        let copy = c.clone();
        assert!(std::ptr::eq(c.observations.index(), copy.observations.index()), "an unchanged copy shares the index");
        c.observations.push(obs("threat.attacks_per_month", "federal-iraq", "2024-08", 6.0, false));
        let after = c.series(&ind, "federal-iraq");
        assert_eq!(after.points.len(), before + 1, "the new figure is in the series");
        assert_eq!(after.points.last().map(|p| p.value), Some(6.0));
        assert_eq!(copy.series(&ind, "federal-iraq").points.len(), before, "the copy is as it was");
        c.observations[0].value = 99.0;
        assert_eq!(c.series(&ind, "federal-iraq").points[0].value, 99.0, "a changed value is read, not the old index");
    }
}
