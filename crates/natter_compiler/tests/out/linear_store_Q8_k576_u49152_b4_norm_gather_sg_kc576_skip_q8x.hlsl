struct Params {
    uint n_cols;
    uint n_out;
    uint span;
    uint _pad1_;
};

struct Column {
    uint slot;
    uint pos;
    uint token;
    uint _pad;
};

struct Raw {
    uint4 qa;
    uint4 qb;
    uint s;
    int _end_pad_0;
    int _end_pad_1;
    int _end_pad_2;
};

struct Block {
    uint4 lo;
    uint4 hi;
    float d;
    float m;
    int _end_pad_0;
    int _end_pad_1;
};

static const uint WG = 128u;
static const uint TPU = 2u;
static const uint UNITS_PER_WG = 64u;
static const uint K = 576u;
static const uint BLOCKS = 18u;
static const uint UNITS = 49152u;
static const uint Y_STRIDE = 49152u;
static const uint B = 4u;
static const uint ROUNDS = 1u;
static const uint NR = 1u;
static const uint KC = 576u;
static const uint KC4_ = 144u;
static const uint KCP = 18u;
static const uint XBS = 1u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
ByteAddressBuffer norm_w : register(t6);
ByteAddressBuffer out_cols : register(t8);
groupshared uint4 xq_sh[144];
groupshared float2 xd_sh[72];
groupshared float red[512];
groupshared float col_scale[4];

struct ComputeInput_main {
    uint tid_5 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

uint output_columns()
{
    uint _e2 = params.n_out;
    return _e2;
}

uint source_column(uint c)
{
    uint _e3 = asuint(out_cols.Load(c*4));
    return _e3;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

float workgroup_sum(uint tid_1, float v)
{
    uint s = 64u;

    red[min(uint(tid_1), 511u)] = v;
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
                float _e15 = red[min(uint(tid_1), 511u)];
                uint _e17 = s;
                float _e20 = red[min(uint((tid_1 + _e17)), 511u)];
                red[min(uint(tid_1), 511u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_1 = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total_1;
}

float unit_sum(uint tid_2, float v_1)
{
    float s_1 = (float)0;
    uint m = 1u;

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

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

void column_scales(uint tid_3, uint sg_size_1, inout float ss_1[4])
{
    uint c_1 = 0u;
    float total = 0.0;
    uint i = 0u;

    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e22 = c_1;
            c_1 = (_e22 + 1u);
        }
        loop_init_2 = false;
        uint _e5 = c_1;
        if ((_e5 < B)) {
        } else {
            break;
        }
        {
            uint _e8 = c_1;
            float _e10 = ss_1[min(uint(_e8), 3u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_3, sg_size_1) == 0u)) {
                uint _e19 = c_1;
                red[min(uint(((naga_div(tid_3, sg_size_1) * B) + _e19)), 511u)] = _e11;
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    if ((tid_3 < B)) {
        uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
        bool loop_init_3 = true;
        while(true) {
            if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
            loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
            if (!loop_init_3) {
                uint _e44 = i;
                i = (_e44 + 1u);
            }
            loop_init_3 = false;
            uint _e31 = i;
            if ((_e31 < naga_div(WG, sg_size_1))) {
            } else {
                break;
            }
            {
                float _e35 = total;
                uint _e37 = i;
                float _e42 = red[min(uint(((_e37 * B) + tid_3)), 511u)];
                total = (_e35 + _e42);
            }
        }
        float _e49 = total;
        col_scale[min(uint(tid_3), 3u)] = rsqrt(((_e49 / 576.0) + 1e-5));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

int4 naga_f2i32(float4 value) {
    return int4(clamp(value, -2147483600.0, 2147483500.0));
}

int4 quantise(float4 v_2, float amax)
{
    float inv = ((amax > 0.0) ? (127.0 / amax) : 0.0);
    return naga_f2i32(clamp(round((v_2 * inv)), (-127.0).xxxx, (127.0).xxxx));
}

void stage_inputs(uint tid_4, uint col0_, uint n_cols, uint k0_1, uint kc)
{
    float4 v0_ = (0.0).xxxx;
    float4 g0_ = (1.0).xxxx;
    bool local_17 = (bool)0;
    bool local_18 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_19 = (bool)0;
    bool local_20 = (bool)0;
    float4 v2_ = (0.0).xxxx;
    float4 g2_ = (1.0).xxxx;
    bool local_21 = (bool)0;
    bool local_22 = (bool)0;
    float4 v3_ = (0.0).xxxx;
    float4 g3_ = (1.0).xxxx;
    bool local_23 = (bool)0;
    bool local_24 = (bool)0;
    float4 v4_ = (0.0).xxxx;
    float4 g4_ = (1.0).xxxx;
    bool local_25 = (bool)0;
    bool local_26 = (bool)0;
    float amax_1 = (float)0;
    int q_sum = (int)0;
    float amax_2 = (float)0;
    int q_sum_1 = (int)0;
    float amax_3 = (float)0;
    int q_sum_2 = (int)0;
    float amax_4 = (float)0;
    int q_sum_3 = (int)0;
    float amax_5 = (float)0;
    int q_sum_4 = (int)0;

    uint i0_ = (tid_4 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 576u)) {
        local_17 = ((col0_ + c0_) < n_cols);
    } else {
        local_17 = false;
    }
    bool _e24 = local_17;
    if (_e24) {
        local_18 = ((e0_ * 4u) < kc);
    } else {
        local_18 = false;
    }
    bool _e31 = local_18;
    if (_e31) {
        const uint _e34 = source_column((col0_ + c0_));
        float4 _e42 = asfloat(x.Load4((((_e34 * 144u) + naga_div(k0_1, 4u)) + e0_)*16));
        v0_ = _e42;
        float4 _e48 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e0_)*16));
        g0_ = _e48;
    }
    uint i1_ = (tid_4 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 576u)) {
        local_19 = ((col0_ + c1_) < n_cols);
    } else {
        local_19 = false;
    }
    bool _e68 = local_19;
    if (_e68) {
        local_20 = ((e1_ * 4u) < kc);
    } else {
        local_20 = false;
    }
    bool _e75 = local_20;
    if (_e75) {
        const uint _e78 = source_column((col0_ + c1_));
        float4 _e86 = asfloat(x.Load4((((_e78 * 144u) + naga_div(k0_1, 4u)) + e1_)*16));
        v1_ = _e86;
        float4 _e92 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e1_)*16));
        g1_ = _e92;
    }
    uint i2_ = (tid_4 + 256u);
    uint c2_ = naga_div(i2_, KC4_);
    uint e2_ = naga_mod(i2_, KC4_);
    if ((i2_ < 576u)) {
        local_21 = ((col0_ + c2_) < n_cols);
    } else {
        local_21 = false;
    }
    bool _e112 = local_21;
    if (_e112) {
        local_22 = ((e2_ * 4u) < kc);
    } else {
        local_22 = false;
    }
    bool _e119 = local_22;
    if (_e119) {
        const uint _e122 = source_column((col0_ + c2_));
        float4 _e130 = asfloat(x.Load4((((_e122 * 144u) + naga_div(k0_1, 4u)) + e2_)*16));
        v2_ = _e130;
        float4 _e136 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e2_)*16));
        g2_ = _e136;
    }
    uint i3_ = (tid_4 + 384u);
    uint c3_ = naga_div(i3_, KC4_);
    uint e3_ = naga_mod(i3_, KC4_);
    if ((i3_ < 576u)) {
        local_23 = ((col0_ + c3_) < n_cols);
    } else {
        local_23 = false;
    }
    bool _e156 = local_23;
    if (_e156) {
        local_24 = ((e3_ * 4u) < kc);
    } else {
        local_24 = false;
    }
    bool _e163 = local_24;
    if (_e163) {
        const uint _e166 = source_column((col0_ + c3_));
        float4 _e174 = asfloat(x.Load4((((_e166 * 144u) + naga_div(k0_1, 4u)) + e3_)*16));
        v3_ = _e174;
        float4 _e180 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e3_)*16));
        g3_ = _e180;
    }
    uint i4_ = (tid_4 + 512u);
    uint c4_ = naga_div(i4_, KC4_);
    uint e4_ = naga_mod(i4_, KC4_);
    if ((i4_ < 576u)) {
        local_25 = ((col0_ + c4_) < n_cols);
    } else {
        local_25 = false;
    }
    bool _e200 = local_25;
    if (_e200) {
        local_26 = ((e4_ * 4u) < kc);
    } else {
        local_26 = false;
    }
    bool _e207 = local_26;
    if (_e207) {
        const uint _e210 = source_column((col0_ + c4_));
        float4 _e218 = asfloat(x.Load4((((_e210 * 144u) + naga_div(k0_1, 4u)) + e4_)*16));
        v4_ = _e218;
        float4 _e224 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e4_)*16));
        g4_ = _e224;
    }
    {
        float4 _e225 = v0_;
        float _e230 = col_scale[min(uint(min(c0_, 3u)), 3u)];
        float4 _e231 = g0_;
        float4 v_3 = (_e225 * (_e230 * _e231));
        float4 a_1 = abs(v_3);
        amax_1 = max(max(a_1.x, a_1.y), max(a_1.z, a_1.w));
        float _e243 = amax_1;
        float _e244 = amax_1;
        const float _e246 = WaveReadLaneAt(_e244, WaveGetLaneIndex() ^ 1u);
        amax_1 = max(_e243, _e246);
        float _e248 = amax_1;
        float _e249 = amax_1;
        const float _e251 = WaveReadLaneAt(_e249, WaveGetLaneIndex() ^ 2u);
        amax_1 = max(_e248, _e251);
        float _e253 = amax_1;
        float _e254 = amax_1;
        const float _e256 = WaveReadLaneAt(_e254, WaveGetLaneIndex() ^ 4u);
        amax_1 = max(_e253, _e256);
        float _e258 = amax_1;
        const int4 _e259 = quantise(v_3, _e258);
        q_sum = asint(asuint(asint(asuint(asint(asuint(_e259.x) + asuint(_e259.y))) + asuint(_e259.z))) + asuint(_e259.w));
        int _e268 = q_sum;
        int _e269 = q_sum;
        const int _e271 = WaveReadLaneAt(_e269, WaveGetLaneIndex() ^ 1u);
        q_sum = asint(asuint(_e268) + asuint(_e271));
        int _e273 = q_sum;
        int _e274 = q_sum;
        const int _e276 = WaveReadLaneAt(_e274, WaveGetLaneIndex() ^ 2u);
        q_sum = asint(asuint(_e273) + asuint(_e276));
        int _e278 = q_sum;
        int _e279 = q_sum;
        const int _e281 = WaveReadLaneAt(_e279, WaveGetLaneIndex() ^ 4u);
        q_sum = asint(asuint(_e278) + asuint(_e281));
        uint word_1 = ((((uint(_e259.x) & 255u) | ((uint(_e259.y) & 255u) << 8u)) | ((uint(_e259.z) & 255u) << 16u)) | (uint(_e259.w) << 24u));
        const uint _e307 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 1u);
        const uint _e309 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 2u);
        const uint _e311 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 3u);
        if ((i0_ < 576u)) {
            uint blk_2 = ((c0_ * KCP) + naga_div(e0_, 8u));
            if ((naga_mod(e0_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e0_, 4u), 2u) * 72u) + blk_2)), 143u)] = uint4(word_1, _e307, _e309, _e311);
            }
            if ((naga_mod(e0_, 8u) == 0u)) {
                float _e337 = amax_1;
                float d = (_e337 / 127.0);
                int _e342 = q_sum;
                xd_sh[min(uint(blk_2), 71u)] = float2(d, (d * float(_e342)));
            }
        }
    }
    {
        float4 _e346 = v1_;
        float _e351 = col_scale[min(uint(min(c1_, 3u)), 3u)];
        float4 _e352 = g1_;
        float4 v_4 = (_e346 * (_e351 * _e352));
        float4 a_2 = abs(v_4);
        amax_2 = max(max(a_2.x, a_2.y), max(a_2.z, a_2.w));
        float _e364 = amax_2;
        float _e365 = amax_2;
        const float _e367 = WaveReadLaneAt(_e365, WaveGetLaneIndex() ^ 1u);
        amax_2 = max(_e364, _e367);
        float _e369 = amax_2;
        float _e370 = amax_2;
        const float _e372 = WaveReadLaneAt(_e370, WaveGetLaneIndex() ^ 2u);
        amax_2 = max(_e369, _e372);
        float _e374 = amax_2;
        float _e375 = amax_2;
        const float _e377 = WaveReadLaneAt(_e375, WaveGetLaneIndex() ^ 4u);
        amax_2 = max(_e374, _e377);
        float _e379 = amax_2;
        const int4 _e380 = quantise(v_4, _e379);
        q_sum_1 = asint(asuint(asint(asuint(asint(asuint(_e380.x) + asuint(_e380.y))) + asuint(_e380.z))) + asuint(_e380.w));
        int _e389 = q_sum_1;
        int _e390 = q_sum_1;
        const int _e392 = WaveReadLaneAt(_e390, WaveGetLaneIndex() ^ 1u);
        q_sum_1 = asint(asuint(_e389) + asuint(_e392));
        int _e394 = q_sum_1;
        int _e395 = q_sum_1;
        const int _e397 = WaveReadLaneAt(_e395, WaveGetLaneIndex() ^ 2u);
        q_sum_1 = asint(asuint(_e394) + asuint(_e397));
        int _e399 = q_sum_1;
        int _e400 = q_sum_1;
        const int _e402 = WaveReadLaneAt(_e400, WaveGetLaneIndex() ^ 4u);
        q_sum_1 = asint(asuint(_e399) + asuint(_e402));
        uint word_2 = ((((uint(_e380.x) & 255u) | ((uint(_e380.y) & 255u) << 8u)) | ((uint(_e380.z) & 255u) << 16u)) | (uint(_e380.w) << 24u));
        const uint _e428 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 1u);
        const uint _e430 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 2u);
        const uint _e432 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 3u);
        if ((i1_ < 576u)) {
            uint blk_3 = ((c1_ * KCP) + naga_div(e1_, 8u));
            if ((naga_mod(e1_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e1_, 4u), 2u) * 72u) + blk_3)), 143u)] = uint4(word_2, _e428, _e430, _e432);
            }
            if ((naga_mod(e1_, 8u) == 0u)) {
                float _e458 = amax_2;
                float d_1 = (_e458 / 127.0);
                int _e463 = q_sum_1;
                xd_sh[min(uint(blk_3), 71u)] = float2(d_1, (d_1 * float(_e463)));
            }
        }
    }
    {
        float4 _e467 = v2_;
        float _e472 = col_scale[min(uint(min(c2_, 3u)), 3u)];
        float4 _e473 = g2_;
        float4 v_5 = (_e467 * (_e472 * _e473));
        float4 a_3 = abs(v_5);
        amax_3 = max(max(a_3.x, a_3.y), max(a_3.z, a_3.w));
        float _e485 = amax_3;
        float _e486 = amax_3;
        const float _e488 = WaveReadLaneAt(_e486, WaveGetLaneIndex() ^ 1u);
        amax_3 = max(_e485, _e488);
        float _e490 = amax_3;
        float _e491 = amax_3;
        const float _e493 = WaveReadLaneAt(_e491, WaveGetLaneIndex() ^ 2u);
        amax_3 = max(_e490, _e493);
        float _e495 = amax_3;
        float _e496 = amax_3;
        const float _e498 = WaveReadLaneAt(_e496, WaveGetLaneIndex() ^ 4u);
        amax_3 = max(_e495, _e498);
        float _e500 = amax_3;
        const int4 _e501 = quantise(v_5, _e500);
        q_sum_2 = asint(asuint(asint(asuint(asint(asuint(_e501.x) + asuint(_e501.y))) + asuint(_e501.z))) + asuint(_e501.w));
        int _e510 = q_sum_2;
        int _e511 = q_sum_2;
        const int _e513 = WaveReadLaneAt(_e511, WaveGetLaneIndex() ^ 1u);
        q_sum_2 = asint(asuint(_e510) + asuint(_e513));
        int _e515 = q_sum_2;
        int _e516 = q_sum_2;
        const int _e518 = WaveReadLaneAt(_e516, WaveGetLaneIndex() ^ 2u);
        q_sum_2 = asint(asuint(_e515) + asuint(_e518));
        int _e520 = q_sum_2;
        int _e521 = q_sum_2;
        const int _e523 = WaveReadLaneAt(_e521, WaveGetLaneIndex() ^ 4u);
        q_sum_2 = asint(asuint(_e520) + asuint(_e523));
        uint word_3 = ((((uint(_e501.x) & 255u) | ((uint(_e501.y) & 255u) << 8u)) | ((uint(_e501.z) & 255u) << 16u)) | (uint(_e501.w) << 24u));
        const uint _e549 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 1u);
        const uint _e551 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 2u);
        const uint _e553 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 3u);
        if ((i2_ < 576u)) {
            uint blk_4 = ((c2_ * KCP) + naga_div(e2_, 8u));
            if ((naga_mod(e2_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e2_, 4u), 2u) * 72u) + blk_4)), 143u)] = uint4(word_3, _e549, _e551, _e553);
            }
            if ((naga_mod(e2_, 8u) == 0u)) {
                float _e579 = amax_3;
                float d_2 = (_e579 / 127.0);
                int _e584 = q_sum_2;
                xd_sh[min(uint(blk_4), 71u)] = float2(d_2, (d_2 * float(_e584)));
            }
        }
    }
    {
        float4 _e588 = v3_;
        float _e593 = col_scale[min(uint(min(c3_, 3u)), 3u)];
        float4 _e594 = g3_;
        float4 v_6 = (_e588 * (_e593 * _e594));
        float4 a_4 = abs(v_6);
        amax_4 = max(max(a_4.x, a_4.y), max(a_4.z, a_4.w));
        float _e606 = amax_4;
        float _e607 = amax_4;
        const float _e609 = WaveReadLaneAt(_e607, WaveGetLaneIndex() ^ 1u);
        amax_4 = max(_e606, _e609);
        float _e611 = amax_4;
        float _e612 = amax_4;
        const float _e614 = WaveReadLaneAt(_e612, WaveGetLaneIndex() ^ 2u);
        amax_4 = max(_e611, _e614);
        float _e616 = amax_4;
        float _e617 = amax_4;
        const float _e619 = WaveReadLaneAt(_e617, WaveGetLaneIndex() ^ 4u);
        amax_4 = max(_e616, _e619);
        float _e621 = amax_4;
        const int4 _e622 = quantise(v_6, _e621);
        q_sum_3 = asint(asuint(asint(asuint(asint(asuint(_e622.x) + asuint(_e622.y))) + asuint(_e622.z))) + asuint(_e622.w));
        int _e631 = q_sum_3;
        int _e632 = q_sum_3;
        const int _e634 = WaveReadLaneAt(_e632, WaveGetLaneIndex() ^ 1u);
        q_sum_3 = asint(asuint(_e631) + asuint(_e634));
        int _e636 = q_sum_3;
        int _e637 = q_sum_3;
        const int _e639 = WaveReadLaneAt(_e637, WaveGetLaneIndex() ^ 2u);
        q_sum_3 = asint(asuint(_e636) + asuint(_e639));
        int _e641 = q_sum_3;
        int _e642 = q_sum_3;
        const int _e644 = WaveReadLaneAt(_e642, WaveGetLaneIndex() ^ 4u);
        q_sum_3 = asint(asuint(_e641) + asuint(_e644));
        uint word_4 = ((((uint(_e622.x) & 255u) | ((uint(_e622.y) & 255u) << 8u)) | ((uint(_e622.z) & 255u) << 16u)) | (uint(_e622.w) << 24u));
        const uint _e670 = WaveReadLaneAt(word_4, WaveGetLaneIndex() ^ 1u);
        const uint _e672 = WaveReadLaneAt(word_4, WaveGetLaneIndex() ^ 2u);
        const uint _e674 = WaveReadLaneAt(word_4, WaveGetLaneIndex() ^ 3u);
        if ((i3_ < 576u)) {
            uint blk_5 = ((c3_ * KCP) + naga_div(e3_, 8u));
            if ((naga_mod(e3_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e3_, 4u), 2u) * 72u) + blk_5)), 143u)] = uint4(word_4, _e670, _e672, _e674);
            }
            if ((naga_mod(e3_, 8u) == 0u)) {
                float _e700 = amax_4;
                float d_3 = (_e700 / 127.0);
                int _e705 = q_sum_3;
                xd_sh[min(uint(blk_5), 71u)] = float2(d_3, (d_3 * float(_e705)));
            }
        }
    }
    {
        float4 _e709 = v4_;
        float _e714 = col_scale[min(uint(min(c4_, 3u)), 3u)];
        float4 _e715 = g4_;
        float4 v_7 = (_e709 * (_e714 * _e715));
        float4 a_5 = abs(v_7);
        amax_5 = max(max(a_5.x, a_5.y), max(a_5.z, a_5.w));
        float _e727 = amax_5;
        float _e728 = amax_5;
        const float _e730 = WaveReadLaneAt(_e728, WaveGetLaneIndex() ^ 1u);
        amax_5 = max(_e727, _e730);
        float _e732 = amax_5;
        float _e733 = amax_5;
        const float _e735 = WaveReadLaneAt(_e733, WaveGetLaneIndex() ^ 2u);
        amax_5 = max(_e732, _e735);
        float _e737 = amax_5;
        float _e738 = amax_5;
        const float _e740 = WaveReadLaneAt(_e738, WaveGetLaneIndex() ^ 4u);
        amax_5 = max(_e737, _e740);
        float _e742 = amax_5;
        const int4 _e743 = quantise(v_7, _e742);
        q_sum_4 = asint(asuint(asint(asuint(asint(asuint(_e743.x) + asuint(_e743.y))) + asuint(_e743.z))) + asuint(_e743.w));
        int _e752 = q_sum_4;
        int _e753 = q_sum_4;
        const int _e755 = WaveReadLaneAt(_e753, WaveGetLaneIndex() ^ 1u);
        q_sum_4 = asint(asuint(_e752) + asuint(_e755));
        int _e757 = q_sum_4;
        int _e758 = q_sum_4;
        const int _e760 = WaveReadLaneAt(_e758, WaveGetLaneIndex() ^ 2u);
        q_sum_4 = asint(asuint(_e757) + asuint(_e760));
        int _e762 = q_sum_4;
        int _e763 = q_sum_4;
        const int _e765 = WaveReadLaneAt(_e763, WaveGetLaneIndex() ^ 4u);
        q_sum_4 = asint(asuint(_e762) + asuint(_e765));
        uint word_5 = ((((uint(_e743.x) & 255u) | ((uint(_e743.y) & 255u) << 8u)) | ((uint(_e743.z) & 255u) << 16u)) | (uint(_e743.w) << 24u));
        const uint _e791 = WaveReadLaneAt(word_5, WaveGetLaneIndex() ^ 1u);
        const uint _e793 = WaveReadLaneAt(word_5, WaveGetLaneIndex() ^ 2u);
        const uint _e795 = WaveReadLaneAt(word_5, WaveGetLaneIndex() ^ 3u);
        if ((i4_ < 576u)) {
            uint blk_6 = ((c4_ * KCP) + naga_div(e4_, 8u));
            if ((naga_mod(e4_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e4_, 4u), 2u) * 72u) + blk_6)), 143u)] = uint4(word_5, _e791, _e793, _e795);
            }
            if ((naga_mod(e4_, 8u) == 0u)) {
                float _e821 = amax_5;
                float d_4 = (_e821 / 127.0);
                int _e826 = q_sum_4;
                xd_sh[min(uint(blk_6), 71u)] = float2(d_4, (d_4 * float(_e826)));
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

Raw ConstructRaw(uint4 arg0, uint4 arg1, uint arg2) {
    Raw ret = (Raw)0;
    ret.qa = arg0;
    ret.qb = arg1;
    ret.s = arg2;
    return ret;
}

Raw load_raw(uint row, uint blk_1)
{
    uint b_1 = ((row * BLOCKS) + blk_1);
    uint4 _e9 = asuint(w_q.Load4((2u * b_1)*16));
    uint4 _e16 = asuint(w_q.Load4(((2u * b_1) + 1u)*16));
    uint _e19 = asuint(w_s.Load(b_1*4));
    const Raw raw = ConstructRaw(_e9, _e16, _e19);
    return raw;
}

Block ConstructBlock(uint4 arg0, uint4 arg1, float arg2, float arg3) {
    Block ret = (Block)0;
    ret.lo = arg0;
    ret.hi = arg1;
    ret.d = arg2;
    ret.m = arg3;
    return ret;
}

Block dequant_raw(Raw r)
{
    uint _e3 = r.s;
    const Block block = ConstructBlock(r.qa, r.qb, float2(f16tof32(_e3), f16tof32((_e3) >> 16)).x, 0.0);
    return block;
}

float dot_q8x(Block w, uint xb)
{
    uint4 xa = xq_sh[min(uint(xb), 143u)];
    uint4 xc = xq_sh[min(uint((72u + xb)), 143u)];
    float2 xd = xd_sh[min(uint(xb), 71u)];
    uint _e14 = w.lo.x;
    uint _e15 = xa.x;
    uint _e18 = w.lo.y;
    uint _e19 = xa.y;
    uint _e23 = w.lo.z;
    uint _e24 = xa.z;
    uint _e28 = w.lo.w;
    uint _e29 = xa.w;
    uint _e33 = w.hi.x;
    uint _e34 = xc.x;
    uint _e38 = w.hi.y;
    uint _e39 = xc.y;
    uint _e43 = w.hi.z;
    uint _e44 = xc.z;
    uint _e48 = w.hi.w;
    uint _e49 = xc.w;
    int acc = asint(asuint(asint(asuint(asint(asuint(asint(asuint(asint(asuint(asint(asuint(asint(asuint(dot(int4(_e14, _e14 >> 8, _e14 >> 16, _e14 >> 24) << 24 >> 24, int4(_e15, _e15 >> 8, _e15 >> 16, _e15 >> 24) << 24 >> 24)) + asuint(dot(int4(_e18, _e18 >> 8, _e18 >> 16, _e18 >> 24) << 24 >> 24, int4(_e19, _e19 >> 8, _e19 >> 16, _e19 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e23, _e23 >> 8, _e23 >> 16, _e23 >> 24) << 24 >> 24, int4(_e24, _e24 >> 8, _e24 >> 16, _e24 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e28, _e28 >> 8, _e28 >> 16, _e28 >> 24) << 24 >> 24, int4(_e29, _e29 >> 8, _e29 >> 16, _e29 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e33, _e33 >> 8, _e33 >> 16, _e33 >> 24) << 24 >> 24, int4(_e34, _e34 >> 8, _e34 >> 16, _e34 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e38, _e38 >> 8, _e38 >> 16, _e38 >> 24) << 24 >> 24, int4(_e39, _e39 >> 8, _e39 >> 16, _e39 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e43, _e43 >> 8, _e43 >> 16, _e43 >> 24) << 24 >> 24, int4(_e44, _e44 >> 8, _e44 >> 16, _e44 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e48, _e48 >> 8, _e48 >> 16, _e48 >> 24) << 24 >> 24, int4(_e49, _e49 >> 8, _e49 >> 16, _e49 >> 24) << 24 >> 24)));
    return ((float(acc) * (w.d * xd.x)) + (w.m * xd.y));
}

float2 dot_pair(Block wa, Block wb, uint xb_1, uint nb_1, float scale)
{
    const float _e5 = dot_q8x(wa, xb_1);
    const float _e6 = dot_q8x(wb, xb_1);
    return float2(_e5, _e6);
}

float dot_block(Block w_1, uint xb_2, uint nb_2, float scale_1)
{
    const float _e4 = dot_q8x(w_1, xb_2);
    return _e4;
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
    int w_2 = asint(word);
    return float4(int4(naga_extractBits(w_2, 0u, 8u), naga_extractBits(w_2, 8u, 8u), naga_extractBits(w_2, 16u, 8u), naga_extractBits(w_2, 24u, 8u)));
}

float4 epilogue_operands(uint2 rows, uint col)
{
    return (0.0).xxxx;
}

void epilogue(uint unit_1, uint2 rows_1, uint col_1, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e13 = a;
    y.Store(((col_1 * Y_STRIDE) + unit_1)*4, asuint(_e13));
    return;
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        xq_sh = (uint4[144])0;
        xd_sh = (float2[72])0;
        red = (float[512])0;
        col_scale = (float[4])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_5;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
    float ss[4] = (float[4])0;
    float4 n0_0_ = (0.0).xxxx;
    bool local = (bool)0;
    float4 n0_1_ = (0.0).xxxx;
    bool local_1 = (bool)0;
    float4 n1_0_ = (0.0).xxxx;
    bool local_2 = (bool)0;
    float4 n1_1_ = (0.0).xxxx;
    bool local_3 = (bool)0;
    float4 n2_0_ = (0.0).xxxx;
    bool local_4 = (bool)0;
    float4 n2_1_ = (0.0).xxxx;
    bool local_5 = (bool)0;
    float4 n3_0_ = (0.0).xxxx;
    bool local_6 = (bool)0;
    float4 n3_1_ = (0.0).xxxx;
    bool local_7 = (bool)0;
    uint round_ = 0u;
    float acc_a0_ = (float)0;
    float acc_b0_ = (float)0;
    float acc_a1_ = (float)0;
    float acc_b1_ = (float)0;
    float acc_a2_ = (float)0;
    float acc_b2_ = (float)0;
    float acc_a3_ = (float)0;
    float acc_b3_ = (float)0;
    Raw ra = (Raw)0;
    uint k0_ = (uint)0;
    bool local_8 = (bool)0;
    uint blk = (uint)0;
    uint nb = (uint)0;
    bool local_9 = (bool)0;
    bool local_10 = (bool)0;
    bool local_11 = (bool)0;
    bool local_12 = (bool)0;
    bool local_13 = (bool)0;
    bool local_14 = (bool)0;
    bool local_15 = (bool)0;
    bool local_16 = (bool)0;

    uint lane = naga_mod(tid, TPU);
    uint col0_1 = (wg.y * B);
    const uint _e8 = output_columns();
    const uint _e15 = source_column(min((col0_1 + 0u), (_e8 - 1u)));
    uint nb0_ = (_e15 * 144u);
    if (((col0_1 + 0u) < _e8)) {
        local = ((tid + 0u) < 144u);
    } else {
        local = false;
    }
    bool _e31 = local;
    if (_e31) {
        float4 _e37 = asfloat(x.Load4(((nb0_ + tid) + 0u)*16));
        n0_0_ = _e37;
    }
    if (((col0_1 + 0u) < _e8)) {
        local_1 = ((tid + 128u) < 144u);
    } else {
        local_1 = false;
    }
    bool _e51 = local_1;
    if (_e51) {
        float4 _e57 = asfloat(x.Load4(((nb0_ + tid) + 128u)*16));
        n0_1_ = _e57;
    }
    const uint _e63 = source_column(min((col0_1 + 1u), (_e8 - 1u)));
    uint nb1_ = (_e63 * 144u);
    if (((col0_1 + 1u) < _e8)) {
        local_2 = ((tid + 0u) < 144u);
    } else {
        local_2 = false;
    }
    bool _e79 = local_2;
    if (_e79) {
        float4 _e85 = asfloat(x.Load4(((nb1_ + tid) + 0u)*16));
        n1_0_ = _e85;
    }
    if (((col0_1 + 1u) < _e8)) {
        local_3 = ((tid + 128u) < 144u);
    } else {
        local_3 = false;
    }
    bool _e99 = local_3;
    if (_e99) {
        float4 _e105 = asfloat(x.Load4(((nb1_ + tid) + 128u)*16));
        n1_1_ = _e105;
    }
    const uint _e111 = source_column(min((col0_1 + 2u), (_e8 - 1u)));
    uint nb2_ = (_e111 * 144u);
    if (((col0_1 + 2u) < _e8)) {
        local_4 = ((tid + 0u) < 144u);
    } else {
        local_4 = false;
    }
    bool _e127 = local_4;
    if (_e127) {
        float4 _e133 = asfloat(x.Load4(((nb2_ + tid) + 0u)*16));
        n2_0_ = _e133;
    }
    if (((col0_1 + 2u) < _e8)) {
        local_5 = ((tid + 128u) < 144u);
    } else {
        local_5 = false;
    }
    bool _e147 = local_5;
    if (_e147) {
        float4 _e153 = asfloat(x.Load4(((nb2_ + tid) + 128u)*16));
        n2_1_ = _e153;
    }
    const uint _e159 = source_column(min((col0_1 + 3u), (_e8 - 1u)));
    uint nb3_ = (_e159 * 144u);
    if (((col0_1 + 3u) < _e8)) {
        local_6 = ((tid + 0u) < 144u);
    } else {
        local_6 = false;
    }
    bool _e175 = local_6;
    if (_e175) {
        float4 _e181 = asfloat(x.Load4(((nb3_ + tid) + 0u)*16));
        n3_0_ = _e181;
    }
    if (((col0_1 + 3u) < _e8)) {
        local_7 = ((tid + 128u) < 144u);
    } else {
        local_7 = false;
    }
    bool _e195 = local_7;
    if (_e195) {
        float4 _e201 = asfloat(x.Load4(((nb3_ + tid) + 128u)*16));
        n3_1_ = _e201;
    }
    ss[0] = 0.0;
    float _e206 = ss[0];
    float4 _e207 = n0_0_;
    float4 _e208 = n0_0_;
    ss[0] = (_e206 + dot(_e207, _e208));
    float _e213 = ss[0];
    float4 _e214 = n0_1_;
    float4 _e215 = n0_1_;
    ss[0] = (_e213 + dot(_e214, _e215));
    ss[1] = 0.0;
    float _e222 = ss[1];
    float4 _e223 = n1_0_;
    float4 _e224 = n1_0_;
    ss[1] = (_e222 + dot(_e223, _e224));
    float _e229 = ss[1];
    float4 _e230 = n1_1_;
    float4 _e231 = n1_1_;
    ss[1] = (_e229 + dot(_e230, _e231));
    ss[2] = 0.0;
    float _e238 = ss[2];
    float4 _e239 = n2_0_;
    float4 _e240 = n2_0_;
    ss[2] = (_e238 + dot(_e239, _e240));
    float _e245 = ss[2];
    float4 _e246 = n2_1_;
    float4 _e247 = n2_1_;
    ss[2] = (_e245 + dot(_e246, _e247));
    ss[3] = 0.0;
    float _e254 = ss[3];
    float4 _e255 = n3_0_;
    float4 _e256 = n3_0_;
    ss[3] = (_e254 + dot(_e255, _e256));
    float _e261 = ss[3];
    float4 _e262 = n3_1_;
    float4 _e263 = n3_1_;
    ss[3] = (_e261 + dot(_e262, _e263));
    column_scales(tid, sg_size, ss);
    uint live = (_e8 - min(col0_1, _e8));
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e524 = round_;
            round_ = (_e524 + 1u);
        }
        loop_init_4 = false;
        uint _e270 = round_;
        if ((_e270 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e276 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e276) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e285 = unit_rows(min(unit_2, 49151u));
            acc_a0_ = 0.0;
            acc_b0_ = 0.0;
            const float4 _e295 = epilogue_operands(_e285, min((col0_1 + 0u), (_e8 - 1u)));
            acc_a1_ = 0.0;
            acc_b1_ = 0.0;
            const float4 _e305 = epilogue_operands(_e285, min((col0_1 + 1u), (_e8 - 1u)));
            acc_a2_ = 0.0;
            acc_b2_ = 0.0;
            const float4 _e315 = epilogue_operands(_e285, min((col0_1 + 2u), (_e8 - 1u)));
            acc_a3_ = 0.0;
            acc_b3_ = 0.0;
            const float4 _e325 = epilogue_operands(_e285, min((col0_1 + 3u), (_e8 - 1u)));
            uint last_blk = (naga_div(K, 32u) - 1u);
            const Raw _e337 = load_raw(_e285.x, min((naga_div(0u, 32u) + lane), last_blk));
            ra = _e337;
            k0_ = 0u;
            uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
            bool loop_init_5 = true;
            while(true) {
                if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                if (!loop_init_5) {
                    uint _e437 = k0_;
                    k0_ = (_e437 + KC);
                }
                loop_init_5 = false;
                uint _e340 = k0_;
                if ((_e340 < K)) {
                } else {
                    break;
                }
                {
                    uint _e343 = k0_;
                    uint kc_1 = min(KC, (K - _e343));
                    if (true) {
                        uint _e349 = round_;
                        local_8 = (_e349 == 0u);
                    } else {
                        local_8 = true;
                    }
                    bool _e353 = local_8;
                    if (_e353) {
                        uint _e354 = k0_;
                        stage_inputs(tid, col0_1, _e8, _e354, kc_1);
                    }
                    if ((unit_2 < UNITS)) {
                        uint _e357 = k0_;
                        blk = (naga_div(_e357, 32u) + lane);
                        uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
                        bool loop_init_6 = true;
                        while(true) {
                            if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
                            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                            if (!loop_init_6) {
                                uint _e433 = blk;
                                blk = (_e433 + TPU);
                            }
                            loop_init_6 = false;
                            uint _e362 = blk;
                            uint _e363 = k0_;
                            if ((_e362 < naga_div((_e363 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e368 = blk;
                                uint _e369 = k0_;
                                uint local_27 = ((_e368 - naga_div(_e369, 32u)) * XBS);
                                uint _e375 = blk;
                                nb = (_e375 + TPU);
                                uint _e379 = nb;
                                uint _e380 = k0_;
                                if ((_e379 >= naga_div((_e380 + kc_1), 32u))) {
                                    uint _e385 = k0_;
                                    nb = (naga_div((_e385 + kc_1), 32u) + lane);
                                }
                                uint _e390 = nb;
                                nb = min(_e390, last_blk);
                                Raw _e392 = ra;
                                const Block _e393 = dequant_raw(_e392);
                                uint _e395 = nb;
                                const Raw _e396 = load_raw(_e285.x, _e395);
                                ra = _e396;
                                if ((0u < live)) {
                                    float _e399 = acc_a0_;
                                    const float _e404 = dot_block(_e393, (0u + local_27), 0u, 1.0);
                                    acc_a0_ = (_e399 + _e404);
                                }
                                if ((1u < live)) {
                                    float _e408 = acc_a1_;
                                    const float _e413 = dot_block(_e393, (18u + local_27), 0u, 1.0);
                                    acc_a1_ = (_e408 + _e413);
                                }
                                if ((2u < live)) {
                                    float _e417 = acc_a2_;
                                    const float _e422 = dot_block(_e393, (36u + local_27), 0u, 1.0);
                                    acc_a2_ = (_e417 + _e422);
                                }
                                if ((3u < live)) {
                                    float _e426 = acc_a3_;
                                    const float _e431 = dot_block(_e393, (54u + local_27), 0u, 1.0);
                                    acc_a3_ = (_e426 + _e431);
                                }
                            }
                        }
                    }
                    if (false) {
                        GroupMemoryBarrierWithGroupSync();
                    }
                }
            }
            if ((0u < live)) {
                float _e442 = acc_a0_;
                const float _e443 = unit_sum(tid, _e442);
                if ((lane == 0u)) {
                    local_9 = (unit_2 < UNITS);
                } else {
                    local_9 = false;
                }
                bool _e452 = local_9;
                if (_e452) {
                    local_10 = (0u < live);
                } else {
                    local_10 = false;
                }
                bool _e458 = local_10;
                if (_e458) {
                    epilogue(unit_2, _e285, (col0_1 + 0u), _e443, 0.0, _e295);
                }
            }
            if ((1u < live)) {
                float _e463 = acc_a1_;
                const float _e464 = unit_sum(tid, _e463);
                if ((lane == 0u)) {
                    local_11 = (unit_2 < UNITS);
                } else {
                    local_11 = false;
                }
                bool _e473 = local_11;
                if (_e473) {
                    local_12 = (1u < live);
                } else {
                    local_12 = false;
                }
                bool _e479 = local_12;
                if (_e479) {
                    epilogue(unit_2, _e285, (col0_1 + 1u), _e464, 0.0, _e305);
                }
            }
            if ((2u < live)) {
                float _e484 = acc_a2_;
                const float _e485 = unit_sum(tid, _e484);
                if ((lane == 0u)) {
                    local_13 = (unit_2 < UNITS);
                } else {
                    local_13 = false;
                }
                bool _e494 = local_13;
                if (_e494) {
                    local_14 = (2u < live);
                } else {
                    local_14 = false;
                }
                bool _e500 = local_14;
                if (_e500) {
                    epilogue(unit_2, _e285, (col0_1 + 2u), _e485, 0.0, _e315);
                }
            }
            if ((3u < live)) {
                float _e505 = acc_a3_;
                const float _e506 = unit_sum(tid, _e505);
                if ((lane == 0u)) {
                    local_15 = (unit_2 < UNITS);
                } else {
                    local_15 = false;
                }
                bool _e515 = local_15;
                if (_e515) {
                    local_16 = (3u < live);
                } else {
                    local_16 = false;
                }
                bool _e521 = local_16;
                if (_e521) {
                    epilogue(unit_2, _e285, (col0_1 + 3u), _e506, 0.0, _e325);
                }
            }
        }
    }
    return;
}
