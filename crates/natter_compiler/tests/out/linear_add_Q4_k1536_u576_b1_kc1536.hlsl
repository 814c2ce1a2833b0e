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
static const uint K = 1536u;
static const uint BLOCKS = 48u;
static const uint UNITS = 576u;
static const uint Y_STRIDE = 576u;
static const uint B = 1u;
static const uint ROUNDS = 1u;
static const uint PF = 3u;
static const uint NR = 1u;
static const uint KC = 1536u;
static const uint KC4_ = 384u;
static const uint KCP = 432u;
static const uint XBS = 9u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
groupshared float4 x_sh[432];
groupshared float red[128];

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

    red[min(uint(tid_1), 127u)] = v;
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
    float total = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

float unit_sum(uint tid_2, float v_1)
{
    uint s_1 = 8u;

    red[min(uint(tid_2), 127u)] = v_1;
    GroupMemoryBarrierWithGroupSync();
    uint lane = naga_mod(tid_2, TPU);
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e24 = s_1;
            s_1 = naga_div(_e24, 2u);
        }
        loop_init_1 = false;
        uint _e8 = s_1;
        if ((_e8 > 0u)) {
        } else {
            break;
        }
        {
            uint _e11 = s_1;
            if ((lane < _e11)) {
                float _e17 = red[min(uint(tid_2), 127u)];
                uint _e19 = s_1;
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
    float4 v2_ = (0.0).xxxx;
    float4 g2_ = (1.0).xxxx;
    bool local_6 = (bool)0;
    bool local_7 = (bool)0;

    uint i0_ = (tid_3 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 384u)) {
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
        const uint _e33 = source_column((col0_ + c0_));
        float4 _e41 = asfloat(x.Load4((((_e33 * 384u) + naga_div(k0_, 4u)) + e0_)*16));
        v0_ = _e41;
    }
    uint i1_ = (tid_3 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 384u)) {
        local_4 = ((col0_ + c1_) < n_cols);
    } else {
        local_4 = false;
    }
    bool _e60 = local_4;
    if (_e60) {
        local_5 = ((e1_ * 4u) < kc);
    } else {
        local_5 = false;
    }
    bool _e67 = local_5;
    if (_e67) {
        const uint _e70 = source_column((col0_ + c1_));
        float4 _e78 = asfloat(x.Load4((((_e70 * 384u) + naga_div(k0_, 4u)) + e1_)*16));
        v1_ = _e78;
    }
    uint i2_ = (tid_3 + 256u);
    uint c2_ = naga_div(i2_, KC4_);
    uint e2_ = naga_mod(i2_, KC4_);
    if ((i2_ < 384u)) {
        local_6 = ((col0_ + c2_) < n_cols);
    } else {
        local_6 = false;
    }
    bool _e97 = local_6;
    if (_e97) {
        local_7 = ((e2_ * 4u) < kc);
    } else {
        local_7 = false;
    }
    bool _e104 = local_7;
    if (_e104) {
        const uint _e107 = source_column((col0_ + c2_));
        float4 _e115 = asfloat(x.Load4((((_e107 * 384u) + naga_div(k0_, 4u)) + e2_)*16));
        v2_ = _e115;
    }
    if ((i0_ < 384u)) {
        float4 _e126 = v0_;
        x_sh[min(uint((((c0_ * KCP) + e0_) + naga_div(e0_, 8u))), 431u)] = _e126;
    }
    if ((i1_ < 384u)) {
        float4 _e137 = v1_;
        x_sh[min(uint((((c1_ * KCP) + e1_) + naga_div(e1_, 8u))), 431u)] = _e137;
    }
    if ((i2_ < 384u)) {
        float4 _e148 = v2_;
        x_sh[min(uint((((c2_ * KCP) + e2_) + naga_div(e2_, 8u))), 431u)] = _e148;
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
    float4 _e7 = x_sh[min(uint((xb + i)), 431u)];
    return _e7;
}

float q4_dot(uint4 q, uint s_2, uint xb_1, uint nb_1, float scale_1)
{
    float acc = (float)0;

    float2 dm = float2(f16tof32(s_2), f16tof32((s_2) >> 16));
    uint4 m = (15u).xxxx;
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
    acc = (dot(float4((((q.x).xxxx >> shifts_lo) & m)), _e9) + dot(float4((((q.x).xxxx >> shifts_hi) & m)), _e17));
    float _e48 = acc;
    acc = ((_e48 + dot(float4((((q.y).xxxx >> shifts_lo) & m)), _e11)) + dot(float4((((q.y).xxxx >> shifts_hi) & m)), _e19));
    float _e63 = acc;
    acc = ((_e63 + dot(float4((((q.z).xxxx >> shifts_lo) & m)), _e13)) + dot(float4((((q.z).xxxx >> shifts_hi) & m)), _e21));
    float _e78 = acc;
    acc = ((_e78 + dot(float4((((q.w).xxxx >> shifts_lo) & m)), _e15)) + dot(float4((((q.w).xxxx >> shifts_hi) & m)), _e23));
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
void main(uint tid : SV_GroupIndex, uint3 wg : SV_GroupID, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        x_sh = (float4[432])0;
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
    uint pf_b0_ = min((lane_1 + 0u), 47u);
    const Raw _e27 = load_raw(_e17.x, pf_b0_);
    uint pf_b1_ = min((lane_1 + 16u), 47u);
    const Raw _e33 = load_raw(_e17.x, pf_b1_);
    uint pf_b2_ = min((lane_1 + 32u), 47u);
    const Raw _e39 = load_raw(_e17.x, pf_b2_);
    stage_inputs(tid, col0_1, _e8, 0u, K);
    if ((unit_2 < UNITS)) {
        if (((lane_1 + 0u) < BLOCKS)) {
            float _e51 = acc_a;
            const float _e54 = raw_dot(_e27, (pf_b0_ * 9u));
            acc_a = (_e51 + _e54);
        }
        if (((lane_1 + 16u) < BLOCKS)) {
            float _e60 = acc_a;
            const float _e63 = raw_dot(_e33, (pf_b1_ * 9u));
            acc_a = (_e60 + _e63);
        }
        if (((lane_1 + 32u) < BLOCKS)) {
            float _e69 = acc_a;
            const float _e72 = raw_dot(_e39, (pf_b2_ * 9u));
            acc_a = (_e69 + _e72);
        }
        blk = (lane_1 + 48u);
        uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
        bool loop_init_2 = true;
        while(true) {
            if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
            loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
            if (!loop_init_2) {
                uint _e89 = blk;
                blk = (_e89 + TPU);
            }
            loop_init_2 = false;
            uint _e77 = blk;
            if ((_e77 < BLOCKS)) {
            } else {
                break;
            }
            {
                float _e80 = acc_a;
                uint _e82 = blk;
                uint _e83 = blk;
                const float _e87 = block_dot(_e17.x, _e82, (_e83 * 9u), 1.0);
                acc_a = (_e80 + _e87);
            }
        }
    }
    float _e92 = acc_a;
    const float _e93 = unit_sum(tid, _e92);
    if ((lane_1 == 0u)) {
        local = (unit_2 < UNITS);
    } else {
        local = false;
    }
    bool _e102 = local;
    if (_e102) {
        local_1 = (col0_1 < _e8);
    } else {
        local_1 = false;
    }
    bool _e107 = local_1;
    if (_e107) {
        epilogue(unit_2, _e17, col0_1, _e93, 0.0, _e21);
        return;
    } else {
        return;
    }
}
