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

static const uint WG = 128u;
static const uint TPU = 16u;
static const uint UNITS_PER_WG = 8u;
static const uint K = 576u;
static const uint BLOCKS = 18u;
static const uint UNITS = 49152u;
static const uint Y_STRIDE = 49152u;
static const uint B = 8u;
static const uint NR = 1u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
ByteAddressBuffer norm_w : register(t6);
ByteAddressBuffer out_cols : register(t8);
groupshared float red[128];
groupshared float col_scale[8];

uint output_columns()
{
    uint _e2 = params.n_out;
    return _e2;
}

uint source_column(uint c_4)
{
    uint _e3 = asuint(out_cols.Load(c_4*4));
    return _e3;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

float workgroup_sum(uint tid_1, float v)
{
    uint s = 64u;

    red[min(uint(tid_1), 127u)] = v;
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
                float _e15 = red[min(uint(tid_1), 127u)];
                uint _e17 = s;
                float _e20 = red[min(uint((tid_1 + _e17)), 127u)];
                red[min(uint(tid_1), 127u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total;
}

float unit_sum(uint tid_2, float v_1)
{
    float s_1 = (float)0;
    uint m = 8u;

    s_1 = v_1;
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e13 = m;
            m = naga_div(_e13, 2u);
        }
        loop_init_1 = false;
        uint _e5 = m;
        if ((_e5 > 0u)) {
        } else {
            break;
        }
        {
            float _e8 = s_1;
            float _e9 = s_1;
            uint _e10 = m;
            const float _e11 = WaveReadLaneAt(_e9, WaveGetLaneIndex() ^ _e10);
            s_1 = (_e8 + _e11);
        }
    }
    float _e16 = s_1;
    return _e16;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, unit);
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
float block_dot(uint row, uint blk_1, inout float4 xs_1[8])
{
    float acc_1 = 0.0;
    uint h = 0u;
    uint w = (uint)0;

    uint b_1 = ((row * BLOCKS) + blk_1);
    uint _e8 = asuint(w_s.Load(b_1*4));
    float d = float2(f16tof32(_e8), f16tof32((_e8) >> 16)).x;
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e60 = h;
            h = (_e60 + 1u);
        }
        loop_init_2 = false;
        uint _e15 = h;
        if ((_e15 < 2u)) {
        } else {
            break;
        }
        {
            uint _e21 = h;
            uint4 q = asuint(w_q.Load4(((2u * b_1) + _e21)*16));
            w = 0u;
            uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
            bool loop_init_3 = true;
            while(true) {
                if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
                loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                if (!loop_init_3) {
                    uint _e57 = w;
                    w = (_e57 + 1u);
                }
                loop_init_3 = false;
                uint _e27 = w;
                if ((_e27 < 4u)) {
                } else {
                    break;
                }
                {
                    uint _e30 = w;
                    int word = asint(q[min(uint(_e30), 3u)]);
                    float4 v_2 = float4(int4(naga_extractBits(word, 0u, 8u), naga_extractBits(word, 8u, 8u), naga_extractBits(word, 16u, 8u), naga_extractBits(word, 24u, 8u)));
                    float _e47 = acc_1;
                    uint _e49 = h;
                    uint _e51 = w;
                    float4 _e54 = xs_1[min(uint(((4u * _e49) + _e51)), 7u)];
                    acc_1 = (_e47 + dot(v_2, _e54));
                }
            }
        }
    }
    float _e63 = acc_1;
    return (d * _e63);
}

void epilogue(uint unit_1, uint2 rows, uint col, float dot_a, float dot_b)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e12 = a;
    y.Store(((col * Y_STRIDE) + unit_1)*4, asuint(_e12));
    return;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

[numthreads(128, 1, 1)]
void main(uint tid : SV_GroupIndex, uint3 wg : SV_GroupID, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        red = (float[128])0;
        col_scale = (float[8])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint c = 0u;
    float ss = (float)0;
    uint i = (uint)0;
    float acc[16] = (float[16])0;
    uint c_1 = 0u;
    uint blk = (uint)0;
    float4 nw[8] = (float4[8])0;
    uint i_1 = (uint)0;
    uint c_2 = (uint)0;
    float4 xs[8] = (float4[8])0;
    uint i_2 = (uint)0;
    uint c_3 = 0u;
    bool local = (bool)0;
    bool local_1 = (bool)0;

    uint lane = naga_mod(tid, TPU);
    uint unit_2 = ((wg.x * UNITS_PER_WG) + naga_div(tid, TPU));
    uint col0_ = (wg.y * B);
    const uint _e13 = output_columns();
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e56 = c;
            c = (_e56 + 1u);
        }
        loop_init_4 = false;
        uint _e16 = c;
        if ((_e16 < B)) {
        } else {
            break;
        }
        {
            ss = 0.0;
            uint _e21 = c;
            if (((col0_ + _e21) < _e13)) {
                uint _e24 = c;
                const uint _e26 = source_column((col0_ + _e24));
                uint base = (_e26 * 144u);
                i = tid;
                uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e41 = i;
                        i = (_e41 + WG);
                    }
                    loop_init_5 = false;
                    uint _e30 = i;
                    if ((_e30 < 144u)) {
                    } else {
                        break;
                    }
                    {
                        uint _e34 = i;
                        float4 v_3 = asfloat(x.Load4((base + _e34)*16));
                        float _e38 = ss;
                        ss = (_e38 + dot(v_3, v_3));
                    }
                }
            }
            float _e44 = ss;
            const float _e45 = workgroup_sum(tid, _e44);
            if ((tid == 0u)) {
                uint _e49 = c;
                col_scale[min(uint(_e49), 7u)] = rsqrt(((_e45 / 576.0) + 1e-5));
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    const uint2 _e61 = unit_rows(min(unit_2, 49151u));
    uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e80 = c_1;
            c_1 = (_e80 + 1u);
        }
        loop_init_6 = false;
        uint _e65 = c_1;
        if ((_e65 < B)) {
        } else {
            break;
        }
        {
            uint _e69 = c_1;
            acc[min(uint((2u * _e69)), 15u)] = 0.0;
            uint _e74 = c_1;
            acc[min(uint(((2u * _e74) + 1u)), 15u)] = 0.0;
        }
    }
    if ((unit_2 < UNITS)) {
        blk = lane;
        uint2 loop_bound_7 = uint2(4294967295u, 4294967295u);
        bool loop_init_7 = true;
        while(true) {
            if (all(loop_bound_7 == uint2(0u, 0u))) { break; }
            loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
            if (!loop_init_7) {
                uint _e166 = blk;
                blk = (_e166 + TPU);
            }
            loop_init_7 = false;
            uint _e86 = blk;
            if ((_e86 < BLOCKS)) {
            } else {
                break;
            }
            {
                i_1 = 0u;
                uint2 loop_bound_8 = uint2(4294967295u, 4294967295u);
                bool loop_init_8 = true;
                while(true) {
                    if (all(loop_bound_8 == uint2(0u, 0u))) { break; }
                    loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
                    if (!loop_init_8) {
                        uint _e105 = i_1;
                        i_1 = (_e105 + 1u);
                    }
                    loop_init_8 = false;
                    uint _e92 = i_1;
                    if ((_e92 < 8u)) {
                    } else {
                        break;
                    }
                    {
                        uint _e95 = i_1;
                        uint _e98 = blk;
                        uint _e101 = i_1;
                        float4 _e104 = asfloat(norm_w.Load4(((_e98 * 8u) + _e101)*16));
                        nw[min(uint(_e95), 7u)] = _e104;
                    }
                }
                c_2 = 0u;
                uint2 loop_bound_9 = uint2(4294967295u, 4294967295u);
                bool loop_init_9 = true;
                while(true) {
                    if (all(loop_bound_9 == uint2(0u, 0u))) { break; }
                    loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
                    if (!loop_init_9) {
                        uint _e163 = c_2;
                        c_2 = (_e163 + 1u);
                    }
                    loop_init_9 = false;
                    uint _e110 = c_2;
                    if ((_e110 < B)) {
                    } else {
                        break;
                    }
                    {
                        uint _e113 = c_2;
                        if (((col0_ + _e113) < _e13)) {
                            uint _e116 = c_2;
                            const uint _e118 = source_column((col0_ + _e116));
                            uint _e121 = blk;
                            uint base_1 = ((_e118 * 144u) + (_e121 * 8u));
                            i_2 = 0u;
                            uint2 loop_bound_10 = uint2(4294967295u, 4294967295u);
                            bool loop_init_10 = true;
                            while(true) {
                                if (all(loop_bound_10 == uint2(0u, 0u))) { break; }
                                loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
                                if (!loop_init_10) {
                                    uint _e147 = i_2;
                                    i_2 = (_e147 + 1u);
                                }
                                loop_init_10 = false;
                                uint _e128 = i_2;
                                if ((_e128 < 8u)) {
                                } else {
                                    break;
                                }
                                {
                                    uint _e131 = i_2;
                                    uint _e134 = i_2;
                                    float4 _e137 = asfloat(x.Load4((base_1 + _e134)*16));
                                    uint _e139 = c_2;
                                    float _e141 = col_scale[min(uint(_e139), 7u)];
                                    uint _e143 = i_2;
                                    float4 _e145 = nw[min(uint(_e143), 7u)];
                                    xs[min(uint(_e131), 7u)] = ((_e137 * _e141) * _e145);
                                }
                            }
                            uint _e151 = c_2;
                            uint _e155 = c_2;
                            float _e158 = acc[min(uint((2u * _e155)), 15u)];
                            uint _e160 = blk;
                            const float _e161 = block_dot(_e61.x, _e160, xs);
                            acc[min(uint((2u * _e151)), 15u)] = (_e158 + _e161);
                        }
                    }
                }
            }
        }
    }
    uint2 loop_bound_11 = uint2(4294967295u, 4294967295u);
    bool loop_init_11 = true;
    while(true) {
        if (all(loop_bound_11 == uint2(0u, 0u))) { break; }
        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
        if (!loop_init_11) {
            uint _e198 = c_3;
            c_3 = (_e198 + 1u);
        }
        loop_init_11 = false;
        uint _e171 = c_3;
        if ((_e171 < B)) {
        } else {
            break;
        }
        {
            uint _e175 = c_3;
            float _e178 = acc[min(uint((2u * _e175)), 15u)];
            const float _e179 = unit_sum(tid, _e178);
            if ((lane == 0u)) {
                local = (unit_2 < UNITS);
            } else {
                local = false;
            }
            bool _e188 = local;
            if (_e188) {
                uint _e191 = c_3;
                local_1 = ((col0_ + _e191) < _e13);
            } else {
                local_1 = false;
            }
            bool _e195 = local_1;
            if (_e195) {
                uint _e196 = c_3;
                epilogue(unit_2, _e61, (col0_ + _e196), _e179, 0.0);
            }
        }
    }
    return;
}
