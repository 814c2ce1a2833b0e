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
    uint4 q;
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
static const uint TPU = 16u;
static const uint UNITS_PER_WG = 8u;
static const uint K = 1536u;
static const uint BLOCKS = 48u;
static const uint UNITS = 576u;
static const uint Y_STRIDE = 576u;
static const uint B = 2u;
static const uint ROUNDS = 1u;
static const uint NR = 1u;
static const uint KC = 1536u;
static const uint KC4_ = 384u;
static const uint KCP = 48u;
static const uint XBS = 1u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
ByteAddressBuffer x : register(t4);
RWByteAddressBuffer y : register(u5);
groupshared uint4 xq_sh[192];
groupshared float2 xd_sh[96];
groupshared float red[256];

struct ComputeInput_main {
    uint tid_4 : SV_GroupIndex;
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

    red[min(uint(tid_1), 255u)] = v;
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
                float _e15 = red[min(uint(tid_1), 255u)];
                uint _e17 = s;
                float _e20 = red[min(uint((tid_1 + _e17)), 255u)];
                red[min(uint(tid_1), 255u)] = (_e15 + _e20);
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

int4 naga_f2i32(float4 value) {
    return int4(clamp(value, -2147483600.0, 2147483500.0));
}

int4 quantise(float4 v_2, float amax)
{
    float inv = ((amax > 0.0) ? (127.0 / amax) : 0.0);
    return naga_f2i32(clamp(round((v_2 * inv)), (-127.0).xxxx, (127.0).xxxx));
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

void stage_inputs(uint tid_3, uint col0_, uint n_cols, uint k0_1, uint kc)
{
    float4 v0_ = (0.0).xxxx;
    float4 g0_ = (1.0).xxxx;
    bool local_5 = (bool)0;
    bool local_6 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_7 = (bool)0;
    bool local_8 = (bool)0;
    float4 v2_ = (0.0).xxxx;
    float4 g2_ = (1.0).xxxx;
    bool local_9 = (bool)0;
    bool local_10 = (bool)0;
    float4 v3_ = (0.0).xxxx;
    float4 g3_ = (1.0).xxxx;
    bool local_11 = (bool)0;
    bool local_12 = (bool)0;
    float4 v4_ = (0.0).xxxx;
    float4 g4_ = (1.0).xxxx;
    bool local_13 = (bool)0;
    bool local_14 = (bool)0;
    float4 v5_ = (0.0).xxxx;
    float4 g5_ = (1.0).xxxx;
    bool local_15 = (bool)0;
    bool local_16 = (bool)0;
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
    float amax_6 = (float)0;
    int q_sum_5 = (int)0;

    uint i0_ = (tid_3 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 768u)) {
        local_5 = ((col0_ + c0_) < n_cols);
    } else {
        local_5 = false;
    }
    bool _e23 = local_5;
    if (_e23) {
        local_6 = ((e0_ * 4u) < kc);
    } else {
        local_6 = false;
    }
    bool _e30 = local_6;
    if (_e30) {
        const uint _e33 = source_column((col0_ + c0_));
        float4 _e41 = asfloat(x.Load4((((_e33 * 384u) + naga_div(k0_1, 4u)) + e0_)*16));
        v0_ = _e41;
    }
    uint i1_ = (tid_3 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 768u)) {
        local_7 = ((col0_ + c1_) < n_cols);
    } else {
        local_7 = false;
    }
    bool _e60 = local_7;
    if (_e60) {
        local_8 = ((e1_ * 4u) < kc);
    } else {
        local_8 = false;
    }
    bool _e67 = local_8;
    if (_e67) {
        const uint _e70 = source_column((col0_ + c1_));
        float4 _e78 = asfloat(x.Load4((((_e70 * 384u) + naga_div(k0_1, 4u)) + e1_)*16));
        v1_ = _e78;
    }
    uint i2_ = (tid_3 + 256u);
    uint c2_ = naga_div(i2_, KC4_);
    uint e2_ = naga_mod(i2_, KC4_);
    if ((i2_ < 768u)) {
        local_9 = ((col0_ + c2_) < n_cols);
    } else {
        local_9 = false;
    }
    bool _e97 = local_9;
    if (_e97) {
        local_10 = ((e2_ * 4u) < kc);
    } else {
        local_10 = false;
    }
    bool _e104 = local_10;
    if (_e104) {
        const uint _e107 = source_column((col0_ + c2_));
        float4 _e115 = asfloat(x.Load4((((_e107 * 384u) + naga_div(k0_1, 4u)) + e2_)*16));
        v2_ = _e115;
    }
    uint i3_ = (tid_3 + 384u);
    uint c3_ = naga_div(i3_, KC4_);
    uint e3_ = naga_mod(i3_, KC4_);
    if ((i3_ < 768u)) {
        local_11 = ((col0_ + c3_) < n_cols);
    } else {
        local_11 = false;
    }
    bool _e134 = local_11;
    if (_e134) {
        local_12 = ((e3_ * 4u) < kc);
    } else {
        local_12 = false;
    }
    bool _e141 = local_12;
    if (_e141) {
        const uint _e144 = source_column((col0_ + c3_));
        float4 _e152 = asfloat(x.Load4((((_e144 * 384u) + naga_div(k0_1, 4u)) + e3_)*16));
        v3_ = _e152;
    }
    uint i4_ = (tid_3 + 512u);
    uint c4_ = naga_div(i4_, KC4_);
    uint e4_ = naga_mod(i4_, KC4_);
    if ((i4_ < 768u)) {
        local_13 = ((col0_ + c4_) < n_cols);
    } else {
        local_13 = false;
    }
    bool _e171 = local_13;
    if (_e171) {
        local_14 = ((e4_ * 4u) < kc);
    } else {
        local_14 = false;
    }
    bool _e178 = local_14;
    if (_e178) {
        const uint _e181 = source_column((col0_ + c4_));
        float4 _e189 = asfloat(x.Load4((((_e181 * 384u) + naga_div(k0_1, 4u)) + e4_)*16));
        v4_ = _e189;
    }
    uint i5_ = (tid_3 + 640u);
    uint c5_ = naga_div(i5_, KC4_);
    uint e5_ = naga_mod(i5_, KC4_);
    if ((i5_ < 768u)) {
        local_15 = ((col0_ + c5_) < n_cols);
    } else {
        local_15 = false;
    }
    bool _e208 = local_15;
    if (_e208) {
        local_16 = ((e5_ * 4u) < kc);
    } else {
        local_16 = false;
    }
    bool _e215 = local_16;
    if (_e215) {
        const uint _e218 = source_column((col0_ + c5_));
        float4 _e226 = asfloat(x.Load4((((_e218 * 384u) + naga_div(k0_1, 4u)) + e5_)*16));
        v5_ = _e226;
    }
    {
        float4 v_3 = v0_;
        float4 a_1 = abs(v_3);
        amax_1 = max(max(a_1.x, a_1.y), max(a_1.z, a_1.w));
        float _e237 = amax_1;
        float _e238 = amax_1;
        const float _e240 = WaveReadLaneAt(_e238, WaveGetLaneIndex() ^ 1u);
        amax_1 = max(_e237, _e240);
        float _e242 = amax_1;
        float _e243 = amax_1;
        const float _e245 = WaveReadLaneAt(_e243, WaveGetLaneIndex() ^ 2u);
        amax_1 = max(_e242, _e245);
        float _e247 = amax_1;
        float _e248 = amax_1;
        const float _e250 = WaveReadLaneAt(_e248, WaveGetLaneIndex() ^ 4u);
        amax_1 = max(_e247, _e250);
        float _e252 = amax_1;
        const int4 _e253 = quantise(v_3, _e252);
        q_sum = asint(asuint(asint(asuint(asint(asuint(_e253.x) + asuint(_e253.y))) + asuint(_e253.z))) + asuint(_e253.w));
        int _e262 = q_sum;
        int _e263 = q_sum;
        const int _e265 = WaveReadLaneAt(_e263, WaveGetLaneIndex() ^ 1u);
        q_sum = asint(asuint(_e262) + asuint(_e265));
        int _e267 = q_sum;
        int _e268 = q_sum;
        const int _e270 = WaveReadLaneAt(_e268, WaveGetLaneIndex() ^ 2u);
        q_sum = asint(asuint(_e267) + asuint(_e270));
        int _e272 = q_sum;
        int _e273 = q_sum;
        const int _e275 = WaveReadLaneAt(_e273, WaveGetLaneIndex() ^ 4u);
        q_sum = asint(asuint(_e272) + asuint(_e275));
        uint word_1 = ((((uint(_e253.x) & 255u) | ((uint(_e253.y) & 255u) << 8u)) | ((uint(_e253.z) & 255u) << 16u)) | (uint(_e253.w) << 24u));
        const uint _e301 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 1u);
        const uint _e303 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 2u);
        const uint _e305 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 3u);
        if ((i0_ < 768u)) {
            uint blk_2 = ((c0_ * KCP) + naga_div(e0_, 8u));
            if ((naga_mod(e0_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e0_, 4u), 2u) * 96u) + blk_2)), 191u)] = uint4(word_1, _e301, _e303, _e305);
            }
            if ((naga_mod(e0_, 8u) == 0u)) {
                float _e331 = amax_1;
                float d = (_e331 / 127.0);
                int _e336 = q_sum;
                xd_sh[min(uint(blk_2), 95u)] = float2(d, (d * float(_e336)));
            }
        }
    }
    {
        float4 v_4 = v1_;
        float4 a_2 = abs(v_4);
        amax_2 = max(max(a_2.x, a_2.y), max(a_2.z, a_2.w));
        float _e350 = amax_2;
        float _e351 = amax_2;
        const float _e353 = WaveReadLaneAt(_e351, WaveGetLaneIndex() ^ 1u);
        amax_2 = max(_e350, _e353);
        float _e355 = amax_2;
        float _e356 = amax_2;
        const float _e358 = WaveReadLaneAt(_e356, WaveGetLaneIndex() ^ 2u);
        amax_2 = max(_e355, _e358);
        float _e360 = amax_2;
        float _e361 = amax_2;
        const float _e363 = WaveReadLaneAt(_e361, WaveGetLaneIndex() ^ 4u);
        amax_2 = max(_e360, _e363);
        float _e365 = amax_2;
        const int4 _e366 = quantise(v_4, _e365);
        q_sum_1 = asint(asuint(asint(asuint(asint(asuint(_e366.x) + asuint(_e366.y))) + asuint(_e366.z))) + asuint(_e366.w));
        int _e375 = q_sum_1;
        int _e376 = q_sum_1;
        const int _e378 = WaveReadLaneAt(_e376, WaveGetLaneIndex() ^ 1u);
        q_sum_1 = asint(asuint(_e375) + asuint(_e378));
        int _e380 = q_sum_1;
        int _e381 = q_sum_1;
        const int _e383 = WaveReadLaneAt(_e381, WaveGetLaneIndex() ^ 2u);
        q_sum_1 = asint(asuint(_e380) + asuint(_e383));
        int _e385 = q_sum_1;
        int _e386 = q_sum_1;
        const int _e388 = WaveReadLaneAt(_e386, WaveGetLaneIndex() ^ 4u);
        q_sum_1 = asint(asuint(_e385) + asuint(_e388));
        uint word_2 = ((((uint(_e366.x) & 255u) | ((uint(_e366.y) & 255u) << 8u)) | ((uint(_e366.z) & 255u) << 16u)) | (uint(_e366.w) << 24u));
        const uint _e414 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 1u);
        const uint _e416 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 2u);
        const uint _e418 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 3u);
        if ((i1_ < 768u)) {
            uint blk_3 = ((c1_ * KCP) + naga_div(e1_, 8u));
            if ((naga_mod(e1_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e1_, 4u), 2u) * 96u) + blk_3)), 191u)] = uint4(word_2, _e414, _e416, _e418);
            }
            if ((naga_mod(e1_, 8u) == 0u)) {
                float _e444 = amax_2;
                float d_1 = (_e444 / 127.0);
                int _e449 = q_sum_1;
                xd_sh[min(uint(blk_3), 95u)] = float2(d_1, (d_1 * float(_e449)));
            }
        }
    }
    {
        float4 v_5 = v2_;
        float4 a_3 = abs(v_5);
        amax_3 = max(max(a_3.x, a_3.y), max(a_3.z, a_3.w));
        float _e463 = amax_3;
        float _e464 = amax_3;
        const float _e466 = WaveReadLaneAt(_e464, WaveGetLaneIndex() ^ 1u);
        amax_3 = max(_e463, _e466);
        float _e468 = amax_3;
        float _e469 = amax_3;
        const float _e471 = WaveReadLaneAt(_e469, WaveGetLaneIndex() ^ 2u);
        amax_3 = max(_e468, _e471);
        float _e473 = amax_3;
        float _e474 = amax_3;
        const float _e476 = WaveReadLaneAt(_e474, WaveGetLaneIndex() ^ 4u);
        amax_3 = max(_e473, _e476);
        float _e478 = amax_3;
        const int4 _e479 = quantise(v_5, _e478);
        q_sum_2 = asint(asuint(asint(asuint(asint(asuint(_e479.x) + asuint(_e479.y))) + asuint(_e479.z))) + asuint(_e479.w));
        int _e488 = q_sum_2;
        int _e489 = q_sum_2;
        const int _e491 = WaveReadLaneAt(_e489, WaveGetLaneIndex() ^ 1u);
        q_sum_2 = asint(asuint(_e488) + asuint(_e491));
        int _e493 = q_sum_2;
        int _e494 = q_sum_2;
        const int _e496 = WaveReadLaneAt(_e494, WaveGetLaneIndex() ^ 2u);
        q_sum_2 = asint(asuint(_e493) + asuint(_e496));
        int _e498 = q_sum_2;
        int _e499 = q_sum_2;
        const int _e501 = WaveReadLaneAt(_e499, WaveGetLaneIndex() ^ 4u);
        q_sum_2 = asint(asuint(_e498) + asuint(_e501));
        uint word_3 = ((((uint(_e479.x) & 255u) | ((uint(_e479.y) & 255u) << 8u)) | ((uint(_e479.z) & 255u) << 16u)) | (uint(_e479.w) << 24u));
        const uint _e527 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 1u);
        const uint _e529 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 2u);
        const uint _e531 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 3u);
        if ((i2_ < 768u)) {
            uint blk_4 = ((c2_ * KCP) + naga_div(e2_, 8u));
            if ((naga_mod(e2_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e2_, 4u), 2u) * 96u) + blk_4)), 191u)] = uint4(word_3, _e527, _e529, _e531);
            }
            if ((naga_mod(e2_, 8u) == 0u)) {
                float _e557 = amax_3;
                float d_2 = (_e557 / 127.0);
                int _e562 = q_sum_2;
                xd_sh[min(uint(blk_4), 95u)] = float2(d_2, (d_2 * float(_e562)));
            }
        }
    }
    {
        float4 v_6 = v3_;
        float4 a_4 = abs(v_6);
        amax_4 = max(max(a_4.x, a_4.y), max(a_4.z, a_4.w));
        float _e576 = amax_4;
        float _e577 = amax_4;
        const float _e579 = WaveReadLaneAt(_e577, WaveGetLaneIndex() ^ 1u);
        amax_4 = max(_e576, _e579);
        float _e581 = amax_4;
        float _e582 = amax_4;
        const float _e584 = WaveReadLaneAt(_e582, WaveGetLaneIndex() ^ 2u);
        amax_4 = max(_e581, _e584);
        float _e586 = amax_4;
        float _e587 = amax_4;
        const float _e589 = WaveReadLaneAt(_e587, WaveGetLaneIndex() ^ 4u);
        amax_4 = max(_e586, _e589);
        float _e591 = amax_4;
        const int4 _e592 = quantise(v_6, _e591);
        q_sum_3 = asint(asuint(asint(asuint(asint(asuint(_e592.x) + asuint(_e592.y))) + asuint(_e592.z))) + asuint(_e592.w));
        int _e601 = q_sum_3;
        int _e602 = q_sum_3;
        const int _e604 = WaveReadLaneAt(_e602, WaveGetLaneIndex() ^ 1u);
        q_sum_3 = asint(asuint(_e601) + asuint(_e604));
        int _e606 = q_sum_3;
        int _e607 = q_sum_3;
        const int _e609 = WaveReadLaneAt(_e607, WaveGetLaneIndex() ^ 2u);
        q_sum_3 = asint(asuint(_e606) + asuint(_e609));
        int _e611 = q_sum_3;
        int _e612 = q_sum_3;
        const int _e614 = WaveReadLaneAt(_e612, WaveGetLaneIndex() ^ 4u);
        q_sum_3 = asint(asuint(_e611) + asuint(_e614));
        uint word_4 = ((((uint(_e592.x) & 255u) | ((uint(_e592.y) & 255u) << 8u)) | ((uint(_e592.z) & 255u) << 16u)) | (uint(_e592.w) << 24u));
        const uint _e640 = WaveReadLaneAt(word_4, WaveGetLaneIndex() ^ 1u);
        const uint _e642 = WaveReadLaneAt(word_4, WaveGetLaneIndex() ^ 2u);
        const uint _e644 = WaveReadLaneAt(word_4, WaveGetLaneIndex() ^ 3u);
        if ((i3_ < 768u)) {
            uint blk_5 = ((c3_ * KCP) + naga_div(e3_, 8u));
            if ((naga_mod(e3_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e3_, 4u), 2u) * 96u) + blk_5)), 191u)] = uint4(word_4, _e640, _e642, _e644);
            }
            if ((naga_mod(e3_, 8u) == 0u)) {
                float _e670 = amax_4;
                float d_3 = (_e670 / 127.0);
                int _e675 = q_sum_3;
                xd_sh[min(uint(blk_5), 95u)] = float2(d_3, (d_3 * float(_e675)));
            }
        }
    }
    {
        float4 v_7 = v4_;
        float4 a_5 = abs(v_7);
        amax_5 = max(max(a_5.x, a_5.y), max(a_5.z, a_5.w));
        float _e689 = amax_5;
        float _e690 = amax_5;
        const float _e692 = WaveReadLaneAt(_e690, WaveGetLaneIndex() ^ 1u);
        amax_5 = max(_e689, _e692);
        float _e694 = amax_5;
        float _e695 = amax_5;
        const float _e697 = WaveReadLaneAt(_e695, WaveGetLaneIndex() ^ 2u);
        amax_5 = max(_e694, _e697);
        float _e699 = amax_5;
        float _e700 = amax_5;
        const float _e702 = WaveReadLaneAt(_e700, WaveGetLaneIndex() ^ 4u);
        amax_5 = max(_e699, _e702);
        float _e704 = amax_5;
        const int4 _e705 = quantise(v_7, _e704);
        q_sum_4 = asint(asuint(asint(asuint(asint(asuint(_e705.x) + asuint(_e705.y))) + asuint(_e705.z))) + asuint(_e705.w));
        int _e714 = q_sum_4;
        int _e715 = q_sum_4;
        const int _e717 = WaveReadLaneAt(_e715, WaveGetLaneIndex() ^ 1u);
        q_sum_4 = asint(asuint(_e714) + asuint(_e717));
        int _e719 = q_sum_4;
        int _e720 = q_sum_4;
        const int _e722 = WaveReadLaneAt(_e720, WaveGetLaneIndex() ^ 2u);
        q_sum_4 = asint(asuint(_e719) + asuint(_e722));
        int _e724 = q_sum_4;
        int _e725 = q_sum_4;
        const int _e727 = WaveReadLaneAt(_e725, WaveGetLaneIndex() ^ 4u);
        q_sum_4 = asint(asuint(_e724) + asuint(_e727));
        uint word_5 = ((((uint(_e705.x) & 255u) | ((uint(_e705.y) & 255u) << 8u)) | ((uint(_e705.z) & 255u) << 16u)) | (uint(_e705.w) << 24u));
        const uint _e753 = WaveReadLaneAt(word_5, WaveGetLaneIndex() ^ 1u);
        const uint _e755 = WaveReadLaneAt(word_5, WaveGetLaneIndex() ^ 2u);
        const uint _e757 = WaveReadLaneAt(word_5, WaveGetLaneIndex() ^ 3u);
        if ((i4_ < 768u)) {
            uint blk_6 = ((c4_ * KCP) + naga_div(e4_, 8u));
            if ((naga_mod(e4_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e4_, 4u), 2u) * 96u) + blk_6)), 191u)] = uint4(word_5, _e753, _e755, _e757);
            }
            if ((naga_mod(e4_, 8u) == 0u)) {
                float _e783 = amax_5;
                float d_4 = (_e783 / 127.0);
                int _e788 = q_sum_4;
                xd_sh[min(uint(blk_6), 95u)] = float2(d_4, (d_4 * float(_e788)));
            }
        }
    }
    {
        float4 v_8 = v5_;
        float4 a_6 = abs(v_8);
        amax_6 = max(max(a_6.x, a_6.y), max(a_6.z, a_6.w));
        float _e802 = amax_6;
        float _e803 = amax_6;
        const float _e805 = WaveReadLaneAt(_e803, WaveGetLaneIndex() ^ 1u);
        amax_6 = max(_e802, _e805);
        float _e807 = amax_6;
        float _e808 = amax_6;
        const float _e810 = WaveReadLaneAt(_e808, WaveGetLaneIndex() ^ 2u);
        amax_6 = max(_e807, _e810);
        float _e812 = amax_6;
        float _e813 = amax_6;
        const float _e815 = WaveReadLaneAt(_e813, WaveGetLaneIndex() ^ 4u);
        amax_6 = max(_e812, _e815);
        float _e817 = amax_6;
        const int4 _e818 = quantise(v_8, _e817);
        q_sum_5 = asint(asuint(asint(asuint(asint(asuint(_e818.x) + asuint(_e818.y))) + asuint(_e818.z))) + asuint(_e818.w));
        int _e827 = q_sum_5;
        int _e828 = q_sum_5;
        const int _e830 = WaveReadLaneAt(_e828, WaveGetLaneIndex() ^ 1u);
        q_sum_5 = asint(asuint(_e827) + asuint(_e830));
        int _e832 = q_sum_5;
        int _e833 = q_sum_5;
        const int _e835 = WaveReadLaneAt(_e833, WaveGetLaneIndex() ^ 2u);
        q_sum_5 = asint(asuint(_e832) + asuint(_e835));
        int _e837 = q_sum_5;
        int _e838 = q_sum_5;
        const int _e840 = WaveReadLaneAt(_e838, WaveGetLaneIndex() ^ 4u);
        q_sum_5 = asint(asuint(_e837) + asuint(_e840));
        uint word_6 = ((((uint(_e818.x) & 255u) | ((uint(_e818.y) & 255u) << 8u)) | ((uint(_e818.z) & 255u) << 16u)) | (uint(_e818.w) << 24u));
        const uint _e866 = WaveReadLaneAt(word_6, WaveGetLaneIndex() ^ 1u);
        const uint _e868 = WaveReadLaneAt(word_6, WaveGetLaneIndex() ^ 2u);
        const uint _e870 = WaveReadLaneAt(word_6, WaveGetLaneIndex() ^ 3u);
        if ((i5_ < 768u)) {
            uint blk_7 = ((c5_ * KCP) + naga_div(e5_, 8u));
            if ((naga_mod(e5_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e5_, 4u), 2u) * 96u) + blk_7)), 191u)] = uint4(word_6, _e866, _e868, _e870);
            }
            if ((naga_mod(e5_, 8u) == 0u)) {
                float _e896 = amax_6;
                float d_5 = (_e896 / 127.0);
                int _e901 = q_sum_5;
                xd_sh[min(uint(blk_7), 95u)] = float2(d_5, (d_5 * float(_e901)));
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

Raw ConstructRaw(uint4 arg0, uint arg1) {
    Raw ret = (Raw)0;
    ret.q = arg0;
    ret.s = arg1;
    return ret;
}

Raw load_raw(uint row, uint blk_1)
{
    uint b_1 = ((row * BLOCKS) + blk_1);
    uint4 _e7 = asuint(w_q.Load4(b_1*16));
    uint _e10 = asuint(w_s.Load(b_1*4));
    const Raw raw = ConstructRaw(_e7, _e10);
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
    uint _e1 = r.s;
    float2 dm = float2(f16tof32(_e1), f16tof32((_e1) >> 16));
    uint4 m_1 = (252645135u).xxxx;
    const Block block = ConstructBlock((r.q & m_1), ((r.q >> (4u).xxxx) & m_1), dm.x, dm.y);
    return block;
}

float dot_q8x(Block w, uint xb)
{
    uint4 xa = xq_sh[min(uint(xb), 191u)];
    uint4 xc = xq_sh[min(uint((96u + xb)), 191u)];
    float2 xd = xd_sh[min(uint(xb), 95u)];
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
    float _e8 = asfloat(y.Load(((col * Y_STRIDE) + rows.x)*4));
    return float4(_e8, 0.0, 0.0, 0.0);
}

void epilogue(uint unit_1, uint2 rows_1, uint col_1, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e14 = a;
    y.Store(((col_1 * Y_STRIDE) + unit_1)*4, asuint((ops.x + _e14)));
    return;
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        xq_sh = (uint4[192])0;
        xd_sh = (float2[96])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_4;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
    uint round_ = 0u;
    float acc_a0_ = (float)0;
    float acc_b0_ = (float)0;
    float acc_a1_ = (float)0;
    float acc_b1_ = (float)0;
    Raw ra = (Raw)0;
    uint k0_ = (uint)0;
    bool local = (bool)0;
    uint blk = (uint)0;
    uint nb = (uint)0;
    bool local_1 = (bool)0;
    bool local_2 = (bool)0;
    bool local_3 = (bool)0;
    bool local_4 = (bool)0;

    uint lane = naga_mod(tid, TPU);
    uint col0_1 = (wg.y * B);
    const uint _e8 = output_columns();
    uint live = (_e8 - min(col0_1, _e8));
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e187 = round_;
            round_ = (_e187 + 1u);
        }
        loop_init_2 = false;
        uint _e13 = round_;
        if ((_e13 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e19 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e19) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e28 = unit_rows(min(unit_2, 575u));
            acc_a0_ = 0.0;
            acc_b0_ = 0.0;
            const float4 _e38 = epilogue_operands(_e28, min((col0_1 + 0u), (_e8 - 1u)));
            acc_a1_ = 0.0;
            acc_b1_ = 0.0;
            const float4 _e48 = epilogue_operands(_e28, min((col0_1 + 1u), (_e8 - 1u)));
            uint last_blk = (naga_div(K, 32u) - 1u);
            const Raw _e60 = load_raw(_e28.x, min((naga_div(0u, 32u) + lane), last_blk));
            ra = _e60;
            k0_ = 0u;
            uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
            bool loop_init_3 = true;
            while(true) {
                if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
                loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                if (!loop_init_3) {
                    uint _e142 = k0_;
                    k0_ = (_e142 + KC);
                }
                loop_init_3 = false;
                uint _e63 = k0_;
                if ((_e63 < K)) {
                } else {
                    break;
                }
                {
                    uint _e66 = k0_;
                    uint kc_1 = min(KC, (K - _e66));
                    if (true) {
                        uint _e72 = round_;
                        local = (_e72 == 0u);
                    } else {
                        local = true;
                    }
                    bool _e76 = local;
                    if (_e76) {
                        uint _e77 = k0_;
                        stage_inputs(tid, col0_1, _e8, _e77, kc_1);
                    }
                    if ((unit_2 < UNITS)) {
                        uint _e80 = k0_;
                        blk = (naga_div(_e80, 32u) + lane);
                        uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
                        bool loop_init_4 = true;
                        while(true) {
                            if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
                            loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                            if (!loop_init_4) {
                                uint _e138 = blk;
                                blk = (_e138 + TPU);
                            }
                            loop_init_4 = false;
                            uint _e85 = blk;
                            uint _e86 = k0_;
                            if ((_e85 < naga_div((_e86 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e91 = blk;
                                uint _e92 = k0_;
                                uint local_17 = ((_e91 - naga_div(_e92, 32u)) * XBS);
                                uint _e98 = blk;
                                nb = (_e98 + TPU);
                                uint _e102 = nb;
                                uint _e103 = k0_;
                                if ((_e102 >= naga_div((_e103 + kc_1), 32u))) {
                                    uint _e108 = k0_;
                                    nb = (naga_div((_e108 + kc_1), 32u) + lane);
                                }
                                uint _e113 = nb;
                                nb = min(_e113, last_blk);
                                Raw _e115 = ra;
                                const Block _e116 = dequant_raw(_e115);
                                uint _e118 = nb;
                                const Raw _e119 = load_raw(_e28.x, _e118);
                                ra = _e119;
                                if ((0u < live)) {
                                    float _e122 = acc_a0_;
                                    const float _e127 = dot_block(_e116, (0u + local_17), 0u, 1.0);
                                    acc_a0_ = (_e122 + _e127);
                                }
                                if ((1u < live)) {
                                    float _e131 = acc_a1_;
                                    const float _e136 = dot_block(_e116, (48u + local_17), 0u, 1.0);
                                    acc_a1_ = (_e131 + _e136);
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
                float _e147 = acc_a0_;
                const float _e148 = unit_sum(tid, _e147);
                if ((lane == 0u)) {
                    local_1 = (unit_2 < UNITS);
                } else {
                    local_1 = false;
                }
                bool _e157 = local_1;
                if (_e157) {
                    local_2 = (0u < live);
                } else {
                    local_2 = false;
                }
                bool _e163 = local_2;
                if (_e163) {
                    epilogue(unit_2, _e28, (col0_1 + 0u), _e148, 0.0, _e38);
                }
            }
            if ((1u < live)) {
                float _e168 = acc_a1_;
                const float _e169 = unit_sum(tid, _e168);
                if ((lane == 0u)) {
                    local_3 = (unit_2 < UNITS);
                } else {
                    local_3 = false;
                }
                bool _e178 = local_3;
                if (_e178) {
                    local_4 = (1u < live);
                } else {
                    local_4 = false;
                }
                bool _e184 = local_4;
                if (_e184) {
                    epilogue(unit_2, _e28, (col0_1 + 1u), _e169, 0.0, _e48);
                }
            }
        }
    }
    return;
}
