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
static const uint B = 8u;
static const uint ROUNDS = 1u;
static const uint NR = 1u;
static const uint KC = 288u;
static const uint KC4_ = 72u;
static const uint KCP = 81u;
static const uint XBS = 9u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
ByteAddressBuffer norm_w : register(t6);
ByteAddressBuffer out_cols : register(t8);
groupshared float4 x_sh[648];
groupshared float red[1024];
groupshared float col_scale[8];

struct ComputeInput_main {
    uint tid_5 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

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

    red[min(uint(tid_1), 1023u)] = v;
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
                float _e15 = red[min(uint(tid_1), 1023u)];
                uint _e17 = s;
                float _e20 = red[min(uint((tid_1 + _e17)), 1023u)];
                red[min(uint(tid_1), 1023u)] = (_e15 + _e20);
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

void column_scales(uint tid_3, uint sg_size_1, inout float ss_1[8])
{
    uint c_1 = 0u;
    float total = 0.0;
    uint i = 0u;

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
            float _e10 = ss_1[min(uint(_e8), 7u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_3, sg_size_1) == 0u)) {
                uint _e19 = c_1;
                red[min(uint(((naga_div(tid_3, sg_size_1) * B) + _e19)), 1023u)] = _e11;
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
                uint _e44 = i;
                i = (_e44 + 1u);
            }
            loop_init_3 = false;
            uint _e31 = i;
            if ((_e31 < naga_div(WG, sg_size_1))) {
            } else {
                break;
            }
            {
                float _e35 = total;
                uint _e37 = i;
                float _e42 = red[min(uint(((_e37 * B) + tid_3)), 1023u)];
                total = (_e35 + _e42);
            }
        }
        float _e49 = total;
        col_scale[min(uint(tid_3), 7u)] = rsqrt(((_e49 / 576.0) + 1e-5));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void stage_inputs(uint tid_4, uint col0_, uint n_cols, uint k0_1, uint kc)
{
    float4 v0_ = (0.0).xxxx;
    float4 g0_ = (1.0).xxxx;
    bool local_33 = (bool)0;
    bool local_34 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_35 = (bool)0;
    bool local_36 = (bool)0;
    float4 v2_ = (0.0).xxxx;
    float4 g2_ = (1.0).xxxx;
    bool local_37 = (bool)0;
    bool local_38 = (bool)0;
    float4 v3_ = (0.0).xxxx;
    float4 g3_ = (1.0).xxxx;
    bool local_39 = (bool)0;
    bool local_40 = (bool)0;
    float4 v4_ = (0.0).xxxx;
    float4 g4_ = (1.0).xxxx;
    bool local_41 = (bool)0;
    bool local_42 = (bool)0;

    uint i0_ = (tid_4 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 576u)) {
        local_33 = ((col0_ + c0_) < n_cols);
    } else {
        local_33 = false;
    }
    bool _e24 = local_33;
    if (_e24) {
        local_34 = ((e0_ * 4u) < kc);
    } else {
        local_34 = false;
    }
    bool _e31 = local_34;
    if (_e31) {
        const uint _e34 = source_column((col0_ + c0_));
        float4 _e42 = asfloat(x.Load4((((_e34 * 144u) + naga_div(k0_1, 4u)) + e0_)*16));
        v0_ = _e42;
        float4 _e48 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e0_)*16));
        g0_ = _e48;
    }
    uint i1_ = (tid_4 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 576u)) {
        local_35 = ((col0_ + c1_) < n_cols);
    } else {
        local_35 = false;
    }
    bool _e68 = local_35;
    if (_e68) {
        local_36 = ((e1_ * 4u) < kc);
    } else {
        local_36 = false;
    }
    bool _e75 = local_36;
    if (_e75) {
        const uint _e78 = source_column((col0_ + c1_));
        float4 _e86 = asfloat(x.Load4((((_e78 * 144u) + naga_div(k0_1, 4u)) + e1_)*16));
        v1_ = _e86;
        float4 _e92 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e1_)*16));
        g1_ = _e92;
    }
    uint i2_ = (tid_4 + 256u);
    uint c2_ = naga_div(i2_, KC4_);
    uint e2_ = naga_mod(i2_, KC4_);
    if ((i2_ < 576u)) {
        local_37 = ((col0_ + c2_) < n_cols);
    } else {
        local_37 = false;
    }
    bool _e112 = local_37;
    if (_e112) {
        local_38 = ((e2_ * 4u) < kc);
    } else {
        local_38 = false;
    }
    bool _e119 = local_38;
    if (_e119) {
        const uint _e122 = source_column((col0_ + c2_));
        float4 _e130 = asfloat(x.Load4((((_e122 * 144u) + naga_div(k0_1, 4u)) + e2_)*16));
        v2_ = _e130;
        float4 _e136 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e2_)*16));
        g2_ = _e136;
    }
    uint i3_ = (tid_4 + 384u);
    uint c3_ = naga_div(i3_, KC4_);
    uint e3_ = naga_mod(i3_, KC4_);
    if ((i3_ < 576u)) {
        local_39 = ((col0_ + c3_) < n_cols);
    } else {
        local_39 = false;
    }
    bool _e156 = local_39;
    if (_e156) {
        local_40 = ((e3_ * 4u) < kc);
    } else {
        local_40 = false;
    }
    bool _e163 = local_40;
    if (_e163) {
        const uint _e166 = source_column((col0_ + c3_));
        float4 _e174 = asfloat(x.Load4((((_e166 * 144u) + naga_div(k0_1, 4u)) + e3_)*16));
        v3_ = _e174;
        float4 _e180 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e3_)*16));
        g3_ = _e180;
    }
    uint i4_ = (tid_4 + 512u);
    uint c4_ = naga_div(i4_, KC4_);
    uint e4_ = naga_mod(i4_, KC4_);
    if ((i4_ < 576u)) {
        local_41 = ((col0_ + c4_) < n_cols);
    } else {
        local_41 = false;
    }
    bool _e200 = local_41;
    if (_e200) {
        local_42 = ((e4_ * 4u) < kc);
    } else {
        local_42 = false;
    }
    bool _e207 = local_42;
    if (_e207) {
        const uint _e210 = source_column((col0_ + c4_));
        float4 _e218 = asfloat(x.Load4((((_e210 * 144u) + naga_div(k0_1, 4u)) + e4_)*16));
        v4_ = _e218;
        float4 _e224 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e4_)*16));
        g4_ = _e224;
    }
    if ((i0_ < 576u)) {
        float4 _e235 = v0_;
        float _e238 = col_scale[min(uint(c0_), 7u)];
        float4 _e239 = g0_;
        x_sh[min(uint((((c0_ * KCP) + e0_) + naga_div(e0_, 8u))), 647u)] = (_e235 * (_e238 * _e239));
    }
    if ((i1_ < 576u)) {
        float4 _e252 = v1_;
        float _e255 = col_scale[min(uint(c1_), 7u)];
        float4 _e256 = g1_;
        x_sh[min(uint((((c1_ * KCP) + e1_) + naga_div(e1_, 8u))), 647u)] = (_e252 * (_e255 * _e256));
    }
    if ((i2_ < 576u)) {
        float4 _e269 = v2_;
        float _e272 = col_scale[min(uint(c2_), 7u)];
        float4 _e273 = g2_;
        x_sh[min(uint((((c2_ * KCP) + e2_) + naga_div(e2_, 8u))), 647u)] = (_e269 * (_e272 * _e273));
    }
    if ((i3_ < 576u)) {
        float4 _e286 = v3_;
        float _e289 = col_scale[min(uint(c3_), 7u)];
        float4 _e290 = g3_;
        x_sh[min(uint((((c3_ * KCP) + e3_) + naga_div(e3_, 8u))), 647u)] = (_e286 * (_e289 * _e290));
    }
    if ((i4_ < 576u)) {
        float4 _e303 = v4_;
        float _e306 = col_scale[min(uint(c4_), 7u)];
        float4 _e307 = g4_;
        x_sh[min(uint((((c4_ * KCP) + e4_) + naga_div(e4_, 8u))), 647u)] = (_e303 * (_e306 * _e307));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, unit);
}

float4 input(uint xb, uint nb_1, uint i_1, float scale)
{
    float4 _e7 = x_sh[min(uint((xb + i_1)), 647u)];
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

float q8_dot(uint4 qa, uint4 qb, uint s_2, uint xb_1, uint nb_2, float scale_1)
{
    float acc = (float)0;

    float d = float2(f16tof32(s_2), f16tof32((s_2) >> 16)).x;
    const float4 _e9 = bytes(qa.x);
    const float4 _e11 = input(xb_1, nb_2, 0u, scale_1);
    const float4 _e14 = bytes(qa.y);
    const float4 _e16 = input(xb_1, nb_2, 1u, scale_1);
    acc = (dot(_e9, _e11) + dot(_e14, _e16));
    float _e20 = acc;
    const float4 _e22 = bytes(qa.z);
    const float4 _e24 = input(xb_1, nb_2, 2u, scale_1);
    const float4 _e28 = bytes(qa.w);
    const float4 _e30 = input(xb_1, nb_2, 3u, scale_1);
    acc = ((_e20 + dot(_e22, _e24)) + dot(_e28, _e30));
    float _e33 = acc;
    const float4 _e35 = bytes(qb.x);
    const float4 _e37 = input(xb_1, nb_2, 4u, scale_1);
    const float4 _e41 = bytes(qb.y);
    const float4 _e43 = input(xb_1, nb_2, 5u, scale_1);
    acc = ((_e33 + dot(_e35, _e37)) + dot(_e41, _e43));
    float _e46 = acc;
    const float4 _e48 = bytes(qb.z);
    const float4 _e50 = input(xb_1, nb_2, 6u, scale_1);
    const float4 _e54 = bytes(qb.w);
    const float4 _e56 = input(xb_1, nb_2, 7u, scale_1);
    acc = ((_e46 + dot(_e48, _e50)) + dot(_e54, _e56));
    float _e59 = acc;
    return (d * _e59);
}

float block_dot(uint row, uint blk_1, uint xb_2, float scale_2)
{
    uint b_1 = ((row * BLOCKS) + blk_1);
    uint nb_5 = (blk_1 * 8u);
    uint4 _e13 = asuint(w_q.Load4((2u * b_1)*16));
    uint4 _e20 = asuint(w_q.Load4(((2u * b_1) + 1u)*16));
    uint _e23 = asuint(w_s.Load(b_1*4));
    const float _e24 = q8_dot(_e13, _e20, _e23, xb_2, nb_5, scale_2);
    return _e24;
}

Raw ConstructRaw(uint4 arg0, uint4 arg1, uint arg2) {
    Raw ret = (Raw)0;
    ret.qa = arg0;
    ret.qb = arg1;
    ret.s = arg2;
    return ret;
}

Raw load_raw(uint row_1, uint blk_2)
{
    uint b_2 = ((row_1 * BLOCKS) + blk_2);
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

Block dequant(uint row_2, uint blk_3)
{
    const Raw _e2 = load_raw(row_2, blk_3);
    const Block _e3 = dequant_raw(_e2);
    const Block block_1 = _e3;
    return block_1;
}

float dot8_(Block w, float4 x0_, float4 x1_, float4 x2_, float4 x3_, float4 x4_, float4 x5_, float4 x6_, float4 x7_)
{
    return (((((((dot(w.v0_, x0_) + dot(w.v1_, x1_)) + dot(w.v2_, x2_)) + dot(w.v3_, x3_)) + dot(w.v4_, x4_)) + dot(w.v5_, x5_)) + dot(w.v6_, x6_)) + dot(w.v7_, x7_));
}

float2 dot_pair(Block wa, Block wb, uint xb_3, uint nb_3, float scale_3)
{
    const float4 _e6 = input(xb_3, nb_3, 0u, scale_3);
    const float4 _e8 = input(xb_3, nb_3, 1u, scale_3);
    const float4 _e10 = input(xb_3, nb_3, 2u, scale_3);
    const float4 _e12 = input(xb_3, nb_3, 3u, scale_3);
    const float4 _e14 = input(xb_3, nb_3, 4u, scale_3);
    const float4 _e16 = input(xb_3, nb_3, 5u, scale_3);
    const float4 _e18 = input(xb_3, nb_3, 6u, scale_3);
    const float4 _e20 = input(xb_3, nb_3, 7u, scale_3);
    const float _e21 = dot8_(wa, _e6, _e8, _e10, _e12, _e14, _e16, _e18, _e20);
    const float _e22 = dot8_(wb, _e6, _e8, _e10, _e12, _e14, _e16, _e18, _e20);
    return float2(_e21, _e22);
}

float dot_block(Block w_1, uint xb_4, uint nb_4, float scale_4)
{
    const float4 _e6 = input(xb_4, nb_4, 0u, scale_4);
    const float4 _e10 = input(xb_4, nb_4, 1u, scale_4);
    const float4 _e15 = input(xb_4, nb_4, 2u, scale_4);
    const float4 _e20 = input(xb_4, nb_4, 3u, scale_4);
    float a_1 = (((dot(w_1.v0_, _e6) + dot(w_1.v1_, _e10)) + dot(w_1.v2_, _e15)) + dot(w_1.v3_, _e20));
    const float4 _e25 = input(xb_4, nb_4, 4u, scale_4);
    const float4 _e29 = input(xb_4, nb_4, 5u, scale_4);
    const float4 _e34 = input(xb_4, nb_4, 6u, scale_4);
    const float4 _e39 = input(xb_4, nb_4, 7u, scale_4);
    float b_3 = (((dot(w_1.v4_, _e25) + dot(w_1.v5_, _e29)) + dot(w_1.v6_, _e34)) + dot(w_1.v7_, _e39));
    return (a_1 + b_3);
}

float4 epilogue_operands(uint2 rows, uint col)
{
    return (0.0).xxxx;
}

void epilogue(uint unit_1, uint2 rows_1, uint col_1, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e13 = a;
    y.Store(((col_1 * Y_STRIDE) + unit_1)*4, asuint(_e13));
    return;
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        x_sh = (float4[648])0;
        red = (float[1024])0;
        col_scale = (float[8])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_5;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
    float ss[8] = (float[8])0;
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
    float4 n4_0_ = (0.0).xxxx;
    bool local_8 = (bool)0;
    float4 n4_1_ = (0.0).xxxx;
    bool local_9 = (bool)0;
    float4 n5_0_ = (0.0).xxxx;
    bool local_10 = (bool)0;
    float4 n5_1_ = (0.0).xxxx;
    bool local_11 = (bool)0;
    float4 n6_0_ = (0.0).xxxx;
    bool local_12 = (bool)0;
    float4 n6_1_ = (0.0).xxxx;
    bool local_13 = (bool)0;
    float4 n7_0_ = (0.0).xxxx;
    bool local_14 = (bool)0;
    float4 n7_1_ = (0.0).xxxx;
    bool local_15 = (bool)0;
    uint round_ = 0u;
    float acc_a0_ = (float)0;
    float acc_b0_ = (float)0;
    float acc_a1_ = (float)0;
    float acc_b1_ = (float)0;
    float acc_a2_ = (float)0;
    float acc_b2_ = (float)0;
    float acc_a3_ = (float)0;
    float acc_b3_ = (float)0;
    float acc_a4_ = (float)0;
    float acc_b4_ = (float)0;
    float acc_a5_ = (float)0;
    float acc_b5_ = (float)0;
    float acc_a6_ = (float)0;
    float acc_b6_ = (float)0;
    float acc_a7_ = (float)0;
    float acc_b7_ = (float)0;
    Raw ra = (Raw)0;
    uint k0_ = (uint)0;
    bool local_16 = (bool)0;
    uint blk = (uint)0;
    uint nb = (uint)0;
    bool local_17 = (bool)0;
    bool local_18 = (bool)0;
    bool local_19 = (bool)0;
    bool local_20 = (bool)0;
    bool local_21 = (bool)0;
    bool local_22 = (bool)0;
    bool local_23 = (bool)0;
    bool local_24 = (bool)0;
    bool local_25 = (bool)0;
    bool local_26 = (bool)0;
    bool local_27 = (bool)0;
    bool local_28 = (bool)0;
    bool local_29 = (bool)0;
    bool local_30 = (bool)0;
    bool local_31 = (bool)0;
    bool local_32 = (bool)0;

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
        float4 _e37 = asfloat(x.Load4(((nb0_ + tid) + 0u)*16));
        n0_0_ = _e37;
    }
    if (((col0_1 + 0u) < _e8)) {
        local_1 = ((tid + 128u) < 144u);
    } else {
        local_1 = false;
    }
    bool _e51 = local_1;
    if (_e51) {
        float4 _e57 = asfloat(x.Load4(((nb0_ + tid) + 128u)*16));
        n0_1_ = _e57;
    }
    const uint _e63 = source_column(min((col0_1 + 1u), (_e8 - 1u)));
    uint nb1_ = (_e63 * 144u);
    if (((col0_1 + 1u) < _e8)) {
        local_2 = ((tid + 0u) < 144u);
    } else {
        local_2 = false;
    }
    bool _e79 = local_2;
    if (_e79) {
        float4 _e85 = asfloat(x.Load4(((nb1_ + tid) + 0u)*16));
        n1_0_ = _e85;
    }
    if (((col0_1 + 1u) < _e8)) {
        local_3 = ((tid + 128u) < 144u);
    } else {
        local_3 = false;
    }
    bool _e99 = local_3;
    if (_e99) {
        float4 _e105 = asfloat(x.Load4(((nb1_ + tid) + 128u)*16));
        n1_1_ = _e105;
    }
    const uint _e111 = source_column(min((col0_1 + 2u), (_e8 - 1u)));
    uint nb2_ = (_e111 * 144u);
    if (((col0_1 + 2u) < _e8)) {
        local_4 = ((tid + 0u) < 144u);
    } else {
        local_4 = false;
    }
    bool _e127 = local_4;
    if (_e127) {
        float4 _e133 = asfloat(x.Load4(((nb2_ + tid) + 0u)*16));
        n2_0_ = _e133;
    }
    if (((col0_1 + 2u) < _e8)) {
        local_5 = ((tid + 128u) < 144u);
    } else {
        local_5 = false;
    }
    bool _e147 = local_5;
    if (_e147) {
        float4 _e153 = asfloat(x.Load4(((nb2_ + tid) + 128u)*16));
        n2_1_ = _e153;
    }
    const uint _e159 = source_column(min((col0_1 + 3u), (_e8 - 1u)));
    uint nb3_ = (_e159 * 144u);
    if (((col0_1 + 3u) < _e8)) {
        local_6 = ((tid + 0u) < 144u);
    } else {
        local_6 = false;
    }
    bool _e175 = local_6;
    if (_e175) {
        float4 _e181 = asfloat(x.Load4(((nb3_ + tid) + 0u)*16));
        n3_0_ = _e181;
    }
    if (((col0_1 + 3u) < _e8)) {
        local_7 = ((tid + 128u) < 144u);
    } else {
        local_7 = false;
    }
    bool _e195 = local_7;
    if (_e195) {
        float4 _e201 = asfloat(x.Load4(((nb3_ + tid) + 128u)*16));
        n3_1_ = _e201;
    }
    const uint _e207 = source_column(min((col0_1 + 4u), (_e8 - 1u)));
    uint nb4_ = (_e207 * 144u);
    if (((col0_1 + 4u) < _e8)) {
        local_8 = ((tid + 0u) < 144u);
    } else {
        local_8 = false;
    }
    bool _e223 = local_8;
    if (_e223) {
        float4 _e229 = asfloat(x.Load4(((nb4_ + tid) + 0u)*16));
        n4_0_ = _e229;
    }
    if (((col0_1 + 4u) < _e8)) {
        local_9 = ((tid + 128u) < 144u);
    } else {
        local_9 = false;
    }
    bool _e243 = local_9;
    if (_e243) {
        float4 _e249 = asfloat(x.Load4(((nb4_ + tid) + 128u)*16));
        n4_1_ = _e249;
    }
    const uint _e255 = source_column(min((col0_1 + 5u), (_e8 - 1u)));
    uint nb5_ = (_e255 * 144u);
    if (((col0_1 + 5u) < _e8)) {
        local_10 = ((tid + 0u) < 144u);
    } else {
        local_10 = false;
    }
    bool _e271 = local_10;
    if (_e271) {
        float4 _e277 = asfloat(x.Load4(((nb5_ + tid) + 0u)*16));
        n5_0_ = _e277;
    }
    if (((col0_1 + 5u) < _e8)) {
        local_11 = ((tid + 128u) < 144u);
    } else {
        local_11 = false;
    }
    bool _e291 = local_11;
    if (_e291) {
        float4 _e297 = asfloat(x.Load4(((nb5_ + tid) + 128u)*16));
        n5_1_ = _e297;
    }
    const uint _e303 = source_column(min((col0_1 + 6u), (_e8 - 1u)));
    uint nb6_ = (_e303 * 144u);
    if (((col0_1 + 6u) < _e8)) {
        local_12 = ((tid + 0u) < 144u);
    } else {
        local_12 = false;
    }
    bool _e319 = local_12;
    if (_e319) {
        float4 _e325 = asfloat(x.Load4(((nb6_ + tid) + 0u)*16));
        n6_0_ = _e325;
    }
    if (((col0_1 + 6u) < _e8)) {
        local_13 = ((tid + 128u) < 144u);
    } else {
        local_13 = false;
    }
    bool _e339 = local_13;
    if (_e339) {
        float4 _e345 = asfloat(x.Load4(((nb6_ + tid) + 128u)*16));
        n6_1_ = _e345;
    }
    const uint _e351 = source_column(min((col0_1 + 7u), (_e8 - 1u)));
    uint nb7_ = (_e351 * 144u);
    if (((col0_1 + 7u) < _e8)) {
        local_14 = ((tid + 0u) < 144u);
    } else {
        local_14 = false;
    }
    bool _e367 = local_14;
    if (_e367) {
        float4 _e373 = asfloat(x.Load4(((nb7_ + tid) + 0u)*16));
        n7_0_ = _e373;
    }
    if (((col0_1 + 7u) < _e8)) {
        local_15 = ((tid + 128u) < 144u);
    } else {
        local_15 = false;
    }
    bool _e387 = local_15;
    if (_e387) {
        float4 _e393 = asfloat(x.Load4(((nb7_ + tid) + 128u)*16));
        n7_1_ = _e393;
    }
    ss[0] = 0.0;
    float _e398 = ss[0];
    float4 _e399 = n0_0_;
    float4 _e400 = n0_0_;
    ss[0] = (_e398 + dot(_e399, _e400));
    float _e405 = ss[0];
    float4 _e406 = n0_1_;
    float4 _e407 = n0_1_;
    ss[0] = (_e405 + dot(_e406, _e407));
    ss[1] = 0.0;
    float _e414 = ss[1];
    float4 _e415 = n1_0_;
    float4 _e416 = n1_0_;
    ss[1] = (_e414 + dot(_e415, _e416));
    float _e421 = ss[1];
    float4 _e422 = n1_1_;
    float4 _e423 = n1_1_;
    ss[1] = (_e421 + dot(_e422, _e423));
    ss[2] = 0.0;
    float _e430 = ss[2];
    float4 _e431 = n2_0_;
    float4 _e432 = n2_0_;
    ss[2] = (_e430 + dot(_e431, _e432));
    float _e437 = ss[2];
    float4 _e438 = n2_1_;
    float4 _e439 = n2_1_;
    ss[2] = (_e437 + dot(_e438, _e439));
    ss[3] = 0.0;
    float _e446 = ss[3];
    float4 _e447 = n3_0_;
    float4 _e448 = n3_0_;
    ss[3] = (_e446 + dot(_e447, _e448));
    float _e453 = ss[3];
    float4 _e454 = n3_1_;
    float4 _e455 = n3_1_;
    ss[3] = (_e453 + dot(_e454, _e455));
    ss[4] = 0.0;
    float _e462 = ss[4];
    float4 _e463 = n4_0_;
    float4 _e464 = n4_0_;
    ss[4] = (_e462 + dot(_e463, _e464));
    float _e469 = ss[4];
    float4 _e470 = n4_1_;
    float4 _e471 = n4_1_;
    ss[4] = (_e469 + dot(_e470, _e471));
    ss[5] = 0.0;
    float _e478 = ss[5];
    float4 _e479 = n5_0_;
    float4 _e480 = n5_0_;
    ss[5] = (_e478 + dot(_e479, _e480));
    float _e485 = ss[5];
    float4 _e486 = n5_1_;
    float4 _e487 = n5_1_;
    ss[5] = (_e485 + dot(_e486, _e487));
    ss[6] = 0.0;
    float _e494 = ss[6];
    float4 _e495 = n6_0_;
    float4 _e496 = n6_0_;
    ss[6] = (_e494 + dot(_e495, _e496));
    float _e501 = ss[6];
    float4 _e502 = n6_1_;
    float4 _e503 = n6_1_;
    ss[6] = (_e501 + dot(_e502, _e503));
    ss[7] = 0.0;
    float _e510 = ss[7];
    float4 _e511 = n7_0_;
    float4 _e512 = n7_0_;
    ss[7] = (_e510 + dot(_e511, _e512));
    float _e517 = ss[7];
    float4 _e518 = n7_1_;
    float4 _e519 = n7_1_;
    ss[7] = (_e517 + dot(_e518, _e519));
    column_scales(tid, sg_size, ss);
    uint live = (_e8 - min(col0_1, _e8));
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e908 = round_;
            round_ = (_e908 + 1u);
        }
        loop_init_4 = false;
        uint _e526 = round_;
        if ((_e526 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e532 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e532) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e541 = unit_rows(min(unit_2, 49151u));
            acc_a0_ = 0.0;
            acc_b0_ = 0.0;
            const float4 _e551 = epilogue_operands(_e541, min((col0_1 + 0u), (_e8 - 1u)));
            acc_a1_ = 0.0;
            acc_b1_ = 0.0;
            const float4 _e561 = epilogue_operands(_e541, min((col0_1 + 1u), (_e8 - 1u)));
            acc_a2_ = 0.0;
            acc_b2_ = 0.0;
            const float4 _e571 = epilogue_operands(_e541, min((col0_1 + 2u), (_e8 - 1u)));
            acc_a3_ = 0.0;
            acc_b3_ = 0.0;
            const float4 _e581 = epilogue_operands(_e541, min((col0_1 + 3u), (_e8 - 1u)));
            acc_a4_ = 0.0;
            acc_b4_ = 0.0;
            const float4 _e591 = epilogue_operands(_e541, min((col0_1 + 4u), (_e8 - 1u)));
            acc_a5_ = 0.0;
            acc_b5_ = 0.0;
            const float4 _e601 = epilogue_operands(_e541, min((col0_1 + 5u), (_e8 - 1u)));
            acc_a6_ = 0.0;
            acc_b6_ = 0.0;
            const float4 _e611 = epilogue_operands(_e541, min((col0_1 + 6u), (_e8 - 1u)));
            acc_a7_ = 0.0;
            acc_b7_ = 0.0;
            const float4 _e621 = epilogue_operands(_e541, min((col0_1 + 7u), (_e8 - 1u)));
            uint last_blk = (naga_div(K, 32u) - 1u);
            const Raw _e633 = load_raw(_e541.x, min((naga_div(0u, 32u) + lane), last_blk));
            ra = _e633;
            k0_ = 0u;
            uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
            bool loop_init_5 = true;
            while(true) {
                if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                if (!loop_init_5) {
                    uint _e753 = k0_;
                    k0_ = (_e753 + KC);
                }
                loop_init_5 = false;
                uint _e636 = k0_;
                if ((_e636 < K)) {
                } else {
                    break;
                }
                {
                    uint _e639 = k0_;
                    uint kc_1 = min(KC, (K - _e639));
                    if (false) {
                        uint _e645 = round_;
                        local_16 = (_e645 == 0u);
                    } else {
                        local_16 = true;
                    }
                    bool _e649 = local_16;
                    if (_e649) {
                        uint _e650 = k0_;
                        stage_inputs(tid, col0_1, _e8, _e650, kc_1);
                    }
                    if ((unit_2 < UNITS)) {
                        uint _e653 = k0_;
                        blk = (naga_div(_e653, 32u) + lane);
                        uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
                        bool loop_init_6 = true;
                        while(true) {
                            if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
                            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                            if (!loop_init_6) {
                                uint _e749 = blk;
                                blk = (_e749 + TPU);
                            }
                            loop_init_6 = false;
                            uint _e658 = blk;
                            uint _e659 = k0_;
                            if ((_e658 < naga_div((_e659 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e664 = blk;
                                uint _e665 = k0_;
                                uint local_43 = ((_e664 - naga_div(_e665, 32u)) * XBS);
                                uint _e671 = blk;
                                nb = (_e671 + TPU);
                                uint _e675 = nb;
                                uint _e676 = k0_;
                                if ((_e675 >= naga_div((_e676 + kc_1), 32u))) {
                                    uint _e681 = k0_;
                                    nb = (naga_div((_e681 + kc_1), 32u) + lane);
                                }
                                uint _e686 = nb;
                                nb = min(_e686, last_blk);
                                Raw _e688 = ra;
                                const Block _e689 = dequant_raw(_e688);
                                uint _e691 = nb;
                                const Raw _e692 = load_raw(_e541.x, _e691);
                                ra = _e692;
                                float _e693 = acc_a0_;
                                const float _e698 = dot_block(_e689, (0u + local_43), 0u, 1.0);
                                acc_a0_ = (_e693 + _e698);
                                float _e700 = acc_a1_;
                                const float _e705 = dot_block(_e689, (81u + local_43), 0u, 1.0);
                                acc_a1_ = (_e700 + _e705);
                                float _e707 = acc_a2_;
                                const float _e712 = dot_block(_e689, (162u + local_43), 0u, 1.0);
                                acc_a2_ = (_e707 + _e712);
                                float _e714 = acc_a3_;
                                const float _e719 = dot_block(_e689, (243u + local_43), 0u, 1.0);
                                acc_a3_ = (_e714 + _e719);
                                float _e721 = acc_a4_;
                                const float _e726 = dot_block(_e689, (324u + local_43), 0u, 1.0);
                                acc_a4_ = (_e721 + _e726);
                                float _e728 = acc_a5_;
                                const float _e733 = dot_block(_e689, (405u + local_43), 0u, 1.0);
                                acc_a5_ = (_e728 + _e733);
                                float _e735 = acc_a6_;
                                const float _e740 = dot_block(_e689, (486u + local_43), 0u, 1.0);
                                acc_a6_ = (_e735 + _e740);
                                float _e742 = acc_a7_;
                                const float _e747 = dot_block(_e689, (567u + local_43), 0u, 1.0);
                                acc_a7_ = (_e742 + _e747);
                            }
                        }
                    }
                    if (true) {
                        GroupMemoryBarrierWithGroupSync();
                    }
                }
            }
            {
                float _e756 = acc_a0_;
                const float _e757 = unit_sum(tid, _e756);
                if ((lane == 0u)) {
                    local_17 = (unit_2 < UNITS);
                } else {
                    local_17 = false;
                }
                bool _e766 = local_17;
                if (_e766) {
                    local_18 = (0u < live);
                } else {
                    local_18 = false;
                }
                bool _e772 = local_18;
                if (_e772) {
                    epilogue(unit_2, _e541, (col0_1 + 0u), _e757, 0.0, _e551);
                }
            }
            {
                float _e775 = acc_a1_;
                const float _e776 = unit_sum(tid, _e775);
                if ((lane == 0u)) {
                    local_19 = (unit_2 < UNITS);
                } else {
                    local_19 = false;
                }
                bool _e785 = local_19;
                if (_e785) {
                    local_20 = (1u < live);
                } else {
                    local_20 = false;
                }
                bool _e791 = local_20;
                if (_e791) {
                    epilogue(unit_2, _e541, (col0_1 + 1u), _e776, 0.0, _e561);
                }
            }
            {
                float _e794 = acc_a2_;
                const float _e795 = unit_sum(tid, _e794);
                if ((lane == 0u)) {
                    local_21 = (unit_2 < UNITS);
                } else {
                    local_21 = false;
                }
                bool _e804 = local_21;
                if (_e804) {
                    local_22 = (2u < live);
                } else {
                    local_22 = false;
                }
                bool _e810 = local_22;
                if (_e810) {
                    epilogue(unit_2, _e541, (col0_1 + 2u), _e795, 0.0, _e571);
                }
            }
            {
                float _e813 = acc_a3_;
                const float _e814 = unit_sum(tid, _e813);
                if ((lane == 0u)) {
                    local_23 = (unit_2 < UNITS);
                } else {
                    local_23 = false;
                }
                bool _e823 = local_23;
                if (_e823) {
                    local_24 = (3u < live);
                } else {
                    local_24 = false;
                }
                bool _e829 = local_24;
                if (_e829) {
                    epilogue(unit_2, _e541, (col0_1 + 3u), _e814, 0.0, _e581);
                }
            }
            {
                float _e832 = acc_a4_;
                const float _e833 = unit_sum(tid, _e832);
                if ((lane == 0u)) {
                    local_25 = (unit_2 < UNITS);
                } else {
                    local_25 = false;
                }
                bool _e842 = local_25;
                if (_e842) {
                    local_26 = (4u < live);
                } else {
                    local_26 = false;
                }
                bool _e848 = local_26;
                if (_e848) {
                    epilogue(unit_2, _e541, (col0_1 + 4u), _e833, 0.0, _e591);
                }
            }
            {
                float _e851 = acc_a5_;
                const float _e852 = unit_sum(tid, _e851);
                if ((lane == 0u)) {
                    local_27 = (unit_2 < UNITS);
                } else {
                    local_27 = false;
                }
                bool _e861 = local_27;
                if (_e861) {
                    local_28 = (5u < live);
                } else {
                    local_28 = false;
                }
                bool _e867 = local_28;
                if (_e867) {
                    epilogue(unit_2, _e541, (col0_1 + 5u), _e852, 0.0, _e601);
                }
            }
            {
                float _e870 = acc_a6_;
                const float _e871 = unit_sum(tid, _e870);
                if ((lane == 0u)) {
                    local_29 = (unit_2 < UNITS);
                } else {
                    local_29 = false;
                }
                bool _e880 = local_29;
                if (_e880) {
                    local_30 = (6u < live);
                } else {
                    local_30 = false;
                }
                bool _e886 = local_30;
                if (_e886) {
                    epilogue(unit_2, _e541, (col0_1 + 6u), _e871, 0.0, _e611);
                }
            }
            {
                float _e889 = acc_a7_;
                const float _e890 = unit_sum(tid, _e889);
                if ((lane == 0u)) {
                    local_31 = (unit_2 < UNITS);
                } else {
                    local_31 = false;
                }
                bool _e899 = local_31;
                if (_e899) {
                    local_32 = (7u < live);
                } else {
                    local_32 = false;
                }
                bool _e905 = local_32;
                if (_e905) {
                    epilogue(unit_2, _e541, (col0_1 + 7u), _e890, 0.0, _e621);
                }
            }
        }
    }
    return;
}
