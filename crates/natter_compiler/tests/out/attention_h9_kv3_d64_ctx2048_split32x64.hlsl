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
    uint i = (uint)0;
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
            uint _e813 = tile;
            tile = (_e813 + WG);
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
                    uint kb = ((kv_base + j) * D4_);
                    i = 0u;
                    uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
                    bool loop_init_3 = true;
                    while(true) {
                        if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
                        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                        if (!loop_init_3) {
                            uint _e607 = i;
                            i = (_e607 + 1u);
                        }
                        loop_init_3 = false;
                        uint _e592 = i;
                        if ((_e592 < D4_)) {
                        } else {
                            break;
                        }
                        {
                            float _e595 = d;
                            uint _e597 = i;
                            float4 _e599 = q_sh[min(uint(_e597), 15u)];
                            uint _e601 = i;
                            float4 _e604 = asfloat(k_cache.Load4((kb + _e601)*16));
                            d = (_e595 + dot(_e599, _e604));
                        }
                    }
                }
                float _e610 = d;
                s = (_e610 * 0.125);
            }
            float _e612 = run_max;
            float _e613 = s;
            const float _e614 = reduce_max(tid, 1u, _e613);
            float new_max = max(_e612, _e614);
            p = 0.0;
            if ((j < len)) {
                float _e619 = s;
                p = exp((_e619 - new_max));
            }
            float _e624 = p;
            p_sh[min(uint(tid), 63u)] = _e624;
            float _e625 = run_max;
            float correction = exp((_e625 - new_max));
            float _e628 = run_sum;
            float _e630 = p;
            const float _e631 = reduce_sum(tid, 1u, _e630);
            run_sum = ((_e628 * correction) + _e631);
            run_max = new_max;
            float4 _e633 = acc;
            acc = (_e633 * correction);
            if ((group < GROUPS)) {
                float4 _e637 = acc;
                float _e644 = p_sh[min(uint(min((group + 0u), 63u)), 63u)];
                float4 _e645 = v0_;
                acc = (_e637 + (_e644 * _e645));
                float4 _e648 = acc;
                float _e655 = p_sh[min(uint(min((group + 4u), 63u)), 63u)];
                float4 _e656 = v1_;
                acc = (_e648 + (_e655 * _e656));
                float4 _e659 = acc;
                float _e666 = p_sh[min(uint(min((group + 8u), 63u)), 63u)];
                float4 _e667 = v2_;
                acc = (_e659 + (_e666 * _e667));
                float4 _e670 = acc;
                float _e677 = p_sh[min(uint(min((group + 12u), 63u)), 63u)];
                float4 _e678 = v3_;
                acc = (_e670 + (_e677 * _e678));
                float4 _e681 = acc;
                float _e688 = p_sh[min(uint(min((group + 16u), 63u)), 63u)];
                float4 _e689 = v4_;
                acc = (_e681 + (_e688 * _e689));
                float4 _e692 = acc;
                float _e699 = p_sh[min(uint(min((group + 20u), 63u)), 63u)];
                float4 _e700 = v5_;
                acc = (_e692 + (_e699 * _e700));
                float4 _e703 = acc;
                float _e710 = p_sh[min(uint(min((group + 24u), 63u)), 63u)];
                float4 _e711 = v6_;
                acc = (_e703 + (_e710 * _e711));
                float4 _e714 = acc;
                float _e721 = p_sh[min(uint(min((group + 28u), 63u)), 63u)];
                float4 _e722 = v7_;
                acc = (_e714 + (_e721 * _e722));
                float4 _e725 = acc;
                float _e732 = p_sh[min(uint(min((group + 32u), 63u)), 63u)];
                float4 _e733 = v8_;
                acc = (_e725 + (_e732 * _e733));
                float4 _e736 = acc;
                float _e743 = p_sh[min(uint(min((group + 36u), 63u)), 63u)];
                float4 _e744 = v9_;
                acc = (_e736 + (_e743 * _e744));
                float4 _e747 = acc;
                float _e754 = p_sh[min(uint(min((group + 40u), 63u)), 63u)];
                float4 _e755 = v10_;
                acc = (_e747 + (_e754 * _e755));
                float4 _e758 = acc;
                float _e765 = p_sh[min(uint(min((group + 44u), 63u)), 63u)];
                float4 _e766 = v11_;
                acc = (_e758 + (_e765 * _e766));
                float4 _e769 = acc;
                float _e776 = p_sh[min(uint(min((group + 48u), 63u)), 63u)];
                float4 _e777 = v12_;
                acc = (_e769 + (_e776 * _e777));
                float4 _e780 = acc;
                float _e787 = p_sh[min(uint(min((group + 52u), 63u)), 63u)];
                float4 _e788 = v13_;
                acc = (_e780 + (_e787 * _e788));
                float4 _e791 = acc;
                float _e798 = p_sh[min(uint(min((group + 56u), 63u)), 63u)];
                float4 _e799 = v14_;
                acc = (_e791 + (_e798 * _e799));
                float4 _e802 = acc;
                float _e809 = p_sh[min(uint(min((group + 60u), 63u)), 63u)];
                float4 _e810 = v15_;
                acc = (_e802 + (_e809 * _e810));
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float4 _e818 = acc;
    part[min(uint(tid), 63u)] = _e818;
    GroupMemoryBarrierWithGroupSync();
    if ((tid < D4_)) {
        uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
        bool loop_init_4 = true;
        while(true) {
            if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
            loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
            if (!loop_init_4) {
                uint _e838 = g;
                g = (_e838 + 1u);
            }
            loop_init_4 = false;
            uint _e826 = g;
            if ((_e826 < GROUPS)) {
            } else {
                break;
            }
            {
                float4 _e829 = total;
                uint _e831 = g;
                float4 _e836 = part[min(uint(((_e831 * D4_) + tid)), 63u)];
                total = (_e829 + _e836);
            }
        }
        uint rec = (((((col * N_HEADS) + head) * SPLITS) + wg.z) * 17u);
        float4 _e853 = total;
        out_.Store4((rec + tid)*16, asuint(_e853));
        if ((tid == 0u)) {
            float _e860 = run_max;
            float _e861 = run_sum;
            out_.Store4((rec + D4_)*16, asuint(float4(_e860, _e861, 0.0, 0.0)));
            return;
        } else {
            return;
        }
    } else {
        return;
    }
}
