struct Params {
    uint n_cols;
    uint n_out;
    uint _pad0_;
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
static const uint SPAN = 64u;
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

struct ComputeInput_main {
    uint tid_3 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

float reduce_max(uint tid_1, uint sg_size_1, float v)
{
    float r = (float)0;
    uint i_1 = 1u;

    const float _e3 = WaveActiveMax(v);
    if ((naga_mod(tid_1, sg_size_1) == 0u)) {
        red[min(uint(naga_div(tid_1, sg_size_1)), 63u)] = _e3;
    }
    GroupMemoryBarrierWithGroupSync();
    float _e12 = red[0];
    r = _e12;
    uint2 loop_bound = uint2(4294967295u, 4294967295u);
    bool loop_init = true;
    while(true) {
        if (all(loop_bound == uint2(0u, 0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e26 = i_1;
            i_1 = (_e26 + 1u);
        }
        loop_init = false;
        uint _e16 = i_1;
        if ((_e16 < naga_div(WG, sg_size_1))) {
        } else {
            break;
        }
        {
            float _e20 = r;
            uint _e22 = i_1;
            float _e24 = red[min(uint(_e22), 63u)];
            r = max(_e20, _e24);
        }
    }
    GroupMemoryBarrierWithGroupSync();
    float _e29 = r;
    return _e29;
}

float reduce_sum(uint tid_2, uint sg_size_2, float v_1)
{
    float r_1 = (float)0;
    uint i_2 = 1u;

    const float _e3 = WaveActiveSum(v_1);
    if ((naga_mod(tid_2, sg_size_2) == 0u)) {
        red[min(uint(naga_div(tid_2, sg_size_2)), 63u)] = _e3;
    }
    GroupMemoryBarrierWithGroupSync();
    float _e12 = red[0];
    r_1 = _e12;
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e26 = i_2;
            i_2 = (_e26 + 1u);
        }
        loop_init_1 = false;
        uint _e16 = i_2;
        if ((_e16 < naga_div(WG, sg_size_2))) {
        } else {
            break;
        }
        {
            float _e20 = r_1;
            uint _e22 = i_2;
            float _e24 = red[min(uint(_e22), 63u)];
            r_1 = (_e20 + _e24);
        }
    }
    GroupMemoryBarrierWithGroupSync();
    float _e29 = r_1;
    return _e29;
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
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        q_sh = (float4[16])0;
        p_sh = (float[64])0;
        red = (float[64])0;
        part = (float4[64])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_3;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
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
    uint first = (wg.z * SPAN);
    if ((first > info.pos)) {
        return;
    }
    uint len = min((info.pos + 1u), (first + SPAN));
    uint kv_base = (((info.slot * KV_HEADS) + naga_div(head, GROUP)) * CTX);
    uint q_base = (((col * N_HEADS) + head) * D4_);
    if ((tid < D4_)) {
        float4 _e44 = asfloat(q.Load4((q_base + tid)*16));
        q_sh[min(uint(tid), 15u)] = _e44;
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
            uint _e621 = tile;
            tile = (_e621 + WG);
        }
        loop_init_2 = false;
        uint _e57 = tile;
        if ((_e57 < len)) {
        } else {
            break;
        }
        {
            uint _e60 = tile;
            uint count = min(WG, (len - _e60));
            uint _e63 = tile;
            uint vb = (((kv_base + _e63) * D4_) + d4_);
            v0_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local = ((group + 0u) < count);
            } else {
                local = false;
            }
            bool _e79 = local;
            if (_e79) {
                float4 _e87 = asfloat(v_cache.Load4((vb + ((group + 0u) * D4_))*16));
                v0_ = _e87;
            }
            v1_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_1 = ((group + 4u) < count);
            } else {
                local_1 = false;
            }
            bool _e99 = local_1;
            if (_e99) {
                float4 _e107 = asfloat(v_cache.Load4((vb + ((group + 4u) * D4_))*16));
                v1_ = _e107;
            }
            v2_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_2 = ((group + 8u) < count);
            } else {
                local_2 = false;
            }
            bool _e119 = local_2;
            if (_e119) {
                float4 _e127 = asfloat(v_cache.Load4((vb + ((group + 8u) * D4_))*16));
                v2_ = _e127;
            }
            v3_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_3 = ((group + 12u) < count);
            } else {
                local_3 = false;
            }
            bool _e139 = local_3;
            if (_e139) {
                float4 _e147 = asfloat(v_cache.Load4((vb + ((group + 12u) * D4_))*16));
                v3_ = _e147;
            }
            v4_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_4 = ((group + 16u) < count);
            } else {
                local_4 = false;
            }
            bool _e159 = local_4;
            if (_e159) {
                float4 _e167 = asfloat(v_cache.Load4((vb + ((group + 16u) * D4_))*16));
                v4_ = _e167;
            }
            v5_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_5 = ((group + 20u) < count);
            } else {
                local_5 = false;
            }
            bool _e179 = local_5;
            if (_e179) {
                float4 _e187 = asfloat(v_cache.Load4((vb + ((group + 20u) * D4_))*16));
                v5_ = _e187;
            }
            v6_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_6 = ((group + 24u) < count);
            } else {
                local_6 = false;
            }
            bool _e199 = local_6;
            if (_e199) {
                float4 _e207 = asfloat(v_cache.Load4((vb + ((group + 24u) * D4_))*16));
                v6_ = _e207;
            }
            v7_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_7 = ((group + 28u) < count);
            } else {
                local_7 = false;
            }
            bool _e219 = local_7;
            if (_e219) {
                float4 _e227 = asfloat(v_cache.Load4((vb + ((group + 28u) * D4_))*16));
                v7_ = _e227;
            }
            v8_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_8 = ((group + 32u) < count);
            } else {
                local_8 = false;
            }
            bool _e239 = local_8;
            if (_e239) {
                float4 _e247 = asfloat(v_cache.Load4((vb + ((group + 32u) * D4_))*16));
                v8_ = _e247;
            }
            v9_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_9 = ((group + 36u) < count);
            } else {
                local_9 = false;
            }
            bool _e259 = local_9;
            if (_e259) {
                float4 _e267 = asfloat(v_cache.Load4((vb + ((group + 36u) * D4_))*16));
                v9_ = _e267;
            }
            v10_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_10 = ((group + 40u) < count);
            } else {
                local_10 = false;
            }
            bool _e279 = local_10;
            if (_e279) {
                float4 _e287 = asfloat(v_cache.Load4((vb + ((group + 40u) * D4_))*16));
                v10_ = _e287;
            }
            v11_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_11 = ((group + 44u) < count);
            } else {
                local_11 = false;
            }
            bool _e299 = local_11;
            if (_e299) {
                float4 _e307 = asfloat(v_cache.Load4((vb + ((group + 44u) * D4_))*16));
                v11_ = _e307;
            }
            v12_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_12 = ((group + 48u) < count);
            } else {
                local_12 = false;
            }
            bool _e319 = local_12;
            if (_e319) {
                float4 _e327 = asfloat(v_cache.Load4((vb + ((group + 48u) * D4_))*16));
                v12_ = _e327;
            }
            v13_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_13 = ((group + 52u) < count);
            } else {
                local_13 = false;
            }
            bool _e339 = local_13;
            if (_e339) {
                float4 _e347 = asfloat(v_cache.Load4((vb + ((group + 52u) * D4_))*16));
                v13_ = _e347;
            }
            v14_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_14 = ((group + 56u) < count);
            } else {
                local_14 = false;
            }
            bool _e359 = local_14;
            if (_e359) {
                float4 _e367 = asfloat(v_cache.Load4((vb + ((group + 56u) * D4_))*16));
                v14_ = _e367;
            }
            v15_ = (0.0).xxxx;
            if ((group < GROUPS)) {
                local_15 = ((group + 60u) < count);
            } else {
                local_15 = false;
            }
            bool _e379 = local_15;
            if (_e379) {
                float4 _e387 = asfloat(v_cache.Load4((vb + ((group + 60u) * D4_))*16));
                v15_ = _e387;
            }
            uint _e388 = tile;
            uint j = (_e388 + tid);
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
                        uint _e415 = i;
                        i = (_e415 + 1u);
                    }
                    loop_init_3 = false;
                    uint _e400 = i;
                    if ((_e400 < D4_)) {
                    } else {
                        break;
                    }
                    {
                        float _e403 = d;
                        uint _e405 = i;
                        float4 _e407 = q_sh[min(uint(_e405), 15u)];
                        uint _e409 = i;
                        float4 _e412 = asfloat(k_cache.Load4((kb + _e409)*16));
                        d = (_e403 + dot(_e407, _e412));
                    }
                }
                float _e418 = d;
                s = (_e418 * 0.125);
            }
            float _e420 = run_max;
            float _e421 = s;
            const float _e422 = reduce_max(tid, sg_size, _e421);
            float new_max = max(_e420, _e422);
            p = 0.0;
            if ((j < len)) {
                float _e427 = s;
                p = exp((_e427 - new_max));
            }
            float _e432 = p;
            p_sh[min(uint(tid), 63u)] = _e432;
            float _e433 = run_max;
            float correction = exp((_e433 - new_max));
            float _e436 = run_sum;
            float _e438 = p;
            const float _e439 = reduce_sum(tid, sg_size, _e438);
            run_sum = ((_e436 * correction) + _e439);
            run_max = new_max;
            float4 _e441 = acc;
            acc = (_e441 * correction);
            if ((group < GROUPS)) {
                float4 _e445 = acc;
                float _e452 = p_sh[min(uint(min((group + 0u), 63u)), 63u)];
                float4 _e453 = v0_;
                acc = (_e445 + (_e452 * _e453));
                float4 _e456 = acc;
                float _e463 = p_sh[min(uint(min((group + 4u), 63u)), 63u)];
                float4 _e464 = v1_;
                acc = (_e456 + (_e463 * _e464));
                float4 _e467 = acc;
                float _e474 = p_sh[min(uint(min((group + 8u), 63u)), 63u)];
                float4 _e475 = v2_;
                acc = (_e467 + (_e474 * _e475));
                float4 _e478 = acc;
                float _e485 = p_sh[min(uint(min((group + 12u), 63u)), 63u)];
                float4 _e486 = v3_;
                acc = (_e478 + (_e485 * _e486));
                float4 _e489 = acc;
                float _e496 = p_sh[min(uint(min((group + 16u), 63u)), 63u)];
                float4 _e497 = v4_;
                acc = (_e489 + (_e496 * _e497));
                float4 _e500 = acc;
                float _e507 = p_sh[min(uint(min((group + 20u), 63u)), 63u)];
                float4 _e508 = v5_;
                acc = (_e500 + (_e507 * _e508));
                float4 _e511 = acc;
                float _e518 = p_sh[min(uint(min((group + 24u), 63u)), 63u)];
                float4 _e519 = v6_;
                acc = (_e511 + (_e518 * _e519));
                float4 _e522 = acc;
                float _e529 = p_sh[min(uint(min((group + 28u), 63u)), 63u)];
                float4 _e530 = v7_;
                acc = (_e522 + (_e529 * _e530));
                float4 _e533 = acc;
                float _e540 = p_sh[min(uint(min((group + 32u), 63u)), 63u)];
                float4 _e541 = v8_;
                acc = (_e533 + (_e540 * _e541));
                float4 _e544 = acc;
                float _e551 = p_sh[min(uint(min((group + 36u), 63u)), 63u)];
                float4 _e552 = v9_;
                acc = (_e544 + (_e551 * _e552));
                float4 _e555 = acc;
                float _e562 = p_sh[min(uint(min((group + 40u), 63u)), 63u)];
                float4 _e563 = v10_;
                acc = (_e555 + (_e562 * _e563));
                float4 _e566 = acc;
                float _e573 = p_sh[min(uint(min((group + 44u), 63u)), 63u)];
                float4 _e574 = v11_;
                acc = (_e566 + (_e573 * _e574));
                float4 _e577 = acc;
                float _e584 = p_sh[min(uint(min((group + 48u), 63u)), 63u)];
                float4 _e585 = v12_;
                acc = (_e577 + (_e584 * _e585));
                float4 _e588 = acc;
                float _e595 = p_sh[min(uint(min((group + 52u), 63u)), 63u)];
                float4 _e596 = v13_;
                acc = (_e588 + (_e595 * _e596));
                float4 _e599 = acc;
                float _e606 = p_sh[min(uint(min((group + 56u), 63u)), 63u)];
                float4 _e607 = v14_;
                acc = (_e599 + (_e606 * _e607));
                float4 _e610 = acc;
                float _e617 = p_sh[min(uint(min((group + 60u), 63u)), 63u)];
                float4 _e618 = v15_;
                acc = (_e610 + (_e617 * _e618));
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float4 _e626 = acc;
    part[min(uint(tid), 63u)] = _e626;
    GroupMemoryBarrierWithGroupSync();
    if ((tid < D4_)) {
        uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
        bool loop_init_4 = true;
        while(true) {
            if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
            loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
            if (!loop_init_4) {
                uint _e646 = g;
                g = (_e646 + 1u);
            }
            loop_init_4 = false;
            uint _e634 = g;
            if ((_e634 < GROUPS)) {
            } else {
                break;
            }
            {
                float4 _e637 = total;
                uint _e639 = g;
                float4 _e644 = part[min(uint(((_e639 * D4_) + tid)), 63u)];
                total = (_e637 + _e644);
            }
        }
        uint rec = (((((col * N_HEADS) + head) * SPLITS) + wg.z) * 17u);
        float4 _e661 = total;
        out_.Store4((rec + tid)*16, asuint(_e661));
        if ((tid == 0u)) {
            float _e668 = run_max;
            float _e669 = run_sum;
            out_.Store4((rec + D4_)*16, asuint(float4(_e668, _e669, 0.0, 0.0)));
            return;
        } else {
            return;
        }
    } else {
        return;
    }
}
