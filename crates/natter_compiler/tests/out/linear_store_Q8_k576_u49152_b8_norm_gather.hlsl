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
groupshared float red[1024];
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

    red[min(uint(tid_1), 1023u)] = v;
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
                float _e15 = red[min(uint(tid_1), 1023u)];
                uint _e17 = s;
                float _e20 = red[min(uint((tid_1 + _e17)), 1023u)];
                red[min(uint(tid_1), 1023u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

float unit_sum(uint tid_2, float v_1)
{
    uint s_1 = 8u;

    red[min(uint(tid_2), 1023u)] = v_1;
    GroupMemoryBarrierWithGroupSync();
    uint lane = naga_mod(tid_2, TPU);
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e24 = s_1;
            s_1 = naga_div(_e24, 2u);
        }
        loop_init_1 = false;
        uint _e8 = s_1;
        if ((_e8 > 0u)) {
        } else {
            break;
        }
        {
            uint _e11 = s_1;
            if ((lane < _e11)) {
                float _e17 = red[min(uint(tid_2), 1023u)];
                uint _e19 = s_1;
                float _e22 = red[min(uint((tid_2 + _e19)), 1023u)];
                red[min(uint(tid_2), 1023u)] = (_e17 + _e22);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_1 = red[min(uint((tid_2 - lane)), 1023u)];
    GroupMemoryBarrierWithGroupSync();
    return total_1;
}

void column_scales(uint tid_3, uint sg_size, inout float ss_1[8])
{
    uint c_5 = 0u;

    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e22 = c_5;
            c_5 = (_e22 + 1u);
        }
        loop_init_2 = false;
        uint _e5 = c_5;
        if ((_e5 < B)) {
        } else {
            break;
        }
        {
            uint _e8 = c_5;
            float _e10 = ss_1[min(uint(_e8), 7u)];
            const float _e11 = workgroup_sum(tid_3, _e10);
            if ((tid_3 == 0u)) {
                uint _e15 = c_5;
                col_scale[min(uint(_e15), 7u)] = rsqrt(((_e11 / 576.0) + 1e-5));
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    return uint2(unit, unit);
}

float4 input(uint xb, uint nb, uint i_1, float scale)
{
    float4 _e7 = asfloat(x.Load4((xb + i_1)*16));
    float4 _e11 = asfloat(norm_w.Load4((nb + i_1)*16));
    return (_e7 * (scale * _e11));
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
float4 bytes(uint word)
{
    int w = asint(word);
    return float4(int4(naga_extractBits(w, 0u, 8u), naga_extractBits(w, 8u, 8u), naga_extractBits(w, 16u, 8u), naga_extractBits(w, 24u, 8u)));
}

float block_dot(uint row, uint blk_1, uint xb_1, float scale_1)
{
    float acc_1 = (float)0;

    uint b_1 = ((row * BLOCKS) + blk_1);
    uint nb_1 = (blk_1 * 8u);
    uint _e11 = asuint(w_s.Load(b_1*4));
    float d = float2(f16tof32(_e11), f16tof32((_e11) >> 16)).x;
    uint4 qa = asuint(w_q.Load4((2u * b_1)*16));
    uint4 qb = asuint(w_q.Load4(((2u * b_1) + 1u)*16));
    const float4 _e27 = bytes(qa.x);
    const float4 _e29 = input(xb_1, nb_1, 0u, scale_1);
    const float4 _e32 = bytes(qa.y);
    const float4 _e34 = input(xb_1, nb_1, 1u, scale_1);
    acc_1 = (dot(_e27, _e29) + dot(_e32, _e34));
    float _e38 = acc_1;
    const float4 _e40 = bytes(qa.z);
    const float4 _e42 = input(xb_1, nb_1, 2u, scale_1);
    const float4 _e46 = bytes(qa.w);
    const float4 _e48 = input(xb_1, nb_1, 3u, scale_1);
    acc_1 = ((_e38 + dot(_e40, _e42)) + dot(_e46, _e48));
    float _e51 = acc_1;
    const float4 _e53 = bytes(qb.x);
    const float4 _e55 = input(xb_1, nb_1, 4u, scale_1);
    const float4 _e59 = bytes(qb.y);
    const float4 _e61 = input(xb_1, nb_1, 5u, scale_1);
    acc_1 = ((_e51 + dot(_e53, _e55)) + dot(_e59, _e61));
    float _e64 = acc_1;
    const float4 _e66 = bytes(qb.z);
    const float4 _e68 = input(xb_1, nb_1, 6u, scale_1);
    const float4 _e72 = bytes(qb.w);
    const float4 _e74 = input(xb_1, nb_1, 7u, scale_1);
    acc_1 = ((_e64 + dot(_e66, _e68)) + dot(_e72, _e74));
    float _e77 = acc_1;
    return (d * _e77);
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

[numthreads(128, 1, 1)]
void main(uint tid : SV_GroupIndex, uint3 wg : SV_GroupID, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        red = (float[1024])0;
        col_scale = (float[8])0;
    }
    GroupMemoryBarrierWithGroupSync();
    float ss[8] = (float[8])0;
    uint c = 0u;
    uint i = (uint)0;
    float acc[16] = (float[16])0;
    uint c_1 = 0u;
    uint blk = (uint)0;
    uint c_2 = (uint)0;
    uint c_3 = 0u;
    bool local = (bool)0;
    bool local_1 = (bool)0;

    uint lane_1 = naga_mod(tid, TPU);
    uint unit_2 = ((wg.x * UNITS_PER_WG) + naga_div(tid, TPU));
    uint col0_ = (wg.y * B);
    const uint _e14 = output_columns();
    uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
    bool loop_init_3 = true;
    while(true) {
        if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
        if (!loop_init_3) {
            uint _e51 = c;
            c = (_e51 + 1u);
        }
        loop_init_3 = false;
        uint _e18 = c;
        if ((_e18 < B)) {
        } else {
            break;
        }
        {
            uint _e21 = c;
            ss[min(uint(_e21), 7u)] = 0.0;
            uint _e24 = c;
            if (((col0_ + _e24) < _e14)) {
                uint _e27 = c;
                const uint _e29 = source_column((col0_ + _e27));
                uint base = (_e29 * 144u);
                i = tid;
                uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
                bool loop_init_4 = true;
                while(true) {
                    if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
                    loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                    if (!loop_init_4) {
                        uint _e48 = i;
                        i = (_e48 + WG);
                    }
                    loop_init_4 = false;
                    uint _e33 = i;
                    if ((_e33 < 144u)) {
                    } else {
                        break;
                    }
                    {
                        uint _e37 = i;
                        float4 v_2 = asfloat(x.Load4((base + _e37)*16));
                        uint _e41 = c;
                        uint _e43 = c;
                        float _e45 = ss[min(uint(_e43), 7u)];
                        ss[min(uint(_e41), 7u)] = (_e45 + dot(v_2, v_2));
                    }
                }
            }
        }
    }
    column_scales(tid, 1u, ss);
    const uint2 _e56 = unit_rows(min(unit_2, 49151u));
    uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e75 = c_1;
            c_1 = (_e75 + 1u);
        }
        loop_init_5 = false;
        uint _e60 = c_1;
        if ((_e60 < B)) {
        } else {
            break;
        }
        {
            uint _e64 = c_1;
            acc[min(uint((2u * _e64)), 15u)] = 0.0;
            uint _e69 = c_1;
            acc[min(uint(((2u * _e69) + 1u)), 15u)] = 0.0;
        }
    }
    if ((unit_2 < UNITS)) {
        blk = lane_1;
        uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
        bool loop_init_6 = true;
        while(true) {
            if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
            if (!loop_init_6) {
                uint _e121 = blk;
                blk = (_e121 + TPU);
            }
            loop_init_6 = false;
            uint _e81 = blk;
            if ((_e81 < BLOCKS)) {
            } else {
                break;
            }
            {
                c_2 = 0u;
                uint2 loop_bound_7 = uint2(4294967295u, 4294967295u);
                bool loop_init_7 = true;
                while(true) {
                    if (all(loop_bound_7 == uint2(0u, 0u))) { break; }
                    loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
                    if (!loop_init_7) {
                        uint _e118 = c_2;
                        c_2 = (_e118 + 1u);
                    }
                    loop_init_7 = false;
                    uint _e86 = c_2;
                    if ((_e86 < B)) {
                    } else {
                        break;
                    }
                    {
                        uint _e89 = c_2;
                        if (((col0_ + _e89) < _e14)) {
                            uint _e92 = c_2;
                            const uint _e94 = source_column((col0_ + _e92));
                            uint _e97 = blk;
                            uint xb_2 = ((_e94 * 144u) + (_e97 * 8u));
                            uint _e102 = c_2;
                            float scale_2 = col_scale[min(uint(_e102), 7u)];
                            uint _e106 = c_2;
                            uint _e110 = c_2;
                            float _e113 = acc[min(uint((2u * _e110)), 15u)];
                            uint _e115 = blk;
                            const float _e116 = block_dot(_e56.x, _e115, xb_2, scale_2);
                            acc[min(uint((2u * _e106)), 15u)] = (_e113 + _e116);
                        }
                    }
                }
            }
        }
    }
    uint2 loop_bound_8 = uint2(4294967295u, 4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (all(loop_bound_8 == uint2(0u, 0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            uint _e153 = c_3;
            c_3 = (_e153 + 1u);
        }
        loop_init_8 = false;
        uint _e126 = c_3;
        if ((_e126 < B)) {
        } else {
            break;
        }
        {
            uint _e130 = c_3;
            float _e133 = acc[min(uint((2u * _e130)), 15u)];
            const float _e134 = unit_sum(tid, _e133);
            if ((lane_1 == 0u)) {
                local = (unit_2 < UNITS);
            } else {
                local = false;
            }
            bool _e143 = local;
            if (_e143) {
                uint _e146 = c_3;
                local_1 = ((col0_ + _e146) < _e14);
            } else {
                local_1 = false;
            }
            bool _e150 = local_1;
            if (_e150) {
                uint _e151 = c_3;
                epilogue(unit_2, _e56, (col0_ + _e151), _e134, 0.0);
            }
        }
    }
    return;
}
