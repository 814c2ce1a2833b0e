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
static const uint TPU = 32u;
static const uint UNITS_PER_WG = 4u;
static const uint K = 1536u;
static const uint BLOCKS = 48u;
static const uint UNITS = 576u;
static const uint Y_STRIDE = 576u;
static const uint B = 8u;
static const uint NR = 1u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
groupshared float red[1024];

struct ComputeInput_main {
    uint tid_3 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

uint output_columns()
{
    uint _e2 = params.n_cols;
    return _e2;
}

uint source_column(uint c)
{
    return c;
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

float unit_sum(uint tid_2, float v_1)
{
    float s_1 = (float)0;
    uint m = 16u;

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

float4 input(uint xb, uint nb, uint i, float scale)
{
    float4 _e7 = asfloat(x.Load4((xb + i)*16));
    return _e7;
}

float block_dot(uint row, uint blk_1, uint xb_1, float scale_1)
{
    float acc = (float)0;

    uint b_1 = ((row * BLOCKS) + blk_1);
    uint nb_2 = (blk_1 * 8u);
    uint4 q = asuint(w_q.Load4(b_1*16));
    uint _e14 = asuint(w_s.Load(b_1*4));
    float2 dm = float2(f16tof32(_e14), f16tof32((_e14) >> 16));
    uint4 m_1 = (15u).xxxx;
    const float4 _e19 = input(xb_1, nb_2, 0u, scale_1);
    const float4 _e21 = input(xb_1, nb_2, 1u, scale_1);
    const float4 _e23 = input(xb_1, nb_2, 2u, scale_1);
    const float4 _e25 = input(xb_1, nb_2, 3u, scale_1);
    const float4 _e27 = input(xb_1, nb_2, 4u, scale_1);
    const float4 _e29 = input(xb_1, nb_2, 5u, scale_1);
    const float4 _e31 = input(xb_1, nb_2, 6u, scale_1);
    const float4 _e33 = input(xb_1, nb_2, 7u, scale_1);
    uint4 shifts_lo = uint4(0u, 8u, 16u, 24u);
    uint4 shifts_hi = uint4(4u, 12u, 20u, 28u);
    acc = (dot(float4((((q.x).xxxx >> shifts_lo) & m_1)), _e19) + dot(float4((((q.x).xxxx >> shifts_hi) & m_1)), _e27));
    float _e58 = acc;
    acc = ((_e58 + dot(float4((((q.y).xxxx >> shifts_lo) & m_1)), _e21)) + dot(float4((((q.y).xxxx >> shifts_hi) & m_1)), _e29));
    float _e73 = acc;
    acc = ((_e73 + dot(float4((((q.z).xxxx >> shifts_lo) & m_1)), _e23)) + dot(float4((((q.z).xxxx >> shifts_hi) & m_1)), _e31));
    float _e88 = acc;
    acc = ((_e88 + dot(float4((((q.w).xxxx >> shifts_lo) & m_1)), _e25)) + dot(float4((((q.w).xxxx >> shifts_hi) & m_1)), _e33));
    float4 one = (1.0).xxxx;
    float sum = (dot((((_e19 + _e21) + _e23) + _e25), one) + dot((((_e27 + _e29) + _e31) + _e33), one));
    float _e115 = acc;
    return ((dm.x * _e115) + (dm.y * sum));
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
    uint4 q_1 = asuint(w_q.Load4(b_2*16));
    uint _e10 = asuint(w_s.Load(b_2*4));
    float2 dm_1 = float2(f16tof32(_e10), f16tof32((_e10) >> 16));
    uint4 m_2 = (15u).xxxx;
    uint4 lo = uint4(0u, 8u, 16u, 24u);
    uint4 hi = uint4(4u, 12u, 20u, 28u);
    float4 d = (dm_1.x).xxxx;
    float4 o = (dm_1.y).xxxx;
    const Block block = ConstructBlock(mad(float4((((q_1.x).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.y).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.z).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.w).xxxx >> lo) & m_2)), d, o), mad(float4((((q_1.x).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.y).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.z).xxxx >> hi) & m_2)), d, o), mad(float4((((q_1.w).xxxx >> hi) & m_2)), d, o));
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
void main(ComputeInput_main computeinput_main)
{
    uint tid = computeinput_main.tid_3;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
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

    uint lane = naga_mod(tid, TPU);
    uint unit_2 = ((wg.x * UNITS_PER_WG) + naga_div(tid, TPU));
    uint col0_ = (wg.y * B);
    const uint _e14 = output_columns();
    const uint2 _e17 = unit_rows(min(unit_2, 575u));
    if ((unit_2 < UNITS)) {
        blk = lane;
        uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
        bool loop_init_2 = true;
        while(true) {
            if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
            loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
            if (!loop_init_2) {
                uint _e203 = blk;
                blk = (_e203 + TPU);
            }
            loop_init_2 = false;
            uint _e45 = blk;
            if ((_e45 < BLOCKS)) {
            } else {
                break;
            }
            {
                uint _e49 = blk;
                const Block _e50 = dequant(_e17.x, _e49);
                {
                    const uint _e56 = source_column(min((col0_ + 0u), (_e14 - 1u)));
                    uint _e59 = blk;
                    uint xb_3 = ((_e56 * 384u) + (_e59 * 8u));
                    float _e64 = acc_a0_;
                    uint _e65 = blk;
                    const float _e68 = dot_block(_e50, xb_3, (_e65 * 8u), 1.0);
                    acc_a0_ = (_e64 + _e68);
                }
                {
                    const uint _e75 = source_column(min((col0_ + 1u), (_e14 - 1u)));
                    uint _e78 = blk;
                    uint xb_4 = ((_e75 * 384u) + (_e78 * 8u));
                    float _e83 = acc_a1_;
                    uint _e84 = blk;
                    const float _e87 = dot_block(_e50, xb_4, (_e84 * 8u), 1.0);
                    acc_a1_ = (_e83 + _e87);
                }
                {
                    const uint _e94 = source_column(min((col0_ + 2u), (_e14 - 1u)));
                    uint _e97 = blk;
                    uint xb_5 = ((_e94 * 384u) + (_e97 * 8u));
                    float _e102 = acc_a2_;
                    uint _e103 = blk;
                    const float _e106 = dot_block(_e50, xb_5, (_e103 * 8u), 1.0);
                    acc_a2_ = (_e102 + _e106);
                }
                {
                    const uint _e113 = source_column(min((col0_ + 3u), (_e14 - 1u)));
                    uint _e116 = blk;
                    uint xb_6 = ((_e113 * 384u) + (_e116 * 8u));
                    float _e121 = acc_a3_;
                    uint _e122 = blk;
                    const float _e125 = dot_block(_e50, xb_6, (_e122 * 8u), 1.0);
                    acc_a3_ = (_e121 + _e125);
                }
                {
                    const uint _e132 = source_column(min((col0_ + 4u), (_e14 - 1u)));
                    uint _e135 = blk;
                    uint xb_7 = ((_e132 * 384u) + (_e135 * 8u));
                    float _e140 = acc_a4_;
                    uint _e141 = blk;
                    const float _e144 = dot_block(_e50, xb_7, (_e141 * 8u), 1.0);
                    acc_a4_ = (_e140 + _e144);
                }
                {
                    const uint _e151 = source_column(min((col0_ + 5u), (_e14 - 1u)));
                    uint _e154 = blk;
                    uint xb_8 = ((_e151 * 384u) + (_e154 * 8u));
                    float _e159 = acc_a5_;
                    uint _e160 = blk;
                    const float _e163 = dot_block(_e50, xb_8, (_e160 * 8u), 1.0);
                    acc_a5_ = (_e159 + _e163);
                }
                {
                    const uint _e170 = source_column(min((col0_ + 6u), (_e14 - 1u)));
                    uint _e173 = blk;
                    uint xb_9 = ((_e170 * 384u) + (_e173 * 8u));
                    float _e178 = acc_a6_;
                    uint _e179 = blk;
                    const float _e182 = dot_block(_e50, xb_9, (_e179 * 8u), 1.0);
                    acc_a6_ = (_e178 + _e182);
                }
                {
                    const uint _e189 = source_column(min((col0_ + 7u), (_e14 - 1u)));
                    uint _e192 = blk;
                    uint xb_10 = ((_e189 * 384u) + (_e192 * 8u));
                    float _e197 = acc_a7_;
                    uint _e198 = blk;
                    const float _e201 = dot_block(_e50, xb_10, (_e198 * 8u), 1.0);
                    acc_a7_ = (_e197 + _e201);
                }
            }
        }
    }
    {
        float _e206 = acc_a0_;
        const float _e207 = unit_sum(tid, _e206);
        if ((lane == 0u)) {
            local = (unit_2 < UNITS);
        } else {
            local = false;
        }
        bool _e216 = local;
        if (_e216) {
            local_1 = ((col0_ + 0u) < _e14);
        } else {
            local_1 = false;
        }
        bool _e223 = local_1;
        if (_e223) {
            epilogue(unit_2, _e17, (col0_ + 0u), _e207, 0.0);
        }
    }
    {
        float _e226 = acc_a1_;
        const float _e227 = unit_sum(tid, _e226);
        if ((lane == 0u)) {
            local_2 = (unit_2 < UNITS);
        } else {
            local_2 = false;
        }
        bool _e236 = local_2;
        if (_e236) {
            local_3 = ((col0_ + 1u) < _e14);
        } else {
            local_3 = false;
        }
        bool _e243 = local_3;
        if (_e243) {
            epilogue(unit_2, _e17, (col0_ + 1u), _e227, 0.0);
        }
    }
    {
        float _e246 = acc_a2_;
        const float _e247 = unit_sum(tid, _e246);
        if ((lane == 0u)) {
            local_4 = (unit_2 < UNITS);
        } else {
            local_4 = false;
        }
        bool _e256 = local_4;
        if (_e256) {
            local_5 = ((col0_ + 2u) < _e14);
        } else {
            local_5 = false;
        }
        bool _e263 = local_5;
        if (_e263) {
            epilogue(unit_2, _e17, (col0_ + 2u), _e247, 0.0);
        }
    }
    {
        float _e266 = acc_a3_;
        const float _e267 = unit_sum(tid, _e266);
        if ((lane == 0u)) {
            local_6 = (unit_2 < UNITS);
        } else {
            local_6 = false;
        }
        bool _e276 = local_6;
        if (_e276) {
            local_7 = ((col0_ + 3u) < _e14);
        } else {
            local_7 = false;
        }
        bool _e283 = local_7;
        if (_e283) {
            epilogue(unit_2, _e17, (col0_ + 3u), _e267, 0.0);
        }
    }
    {
        float _e286 = acc_a4_;
        const float _e287 = unit_sum(tid, _e286);
        if ((lane == 0u)) {
            local_8 = (unit_2 < UNITS);
        } else {
            local_8 = false;
        }
        bool _e296 = local_8;
        if (_e296) {
            local_9 = ((col0_ + 4u) < _e14);
        } else {
            local_9 = false;
        }
        bool _e303 = local_9;
        if (_e303) {
            epilogue(unit_2, _e17, (col0_ + 4u), _e287, 0.0);
        }
    }
    {
        float _e306 = acc_a5_;
        const float _e307 = unit_sum(tid, _e306);
        if ((lane == 0u)) {
            local_10 = (unit_2 < UNITS);
        } else {
            local_10 = false;
        }
        bool _e316 = local_10;
        if (_e316) {
            local_11 = ((col0_ + 5u) < _e14);
        } else {
            local_11 = false;
        }
        bool _e323 = local_11;
        if (_e323) {
            epilogue(unit_2, _e17, (col0_ + 5u), _e307, 0.0);
        }
    }
    {
        float _e326 = acc_a6_;
        const float _e327 = unit_sum(tid, _e326);
        if ((lane == 0u)) {
            local_12 = (unit_2 < UNITS);
        } else {
            local_12 = false;
        }
        bool _e336 = local_12;
        if (_e336) {
            local_13 = ((col0_ + 6u) < _e14);
        } else {
            local_13 = false;
        }
        bool _e343 = local_13;
        if (_e343) {
            epilogue(unit_2, _e17, (col0_ + 6u), _e327, 0.0);
        }
    }
    {
        float _e346 = acc_a7_;
        const float _e347 = unit_sum(tid, _e346);
        if ((lane == 0u)) {
            local_14 = (unit_2 < UNITS);
        } else {
            local_14 = false;
        }
        bool _e356 = local_14;
        if (_e356) {
            local_15 = ((col0_ + 7u) < _e14);
        } else {
            local_15 = false;
        }
        bool _e363 = local_15;
        if (_e363) {
            epilogue(unit_2, _e17, (col0_ + 7u), _e347, 0.0);
            return;
        } else {
            return;
        }
    }
}
