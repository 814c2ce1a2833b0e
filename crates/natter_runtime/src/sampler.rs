//! Token sampling: greedy, temperature, top-k, top-p, min-p and repetition penalty, seeded.
//!
//! The order follows llama.cpp: repetition penalty → top-k → temperature → softmax → top-p →
//! min-p → draw. The same settings, seed and logits always give the same token.

use crate::error::RuntimeError;

/// How the next token is chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct SamplerConfig {
    /// 0 picks the most likely token (greedy); higher is more varied.
    pub temperature: f32,
    /// Keep only the `top_k` most likely tokens (0: all).
    pub top_k: usize,
    /// Keep the smallest set of tokens whose probability reaches `top_p` (1: all).
    pub top_p: f32,
    /// Drop tokens less likely than `min_p` times the most likely one (0: none).
    pub min_p: f32,
    /// Divides positive logits (multiplies negative ones) of recently seen tokens (1: off).
    pub repetition_penalty: f32,
    /// How many recent tokens the penalty looks at.
    pub repetition_window: usize,
    pub seed: u64,
}

impl Default for SamplerConfig {
    /// Settings for lively but coherent NPC dialogue from small models.
    fn default() -> Self {
        SamplerConfig {
            temperature: 0.7,
            top_k: 40,
            top_p: 0.9,
            min_p: 0.05,
            repetition_penalty: 1.1,
            repetition_window: 64,
            seed: 0,
        }
    }
}

impl SamplerConfig {
    /// Always the most likely token, no penalty: what the reference tests compare against.
    pub fn greedy() -> Self {
        SamplerConfig {
            temperature: 0.0,
            top_k: 0,
            top_p: 1.0,
            min_p: 0.0,
            repetition_penalty: 1.0,
            repetition_window: 0,
            seed: 0,
        }
    }

    /// Checks that every setting is in range.
    pub fn validate(&self) -> Result<(), RuntimeError> {
        let bad = |m: String| Err(RuntimeError::Sampling(m));
        if !(self.temperature.is_finite() && self.temperature >= 0.0) {
            return bad(format!(
                "temperature must be a number ≥ 0, not {}",
                self.temperature
            ));
        }
        if !(self.top_p > 0.0 && self.top_p <= 1.0) {
            return bad(format!("top_p must be in (0, 1], not {}", self.top_p));
        }
        if !(0.0..1.0).contains(&self.min_p) {
            return bad(format!("min_p must be in [0, 1), not {}", self.min_p));
        }
        if !(self.repetition_penalty.is_finite() && self.repetition_penalty > 0.0) {
            return bad(format!(
                "repetition_penalty must be > 0, not {}",
                self.repetition_penalty
            ));
        }
        Ok(())
    }
}

/// A sampler with its random state.
#[derive(Clone, Debug)]
pub struct Sampler {
    config: SamplerConfig,
    state: u64,
}

impl Sampler {
    pub fn new(config: SamplerConfig) -> Result<Self, RuntimeError> {
        config.validate()?;
        // SplitMix64 seeding: distinct seeds give unrelated streams, seed 0 included.
        let state = config.seed ^ 0x9E37_79B9_7F4A_7C15;
        Ok(Sampler { config, state })
    }

    pub fn config(&self) -> &SamplerConfig {
        &self.config
    }

    /// A uniform draw in [0, 1) (SplitMix64).
    fn next_f32(&mut self) -> f32 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Picks the next token from `logits`, given the tokens seen so far (`history`, oldest first).
    pub fn sample(&mut self, logits: &[f32], history: &[u32]) -> u32 {
        let c = &self.config;
        let mut cand: Vec<(u32, f32)> = logits
            .iter()
            .enumerate()
            .map(|(i, &l)| (i as u32, if l.is_nan() { f32::NEG_INFINITY } else { l }))
            .collect();
        if c.repetition_penalty != 1.0 && c.repetition_window > 0 {
            let recent = &history[history.len().saturating_sub(c.repetition_window)..];
            let mut seen = std::collections::BTreeSet::new();
            for &t in recent {
                if let Some(e) = cand.get_mut(t as usize)
                    && seen.insert(t)
                {
                    e.1 = if e.1 > 0.0 {
                        e.1 / c.repetition_penalty
                    } else {
                        e.1 * c.repetition_penalty
                    };
                }
            }
        }
        if c.temperature == 0.0 {
            // First of equal maxima, as the reference's argmax.
            let mut best = 0;
            for (i, e) in cand.iter().enumerate() {
                if e.1 > cand[best].1 {
                    best = i;
                }
            }
            return cand[best].0;
        }
        let by_logit = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if c.top_k > 0 && c.top_k < cand.len() {
            cand.select_nth_unstable_by(c.top_k - 1, by_logit);
            cand.truncate(c.top_k);
        }
        cand.sort_by(by_logit);
        let max = cand[0].1;
        let mut probs: Vec<f32> = cand
            .iter()
            .map(|e| ((e.1 - max) / c.temperature).exp())
            .collect();
        let sum: f32 = probs.iter().sum();
        probs.iter_mut().for_each(|p| *p /= sum);
        let mut keep = probs.len();
        if c.top_p < 1.0 {
            let mut acc = 0.0;
            for (i, p) in probs.iter().enumerate() {
                acc += p;
                if acc >= c.top_p {
                    keep = i + 1;
                    break;
                }
            }
        }
        if c.min_p > 0.0 {
            let floor = probs[0] * c.min_p;
            keep = keep.min(probs.iter().take_while(|p| **p >= floor).count().max(1));
        }
        let total: f32 = probs[..keep].iter().sum();
        let mut r = self.next_f32() * total;
        for (i, p) in probs[..keep].iter().enumerate() {
            if r < *p {
                return cand[i].0;
            }
            r -= p;
        }
        cand[keep - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logits() -> Vec<f32> {
        (0..100).map(|i| ((i * 37) % 100) as f32 / 10.0).collect()
    }

    #[test]
    fn greedy_picks_the_maximum() {
        let mut s = Sampler::new(SamplerConfig::greedy()).unwrap();
        let l = logits();
        let best = l
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .unwrap()
            .0 as u32;
        assert_eq!(s.sample(&l, &[]), best);
    }

    #[test]
    fn same_seed_same_tokens_other_seed_other_tokens() {
        let l = logits();
        let draw = |seed| {
            let mut s = Sampler::new(SamplerConfig {
                seed,
                top_k: 0,
                top_p: 1.0,
                min_p: 0.0,
                temperature: 5.0,
                ..Default::default()
            })
            .unwrap();
            (0..32).map(|_| s.sample(&l, &[])).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn top_k_one_is_greedy() {
        let l = logits();
        let mut s = Sampler::new(SamplerConfig {
            top_k: 1,
            temperature: 2.0,
            ..Default::default()
        })
        .unwrap();
        let mut g = Sampler::new(SamplerConfig::greedy()).unwrap();
        for _ in 0..10 {
            assert_eq!(s.sample(&l, &[]), g.sample(&l, &[]));
        }
    }

    #[test]
    fn repetition_penalty_moves_off_a_repeated_token() {
        let mut l = vec![0.0; 10];
        l[3] = 2.0;
        l[4] = 1.9;
        let mut s = Sampler::new(SamplerConfig {
            repetition_penalty: 1.5,
            repetition_window: 8,
            ..SamplerConfig::greedy()
        })
        .unwrap();
        assert_eq!(s.sample(&l, &[]), 3);
        assert_eq!(s.sample(&l, &[3]), 4);
    }

    #[test]
    fn nan_logits_are_never_picked_and_bad_settings_are_errors() {
        let mut l = vec![0.0; 4];
        l[1] = f32::NAN;
        l[2] = 1.0;
        let mut s = Sampler::new(SamplerConfig::greedy()).unwrap();
        assert_eq!(s.sample(&l, &[]), 2);
        assert!(
            Sampler::new(SamplerConfig {
                temperature: -1.0,
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            Sampler::new(SamplerConfig {
                top_p: 0.0,
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            Sampler::new(SamplerConfig {
                min_p: 1.0,
                ..Default::default()
            })
            .is_err()
        );
        assert!(
            Sampler::new(SamplerConfig {
                repetition_penalty: f32::NAN,
                ..Default::default()
            })
            .is_err()
        );
    }
}
