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
static const uint UNITS = 49152u;
static const uint Y_STRIDE = 49152u;
static const uint B = 8u;
static const uint ROUNDS = 1u;
static const uint NR = 1u;
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
ByteAddressBuffer out_cols : register(t8);
groupshared float4 x_sh[648];
groupshared float red[1024];
groupshared float col_scale[8];

uint output_columns()
{
    uint _e2 = params.n_out;
    return _e2;
}

uint source_column(uint c_1)
{
    uint _e3 = asuint(out_cols.Load(c_1*4));
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
    float total = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

float unit_sum(uint tid_2, float v_1)
{
    uint s_1 = 4u;

    red[min(uint(tid_2), 1023u)] = v_1;
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
                float _e17 = red[min(uint(tid_2), 1023u)];
                uint _e19 = s_1;
                float _e22 = red[min(uint((tid_2 + _e19)), 1023u)];
                red[min(uint(tid_2), 1023u)] = (_e17 + _e22);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_1 = red[min(uint((tid_2 - lane)), 1023u)];
    GroupMemoryBarrierWithGroupSync();
    return total_1;
}

void column_scales(uint tid_3, uint sg_size, inout float ss_1[8])
{
    uint c_2 = 0u;

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
            const float _e11 = workgroup_sum(tid_3, _e10);
            if ((tid_3 == 0u)) {
                uint _e15 = c_2;
                col_scale[min(uint(_e15), 7u)] = rsqrt(((_e11 / 576.0) + 1e-5));
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void stage_inputs(uint tid_4, uint col0_, uint n_cols, uint k0_1, uint kc)
{
    uint i_1 = (uint)0;
    float4 v_2 = (float4)0;
    bool local_17 = (bool)0;

    i_1 = tid_4;
    uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
    bool loop_init_3 = true;
    while(true) {
        if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
        if (!loop_init_3) {
            uint _e59 = i_1;
            i_1 = (_e59 + WG);
        }
        loop_init_3 = false;
        uint _e6 = i_1;
        if ((_e6 < 576u)) {
        } else {
            break;
        }
        {
            uint _e9 = i_1;
            uint c_3 = naga_div(_e9, KC4_);
            uint _e12 = i_1;
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
    int w_1 = asint(word);
    return float4(int4(naga_extractBits(w_1, 0u, 8u), naga_extractBits(w_1, 8u, 8u), naga_extractBits(w_1, 16u, 8u), naga_extractBits(w_1, 24u, 8u)));
}

float block_dot(uint row, uint blk_1, uint xb_1, float scale_1)
{
    float acc = (float)0;

    uint b_1 = ((row * BLOCKS) + blk_1);
    uint nb_3 = (blk_1 * 8u);
    uint _e11 = asuint(w_s.Load(b_1*4));
    float d = float2(f16tof32(_e11), f16tof32((_e11) >> 16)).x;
    uint4 qa = asuint(w_q.Load4((2u * b_1)*16));
    uint4 qb = asuint(w_q.Load4(((2u * b_1) + 1u)*16));
    const float4 _e27 = bytes(qa.x);
    const float4 _e29 = input(xb_1, nb_3, 0u, scale_1);
    const float4 _e32 = bytes(qa.y);
    const float4 _e34 = input(xb_1, nb_3, 1u, scale_1);
    acc = (dot(_e27, _e29) + dot(_e32, _e34));
    float _e38 = acc;
    const float4 _e40 = bytes(qa.z);
    const float4 _e42 = input(xb_1, nb_3, 2u, scale_1);
    const float4 _e46 = bytes(qa.w);
    const float4 _e48 = input(xb_1, nb_3, 3u, scale_1);
    acc = ((_e38 + dot(_e40, _e42)) + dot(_e46, _e48));
    float _e51 = acc;
    const float4 _e53 = bytes(qb.x);
    const float4 _e55 = input(xb_1, nb_3, 4u, scale_1);
    const float4 _e59 = bytes(qb.y);
    const float4 _e61 = input(xb_1, nb_3, 5u, scale_1);
    acc = ((_e51 + dot(_e53, _e55)) + dot(_e59, _e61));
    float _e64 = acc;
    const float4 _e66 = bytes(qb.z);
    const float4 _e68 = input(xb_1, nb_3, 6u, scale_1);
    const float4 _e72 = bytes(qb.w);
    const float4 _e74 = input(xb_1, nb_3, 7u, scale_1);
    acc = ((_e64 + dot(_e66, _e68)) + dot(_e72, _e74));
    float _e77 = acc;
    return (d * _e77);
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
    uint _e7 = asuint(w_s.Load(b_2*4));
    float d_1 = float2(f16tof32(_e7), f16tof32((_e7) >> 16)).x;
    uint4 qa_1 = asuint(w_q.Load4((2u * b_2)*16));
    uint4 qb_1 = asuint(w_q.Load4(((2u * b_2) + 1u)*16));
    const float4 _e23 = bytes(qa_1.x);
    const float4 _e26 = bytes(qa_1.y);
    const float4 _e29 = bytes(qa_1.z);
    const float4 _e32 = bytes(qa_1.w);
    const float4 _e35 = bytes(qb_1.x);
    const float4 _e38 = bytes(qb_1.y);
    const float4 _e41 = bytes(qb_1.z);
    const float4 _e44 = bytes(qb_1.w);
    const Block block = ConstructBlock((_e23 * d_1), (_e26 * d_1), (_e29 * d_1), (_e32 * d_1), (_e35 * d_1), (_e38 * d_1), (_e41 * d_1), (_e44 * d_1));
    return block;
}

float2 dot_pair(Block wa, Block wb, uint xb_2, uint nb_1, float scale_2)
{
    const float4 _e6 = input(xb_2, nb_1, 0u, scale_2);
    const float4 _e8 = input(xb_2, nb_1, 1u, scale_2);
    const float4 _e10 = input(xb_2, nb_1, 2u, scale_2);
    const float4 _e12 = input(xb_2, nb_1, 3u, scale_2);
    const float4 _e14 = input(xb_2, nb_1, 4u, scale_2);
    const float4 _e16 = input(xb_2, nb_1, 5u, scale_2);
    const float4 _e18 = input(xb_2, nb_1, 6u, scale_2);
    const float4 _e20 = input(xb_2, nb_1, 7u, scale_2);
    float a_1 = (((((((dot(wa.v0_, _e6) + dot(wa.v1_, _e8)) + dot(wa.v2_, _e10)) + dot(wa.v3_, _e12)) + dot(wa.v4_, _e14)) + dot(wa.v5_, _e16)) + dot(wa.v6_, _e18)) + dot(wa.v7_, _e20));
    float b_3 = (((((((dot(wb.v0_, _e6) + dot(wb.v1_, _e8)) + dot(wb.v2_, _e10)) + dot(wb.v3_, _e12)) + dot(wb.v4_, _e14)) + dot(wb.v5_, _e16)) + dot(wb.v6_, _e18)) + dot(wb.v7_, _e20));
    return float2(a_1, b_3);
}

float dot_block(Block w, uint xb_3, uint nb_2, float scale_3)
{
    const float4 _e6 = input(xb_3, nb_2, 0u, scale_3);
    const float4 _e10 = input(xb_3, nb_2, 1u, scale_3);
    const float4 _e15 = input(xb_3, nb_2, 2u, scale_3);
    const float4 _e20 = input(xb_3, nb_2, 3u, scale_3);
    float a_2 = (((dot(w.v0_, _e6) + dot(w.v1_, _e10)) + dot(w.v2_, _e15)) + dot(w.v3_, _e20));
    const float4 _e25 = input(xb_3, nb_2, 4u, scale_3);
    const float4 _e29 = input(xb_3, nb_2, 5u, scale_3);
    const float4 _e34 = input(xb_3, nb_2, 6u, scale_3);
    const float4 _e39 = input(xb_3, nb_2, 7u, scale_3);
    float b_4 = (((dot(w.v4_, _e25) + dot(w.v5_, _e29)) + dot(w.v6_, _e34)) + dot(w.v7_, _e39));
    return (a_2 + b_4);
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
void main(uint tid : SV_GroupIndex, uint3 wg : SV_GroupID, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        x_sh = (float4[648])0;
        red = (float[1024])0;
        col_scale = (float[8])0;
    }
    GroupMemoryBarrierWithGroupSync();
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

    uint lane_1 = naga_mod(tid, TPU);
    uint col0_1 = (wg.y * B);
    const uint _e8 = output_columns();
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e45 = c;
            c = (_e45 + 1u);
        }
        loop_init_4 = false;
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
                uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e42 = i;
                        i = (_e42 + WG);
                    }
                    loop_init_5 = false;
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
    column_scales(tid, 1u, ss);
    uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e387 = round_;
            round_ = (_e387 + 1u);
        }
        loop_init_6 = false;
        uint _e50 = round_;
        if ((_e50 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e56 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e56) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e65 = unit_rows(min(unit_2, 49151u));
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
            uint2 loop_bound_7 = uint2(4294967295u, 4294967295u);
            bool loop_init_7 = true;
            while(true) {
                if (all(loop_bound_7 == uint2(0u, 0u))) { break; }
                loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
                if (!loop_init_7) {
                    uint _e200 = k0_;
                    k0_ = (_e200 + KC);
                }
                loop_init_7 = false;
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
                        blk = (naga_div(_e119, 32u) + lane_1);
                        uint2 loop_bound_8 = uint2(4294967295u, 4294967295u);
                        bool loop_init_8 = true;
                        while(true) {
                            if (all(loop_bound_8 == uint2(0u, 0u))) { break; }
                            loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
                            if (!loop_init_8) {
                                uint _e196 = blk;
                                blk = (_e196 + TPU);
                            }
                            loop_init_8 = false;
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
                                float _e140 = acc_a0_;
                                const float _e145 = dot_block(_e139, (0u + local_18), 0u, 1.0);
                                acc_a0_ = (_e140 + _e145);
                                float _e147 = acc_a1_;
                                const float _e152 = dot_block(_e139, (81u + local_18), 0u, 1.0);
                                acc_a1_ = (_e147 + _e152);
                                float _e154 = acc_a2_;
                                const float _e159 = dot_block(_e139, (162u + local_18), 0u, 1.0);
                                acc_a2_ = (_e154 + _e159);
                                float _e161 = acc_a3_;
                                const float _e166 = dot_block(_e139, (243u + local_18), 0u, 1.0);
                                acc_a3_ = (_e161 + _e166);
                                float _e168 = acc_a4_;
                                const float _e173 = dot_block(_e139, (324u + local_18), 0u, 1.0);
                                acc_a4_ = (_e168 + _e173);
                                float _e175 = acc_a5_;
                                const float _e180 = dot_block(_e139, (405u + local_18), 0u, 1.0);
                                acc_a5_ = (_e175 + _e180);
                                float _e182 = acc_a6_;
                                const float _e187 = dot_block(_e139, (486u + local_18), 0u, 1.0);
                                acc_a6_ = (_e182 + _e187);
                                float _e189 = acc_a7_;
                                const float _e194 = dot_block(_e139, (567u + local_18), 0u, 1.0);
                                acc_a7_ = (_e189 + _e194);
                            }
                        }
                    }
                    if (true) {
                        GroupMemoryBarrierWithGroupSync();
                    }
                }
            }
            {
                float _e203 = acc_a0_;
                const float _e204 = unit_sum(tid, _e203);
                if ((lane_1 == 0u)) {
                    local_1 = (unit_2 < UNITS);
                } else {
                    local_1 = false;
                }
                bool _e213 = local_1;
                if (_e213) {
                    local_2 = ((col0_1 + 0u) < _e8);
                } else {
                    local_2 = false;
                }
                bool _e220 = local_2;
                if (_e220) {
                    const float4 _e225 = epilogue_operands(_e65, (col0_1 + 0u));
                    epilogue(unit_2, _e65, (col0_1 + 0u), _e204, 0.0, _e225);
                }
            }
            {
                float _e226 = acc_a1_;
                const float _e227 = unit_sum(tid, _e226);
                if ((lane_1 == 0u)) {
                    local_3 = (unit_2 < UNITS);
                } else {
                    local_3 = false;
                }
                bool _e236 = local_3;
                if (_e236) {
                    local_4 = ((col0_1 + 1u) < _e8);
                } else {
                    local_4 = false;
                }
                bool _e243 = local_4;
                if (_e243) {
                    const float4 _e248 = epilogue_operands(_e65, (col0_1 + 1u));
                    epilogue(unit_2, _e65, (col0_1 + 1u), _e227, 0.0, _e248);
                }
            }
            {
                float _e249 = acc_a2_;
                const float _e250 = unit_sum(tid, _e249);
                if ((lane_1 == 0u)) {
                    local_5 = (unit_2 < UNITS);
                } else {
                    local_5 = false;
                }
                bool _e259 = local_5;
                if (_e259) {
                    local_6 = ((col0_1 + 2u) < _e8);
                } else {
                    local_6 = false;
                }
                bool _e266 = local_6;
                if (_e266) {
                    const float4 _e271 = epilogue_operands(_e65, (col0_1 + 2u));
                    epilogue(unit_2, _e65, (col0_1 + 2u), _e250, 0.0, _e271);
                }
            }
            {
                float _e272 = acc_a3_;
                const float _e273 = unit_sum(tid, _e272);
                if ((lane_1 == 0u)) {
                    local_7 = (unit_2 < UNITS);
                } else {
                    local_7 = false;
                }
                bool _e282 = local_7;
                if (_e282) {
                    local_8 = ((col0_1 + 3u) < _e8);
                } else {
                    local_8 = false;
                }
                bool _e289 = local_8;
                if (_e289) {
                    const float4 _e294 = epilogue_operands(_e65, (col0_1 + 3u));
                    epilogue(unit_2, _e65, (col0_1 + 3u), _e273, 0.0, _e294);
                }
            }
            {
                float _e295 = acc_a4_;
                const float _e296 = unit_sum(tid, _e295);
                if ((lane_1 == 0u)) {
                    local_9 = (unit_2 < UNITS);
                } else {
                    local_9 = false;
                }
                bool _e305 = local_9;
                if (_e305) {
                    local_10 = ((col0_1 + 4u) < _e8);
                } else {
                    local_10 = false;
                }
                bool _e312 = local_10;
                if (_e312) {
                    const float4 _e317 = epilogue_operands(_e65, (col0_1 + 4u));
                    epilogue(unit_2, _e65, (col0_1 + 4u), _e296, 0.0, _e317);
                }
            }
            {
                float _e318 = acc_a5_;
                const float _e319 = unit_sum(tid, _e318);
                if ((lane_1 == 0u)) {
                    local_11 = (unit_2 < UNITS);
                } else {
                    local_11 = false;
                }
                bool _e328 = local_11;
                if (_e328) {
                    local_12 = ((col0_1 + 5u) < _e8);
                } else {
                    local_12 = false;
                }
                bool _e335 = local_12;
                if (_e335) {
                    const float4 _e340 = epilogue_operands(_e65, (col0_1 + 5u));
                    epilogue(unit_2, _e65, (col0_1 + 5u), _e319, 0.0, _e340);
                }
            }
            {
                float _e341 = acc_a6_;
                const float _e342 = unit_sum(tid, _e341);
                if ((lane_1 == 0u)) {
                    local_13 = (unit_2 < UNITS);
                } else {
                    local_13 = false;
                }
                bool _e351 = local_13;
                if (_e351) {
                    local_14 = ((col0_1 + 6u) < _e8);
                } else {
                    local_14 = false;
                }
                bool _e358 = local_14;
                if (_e358) {
                    const float4 _e363 = epilogue_operands(_e65, (col0_1 + 6u));
                    epilogue(unit_2, _e65, (col0_1 + 6u), _e342, 0.0, _e363);
                }
            }
            {
                float _e364 = acc_a7_;
                const float _e365 = unit_sum(tid, _e364);
                if ((lane_1 == 0u)) {
                    local_15 = (unit_2 < UNITS);
                } else {
                    local_15 = false;
                }
                bool _e374 = local_15;
                if (_e374) {
                    local_16 = ((col0_1 + 7u) < _e8);
                } else {
                    local_16 = false;
                }
                bool _e381 = local_16;
                if (_e381) {
                    const float4 _e386 = epilogue_operands(_e65, (col0_1 + 7u));
                    epilogue(unit_2, _e65, (col0_1 + 7u), _e365, 0.0, _e386);
                }
            }
        }
    }
    return;
}
