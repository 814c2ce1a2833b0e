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
    uint tile = 0u;
    float s = (float)0;
    float d = (float)0;
    uint i = (uint)0;
    float p = (float)0;
    float4 a1_ = (float4)0;
    float4 a2_ = (float4)0;
    float4 a3_ = (float4)0;
    uint k = (uint)0;
    float4 total = (0.0).xxxx;
    uint g = 0u;

    uint head = wg.x;
    uint col = wg.y;
    uint _e7 = params.n_cols;
    if ((col >= _e7)) {
        return;
    }
    Column info = ConstructColumn(asuint(cols.Load(col*16+0)), asuint(cols.Load(col*16+4)), asuint(cols.Load(col*16+8)), asuint(cols.Load(col*16+12)));
    uint len = (info.pos + 1u);
    uint kv_base = (((info.slot * KV_HEADS) + naga_div(head, GROUP)) * CTX);
    uint q_base = (((col * N_HEADS) + head) * D4_);
    if ((tid < D4_)) {
        float4 _e36 = asfloat(q.Load4((q_base + tid)*16));
        q_sh[min(uint(tid), 15u)] = _e36;
    }
    GroupMemoryBarrierWithGroupSync();
    uint d4_ = naga_mod(tid, D4_);
    uint group = naga_div(tid, D4_);
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e229 = tile;
            tile = (_e229 + WG);
        }
        loop_init_2 = false;
        uint _e50 = tile;
        if ((_e50 < len)) {
        } else {
            break;
        }
        {
            uint _e52 = tile;
            uint j = (_e52 + tid);
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
                        uint _e79 = i;
                        i = (_e79 + 1u);
                    }
                    loop_init_3 = false;
                    uint _e64 = i;
                    if ((_e64 < D4_)) {
                    } else {
                        break;
                    }
                    {
                        float _e67 = d;
                        uint _e69 = i;
                        float4 _e71 = q_sh[min(uint(_e69), 15u)];
                        uint _e73 = i;
                        float4 _e76 = asfloat(k_cache.Load4((kb + _e73)*16));
                        d = (_e67 + dot(_e71, _e76));
                    }
                }
                float _e82 = d;
                s = (_e82 * 0.125);
            }
            float _e84 = run_max;
            float _e85 = s;
            const float _e86 = reduce_max(tid, 1u, _e85);
            float new_max = max(_e84, _e86);
            p = 0.0;
            if ((j < len)) {
                float _e91 = s;
                p = exp((_e91 - new_max));
            }
            float _e96 = p;
            p_sh[min(uint(tid), 63u)] = _e96;
            float _e97 = run_max;
            float correction = exp((_e97 - new_max));
            float _e100 = run_sum;
            float _e102 = p;
            const float _e103 = reduce_sum(tid, 1u, _e102);
            run_sum = ((_e100 * correction) + _e103);
            run_max = new_max;
            uint _e106 = tile;
            uint count = min(WG, (len - _e106));
            float4 _e109 = acc;
            acc = (_e109 * correction);
            if ((group < GROUPS)) {
                uint _e113 = tile;
                uint vb = (((kv_base + _e113) * D4_) + d4_);
                a1_ = (0.0).xxxx;
                a2_ = (0.0).xxxx;
                a3_ = (0.0).xxxx;
                k = group;
                uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
                bool loop_init_4 = true;
                while(true) {
                    if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
                    loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                    if (!loop_init_4) {
                        uint _e200 = k;
                        k = (_e200 + 16u);
                    }
                    loop_init_4 = false;
                    uint _e128 = k;
                    if (((_e128 + 12u) < count)) {
                    } else {
                        break;
                    }
                    {
                        uint _e133 = k;
                        float4 v0_ = asfloat(v_cache.Load4((vb + (_e133 * D4_))*16));
                        uint _e140 = k;
                        float4 v1_ = asfloat(v_cache.Load4((vb + ((_e140 + GROUPS) * D4_))*16));
                        uint _e149 = k;
                        float4 v2_ = asfloat(v_cache.Load4((vb + ((_e149 + 8u) * D4_))*16));
                        uint _e158 = k;
                        float4 v3_ = asfloat(v_cache.Load4((vb + ((_e158 + 12u) * D4_))*16));
                        float4 _e166 = acc;
                        uint _e168 = k;
                        float _e170 = p_sh[min(uint(_e168), 63u)];
                        acc = (_e166 + (_e170 * v0_));
                        float4 _e173 = a1_;
                        uint _e175 = k;
                        float _e179 = p_sh[min(uint((_e175 + GROUPS)), 63u)];
                        a1_ = (_e173 + (_e179 * v1_));
                        float4 _e182 = a2_;
                        uint _e184 = k;
                        float _e188 = p_sh[min(uint((_e184 + 8u)), 63u)];
                        a2_ = (_e182 + (_e188 * v2_));
                        float4 _e191 = a3_;
                        uint _e193 = k;
                        float _e197 = p_sh[min(uint((_e193 + 12u)), 63u)];
                        a3_ = (_e191 + (_e197 * v3_));
                    }
                }
                uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e219 = k;
                        k = (_e219 + GROUPS);
                    }
                    loop_init_5 = false;
                    uint _e203 = k;
                    if ((_e203 < count)) {
                    } else {
                        break;
                    }
                    {
                        float4 _e205 = acc;
                        uint _e207 = k;
                        float _e209 = p_sh[min(uint(_e207), 63u)];
                        uint _e211 = k;
                        float4 _e216 = asfloat(v_cache.Load4((vb + (_e211 * D4_))*16));
                        acc = (_e205 + (_e209 * _e216));
                    }
                }
                float4 _e222 = acc;
                float4 _e223 = a1_;
                float4 _e224 = a2_;
                float4 _e226 = a3_;
                acc = (_e222 + ((_e223 + _e224) + _e226));
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float4 _e234 = acc;
    part[min(uint(tid), 63u)] = _e234;
    GroupMemoryBarrierWithGroupSync();
    if ((tid < D4_)) {
        uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
        bool loop_init_6 = true;
        while(true) {
            if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
            if (!loop_init_6) {
                uint _e254 = g;
                g = (_e254 + 1u);
            }
            loop_init_6 = false;
            uint _e242 = g;
            if ((_e242 < GROUPS)) {
            } else {
                break;
            }
            {
                float4 _e245 = total;
                uint _e247 = g;
                float4 _e252 = part[min(uint(((_e247 * D4_) + tid)), 63u)];
                total = (_e245 + _e252);
            }
        }
        float4 _e260 = total;
        float _e261 = run_sum;
        out_.Store4((q_base + tid)*16, asuint((_e260 / (_e261).xxxx)));
        return;
    } else {
        return;
    }
}
