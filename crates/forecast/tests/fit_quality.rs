//! The optimiser must not stop at a poor local optimum: on varied series, the fitted
//! log-likelihood is at least the best point of a dense grid over the three variances.

use tahawul_forecast::{Variances, fit, log_likelihood};

use crate::common;

use common::Noise;

fn series(noise: &mut Noise, n: usize, sd: [f64; 3], every: usize) -> Vec<f64> {
    let (mut level, mut slope) = (3.0, 0.1);
    (0..n)
        .map(|t| {
            let y = level + sd[0] * noise.normal();
            level += slope + sd[1] * noise.normal();
            slope += sd[2] * noise.normal();
            if t % every == 0 { y } else { f64::NAN }
        })
        .collect()
}

#[test]
fn fitted_log_likelihood_beats_a_dense_grid_search() {
    let mut noise = Noise(99);
    let shapes: [([f64; 3], usize, usize); 8] = [
        ([1.0, 0.1, 0.01], 120, 1),
        ([0.1, 1.0, 0.0], 120, 1),
        ([1.0, 0.0, 0.0], 60, 1),
        ([0.0, 0.5, 0.05], 90, 1),
        ([0.3, 0.3, 0.03], 120, 3),
        ([0.5, 0.2, 0.02], 120, 12),
        ([2.0, 0.01, 0.001], 36, 1),
        ([0.05, 0.05, 0.05], 72, 2),
    ];
    let grid: Vec<f64> = (0..13).map(|k| 10f64.powf(-6.0 + 0.5 * k as f64)).collect();
    for (i, &(sd, n, every)) in shapes.iter().cycle().take(24).enumerate() {
        let y = series(&mut noise, n, sd, every);
        let ours = fit(&y).unwrap().log_likelihood;
        let mut best = f64::NEG_INFINITY;
        for &a in &grid {
            for &b in &grid {
                for &c in &grid {
                    best = best.max(log_likelihood(&y, Variances { irregular: a, level: b, slope: c }).unwrap());
                }
            }
        }
        assert!(ours >= best - 1e-6 * best.abs().max(1.0), "series {i}: fit {ours} < grid {best}");
    }
}
