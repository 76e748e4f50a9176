//! The observed series of an indicator in an area, as gates and the engine read it.

use serde::Serialize;

use crate::model::{Case, Id, Indicator, Observation};
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

    fn observations_of<'a>(&'a self, indicator: &'a Indicator) -> impl Iterator<Item = &'a Observation> + 'a {
        self.observations.iter().filter(move |o| o.factor == indicator.factor && o.indicator == indicator.id)
    }

    fn points_for(&self, indicator: &Indicator, area: &str, publisher: Option<&Id>) -> Vec<Point> {
        let mut obs: Vec<&Observation> = self
            .observations_of(indicator)
            .filter(|o| o.area.as_str() == area && publisher.is_none_or(|p| &o.publisher == p))
            .collect();
        obs.sort_by(|a, b| a.period.last_month().cmp(&b.period.last_month()).then(a.as_of.cmp(&b.as_of)));
        let mut pts: Vec<Point> = Vec::with_capacity(obs.len());
        for o in obs {
            let p = Point { period: o.period, value: o.value, illustrative: o.illustrative };
            match pts.last_mut() {
                Some(last) if last.period == o.period => *last = p,
                _ => pts.push(p),
            }
        }
        pts
    }
}
