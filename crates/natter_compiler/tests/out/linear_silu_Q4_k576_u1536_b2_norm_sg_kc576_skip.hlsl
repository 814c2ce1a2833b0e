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
static const uint TPU = 8u;
static const uint UNITS_PER_WG = 16u;
static const uint K = 576u;
static const uint BLOCKS = 18u;
static const uint UNITS = 1536u;
static const uint Y_STRIDE = 1536u;
static const uint B = 2u;
static const uint ROUNDS = 1u;
static const uint NR = 2u;
static const uint FFN = 1536u;
static const uint KC = 576u;
static const uint KC4_ = 144u;
static const uint KCP = 162u;
static const uint XBS = 9u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
ByteAddressBuffer norm_w : register(t6);
groupshared float4 x_sh[324];
groupshared float red[256];
groupshared float col_scale[2];

struct ComputeInput_main {
    uint tid_5 : SV_GroupIndex;
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

    red[min(uint(tid_1), 255u)] = v;
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
                float _e15 = red[min(uint(tid_1), 255u)];
                uint _e17 = s;
                float _e20 = red[min(uint((tid_1 + _e17)), 255u)];
                red[min(uint(tid_1), 255u)] = (_e15 + _e20);
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

void column_scales(uint tid_3, uint sg_size_1, inout float ss_1[2])
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
            float _e10 = ss_1[min(uint(_e8), 1u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_3, sg_size_1) == 0u)) {
                uint _e19 = c_1;
                red[min(uint(((naga_div(tid_3, sg_size_1) * B) + _e19)), 255u)] = _e11;
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
                float _e42 = red[min(uint(((_e37 * B) + tid_3)), 255u)];
                total = (_e35 + _e42);
            }
        }
        float _e49 = total;
        col_scale[min(uint(tid_3), 1u)] = rsqrt(((_e49 / 576.0) + 1e-5));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void stage_inputs(uint tid_4, uint col0_, uint n_cols, uint k0_1, uint kc)
{
    float4 v0_ = (0.0).xxxx;
    float4 g0_ = (1.0).xxxx;
    bool local_9 = (bool)0;
    bool local_10 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_11 = (bool)0;
    bool local_12 = (bool)0;
    float4 v2_ = (0.0).xxxx;
    float4 g2_ = (1.0).xxxx;
    bool local_13 = (bool)0;
    bool local_14 = (bool)0;

    uint i0_ = (tid_4 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 288u)) {
        local_9 = ((col0_ + c0_) < n_cols);
    } else {
        local_9 = false;
    }
    bool _e24 = local_9;
    if (_e24) {
        local_10 = ((e0_ * 4u) < kc);
    } else {
        local_10 = false;
    }
    bool _e31 = local_10;
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
    if ((i1_ < 288u)) {
        local_11 = ((col0_ + c1_) < n_cols);
    } else {
        local_11 = false;
    }
    bool _e68 = local_11;
    if (_e68) {
        local_12 = ((e1_ * 4u) < kc);
    } else {
        local_12 = false;
    }
    bool _e75 = local_12;
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
    if ((i2_ < 288u)) {
        local_13 = ((col0_ + c2_) < n_cols);
    } else {
        local_13 = false;
    }
    bool _e112 = local_13;
    if (_e112) {
        local_14 = ((e2_ * 4u) < kc);
    } else {
        local_14 = false;
    }
    bool _e119 = local_14;
    if (_e119) {
        const uint _e122 = source_column((col0_ + c2_));
        float4 _e130 = asfloat(x.Load4((((_e122 * 144u) + naga_div(k0_1, 4u)) + e2_)*16));
        v2_ = _e130;
        float4 _e136 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e2_)*16));
        g2_ = _e136;
    }
    if ((i0_ < 288u)) {
        float4 _e147 = v0_;
        float _e150 = col_scale[min(uint(c0_), 1u)];
        float4 _e151 = g0_;
        x_sh[min(uint((((c0_ * KCP) + e0_) + naga_div(e0_, 8u))), 323u)] = (_e147 * (_e150 * _e151));
    }
    if ((i1_ < 288u)) {
        float4 _e164 = v1_;
        float _e167 = col_scale[min(uint(c1_), 1u)];
        float4 _e168 = g1_;
        x_sh[min(uint((((c1_ * KCP) + e1_) + naga_div(e1_, 8u))), 323u)] = (_e164 * (_e167 * _e168));
    }
    if ((i2_ < 288u)) {
        float4 _e181 = v2_;
        float _e184 = col_scale[min(uint(c2_), 1u)];
        float4 _e185 = g2_;
        x_sh[min(uint((((c2_ * KCP) + e2_) + naga_div(e2_, 8u))), 323u)] = (_e181 * (_e184 * _e185));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, (FFN + unit));
}

float4 input(uint xb, uint nb_1, uint i_1, float scale)
{
    float4 _e7 = x_sh[min(uint((xb + i_1)), 323u)];
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
    return (0.0).xxxx;
}

void epilogue(uint unit_1, uint2 rows_1, uint col_1, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e13 = a;
    float _e14 = a;
    float _e20 = b;
    y.Store(((col_1 * Y_STRIDE) + unit_1)*4, asuint(((_e13 / (1.0 + exp(-(_e14)))) * _e20)));
    return;
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        x_sh = (float4[324])0;
        red = (float[256])0;
        col_scale = (float[2])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_5;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
    float ss[2] = (float[2])0;
    float4 n0_0_ = (0.0).xxxx;
    bool local = (bool)0;
    float4 n0_1_ = (0.0).xxxx;
    bool local_1 = (bool)0;
    float4 n1_0_ = (0.0).xxxx;
    bool local_2 = (bool)0;
    float4 n1_1_ = (0.0).xxxx;
    bool local_3 = (bool)0;
    uint round_ = 0u;
    float acc_a0_ = (float)0;
    float acc_b0_ = (float)0;
    float acc_a1_ = (float)0;
    float acc_b1_ = (float)0;
    Raw ra = (Raw)0;
    Raw rb = (Raw)0;
    uint k0_ = (uint)0;
    bool local_4 = (bool)0;
    uint blk = (uint)0;
    uint nb = (uint)0;
    bool local_5 = (bool)0;
    bool local_6 = (bool)0;
    bool local_7 = (bool)0;
    bool local_8 = (bool)0;

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
    ss[0] = 0.0;
    float _e110 = ss[0];
    float4 _e111 = n0_0_;
    float4 _e112 = n0_0_;
    ss[0] = (_e110 + dot(_e111, _e112));
    float _e117 = ss[0];
    float4 _e118 = n0_1_;
    float4 _e119 = n0_1_;
    ss[0] = (_e117 + dot(_e118, _e119));
    ss[1] = 0.0;
    float _e126 = ss[1];
    float4 _e127 = n1_0_;
    float4 _e128 = n1_0_;
    ss[1] = (_e126 + dot(_e127, _e128));
    float _e133 = ss[1];
    float4 _e134 = n1_1_;
    float4 _e135 = n1_1_;
    ss[1] = (_e133 + dot(_e134, _e135));
    column_scales(tid, sg_size, ss);
    uint live = (_e8 - min(col0_1, _e8));
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e338 = round_;
            round_ = (_e338 + 1u);
        }
        loop_init_4 = false;
        uint _e142 = round_;
        if ((_e142 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e148 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e148) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e157 = unit_rows(min(unit_2, 1535u));
            acc_a0_ = 0.0;
            acc_b0_ = 0.0;
            const float4 _e167 = epilogue_operands(_e157, min((col0_1 + 0u), (_e8 - 1u)));
            acc_a1_ = 0.0;
            acc_b1_ = 0.0;
            const float4 _e177 = epilogue_operands(_e157, min((col0_1 + 1u), (_e8 - 1u)));
            uint last_blk = (naga_div(K, 32u) - 1u);
            const Raw _e189 = load_raw(_e157.x, min((naga_div(0u, 32u) + lane), last_blk));
            ra = _e189;
            const Raw _e196 = load_raw(_e157.y, min((naga_div(0u, 32u) + lane), last_blk));
            rb = _e196;
            k0_ = 0u;
            uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
            bool loop_init_5 = true;
            while(true) {
                if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                if (!loop_init_5) {
                    uint _e291 = k0_;
                    k0_ = (_e291 + KC);
                }
                loop_init_5 = false;
                uint _e199 = k0_;
                if ((_e199 < K)) {
                } else {
                    break;
                }
                {
                    uint _e202 = k0_;
                    uint kc_1 = min(KC, (K - _e202));
                    if (true) {
                        uint _e208 = round_;
                        local_4 = (_e208 == 0u);
                    } else {
                        local_4 = true;
                    }
                    bool _e212 = local_4;
                    if (_e212) {
                        uint _e213 = k0_;
                        stage_inputs(tid, col0_1, _e8, _e213, kc_1);
                    }
                    if ((unit_2 < UNITS)) {
                        uint _e216 = k0_;
                        blk = (naga_div(_e216, 32u) + lane);
                        uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
                        bool loop_init_6 = true;
                        while(true) {
                            if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
                            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                            if (!loop_init_6) {
                                uint _e287 = blk;
                                blk = (_e287 + TPU);
                            }
                            loop_init_6 = false;
                            uint _e221 = blk;
                            uint _e222 = k0_;
                            if ((_e221 < naga_div((_e222 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e227 = blk;
                                uint _e228 = k0_;
                                uint local_15 = ((_e227 - naga_div(_e228, 32u)) * XBS);
                                uint _e234 = blk;
                                nb = (_e234 + TPU);
                                uint _e238 = nb;
                                uint _e239 = k0_;
                                if ((_e238 >= naga_div((_e239 + kc_1), 32u))) {
                                    uint _e244 = k0_;
                                    nb = (naga_div((_e244 + kc_1), 32u) + lane);
                                }
                                uint _e249 = nb;
                                nb = min(_e249, last_blk);
                                Raw _e251 = ra;
                                const Block _e252 = dequant_raw(_e251);
                                uint _e254 = nb;
                                const Raw _e255 = load_raw(_e157.x, _e254);
                                ra = _e255;
                                Raw _e256 = rb;
                                const Block _e257 = dequant_raw(_e256);
                                uint _e259 = nb;
                                const Raw _e260 = load_raw(_e157.y, _e259);
                                rb = _e260;
                                if ((0u < live)) {
                                    const float2 _e267 = dot_pair(_e252, _e257, (0u + local_15), 0u, 1.0);
                                    float _e268 = acc_a0_;
                                    acc_a0_ = (_e268 + _e267.x);
                                    float _e271 = acc_b0_;
                                    acc_b0_ = (_e271 + _e267.y);
                                }
                                if ((1u < live)) {
                                    const float2 _e280 = dot_pair(_e252, _e257, (162u + local_15), 0u, 1.0);
                                    float _e281 = acc_a1_;
                                    acc_a1_ = (_e281 + _e280.x);
                                    float _e284 = acc_b1_;
                                    acc_b1_ = (_e284 + _e280.y);
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
                float _e296 = acc_a0_;
                const float _e297 = unit_sum(tid, _e296);
                float _e298 = acc_b0_;
                const float _e299 = unit_sum(tid, _e298);
                if ((lane == 0u)) {
                    local_5 = (unit_2 < UNITS);
                } else {
                    local_5 = false;
                }
                bool _e307 = local_5;
                if (_e307) {
                    local_6 = (0u < live);
                } else {
                    local_6 = false;
                }
                bool _e313 = local_6;
                if (_e313) {
                    epilogue(unit_2, _e157, (col0_1 + 0u), _e297, _e299, _e167);
                }
            }
            if ((1u < live)) {
                float _e318 = acc_a1_;
                const float _e319 = unit_sum(tid, _e318);
                float _e320 = acc_b1_;
                const float _e321 = unit_sum(tid, _e320);
                if ((lane == 0u)) {
                    local_7 = (unit_2 < UNITS);
                } else {
                    local_7 = false;
                }
                bool _e329 = local_7;
                if (_e329) {
                    local_8 = (1u < live);
                } else {
                    local_8 = false;
                }
                bool _e335 = local_8;
                if (_e335) {
                    epilogue(unit_2, _e157, (col0_1 + 1u), _e319, _e321, _e177);
                }
            }
        }
    }
    return;
}
