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
    Column info = ConstructColumn(asuint(cols.Load(col*16+0)), asuint(cols.Load(col*16+4)), asuint(cols.Load(col*16+8)), asuint(cols.Load(col*16+12)));
    uint span = params.span;
    uint first = (wg.z * span);
    if ((first > info.pos)) {
        return;
    }
    uint len = min((info.pos + 1u), (first + span));
    uint kv_base = (((info.slot * KV_HEADS) + naga_div(head, GROUP)) * CTX);
    uint q_base = (((col * N_HEADS) + head) * D4_);
    if ((tid < D4_)) {
        float4 _e45 = asfloat(q.Load4((q_base + tid)*16));
        q_sh[min(uint(tid), 15u)] = _e45;
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
            uint _e622 = tile;
            tile = (_e622 + WG);
        }
        loop_init_2 = false;
        uint _e58 = tile;
        if ((_e58 < len)) {
        } else {
            break;
        }
        {
            uint _e61 = tile;
            uint count = min(WG, (len - _e61));
            uint _e64 = tile;
            uint vb = (((kv_base + _e64) * D4_) + d4_);
            v0_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local = ((group + 0u) < count);
            } else {
                local = false;
            }
            bool _e80 = local;
            if (_e80) {
                float4 _e88 = asfloat(v_cache.Load4((vb + ((group + 0u) * D4_))*16));
                v0_ = _e88;
            }
            v1_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_1 = ((group + 4u) < count);
            } else {
                local_1 = false;
            }
            bool _e100 = local_1;
            if (_e100) {
                float4 _e108 = asfloat(v_cache.Load4((vb + ((group + 4u) * D4_))*16));
                v1_ = _e108;
            }
            v2_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_2 = ((group + 8u) < count);
            } else {
                local_2 = false;
            }
            bool _e120 = local_2;
            if (_e120) {
                float4 _e128 = asfloat(v_cache.Load4((vb + ((group + 8u) * D4_))*16));
                v2_ = _e128;
            }
            v3_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_3 = ((group + 12u) < count);
            } else {
                local_3 = false;
            }
            bool _e140 = local_3;
            if (_e140) {
                float4 _e148 = asfloat(v_cache.Load4((vb + ((group + 12u) * D4_))*16));
                v3_ = _e148;
            }
            v4_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_4 = ((group + 16u) < count);
            } else {
                local_4 = false;
            }
            bool _e160 = local_4;
            if (_e160) {
                float4 _e168 = asfloat(v_cache.Load4((vb + ((group + 16u) * D4_))*16));
                v4_ = _e168;
            }
            v5_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_5 = ((group + 20u) < count);
            } else {
                local_5 = false;
            }
            bool _e180 = local_5;
            if (_e180) {
                float4 _e188 = asfloat(v_cache.Load4((vb + ((group + 20u) * D4_))*16));
                v5_ = _e188;
            }
            v6_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_6 = ((group + 24u) < count);
            } else {
                local_6 = false;
            }
            bool _e200 = local_6;
            if (_e200) {
                float4 _e208 = asfloat(v_cache.Load4((vb + ((group + 24u) * D4_))*16));
                v6_ = _e208;
            }
            v7_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_7 = ((group + 28u) < count);
            } else {
                local_7 = false;
            }
            bool _e220 = local_7;
            if (_e220) {
                float4 _e228 = asfloat(v_cache.Load4((vb + ((group + 28u) * D4_))*16));
                v7_ = _e228;
            }
            v8_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_8 = ((group + 32u) < count);
            } else {
                local_8 = false;
            }
            bool _e240 = local_8;
            if (_e240) {
                float4 _e248 = asfloat(v_cache.Load4((vb + ((group + 32u) * D4_))*16));
                v8_ = _e248;
            }
            v9_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_9 = ((group + 36u) < count);
            } else {
                local_9 = false;
            }
            bool _e260 = local_9;
            if (_e260) {
                float4 _e268 = asfloat(v_cache.Load4((vb + ((group + 36u) * D4_))*16));
                v9_ = _e268;
            }
            v10_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_10 = ((group + 40u) < count);
            } else {
                local_10 = false;
            }
            bool _e280 = local_10;
            if (_e280) {
                float4 _e288 = asfloat(v_cache.Load4((vb + ((group + 40u) * D4_))*16));
                v10_ = _e288;
            }
            v11_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_11 = ((group + 44u) < count);
            } else {
                local_11 = false;
            }
            bool _e300 = local_11;
            if (_e300) {
                float4 _e308 = asfloat(v_cache.Load4((vb + ((group + 44u) * D4_))*16));
                v11_ = _e308;
            }
            v12_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_12 = ((group + 48u) < count);
            } else {
                local_12 = false;
            }
            bool _e320 = local_12;
            if (_e320) {
                float4 _e328 = asfloat(v_cache.Load4((vb + ((group + 48u) * D4_))*16));
                v12_ = _e328;
            }
            v13_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_13 = ((group + 52u) < count);
            } else {
                local_13 = false;
            }
            bool _e340 = local_13;
            if (_e340) {
                float4 _e348 = asfloat(v_cache.Load4((vb + ((group + 52u) * D4_))*16));
                v13_ = _e348;
            }
            v14_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_14 = ((group + 56u) < count);
            } else {
                local_14 = false;
            }
            bool _e360 = local_14;
            if (_e360) {
                float4 _e368 = asfloat(v_cache.Load4((vb + ((group + 56u) * D4_))*16));
                v14_ = _e368;
            }
            v15_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_15 = ((group + 60u) < count);
            } else {
                local_15 = false;
            }
            bool _e380 = local_15;
            if (_e380) {
                float4 _e388 = asfloat(v_cache.Load4((vb + ((group + 60u) * D4_))*16));
                v15_ = _e388;
            }
            uint _e389 = tile;
            uint j = (_e389 + tid);
            s = -3e38;
            if ((j < len)) {
                uint kb = ((kv_base + j) * D4_);
                d = 0.0;
                i = 0u;
                uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
                bool loop_init_3 = true;
                while(true) {
                    if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
                    loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                    if (!loop_init_3) {
                        uint _e416 = i;
                        i = (_e416 + 1u);
                    }
                    loop_init_3 = false;
                    uint _e401 = i;
                    if ((_e401 < D4_)) {
                    } else {
                        break;
                    }
                    {
                        float _e404 = d;
                        uint _e406 = i;
                        float4 _e408 = q_sh[min(uint(_e406), 15u)];
                        uint _e410 = i;
                        float4 _e413 = asfloat(k_cache.Load4((kb + _e410)*16));
                        d = (_e404 + dot(_e408, _e413));
                    }
                }
                float _e419 = d;
                s = (_e419 * 0.125);
            }
            float _e421 = run_max;
            float _e422 = s;
            const float _e423 = reduce_max(tid, 1u, _e422);
            float new_max = max(_e421, _e423);
            p = 0.0;
            if ((j < len)) {
                float _e428 = s;
                p = exp((_e428 - new_max));
            }
            float _e433 = p;
            p_sh[min(uint(tid), 63u)] = _e433;
            float _e434 = run_max;
            float correction = exp((_e434 - new_max));
            float _e437 = run_sum;
            float _e439 = p;
            const float _e440 = reduce_sum(tid, 1u, _e439);
            run_sum = ((_e437 * correction) + _e440);
            run_max = new_max;
            float4 _e442 = acc;
            acc = (_e442 * correction);
            if ((group < GROUPS)) {
                float4 _e446 = acc;
                float _e453 = p_sh[min(uint(min((group + 0u), 63u)), 63u)];
                float4 _e454 = v0_;
                acc = (_e446 + (_e453 * _e454));
                float4 _e457 = acc;
                float _e464 = p_sh[min(uint(min((group + 4u), 63u)), 63u)];
                float4 _e465 = v1_;
                acc = (_e457 + (_e464 * _e465));
                float4 _e468 = acc;
                float _e475 = p_sh[min(uint(min((group + 8u), 63u)), 63u)];
                float4 _e476 = v2_;
                acc = (_e468 + (_e475 * _e476));
                float4 _e479 = acc;
                float _e486 = p_sh[min(uint(min((group + 12u), 63u)), 63u)];
                float4 _e487 = v3_;
                acc = (_e479 + (_e486 * _e487));
                float4 _e490 = acc;
                float _e497 = p_sh[min(uint(min((group + 16u), 63u)), 63u)];
                float4 _e498 = v4_;
                acc = (_e490 + (_e497 * _e498));
                float4 _e501 = acc;
                float _e508 = p_sh[min(uint(min((group + 20u), 63u)), 63u)];
                float4 _e509 = v5_;
                acc = (_e501 + (_e508 * _e509));
                float4 _e512 = acc;
                float _e519 = p_sh[min(uint(min((group + 24u), 63u)), 63u)];
                float4 _e520 = v6_;
                acc = (_e512 + (_e519 * _e520));
                float4 _e523 = acc;
                float _e530 = p_sh[min(uint(min((group + 28u), 63u)), 63u)];
                float4 _e531 = v7_;
                acc = (_e523 + (_e530 * _e531));
                float4 _e534 = acc;
                float _e541 = p_sh[min(uint(min((group + 32u), 63u)), 63u)];
                float4 _e542 = v8_;
                acc = (_e534 + (_e541 * _e542));
                float4 _e545 = acc;
                float _e552 = p_sh[min(uint(min((group + 36u), 63u)), 63u)];
                float4 _e553 = v9_;
                acc = (_e545 + (_e552 * _e553));
                float4 _e556 = acc;
                float _e563 = p_sh[min(uint(min((group + 40u), 63u)), 63u)];
                float4 _e564 = v10_;
                acc = (_e556 + (_e563 * _e564));
                float4 _e567 = acc;
                float _e574 = p_sh[min(uint(min((group + 44u), 63u)), 63u)];
                float4 _e575 = v11_;
                acc = (_e567 + (_e574 * _e575));
                float4 _e578 = acc;
                float _e585 = p_sh[min(uint(min((group + 48u), 63u)), 63u)];
                float4 _e586 = v12_;
                acc = (_e578 + (_e585 * _e586));
                float4 _e589 = acc;
                float _e596 = p_sh[min(uint(min((group + 52u), 63u)), 63u)];
                float4 _e597 = v13_;
                acc = (_e589 + (_e596 * _e597));
                float4 _e600 = acc;
                float _e607 = p_sh[min(uint(min((group + 56u), 63u)), 63u)];
                float4 _e608 = v14_;
                acc = (_e600 + (_e607 * _e608));
                float4 _e611 = acc;
                float _e618 = p_sh[min(uint(min((group + 60u), 63u)), 63u)];
                float4 _e619 = v15_;
                acc = (_e611 + (_e618 * _e619));
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float4 _e627 = acc;
    part[min(uint(tid), 63u)] = _e627;
    GroupMemoryBarrierWithGroupSync();
    if ((tid < D4_)) {
        uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
        bool loop_init_4 = true;
        while(true) {
            if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
            loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
            if (!loop_init_4) {
                uint _e647 = g;
                g = (_e647 + 1u);
            }
            loop_init_4 = false;
            uint _e635 = g;
            if ((_e635 < GROUPS)) {
            } else {
                break;
            }
            {
                float4 _e638 = total;
                uint _e640 = g;
                float4 _e645 = part[min(uint(((_e640 * D4_) + tid)), 63u)];
                total = (_e638 + _e645);
            }
        }
        uint rec = (((((col * N_HEADS) + head) * SPLITS) + wg.z) * 17u);
        float4 _e662 = total;
        out_.Store4((rec + tid)*16, asuint(_e662));
        if ((tid == 0u)) {
            float _e669 = run_max;
            float _e670 = run_sum;
            out_.Store4((rec + D4_)*16, asuint(float4(_e669, _e670, 0.0, 0.0)));
            return;
        } else {
            return;
        }
    } else {
        return;
    }
}
