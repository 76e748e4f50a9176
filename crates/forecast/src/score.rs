//! Proper scores and calibration measures for probabilistic forecasts (scoringutils' vocabulary).

/// Continuous ranked probability score of an empirical sample (sorted ascending) for outcome `y`:
/// `E|X − y| − ½ E|X − X'|`, exact for the sample's step distribution. 0 for an empty sample.
pub fn crps_sorted_sample(sorted: &[f64], y: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let nf = n as f64;
    let mut abs = 0.0;
    let mut spread = 0.0;
    for (i, &x) in sorted.iter().enumerate() {
        abs += (x - y).abs();
        // Σ_i (2i − n − 1) x_(i) with i from 1 equals ½ Σ_i Σ_j |x_i − x_j|.
        spread += (2.0 * (i as f64 + 1.0) - nf - 1.0) * x;
    }
    abs / nf - spread / (nf * nf)
}

/// CRPS from quantiles at the levels `(j − ½) / M`, `j = 1..M` (`q` ascending): the average of
/// twice the quantile (pinball) scores, which converges to the CRPS as `M` grows.
pub fn crps_from_quantiles(q: &[f64], y: f64) -> f64 {
    let m = q.len() as f64;
    q.iter()
        .enumerate()
        .map(|(j, &x)| {
            let alpha = (j as f64 + 0.5) / m;
            let below = if y < x { 1.0 } else { 0.0 };
            2.0 * (below - alpha) * (x - y)
        })
        .sum::<f64>()
        / m
}

/// Probability integral transform of `y` under a sorted sample, ties counted half (mid-PIT),
/// so that a forecast with point masses (zeros) is not judged miscalibrated for them alone.
pub fn pit_sorted_sample(sorted: &[f64], y: f64) -> f64 {
    if sorted.is_empty() {
        return 0.5;
    }
    let below = sorted.partition_point(|&x| x < y);
    let not_above = sorted.partition_point(|&x| x <= y);
    (below as f64 + 0.5 * (not_above - below) as f64) / sorted.len() as f64
}

/// The `p`-quantile of a sorted sample (nearest rank, `p` in [0, 1]).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let n = sorted.len();
    let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
    sorted[rank - 1]
}

/// Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crps_of_a_point_forecast_is_its_absolute_error() {
        assert!((crps_sorted_sample(&[3.0], 5.5) - 2.5).abs() < 1e-12);
        assert!((crps_from_quantiles(&[3.0; 40], 5.5) - 2.5).abs() < 1e-12);
    }

    #[test]
    fn sample_and_quantile_crps_agree_on_a_standard_normal() {
        // CRPS of N(0,1) at y = 0 is (√2 − 1)/√π ≈ 0.2337.
        let exact = (2f64.sqrt() - 1.0) / std::f64::consts::PI.sqrt();
        let q: Vec<f64> = (0..400).map(|j| normal_quantile((j as f64 + 0.5) / 400.0)).collect();
        assert!((crps_from_quantiles(&q, 0.0) - exact).abs() < 2e-3);
        let s: Vec<f64> = (0..4000).map(|j| normal_quantile((j as f64 + 0.5) / 4000.0)).collect();
        assert!((crps_sorted_sample(&s, 0.0) - exact).abs() < 1e-3);
    }

    #[test]
    fn mid_pit_counts_ties_as_half() {
        let s = [0.0, 0.0, 0.0, 1.0];
        assert_eq!(pit_sorted_sample(&s, 0.0), 0.375);
        assert_eq!(pit_sorted_sample(&s, 2.0), 1.0);
    }

    #[test]
    fn normal_quantiles_are_accurate() {
        assert!((normal_quantile(0.9) - 1.281_551_565_545).abs() < 1e-8);
        assert!((normal_quantile(0.025) + 1.959_963_984_540).abs() < 1e-8);
        assert_eq!(normal_quantile(0.5), 0.0);
    }
}
