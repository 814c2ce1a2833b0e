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

struct Sampling {
    float temperature;
    float log_min_p;
    uint seed_lo;
    uint seed_hi;
};

static const uint WG = 256u;
static const uint VOCAB = 49152u;

cbuffer params : register(b0) { Params params; }
RWByteAddressBuffer cols : register(u1);
ByteAddressBuffer logits : register(t2);
ByteAddressBuffer out_cols : register(t3);
cbuffer sampling : register(b4) { Sampling sampling; }
RWByteAddressBuffer chosen : register(u5);
groupshared float best_val[256];
groupshared uint best_idx[256];

float rand01_(uint a, uint b, uint c)
{
    uint h = (uint)0;

    h = ((a * 747796405u) + 2891336453u);
    uint _e8 = h;
    uint _e9 = h;
    uint _e15 = h;
    h = (((_e8 >> ((_e9 >> 28u) + 4u)) ^ _e15) * 277803737u);
    uint _e19 = h;
    uint _e22 = h;
    h = (((_e19 >> 22u) ^ _e22) ^ (b * 2654435761u));
    uint _e27 = h;
    h = ((_e27 * 747796405u) + 2891336453u);
    uint _e32 = h;
    uint _e33 = h;
    uint _e39 = h;
    h = (((_e32 >> ((_e33 >> 28u) + 4u)) ^ _e39) * 277803737u);
    uint _e43 = h;
    uint _e46 = h;
    h = (((_e43 >> 22u) ^ _e46) ^ (c * 2246822519u));
    uint _e51 = h;
    h = ((_e51 * 747796405u) + 2891336453u);
    uint _e56 = h;
    uint _e57 = h;
    uint _e63 = h;
    h = (((_e56 >> ((_e57 >> 28u) + 4u)) ^ _e63) * 277803737u);
    uint _e67 = h;
    uint _e70 = h;
    h = ((_e67 >> 22u) ^ _e70);
    uint _e72 = h;
    return ((float((_e72 >> 8u)) + 0.5) / 16777216.0);
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

uint argmax(uint tid_1, float v_1, uint i_1)
{
    uint s = 128u;
    bool local = (bool)0;
    bool local_1 = (bool)0;

    best_val[min(uint(tid_1), 255u)] = v_1;
    best_idx[min(uint(tid_1), 255u)] = i_1;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound = uint2(4294967295u, 4294967295u);
    bool loop_init = true;
    while(true) {
        if (all(loop_bound == uint2(0u, 0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e49 = s;
            s = naga_div(_e49, 2u);
        }
        loop_init = false;
        uint _e9 = s;
        if ((_e9 > 0u)) {
        } else {
            break;
        }
        {
            uint _e12 = s;
            if ((tid_1 < _e12)) {
                uint _e15 = s;
                float ov = best_val[min(uint((tid_1 + _e15)), 255u)];
                uint _e20 = s;
                uint oi = best_idx[min(uint((tid_1 + _e20)), 255u)];
                float _e26 = best_val[min(uint(tid_1), 255u)];
                if (!((ov > _e26))) {
                    float _e33 = best_val[min(uint(tid_1), 255u)];
                    if ((ov == _e33)) {
                        uint _e39 = best_idx[min(uint(tid_1), 255u)];
                        local_1 = (oi < _e39);
                    } else {
                        local_1 = false;
                    }
                    bool _e42 = local_1;
                    local = _e42;
                } else {
                    local = true;
                }
                bool _e44 = local;
                if (_e44) {
                    best_val[min(uint(tid_1), 255u)] = ov;
                    best_idx[min(uint(tid_1), 255u)] = oi;
                }
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    uint r_1 = best_idx[0];
    GroupMemoryBarrierWithGroupSync();
    return r_1;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

[numthreads(256, 1, 1)]
void main(uint tid : SV_GroupIndex, uint3 wg : SV_GroupID, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        best_val = (float[256])0;
        best_idx = (uint[256])0;
    }
    GroupMemoryBarrierWithGroupSync();
    float v = -3e38;
    uint i = 4294967295u;
    uint r = 0u;
    uint token = (uint)0;
    float gv = -3e38;
    uint gi = 4294967295u;
    uint t4_ = (uint)0;

    uint row = wg.x;
    uint _e5 = params.n_out;
    if ((row >= _e5)) {
        return;
    }
    uint col = asuint(out_cols.Load(row*4));
    uint pos = asuint(cols.Load(4+col*16));
    float _e16 = sampling.temperature;
    bool greedy = !((_e16 > 0.0));
    uint base = (row * 12288u);
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e219 = r;
            r = (_e219 + 1024u);
        }
        loop_init_1 = false;
        uint _e28 = r;
        if ((_e28 < 12288u)) {
        } else {
            break;
        }
        {
            uint _e31 = r;
            uint t0_ = ((_e31 + 0u) + tid);
            float4 _e42 = asfloat(logits.Load4((base + min(t0_, 12287u))*16));
            float4 l0_ = ((t0_ < 12288u) ? _e42 : (-3e38).xxxx);
            uint _e46 = r;
            uint t1_ = ((_e46 + 256u) + tid);
            float4 _e57 = asfloat(logits.Load4((base + min(t1_, 12287u))*16));
            float4 l1_ = ((t1_ < 12288u) ? _e57 : (-3e38).xxxx);
            uint _e61 = r;
            uint t2_ = ((_e61 + 512u) + tid);
            float4 _e72 = asfloat(logits.Load4((base + min(t2_, 12287u))*16));
            float4 l2_ = ((t2_ < 12288u) ? _e72 : (-3e38).xxxx);
            uint _e76 = r;
            uint t3_ = ((_e76 + 768u) + tid);
            float4 _e87 = asfloat(logits.Load4((base + min(t3_, 12287u))*16));
            float4 l3_ = ((t3_ < 12288u) ? _e87 : (-3e38).xxxx);
            float _e92 = v;
            if ((l0_.x > _e92)) {
                v = l0_.x;
                i = ((t0_ * 4u) + 0u);
            }
            float _e100 = v;
            if ((l0_.y > _e100)) {
                v = l0_.y;
                i = ((t0_ * 4u) + 1u);
            }
            float _e108 = v;
            if ((l0_.z > _e108)) {
                v = l0_.z;
                i = ((t0_ * 4u) + 2u);
            }
            float _e116 = v;
            if ((l0_.w > _e116)) {
                v = l0_.w;
                i = ((t0_ * 4u) + 3u);
            }
            float _e124 = v;
            if ((l1_.x > _e124)) {
                v = l1_.x;
                i = ((t1_ * 4u) + 0u);
            }
            float _e132 = v;
            if ((l1_.y > _e132)) {
                v = l1_.y;
                i = ((t1_ * 4u) + 1u);
            }
            float _e140 = v;
            if ((l1_.z > _e140)) {
                v = l1_.z;
                i = ((t1_ * 4u) + 2u);
            }
            float _e148 = v;
            if ((l1_.w > _e148)) {
                v = l1_.w;
                i = ((t1_ * 4u) + 3u);
            }
            float _e156 = v;
            if ((l2_.x > _e156)) {
                v = l2_.x;
                i = ((t2_ * 4u) + 0u);
            }
            float _e164 = v;
            if ((l2_.y > _e164)) {
                v = l2_.y;
                i = ((t2_ * 4u) + 1u);
            }
            float _e172 = v;
            if ((l2_.z > _e172)) {
                v = l2_.z;
                i = ((t2_ * 4u) + 2u);
            }
            float _e180 = v;
            if ((l2_.w > _e180)) {
                v = l2_.w;
                i = ((t2_ * 4u) + 3u);
            }
            float _e188 = v;
            if ((l3_.x > _e188)) {
                v = l3_.x;
                i = ((t3_ * 4u) + 0u);
            }
            float _e196 = v;
            if ((l3_.y > _e196)) {
                v = l3_.y;
                i = ((t3_ * 4u) + 1u);
            }
            float _e204 = v;
            if ((l3_.z > _e204)) {
                v = l3_.z;
                i = ((t3_ * 4u) + 2u);
            }
            float _e212 = v;
            if ((l3_.w > _e212)) {
                v = l3_.w;
                i = ((t3_ * 4u) + 3u);
            }
        }
    }
    float _e222 = v;
    uint _e223 = i;
    const uint _e224 = argmax(tid, _e222, _e223);
    token = _e224;
    if (!(greedy)) {
        uint _e228 = token;
        uint _e233 = token;
        float best = asfloat(logits.Load(naga_mod(_e233, 4u)*4+(base + naga_div(_e228, 4u))*16));
        float _e240 = sampling.temperature;
        float _e243 = sampling.log_min_p;
        float floor_ = (best + (_e240 * _e243));
        t4_ = tid;
        uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
        bool loop_init_2 = true;
        while(true) {
            if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
            loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
            if (!loop_init_2) {
                uint _e379 = t4_;
                t4_ = (_e379 + WG);
            }
            loop_init_2 = false;
            uint _e251 = t4_;
            if ((_e251 < 12288u)) {
            } else {
                break;
            }
            {
                uint _e255 = t4_;
                float4 l = asfloat(logits.Load4((base + _e255)*16));
                if ((l.x >= floor_)) {
                    uint _e261 = t4_;
                    uint t = ((_e261 * 4u) + 0u);
                    uint _e268 = sampling.seed_lo;
                    uint _e274 = sampling.seed_hi;
                    const float _e276 = rand01_((_e268 ^ (col * 2654435769u)), (_e274 ^ pos), t);
                    float g = -(log(-(log(_e276))));
                    float _e284 = sampling.temperature;
                    float s_1 = ((l.x / _e284) + g);
                    float _e287 = gv;
                    if ((s_1 > _e287)) {
                        gv = s_1;
                        gi = t;
                    }
                }
                if ((l.y >= floor_)) {
                    uint _e291 = t4_;
                    uint t_1 = ((_e291 * 4u) + 1u);
                    uint _e298 = sampling.seed_lo;
                    uint _e304 = sampling.seed_hi;
                    const float _e306 = rand01_((_e298 ^ (col * 2654435769u)), (_e304 ^ pos), t_1);
                    float g_1 = -(log(-(log(_e306))));
                    float _e314 = sampling.temperature;
                    float s_2 = ((l.y / _e314) + g_1);
                    float _e317 = gv;
                    if ((s_2 > _e317)) {
                        gv = s_2;
                        gi = t_1;
                    }
                }
                if ((l.z >= floor_)) {
                    uint _e321 = t4_;
                    uint t_2 = ((_e321 * 4u) + 2u);
                    uint _e328 = sampling.seed_lo;
                    uint _e334 = sampling.seed_hi;
                    const float _e336 = rand01_((_e328 ^ (col * 2654435769u)), (_e334 ^ pos), t_2);
                    float g_2 = -(log(-(log(_e336))));
                    float _e344 = sampling.temperature;
                    float s_3 = ((l.z / _e344) + g_2);
                    float _e347 = gv;
                    if ((s_3 > _e347)) {
                        gv = s_3;
                        gi = t_2;
                    }
                }
                if ((l.w >= floor_)) {
                    uint _e351 = t4_;
                    uint t_3 = ((_e351 * 4u) + 3u);
                    uint _e358 = sampling.seed_lo;
                    uint _e364 = sampling.seed_hi;
                    const float _e366 = rand01_((_e358 ^ (col * 2654435769u)), (_e364 ^ pos), t_3);
                    float g_3 = -(log(-(log(_e366))));
                    float _e374 = sampling.temperature;
                    float s_4 = ((l.w / _e374) + g_3);
                    float _e377 = gv;
                    if ((s_4 > _e377)) {
                        gv = s_4;
                        gi = t_3;
                    }
                }
            }
        }
        float _e382 = gv;
        uint _e383 = gi;
        const uint _e384 = argmax(tid, _e382, _e383);
        token = _e384;
    }
    if ((tid == 0u)) {
        uint _e389 = token;
        chosen.Store(row*4, asuint(_e389));
        uint _e393 = token;
        cols.Store(8+col*16, asuint(_e393));
        uint _e400 = asuint(cols.Load(4+col*16));
        cols.Store(4+col*16, asuint((_e400 + 1u)));
        return;
    } else {
        return;
    }
}
