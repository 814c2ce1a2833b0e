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

uint argmax(uint tid_1, uint sg_size, float v_1, uint i_1)
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
            uint _e50 = s;
            s = naga_div(_e50, 2u);
        }
        loop_init = false;
        uint _e10 = s;
        if ((_e10 > 0u)) {
        } else {
            break;
        }
        {
            uint _e13 = s;
            if ((tid_1 < _e13)) {
                uint _e16 = s;
                float ov = best_val[min(uint((tid_1 + _e16)), 255u)];
                uint _e21 = s;
                uint oi = best_idx[min(uint((tid_1 + _e21)), 255u)];
                float _e27 = best_val[min(uint(tid_1), 255u)];
                if (!((ov > _e27))) {
                    float _e34 = best_val[min(uint(tid_1), 255u)];
                    if ((ov == _e34)) {
                        uint _e40 = best_idx[min(uint(tid_1), 255u)];
                        local_1 = (oi < _e40);
                    } else {
                        local_1 = false;
                    }
                    bool _e43 = local_1;
                    local = _e43;
                } else {
                    local = true;
                }
                bool _e45 = local;
                if (_e45) {
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
    uint _e6 = params.n_out;
    if ((row >= _e6)) {
        return;
    }
    uint col = asuint(out_cols.Load(row*4));
    uint pos = asuint(cols.Load(4+col*16));
    float _e17 = sampling.temperature;
    bool greedy = !((_e17 > 0.0));
    uint base = (row * 12288u);
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e220 = r;
            r = (_e220 + 1024u);
        }
        loop_init_1 = false;
        uint _e29 = r;
        if ((_e29 < 12288u)) {
        } else {
            break;
        }
        {
            uint _e32 = r;
            uint t0_ = ((_e32 + 0u) + tid);
            float4 _e43 = asfloat(logits.Load4((base + min(t0_, 12287u))*16));
            float4 l0_ = ((t0_ < 12288u) ? _e43 : (-3e38).xxxx);
            uint _e47 = r;
            uint t1_ = ((_e47 + 256u) + tid);
            float4 _e58 = asfloat(logits.Load4((base + min(t1_, 12287u))*16));
            float4 l1_ = ((t1_ < 12288u) ? _e58 : (-3e38).xxxx);
            uint _e62 = r;
            uint t2_ = ((_e62 + 512u) + tid);
            float4 _e73 = asfloat(logits.Load4((base + min(t2_, 12287u))*16));
            float4 l2_ = ((t2_ < 12288u) ? _e73 : (-3e38).xxxx);
            uint _e77 = r;
            uint t3_ = ((_e77 + 768u) + tid);
            float4 _e88 = asfloat(logits.Load4((base + min(t3_, 12287u))*16));
            float4 l3_ = ((t3_ < 12288u) ? _e88 : (-3e38).xxxx);
            float _e93 = v;
            if ((l0_.x > _e93)) {
                v = l0_.x;
                i = ((t0_ * 4u) + 0u);
            }
            float _e101 = v;
            if ((l0_.y > _e101)) {
                v = l0_.y;
                i = ((t0_ * 4u) + 1u);
            }
            float _e109 = v;
            if ((l0_.z > _e109)) {
                v = l0_.z;
                i = ((t0_ * 4u) + 2u);
            }
            float _e117 = v;
            if ((l0_.w > _e117)) {
                v = l0_.w;
                i = ((t0_ * 4u) + 3u);
            }
            float _e125 = v;
            if ((l1_.x > _e125)) {
                v = l1_.x;
                i = ((t1_ * 4u) + 0u);
            }
            float _e133 = v;
            if ((l1_.y > _e133)) {
                v = l1_.y;
                i = ((t1_ * 4u) + 1u);
            }
            float _e141 = v;
            if ((l1_.z > _e141)) {
                v = l1_.z;
                i = ((t1_ * 4u) + 2u);
            }
            float _e149 = v;
            if ((l1_.w > _e149)) {
                v = l1_.w;
                i = ((t1_ * 4u) + 3u);
            }
            float _e157 = v;
            if ((l2_.x > _e157)) {
                v = l2_.x;
                i = ((t2_ * 4u) + 0u);
            }
            float _e165 = v;
            if ((l2_.y > _e165)) {
                v = l2_.y;
                i = ((t2_ * 4u) + 1u);
            }
            float _e173 = v;
            if ((l2_.z > _e173)) {
                v = l2_.z;
                i = ((t2_ * 4u) + 2u);
            }
            float _e181 = v;
            if ((l2_.w > _e181)) {
                v = l2_.w;
                i = ((t2_ * 4u) + 3u);
            }
            float _e189 = v;
            if ((l3_.x > _e189)) {
                v = l3_.x;
                i = ((t3_ * 4u) + 0u);
            }
            float _e197 = v;
            if ((l3_.y > _e197)) {
                v = l3_.y;
                i = ((t3_ * 4u) + 1u);
            }
            float _e205 = v;
            if ((l3_.z > _e205)) {
                v = l3_.z;
                i = ((t3_ * 4u) + 2u);
            }
            float _e213 = v;
            if ((l3_.w > _e213)) {
                v = l3_.w;
                i = ((t3_ * 4u) + 3u);
            }
        }
    }
    float _e223 = v;
    uint _e224 = i;
    const uint _e225 = argmax(tid, 1u, _e223, _e224);
    token = _e225;
    if (!(greedy)) {
        uint _e229 = token;
        uint _e234 = token;
        float best = asfloat(logits.Load(naga_mod(_e234, 4u)*4+(base + naga_div(_e229, 4u))*16));
        float _e241 = sampling.temperature;
        float _e244 = sampling.log_min_p;
        float floor_ = (best + (_e241 * _e244));
        t4_ = tid;
        uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
        bool loop_init_2 = true;
        while(true) {
            if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
            loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
            if (!loop_init_2) {
                uint _e380 = t4_;
                t4_ = (_e380 + WG);
            }
            loop_init_2 = false;
            uint _e252 = t4_;
            if ((_e252 < 12288u)) {
            } else {
                break;
            }
            {
                uint _e256 = t4_;
                float4 l = asfloat(logits.Load4((base + _e256)*16));
                if ((l.x >= floor_)) {
                    uint _e262 = t4_;
                    uint t = ((_e262 * 4u) + 0u);
                    uint _e269 = sampling.seed_lo;
                    uint _e275 = sampling.seed_hi;
                    const float _e277 = rand01_((_e269 ^ (col * 2654435769u)), (_e275 ^ pos), t);
                    float g = -(log(-(log(_e277))));
                    float _e285 = sampling.temperature;
                    float s_1 = ((l.x / _e285) + g);
                    float _e288 = gv;
                    if ((s_1 > _e288)) {
                        gv = s_1;
                        gi = t;
                    }
                }
                if ((l.y >= floor_)) {
                    uint _e292 = t4_;
                    uint t_1 = ((_e292 * 4u) + 1u);
                    uint _e299 = sampling.seed_lo;
                    uint _e305 = sampling.seed_hi;
                    const float _e307 = rand01_((_e299 ^ (col * 2654435769u)), (_e305 ^ pos), t_1);
                    float g_1 = -(log(-(log(_e307))));
                    float _e315 = sampling.temperature;
                    float s_2 = ((l.y / _e315) + g_1);
                    float _e318 = gv;
                    if ((s_2 > _e318)) {
                        gv = s_2;
                        gi = t_1;
                    }
                }
                if ((l.z >= floor_)) {
                    uint _e322 = t4_;
                    uint t_2 = ((_e322 * 4u) + 2u);
                    uint _e329 = sampling.seed_lo;
                    uint _e335 = sampling.seed_hi;
                    const float _e337 = rand01_((_e329 ^ (col * 2654435769u)), (_e335 ^ pos), t_2);
                    float g_2 = -(log(-(log(_e337))));
                    float _e345 = sampling.temperature;
                    float s_3 = ((l.z / _e345) + g_2);
                    float _e348 = gv;
                    if ((s_3 > _e348)) {
                        gv = s_3;
                        gi = t_2;
                    }
                }
                if ((l.w >= floor_)) {
                    uint _e352 = t4_;
                    uint t_3 = ((_e352 * 4u) + 3u);
                    uint _e359 = sampling.seed_lo;
                    uint _e365 = sampling.seed_hi;
                    const float _e367 = rand01_((_e359 ^ (col * 2654435769u)), (_e365 ^ pos), t_3);
                    float g_3 = -(log(-(log(_e367))));
                    float _e375 = sampling.temperature;
                    float s_4 = ((l.w / _e375) + g_3);
                    float _e378 = gv;
                    if ((s_4 > _e378)) {
                        gv = s_4;
                        gi = t_3;
                    }
                }
            }
        }
        float _e383 = gv;
        uint _e384 = gi;
        const uint _e385 = argmax(tid, 1u, _e383, _e384);
        token = _e385;
    }
    if ((tid == 0u)) {
        uint _e390 = token;
        chosen.Store(row*4, asuint(_e390));
        uint _e394 = token;
        cols.Store(8+col*16, asuint(_e394));
        uint _e401 = asuint(cols.Load(4+col*16));
        cols.Store(4+col*16, asuint((_e401 + 1u)));
        return;
    } else {
        return;
    }
}
