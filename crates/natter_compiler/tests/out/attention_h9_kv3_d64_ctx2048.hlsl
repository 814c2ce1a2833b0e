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
static const uint PER_THREAD = 1u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer q : register(t2);
ByteAddressBuffer k_cache : register(t3);
ByteAddressBuffer v_cache : register(t4);
RWByteAddressBuffer out_ : register(u5);
groupshared float4 q_sh[16];
groupshared float p_sh[64];
groupshared float red[64];

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

float reduce_max(uint tid_1, float v)
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
            uint _e22 = s_1;
            s_1 = naga_div(_e22, 2u);
        }
        loop_init = false;
        uint _e6 = s_1;
        if ((_e6 > 0u)) {
        } else {
            break;
        }
        {
            uint _e9 = s_1;
            if ((tid_1 < _e9)) {
                float _e15 = red[min(uint(tid_1), 63u)];
                uint _e17 = s_1;
                float _e20 = red[min(uint((tid_1 + _e17)), 63u)];
                red[min(uint(tid_1), 63u)] = max(_e15, _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float r = red[0];
    GroupMemoryBarrierWithGroupSync();
    return r;
}

float reduce_sum(uint tid_2, float v_1)
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
            uint _e22 = s_2;
            s_2 = naga_div(_e22, 2u);
        }
        loop_init_1 = false;
        uint _e6 = s_2;
        if ((_e6 > 0u)) {
        } else {
            break;
        }
        {
            uint _e9 = s_2;
            if ((tid_2 < _e9)) {
                float _e15 = red[min(uint(tid_2), 63u)];
                uint _e17 = s_2;
                float _e20 = red[min(uint((tid_2 + _e17)), 63u)];
                red[min(uint(tid_2), 63u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float r_1 = red[0];
    GroupMemoryBarrierWithGroupSync();
    return r_1;
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
    }
    GroupMemoryBarrierWithGroupSync();
    uint i = (uint)0;
    float run_max = -3e38;
    float run_sum = 0.0;
    float acc[1] = (float[1])0;
    uint i_1 = 0u;
    uint tile = 0u;
    float s = (float)0;
    float d = (float)0;
    uint i_2 = (uint)0;
    float p = (float)0;
    uint i_3 = (uint)0;
    float a = (float)0;
    uint k = (uint)0;
    uint i_4 = 0u;

    uint head = wg.x;
    uint col = wg.y;
    uint _e6 = params.n_cols;
    if ((col >= _e6)) {
        return;
    }
    Column info = ConstructColumn(asuint(cols.Load(col*16+0)), asuint(cols.Load(col*16+4)), asuint(cols.Load(col*16+8)), asuint(cols.Load(col*16+12)));
    uint len = (info.pos + 1u);
    uint kv_base = (((info.slot * KV_HEADS) + naga_div(head, GROUP)) * CTX);
    uint q_base = (((col * N_HEADS) * HEAD_DIM) + (head * HEAD_DIM));
    i = tid;
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e72 = i;
            i = (_e72 + WG);
        }
        loop_init_2 = false;
        uint _e31 = i;
        if ((_e31 < 16u)) {
        } else {
            break;
        }
        {
            uint _e35 = i;
            uint _e39 = i;
            float _e43 = asfloat(q.Load((q_base + (4u * _e39))*4));
            uint _e46 = i;
            float _e52 = asfloat(q.Load(((q_base + (4u * _e46)) + 1u)*4));
            uint _e55 = i;
            float _e61 = asfloat(q.Load(((q_base + (4u * _e55)) + 2u)*4));
            uint _e64 = i;
            float _e70 = asfloat(q.Load(((q_base + (4u * _e64)) + 3u)*4));
            q_sh[min(uint(_e35), 15u)] = float4(_e43, _e52, _e61, _e70);
        }
    }
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
    bool loop_init_3 = true;
    while(true) {
        if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
        if (!loop_init_3) {
            uint _e88 = i_1;
            i_1 = (_e88 + 1u);
        }
        loop_init_3 = false;
        uint _e82 = i_1;
        if ((_e82 < PER_THREAD)) {
        } else {
            break;
        }
        {
            uint _e85 = i_1;
            acc[min(uint(_e85), 0u)] = 0.0;
        }
    }
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e198 = tile;
            tile = (_e198 + WG);
        }
        loop_init_4 = false;
        uint _e93 = tile;
        if ((_e93 < len)) {
        } else {
            break;
        }
        {
            uint _e95 = tile;
            uint j = (_e95 + tid);
            s = -3e38;
            if ((j < len)) {
                uint kb = ((kv_base + j) * 16u);
                d = 0.0;
                i_2 = 0u;
                uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e122 = i_2;
                        i_2 = (_e122 + 1u);
                    }
                    loop_init_5 = false;
                    uint _e107 = i_2;
                    if ((_e107 < 16u)) {
                    } else {
                        break;
                    }
                    {
                        float _e110 = d;
                        uint _e112 = i_2;
                        float4 _e114 = q_sh[min(uint(_e112), 15u)];
                        uint _e116 = i_2;
                        float4 _e119 = asfloat(k_cache.Load4((kb + _e116)*16));
                        d = (_e110 + dot(_e114, _e119));
                    }
                }
                float _e125 = d;
                s = (_e125 * 0.125);
            }
            float _e127 = run_max;
            float _e128 = s;
            const float _e129 = reduce_max(tid, _e128);
            float new_max = max(_e127, _e129);
            p = 0.0;
            if ((j < len)) {
                float _e134 = s;
                p = exp((_e134 - new_max));
            }
            float _e139 = p;
            p_sh[min(uint(tid), 63u)] = _e139;
            float _e140 = run_max;
            float correction = exp((_e140 - new_max));
            float _e143 = run_sum;
            float _e145 = p;
            const float _e146 = reduce_sum(tid, _e145);
            run_sum = ((_e143 * correction) + _e146);
            run_max = new_max;
            uint _e149 = tile;
            uint count = min(WG, (len - _e149));
            i_3 = 0u;
            uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
            bool loop_init_6 = true;
            while(true) {
                if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
                loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                if (!loop_init_6) {
                    uint _e195 = i_3;
                    i_3 = (_e195 + 1u);
                }
                loop_init_6 = false;
                uint _e154 = i_3;
                if ((_e154 < PER_THREAD)) {
                } else {
                    break;
                }
                {
                    uint _e157 = i_3;
                    uint dim = (tid + (_e157 * WG));
                    if ((dim < HEAD_DIM)) {
                        uint _e163 = i_3;
                        float _e165 = acc[min(uint(_e163), 0u)];
                        a = (_e165 * correction);
                        k = 0u;
                        uint2 loop_bound_7 = uint2(4294967295u, 4294967295u);
                        bool loop_init_7 = true;
                        while(true) {
                            if (all(loop_bound_7 == uint2(0u, 0u))) { break; }
                            loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
                            if (!loop_init_7) {
                                uint _e189 = k;
                                k = (_e189 + 1u);
                            }
                            loop_init_7 = false;
                            uint _e170 = k;
                            if ((_e170 < count)) {
                            } else {
                                break;
                            }
                            {
                                float _e172 = a;
                                uint _e174 = k;
                                float _e176 = p_sh[min(uint(_e174), 63u)];
                                uint _e178 = tile;
                                uint _e180 = k;
                                float _e186 = asfloat(v_cache.Load(((((kv_base + _e178) + _e180) * HEAD_DIM) + dim)*4));
                                a = (_e172 + (_e176 * _e186));
                            }
                        }
                        uint _e192 = i_3;
                        float _e194 = a;
                        acc[min(uint(_e192), 0u)] = _e194;
                    }
                }
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    uint2 loop_bound_8 = uint2(4294967295u, 4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (all(loop_bound_8 == uint2(0u, 0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            uint _e220 = i_4;
            i_4 = (_e220 + 1u);
        }
        loop_init_8 = false;
        uint _e203 = i_4;
        if ((_e203 < PER_THREAD)) {
        } else {
            break;
        }
        {
            uint _e206 = i_4;
            uint dim_1 = (tid + (_e206 * WG));
            if ((dim_1 < HEAD_DIM)) {
                uint _e215 = i_4;
                float _e217 = acc[min(uint(_e215), 0u)];
                float _e218 = run_sum;
                out_.Store((q_base + dim_1)*4, asuint((_e217 / _e218)));
            }
        }
    }
    return;
}
