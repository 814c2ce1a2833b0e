//! Weight repacking: GGUF blocks into the aligned layouts the kernels load.
//!
//! GGUF interleaves scales and quants in blocks of 18, 20 or 34 bytes, which no GPU loads in
//! aligned words. Each weight buffer is split into a quant array (16 or 32 bytes per block of
//! 32, loaded as `vec4<u32>`) and a scale array (one `u32` holding an f16 pair per block).
//! Formats the kernels do not take natively are dequantised to f32 here, exactly.

use half::f16;
use natter_compiler::{TensorRole, WeightBuffer, WeightFormat};
use natter_model::{GgmlType, Model};

use crate::error::RuntimeError;

/// A weight buffer's bytes, ready to upload.
pub struct Repacked {
    pub quants: Vec<u8>,
    /// Empty for formats without scales.
    pub scales: Vec<u8>,
}

/// Repacks the tensors of `w` (concatenated by rows) from `model`.
pub fn repack(model: &Model, w: &WeightBuffer) -> Result<Repacked, RuntimeError> {
    let blocks = w.rows * w.cols / 32;
    let mut out = Repacked {
        quants: Vec::with_capacity(blocks * w.format.block_bytes()),
        scales: Vec::with_capacity(if w.format.has_scales() { blocks * 4 } else { 0 }),
    };
    for role in &w.parts {
        let t = role_tensor(model, *role)?;
        let data = model.tensor_data(t);
        let bad = |why: &str| RuntimeError::Weights {
            tensor: t.name.clone(),
            message: why.to_string(),
        };
        match (w.format, t.ty) {
            (WeightFormat::Q4, GgmlType::Q4_1) => {
                for b in data.chunks_exact(20) {
                    out.scales.extend_from_slice(&b[0..4]);
                    out.quants.extend_from_slice(&b[4..20]);
                }
            }
            (WeightFormat::Q4, GgmlType::Q4_0) => {
                // value = (q - 8) d = q d + (-8 d): a Q4_1 block with min -8d, exact in f16
                // (a power-of-two multiple) unless 8d overflows, which no real scale does.
                for b in data.chunks_exact(18) {
                    let d = f16::from_le_bytes([b[0], b[1]]);
                    let m = f16::from_f32(-8.0 * d.to_f32());
                    if !m.is_finite() {
                        return Err(bad("a Q4_0 scale too large to repack"));
                    }
                    out.scales.extend_from_slice(&b[0..2]);
                    out.scales.extend_from_slice(&m.to_le_bytes());
                    out.quants.extend_from_slice(&b[2..18]);
                }
            }
            (WeightFormat::Q8, GgmlType::Q8_0) => {
                for b in data.chunks_exact(34) {
                    out.scales.extend_from_slice(&b[0..2]);
                    out.scales.extend_from_slice(&[0, 0]);
                    out.quants.extend_from_slice(&b[2..34]);
                }
            }
            (WeightFormat::F16, GgmlType::F16) => out.quants.extend_from_slice(data),
            (WeightFormat::F32, _) => {
                for v in model.dequantize(t)? {
                    out.quants.extend_from_slice(&v.to_le_bytes());
                }
            }
            (format, ty) => return Err(bad(&format!("cannot repack {ty} as {format:?}"))),
        }
    }
    let expected = blocks * w.format.block_bytes();
    if out.quants.len() != expected {
        return Err(RuntimeError::Weights {
            tensor: w.label.clone(),
            message: format!("repacked {} bytes, expected {expected}", out.quants.len()),
        });
    }
    Ok(out)
}

/// The f32 values of a vector buffer's parts, concatenated.
pub fn vector(model: &Model, parts: &[TensorRole]) -> Result<Vec<f32>, RuntimeError> {
    let mut out = Vec::new();
    for role in parts {
        out.extend(model.dequantize(role_tensor(model, *role)?)?);
    }
    Ok(out)
}

fn role_tensor(model: &Model, role: TensorRole) -> Result<&natter_model::TensorRef, RuntimeError> {
    role.resolve(model.tensors())
        .ok_or_else(|| RuntimeError::Weights {
            tensor: role.to_string(),
            message: "missing from the model".into(),
        })
}
