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
static const uint B = 8u;
static const uint ROUNDS = 1u;
static const uint NR = 2u;
static const uint FFN = 1536u;
static const uint KC = 288u;
static const uint KC4_ = 72u;
static const uint KCP = 81u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
ByteAddressBuffer norm_w : register(t6);
groupshared float4 x_sh[648];
groupshared float red[1024];
groupshared float col_scale[8];

struct ComputeInput_main {
    uint tid_5 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

uint output_columns()
{
    uint _e2 = params.n_cols;
    return _e2;
}

uint source_column(uint c_1)
{
    return c_1;
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
    uint c_2 = 0u;
    float total = 0.0;
    uint i_1 = 0u;

    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e22 = c_2;
            c_2 = (_e22 + 1u);
        }
        loop_init_2 = false;
        uint _e5 = c_2;
        if ((_e5 < B)) {
        } else {
            break;
        }
        {
            uint _e8 = c_2;
            float _e10 = ss_1[min(uint(_e8), 7u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_3, sg_size_1) == 0u)) {
                uint _e19 = c_2;
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
    uint i_2 = (uint)0;
    float4 v_2 = (float4)0;
    bool local_17 = (bool)0;

    i_2 = tid_4;
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e59 = i_2;
            i_2 = (_e59 + WG);
        }
        loop_init_4 = false;
        uint _e6 = i_2;
        if ((_e6 < 576u)) {
        } else {
            break;
        }
        {
            uint _e9 = i_2;
            uint c_3 = naga_div(_e9, KC4_);
            uint _e12 = i_2;
            uint e = naga_mod(_e12, KC4_);
            v_2 = (0.0).xxxx;
            if (((col0_ + c_3) < n_cols)) {
                local_17 = ((e * 4u) < kc);
            } else {
                local_17 = false;
            }
            bool _e26 = local_17;
            if (_e26) {
                const uint _e29 = source_column((col0_ + c_3));
                float4 _e37 = asfloat(x.Load4((((_e29 * 144u) + naga_div(k0_1, 4u)) + e)*16));
                v_2 = _e37;
                float4 _e38 = v_2;
                float _e41 = col_scale[min(uint(c_3), 7u)];
                float4 _e47 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e)*16));
                v_2 = (_e38 * (_e41 * _e47));
            }
            float4 _e58 = v_2;
            x_sh[min(uint((((c_3 * KCP) + e) + naga_div(e, 8u))), 647u)] = _e58;
        }
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, (FFN + unit));
}

float4 input(uint xb, uint nb, uint i_3, float scale)
{
    float4 _e7 = x_sh[min(uint((xb + i_3)), 647u)];
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
    uint nb_4 = (blk_1 * 8u);
    uint4 _e11 = asuint(w_q.Load4(b_1*16));
    uint _e14 = asuint(w_s.Load(b_1*4));
    const float _e15 = q4_dot(_e11, _e14, xb_2, nb_4, scale_2);
    return _e15;
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

Block dequant(uint row_1, uint blk_2)
{
    uint b_2 = ((row_1 * BLOCKS) + blk_2);
    uint4 q_1 = asuint(w_q.Load4(b_2*16));
    uint _e10 = asuint(w_s.Load(b_2*4));
    float2 dm_1 = float2(f16tof32(_e10), f16tof32((_e10) >> 16));
    uint4 m_2 = (15u).xxxx;
    uint4 lo = uint4(0u, 8u, 16u, 24u);
    uint4 hi = uint4(4u, 12u, 20u, 28u);
    float4 d = (dm_1.x).xxxx;
    float4 o = (dm_1.y).xxxx;
    const Block block = ConstructBlock(mad(float4((((q_1.x).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.y).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.z).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.w).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.x).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.y).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.z).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.w).xxxx >> hi) & m_2)), d, o));
    return block;
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
    float a_1 = (((((((dot(wa.v0_, _e6) + dot(wa.v1_, _e8)) + dot(wa.v2_, _e10)) + dot(wa.v3_, _e12)) + dot(wa.v4_, _e14)) + dot(wa.v5_, _e16)) + dot(wa.v6_, _e18)) + dot(wa.v7_, _e20));
    float b_3 = (((((((dot(wb.v0_, _e6) + dot(wb.v1_, _e8)) + dot(wb.v2_, _e10)) + dot(wb.v3_, _e12)) + dot(wb.v4_, _e14)) + dot(wb.v5_, _e16)) + dot(wb.v6_, _e18)) + dot(wb.v7_, _e20));
    return float2(a_1, b_3);
}

float dot_block(Block w, uint xb_4, uint nb_3, float scale_4)
{
    const float4 _e6 = input(xb_4, nb_3, 0u, scale_4);
    const float4 _e10 = input(xb_4, nb_3, 1u, scale_4);
    const float4 _e15 = input(xb_4, nb_3, 2u, scale_4);
    const float4 _e20 = input(xb_4, nb_3, 3u, scale_4);
    float a_2 = (((dot(w.v0_, _e6) + dot(w.v1_, _e10)) + dot(w.v2_, _e15)) + dot(w.v3_, _e20));
    const float4 _e25 = input(xb_4, nb_3, 4u, scale_4);
    const float4 _e29 = input(xb_4, nb_3, 5u, scale_4);
    const float4 _e34 = input(xb_4, nb_3, 6u, scale_4);
    const float4 _e39 = input(xb_4, nb_3, 7u, scale_4);
    float b_4 = (((dot(w.v4_, _e25) + dot(w.v5_, _e29)) + dot(w.v6_, _e34)) + dot(w.v7_, _e39));
    return (a_2 + b_4);
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
        x_sh = (float4[648])0;
        red = (float[1024])0;
        col_scale = (float[8])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_5;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
    float ss[8] = (float[8])0;
    uint c = 0u;
    uint i = (uint)0;
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
    uint k0_ = (uint)0;
    bool local = (bool)0;
    uint blk = (uint)0;
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
    uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e45 = c;
            c = (_e45 + 1u);
        }
        loop_init_5 = false;
        uint _e12 = c;
        if ((_e12 < B)) {
        } else {
            break;
        }
        {
            uint _e15 = c;
            ss[min(uint(_e15), 7u)] = 0.0;
            uint _e18 = c;
            if (((col0_1 + _e18) < _e8)) {
                uint _e21 = c;
                const uint _e23 = source_column((col0_1 + _e21));
                uint base = (_e23 * 144u);
                i = tid;
                uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
                bool loop_init_6 = true;
                while(true) {
                    if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
                    loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                    if (!loop_init_6) {
                        uint _e42 = i;
                        i = (_e42 + WG);
                    }
                    loop_init_6 = false;
                    uint _e27 = i;
                    if ((_e27 < 144u)) {
                    } else {
                        break;
                    }
                    {
                        uint _e31 = i;
                        float4 v_3 = asfloat(x.Load4((base + _e31)*16));
                        uint _e35 = c;
                        uint _e37 = c;
                        float _e39 = ss[min(uint(_e37), 7u)];
                        ss[min(uint(_e35), 7u)] = (_e39 + dot(v_3, v_3));
                    }
                }
            }
        }
    }
    column_scales(tid, sg_size, ss);
    uint2 loop_bound_7 = uint2(4294967295u, 4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (all(loop_bound_7 == uint2(0u, 0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e430 = round_;
            round_ = (_e430 + 1u);
        }
        loop_init_7 = false;
        uint _e50 = round_;
        if ((_e50 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e56 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e56) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e65 = unit_rows(min(unit_2, 1535u));
            acc_a0_ = 0.0;
            acc_b0_ = 0.0;
            acc_a1_ = 0.0;
            acc_b1_ = 0.0;
            acc_a2_ = 0.0;
            acc_b2_ = 0.0;
            acc_a3_ = 0.0;
            acc_b3_ = 0.0;
            acc_a4_ = 0.0;
            acc_b4_ = 0.0;
            acc_a5_ = 0.0;
            acc_b5_ = 0.0;
            acc_a6_ = 0.0;
            acc_b6_ = 0.0;
            acc_a7_ = 0.0;
            acc_b7_ = 0.0;
            k0_ = 0u;
            uint2 loop_bound_8 = uint2(4294967295u, 4294967295u);
            bool loop_init_8 = true;
            while(true) {
                if (all(loop_bound_8 == uint2(0u, 0u))) { break; }
                loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
                if (!loop_init_8) {
                    uint _e235 = k0_;
                    k0_ = (_e235 + KC);
                }
                loop_init_8 = false;
                uint _e100 = k0_;
                if ((_e100 < K)) {
                } else {
                    break;
                }
                {
                    uint _e105 = k0_;
                    uint kc_1 = min(KC, (K - _e105));
                    if (false) {
                        uint _e111 = round_;
                        local = (_e111 == 0u);
                    } else {
                        local = true;
                    }
                    bool _e115 = local;
                    if (_e115) {
                        uint _e116 = k0_;
                        stage_inputs(tid, col0_1, _e8, _e116, kc_1);
                    }
                    if ((unit_2 < UNITS)) {
                        uint _e119 = k0_;
                        blk = (naga_div(_e119, 32u) + lane);
                        uint2 loop_bound_9 = uint2(4294967295u, 4294967295u);
                        bool loop_init_9 = true;
                        while(true) {
                            if (all(loop_bound_9 == uint2(0u, 0u))) { break; }
                            loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
                            if (!loop_init_9) {
                                uint _e231 = blk;
                                blk = (_e231 + TPU);
                            }
                            loop_init_9 = false;
                            uint _e124 = blk;
                            uint _e125 = k0_;
                            if ((_e124 < naga_div((_e125 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e130 = blk;
                                uint _e131 = k0_;
                                uint local_18 = ((_e130 - naga_div(_e131, 32u)) * 9u);
                                uint _e138 = blk;
                                const Block _e139 = dequant(_e65.x, _e138);
                                uint _e141 = blk;
                                const Block _e142 = dequant(_e65.y, _e141);
                                const float2 _e147 = dot_pair(_e139, _e142, (0u + local_18), 0u, 1.0);
                                float _e148 = acc_a0_;
                                acc_a0_ = (_e148 + _e147.x);
                                float _e151 = acc_b0_;
                                acc_b0_ = (_e151 + _e147.y);
                                const float2 _e158 = dot_pair(_e139, _e142, (81u + local_18), 0u, 1.0);
                                float _e159 = acc_a1_;
                                acc_a1_ = (_e159 + _e158.x);
                                float _e162 = acc_b1_;
                                acc_b1_ = (_e162 + _e158.y);
                                const float2 _e169 = dot_pair(_e139, _e142, (162u + local_18), 0u, 1.0);
                                float _e170 = acc_a2_;
                                acc_a2_ = (_e170 + _e169.x);
                                float _e173 = acc_b2_;
                                acc_b2_ = (_e173 + _e169.y);
                                const float2 _e180 = dot_pair(_e139, _e142, (243u + local_18), 0u, 1.0);
                                float _e181 = acc_a3_;
                                acc_a3_ = (_e181 + _e180.x);
                                float _e184 = acc_b3_;
                                acc_b3_ = (_e184 + _e180.y);
                                const float2 _e191 = dot_pair(_e139, _e142, (324u + local_18), 0u, 1.0);
                                float _e192 = acc_a4_;
                                acc_a4_ = (_e192 + _e191.x);
                                float _e195 = acc_b4_;
                                acc_b4_ = (_e195 + _e191.y);
                                const float2 _e202 = dot_pair(_e139, _e142, (405u + local_18), 0u, 1.0);
                                float _e203 = acc_a5_;
                                acc_a5_ = (_e203 + _e202.x);
                                float _e206 = acc_b5_;
                                acc_b5_ = (_e206 + _e202.y);
                                const float2 _e213 = dot_pair(_e139, _e142, (486u + local_18), 0u, 1.0);
                                float _e214 = acc_a6_;
                                acc_a6_ = (_e214 + _e213.x);
                                float _e217 = acc_b6_;
                                acc_b6_ = (_e217 + _e213.y);
                                const float2 _e224 = dot_pair(_e139, _e142, (567u + local_18), 0u, 1.0);
                                float _e225 = acc_a7_;
                                acc_a7_ = (_e225 + _e224.x);
                                float _e228 = acc_b7_;
                                acc_b7_ = (_e228 + _e224.y);
                            }
                        }
                    }
                    if (true) {
                        GroupMemoryBarrierWithGroupSync();
                    }
                }
            }
            {
                float _e238 = acc_a0_;
                const float _e239 = unit_sum(tid, _e238);
                float _e240 = acc_b0_;
                const float _e241 = unit_sum(tid, _e240);
                if ((lane == 0u)) {
                    local_1 = (unit_2 < UNITS);
                } else {
                    local_1 = false;
                }
                bool _e249 = local_1;
                if (_e249) {
                    local_2 = ((col0_1 + 0u) < _e8);
                } else {
                    local_2 = false;
                }
                bool _e256 = local_2;
                if (_e256) {
                    const float4 _e261 = epilogue_operands(_e65, (col0_1 + 0u));
                    epilogue(unit_2, _e65, (col0_1 + 0u), _e239, _e241, _e261);
                }
            }
            {
                float _e262 = acc_a1_;
                const float _e263 = unit_sum(tid, _e262);
                float _e264 = acc_b1_;
                const float _e265 = unit_sum(tid, _e264);
                if ((lane == 0u)) {
                    local_3 = (unit_2 < UNITS);
                } else {
                    local_3 = false;
                }
                bool _e273 = local_3;
                if (_e273) {
                    local_4 = ((col0_1 + 1u) < _e8);
                } else {
                    local_4 = false;
                }
                bool _e280 = local_4;
                if (_e280) {
                    const float4 _e285 = epilogue_operands(_e65, (col0_1 + 1u));
                    epilogue(unit_2, _e65, (col0_1 + 1u), _e263, _e265, _e285);
                }
            }
            {
                float _e286 = acc_a2_;
                const float _e287 = unit_sum(tid, _e286);
                float _e288 = acc_b2_;
                const float _e289 = unit_sum(tid, _e288);
                if ((lane == 0u)) {
                    local_5 = (unit_2 < UNITS);
                } else {
                    local_5 = false;
                }
                bool _e297 = local_5;
                if (_e297) {
                    local_6 = ((col0_1 + 2u) < _e8);
                } else {
                    local_6 = false;
                }
                bool _e304 = local_6;
                if (_e304) {
                    const float4 _e309 = epilogue_operands(_e65, (col0_1 + 2u));
                    epilogue(unit_2, _e65, (col0_1 + 2u), _e287, _e289, _e309);
                }
            }
            {
                float _e310 = acc_a3_;
                const float _e311 = unit_sum(tid, _e310);
                float _e312 = acc_b3_;
                const float _e313 = unit_sum(tid, _e312);
                if ((lane == 0u)) {
                    local_7 = (unit_2 < UNITS);
                } else {
                    local_7 = false;
                }
                bool _e321 = local_7;
                if (_e321) {
                    local_8 = ((col0_1 + 3u) < _e8);
                } else {
                    local_8 = false;
                }
                bool _e328 = local_8;
                if (_e328) {
                    const float4 _e333 = epilogue_operands(_e65, (col0_1 + 3u));
                    epilogue(unit_2, _e65, (col0_1 + 3u), _e311, _e313, _e333);
                }
            }
            {
                float _e334 = acc_a4_;
                const float _e335 = unit_sum(tid, _e334);
                float _e336 = acc_b4_;
                const float _e337 = unit_sum(tid, _e336);
                if ((lane == 0u)) {
                    local_9 = (unit_2 < UNITS);
                } else {
                    local_9 = false;
                }
                bool _e345 = local_9;
                if (_e345) {
                    local_10 = ((col0_1 + 4u) < _e8);
                } else {
                    local_10 = false;
                }
                bool _e352 = local_10;
                if (_e352) {
                    const float4 _e357 = epilogue_operands(_e65, (col0_1 + 4u));
                    epilogue(unit_2, _e65, (col0_1 + 4u), _e335, _e337, _e357);
                }
            }
            {
                float _e358 = acc_a5_;
                const float _e359 = unit_sum(tid, _e358);
                float _e360 = acc_b5_;
                const float _e361 = unit_sum(tid, _e360);
                if ((lane == 0u)) {
                    local_11 = (unit_2 < UNITS);
                } else {
                    local_11 = false;
                }
                bool _e369 = local_11;
                if (_e369) {
                    local_12 = ((col0_1 + 5u) < _e8);
                } else {
                    local_12 = false;
                }
                bool _e376 = local_12;
                if (_e376) {
                    const float4 _e381 = epilogue_operands(_e65, (col0_1 + 5u));
                    epilogue(unit_2, _e65, (col0_1 + 5u), _e359, _e361, _e381);
                }
            }
            {
                float _e382 = acc_a6_;
                const float _e383 = unit_sum(tid, _e382);
                float _e384 = acc_b6_;
                const float _e385 = unit_sum(tid, _e384);
                if ((lane == 0u)) {
                    local_13 = (unit_2 < UNITS);
                } else {
                    local_13 = false;
                }
                bool _e393 = local_13;
                if (_e393) {
                    local_14 = ((col0_1 + 6u) < _e8);
                } else {
                    local_14 = false;
                }
                bool _e400 = local_14;
                if (_e400) {
                    const float4 _e405 = epilogue_operands(_e65, (col0_1 + 6u));
                    epilogue(unit_2, _e65, (col0_1 + 6u), _e383, _e385, _e405);
                }
            }
            {
                float _e406 = acc_a7_;
                const float _e407 = unit_sum(tid, _e406);
                float _e408 = acc_b7_;
                const float _e409 = unit_sum(tid, _e408);
                if ((lane == 0u)) {
                    local_15 = (unit_2 < UNITS);
                } else {
                    local_15 = false;
                }
                bool _e417 = local_15;
                if (_e417) {
                    local_16 = ((col0_1 + 7u) < _e8);
                } else {
                    local_16 = false;
                }
                bool _e424 = local_16;
                if (_e424) {
                    const float4 _e429 = epilogue_operands(_e65, (col0_1 + 7u));
                    epilogue(unit_2, _e65, (col0_1 + 7u), _e407, _e409, _e429);
                }
            }
        }
    }
    return;
}
