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
    uint4 q;
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
static const uint TPU = 16u;
static const uint UNITS_PER_WG = 8u;
static const uint K = 1536u;
static const uint BLOCKS = 48u;
static const uint UNITS = 576u;
static const uint Y_STRIDE = 576u;
static const uint B = 8u;
static const uint ROUNDS = 1u;
static const uint NR = 1u;
static const uint KC = 320u;
static const uint KC4_ = 80u;
static const uint KCP = 90u;
static const uint XBS = 9u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
groupshared float4 x_sh[720];
groupshared float red[1024];

struct ComputeInput_main {
    uint tid_4 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

uint output_columns()
{
    uint _e2 = params.n_cols;
    return _e2;
}

uint source_column(uint c)
{
    return c;
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
    float total = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total;
}

float unit_sum(uint tid_2, float v_1)
{
    float s_1 = (float)0;
    uint m = 8u;

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

void stage_inputs(uint tid_3, uint col0_, uint n_cols, uint k0_1, uint kc)
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

    uint i0_ = (tid_3 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 640u)) {
        local_17 = ((col0_ + c0_) < n_cols);
    } else {
        local_17 = false;
    }
    bool _e23 = local_17;
    if (_e23) {
        local_18 = ((e0_ * 4u) < kc);
    } else {
        local_18 = false;
    }
    bool _e30 = local_18;
    if (_e30) {
        const uint _e33 = source_column((col0_ + c0_));
        float4 _e41 = asfloat(x.Load4((((_e33 * 384u) + naga_div(k0_1, 4u)) + e0_)*16));
        v0_ = _e41;
    }
    uint i1_ = (tid_3 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 640u)) {
        local_19 = ((col0_ + c1_) < n_cols);
    } else {
        local_19 = false;
    }
    bool _e60 = local_19;
    if (_e60) {
        local_20 = ((e1_ * 4u) < kc);
    } else {
        local_20 = false;
    }
    bool _e67 = local_20;
    if (_e67) {
        const uint _e70 = source_column((col0_ + c1_));
        float4 _e78 = asfloat(x.Load4((((_e70 * 384u) + naga_div(k0_1, 4u)) + e1_)*16));
        v1_ = _e78;
    }
    uint i2_ = (tid_3 + 256u);
    uint c2_ = naga_div(i2_, KC4_);
    uint e2_ = naga_mod(i2_, KC4_);
    if ((i2_ < 640u)) {
        local_21 = ((col0_ + c2_) < n_cols);
    } else {
        local_21 = false;
    }
    bool _e97 = local_21;
    if (_e97) {
        local_22 = ((e2_ * 4u) < kc);
    } else {
        local_22 = false;
    }
    bool _e104 = local_22;
    if (_e104) {
        const uint _e107 = source_column((col0_ + c2_));
        float4 _e115 = asfloat(x.Load4((((_e107 * 384u) + naga_div(k0_1, 4u)) + e2_)*16));
        v2_ = _e115;
    }
    uint i3_ = (tid_3 + 384u);
    uint c3_ = naga_div(i3_, KC4_);
    uint e3_ = naga_mod(i3_, KC4_);
    if ((i3_ < 640u)) {
        local_23 = ((col0_ + c3_) < n_cols);
    } else {
        local_23 = false;
    }
    bool _e134 = local_23;
    if (_e134) {
        local_24 = ((e3_ * 4u) < kc);
    } else {
        local_24 = false;
    }
    bool _e141 = local_24;
    if (_e141) {
        const uint _e144 = source_column((col0_ + c3_));
        float4 _e152 = asfloat(x.Load4((((_e144 * 384u) + naga_div(k0_1, 4u)) + e3_)*16));
        v3_ = _e152;
    }
    uint i4_ = (tid_3 + 512u);
    uint c4_ = naga_div(i4_, KC4_);
    uint e4_ = naga_mod(i4_, KC4_);
    if ((i4_ < 640u)) {
        local_25 = ((col0_ + c4_) < n_cols);
    } else {
        local_25 = false;
    }
    bool _e171 = local_25;
    if (_e171) {
        local_26 = ((e4_ * 4u) < kc);
    } else {
        local_26 = false;
    }
    bool _e178 = local_26;
    if (_e178) {
        const uint _e181 = source_column((col0_ + c4_));
        float4 _e189 = asfloat(x.Load4((((_e181 * 384u) + naga_div(k0_1, 4u)) + e4_)*16));
        v4_ = _e189;
    }
    if ((i0_ < 640u)) {
        float4 _e200 = v0_;
        x_sh[min(uint((((c0_ * KCP) + e0_) + naga_div(e0_, 8u))), 719u)] = _e200;
    }
    if ((i1_ < 640u)) {
        float4 _e211 = v1_;
        x_sh[min(uint((((c1_ * KCP) + e1_) + naga_div(e1_, 8u))), 719u)] = _e211;
    }
    if ((i2_ < 640u)) {
        float4 _e222 = v2_;
        x_sh[min(uint((((c2_ * KCP) + e2_) + naga_div(e2_, 8u))), 719u)] = _e222;
    }
    if ((i3_ < 640u)) {
        float4 _e233 = v3_;
        x_sh[min(uint((((c3_ * KCP) + e3_) + naga_div(e3_, 8u))), 719u)] = _e233;
    }
    if ((i4_ < 640u)) {
        float4 _e244 = v4_;
        x_sh[min(uint((((c4_ * KCP) + e4_) + naga_div(e4_, 8u))), 719u)] = _e244;
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, unit);
}

float4 input(uint xb, uint nb_1, uint i, float scale)
{
    float4 _e7 = x_sh[min(uint((xb + i)), 719u)];
    return _e7;
}

float q4_dot(uint4 q, uint s_2, uint xb_1, uint nb_2, float scale_1)
{
    float acc = (float)0;

    float2 dm = float2(f16tof32(s_2), f16tof32((s_2) >> 16));
    uint4 m_1 = (15u).xxxx;
    const float4 _e9 = input(xb_1, nb_2, 0u, scale_1);
    const float4 _e11 = input(xb_1, nb_2, 1u, scale_1);
    const float4 _e13 = input(xb_1, nb_2, 2u, scale_1);
    const float4 _e15 = input(xb_1, nb_2, 3u, scale_1);
    const float4 _e17 = input(xb_1, nb_2, 4u, scale_1);
    const float4 _e19 = input(xb_1, nb_2, 5u, scale_1);
    const float4 _e21 = input(xb_1, nb_2, 6u, scale_1);
    const float4 _e23 = input(xb_1, nb_2, 7u, scale_1);
    uint4 shifts_lo = uint4(0u, 8u, 16u, 24u);
    uint4 shifts_hi = uint4(4u, 12u, 20u, 28u);
    acc = (dot(float4((((q.x).xxxx >> shifts_lo) & m_1)), _e9) + dot(float4((((q.x).xxxx >> shifts_hi) & m_1)), _e17));
    float _e48 = acc;
    acc = ((_e48 + dot(float4((((q.y).xxxx >> shifts_lo) & m_1)), _e11)) + dot(float4((((q.y).xxxx >> shifts_hi) & m_1)), _e19));
    float _e63 = acc;
    acc = ((_e63 + dot(float4((((q.z).xxxx >> shifts_lo) & m_1)), _e13)) + dot(float4((((q.z).xxxx >> shifts_hi) & m_1)), _e21));
    float _e78 = acc;
    acc = ((_e78 + dot(float4((((q.w).xxxx >> shifts_lo) & m_1)), _e15)) + dot(float4((((q.w).xxxx >> shifts_hi) & m_1)), _e23));
    float4 one = (1.0).xxxx;
    float sum = (dot((((_e9 + _e11) + _e13) + _e15), one) + dot((((_e17 + _e19) + _e21) + _e23), one));
    float _e105 = acc;
    return ((dm.x * _e105) + (dm.y * sum));
}

float block_dot(uint row, uint blk_1, uint xb_2, float scale_2)
{
    uint b_1 = ((row * BLOCKS) + blk_1);
    uint nb_5 = (blk_1 * 8u);
    uint4 _e11 = asuint(w_q.Load4(b_1*16));
    uint _e14 = asuint(w_s.Load(b_1*4));
    const float _e15 = q4_dot(_e11, _e14, xb_2, nb_5, scale_2);
    return _e15;
}

Raw ConstructRaw(uint4 arg0, uint arg1) {
    Raw ret = (Raw)0;
    ret.q = arg0;
    ret.s = arg1;
    return ret;
}

Raw load_raw(uint row_1, uint blk_2)
{
    uint b_2 = ((row_1 * BLOCKS) + blk_2);
    uint4 _e7 = asuint(w_q.Load4(b_2*16));
    uint _e10 = asuint(w_s.Load(b_2*4));
    const Raw raw = ConstructRaw(_e7, _e10);
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
    uint4 q_1 = r.q;
    uint _e2 = r.s;
    float2 dm_1 = float2(f16tof32(_e2), f16tof32((_e2) >> 16));
    uint4 m_2 = (15u).xxxx;
    uint4 lo = uint4(0u, 8u, 16u, 24u);
    uint4 hi = uint4(4u, 12u, 20u, 28u);
    float4 d = (dm_1.x).xxxx;
    float4 o = (dm_1.y).xxxx;
    const Block block = ConstructBlock(mad(float4((((q_1.x).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.y).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.z).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.w).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.x).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.y).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.z).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.w).xxxx >> hi) & m_2)), d, o));
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

float4 epilogue_operands(uint2 rows, uint col)
{
    float _e8 = asfloat(y.Load(((col * Y_STRIDE) + rows.x)*4));
    return float4(_e8, 0.0, 0.0, 0.0);
}

void epilogue(uint unit_1, uint2 rows_1, uint col_1, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e14 = a;
    y.Store(((col_1 * Y_STRIDE) + unit_1)*4, asuint((ops.x + _e14)));
    return;
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        x_sh = (float4[720])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_4;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
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
    bool local = (bool)0;
    uint blk = (uint)0;
    uint nb = (uint)0;
    bool local_1 = (bool)0;
    bool local_2 = (bool)0;
    bool local_3 = (bool)0;
    bool local_4 = (bool)0;
    bool local_5 = (bool)0;
    bool local_6 = (bool)0;
    bool local_7 = (bool)0;
    bool local_8 = (bool)0;
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
    uint live = (_e8 - min(col0_1, _e8));
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e395 = round_;
            round_ = (_e395 + 1u);
        }
        loop_init_2 = false;
        uint _e13 = round_;
        if ((_e13 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e19 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e19) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e28 = unit_rows(min(unit_2, 575u));
            acc_a0_ = 0.0;
            acc_b0_ = 0.0;
            const float4 _e38 = epilogue_operands(_e28, min((col0_1 + 0u), (_e8 - 1u)));
            acc_a1_ = 0.0;
            acc_b1_ = 0.0;
            const float4 _e48 = epilogue_operands(_e28, min((col0_1 + 1u), (_e8 - 1u)));
            acc_a2_ = 0.0;
            acc_b2_ = 0.0;
            const float4 _e58 = epilogue_operands(_e28, min((col0_1 + 2u), (_e8 - 1u)));
            acc_a3_ = 0.0;
            acc_b3_ = 0.0;
            const float4 _e68 = epilogue_operands(_e28, min((col0_1 + 3u), (_e8 - 1u)));
            acc_a4_ = 0.0;
            acc_b4_ = 0.0;
            const float4 _e78 = epilogue_operands(_e28, min((col0_1 + 4u), (_e8 - 1u)));
            acc_a5_ = 0.0;
            acc_b5_ = 0.0;
            const float4 _e88 = epilogue_operands(_e28, min((col0_1 + 5u), (_e8 - 1u)));
            acc_a6_ = 0.0;
            acc_b6_ = 0.0;
            const float4 _e98 = epilogue_operands(_e28, min((col0_1 + 6u), (_e8 - 1u)));
            acc_a7_ = 0.0;
            acc_b7_ = 0.0;
            const float4 _e108 = epilogue_operands(_e28, min((col0_1 + 7u), (_e8 - 1u)));
            uint last_blk = (naga_div(K, 32u) - 1u);
            const Raw _e120 = load_raw(_e28.x, min((naga_div(0u, 32u) + lane), last_blk));
            ra = _e120;
            k0_ = 0u;
            uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
            bool loop_init_3 = true;
            while(true) {
                if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
                loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                if (!loop_init_3) {
                    uint _e240 = k0_;
                    k0_ = (_e240 + KC);
                }
                loop_init_3 = false;
                uint _e123 = k0_;
                if ((_e123 < K)) {
                } else {
                    break;
                }
                {
                    uint _e126 = k0_;
                    uint kc_1 = min(KC, (K - _e126));
                    if (false) {
                        uint _e132 = round_;
                        local = (_e132 == 0u);
                    } else {
                        local = true;
                    }
                    bool _e136 = local;
                    if (_e136) {
                        uint _e137 = k0_;
                        stage_inputs(tid, col0_1, _e8, _e137, kc_1);
                    }
                    if ((unit_2 < UNITS)) {
                        uint _e140 = k0_;
                        blk = (naga_div(_e140, 32u) + lane);
                        uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
                        bool loop_init_4 = true;
                        while(true) {
                            if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
                            loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                            if (!loop_init_4) {
                                uint _e236 = blk;
                                blk = (_e236 + TPU);
                            }
                            loop_init_4 = false;
                            uint _e145 = blk;
                            uint _e146 = k0_;
                            if ((_e145 < naga_div((_e146 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e151 = blk;
                                uint _e152 = k0_;
                                uint local_27 = ((_e151 - naga_div(_e152, 32u)) * XBS);
                                uint _e158 = blk;
                                nb = (_e158 + TPU);
                                uint _e162 = nb;
                                uint _e163 = k0_;
                                if ((_e162 >= naga_div((_e163 + kc_1), 32u))) {
                                    uint _e168 = k0_;
                                    nb = (naga_div((_e168 + kc_1), 32u) + lane);
                                }
                                uint _e173 = nb;
                                nb = min(_e173, last_blk);
                                Raw _e175 = ra;
                                const Block _e176 = dequant_raw(_e175);
                                uint _e178 = nb;
                                const Raw _e179 = load_raw(_e28.x, _e178);
                                ra = _e179;
                                float _e180 = acc_a0_;
                                const float _e185 = dot_block(_e176, (0u + local_27), 0u, 1.0);
                                acc_a0_ = (_e180 + _e185);
                                float _e187 = acc_a1_;
                                const float _e192 = dot_block(_e176, (90u + local_27), 0u, 1.0);
                                acc_a1_ = (_e187 + _e192);
                                float _e194 = acc_a2_;
                                const float _e199 = dot_block(_e176, (180u + local_27), 0u, 1.0);
                                acc_a2_ = (_e194 + _e199);
                                float _e201 = acc_a3_;
                                const float _e206 = dot_block(_e176, (270u + local_27), 0u, 1.0);
                                acc_a3_ = (_e201 + _e206);
                                float _e208 = acc_a4_;
                                const float _e213 = dot_block(_e176, (360u + local_27), 0u, 1.0);
                                acc_a4_ = (_e208 + _e213);
                                float _e215 = acc_a5_;
                                const float _e220 = dot_block(_e176, (450u + local_27), 0u, 1.0);
                                acc_a5_ = (_e215 + _e220);
                                float _e222 = acc_a6_;
                                const float _e227 = dot_block(_e176, (540u + local_27), 0u, 1.0);
                                acc_a6_ = (_e222 + _e227);
                                float _e229 = acc_a7_;
                                const float _e234 = dot_block(_e176, (630u + local_27), 0u, 1.0);
                                acc_a7_ = (_e229 + _e234);
                            }
                        }
                    }
                    if (true) {
                        GroupMemoryBarrierWithGroupSync();
                    }
                }
            }
            {
                float _e243 = acc_a0_;
                const float _e244 = unit_sum(tid, _e243);
                if ((lane == 0u)) {
                    local_1 = (unit_2 < UNITS);
                } else {
                    local_1 = false;
                }
                bool _e253 = local_1;
                if (_e253) {
                    local_2 = (0u < live);
                } else {
                    local_2 = false;
                }
                bool _e259 = local_2;
                if (_e259) {
                    epilogue(unit_2, _e28, (col0_1 + 0u), _e244, 0.0, _e38);
                }
            }
            {
                float _e262 = acc_a1_;
                const float _e263 = unit_sum(tid, _e262);
                if ((lane == 0u)) {
                    local_3 = (unit_2 < UNITS);
                } else {
                    local_3 = false;
                }
                bool _e272 = local_3;
                if (_e272) {
                    local_4 = (1u < live);
                } else {
                    local_4 = false;
                }
                bool _e278 = local_4;
                if (_e278) {
                    epilogue(unit_2, _e28, (col0_1 + 1u), _e263, 0.0, _e48);
                }
            }
            {
                float _e281 = acc_a2_;
                const float _e282 = unit_sum(tid, _e281);
                if ((lane == 0u)) {
                    local_5 = (unit_2 < UNITS);
                } else {
                    local_5 = false;
                }
                bool _e291 = local_5;
                if (_e291) {
                    local_6 = (2u < live);
                } else {
                    local_6 = false;
                }
                bool _e297 = local_6;
                if (_e297) {
                    epilogue(unit_2, _e28, (col0_1 + 2u), _e282, 0.0, _e58);
                }
            }
            {
                float _e300 = acc_a3_;
                const float _e301 = unit_sum(tid, _e300);
                if ((lane == 0u)) {
                    local_7 = (unit_2 < UNITS);
                } else {
                    local_7 = false;
                }
                bool _e310 = local_7;
                if (_e310) {
                    local_8 = (3u < live);
                } else {
                    local_8 = false;
                }
                bool _e316 = local_8;
                if (_e316) {
                    epilogue(unit_2, _e28, (col0_1 + 3u), _e301, 0.0, _e68);
                }
            }
            {
                float _e319 = acc_a4_;
                const float _e320 = unit_sum(tid, _e319);
                if ((lane == 0u)) {
                    local_9 = (unit_2 < UNITS);
                } else {
                    local_9 = false;
                }
                bool _e329 = local_9;
                if (_e329) {
                    local_10 = (4u < live);
                } else {
                    local_10 = false;
                }
                bool _e335 = local_10;
                if (_e335) {
                    epilogue(unit_2, _e28, (col0_1 + 4u), _e320, 0.0, _e78);
                }
            }
            {
                float _e338 = acc_a5_;
                const float _e339 = unit_sum(tid, _e338);
                if ((lane == 0u)) {
                    local_11 = (unit_2 < UNITS);
                } else {
                    local_11 = false;
                }
                bool _e348 = local_11;
                if (_e348) {
                    local_12 = (5u < live);
                } else {
                    local_12 = false;
                }
                bool _e354 = local_12;
                if (_e354) {
                    epilogue(unit_2, _e28, (col0_1 + 5u), _e339, 0.0, _e88);
                }
            }
            {
                float _e357 = acc_a6_;
                const float _e358 = unit_sum(tid, _e357);
                if ((lane == 0u)) {
                    local_13 = (unit_2 < UNITS);
                } else {
                    local_13 = false;
                }
                bool _e367 = local_13;
                if (_e367) {
                    local_14 = (6u < live);
                } else {
                    local_14 = false;
                }
                bool _e373 = local_14;
                if (_e373) {
                    epilogue(unit_2, _e28, (col0_1 + 6u), _e358, 0.0, _e98);
                }
            }
            {
                float _e376 = acc_a7_;
                const float _e377 = unit_sum(tid, _e376);
                if ((lane == 0u)) {
                    local_15 = (unit_2 < UNITS);
                } else {
                    local_15 = false;
                }
                bool _e386 = local_15;
                if (_e386) {
                    local_16 = (7u < live);
                } else {
                    local_16 = false;
                }
                bool _e392 = local_16;
                if (_e392) {
                    epilogue(unit_2, _e28, (col0_1 + 7u), _e377, 0.0, _e108);
                }
            }
        }
    }
    return;
}
