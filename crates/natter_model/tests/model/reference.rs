//! The CPU reference forward pass against an exact-f32 reference run of the real model.

use std::path::Path;

use natter_model::Model;

use crate::real_model_path;

/// The CPU reference against the exact-f32 reference run shipped in `tests/data`
/// (`smollm2-reference.json`, copied from the project's shared test data): greedy ids token for
/// token, and the top logits of the first steps.
#[test]
fn cpu_reference_matches_the_exact_f32_reference_run() {
    let model = Model::open(real_model_path()).expect("the real model loads");
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/smollm2-reference.json"),
        )
        .expect("reference data"),
    )
    .expect("json");
    for case in data["cases"].as_array().expect("cases") {
        let id = case["id"].as_str().unwrap_or("?");
        let prompt: Vec<u32> = serde_json::from_value(case["prompt_ids"].clone()).unwrap();
        let want: Vec<u32> =
            serde_json::from_value(case["f32_reference_greedy_ids"].clone()).unwrap();
        let mut reference = natter_model::Reference::with_capacity(&model, 128).unwrap();
        let mut logits = reference.prefill(&prompt).unwrap();
        let mut got = Vec::new();
        for step in 0..want.len() {
            if let Some(top5) = case["f32_reference_top5_first_steps"].get(step) {
                for pair in top5.as_array().unwrap() {
                    let (tok, logit) = (
                        pair[0].as_u64().unwrap() as usize,
                        pair[1].as_f64().unwrap(),
                    );
                    let diff = (logits[tok] as f64 - logit).abs();
                    assert!(
                        diff < 2e-3,
                        "{id} step {step}: logit of {tok} is {} not {logit}",
                        logits[tok]
                    );
                }
            }
            let next = natter_model::ops::argmax(&logits);
            got.push(next);
            if next == 0 || next == 2 {
                break;
            }
            logits = reference.forward(next).unwrap();
        }
        assert_eq!(got, want, "{id}: greedy ids differ from the f32 reference");
    }
}
