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

static const uint WG = 64u;
static const uint HEAD_DIM = 64u;
static const uint N_HEADS = 9u;
static const uint KV_HEADS = 3u;
static const uint GROUP = 3u;
static const uint CTX = 2048u;
static const uint SPLITS = 32u;
static const uint D4_ = 16u;
static const uint GROUPS = 4u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer q : register(t2);
ByteAddressBuffer k_cache : register(t3);
ByteAddressBuffer v_cache : register(t4);
RWByteAddressBuffer out_ : register(u5);
groupshared float4 q_sh[16];
groupshared float p_sh[64];
groupshared float red[64];
groupshared float4 part[64];

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

float reduce_max(uint tid_1, uint sg_size, float v)
{
    uint s_1 = 32u;

    red[min(uint(tid_1), 63u)] = v;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound = uint2(4294967295u, 4294967295u);
    bool loop_init = true;
    while(true) {
        if (all(loop_bound == uint2(0u, 0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e23 = s_1;
            s_1 = naga_div(_e23, 2u);
        }
        loop_init = false;
        uint _e7 = s_1;
        if ((_e7 > 0u)) {
        } else {
            break;
        }
        {
            uint _e10 = s_1;
            if ((tid_1 < _e10)) {
                float _e16 = red[min(uint(tid_1), 63u)];
                uint _e18 = s_1;
                float _e21 = red[min(uint((tid_1 + _e18)), 63u)];
                red[min(uint(tid_1), 63u)] = max(_e16, _e21);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float r = red[0];
    GroupMemoryBarrierWithGroupSync();
    return r;
}

float reduce_sum(uint tid_2, uint sg_size_1, float v_1)
{
    uint s_2 = 32u;

    red[min(uint(tid_2), 63u)] = v_1;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e23 = s_2;
            s_2 = naga_div(_e23, 2u);
        }
        loop_init_1 = false;
        uint _e7 = s_2;
        if ((_e7 > 0u)) {
        } else {
            break;
        }
        {
            uint _e10 = s_2;
            if ((tid_2 < _e10)) {
                float _e16 = red[min(uint(tid_2), 63u)];
                uint _e18 = s_2;
                float _e21 = red[min(uint((tid_2 + _e18)), 63u)];
                red[min(uint(tid_2), 63u)] = (_e16 + _e21);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float r_1 = red[0];
    GroupMemoryBarrierWithGroupSync();
    return r_1;
}

float score(uint kb)
{
    float d_1 = 0.0;

    float4 k0_ = asfloat(k_cache.Load4((kb + 0u)*16));
    float4 k1_ = asfloat(k_cache.Load4((kb + 1u)*16));
    float4 k2_ = asfloat(k_cache.Load4((kb + 2u)*16));
    float4 k3_ = asfloat(k_cache.Load4((kb + 3u)*16));
    float4 k4_ = asfloat(k_cache.Load4((kb + 4u)*16));
    float4 k5_ = asfloat(k_cache.Load4((kb + 5u)*16));
    float4 k6_ = asfloat(k_cache.Load4((kb + 6u)*16));
    float4 k7_ = asfloat(k_cache.Load4((kb + 7u)*16));
    float4 k8_ = asfloat(k_cache.Load4((kb + 8u)*16));
    float4 k9_ = asfloat(k_cache.Load4((kb + 9u)*16));
    float4 k10_ = asfloat(k_cache.Load4((kb + 10u)*16));
    float4 k11_ = asfloat(k_cache.Load4((kb + 11u)*16));
    float4 k12_ = asfloat(k_cache.Load4((kb + 12u)*16));
    float4 k13_ = asfloat(k_cache.Load4((kb + 13u)*16));
    float4 k14_ = asfloat(k_cache.Load4((kb + 14u)*16));
    float4 k15_ = asfloat(k_cache.Load4((kb + 15u)*16));
    float _e83 = d_1;
    float4 _e86 = q_sh[0];
    d_1 = (_e83 + dot(_e86, k0_));
    float _e89 = d_1;
    float4 _e92 = q_sh[1];
    d_1 = (_e89 + dot(_e92, k1_));
    float _e95 = d_1;
    float4 _e98 = q_sh[2];
    d_1 = (_e95 + dot(_e98, k2_));
    float _e101 = d_1;
    float4 _e104 = q_sh[3];
    d_1 = (_e101 + dot(_e104, k3_));
    float _e107 = d_1;
    float4 _e110 = q_sh[4];
    d_1 = (_e107 + dot(_e110, k4_));
    float _e113 = d_1;
    float4 _e116 = q_sh[5];
    d_1 = (_e113 + dot(_e116, k5_));
    float _e119 = d_1;
    float4 _e122 = q_sh[6];
    d_1 = (_e119 + dot(_e122, k6_));
    float _e125 = d_1;
    float4 _e128 = q_sh[7];
    d_1 = (_e125 + dot(_e128, k7_));
    float _e131 = d_1;
    float4 _e134 = q_sh[8];
    d_1 = (_e131 + dot(_e134, k8_));
    float _e137 = d_1;
    float4 _e140 = q_sh[9];
    d_1 = (_e137 + dot(_e140, k9_));
    float _e143 = d_1;
    float4 _e146 = q_sh[10];
    d_1 = (_e143 + dot(_e146, k10_));
    float _e149 = d_1;
    float4 _e152 = q_sh[11];
    d_1 = (_e149 + dot(_e152, k11_));
    float _e155 = d_1;
    float4 _e158 = q_sh[12];
    d_1 = (_e155 + dot(_e158, k12_));
    float _e161 = d_1;
    float4 _e164 = q_sh[13];
    d_1 = (_e161 + dot(_e164, k13_));
    float _e167 = d_1;
    float4 _e170 = q_sh[14];
    d_1 = (_e167 + dot(_e170, k14_));
    float _e173 = d_1;
    float4 _e176 = q_sh[15];
    d_1 = (_e173 + dot(_e176, k15_));
    float _e179 = d_1;
    return _e179;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

Column ConstructColumn(uint arg0, uint arg1, uint arg2, uint arg3) {
    Column ret = (Column)0;
    ret.slot = arg0;
    ret.pos = arg1;
    ret.token = arg2;
    ret._pad = arg3;
    return ret;
}

[numthreads(64, 1, 1)]
void main(uint tid : SV_GroupIndex, uint3 wg : SV_GroupID, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        q_sh = (float4[16])0;
        p_sh = (float[64])0;
        red = (float[64])0;
        part = (float4[64])0;
    }
    GroupMemoryBarrierWithGroupSync();
    float4 qv = (0.0).xxxx;
    float run_max = -3e38;
    float run_sum = 0.0;
    float4 acc = (0.0).xxxx;
    uint tile = (uint)0;
    float4 v0_ = (float4)0;
    bool local = (bool)0;
    float4 v1_ = (float4)0;
    bool local_1 = (bool)0;
    float4 v2_ = (float4)0;
    bool local_2 = (bool)0;
    float4 v3_ = (float4)0;
    bool local_3 = (bool)0;
    float4 v4_ = (float4)0;
    bool local_4 = (bool)0;
    float4 v5_ = (float4)0;
    bool local_5 = (bool)0;
    float4 v6_ = (float4)0;
    bool local_6 = (bool)0;
    float4 v7_ = (float4)0;
    bool local_7 = (bool)0;
    float4 v8_ = (float4)0;
    bool local_8 = (bool)0;
    float4 v9_ = (float4)0;
    bool local_9 = (bool)0;
    float4 v10_ = (float4)0;
    bool local_10 = (bool)0;
    float4 v11_ = (float4)0;
    bool local_11 = (bool)0;
    float4 v12_ = (float4)0;
    bool local_12 = (bool)0;
    float4 v13_ = (float4)0;
    bool local_13 = (bool)0;
    float4 v14_ = (float4)0;
    bool local_14 = (bool)0;
    float4 v15_ = (float4)0;
    bool local_15 = (bool)0;
    float s = (float)0;
    float d = (float)0;
    float p = (float)0;
    float4 total = (0.0).xxxx;
    uint g = 0u;

    uint head = wg.x;
    uint col = wg.y;
    uint _e7 = params.n_cols;
    if ((col >= _e7)) {
        return;
    }
    uint q_base = (((col * N_HEADS) + head) * D4_);
    if ((tid < D4_)) {
        float4 _e22 = asfloat(q.Load4((q_base + tid)*16));
        qv = _e22;
    }
    Column info = ConstructColumn(asuint(cols.Load(col*16+0)), asuint(cols.Load(col*16+4)), asuint(cols.Load(col*16+8)), asuint(cols.Load(col*16+12)));
    uint span = params.span;
    uint first = (wg.z * span);
    if ((first > info.pos)) {
        return;
    }
    uint len = min((info.pos + 1u), (first + span));
    uint kv_base = (((info.slot * KV_HEADS) + naga_div(head, GROUP)) * CTX);
    uint kb0_ = ((kv_base + min((first + tid), (len - 1u))) * D4_);
    float4 k0_0_ = asfloat(k_cache.Load4((kb0_ + 0u)*16));
    float4 k0_1_ = asfloat(k_cache.Load4((kb0_ + 1u)*16));
    float4 k0_2_ = asfloat(k_cache.Load4((kb0_ + 2u)*16));
    float4 k0_3_ = asfloat(k_cache.Load4((kb0_ + 3u)*16));
    float4 k0_4_ = asfloat(k_cache.Load4((kb0_ + 4u)*16));
    float4 k0_5_ = asfloat(k_cache.Load4((kb0_ + 5u)*16));
    float4 k0_6_ = asfloat(k_cache.Load4((kb0_ + 6u)*16));
    float4 k0_7_ = asfloat(k_cache.Load4((kb0_ + 7u)*16));
    float4 k0_8_ = asfloat(k_cache.Load4((kb0_ + 8u)*16));
    float4 k0_9_ = asfloat(k_cache.Load4((kb0_ + 9u)*16));
    float4 k0_10_ = asfloat(k_cache.Load4((kb0_ + 10u)*16));
    float4 k0_11_ = asfloat(k_cache.Load4((kb0_ + 11u)*16));
    float4 k0_12_ = asfloat(k_cache.Load4((kb0_ + 12u)*16));
    float4 k0_13_ = asfloat(k_cache.Load4((kb0_ + 13u)*16));
    float4 k0_14_ = asfloat(k_cache.Load4((kb0_ + 14u)*16));
    float4 k0_15_ = asfloat(k_cache.Load4((kb0_ + 15u)*16));
    if ((tid < D4_)) {
        float4 _e138 = qv;
        q_sh[min(uint(tid), 15u)] = _e138;
    }
    GroupMemoryBarrierWithGroupSync();
    uint d4_ = naga_mod(tid, D4_);
    uint group = naga_div(tid, D4_);
    tile = first;
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e794 = tile;
            tile = (_e794 + WG);
        }
        loop_init_2 = false;
        uint _e151 = tile;
        if ((_e151 < len)) {
        } else {
            break;
        }
        {
            uint _e154 = tile;
            uint count = min(WG, (len - _e154));
            uint _e157 = tile;
            uint vb = (((kv_base + _e157) * D4_) + d4_);
            v0_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local = ((group + 0u) < count);
            } else {
                local = false;
            }
            bool _e173 = local;
            if (_e173) {
                float4 _e181 = asfloat(v_cache.Load4((vb + ((group + 0u) * D4_))*16));
                v0_ = _e181;
            }
            v1_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_1 = ((group + 4u) < count);
            } else {
                local_1 = false;
            }
            bool _e193 = local_1;
            if (_e193) {
                float4 _e201 = asfloat(v_cache.Load4((vb + ((group + 4u) * D4_))*16));
                v1_ = _e201;
            }
            v2_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_2 = ((group + 8u) < count);
            } else {
                local_2 = false;
            }
            bool _e213 = local_2;
            if (_e213) {
                float4 _e221 = asfloat(v_cache.Load4((vb + ((group + 8u) * D4_))*16));
                v2_ = _e221;
            }
            v3_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_3 = ((group + 12u) < count);
            } else {
                local_3 = false;
            }
            bool _e233 = local_3;
            if (_e233) {
                float4 _e241 = asfloat(v_cache.Load4((vb + ((group + 12u) * D4_))*16));
                v3_ = _e241;
            }
            v4_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_4 = ((group + 16u) < count);
            } else {
                local_4 = false;
            }
            bool _e253 = local_4;
            if (_e253) {
                float4 _e261 = asfloat(v_cache.Load4((vb + ((group + 16u) * D4_))*16));
                v4_ = _e261;
            }
            v5_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_5 = ((group + 20u) < count);
            } else {
                local_5 = false;
            }
            bool _e273 = local_5;
            if (_e273) {
                float4 _e281 = asfloat(v_cache.Load4((vb + ((group + 20u) * D4_))*16));
                v5_ = _e281;
            }
            v6_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_6 = ((group + 24u) < count);
            } else {
                local_6 = false;
            }
            bool _e293 = local_6;
            if (_e293) {
                float4 _e301 = asfloat(v_cache.Load4((vb + ((group + 24u) * D4_))*16));
                v6_ = _e301;
            }
            v7_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_7 = ((group + 28u) < count);
            } else {
                local_7 = false;
            }
            bool _e313 = local_7;
            if (_e313) {
                float4 _e321 = asfloat(v_cache.Load4((vb + ((group + 28u) * D4_))*16));
                v7_ = _e321;
            }
            v8_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_8 = ((group + 32u) < count);
            } else {
                local_8 = false;
            }
            bool _e333 = local_8;
            if (_e333) {
                float4 _e341 = asfloat(v_cache.Load4((vb + ((group + 32u) * D4_))*16));
                v8_ = _e341;
            }
            v9_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_9 = ((group + 36u) < count);
            } else {
                local_9 = false;
            }
            bool _e353 = local_9;
            if (_e353) {
                float4 _e361 = asfloat(v_cache.Load4((vb + ((group + 36u) * D4_))*16));
                v9_ = _e361;
            }
            v10_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_10 = ((group + 40u) < count);
            } else {
                local_10 = false;
            }
            bool _e373 = local_10;
            if (_e373) {
                float4 _e381 = asfloat(v_cache.Load4((vb + ((group + 40u) * D4_))*16));
                v10_ = _e381;
            }
            v11_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_11 = ((group + 44u) < count);
            } else {
                local_11 = false;
            }
            bool _e393 = local_11;
            if (_e393) {
                float4 _e401 = asfloat(v_cache.Load4((vb + ((group + 44u) * D4_))*16));
                v11_ = _e401;
            }
            v12_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_12 = ((group + 48u) < count);
            } else {
                local_12 = false;
            }
            bool _e413 = local_12;
            if (_e413) {
                float4 _e421 = asfloat(v_cache.Load4((vb + ((group + 48u) * D4_))*16));
                v12_ = _e421;
            }
            v13_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_13 = ((group + 52u) < count);
            } else {
                local_13 = false;
            }
            bool _e433 = local_13;
            if (_e433) {
                float4 _e441 = asfloat(v_cache.Load4((vb + ((group + 52u) * D4_))*16));
                v13_ = _e441;
            }
            v14_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_14 = ((group + 56u) < count);
            } else {
                local_14 = false;
            }
            bool _e453 = local_14;
            if (_e453) {
                float4 _e461 = asfloat(v_cache.Load4((vb + ((group + 56u) * D4_))*16));
                v14_ = _e461;
            }
            v15_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_15 = ((group + 60u) < count);
            } else {
                local_15 = false;
            }
            bool _e473 = local_15;
            if (_e473) {
                float4 _e481 = asfloat(v_cache.Load4((vb + ((group + 60u) * D4_))*16));
                v15_ = _e481;
            }
            uint _e482 = tile;
            uint j = (_e482 + tid);
            s = -3e38;
            if ((j < len)) {
                d = 0.0;
                uint _e489 = tile;
                if ((_e489 == first)) {
                    float _e491 = d;
                    float4 _e494 = q_sh[0];
                    d = (_e491 + dot(_e494, k0_0_));
                    float _e497 = d;
                    float4 _e500 = q_sh[1];
                    d = (_e497 + dot(_e500, k0_1_));
                    float _e503 = d;
                    float4 _e506 = q_sh[2];
                    d = (_e503 + dot(_e506, k0_2_));
                    float _e509 = d;
                    float4 _e512 = q_sh[3];
                    d = (_e509 + dot(_e512, k0_3_));
                    float _e515 = d;
                    float4 _e518 = q_sh[4];
                    d = (_e515 + dot(_e518, k0_4_));
                    float _e521 = d;
                    float4 _e524 = q_sh[5];
                    d = (_e521 + dot(_e524, k0_5_));
                    float _e527 = d;
                    float4 _e530 = q_sh[6];
                    d = (_e527 + dot(_e530, k0_6_));
                    float _e533 = d;
                    float4 _e536 = q_sh[7];
                    d = (_e533 + dot(_e536, k0_7_));
                    float _e539 = d;
                    float4 _e542 = q_sh[8];
                    d = (_e539 + dot(_e542, k0_8_));
                    float _e545 = d;
                    float4 _e548 = q_sh[9];
                    d = (_e545 + dot(_e548, k0_9_));
                    float _e551 = d;
                    float4 _e554 = q_sh[10];
                    d = (_e551 + dot(_e554, k0_10_));
                    float _e557 = d;
                    float4 _e560 = q_sh[11];
                    d = (_e557 + dot(_e560, k0_11_));
                    float _e563 = d;
                    float4 _e566 = q_sh[12];
                    d = (_e563 + dot(_e566, k0_12_));
                    float _e569 = d;
                    float4 _e572 = q_sh[13];
                    d = (_e569 + dot(_e572, k0_13_));
                    float _e575 = d;
                    float4 _e578 = q_sh[14];
                    d = (_e575 + dot(_e578, k0_14_));
                    float _e581 = d;
                    float4 _e584 = q_sh[15];
                    d = (_e581 + dot(_e584, k0_15_));
                } else {
                    const float _e590 = score(((kv_base + j) * D4_));
                    d = _e590;
                }
                float _e591 = d;
                s = (_e591 * 0.125);
            }
            float _e593 = run_max;
            float _e594 = s;
            const float _e595 = reduce_max(tid, 1u, _e594);
            float new_max = max(_e593, _e595);
            p = 0.0;
            if ((j < len)) {
                float _e600 = s;
                p = exp((_e600 - new_max));
            }
            float _e605 = p;
            p_sh[min(uint(tid), 63u)] = _e605;
            float _e606 = run_max;
            float correction = exp((_e606 - new_max));
            float _e609 = run_sum;
            float _e611 = p;
            const float _e612 = reduce_sum(tid, 1u, _e611);
            run_sum = ((_e609 * correction) + _e612);
            run_max = new_max;
            float4 _e614 = acc;
            acc = (_e614 * correction);
            if ((group < GROUPS)) {
                float4 _e618 = acc;
                float _e625 = p_sh[min(uint(min((group + 0u), 63u)), 63u)];
                float4 _e626 = v0_;
                acc = (_e618 + (_e625 * _e626));
                float4 _e629 = acc;
                float _e636 = p_sh[min(uint(min((group + 4u), 63u)), 63u)];
                float4 _e637 = v1_;
                acc = (_e629 + (_e636 * _e637));
                float4 _e640 = acc;
                float _e647 = p_sh[min(uint(min((group + 8u), 63u)), 63u)];
                float4 _e648 = v2_;
                acc = (_e640 + (_e647 * _e648));
                float4 _e651 = acc;
                float _e658 = p_sh[min(uint(min((group + 12u), 63u)), 63u)];
                float4 _e659 = v3_;
                acc = (_e651 + (_e658 * _e659));
                float4 _e662 = acc;
                float _e669 = p_sh[min(uint(min((group + 16u), 63u)), 63u)];
                float4 _e670 = v4_;
                acc = (_e662 + (_e669 * _e670));
                float4 _e673 = acc;
                float _e680 = p_sh[min(uint(min((group + 20u), 63u)), 63u)];
                float4 _e681 = v5_;
                acc = (_e673 + (_e680 * _e681));
                float4 _e684 = acc;
                float _e691 = p_sh[min(uint(min((group + 24u), 63u)), 63u)];
                float4 _e692 = v6_;
                acc = (_e684 + (_e691 * _e692));
                float4 _e695 = acc;
                float _e702 = p_sh[min(uint(min((group + 28u), 63u)), 63u)];
                float4 _e703 = v7_;
                acc = (_e695 + (_e702 * _e703));
                float4 _e706 = acc;
                float _e713 = p_sh[min(uint(min((group + 32u), 63u)), 63u)];
                float4 _e714 = v8_;
                acc = (_e706 + (_e713 * _e714));
                float4 _e717 = acc;
                float _e724 = p_sh[min(uint(min((group + 36u), 63u)), 63u)];
                float4 _e725 = v9_;
                acc = (_e717 + (_e724 * _e725));
                float4 _e728 = acc;
                float _e735 = p_sh[min(uint(min((group + 40u), 63u)), 63u)];
                float4 _e736 = v10_;
                acc = (_e728 + (_e735 * _e736));
                float4 _e739 = acc;
                float _e746 = p_sh[min(uint(min((group + 44u), 63u)), 63u)];
                float4 _e747 = v11_;
                acc = (_e739 + (_e746 * _e747));
                float4 _e750 = acc;
                float _e757 = p_sh[min(uint(min((group + 48u), 63u)), 63u)];
                float4 _e758 = v12_;
                acc = (_e750 + (_e757 * _e758));
                float4 _e761 = acc;
                float _e768 = p_sh[min(uint(min((group + 52u), 63u)), 63u)];
                float4 _e769 = v13_;
                acc = (_e761 + (_e768 * _e769));
                float4 _e772 = acc;
                float _e779 = p_sh[min(uint(min((group + 56u), 63u)), 63u)];
                float4 _e780 = v14_;
                acc = (_e772 + (_e779 * _e780));
                float4 _e783 = acc;
                float _e790 = p_sh[min(uint(min((group + 60u), 63u)), 63u)];
                float4 _e791 = v15_;
                acc = (_e783 + (_e790 * _e791));
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float4 _e799 = acc;
    part[min(uint(tid), 63u)] = _e799;
    GroupMemoryBarrierWithGroupSync();
    if ((tid < D4_)) {
        uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
        bool loop_init_3 = true;
        while(true) {
            if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
            loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
            if (!loop_init_3) {
                uint _e819 = g;
                g = (_e819 + 1u);
            }
            loop_init_3 = false;
            uint _e807 = g;
            if ((_e807 < GROUPS)) {
            } else {
                break;
            }
            {
                float4 _e810 = total;
                uint _e812 = g;
                float4 _e817 = part[min(uint(((_e812 * D4_) + tid)), 63u)];
                total = (_e810 + _e817);
            }
        }
        uint rec = (((((col * N_HEADS) + head) * SPLITS) + wg.z) * 17u);
        float4 _e834 = total;
        out_.Store4((rec + tid)*16, asuint(_e834));
        if ((tid == 0u)) {
            float _e841 = run_max;
            float _e842 = run_sum;
            out_.Store4((rec + D4_)*16, asuint(float4(_e841, _e842, 0.0, 0.0)));
            return;
        } else {
            return;
        }
    } else {
        return;
    }
}
