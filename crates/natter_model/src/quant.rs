//! ggml tensor types: their block layouts, plain reference dequantisers and quantisers.
//!
//! Every quantised ggml type stores a row as a run of fixed-size blocks; each block holds a few
//! scales and packed integers for `block_len()` consecutive elements. The block structs below are
//! `#[repr(C)]` copies of ggml's, with their sizes checked at compile time, and the dequantisers
//! follow ggml's `dequantize_row_*` operation for operation, so that they can serve as the oracle
//! for the GPU kernels. They are written for clarity first; the GPU is where speed lives.

use std::fmt;

use bytemuck::{Pod, Zeroable};
use half::{bf16, f16};

/// The element types natter can read, with their ggml ids.
///
/// Other ggml types (Q5_K, IQ*, …) are recognised by the GGUF reader so that it can bounds-check
/// and list them, but a model that uses them for a tensor natter needs cannot be loaded.
#[allow(non_camel_case_types)] // ggml's own names; `Q4_1` reads better than `Q41`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GgmlType {
    F32,
    F16,
    BF16,
    Q4_0,
    Q4_1,
    Q8_0,
    Q4_K,
    Q6_K,
}

/// Elements in one K-quant super-block.
const QK_K: usize = 256;
/// Elements in one block of the legacy quants (Q4_0, Q4_1, Q8_0).
const QK: usize = 32;

impl GgmlType {
    /// Every supported type, for tests and for listing in error messages.
    pub const ALL: [GgmlType; 8] = [
        GgmlType::F32,
        GgmlType::F16,
        GgmlType::BF16,
        GgmlType::Q4_0,
        GgmlType::Q4_1,
        GgmlType::Q8_0,
        GgmlType::Q4_K,
        GgmlType::Q6_K,
    ];

    /// The type with ggml id `raw`, if natter supports it.
    pub fn from_raw(raw: u32) -> Option<Self> {
        Some(match raw {
            0 => Self::F32,
            1 => Self::F16,
            2 => Self::Q4_0,
            3 => Self::Q4_1,
            8 => Self::Q8_0,
            12 => Self::Q4_K,
            14 => Self::Q6_K,
            30 => Self::BF16,
            _ => return None,
        })
    }

    /// The ggml id (`enum ggml_type`), as stored in GGUF tensor infos.
    pub fn raw(self) -> u32 {
        match self {
            Self::F32 => 0,
            Self::F16 => 1,
            Self::Q4_0 => 2,
            Self::Q4_1 => 3,
            Self::Q8_0 => 8,
            Self::Q4_K => 12,
            Self::Q6_K => 14,
            Self::BF16 => 30,
        }
    }

    /// ggml's name for the type (`"Q4_1"`).
    pub fn name(self) -> &'static str {
        match self {
            Self::F32 => "F32",
            Self::F16 => "F16",
            Self::BF16 => "BF16",
            Self::Q4_0 => "Q4_0",
            Self::Q4_1 => "Q4_1",
            Self::Q8_0 => "Q8_0",
            Self::Q4_K => "Q4_K",
            Self::Q6_K => "Q6_K",
        }
    }

    /// Elements per block: 1 for the float types, 32 for Q4_0/Q4_1/Q8_0, 256 for the K-quants.
    pub fn block_len(self) -> usize {
        match self {
            Self::F32 | Self::F16 | Self::BF16 => 1,
            Self::Q4_0 | Self::Q4_1 | Self::Q8_0 => QK,
            Self::Q4_K | Self::Q6_K => QK_K,
        }
    }

    /// Bytes per block.
    pub fn block_bytes(self) -> usize {
        match self {
            Self::F32 => 4,
            Self::F16 | Self::BF16 => 2,
            Self::Q4_0 => size_of::<BlockQ4_0>(),
            Self::Q4_1 => size_of::<BlockQ4_1>(),
            Self::Q8_0 => size_of::<BlockQ8_0>(),
            Self::Q4_K => size_of::<BlockQ4K>(),
            Self::Q6_K => size_of::<BlockQ6K>(),
        }
    }

    /// Whether the type is block-quantised (as opposed to a plain float type).
    pub fn is_quantized(self) -> bool {
        self.block_len() > 1
    }

    /// Bytes taken by `n` elements, or `None` if `n` is not a whole number of blocks or the size
    /// overflows `usize`.
    pub fn row_bytes(self, n: usize) -> Option<usize> {
        if !n.is_multiple_of(self.block_len()) {
            return None;
        }
        (n / self.block_len()).checked_mul(self.block_bytes())
    }
}

impl fmt::Display for GgmlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Block layout of any ggml type id that GGUF files use, supported by natter or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TypeLayout {
    pub name: &'static str,
    pub block_len: usize,
    pub block_bytes: usize,
}

/// Layouts of the ggml types found in model files (from ggml's `type_traits` / gguf-py's
/// `GGML_QUANT_SIZES`). The GGUF reader needs them to bounds-check tensors of types natter cannot
/// compute with, so that such a file still parses and the error names the tensor and its type.
/// Q8_1 is left out on purpose: ggml and gguf-py disagree on its size, and it never appears in
/// model files.
pub(crate) fn type_layout(raw: u32) -> Option<TypeLayout> {
    if let Some(ty) = GgmlType::from_raw(raw) {
        return Some(TypeLayout {
            name: ty.name(),
            block_len: ty.block_len(),
            block_bytes: ty.block_bytes(),
        });
    }
    let (name, block_len, block_bytes) = match raw {
        6 => ("Q5_0", 32, 22),
        7 => ("Q5_1", 32, 24),
        10 => ("Q2_K", 256, 84),
        11 => ("Q3_K", 256, 110),
        13 => ("Q5_K", 256, 176),
        15 => ("Q8_K", 256, 292),
        16 => ("IQ2_XXS", 256, 66),
        17 => ("IQ2_XS", 256, 74),
        18 => ("IQ3_XXS", 256, 98),
        19 => ("IQ1_S", 256, 50),
        20 => ("IQ4_NL", 32, 18),
        21 => ("IQ3_S", 256, 110),
        22 => ("IQ2_S", 256, 82),
        23 => ("IQ4_XS", 256, 136),
        24 => ("I8", 1, 1),
        25 => ("I16", 1, 2),
        26 => ("I32", 1, 4),
        27 => ("I64", 1, 8),
        28 => ("F64", 1, 8),
        29 => ("IQ1_M", 256, 56),
        34 => ("TQ1_0", 256, 54),
        35 => ("TQ2_0", 256, 66),
        39 => ("MXFP4", 32, 17),
        _ => return None,
    };
    Some(TypeLayout {
        name,
        block_len,
        block_bytes,
    })
}

/// Why a tensor's bytes could not be converted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QuantError {
    /// The element count is not a whole number of blocks.
    #[error("{elements} elements are not a whole number of {ty} blocks of {block_len}")]
    NotBlockAligned {
        ty: GgmlType,
        elements: usize,
        block_len: usize,
    },
    /// The byte size of the data would overflow `usize`.
    #[error("{elements} elements of {ty} do not fit in memory")]
    TooLarge { ty: GgmlType, elements: usize },
    /// The data is not as long as its type and element count require.
    #[error("{elements} elements of {ty} take {expected} bytes, but {found} were given")]
    LengthMismatch {
        ty: GgmlType,
        elements: usize,
        expected: usize,
        found: usize,
    },
    /// natter has no quantiser for this type (it only reads it).
    #[error("quantising to {ty} is not implemented")]
    QuantizeUnsupported { ty: GgmlType },
}

/// Checks that `elements` elements of `ty` take exactly `found` bytes.
fn check_len(ty: GgmlType, elements: usize, found: usize) -> Result<(), QuantError> {
    if !elements.is_multiple_of(ty.block_len()) {
        return Err(QuantError::NotBlockAligned {
            ty,
            elements,
            block_len: ty.block_len(),
        });
    }
    let expected = ty
        .row_bytes(elements)
        .ok_or(QuantError::TooLarge { ty, elements })?;
    if expected != found {
        return Err(QuantError::LengthMismatch {
            ty,
            elements,
            expected,
            found,
        });
    }
    Ok(())
}

/// ggml `block_q4_0`: 32 weights `(q - 8) * d`, `q` in 4 bits.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct BlockQ4_0 {
    pub d: f16,
    /// Element `j` in the low nibble of byte `j`, element `j + 16` in its high nibble.
    pub qs: [u8; 16],
}

/// ggml `block_q4_1`: 32 weights `q * d + m`, `q` in 4 bits.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct BlockQ4_1 {
    pub d: f16,
    pub m: f16,
    /// Element `j` in the low nibble of byte `j`, element `j + 16` in its high nibble.
    pub qs: [u8; 16],
}

/// ggml `block_q8_0`: 32 weights `q * d`, `q` a signed byte.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct BlockQ8_0 {
    pub d: f16,
    pub qs: [i8; 32],
}

/// ggml `block_q4_K`: 256 weights in 8 sub-blocks of 32, each with a 6-bit scale and min:
/// `d * sc * q - dmin * m`, `q` in 4 bits.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct BlockQ4K {
    pub d: f16,
    pub dmin: f16,
    /// Eight 6-bit scales and eight 6-bit mins, packed (see [`get_scale_min_k4`]).
    pub scales: [u8; 12],
    /// For each 64 elements, 32 bytes: the first 32 elements in the low nibbles, the next 32 in
    /// the high nibbles.
    pub qs: [u8; 128],
}

/// ggml `block_q6_K`: 256 weights in 16 sub-blocks of 16, each with a signed 8-bit scale:
/// `d * sc * (q - 32)`, `q` in 6 bits (4 low bits in `ql`, 2 high bits in `qh`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct BlockQ6K {
    pub ql: [u8; 128],
    pub qh: [u8; 64],
    pub scales: [i8; 16],
    pub d: f16,
}

// The layouts must match ggml byte for byte: the GPU kernels and the files depend on it.
const _: () = assert!(size_of::<BlockQ4_0>() == 18);
const _: () = assert!(size_of::<BlockQ4_1>() == 20);
const _: () = assert!(size_of::<BlockQ8_0>() == 34);
const _: () = assert!(size_of::<BlockQ4K>() == 144);
const _: () = assert!(size_of::<BlockQ6K>() == 210);

/// Unpacks the 6-bit scale and min of sub-block `j` (0..8) of a Q4_K block, as ggml's
/// `get_scale_min_k4`: sub-blocks 0..4 keep theirs in the low 6 bits of bytes `j` and `j + 4`;
/// sub-blocks 4..8 split theirs between a nibble of byte `j + 4` and the top 2 bits of bytes
/// `j - 4` (scale) and `j` (min).
pub fn get_scale_min_k4(j: usize, q: &[u8; 12]) -> (u8, u8) {
    if j < 4 {
        (q[j] & 63, q[j + 4] & 63)
    } else {
        let d = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        let m = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
        (d, m)
    }
}

/// Packs eight 6-bit scales and mins into a Q4_K block's 12 bytes: the inverse of
/// [`get_scale_min_k4`]. Values are masked to 6 bits.
pub(crate) fn pack_scale_min_k4(sc: [u8; 8], m: [u8; 8]) -> [u8; 12] {
    let mut q = [0u8; 12];
    for j in 0..4 {
        let (hi_sc, hi_m) = (sc[j + 4] & 63, m[j + 4] & 63);
        q[j] = (sc[j] & 63) | ((hi_sc >> 4) << 6);
        q[j + 4] = (m[j] & 63) | ((hi_m >> 4) << 6);
        q[j + 8] = (hi_sc & 0xF) | ((hi_m & 0xF) << 4);
    }
    q
}

fn dequantize_q4_0(b: &BlockQ4_0, y: &mut [f32]) {
    let d = b.d.to_f32();
    for j in 0..QK / 2 {
        let x0 = i32::from(b.qs[j] & 0x0F) - 8;
        let x1 = i32::from(b.qs[j] >> 4) - 8;
        y[j] = x0 as f32 * d;
        y[j + QK / 2] = x1 as f32 * d;
    }
}

fn dequantize_q4_1(b: &BlockQ4_1, y: &mut [f32]) {
    let d = b.d.to_f32();
    let m = b.m.to_f32();
    for j in 0..QK / 2 {
        let x0 = b.qs[j] & 0x0F;
        let x1 = b.qs[j] >> 4;
        y[j] = f32::from(x0) * d + m;
        y[j + QK / 2] = f32::from(x1) * d + m;
    }
}

fn dequantize_q8_0(b: &BlockQ8_0, y: &mut [f32]) {
    let d = b.d.to_f32();
    for (y, &q) in y.iter_mut().zip(&b.qs) {
        *y = f32::from(q) * d;
    }
}

fn dequantize_q4_k(b: &BlockQ4K, y: &mut [f32]) {
    let d = b.d.to_f32();
    let min = b.dmin.to_f32();
    // Each 64 elements share 32 bytes of `qs` and two (scale, min) pairs.
    for (chunk, (q, y)) in
        b.qs.chunks_exact(32)
            .zip(y.chunks_exact_mut(64))
            .enumerate()
    {
        let (sc1, m1) = get_scale_min_k4(2 * chunk, &b.scales);
        let (sc2, m2) = get_scale_min_k4(2 * chunk + 1, &b.scales);
        let (d1, m1) = (d * f32::from(sc1), min * f32::from(m1));
        let (d2, m2) = (d * f32::from(sc2), min * f32::from(m2));
        for l in 0..32 {
            y[l] = d1 * f32::from(q[l] & 0xF) - m1;
            y[l + 32] = d2 * f32::from(q[l] >> 4) - m2;
        }
    }
}

fn dequantize_q6_k(b: &BlockQ6K, y: &mut [f32]) {
    let d = b.d.to_f32();
    // Two halves of 128 elements; each uses 64 bytes of `ql`, 32 of `qh` and 8 scales.
    for n in 0..2 {
        let ql = &b.ql[64 * n..64 * n + 64];
        let qh = &b.qh[32 * n..32 * n + 32];
        let sc = &b.scales[8 * n..8 * n + 8];
        let y = &mut y[128 * n..128 * n + 128];
        for l in 0..32 {
            let is = l / 16;
            let q1 = i32::from((ql[l] & 0xF) | ((qh[l] & 3) << 4)) - 32;
            let q2 = i32::from((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
            let q3 = i32::from((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            let q4 = i32::from((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            // Same association as ggml's `d * sc[is] * q`, so results match bit for bit.
            y[l] = d * f32::from(sc[is]) * q1 as f32;
            y[l + 32] = d * f32::from(sc[is + 2]) * q2 as f32;
            y[l + 64] = d * f32::from(sc[is + 4]) * q3 as f32;
            y[l + 96] = d * f32::from(sc[is + 6]) * q4 as f32;
        }
    }
}

/// Runs `f` on every block of `bytes`, writing `block_len` outputs per block.
fn for_blocks<B: Pod>(
    bytes: &[u8],
    out: &mut [f32],
    block_len: usize,
    f: impl Fn(&B, &mut [f32]) + Sync,
) {
    use rayon::prelude::*;
    let size = size_of::<B>();
    // Blocks are read with `pod_read_unaligned`: a memory map gives no alignment guarantee for
    // the f16 fields, and GGUF only aligns the start of a tensor.
    let run = |bytes: &[u8], out: &mut [f32]| {
        for (b, y) in bytes
            .chunks_exact(size)
            .zip(out.chunks_exact_mut(block_len))
        {
            f(&bytemuck::pod_read_unaligned::<B>(b), y);
        }
    };
    // Embedding tables are tens of millions of elements; spread big tensors over threads.
    const BLOCKS_PER_TASK: usize = 4096;
    if out.len() > BLOCKS_PER_TASK * block_len {
        bytes
            .par_chunks(BLOCKS_PER_TASK * size)
            .zip(out.par_chunks_mut(BLOCKS_PER_TASK * block_len))
            .for_each(|(b, y)| run(b, y));
    } else {
        run(bytes, out);
    }
}

/// Converts `out.len()` elements of type `ty`, stored in `bytes`, to `f32`.
///
/// `bytes.len()` must be exactly `ty.row_bytes(out.len())`. Follows ggml's `dequantize_row_*`.
pub fn dequantize(ty: GgmlType, bytes: &[u8], out: &mut [f32]) -> Result<(), QuantError> {
    check_len(ty, out.len(), bytes.len())?;
    match ty {
        GgmlType::F32 => {
            for (y, b) in out.iter_mut().zip(bytes.chunks_exact(4)) {
                *y = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            }
        }
        GgmlType::F16 => {
            for (y, b) in out.iter_mut().zip(bytes.chunks_exact(2)) {
                *y = f16::from_le_bytes([b[0], b[1]]).to_f32();
            }
        }
        GgmlType::BF16 => {
            for (y, b) in out.iter_mut().zip(bytes.chunks_exact(2)) {
                *y = bf16::from_le_bytes([b[0], b[1]]).to_f32();
            }
        }
        GgmlType::Q4_0 => for_blocks(bytes, out, QK, dequantize_q4_0),
        GgmlType::Q4_1 => for_blocks(bytes, out, QK, dequantize_q4_1),
        GgmlType::Q8_0 => for_blocks(bytes, out, QK, dequantize_q8_0),
        GgmlType::Q4_K => for_blocks(bytes, out, QK_K, dequantize_q4_k),
        GgmlType::Q6_K => for_blocks(bytes, out, QK_K, dequantize_q6_k),
    }
    Ok(())
}

/// ggml's `quantize_row_q4_0_ref`: the scale is the value of largest magnitude divided by -8, so
/// that it maps exactly to -8 and the range is used in full.
fn quantize_q4_0(x: &[f32]) -> BlockQ4_0 {
    let mut amax = 0.0f32;
    let mut max = 0.0f32;
    for &v in x {
        if amax < v.abs() {
            amax = v.abs();
            max = v;
        }
    }
    let d = max / -8.0;
    let id = if d != 0.0 { 1.0 / d } else { 0.0 };
    let mut qs = [0u8; 16];
    for (j, q) in qs.iter_mut().enumerate() {
        // `as i8` truncates toward zero like C's `(int8_t)` cast for values in range.
        let x0 = ((x[j] * id + 8.5) as i8).min(15) as u8;
        let x1 = ((x[j + 16] * id + 8.5) as i8).min(15) as u8;
        *q = x0 | (x1 << 4);
    }
    BlockQ4_0 {
        d: f16::from_f32(d),
        qs,
    }
}

/// ggml's `quantize_row_q4_1_ref`: 16 steps from the block's minimum to its maximum.
fn quantize_q4_1(x: &[f32]) -> BlockQ4_1 {
    let mut min = f32::MAX;
    let mut max = -f32::MAX;
    for &v in x {
        min = if v < min { v } else { min };
        max = if v > max { v } else { max };
    }
    let d = (max - min) / 15.0;
    let id = if d != 0.0 { 1.0 / d } else { 0.0 };
    let mut qs = [0u8; 16];
    for (j, q) in qs.iter_mut().enumerate() {
        let x0 = (((x[j] - min) * id + 0.5) as i8).min(15) as u8;
        let x1 = (((x[j + 16] - min) * id + 0.5) as i8).min(15) as u8;
        *q = x0 | (x1 << 4);
    }
    BlockQ4_1 {
        d: f16::from_f32(d),
        m: f16::from_f32(min),
        qs,
    }
}

/// ggml's `quantize_row_q8_0_ref`: symmetric, 127 steps each side.
fn quantize_q8_0(x: &[f32]) -> BlockQ8_0 {
    let amax = x.iter().fold(0.0f32, |a, v| a.max(v.abs()));
    let d = amax / 127.0;
    let id = if d != 0.0 { 1.0 / d } else { 0.0 };
    let mut qs = [0i8; 32];
    for (q, &v) in qs.iter_mut().zip(x) {
        *q = (v * id).round() as i8;
    }
    BlockQ8_0 {
        d: f16::from_f32(d),
        qs,
    }
}

/// Converts `src` to type `ty` with ggml's reference quantisers (`quantize_row_*_ref`), so that
/// `dequantize(quantize_row(x))` equals what llama.cpp would store for `x`.
///
/// Supports the float types, Q4_0, Q4_1 and Q8_0; the K-quants need ggml's search for the best
/// scales, which natter has no use for, and return [`QuantError::QuantizeUnsupported`].
pub fn quantize_row(ty: GgmlType, src: &[f32]) -> Result<Vec<u8>, QuantError> {
    let n = src.len();
    if !n.is_multiple_of(ty.block_len()) {
        return Err(QuantError::NotBlockAligned {
            ty,
            elements: n,
            block_len: ty.block_len(),
        });
    }
    let len = ty
        .row_bytes(n)
        .ok_or(QuantError::TooLarge { ty, elements: n })?;
    let mut out = Vec::with_capacity(len);
    match ty {
        GgmlType::F32 => src
            .iter()
            .for_each(|v| out.extend_from_slice(&v.to_le_bytes())),
        GgmlType::F16 => src
            .iter()
            .for_each(|v| out.extend_from_slice(&f16::from_f32(*v).to_le_bytes())),
        GgmlType::BF16 => src
            .iter()
            .for_each(|v| out.extend_from_slice(&bf16::from_f32(*v).to_le_bytes())),
        GgmlType::Q4_0 => src
            .chunks_exact(QK)
            .for_each(|x| out.extend_from_slice(bytemuck::bytes_of(&quantize_q4_0(x)))),
        GgmlType::Q4_1 => src
            .chunks_exact(QK)
            .for_each(|x| out.extend_from_slice(bytemuck::bytes_of(&quantize_q4_1(x)))),
        GgmlType::Q8_0 => src
            .chunks_exact(QK)
            .for_each(|x| out.extend_from_slice(bytemuck::bytes_of(&quantize_q8_0(x)))),
        GgmlType::Q4_K | GgmlType::Q6_K => return Err(QuantError::QuantizeUnsupported { ty }),
    }
    debug_assert_eq!(out.len(), len);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deq(ty: GgmlType, bytes: &[u8], n: usize) -> Vec<f32> {
        let mut out = vec![0.0; n];
        dequantize(ty, bytes, &mut out).expect("valid length");
        out
    }

    /// A deterministic pattern of bytes that exercises every bit of a block.
    fn pattern(n: usize, mul: usize, add: usize) -> Vec<u8> {
        (0..n).map(|i| ((i * mul + add) % 256) as u8).collect()
    }

    #[test]
    fn ids_names_and_sizes_agree_with_ggml() {
        let expected = [
            (GgmlType::F32, 0, "F32", 1, 4),
            (GgmlType::F16, 1, "F16", 1, 2),
            (GgmlType::BF16, 30, "BF16", 1, 2),
            (GgmlType::Q4_0, 2, "Q4_0", 32, 18),
            (GgmlType::Q4_1, 3, "Q4_1", 32, 20),
            (GgmlType::Q8_0, 8, "Q8_0", 32, 34),
            (GgmlType::Q4_K, 12, "Q4_K", 256, 144),
            (GgmlType::Q6_K, 14, "Q6_K", 256, 210),
        ];
        assert_eq!(expected.len(), GgmlType::ALL.len());
        for (ty, raw, name, block_len, block_bytes) in expected {
            assert_eq!(ty.raw(), raw);
            assert_eq!(GgmlType::from_raw(raw), Some(ty));
            assert_eq!(ty.name(), name);
            assert_eq!(ty.to_string(), name);
            assert_eq!(ty.block_len(), block_len);
            assert_eq!(ty.block_bytes(), block_bytes);
            let layout = type_layout(raw).expect("known");
            assert_eq!(
                (layout.name, layout.block_len, layout.block_bytes),
                (name, block_len, block_bytes)
            );
        }
        for unsupported in [4, 5, 9, 10, 13, 24, 31, 1000, u32::MAX] {
            assert_eq!(GgmlType::from_raw(unsupported), None, "{unsupported}");
        }
        assert_eq!(type_layout(10).map(|l| l.name), Some("Q2_K"));
        assert_eq!(type_layout(1000), None);
    }

    #[test]
    fn row_bytes_rejects_partial_blocks_and_overflow() {
        assert_eq!(GgmlType::Q4_1.row_bytes(576), Some(18 * 20));
        assert_eq!(GgmlType::Q4_K.row_bytes(512), Some(288));
        assert_eq!(GgmlType::F32.row_bytes(3), Some(12));
        assert_eq!(GgmlType::Q4_0.row_bytes(33), None);
        assert_eq!(GgmlType::Q6_K.row_bytes(128), None);
        assert_eq!(GgmlType::F32.row_bytes(usize::MAX / 2), None);
        assert_eq!(GgmlType::Q8_0.row_bytes(0), Some(0));
    }

    #[test]
    fn dequantize_checks_lengths() {
        let mut out = vec![0.0; 32];
        assert!(matches!(
            dequantize(GgmlType::Q4_1, &[0; 19], &mut out),
            Err(QuantError::LengthMismatch {
                expected: 20,
                found: 19,
                ..
            })
        ));
        let mut out = vec![0.0; 31];
        assert!(matches!(
            dequantize(GgmlType::Q8_0, &[0; 34], &mut out),
            Err(QuantError::NotBlockAligned { .. })
        ));
        assert!(matches!(
            quantize_row(GgmlType::Q4_0, &[0.0; 20]),
            Err(QuantError::NotBlockAligned { .. })
        ));
        assert!(matches!(
            quantize_row(GgmlType::Q4_K, &[0.0; 256]),
            Err(QuantError::QuantizeUnsupported { ty: GgmlType::Q4_K })
        ));
    }

    #[test]
    fn hand_written_q4_0_block() {
        // d = 0.5; byte j holds element j (low nibble) and element j + 16 (high nibble).
        let mut bytes = f16::from_f32(0.5).to_le_bytes().to_vec();
        bytes.extend((0..16u8).map(|j| j | ((15 - j) << 4)));
        let y = deq(GgmlType::Q4_0, &bytes, 32);
        for j in 0..16 {
            assert_eq!(y[j], (j as f32 - 8.0) * 0.5);
            assert_eq!(y[j + 16], ((15 - j) as f32 - 8.0) * 0.5);
        }
    }

    #[test]
    fn hand_written_q4_1_block() {
        let mut bytes = f16::from_f32(0.25).to_le_bytes().to_vec();
        bytes.extend(f16::from_f32(-1.0).to_le_bytes());
        bytes.extend((0..16u8).map(|j| j | (3 << 4)));
        let y = deq(GgmlType::Q4_1, &bytes, 32);
        for j in 0..16 {
            assert_eq!(y[j], j as f32 * 0.25 - 1.0);
            assert_eq!(y[j + 16], 3.0 * 0.25 - 1.0);
        }
    }

    #[test]
    fn hand_written_q8_0_block() {
        let mut bytes = f16::from_f32(2.0).to_le_bytes().to_vec();
        bytes.extend((0..32i8).map(|j| (j - 16) as u8));
        let y = deq(GgmlType::Q8_0, &bytes, 32);
        for (j, v) in y.iter().enumerate() {
            assert_eq!(*v, (j as f32 - 16.0) * 2.0);
        }
    }

    #[test]
    fn hand_written_q4_k_block() {
        let mut block = BlockQ4K::zeroed();
        block.d = f16::from_f32(0.5);
        block.dmin = f16::from_f32(0.25);
        // Sub-block 0: scale 3, min 2 (low 6 bits of bytes 0 and 4).
        block.scales[0] = 3;
        block.scales[4] = 2;
        // Sub-block 5: scale = low nibble of byte 9 | top bits of byte 1 << 4 = 1 | 2 << 4 = 33;
        // min = high nibble of byte 9 | top bits of byte 5 << 4 = 4 | 1 << 4 = 20.
        block.scales[9] = 0x41;
        block.scales[1] = 0b10 << 6;
        block.scales[5] = 0b01 << 6;
        assert_eq!(get_scale_min_k4(5, &block.scales), (33, 20));
        assert_eq!(get_scale_min_k4(1, &block.scales), (0, 0)); // top bits are masked off
        // Elements 0..32 are the low nibbles of qs[0..32]; elements 160..192 (sub-block 5) the
        // high nibbles of qs[64..96].
        block.qs[0] = 0x07;
        block.qs[64] = 0xA0;
        let y = deq(GgmlType::Q4_K, bytemuck::bytes_of(&block), 256);
        assert_eq!(y[0], 0.5 * 3.0 * 7.0 - 0.25 * 2.0);
        assert_eq!(y[1], -0.5);
        assert_eq!(y[32], 0.0); // sub-block 1: scale 0, min 0
        assert_eq!(y[160], 0.5 * 33.0 * 10.0 - 0.25 * 20.0);
        assert_eq!(y[161], -0.25 * 20.0);
    }

    #[test]
    fn packed_k4_scales_unpack_to_themselves() {
        let sc = [0, 1, 31, 63, 32, 17, 48, 5];
        let m = [63, 2, 0, 40, 15, 63, 1, 33];
        let q = pack_scale_min_k4(sc, m);
        for j in 0..8 {
            assert_eq!(get_scale_min_k4(j, &q), (sc[j], m[j]), "sub-block {j}");
        }
    }

    #[test]
    fn hand_written_q6_k_block() {
        let mut block = BlockQ6K::zeroed();
        block.d = f16::from_f32(0.5);
        block.scales = std::array::from_fn(|i| i as i8 - 8);
        // Element 0: low 4 bits of ql[0], bits 0..2 of qh[0] → q = 5 | 2 << 4 = 37, scale -8.
        block.ql[0] = 0x05;
        block.qh[0] = 0b10;
        // Element 96 + 128 = 224: high nibble of ql[64 + 32], bits 6..8 of qh[32] → 0xC | 3 << 4.
        block.ql[96] = 0xC0;
        block.qh[32] = 0b11 << 6;
        let y = deq(GgmlType::Q6_K, bytemuck::bytes_of(&block), 256);
        assert_eq!(y[0], 0.5 * -8.0 * (37.0 - 32.0));
        assert_eq!(y[1], 0.5 * -8.0 * -32.0);
        assert_eq!(y[16], 0.5 * -7.0 * -32.0); // is = 1 from l = 16
        // Element 224 is in the second half (sc offset 8), q4 lane (scale index is + 6), l = 0.
        assert_eq!(
            y[224],
            0.5 * f32::from(block.scales[14]) * (f32::from(0xCu8 | (3 << 4)) - 32.0)
        );
    }

    #[test]
    fn float_types_round_trip() {
        let x: Vec<f32> = (0..64).map(|i| (i as f32 - 30.0) * 0.37).collect();
        for ty in [GgmlType::F32, GgmlType::F16, GgmlType::BF16] {
            let bytes = quantize_row(ty, &x).expect("float types quantise");
            assert_eq!(bytes.len(), ty.row_bytes(64).expect("aligned"));
            let y = deq(ty, &bytes, 64);
            let tol = match ty {
                GgmlType::F32 => 0.0,
                GgmlType::F16 => 1e-3,
                _ => 1e-2,
            };
            for (a, b) in x.iter().zip(&y) {
                assert!((a - b).abs() <= tol * a.abs().max(1.0), "{ty}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn legacy_quants_round_trip_within_one_step() {
        // A ramp plus a sine, two blocks, so each block has its own scale.
        let x: Vec<f32> = (0..64)
            .map(|i| (i as f32 * 0.7).sin() * (1.0 + i as f32 / 16.0))
            .collect();
        for ty in [GgmlType::Q4_0, GgmlType::Q4_1, GgmlType::Q8_0] {
            let bytes = quantize_row(ty, &x).expect("supported");
            assert_eq!(bytes.len(), ty.row_bytes(64).expect("aligned"));
            let y = deq(ty, &bytes, 64);
            for (block_x, block_y) in x.chunks(32).zip(y.chunks(32)) {
                let amax = block_x.iter().fold(0.0f32, |a, v| a.max(v.abs()));
                let range = block_x.iter().fold(f32::MIN, |a, &v| a.max(v))
                    - block_x.iter().fold(f32::MAX, |a, &v| a.min(v));
                let step = match ty {
                    GgmlType::Q4_0 => amax / 8.0,
                    GgmlType::Q4_1 => range / 15.0,
                    _ => amax / 127.0,
                };
                // Half a step of rounding, except that Q4_0 reaches only +7 steps on the side
                // opposite its largest value and clips there (up to a full step), plus the f16
                // rounding of the scale.
                let tol = if ty == GgmlType::Q4_0 {
                    step
                } else {
                    step * 0.5
                };
                for (a, b) in block_x.iter().zip(block_y) {
                    assert!(
                        (a - b).abs() <= tol + amax * 2e-3,
                        "{ty}: {a} vs {b} (step {step})"
                    );
                }
            }
        }
    }

    #[test]
    fn quantisers_hit_the_extremes_exactly() {
        // Q4_0 maps the value of largest magnitude to -8 * d exactly; Q4_1 maps min and max to
        // m and m + 15d; Q8_0 maps ±amax to ±127d.
        let mut x = vec![0.0f32; 32];
        x[3] = -4.0;
        x[20] = 2.0;
        let y = deq(
            GgmlType::Q4_0,
            &quantize_row(GgmlType::Q4_0, &x).expect("q4_0"),
            32,
        );
        assert_eq!(y[3], -4.0);
        assert_eq!(y[0], 0.0);
        let y = deq(
            GgmlType::Q4_1,
            &quantize_row(GgmlType::Q4_1, &x).expect("q4_1"),
            32,
        );
        assert_eq!(y[3], -4.0);
        assert!((y[20] - 2.0).abs() < 2e-3);
        let y = deq(
            GgmlType::Q8_0,
            &quantize_row(GgmlType::Q8_0, &x).expect("q8_0"),
            32,
        );
        assert!((y[3] + 4.0).abs() < 2e-3);
        // All zeros must not divide by zero.
        for ty in [GgmlType::Q4_0, GgmlType::Q4_1, GgmlType::Q8_0] {
            let y = deq(ty, &quantize_row(ty, &[0.0; 32]).expect("zeros"), 32);
            assert!(y.iter().all(|v| *v == 0.0), "{ty}");
        }
    }

    /// The quantisers produce the same bytes as gguf-py 0.19's `gguf.quants.quantize` (a numpy
    /// port of ggml's reference quantisers), computed on the same input:
    ///   x = np.array([((i * 37 + 11) % 256 - 128) / 64 for i in range(64)], np.float32)
    ///   x[5] = 0.3; x[40] = -0.1
    ///   gguf.quants.quantize(x.reshape(1, -1), GGMLQuantizationType.Q4_0).tobytes().hex()
    #[test]
    fn quantisers_match_gguf_py_bytes() {
        let mut x: Vec<f32> = (0..64)
            .map(|i| ((i * 37 + 11) % 256) as f32 / 64.0 - 2.0)
            .collect();
        x[5] = 0.3;
        x[40] = -0.1;
        let expected = [
            (
                GgmlType::Q4_0,
                "50335083b5d8fa193f6083b5d8fa1d3f6083f033fb2d4f7294b6e9fb284f7294b6e90b2d",
            ),
            (
                GgmlType::Q4_1,
                "b33350bf5082a5c7fa193e5083a5d7fa1c3f60833734f0bffa2c4e6184b6d8fa274f6294b6d80a2d",
            ),
            (
                GgmlType::Q8_0,
                "5f2381a9d1f922157284acd5fd254d7588b0d8002850788bb3db032b547c8eb6de0700242b50759abfe4092efa789dc2e70c31567ba0c5ea0f34597ea3c8ed12375c81a6",
            ),
        ];
        for (ty, hex) in expected {
            let bytes = quantize_row(ty, &x).expect("supported");
            let got: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(got, hex, "{ty}");
        }
    }

    /// The dequantisers agree bit for bit with gguf-py's numpy ones (themselves checked against
    /// ggml) on blocks whose every byte differs; see `cross_check_blocks` for the blocks.
    #[test]
    fn matches_gguf_py_on_pattern_blocks() {
        for (ty, bytes, expected) in cross_check_blocks() {
            let n = bytes.len() / ty.block_bytes() * ty.block_len();
            let y = deq(ty, &bytes, n);
            let sampled: Vec<u32> = y.iter().step_by(3).map(|v| v.to_bits()).collect();
            assert_eq!(sampled.len(), expected.len(), "{ty}");
            for (i, (a, b)) in sampled.iter().zip(expected).enumerate() {
                let (a, b) = (f32::from_bits(*a), f32::from_bits(*b));
                assert_eq!(
                    a.to_bits(),
                    b.to_bits(),
                    "{ty} element {}: {a} vs {b}",
                    i * 3
                );
            }
        }
    }

    /// Pattern blocks for `matches_gguf_py_on_pattern_blocks`: each block is a byte pattern
    /// `(i * mul + add) % 256` with its f16 scales replaced by fixed values (so they are finite).
    fn cross_check_blocks() -> Vec<(GgmlType, Vec<u8>, &'static [u32])> {
        let h = |v: f32| f16::from_f32(v).to_le_bytes();
        let mut q4_0 = pattern(18, 37, 11);
        q4_0[..2].copy_from_slice(&h(0.125));
        let mut q4_1 = pattern(20, 37, 11);
        q4_1[..2].copy_from_slice(&h(0.125));
        q4_1[2..4].copy_from_slice(&h(-0.75));
        let mut q8_0 = pattern(34, 37, 11);
        q8_0[..2].copy_from_slice(&h(0.0078125));
        let mut q4_k = pattern(144, 37, 11);
        q4_k[..2].copy_from_slice(&h(0.0625));
        q4_k[2..4].copy_from_slice(&h(0.03125));
        let mut q6_k = pattern(210, 37, 11);
        q6_k[208..].copy_from_slice(&h(0.001953125));
        let f16s = pattern(64, 37, 11)
            .chunks(2)
            .flat_map(|b| [b[0], b[1] & 0x3B])
            .collect();
        let bf16s = pattern(64, 37, 11)
            .chunks(2)
            .flat_map(|b| [b[0], b[1] & 0xBF])
            .collect();
        vec![
            (GgmlType::Q4_0, q4_0, EXPECTED_Q4_0),
            (GgmlType::Q4_1, q4_1, EXPECTED_Q4_1),
            (GgmlType::Q8_0, q8_0, EXPECTED_Q8_0),
            (GgmlType::Q4_K, q4_k, EXPECTED_Q4_K),
            (GgmlType::Q6_K, q6_k, EXPECTED_Q6_K),
            (GgmlType::F16, f16s, EXPECTED_F16),
            (GgmlType::BF16, bf16s, EXPECTED_BF16),
        ]
    }

    // Every third element of each pattern block, as f32 bits, from gguf-py 0.19
    // (`gguf.quants.dequantize`; F16 through numpy's float16). Generated by building the same
    // blocks in Python:
    //   pat = lambda n: bytearray((i * 37 + 11) % 256 for i in range(n))
    //   q4_k = pat(144); q4_k[:2] = np.float16(0.0625).tobytes(); q4_k[2:4] = ...(0.03125)
    //   y = gguf.quants.dequantize(np.frombuffer(q4_k, np.uint8), GGMLQuantizationType.Q4_K)
    //   [hex(v) for v in y.astype(np.float32).view(np.uint32)[::3]]
    const EXPECTED_Q4_0: &[u32] = &[
        0xbec00000, 0xbf000000, 0xbf200000, 0xbf400000, 0xbf600000, 0xbf800000, 0x3e000000,
        0xbf800000, 0xbe000000, 0x3f400000, 0xbec00000,
    ];
    const EXPECTED_Q4_1: &[u32] = &[
        0x3f900000, 0x3f800000, 0x3f600000, 0x3f400000, 0x3f200000, 0x3f000000, 0x3f800000,
        0xbe000000, 0x3f400000, 0xbec00000, 0x3f000000,
    ];
    const EXPECTED_Q8_0: &[u32] = &[
        0x3f2a0000, 0xbef00000, 0x3ecc0000, 0xbf3c0000, 0x3e080000, 0xbf800000, 0xbe080000,
        0x3f3c0000, 0xbecc0000, 0x3ef00000, 0xbf2a0000,
    ];
    const EXPECTED_Q4_K: &[u32] = &[
        0x419dc000, 0x418e4000, 0x417d8000, 0x415e8000, 0x413f8000, 0x41208000, 0x41018000,
        0x40c50000, 0x40870000, 0x40120000, 0x3eb00000, 0x3fa00000, 0x40300000, 0x3f000000,
        0x40100000, 0x00000000, 0x3fe00000, 0xbf000000, 0x3fa00000, 0x40400000, 0x3f400000,
        0x40200000, 0x412e8000, 0x41058000, 0x40b90000, 0x404e0000, 0x3f280000, 0xbff40000,
        0x42122000, 0x4207e000, 0x41fb4000, 0x41e6c000, 0x41410000, 0x40860000, 0x41250000,
        0x401c0000, 0x41090000, 0x3f300000, 0x40da0000, 0xbf880000, 0x40a20000, 0x41330000,
        0x40540000, 0xbec00000, 0x4210c000, 0x42070000, 0x41fa8000, 0x41e70000, 0x41d38000,
        0x41c00000, 0x41ac8000, 0x41990000, 0x41858000, 0x41640000, 0x424e4000, 0x418e8000,
        0x42304000, 0x41250000, 0x42124000, 0x40340000, 0x41ca8000, 0x424e4000, 0x418e8000,
        0x42304000, 0x4204a000, 0x41f0c000, 0x41d84000, 0x41bfc000, 0x41a74000, 0x418ec000,
        0x416c8000, 0x413b8000, 0x410a8000, 0x40b30000, 0x40220000, 0x3f940000, 0x405a0000,
        0x3d000000, 0x402a0000, 0xbf380000, 0x3ff40000, 0x40910000, 0x3f940000, 0x40720000,
        0x3ed00000, 0x40420000,
    ];
    const EXPECTED_Q6_K: &[u32] = &[
        0xc032e000, 0xbf848000, 0x3f398000, 0x401f0000, 0xc0186000, 0xbf1f0000, 0x3eb00000,
        0x3f600000, 0xbf180000, 0xbd800000, 0x3ef00000, 0xbfa80000, 0x3fa2c000, 0x3f9d8000,
        0x3f984000, 0x3f930000, 0x3f9f8000, 0x3f910000, 0x3f828000, 0x3f680000, 0xbf828000,
        0xbf910000, 0xc002a000, 0xc06d8000, 0x4061a000, 0x3fed8000, 0xc0322000, 0x40ba0000,
        0xc0590000, 0x402a8000, 0x409b0000, 0xc0934000, 0xbfd98000, 0xc038e000, 0x3fae0000,
        0xc0a89000, 0x3fd98000, 0xc00d6000, 0x402f0000, 0xbf898000, 0x403b8000, 0x3f2f0000,
        0xbfc80000, 0x3f500000, 0xbf498000, 0xbeb60000, 0x3d9c0000, 0x3f020000, 0x3fa20000,
        0x3ef00000, 0xbea80000, 0xbf900000, 0x3f8a0000, 0x3e900000, 0xbfa7c000, 0xbfb70000,
        0xc05d2000, 0xc064c000, 0xc06c6000, 0xc0c40000, 0x40bde000, 0x40b7c000, 0x40b1a000,
        0x40ab8000, 0xbf720000, 0x3f974000, 0x40e2e000, 0xc0bd1000, 0x80000000, 0x40082000,
        0x403d0000, 0xc05c8000, 0xbffc0000, 0x40088000, 0x40670000, 0x3fb04000, 0xbf248000,
        0x3fd38000, 0xbeeb0000, 0x3feb0000, 0x3e820000, 0xbf020000, 0x3e960000, 0xbef00000,
        0x3eaa0000, 0xbdf00000,
    ];
    const EXPECTED_F16: &[u32] = &[
        0x3e016000, 0x395d2000, 0x3d18e000, 0x3954a000, 0x3d106000, 0x38184000, 0x3c07e000,
        0x38074000, 0x3c1f6000, 0x3f5b2000, 0x3b16e000,
    ];
    const EXPECTED_BF16: &[u32] = &[
        0x300b0000, 0x0ee90000, 0xacc70000, 0x8aa50000, 0xa8830000, 0x86610000, 0x243f0000,
        0x021d0000, 0x20fb0000, 0xbed90000, 0x9cb70000,
    ];
}
