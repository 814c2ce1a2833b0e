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
    uint r = best_idx[0];
    GroupMemoryBarrierWithGroupSync();
    return r;
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
    uint t = (uint)0;
    uint token = (uint)0;
    float gv = -3e38;
    uint gi = 4294967295u;
    uint t_1 = (uint)0;

    uint row = wg.x;
    uint _e5 = params.n_out;
    if ((row >= _e5)) {
        return;
    }
    uint base = (row * VOCAB);
    t = tid;
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e25 = t;
            t = (_e25 + WG);
        }
        loop_init_1 = false;
        uint _e14 = t;
        if ((_e14 < VOCAB)) {
        } else {
            break;
        }
        {
            uint _e18 = t;
            float l = asfloat(logits.Load((base + _e18)*4));
            float _e22 = v;
            if ((l > _e22)) {
                v = l;
                uint _e24 = t;
                i = _e24;
            }
        }
    }
    float _e28 = v;
    uint _e29 = i;
    const uint _e30 = argmax(tid, _e28, _e29);
    token = _e30;
    uint col = asuint(out_cols.Load(row*4));
    float _e37 = sampling.temperature;
    if ((_e37 > 0.0)) {
        uint _e41 = token;
        float best = asfloat(logits.Load((base + _e41)*4));
        float _e47 = sampling.temperature;
        float _e50 = sampling.log_min_p;
        float floor_ = (best + (_e47 * _e50));
        uint pos = asuint(cols.Load(4+col*16));
        t_1 = tid;
        uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
        bool loop_init_2 = true;
        while(true) {
            if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
            loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
            if (!loop_init_2) {
                uint _e95 = t_1;
                t_1 = (_e95 + WG);
            }
            loop_init_2 = false;
            uint _e62 = t_1;
            if ((_e62 < VOCAB)) {
            } else {
                break;
            }
            {
                uint _e66 = t_1;
                float l_1 = asfloat(logits.Load((base + _e66)*4));
                if ((l_1 >= floor_)) {
                    uint _e73 = sampling.seed_lo;
                    uint _e79 = sampling.seed_hi;
                    uint _e81 = t_1;
                    const float _e82 = rand01_((_e73 ^ (col * 2654435769u)), (_e79 ^ pos), _e81);
                    float g = -(log(-(log(_e82))));
                    float _e89 = sampling.temperature;
                    float s_1 = ((l_1 / _e89) + g);
                    float _e92 = gv;
                    if ((s_1 > _e92)) {
                        gv = s_1;
                        uint _e94 = t_1;
                        gi = _e94;
                    }
                }
            }
        }
        float _e98 = gv;
        uint _e99 = gi;
        const uint _e100 = argmax(tid, _e98, _e99);
        token = _e100;
    }
    if ((tid == 0u)) {
        uint _e105 = token;
        chosen.Store(row*4, asuint(_e105));
        uint _e109 = token;
        cols.Store(8+col*16, asuint(_e109));
        uint _e116 = asuint(cols.Load(4+col*16));
        cols.Store(4+col*16, asuint((_e116 + 1u)));
        return;
    } else {
        return;
    }
}
