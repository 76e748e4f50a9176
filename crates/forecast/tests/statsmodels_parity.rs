//! Parity with statsmodels' UnobservedComponents('local linear trend'), from committed fixtures.
//! Regenerate the fixtures with scripts/forecast/make_parity_fixtures.sh.

use serde::Deserialize;
use tahawul_forecast::{Transform, Variances, fit, log_likelihood};

#[derive(Deserialize)]
struct Eval {
    params: [f64; 3],
    loglik: f64,
}

#[derive(Deserialize)]
struct Fit {
    params: [f64; 3],
    loglik: f64,
}

#[derive(Deserialize)]
struct Fixture {
    name: String,
    kind: String,
    loglikelihood_burn: usize,
    natural: Vec<Option<f64>>,
    model_scale: Vec<Option<f64>>,
    evals: Vec<Eval>,
    fit: Fit,
}

fn fixtures() -> Vec<Fixture> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out: Vec<Fixture> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap())
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(out.len() >= 12, "expected a dozen fixtures, found {}", out.len());
    out
}

fn nan_for_none(v: &[Option<f64>]) -> Vec<f64> {
    v.iter().map(|x| x.unwrap_or(f64::NAN)).collect()
}

fn transform_of(kind: &str) -> Transform {
    match kind {
        "count" => Transform::Count,
        "share" => Transform::Share,
        _ => Transform::Number,
    }
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1.0)
}

#[test]
fn our_transforms_give_the_model_scale_series_statsmodels_saw() {
    for f in fixtures() {
        let ours = transform_of(&f.kind).forward_series(0, &nan_for_none(&f.natural)).unwrap();
        for (a, b) in ours.iter().zip(nan_for_none(&f.model_scale)) {
            assert!(a.is_nan() && b.is_nan() || (a - b).abs() < 1e-12, "{}: {a} vs {b}", f.name);
        }
    }
}

#[test]
fn log_likelihood_matches_statsmodels_at_fixed_variances() {
    for f in fixtures() {
        assert_eq!(f.loglikelihood_burn, tahawul_forecast::LOGLIKELIHOOD_BURN, "{}", f.name);
        let y = nan_for_none(&f.model_scale);
        for e in &f.evals {
            let v = Variances { irregular: e.params[0], level: e.params[1], slope: e.params[2] };
            let ours = log_likelihood(&y, v).unwrap();
            assert!(
                relative(ours, e.loglik) < 1e-6,
                "{} at {:?}: ours {ours}, statsmodels {}",
                f.name,
                e.params,
                e.loglik
            );
        }
        // Also at statsmodels' own optimum.
        let p = f.fit.params;
        let ours = log_likelihood(&y, Variances { irregular: p[0], level: p[1], slope: p[2] }).unwrap();
        assert!(relative(ours, f.fit.loglik) < 1e-6, "{}: ours {ours}, statsmodels {}", f.name, f.fit.loglik);
    }
}

#[test]
fn fitted_log_likelihood_is_never_worse_than_statsmodels_fit() {
    for f in fixtures() {
        let y = nan_for_none(&f.model_scale);
        let ours = fit(&y).unwrap();
        let slack = 1e-6 * f.fit.loglik.abs().max(1.0);
        eprintln!("{:28} ours {:.6} statsmodels {:.6}", f.name, ours.log_likelihood, f.fit.loglik);
        assert!(
            ours.log_likelihood >= f.fit.loglik - slack,
            "{}: ours {} < statsmodels {} ({:?} vs {:?})",
            f.name,
            ours.log_likelihood,
            f.fit.loglik,
            ours.variances,
            f.fit.params
        );
    }
}
