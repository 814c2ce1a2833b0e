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
static const uint UNITS = 576u;
static const uint Y_STRIDE = 576u;
static const uint B = 1u;
static const uint ROUNDS = 1u;
static const uint PF = 2u;
static const uint NR = 1u;
static const uint A_D4_ = 16u;
static const uint A_HEADS = 9u;
static const uint A_SPLITS = 32u;
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
groupshared float4 x_sh[162];
groupshared float red[128];

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

float4 combined(uint col, uint e)
{
    float m = -3e38;
    float sum = 0.0;
    float4 acc = (0.0).xxxx;
    uint s = 0u;
    float4 t1_ = (float4)0;
    float4 t2_ = (float4)0;
    float4 t3_ = (float4)0;
    float4 o1_ = (float4)0;
    float4 o2_ = (float4)0;
    float4 o3_ = (float4)0;

    uint d = naga_mod(e, A_D4_);
    uint _e7 = asuint(cols.Load(4+col*16));
    uint _e10 = params.span;
    uint n = (naga_div(_e7, _e10) + 1u);
    uint base = (((col * A_HEADS) + naga_div(e, A_D4_)) * A_SPLITS);
    uint2 loop_bound = uint2(4294967295u, 4294967295u);
    bool loop_init = true;
    while(true) {
        if (all(loop_bound == uint2(0u, 0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e170 = s;
            s = (_e170 + 4u);
        }
        loop_init = false;
        uint _e31 = s;
        if ((_e31 < n)) {
        } else {
            break;
        }
        {
            uint _e33 = s;
            uint r_1 = ((base + _e33) * 17u);
            float4 t0_ = asfloat(x.Load4((r_1 + A_D4_)*16));
            float4 o0_ = asfloat(x.Load4((r_1 + d)*16));
            t1_ = float4(-3e38, 0.0, 0.0, 0.0);
            float4 _e51 = t1_;
            t2_ = _e51;
            float4 _e53 = t1_;
            t3_ = _e53;
            o1_ = (0.0).xxxx;
            float4 _e58 = o1_;
            o2_ = _e58;
            float4 _e60 = o1_;
            o3_ = _e60;
            uint _e62 = s;
            if (((_e62 + 1u) < n)) {
                float4 _e71 = asfloat(x.Load4(((r_1 + 17u) + A_D4_)*16));
                t1_ = _e71;
                float4 _e76 = asfloat(x.Load4(((r_1 + 17u) + d)*16));
                o1_ = _e76;
            }
            uint _e77 = s;
            if (((_e77 + 2u) < n)) {
                float4 _e88 = asfloat(x.Load4(((r_1 + (2u * 17u)) + A_D4_)*16));
                t2_ = _e88;
                float4 _e95 = asfloat(x.Load4(((r_1 + (2u * 17u)) + d)*16));
                o2_ = _e95;
            }
            uint _e96 = s;
            if (((_e96 + 3u) < n)) {
                float4 _e107 = asfloat(x.Load4(((r_1 + (3u * 17u)) + A_D4_)*16));
                t3_ = _e107;
                float4 _e114 = asfloat(x.Load4(((r_1 + (3u * 17u)) + d)*16));
                o3_ = _e114;
            }
            float _e115 = m;
            float _e118 = t1_.x;
            float _e122 = t2_.x;
            float _e124 = t3_.x;
            float mn = max(max(_e115, max(t0_.x, _e118)), max(_e122, _e124));
            float _e127 = m;
            float c_1 = exp((_e127 - mn));
            float _e132 = t1_.x;
            float _e134 = t2_.x;
            float _e136 = t3_.x;
            float4 w = exp((float4(t0_.x, _e132, _e134, _e136) - (mn).xxxx));
            float _e141 = sum;
            float _e145 = t1_.y;
            float _e147 = t2_.y;
            float _e149 = t3_.y;
            sum = ((_e141 * c_1) + dot(w, float4(t0_.y, _e145, _e147, _e149)));
            float4 _e153 = acc;
            float4 _e157 = o1_;
            float4 _e162 = o2_;
            float4 _e165 = o3_;
            acc = (((_e153 * c_1) + ((o0_ * w.x) + (_e157 * w.y))) + ((_e162 * w.z) + (_e165 * w.w)));
            m = mn;
        }
    }
    float4 _e173 = acc;
    float _e174 = sum;
    return (_e173 / (_e174).xxxx);
}

uint output_columns()
{
    uint _e2 = params.n_cols;
    return _e2;
}

uint source_column(uint c)
{
    return c;
}

float workgroup_sum(uint tid_1, float v)
{
    uint s_1 = 64u;

    red[min(uint(tid_1), 127u)] = v;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e22 = s_1;
            s_1 = naga_div(_e22, 2u);
        }
        loop_init_1 = false;
        uint _e6 = s_1;
        if ((_e6 > 0u)) {
        } else {
            break;
        }
        {
            uint _e9 = s_1;
            if ((tid_1 < _e9)) {
                float _e15 = red[min(uint(tid_1), 127u)];
                uint _e17 = s_1;
                float _e20 = red[min(uint((tid_1 + _e17)), 127u)];
                red[min(uint(tid_1), 127u)] = (_e15 + _e20);
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
    uint s_2 = 8u;

    red[min(uint(tid_2), 127u)] = v_1;
    GroupMemoryBarrierWithGroupSync();
    uint lane = naga_mod(tid_2, TPU);
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e24 = s_2;
            s_2 = naga_div(_e24, 2u);
        }
        loop_init_2 = false;
        uint _e8 = s_2;
        if ((_e8 > 0u)) {
        } else {
            break;
        }
        {
            uint _e11 = s_2;
            if ((lane < _e11)) {
                float _e17 = red[min(uint(tid_2), 127u)];
                uint _e19 = s_2;
                float _e22 = red[min(uint((tid_2 + _e19)), 127u)];
                red[min(uint(tid_2), 127u)] = (_e17 + _e22);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_1 = red[min(uint((tid_2 - lane)), 127u)];
    GroupMemoryBarrierWithGroupSync();
    return total_1;
}

void stage_inputs(uint tid_3, uint col0_, uint n_cols, uint k0_, uint kc)
{
    float4 v0_ = (0.0).xxxx;
    float4 g0_ = (1.0).xxxx;
    bool local_2 = (bool)0;
    bool local_3 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_4 = (bool)0;
    bool local_5 = (bool)0;

    uint i0_ = (tid_3 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 144u)) {
        local_2 = ((col0_ + c0_) < n_cols);
    } else {
        local_2 = false;
    }
    bool _e23 = local_2;
    if (_e23) {
        local_3 = ((e0_ * 4u) < kc);
    } else {
        local_3 = false;
    }
    bool _e30 = local_3;
    if (_e30) {
        const uint _e32 = source_column((col0_ + c0_));
        const float4 _e36 = combined(_e32, (naga_div(k0_, 4u) + e0_));
        v0_ = _e36;
    }
    uint i1_ = (tid_3 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 144u)) {
        local_4 = ((col0_ + c1_) < n_cols);
    } else {
        local_4 = false;
    }
    bool _e55 = local_4;
    if (_e55) {
        local_5 = ((e1_ * 4u) < kc);
    } else {
        local_5 = false;
    }
    bool _e62 = local_5;
    if (_e62) {
        const uint _e64 = source_column((col0_ + c1_));
        const float4 _e68 = combined(_e64, (naga_div(k0_, 4u) + e1_));
        v1_ = _e68;
    }
    if ((i0_ < 144u)) {
        float4 _e79 = v0_;
        x_sh[min(uint((((c0_ * KCP) + e0_) + naga_div(e0_, 8u))), 161u)] = _e79;
    }
    if ((i1_ < 144u)) {
        float4 _e90 = v1_;
        x_sh[min(uint((((c1_ * KCP) + e1_) + naga_div(e1_, 8u))), 161u)] = _e90;
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, unit);
}

float4 input(uint xb, uint nb, uint i, float scale)
{
    float4 _e7 = x_sh[min(uint((xb + i)), 161u)];
    return _e7;
}

float q4_dot(uint4 q, uint s_3, uint xb_1, uint nb_1, float scale_1)
{
    float acc_1 = (float)0;

    float2 dm = float2(f16tof32(s_3), f16tof32((s_3) >> 16));
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
    acc_1 = (dot(float4((((q.x).xxxx >> shifts_lo) & m_1)), _e9) + dot(float4((((q.x).xxxx >> shifts_hi) & m_1)), _e17));
    float _e48 = acc_1;
    acc_1 = ((_e48 + dot(float4((((q.y).xxxx >> shifts_lo) & m_1)), _e11)) + dot(float4((((q.y).xxxx >> shifts_hi) & m_1)), _e19));
    float _e63 = acc_1;
    acc_1 = ((_e63 + dot(float4((((q.z).xxxx >> shifts_lo) & m_1)), _e13)) + dot(float4((((q.z).xxxx >> shifts_hi) & m_1)), _e21));
    float _e78 = acc_1;
    acc_1 = ((_e78 + dot(float4((((q.w).xxxx >> shifts_lo) & m_1)), _e15)) + dot(float4((((q.w).xxxx >> shifts_hi) & m_1)), _e23));
    float4 one = (1.0).xxxx;
    float sum_1 = (dot((((_e9 + _e11) + _e13) + _e15), one) + dot((((_e17 + _e19) + _e21) + _e23), one));
    float _e105 = acc_1;
    return ((dm.x * _e105) + (dm.y * sum_1));
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
    int w_1 = asint(word);
    return float4(int4(naga_extractBits(w_1, 0u, 8u), naga_extractBits(w_1, 8u, 8u), naga_extractBits(w_1, 16u, 8u), naga_extractBits(w_1, 24u, 8u)));
}

float4 epilogue_operands(uint2 rows, uint col_1)
{
    float _e8 = asfloat(y.Load(((col_1 * Y_STRIDE) + rows.x)*4));
    return float4(_e8, 0.0, 0.0, 0.0);
}

void epilogue(uint unit_1, uint2 rows_1, uint col_2, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e14 = a;
    y.Store(((col_2 * Y_STRIDE) + unit_1)*4, asuint((ops.x + _e14)));
    return;
}

[numthreads(128, 1, 1)]
void main(uint tid : SV_GroupIndex, uint3 wg : SV_GroupID, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        x_sh = (float4[162])0;
        red = (float[128])0;
    }
    GroupMemoryBarrierWithGroupSync();
    float acc_a = 0.0;
    float acc_b = 0.0;
    uint blk = (uint)0;
    bool local = (bool)0;
    bool local_1 = (bool)0;

    uint lane_1 = naga_mod(tid, TPU);
    uint col0_1 = (wg.y * B);
    const uint _e8 = output_columns();
    uint unit_2 = ((wg.x * UNITS_PER_WG) + naga_div(tid, TPU));
    const uint2 _e17 = unit_rows(min(unit_2, 575u));
    const float4 _e21 = epilogue_operands(_e17, min(col0_1, (_e8 - 1u)));
    uint pf_b0_ = min((lane_1 + 0u), 17u);
    const Raw _e27 = load_raw(_e17.x, pf_b0_);
    uint pf_b1_ = min((lane_1 + 16u), 17u);
    const Raw _e33 = load_raw(_e17.x, pf_b1_);
    stage_inputs(tid, col0_1, _e8, 0u, K);
    if ((unit_2 < UNITS)) {
        if (((lane_1 + 0u) < BLOCKS)) {
            float _e45 = acc_a;
            const float _e48 = raw_dot(_e27, (pf_b0_ * 9u));
            acc_a = (_e45 + _e48);
        }
        if (((lane_1 + 16u) < BLOCKS)) {
            float _e54 = acc_a;
            const float _e57 = raw_dot(_e33, (pf_b1_ * 9u));
            acc_a = (_e54 + _e57);
        }
        blk = (lane_1 + 32u);
        uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
        bool loop_init_3 = true;
        while(true) {
            if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
            loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
            if (!loop_init_3) {
                uint _e74 = blk;
                blk = (_e74 + TPU);
            }
            loop_init_3 = false;
            uint _e62 = blk;
            if ((_e62 < BLOCKS)) {
            } else {
                break;
            }
            {
                float _e65 = acc_a;
                uint _e67 = blk;
                uint _e68 = blk;
                const float _e72 = block_dot(_e17.x, _e67, (_e68 * 9u), 1.0);
                acc_a = (_e65 + _e72);
            }
        }
    }
    float _e77 = acc_a;
    const float _e78 = unit_sum(tid, _e77);
    if ((lane_1 == 0u)) {
        local = (unit_2 < UNITS);
    } else {
        local = false;
    }
    bool _e87 = local;
    if (_e87) {
        local_1 = (col0_1 < _e8);
    } else {
        local_1 = false;
    }
    bool _e92 = local_1;
    if (_e92) {
        epilogue(unit_2, _e17, col0_1, _e78, 0.0, _e21);
        return;
    } else {
        return;
    }
}
