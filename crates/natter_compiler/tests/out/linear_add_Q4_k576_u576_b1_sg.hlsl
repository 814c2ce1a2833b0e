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
static const uint UNITS = 576u;
static const uint Y_STRIDE = 576u;
static const uint B = 1u;
static const uint NR = 1u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
groupshared float red[128];

uint output_columns()
{
    uint _e2 = params.n_cols;
    return _e2;
}

uint source_column(uint c_3)
{
    return c_3;
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

float block_dot(uint row, uint blk_1, inout float4 xs_1[8])
{
    float acc_1 = 0.0;
    float sum = 0.0;
    uint w = 0u;

    uint b_1 = ((row * BLOCKS) + blk_1);
    uint4 q = asuint(w_q.Load4(b_1*16));
    uint _e11 = asuint(w_s.Load(b_1*4));
    float2 dm = float2(f16tof32(_e11), f16tof32((_e11) >> 16));
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e80 = w;
            w = (_e80 + 1u);
        }
        loop_init_2 = false;
        uint _e19 = w;
        if ((_e19 < 4u)) {
        } else {
            break;
        }
        {
            uint _e22 = w;
            uint word = q[min(uint(_e22), 3u)];
            float4 lo = float4(uint4((word & 15u), ((word >> 8u) & 15u), ((word >> 16u) & 15u), ((word >> 24u) & 15u)));
            float4 hi = float4(uint4(((word >> 4u) & 15u), ((word >> 12u) & 15u), ((word >> 20u) & 15u), ((word >> 28u) & 15u)));
            uint _e58 = w;
            float4 xl = xs_1[min(uint(_e58), 7u)];
            uint _e61 = w;
            float4 xh = xs_1[min(uint((_e61 + 4u)), 7u)];
            float _e66 = acc_1;
            acc_1 = ((_e66 + dot(lo, xl)) + dot(hi, xh));
            float _e71 = sum;
            sum = ((_e71 + dot(xl, (1.0).xxxx)) + dot(xh, (1.0).xxxx));
        }
    }
    float _e84 = acc_1;
    float _e87 = sum;
    return ((dm.x * _e84) + (dm.y * _e87));
}

void epilogue(uint unit_1, uint2 rows, uint col, float dot_a, float dot_b)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e17 = asfloat(y.Load(((col * Y_STRIDE) + unit_1)*4));
    float _e18 = a;
    y.Store(((col * Y_STRIDE) + unit_1)*4, asuint((_e17 + _e18)));
    return;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

[numthreads(128, 1, 1)]
void main(uint tid : SV_GroupIndex, uint3 wg : SV_GroupID)
{
    float acc[2] = (float[2])0;
    uint c = 0u;
    uint blk = (uint)0;
    uint c_1 = (uint)0;
    float4 xs[8] = (float4[8])0;
    uint i = (uint)0;
    uint c_2 = 0u;
    bool local = (bool)0;
    bool local_1 = (bool)0;

    uint lane = naga_mod(tid, TPU);
    uint unit_2 = ((wg.x * UNITS_PER_WG) + naga_div(tid, TPU));
    uint col0_ = (wg.y * B);
    const uint _e13 = output_columns();
    const uint2 _e16 = unit_rows(min(unit_2, 575u));
    uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
    bool loop_init_3 = true;
    while(true) {
        if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
        if (!loop_init_3) {
            uint _e35 = c;
            c = (_e35 + 1u);
        }
        loop_init_3 = false;
        uint _e20 = c;
        if ((_e20 < B)) {
        } else {
            break;
        }
        {
            uint _e24 = c;
            acc[min(uint((2u * _e24)), 1u)] = 0.0;
            uint _e29 = c;
            acc[min(uint(((2u * _e29) + 1u)), 1u)] = 0.0;
        }
    }
    if ((unit_2 < UNITS)) {
        blk = lane;
        uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
        bool loop_init_4 = true;
        while(true) {
            if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
            loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
            if (!loop_init_4) {
                uint _e93 = blk;
                blk = (_e93 + TPU);
            }
            loop_init_4 = false;
            uint _e41 = blk;
            if ((_e41 < BLOCKS)) {
            } else {
                break;
            }
            {
                c_1 = 0u;
                uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e90 = c_1;
                        c_1 = (_e90 + 1u);
                    }
                    loop_init_5 = false;
                    uint _e46 = c_1;
                    if ((_e46 < B)) {
                    } else {
                        break;
                    }
                    {
                        uint _e49 = c_1;
                        if (((col0_ + _e49) < _e13)) {
                            uint _e52 = c_1;
                            const uint _e54 = source_column((col0_ + _e52));
                            uint _e57 = blk;
                            uint base = ((_e54 * 144u) + (_e57 * 8u));
                            i = 0u;
                            uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
                            bool loop_init_6 = true;
                            while(true) {
                                if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
                                loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                                if (!loop_init_6) {
                                    uint _e74 = i;
                                    i = (_e74 + 1u);
                                }
                                loop_init_6 = false;
                                uint _e64 = i;
                                if ((_e64 < 8u)) {
                                } else {
                                    break;
                                }
                                {
                                    uint _e67 = i;
                                    uint _e70 = i;
                                    float4 _e73 = asfloat(x.Load4((base + _e70)*16));
                                    xs[min(uint(_e67), 7u)] = _e73;
                                }
                            }
                            uint _e78 = c_1;
                            uint _e82 = c_1;
                            float _e85 = acc[min(uint((2u * _e82)), 1u)];
                            uint _e87 = blk;
                            const float _e88 = block_dot(_e16.x, _e87, xs);
                            acc[min(uint((2u * _e78)), 1u)] = (_e85 + _e88);
                        }
                    }
                }
            }
        }
    }
    uint2 loop_bound_7 = uint2(4294967295u, 4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (all(loop_bound_7 == uint2(0u, 0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e125 = c_2;
            c_2 = (_e125 + 1u);
        }
        loop_init_7 = false;
        uint _e98 = c_2;
        if ((_e98 < B)) {
        } else {
            break;
        }
        {
            uint _e102 = c_2;
            float _e105 = acc[min(uint((2u * _e102)), 1u)];
            const float _e106 = unit_sum(tid, _e105);
            if ((lane == 0u)) {
                local = (unit_2 < UNITS);
            } else {
                local = false;
            }
            bool _e115 = local;
            if (_e115) {
                uint _e118 = c_2;
                local_1 = ((col0_ + _e118) < _e13);
            } else {
                local_1 = false;
            }
            bool _e122 = local_1;
            if (_e122) {
                uint _e123 = c_2;
                epilogue(unit_2, _e16, (col0_ + _e123), _e106, 0.0);
            }
        }
    }
    return;
}
