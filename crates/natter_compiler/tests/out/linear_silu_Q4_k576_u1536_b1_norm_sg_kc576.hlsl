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

static const uint WG = 128u;
static const uint TPU = 16u;
static const uint UNITS_PER_WG = 8u;
static const uint K = 576u;
static const uint BLOCKS = 18u;
static const uint UNITS = 1536u;
static const uint Y_STRIDE = 1536u;
static const uint B = 1u;
static const uint ROUNDS = 1u;
static const uint PF = 2u;
static const uint NR = 2u;
static const uint FFN = 1536u;
static const uint KC = 576u;
static const uint KC4_ = 144u;
static const uint KCP = 162u;
static const uint XBS = 9u;
static const uint NV = 2u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
ByteAddressBuffer norm_w : register(t6);
groupshared float4 x_sh[162];
groupshared float red[128];
groupshared float col_scale[1];

struct ComputeInput_main {
    uint tid_6 : SV_GroupIndex;
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

float workgroup_sum(uint tid_1, float v_2)
{
    uint s = 64u;

    red[min(uint(tid_1), 127u)] = v_2;
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
                float _e15 = red[min(uint(tid_1), 127u)];
                uint _e17 = s;
                float _e20 = red[min(uint((tid_1 + _e17)), 127u)];
                red[min(uint(tid_1), 127u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_1 = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total_1;
}

float unit_sum(uint tid_2, float v_3)
{
    float s_1 = (float)0;
    uint m = 8u;

    s_1 = v_3;
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

void column_scales(uint tid_3, uint sg_size_1, inout float ss_1[1])
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
            float _e10 = ss_1[min(uint(_e8), 0u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_3, sg_size_1) == 0u)) {
                uint _e19 = c_1;
                red[min(uint(((naga_div(tid_3, sg_size_1) * B) + _e19)), 127u)] = _e11;
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
                float _e42 = red[min(uint(((_e37 * B) + tid_3)), 127u)];
                total = (_e35 + _e42);
            }
        }
        float _e49 = total;
        col_scale[min(uint(tid_3), 0u)] = rsqrt(((_e49 / 576.0) + 1e-5));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void stage_inputs(uint tid_4, uint col0_, uint n_cols, uint k0_, uint kc)
{
    float4 v0_ = (0.0).xxxx;
    float4 g0_ = (1.0).xxxx;
    bool local_2 = (bool)0;
    bool local_3 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_4 = (bool)0;
    bool local_5 = (bool)0;

    uint i0_ = (tid_4 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 144u)) {
        local_2 = ((col0_ + c0_) < n_cols);
    } else {
        local_2 = false;
    }
    bool _e24 = local_2;
    if (_e24) {
        local_3 = ((e0_ * 4u) < kc);
    } else {
        local_3 = false;
    }
    bool _e31 = local_3;
    if (_e31) {
        const uint _e34 = source_column((col0_ + c0_));
        float4 _e42 = asfloat(x.Load4((((_e34 * 144u) + naga_div(k0_, 4u)) + e0_)*16));
        v0_ = _e42;
        float4 _e48 = asfloat(norm_w.Load4((naga_div(k0_, 4u) + e0_)*16));
        g0_ = _e48;
    }
    uint i1_ = (tid_4 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 144u)) {
        local_4 = ((col0_ + c1_) < n_cols);
    } else {
        local_4 = false;
    }
    bool _e68 = local_4;
    if (_e68) {
        local_5 = ((e1_ * 4u) < kc);
    } else {
        local_5 = false;
    }
    bool _e75 = local_5;
    if (_e75) {
        const uint _e78 = source_column((col0_ + c1_));
        float4 _e86 = asfloat(x.Load4((((_e78 * 144u) + naga_div(k0_, 4u)) + e1_)*16));
        v1_ = _e86;
        float4 _e92 = asfloat(norm_w.Load4((naga_div(k0_, 4u) + e1_)*16));
        g1_ = _e92;
    }
    if ((i0_ < 144u)) {
        float4 _e103 = v0_;
        float _e106 = col_scale[min(uint(c0_), 0u)];
        float4 _e107 = g0_;
        x_sh[min(uint((((c0_ * KCP) + e0_) + naga_div(e0_, 8u))), 161u)] = (_e103 * (_e106 * _e107));
    }
    if ((i1_ < 144u)) {
        float4 _e120 = v1_;
        float _e123 = col_scale[min(uint(c1_), 0u)];
        float4 _e124 = g1_;
        x_sh[min(uint((((c1_ * KCP) + e1_) + naga_div(e1_, 8u))), 161u)] = (_e120 * (_e123 * _e124));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void stage_kept(uint tid_5, inout float4 kept_1[2])
{
    {
        uint e = (tid_5 + 0u);
        if ((e < 144u)) {
            float4 _e12 = kept_1[0];
            float _e15 = col_scale[0];
            x_sh[min(uint((e + naga_div(e, 8u))), 161u)] = (_e12 * _e15);
        }
    }
    {
        uint e_1 = (tid_5 + 128u);
        if ((e_1 < 144u)) {
            float4 _e27 = kept_1[1];
            float _e30 = col_scale[0];
            x_sh[min(uint((e_1 + naga_div(e_1, 8u))), 161u)] = (_e27 * _e30);
        }
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, (FFN + unit));
}

float4 input(uint xb, uint nb, uint i_1, float scale)
{
    float4 _e7 = x_sh[min(uint((xb + i_1)), 161u)];
    return _e7;
}

float q4_dot(uint4 q, uint s_2, uint xb_1, uint nb_1, float scale_1)
{
    float acc = (float)0;

    float2 dm = float2(f16tof32(s_2), f16tof32((s_2) >> 16));
    uint4 m_1 = (15u).xxxx;
    const float4 _e9 = input(xb_1, nb_1, 0u, scale_1);
    const float4 _e11 = input(xb_1, nb_1, 1u, scale_1);
    const float4 _e13 = input(xb_1, nb_1, 2u, scale_1);
    const float4 _e15 = input(xb_1, nb_1, 3u, scale_1);
    const float4 _e17 = input(xb_1, nb_1, 4u, scale_1);
    const float4 _e19 = input(xb_1, nb_1, 5u, scale_1);
    const float4 _e21 = input(xb_1, nb_1, 6u, scale_1);
    const float4 _e23 = input(xb_1, nb_1, 7u, scale_1);
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
    uint nb_2 = (blk_1 * 8u);
    uint4 _e11 = asuint(w_q.Load4(b_1*16));
    uint _e14 = asuint(w_s.Load(b_1*4));
    const float _e15 = q4_dot(_e11, _e14, xb_2, nb_2, scale_2);
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

float raw_dot(Raw r, uint xb_3)
{
    const float _e6 = q4_dot(r.q, r.s, xb_3, 0u, 1.0);
    return _e6;
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
    int w = asint(word);
    return float4(int4(naga_extractBits(w, 0u, 8u), naga_extractBits(w, 8u, 8u), naga_extractBits(w, 16u, 8u), naga_extractBits(w, 24u, 8u)));
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
        x_sh = (float4[162])0;
        red = (float[128])0;
        col_scale = (float[1])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_6;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
    float ss[1] = (float[1])0;
    float4 kept[2] = (float4[2])0;
    float4 v = (0.0).xxxx;
    float4 g = (0.0).xxxx;
    float4 v_1 = (0.0).xxxx;
    float4 g_1 = (0.0).xxxx;
    float acc_a = 0.0;
    float acc_b = 0.0;
    uint blk = (uint)0;
    bool local = (bool)0;
    bool local_1 = (bool)0;

    uint lane = naga_mod(tid, TPU);
    uint col0_1 = (wg.y * B);
    const uint _e8 = output_columns();
    uint unit_2 = ((wg.x * UNITS_PER_WG) + naga_div(tid, TPU));
    const uint2 _e17 = unit_rows(min(unit_2, 1535u));
    const float4 _e21 = epilogue_operands(_e17, min(col0_1, (_e8 - 1u)));
    uint pf_b0_ = min((lane + 0u), 17u);
    const Raw _e27 = load_raw(_e17.x, pf_b0_);
    const Raw _e29 = load_raw(_e17.y, pf_b0_);
    uint pf_b1_ = min((lane + 16u), 17u);
    const Raw _e35 = load_raw(_e17.x, pf_b1_);
    const Raw _e37 = load_raw(_e17.y, pf_b1_);
    ss[0] = 0.0;
    const uint _e45 = source_column(min(col0_1, (_e8 - 1u)));
    uint kbase = (_e45 * 144u);
    {
        uint i_2 = (tid + 0u);
        if ((i_2 < 144u)) {
            float4 _e61 = asfloat(x.Load4((kbase + i_2)*16));
            v = _e61;
            float4 _e64 = asfloat(norm_w.Load4(i_2*16));
            g = _e64;
        }
        float _e67 = ss[0];
        float4 _e68 = v;
        float4 _e69 = v;
        ss[0] = (_e67 + dot(_e68, _e69));
        float4 _e73 = v;
        float4 _e74 = g;
        kept[0] = (_e73 * _e74);
    }
    {
        uint i_3 = (tid + 128u);
        if ((i_3 < 144u)) {
            float4 _e89 = asfloat(x.Load4((kbase + i_3)*16));
            v_1 = _e89;
            float4 _e92 = asfloat(norm_w.Load4(i_3*16));
            g_1 = _e92;
        }
        float _e95 = ss[0];
        float4 _e96 = v_1;
        float4 _e97 = v_1;
        ss[0] = (_e95 + dot(_e96, _e97));
        float4 _e101 = v_1;
        float4 _e102 = g_1;
        kept[1] = (_e101 * _e102);
    }
    column_scales(tid, sg_size, ss);
    stage_kept(tid, kept);
    if ((unit_2 < UNITS)) {
        if (((lane + 0u) < BLOCKS)) {
            float _e114 = acc_a;
            const float _e117 = raw_dot(_e27, (pf_b0_ * 9u));
            acc_a = (_e114 + _e117);
            float _e119 = acc_b;
            const float _e122 = raw_dot(_e29, (pf_b0_ * 9u));
            acc_b = (_e119 + _e122);
        }
        if (((lane + 16u) < BLOCKS)) {
            float _e128 = acc_a;
            const float _e131 = raw_dot(_e35, (pf_b1_ * 9u));
            acc_a = (_e128 + _e131);
            float _e133 = acc_b;
            const float _e136 = raw_dot(_e37, (pf_b1_ * 9u));
            acc_b = (_e133 + _e136);
        }
        blk = (lane + 32u);
        uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
        bool loop_init_4 = true;
        while(true) {
            if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
            loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
            if (!loop_init_4) {
                uint _e162 = blk;
                blk = (_e162 + TPU);
            }
            loop_init_4 = false;
            uint _e141 = blk;
            if ((_e141 < BLOCKS)) {
            } else {
                break;
            }
            {
                float _e144 = acc_a;
                uint _e146 = blk;
                uint _e147 = blk;
                const float _e151 = block_dot(_e17.x, _e146, (_e147 * 9u), 1.0);
                acc_a = (_e144 + _e151);
                float _e153 = acc_b;
                uint _e155 = blk;
                uint _e156 = blk;
                const float _e160 = block_dot(_e17.y, _e155, (_e156 * 9u), 1.0);
                acc_b = (_e153 + _e160);
            }
        }
    }
    float _e165 = acc_a;
    const float _e166 = unit_sum(tid, _e165);
    float _e167 = acc_b;
    const float _e168 = unit_sum(tid, _e167);
    if ((lane == 0u)) {
        local = (unit_2 < UNITS);
    } else {
        local = false;
    }
    bool _e176 = local;
    if (_e176) {
        local_1 = (col0_1 < _e8);
    } else {
        local_1 = false;
    }
    bool _e181 = local_1;
    if (_e181) {
        epilogue(unit_2, _e17, col0_1, _e166, _e168, _e21);
        return;
    } else {
        return;
    }
}
