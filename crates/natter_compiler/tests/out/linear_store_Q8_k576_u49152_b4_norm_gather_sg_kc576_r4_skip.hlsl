struct Params {
    uint n_cols;
    uint n_out;
    uint span;
    uint _pad1_;
};

struct Column {
    uint slot;
    uint pos;
    uint token;
    uint _pad;
};

struct Raw {
    uint4 qa;
    uint4 qb;
    uint s;
    int _end_pad_0;
    int _end_pad_1;
    int _end_pad_2;
};

struct Block {
    float4 v0_;
    float4 v1_;
    float4 v2_;
    float4 v3_;
    float4 v4_;
    float4 v5_;
    float4 v6_;
    float4 v7_;
};

static const uint WG = 128u;
static const uint TPU = 8u;
static const uint UNITS_PER_WG = 16u;
static const uint K = 576u;
static const uint BLOCKS = 18u;
static const uint UNITS = 49152u;
static const uint Y_STRIDE = 49152u;
static const uint B = 4u;
static const uint ROUNDS = 4u;
static const uint NR = 1u;
static const uint KC = 576u;
static const uint KC4_ = 144u;
static const uint KCP = 162u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
ByteAddressBuffer norm_w : register(t6);
ByteAddressBuffer out_cols : register(t8);
groupshared float4 x_sh[648];
groupshared float red[512];
groupshared float col_scale[4];

struct ComputeInput_main {
    uint tid_5 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

float4 x_in(uint i)
{
    float4 _e3 = asfloat(x.Load4(i*16));
    return _e3;
}

float residual(uint col, uint row)
{
    float _e7 = asfloat(y.Load(((col * Y_STRIDE) + row)*4));
    return _e7;
}

uint output_columns()
{
    uint _e2 = params.n_out;
    return _e2;
}

uint source_column(uint c)
{
    uint _e3 = asuint(out_cols.Load(c*4));
    return _e3;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

float workgroup_sum(uint tid_1, float v)
{
    uint s = 64u;

    red[min(uint(tid_1), 511u)] = v;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound = uint2(4294967295u, 4294967295u);
    bool loop_init = true;
    while(true) {
        if (all(loop_bound == uint2(0u, 0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e22 = s;
            s = naga_div(_e22, 2u);
        }
        loop_init = false;
        uint _e6 = s;
        if ((_e6 > 0u)) {
        } else {
            break;
        }
        {
            uint _e9 = s;
            if ((tid_1 < _e9)) {
                float _e15 = red[min(uint(tid_1), 511u)];
                uint _e17 = s;
                float _e20 = red[min(uint((tid_1 + _e17)), 511u)];
                red[min(uint(tid_1), 511u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_1 = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total_1;
}

float unit_sum(uint tid_2, float v_1)
{
    float s_1 = (float)0;
    uint m = 4u;

    s_1 = v_1;
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e13 = m;
            m = naga_div(_e13, 2u);
        }
        loop_init_1 = false;
        uint _e5 = m;
        if ((_e5 > 0u)) {
        } else {
            break;
        }
        {
            float _e8 = s_1;
            float _e9 = s_1;
            uint _e10 = m;
            const float _e11 = WaveReadLaneAt(_e9, WaveGetLaneIndex() ^ _e10);
            s_1 = (_e8 + _e11);
        }
    }
    float _e16 = s_1;
    return _e16;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

void column_scales(uint tid_3, uint sg_size_1, inout float ss_1[4])
{
    uint c_1 = 0u;
    float total = 0.0;
    uint i_1 = 0u;

    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e22 = c_1;
            c_1 = (_e22 + 1u);
        }
        loop_init_2 = false;
        uint _e5 = c_1;
        if ((_e5 < B)) {
        } else {
            break;
        }
        {
            uint _e8 = c_1;
            float _e10 = ss_1[min(uint(_e8), 3u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_3, sg_size_1) == 0u)) {
                uint _e19 = c_1;
                red[min(uint(((naga_div(tid_3, sg_size_1) * B) + _e19)), 511u)] = _e11;
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    if ((tid_3 < B)) {
        uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
        bool loop_init_3 = true;
        while(true) {
            if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
            loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
            if (!loop_init_3) {
                uint _e44 = i_1;
                i_1 = (_e44 + 1u);
            }
            loop_init_3 = false;
            uint _e31 = i_1;
            if ((_e31 < naga_div(WG, sg_size_1))) {
            } else {
                break;
            }
            {
                float _e35 = total;
                uint _e37 = i_1;
                float _e42 = red[min(uint(((_e37 * B) + tid_3)), 511u)];
                total = (_e35 + _e42);
            }
        }
        float _e49 = total;
        col_scale[min(uint(tid_3), 3u)] = rsqrt(((_e49 / 576.0) + 1e-5));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void stage_inputs(uint tid_4, uint col0_, uint n_cols, uint k0_1, uint kc)
{
    float4 v0_ = (0.0).xxxx;
    float4 g0_ = (1.0).xxxx;
    bool local_17 = (bool)0;
    bool local_18 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_19 = (bool)0;
    bool local_20 = (bool)0;
    float4 v2_ = (0.0).xxxx;
    float4 g2_ = (1.0).xxxx;
    bool local_21 = (bool)0;
    bool local_22 = (bool)0;
    float4 v3_ = (0.0).xxxx;
    float4 g3_ = (1.0).xxxx;
    bool local_23 = (bool)0;
    bool local_24 = (bool)0;
    float4 v4_ = (0.0).xxxx;
    float4 g4_ = (1.0).xxxx;
    bool local_25 = (bool)0;
    bool local_26 = (bool)0;

    uint i0_ = (tid_4 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 576u)) {
        local_17 = ((col0_ + c0_) < n_cols);
    } else {
        local_17 = false;
    }
    bool _e24 = local_17;
    if (_e24) {
        local_18 = ((e0_ * 4u) < kc);
    } else {
        local_18 = false;
    }
    bool _e31 = local_18;
    if (_e31) {
        const uint _e33 = source_column((col0_ + c0_));
        const float4 _e40 = x_in((((_e33 * 144u) + naga_div(k0_1, 4u)) + e0_));
        v0_ = _e40;
        float4 _e46 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e0_)*16));
        g0_ = _e46;
    }
    uint i1_ = (tid_4 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 576u)) {
        local_19 = ((col0_ + c1_) < n_cols);
    } else {
        local_19 = false;
    }
    bool _e66 = local_19;
    if (_e66) {
        local_20 = ((e1_ * 4u) < kc);
    } else {
        local_20 = false;
    }
    bool _e73 = local_20;
    if (_e73) {
        const uint _e75 = source_column((col0_ + c1_));
        const float4 _e82 = x_in((((_e75 * 144u) + naga_div(k0_1, 4u)) + e1_));
        v1_ = _e82;
        float4 _e88 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e1_)*16));
        g1_ = _e88;
    }
    uint i2_ = (tid_4 + 256u);
    uint c2_ = naga_div(i2_, KC4_);
    uint e2_ = naga_mod(i2_, KC4_);
    if ((i2_ < 576u)) {
        local_21 = ((col0_ + c2_) < n_cols);
    } else {
        local_21 = false;
    }
    bool _e108 = local_21;
    if (_e108) {
        local_22 = ((e2_ * 4u) < kc);
    } else {
        local_22 = false;
    }
    bool _e115 = local_22;
    if (_e115) {
        const uint _e117 = source_column((col0_ + c2_));
        const float4 _e124 = x_in((((_e117 * 144u) + naga_div(k0_1, 4u)) + e2_));
        v2_ = _e124;
        float4 _e130 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e2_)*16));
        g2_ = _e130;
    }
    uint i3_ = (tid_4 + 384u);
    uint c3_ = naga_div(i3_, KC4_);
    uint e3_ = naga_mod(i3_, KC4_);
    if ((i3_ < 576u)) {
        local_23 = ((col0_ + c3_) < n_cols);
    } else {
        local_23 = false;
    }
    bool _e150 = local_23;
    if (_e150) {
        local_24 = ((e3_ * 4u) < kc);
    } else {
        local_24 = false;
    }
    bool _e157 = local_24;
    if (_e157) {
        const uint _e159 = source_column((col0_ + c3_));
        const float4 _e166 = x_in((((_e159 * 144u) + naga_div(k0_1, 4u)) + e3_));
        v3_ = _e166;
        float4 _e172 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e3_)*16));
        g3_ = _e172;
    }
    uint i4_ = (tid_4 + 512u);
    uint c4_ = naga_div(i4_, KC4_);
    uint e4_ = naga_mod(i4_, KC4_);
    if ((i4_ < 576u)) {
        local_25 = ((col0_ + c4_) < n_cols);
    } else {
        local_25 = false;
    }
    bool _e192 = local_25;
    if (_e192) {
        local_26 = ((e4_ * 4u) < kc);
    } else {
        local_26 = false;
    }
    bool _e199 = local_26;
    if (_e199) {
        const uint _e201 = source_column((col0_ + c4_));
        const float4 _e208 = x_in((((_e201 * 144u) + naga_div(k0_1, 4u)) + e4_));
        v4_ = _e208;
        float4 _e214 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e4_)*16));
        g4_ = _e214;
    }
    if ((i0_ < 576u)) {
        float4 _e225 = v0_;
        float _e228 = col_scale[min(uint(c0_), 3u)];
        float4 _e229 = g0_;
        x_sh[min(uint((((c0_ * KCP) + e0_) + naga_div(e0_, 8u))), 647u)] = (_e225 * (_e228 * _e229));
    }
    if ((i1_ < 576u)) {
        float4 _e242 = v1_;
        float _e245 = col_scale[min(uint(c1_), 3u)];
        float4 _e246 = g1_;
        x_sh[min(uint((((c1_ * KCP) + e1_) + naga_div(e1_, 8u))), 647u)] = (_e242 * (_e245 * _e246));
    }
    if ((i2_ < 576u)) {
        float4 _e259 = v2_;
        float _e262 = col_scale[min(uint(c2_), 3u)];
        float4 _e263 = g2_;
        x_sh[min(uint((((c2_ * KCP) + e2_) + naga_div(e2_, 8u))), 647u)] = (_e259 * (_e262 * _e263));
    }
    if ((i3_ < 576u)) {
        float4 _e276 = v3_;
        float _e279 = col_scale[min(uint(c3_), 3u)];
        float4 _e280 = g3_;
        x_sh[min(uint((((c3_ * KCP) + e3_) + naga_div(e3_, 8u))), 647u)] = (_e276 * (_e279 * _e280));
    }
    if ((i4_ < 576u)) {
        float4 _e293 = v4_;
        float _e296 = col_scale[min(uint(c4_), 3u)];
        float4 _e297 = g4_;
        x_sh[min(uint((((c4_ * KCP) + e4_) + naga_div(e4_, 8u))), 647u)] = (_e293 * (_e296 * _e297));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, unit);
}

float4 input(uint xb, uint nb, uint i_2, float scale)
{
    float4 _e7 = x_sh[min(uint((xb + i_2)), 647u)];
    return _e7;
}

int naga_extractBits(
    int e,
    uint offset,
    uint count
) {
    uint w = 32;
    uint o = min(offset, w);
    uint c = min(count, w - o);
    return (c == 0 ? 0 : (e << (w - c - o)) >> (w - c));
}
float4 bytes(uint word)
{
    int w_2 = asint(word);
    return float4(int4(naga_extractBits(w_2, 0u, 8u), naga_extractBits(w_2, 8u, 8u), naga_extractBits(w_2, 16u, 8u), naga_extractBits(w_2, 24u, 8u)));
}

float q8_dot(uint4 qa, uint4 qb, uint s_2, uint xb_1, uint nb_1, float scale_1)
{
    float acc = (float)0;

    float d = float2(f16tof32(s_2), f16tof32((s_2) >> 16)).x;
    const float4 _e9 = bytes(qa.x);
    const float4 _e11 = input(xb_1, nb_1, 0u, scale_1);
    const float4 _e14 = bytes(qa.y);
    const float4 _e16 = input(xb_1, nb_1, 1u, scale_1);
    acc = (dot(_e9, _e11) + dot(_e14, _e16));
    float _e20 = acc;
    const float4 _e22 = bytes(qa.z);
    const float4 _e24 = input(xb_1, nb_1, 2u, scale_1);
    const float4 _e28 = bytes(qa.w);
    const float4 _e30 = input(xb_1, nb_1, 3u, scale_1);
    acc = ((_e20 + dot(_e22, _e24)) + dot(_e28, _e30));
    float _e33 = acc;
    const float4 _e35 = bytes(qb.x);
    const float4 _e37 = input(xb_1, nb_1, 4u, scale_1);
    const float4 _e41 = bytes(qb.y);
    const float4 _e43 = input(xb_1, nb_1, 5u, scale_1);
    acc = ((_e33 + dot(_e35, _e37)) + dot(_e41, _e43));
    float _e46 = acc;
    const float4 _e48 = bytes(qb.z);
    const float4 _e50 = input(xb_1, nb_1, 6u, scale_1);
    const float4 _e54 = bytes(qb.w);
    const float4 _e56 = input(xb_1, nb_1, 7u, scale_1);
    acc = ((_e46 + dot(_e48, _e50)) + dot(_e54, _e56));
    float _e59 = acc;
    return (d * _e59);
}

float block_dot(uint row_1, uint blk_1, uint xb_2, float scale_2)
{
    uint b_1 = ((row_1 * BLOCKS) + blk_1);
    uint nb_4 = (blk_1 * 8u);
    uint4 _e13 = asuint(w_q.Load4((2u * b_1)*16));
    uint4 _e20 = asuint(w_q.Load4(((2u * b_1) + 1u)*16));
    uint _e23 = asuint(w_s.Load(b_1*4));
    const float _e24 = q8_dot(_e13, _e20, _e23, xb_2, nb_4, scale_2);
    return _e24;
}

Raw ConstructRaw(uint4 arg0, uint4 arg1, uint arg2) {
    Raw ret = (Raw)0;
    ret.qa = arg0;
    ret.qb = arg1;
    ret.s = arg2;
    return ret;
}

Raw load_raw(uint row_2, uint blk_2)
{
    uint b_2 = ((row_2 * BLOCKS) + blk_2);
    uint4 _e9 = asuint(w_q.Load4((2u * b_2)*16));
    uint4 _e16 = asuint(w_q.Load4(((2u * b_2) + 1u)*16));
    uint _e19 = asuint(w_s.Load(b_2*4));
    const Raw raw = ConstructRaw(_e9, _e16, _e19);
    return raw;
}

Block ConstructBlock(float4 arg0, float4 arg1, float4 arg2, float4 arg3, float4 arg4, float4 arg5, float4 arg6, float4 arg7) {
    Block ret = (Block)0;
    ret.v0_ = arg0;
    ret.v1_ = arg1;
    ret.v2_ = arg2;
    ret.v3_ = arg3;
    ret.v4_ = arg4;
    ret.v5_ = arg5;
    ret.v6_ = arg6;
    ret.v7_ = arg7;
    return ret;
}

Block dequant_raw(Raw r)
{
    uint _e1 = r.s;
    float d_1 = float2(f16tof32(_e1), f16tof32((_e1) >> 16)).x;
    uint4 qa_1 = r.qa;
    uint4 qb_1 = r.qb;
    const float4 _e7 = bytes(qa_1.x);
    const float4 _e10 = bytes(qa_1.y);
    const float4 _e13 = bytes(qa_1.z);
    const float4 _e16 = bytes(qa_1.w);
    const float4 _e19 = bytes(qb_1.x);
    const float4 _e22 = bytes(qb_1.y);
    const float4 _e25 = bytes(qb_1.z);
    const float4 _e28 = bytes(qb_1.w);
    const Block block = ConstructBlock((_e7 * d_1), (_e10 * d_1), (_e13 * d_1), (_e16 * d_1), (_e19 * d_1), (_e22 * d_1), (_e25 * d_1), (_e28 * d_1));
    return block;
}

Block dequant(uint row_3, uint blk_3)
{
    const Raw _e2 = load_raw(row_3, blk_3);
    const Block _e3 = dequant_raw(_e2);
    const Block block_1 = _e3;
    return block_1;
}

float dot8_(Block w, float4 x0_, float4 x1_, float4 x2_, float4 x3_, float4 x4_, float4 x5_, float4 x6_, float4 x7_)
{
    return (((((((dot(w.v0_, x0_) + dot(w.v1_, x1_)) + dot(w.v2_, x2_)) + dot(w.v3_, x3_)) + dot(w.v4_, x4_)) + dot(w.v5_, x5_)) + dot(w.v6_, x6_)) + dot(w.v7_, x7_));
}

float2 dot_pair(Block wa, Block wb, uint xb_3, uint nb_2, float scale_3)
{
    const float4 _e6 = input(xb_3, nb_2, 0u, scale_3);
    const float4 _e8 = input(xb_3, nb_2, 1u, scale_3);
    const float4 _e10 = input(xb_3, nb_2, 2u, scale_3);
    const float4 _e12 = input(xb_3, nb_2, 3u, scale_3);
    const float4 _e14 = input(xb_3, nb_2, 4u, scale_3);
    const float4 _e16 = input(xb_3, nb_2, 5u, scale_3);
    const float4 _e18 = input(xb_3, nb_2, 6u, scale_3);
    const float4 _e20 = input(xb_3, nb_2, 7u, scale_3);
    const float _e21 = dot8_(wa, _e6, _e8, _e10, _e12, _e14, _e16, _e18, _e20);
    const float _e22 = dot8_(wb, _e6, _e8, _e10, _e12, _e14, _e16, _e18, _e20);
    return float2(_e21, _e22);
}

float dot_block(Block w_1, uint xb_4, uint nb_3, float scale_4)
{
    const float4 _e6 = input(xb_4, nb_3, 0u, scale_4);
    const float4 _e10 = input(xb_4, nb_3, 1u, scale_4);
    const float4 _e15 = input(xb_4, nb_3, 2u, scale_4);
    const float4 _e20 = input(xb_4, nb_3, 3u, scale_4);
    float a_1 = (((dot(w_1.v0_, _e6) + dot(w_1.v1_, _e10)) + dot(w_1.v2_, _e15)) + dot(w_1.v3_, _e20));
    const float4 _e25 = input(xb_4, nb_3, 4u, scale_4);
    const float4 _e29 = input(xb_4, nb_3, 5u, scale_4);
    const float4 _e34 = input(xb_4, nb_3, 6u, scale_4);
    const float4 _e39 = input(xb_4, nb_3, 7u, scale_4);
    float b_3 = (((dot(w_1.v4_, _e25) + dot(w_1.v5_, _e29)) + dot(w_1.v6_, _e34)) + dot(w_1.v7_, _e39));
    return (a_1 + b_3);
}

float4 epilogue_operands(uint2 rows, uint col_1)
{
    return (0.0).xxxx;
}

void epilogue(uint unit_1, uint2 rows_1, uint col_2, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e13 = a;
    y.Store(((col_2 * Y_STRIDE) + unit_1)*4, asuint(_e13));
    return;
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        x_sh = (float4[648])0;
        red = (float[512])0;
        col_scale = (float[4])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_5;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
    float ss[4] = (float[4])0;
    float4 n0_0_ = (0.0).xxxx;
    bool local = (bool)0;
    float4 n0_1_ = (0.0).xxxx;
    bool local_1 = (bool)0;
    float4 n1_0_ = (0.0).xxxx;
    bool local_2 = (bool)0;
    float4 n1_1_ = (0.0).xxxx;
    bool local_3 = (bool)0;
    float4 n2_0_ = (0.0).xxxx;
    bool local_4 = (bool)0;
    float4 n2_1_ = (0.0).xxxx;
    bool local_5 = (bool)0;
    float4 n3_0_ = (0.0).xxxx;
    bool local_6 = (bool)0;
    float4 n3_1_ = (0.0).xxxx;
    bool local_7 = (bool)0;
    uint round_ = 0u;
    float acc_a0_ = (float)0;
    float acc_b0_ = (float)0;
    float acc_a1_ = (float)0;
    float acc_b1_ = (float)0;
    float acc_a2_ = (float)0;
    float acc_b2_ = (float)0;
    float acc_a3_ = (float)0;
    float acc_b3_ = (float)0;
    uint k0_ = (uint)0;
    bool local_8 = (bool)0;
    uint blk = (uint)0;
    bool local_9 = (bool)0;
    bool local_10 = (bool)0;
    bool local_11 = (bool)0;
    bool local_12 = (bool)0;
    bool local_13 = (bool)0;
    bool local_14 = (bool)0;
    bool local_15 = (bool)0;
    bool local_16 = (bool)0;

    uint lane = naga_mod(tid, TPU);
    uint col0_1 = (wg.y * B);
    const uint _e8 = output_columns();
    const uint _e15 = source_column(min((col0_1 + 0u), (_e8 - 1u)));
    uint nb0_ = (_e15 * 144u);
    if (((col0_1 + 0u) < _e8)) {
        local = ((tid + 0u) < 144u);
    } else {
        local = false;
    }
    bool _e31 = local;
    if (_e31) {
        const float4 _e35 = x_in(((nb0_ + tid) + 0u));
        n0_0_ = _e35;
    }
    if (((col0_1 + 0u) < _e8)) {
        local_1 = ((tid + 128u) < 144u);
    } else {
        local_1 = false;
    }
    bool _e49 = local_1;
    if (_e49) {
        const float4 _e53 = x_in(((nb0_ + tid) + 128u));
        n0_1_ = _e53;
    }
    const uint _e59 = source_column(min((col0_1 + 1u), (_e8 - 1u)));
    uint nb1_ = (_e59 * 144u);
    if (((col0_1 + 1u) < _e8)) {
        local_2 = ((tid + 0u) < 144u);
    } else {
        local_2 = false;
    }
    bool _e75 = local_2;
    if (_e75) {
        const float4 _e79 = x_in(((nb1_ + tid) + 0u));
        n1_0_ = _e79;
    }
    if (((col0_1 + 1u) < _e8)) {
        local_3 = ((tid + 128u) < 144u);
    } else {
        local_3 = false;
    }
    bool _e93 = local_3;
    if (_e93) {
        const float4 _e97 = x_in(((nb1_ + tid) + 128u));
        n1_1_ = _e97;
    }
    const uint _e103 = source_column(min((col0_1 + 2u), (_e8 - 1u)));
    uint nb2_ = (_e103 * 144u);
    if (((col0_1 + 2u) < _e8)) {
        local_4 = ((tid + 0u) < 144u);
    } else {
        local_4 = false;
    }
    bool _e119 = local_4;
    if (_e119) {
        const float4 _e123 = x_in(((nb2_ + tid) + 0u));
        n2_0_ = _e123;
    }
    if (((col0_1 + 2u) < _e8)) {
        local_5 = ((tid + 128u) < 144u);
    } else {
        local_5 = false;
    }
    bool _e137 = local_5;
    if (_e137) {
        const float4 _e141 = x_in(((nb2_ + tid) + 128u));
        n2_1_ = _e141;
    }
    const uint _e147 = source_column(min((col0_1 + 3u), (_e8 - 1u)));
    uint nb3_ = (_e147 * 144u);
    if (((col0_1 + 3u) < _e8)) {
        local_6 = ((tid + 0u) < 144u);
    } else {
        local_6 = false;
    }
    bool _e163 = local_6;
    if (_e163) {
        const float4 _e167 = x_in(((nb3_ + tid) + 0u));
        n3_0_ = _e167;
    }
    if (((col0_1 + 3u) < _e8)) {
        local_7 = ((tid + 128u) < 144u);
    } else {
        local_7 = false;
    }
    bool _e181 = local_7;
    if (_e181) {
        const float4 _e185 = x_in(((nb3_ + tid) + 128u));
        n3_1_ = _e185;
    }
    ss[0] = 0.0;
    float _e190 = ss[0];
    float4 _e191 = n0_0_;
    float4 _e192 = n0_0_;
    ss[0] = (_e190 + dot(_e191, _e192));
    float _e197 = ss[0];
    float4 _e198 = n0_1_;
    float4 _e199 = n0_1_;
    ss[0] = (_e197 + dot(_e198, _e199));
    ss[1] = 0.0;
    float _e206 = ss[1];
    float4 _e207 = n1_0_;
    float4 _e208 = n1_0_;
    ss[1] = (_e206 + dot(_e207, _e208));
    float _e213 = ss[1];
    float4 _e214 = n1_1_;
    float4 _e215 = n1_1_;
    ss[1] = (_e213 + dot(_e214, _e215));
    ss[2] = 0.0;
    float _e222 = ss[2];
    float4 _e223 = n2_0_;
    float4 _e224 = n2_0_;
    ss[2] = (_e222 + dot(_e223, _e224));
    float _e229 = ss[2];
    float4 _e230 = n2_1_;
    float4 _e231 = n2_1_;
    ss[2] = (_e229 + dot(_e230, _e231));
    ss[3] = 0.0;
    float _e238 = ss[3];
    float4 _e239 = n3_0_;
    float4 _e240 = n3_0_;
    ss[3] = (_e238 + dot(_e239, _e240));
    float _e245 = ss[3];
    float4 _e246 = n3_1_;
    float4 _e247 = n3_1_;
    ss[3] = (_e245 + dot(_e246, _e247));
    column_scales(tid, sg_size, ss);
    uint live = (_e8 - min(col0_1, _e8));
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e478 = round_;
            round_ = (_e478 + 1u);
        }
        loop_init_4 = false;
        uint _e254 = round_;
        if ((_e254 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e260 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e260) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e269 = unit_rows(min(unit_2, 49151u));
            acc_a0_ = 0.0;
            acc_b0_ = 0.0;
            const float4 _e279 = epilogue_operands(_e269, min((col0_1 + 0u), (_e8 - 1u)));
            acc_a1_ = 0.0;
            acc_b1_ = 0.0;
            const float4 _e289 = epilogue_operands(_e269, min((col0_1 + 1u), (_e8 - 1u)));
            acc_a2_ = 0.0;
            acc_b2_ = 0.0;
            const float4 _e299 = epilogue_operands(_e269, min((col0_1 + 2u), (_e8 - 1u)));
            acc_a3_ = 0.0;
            acc_b3_ = 0.0;
            const float4 _e309 = epilogue_operands(_e269, min((col0_1 + 3u), (_e8 - 1u)));
            k0_ = 0u;
            uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
            bool loop_init_5 = true;
            while(true) {
                if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                if (!loop_init_5) {
                    uint _e391 = k0_;
                    k0_ = (_e391 + KC);
                }
                loop_init_5 = false;
                uint _e313 = k0_;
                if ((_e313 < K)) {
                } else {
                    break;
                }
                {
                    uint _e316 = k0_;
                    uint kc_1 = min(KC, (K - _e316));
                    if (true) {
                        uint _e322 = round_;
                        local_8 = (_e322 == 0u);
                    } else {
                        local_8 = true;
                    }
                    bool _e326 = local_8;
                    if (_e326) {
                        uint _e327 = k0_;
                        stage_inputs(tid, col0_1, _e8, _e327, kc_1);
                    }
                    if ((unit_2 < UNITS)) {
                        uint _e330 = k0_;
                        blk = (naga_div(_e330, 32u) + lane);
                        uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
                        bool loop_init_6 = true;
                        while(true) {
                            if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
                            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                            if (!loop_init_6) {
                                uint _e387 = blk;
                                blk = (_e387 + TPU);
                            }
                            loop_init_6 = false;
                            uint _e335 = blk;
                            uint _e336 = k0_;
                            if ((_e335 < naga_div((_e336 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e341 = blk;
                                uint _e342 = k0_;
                                uint local_27 = ((_e341 - naga_div(_e342, 32u)) * 9u);
                                uint _e349 = blk;
                                const Block _e350 = dequant(_e269.x, _e349);
                                if ((0u < live)) {
                                    float _e353 = acc_a0_;
                                    const float _e358 = dot_block(_e350, (0u + local_27), 0u, 1.0);
                                    acc_a0_ = (_e353 + _e358);
                                }
                                if ((1u < live)) {
                                    float _e362 = acc_a1_;
                                    const float _e367 = dot_block(_e350, (162u + local_27), 0u, 1.0);
                                    acc_a1_ = (_e362 + _e367);
                                }
                                if ((2u < live)) {
                                    float _e371 = acc_a2_;
                                    const float _e376 = dot_block(_e350, (324u + local_27), 0u, 1.0);
                                    acc_a2_ = (_e371 + _e376);
                                }
                                if ((3u < live)) {
                                    float _e380 = acc_a3_;
                                    const float _e385 = dot_block(_e350, (486u + local_27), 0u, 1.0);
                                    acc_a3_ = (_e380 + _e385);
                                }
                            }
                        }
                    }
                    if (false) {
                        GroupMemoryBarrierWithGroupSync();
                    }
                }
            }
            if ((0u < live)) {
                float _e396 = acc_a0_;
                const float _e397 = unit_sum(tid, _e396);
                if ((lane == 0u)) {
                    local_9 = (unit_2 < UNITS);
                } else {
                    local_9 = false;
                }
                bool _e406 = local_9;
                if (_e406) {
                    local_10 = (0u < live);
                } else {
                    local_10 = false;
                }
                bool _e412 = local_10;
                if (_e412) {
                    epilogue(unit_2, _e269, (col0_1 + 0u), _e397, 0.0, _e279);
                }
            }
            if ((1u < live)) {
                float _e417 = acc_a1_;
                const float _e418 = unit_sum(tid, _e417);
                if ((lane == 0u)) {
                    local_11 = (unit_2 < UNITS);
                } else {
                    local_11 = false;
                }
                bool _e427 = local_11;
                if (_e427) {
                    local_12 = (1u < live);
                } else {
                    local_12 = false;
                }
                bool _e433 = local_12;
                if (_e433) {
                    epilogue(unit_2, _e269, (col0_1 + 1u), _e418, 0.0, _e289);
                }
            }
            if ((2u < live)) {
                float _e438 = acc_a2_;
                const float _e439 = unit_sum(tid, _e438);
                if ((lane == 0u)) {
                    local_13 = (unit_2 < UNITS);
                } else {
                    local_13 = false;
                }
                bool _e448 = local_13;
                if (_e448) {
                    local_14 = (2u < live);
                } else {
                    local_14 = false;
                }
                bool _e454 = local_14;
                if (_e454) {
                    epilogue(unit_2, _e269, (col0_1 + 2u), _e439, 0.0, _e299);
                }
            }
            if ((3u < live)) {
                float _e459 = acc_a3_;
                const float _e460 = unit_sum(tid, _e459);
                if ((lane == 0u)) {
                    local_15 = (unit_2 < UNITS);
                } else {
                    local_15 = false;
                }
                bool _e469 = local_15;
                if (_e469) {
                    local_16 = (3u < live);
                } else {
                    local_16 = false;
                }
                bool _e475 = local_16;
                if (_e475) {
                    epilogue(unit_2, _e269, (col0_1 + 3u), _e460, 0.0, _e309);
                }
            }
        }
    }
    return;
}
