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

struct Block {
    float4 v0_;
    float4 v1_;
    float4 v2_;
    float4 v3_;
    float4 v4_;
    float4 v5_;
    float4 v6_;
    float4 v7_;
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

uint source_column(uint c_1)
{
    uint _e3 = asuint(out_cols.Load(c_1*4));
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
    uint c_2 = 0u;

    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e22 = c_2;
            c_2 = (_e22 + 1u);
        }
        loop_init_2 = false;
        uint _e5 = c_2;
        if ((_e5 < B)) {
        } else {
            break;
        }
        {
            uint _e8 = c_2;
            float _e10 = ss_1[min(uint(_e8), 7u)];
            const float _e11 = workgroup_sum(tid_3, _e10);
            if ((tid_3 == 0u)) {
                uint _e15 = c_2;
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
    int w_1 = asint(word);
    return float4(int4(naga_extractBits(w_1, 0u, 8u), naga_extractBits(w_1, 8u, 8u), naga_extractBits(w_1, 16u, 8u), naga_extractBits(w_1, 24u, 8u)));
}

float block_dot(uint row, uint blk_1, uint xb_1, float scale_1)
{
    float acc = (float)0;

    uint b_1 = ((row * BLOCKS) + blk_1);
    uint nb_2 = (blk_1 * 8u);
    uint _e11 = asuint(w_s.Load(b_1*4));
    float d = float2(f16tof32(_e11), f16tof32((_e11) >> 16)).x;
    uint4 qa = asuint(w_q.Load4((2u * b_1)*16));
    uint4 qb = asuint(w_q.Load4(((2u * b_1) + 1u)*16));
    const float4 _e27 = bytes(qa.x);
    const float4 _e29 = input(xb_1, nb_2, 0u, scale_1);
    const float4 _e32 = bytes(qa.y);
    const float4 _e34 = input(xb_1, nb_2, 1u, scale_1);
    acc = (dot(_e27, _e29) + dot(_e32, _e34));
    float _e38 = acc;
    const float4 _e40 = bytes(qa.z);
    const float4 _e42 = input(xb_1, nb_2, 2u, scale_1);
    const float4 _e46 = bytes(qa.w);
    const float4 _e48 = input(xb_1, nb_2, 3u, scale_1);
    acc = ((_e38 + dot(_e40, _e42)) + dot(_e46, _e48));
    float _e51 = acc;
    const float4 _e53 = bytes(qb.x);
    const float4 _e55 = input(xb_1, nb_2, 4u, scale_1);
    const float4 _e59 = bytes(qb.y);
    const float4 _e61 = input(xb_1, nb_2, 5u, scale_1);
    acc = ((_e51 + dot(_e53, _e55)) + dot(_e59, _e61));
    float _e64 = acc;
    const float4 _e66 = bytes(qb.z);
    const float4 _e68 = input(xb_1, nb_2, 6u, scale_1);
    const float4 _e72 = bytes(qb.w);
    const float4 _e74 = input(xb_1, nb_2, 7u, scale_1);
    acc = ((_e64 + dot(_e66, _e68)) + dot(_e72, _e74));
    float _e77 = acc;
    return (d * _e77);
}

Block ConstructBlock(float4 arg0, float4 arg1, float4 arg2, float4 arg3, float4 arg4, float4 arg5, float4 arg6, float4 arg7) {
    Block ret = (Block)0;
    ret.v0_ = arg0;
    ret.v1_ = arg1;
    ret.v2_ = arg2;
    ret.v3_ = arg3;
    ret.v4_ = arg4;
    ret.v5_ = arg5;
    ret.v6_ = arg6;
    ret.v7_ = arg7;
    return ret;
}

Block dequant(uint row_1, uint blk_2)
{
    uint b_2 = ((row_1 * BLOCKS) + blk_2);
    uint _e7 = asuint(w_s.Load(b_2*4));
    float d_1 = float2(f16tof32(_e7), f16tof32((_e7) >> 16)).x;
    uint4 qa_1 = asuint(w_q.Load4((2u * b_2)*16));
    uint4 qb_1 = asuint(w_q.Load4(((2u * b_2) + 1u)*16));
    const float4 _e23 = bytes(qa_1.x);
    const float4 _e26 = bytes(qa_1.y);
    const float4 _e29 = bytes(qa_1.z);
    const float4 _e32 = bytes(qa_1.w);
    const float4 _e35 = bytes(qb_1.x);
    const float4 _e38 = bytes(qb_1.y);
    const float4 _e41 = bytes(qb_1.z);
    const float4 _e44 = bytes(qb_1.w);
    const Block block = ConstructBlock((_e23 * d_1), (_e26 * d_1), (_e29 * d_1), (_e32 * d_1), (_e35 * d_1), (_e38 * d_1), (_e41 * d_1), (_e44 * d_1));
    return block;
}

float dot_block(Block w, uint xb_2, uint nb_1, float scale_2)
{
    const float4 _e6 = input(xb_2, nb_1, 0u, scale_2);
    const float4 _e10 = input(xb_2, nb_1, 1u, scale_2);
    const float4 _e15 = input(xb_2, nb_1, 2u, scale_2);
    const float4 _e20 = input(xb_2, nb_1, 3u, scale_2);
    float a_1 = (((dot(w.v0_, _e6) + dot(w.v1_, _e10)) + dot(w.v2_, _e15)) + dot(w.v3_, _e20));
    const float4 _e25 = input(xb_2, nb_1, 4u, scale_2);
    const float4 _e29 = input(xb_2, nb_1, 5u, scale_2);
    const float4 _e34 = input(xb_2, nb_1, 6u, scale_2);
    const float4 _e39 = input(xb_2, nb_1, 7u, scale_2);
    float b_3 = (((dot(w.v4_, _e25) + dot(w.v5_, _e29)) + dot(w.v6_, _e34)) + dot(w.v7_, _e39));
    return (a_1 + b_3);
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
    float acc_a0_ = 0.0;
    float acc_b0_ = 0.0;
    float acc_a1_ = 0.0;
    float acc_b1_ = 0.0;
    float acc_a2_ = 0.0;
    float acc_b2_ = 0.0;
    float acc_a3_ = 0.0;
    float acc_b3_ = 0.0;
    float acc_a4_ = 0.0;
    float acc_b4_ = 0.0;
    float acc_a5_ = 0.0;
    float acc_b5_ = 0.0;
    float acc_a6_ = 0.0;
    float acc_b6_ = 0.0;
    float acc_a7_ = 0.0;
    float acc_b7_ = 0.0;
    uint blk = (uint)0;
    bool local = (bool)0;
    bool local_1 = (bool)0;
    bool local_2 = (bool)0;
    bool local_3 = (bool)0;
    bool local_4 = (bool)0;
    bool local_5 = (bool)0;
    bool local_6 = (bool)0;
    bool local_7 = (bool)0;
    bool local_8 = (bool)0;
    bool local_9 = (bool)0;
    bool local_10 = (bool)0;
    bool local_11 = (bool)0;
    bool local_12 = (bool)0;
    bool local_13 = (bool)0;
    bool local_14 = (bool)0;
    bool local_15 = (bool)0;

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
    if ((unit_2 < UNITS)) {
        blk = lane_1;
        uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
        bool loop_init_5 = true;
        while(true) {
            if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
            loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
            if (!loop_init_5) {
                uint _e258 = blk;
                blk = (_e258 + TPU);
            }
            loop_init_5 = false;
            uint _e84 = blk;
            if ((_e84 < BLOCKS)) {
            } else {
                break;
            }
            {
                uint _e88 = blk;
                const Block _e89 = dequant(_e56.x, _e88);
                {
                    const uint _e95 = source_column(min((col0_ + 0u), (_e14 - 1u)));
                    uint _e98 = blk;
                    uint xb_3 = ((_e95 * 144u) + (_e98 * 8u));
                    float scale_3 = col_scale[0];
                    float _e105 = acc_a0_;
                    uint _e106 = blk;
                    const float _e109 = dot_block(_e89, xb_3, (_e106 * 8u), scale_3);
                    acc_a0_ = (_e105 + _e109);
                }
                {
                    const uint _e116 = source_column(min((col0_ + 1u), (_e14 - 1u)));
                    uint _e119 = blk;
                    uint xb_4 = ((_e116 * 144u) + (_e119 * 8u));
                    float scale_4 = col_scale[1];
                    float _e126 = acc_a1_;
                    uint _e127 = blk;
                    const float _e130 = dot_block(_e89, xb_4, (_e127 * 8u), scale_4);
                    acc_a1_ = (_e126 + _e130);
                }
                {
                    const uint _e137 = source_column(min((col0_ + 2u), (_e14 - 1u)));
                    uint _e140 = blk;
                    uint xb_5 = ((_e137 * 144u) + (_e140 * 8u));
                    float scale_5 = col_scale[2];
                    float _e147 = acc_a2_;
                    uint _e148 = blk;
                    const float _e151 = dot_block(_e89, xb_5, (_e148 * 8u), scale_5);
                    acc_a2_ = (_e147 + _e151);
                }
                {
                    const uint _e158 = source_column(min((col0_ + 3u), (_e14 - 1u)));
                    uint _e161 = blk;
                    uint xb_6 = ((_e158 * 144u) + (_e161 * 8u));
                    float scale_6 = col_scale[3];
                    float _e168 = acc_a3_;
                    uint _e169 = blk;
                    const float _e172 = dot_block(_e89, xb_6, (_e169 * 8u), scale_6);
                    acc_a3_ = (_e168 + _e172);
                }
                {
                    const uint _e179 = source_column(min((col0_ + 4u), (_e14 - 1u)));
                    uint _e182 = blk;
                    uint xb_7 = ((_e179 * 144u) + (_e182 * 8u));
                    float scale_7 = col_scale[4];
                    float _e189 = acc_a4_;
                    uint _e190 = blk;
                    const float _e193 = dot_block(_e89, xb_7, (_e190 * 8u), scale_7);
                    acc_a4_ = (_e189 + _e193);
                }
                {
                    const uint _e200 = source_column(min((col0_ + 5u), (_e14 - 1u)));
                    uint _e203 = blk;
                    uint xb_8 = ((_e200 * 144u) + (_e203 * 8u));
                    float scale_8 = col_scale[5];
                    float _e210 = acc_a5_;
                    uint _e211 = blk;
                    const float _e214 = dot_block(_e89, xb_8, (_e211 * 8u), scale_8);
                    acc_a5_ = (_e210 + _e214);
                }
                {
                    const uint _e221 = source_column(min((col0_ + 6u), (_e14 - 1u)));
                    uint _e224 = blk;
                    uint xb_9 = ((_e221 * 144u) + (_e224 * 8u));
                    float scale_9 = col_scale[6];
                    float _e231 = acc_a6_;
                    uint _e232 = blk;
                    const float _e235 = dot_block(_e89, xb_9, (_e232 * 8u), scale_9);
                    acc_a6_ = (_e231 + _e235);
                }
                {
                    const uint _e242 = source_column(min((col0_ + 7u), (_e14 - 1u)));
                    uint _e245 = blk;
                    uint xb_10 = ((_e242 * 144u) + (_e245 * 8u));
                    float scale_10 = col_scale[7];
                    float _e252 = acc_a7_;
                    uint _e253 = blk;
                    const float _e256 = dot_block(_e89, xb_10, (_e253 * 8u), scale_10);
                    acc_a7_ = (_e252 + _e256);
                }
            }
        }
    }
    {
        float _e261 = acc_a0_;
        const float _e262 = unit_sum(tid, _e261);
        if ((lane_1 == 0u)) {
            local = (unit_2 < UNITS);
        } else {
            local = false;
        }
        bool _e271 = local;
        if (_e271) {
            local_1 = ((col0_ + 0u) < _e14);
        } else {
            local_1 = false;
        }
        bool _e278 = local_1;
        if (_e278) {
            epilogue(unit_2, _e56, (col0_ + 0u), _e262, 0.0);
        }
    }
    {
        float _e281 = acc_a1_;
        const float _e282 = unit_sum(tid, _e281);
        if ((lane_1 == 0u)) {
            local_2 = (unit_2 < UNITS);
        } else {
            local_2 = false;
        }
        bool _e291 = local_2;
        if (_e291) {
            local_3 = ((col0_ + 1u) < _e14);
        } else {
            local_3 = false;
        }
        bool _e298 = local_3;
        if (_e298) {
            epilogue(unit_2, _e56, (col0_ + 1u), _e282, 0.0);
        }
    }
    {
        float _e301 = acc_a2_;
        const float _e302 = unit_sum(tid, _e301);
        if ((lane_1 == 0u)) {
            local_4 = (unit_2 < UNITS);
        } else {
            local_4 = false;
        }
        bool _e311 = local_4;
        if (_e311) {
            local_5 = ((col0_ + 2u) < _e14);
        } else {
            local_5 = false;
        }
        bool _e318 = local_5;
        if (_e318) {
            epilogue(unit_2, _e56, (col0_ + 2u), _e302, 0.0);
        }
    }
    {
        float _e321 = acc_a3_;
        const float _e322 = unit_sum(tid, _e321);
        if ((lane_1 == 0u)) {
            local_6 = (unit_2 < UNITS);
        } else {
            local_6 = false;
        }
        bool _e331 = local_6;
        if (_e331) {
            local_7 = ((col0_ + 3u) < _e14);
        } else {
            local_7 = false;
        }
        bool _e338 = local_7;
        if (_e338) {
            epilogue(unit_2, _e56, (col0_ + 3u), _e322, 0.0);
        }
    }
    {
        float _e341 = acc_a4_;
        const float _e342 = unit_sum(tid, _e341);
        if ((lane_1 == 0u)) {
            local_8 = (unit_2 < UNITS);
        } else {
            local_8 = false;
        }
        bool _e351 = local_8;
        if (_e351) {
            local_9 = ((col0_ + 4u) < _e14);
        } else {
            local_9 = false;
        }
        bool _e358 = local_9;
        if (_e358) {
            epilogue(unit_2, _e56, (col0_ + 4u), _e342, 0.0);
        }
    }
    {
        float _e361 = acc_a5_;
        const float _e362 = unit_sum(tid, _e361);
        if ((lane_1 == 0u)) {
            local_10 = (unit_2 < UNITS);
        } else {
            local_10 = false;
        }
        bool _e371 = local_10;
        if (_e371) {
            local_11 = ((col0_ + 5u) < _e14);
        } else {
            local_11 = false;
        }
        bool _e378 = local_11;
        if (_e378) {
            epilogue(unit_2, _e56, (col0_ + 5u), _e362, 0.0);
        }
    }
    {
        float _e381 = acc_a6_;
        const float _e382 = unit_sum(tid, _e381);
        if ((lane_1 == 0u)) {
            local_12 = (unit_2 < UNITS);
        } else {
            local_12 = false;
        }
        bool _e391 = local_12;
        if (_e391) {
            local_13 = ((col0_ + 6u) < _e14);
        } else {
            local_13 = false;
        }
        bool _e398 = local_13;
        if (_e398) {
            epilogue(unit_2, _e56, (col0_ + 6u), _e382, 0.0);
        }
    }
    {
        float _e401 = acc_a7_;
        const float _e402 = unit_sum(tid, _e401);
        if ((lane_1 == 0u)) {
            local_14 = (unit_2 < UNITS);
        } else {
            local_14 = false;
        }
        bool _e411 = local_14;
        if (_e411) {
            local_15 = ((col0_ + 7u) < _e14);
        } else {
            local_15 = false;
        }
        bool _e418 = local_15;
        if (_e418) {
            epilogue(unit_2, _e56, (col0_ + 7u), _e402, 0.0);
            return;
        } else {
            return;
        }
    }
}
