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
static const uint TPU = 8u;
static const uint UNITS_PER_WG = 16u;
static const uint K = 576u;
static const uint BLOCKS = 18u;
static const uint UNITS = 576u;
static const uint Y_STRIDE = 576u;
static const uint B = 2u;
static const uint ROUNDS = 1u;
static const uint NR = 1u;
static const uint A_D4_ = 16u;
static const uint A_HEADS = 9u;
static const uint A_SPLITS = 32u;
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
groupshared uint4 xq_sh[72];
groupshared float2 xd_sh[36];
groupshared float red[256];

struct ComputeInput_main {
    uint tid_4 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

float4 combined(uint col, uint e)
{
    float m = -3e38;
    float sum = 0.0;
    float4 acc = (0.0).xxxx;
    uint s = 0u;
    float4 t1_ = (float4)0;
    float4 t2_ = (float4)0;
    float4 t3_ = (float4)0;
    float4 o1_ = (float4)0;
    float4 o2_ = (float4)0;
    float4 o3_ = (float4)0;

    uint d = naga_mod(e, A_D4_);
    uint _e7 = asuint(cols.Load(4+col*16));
    uint _e10 = params.span;
    uint n = (naga_div(_e7, _e10) + 1u);
    uint base = (((col * A_HEADS) + naga_div(e, A_D4_)) * A_SPLITS);
    uint2 loop_bound = uint2(4294967295u, 4294967295u);
    bool loop_init = true;
    while(true) {
        if (all(loop_bound == uint2(0u, 0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e170 = s;
            s = (_e170 + 4u);
        }
        loop_init = false;
        uint _e31 = s;
        if ((_e31 < n)) {
        } else {
            break;
        }
        {
            uint _e33 = s;
            uint r_1 = ((base + _e33) * 17u);
            float4 t0_ = asfloat(x.Load4((r_1 + A_D4_)*16));
            float4 o0_ = asfloat(x.Load4((r_1 + d)*16));
            t1_ = float4(-3e38, 0.0, 0.0, 0.0);
            float4 _e51 = t1_;
            t2_ = _e51;
            float4 _e53 = t1_;
            t3_ = _e53;
            o1_ = (0.0).xxxx;
            float4 _e58 = o1_;
            o2_ = _e58;
            float4 _e60 = o1_;
            o3_ = _e60;
            uint _e62 = s;
            if (((_e62 + 1u) < n)) {
                float4 _e71 = asfloat(x.Load4(((r_1 + 17u) + A_D4_)*16));
                t1_ = _e71;
                float4 _e76 = asfloat(x.Load4(((r_1 + 17u) + d)*16));
                o1_ = _e76;
            }
            uint _e77 = s;
            if (((_e77 + 2u) < n)) {
                float4 _e88 = asfloat(x.Load4(((r_1 + (2u * 17u)) + A_D4_)*16));
                t2_ = _e88;
                float4 _e95 = asfloat(x.Load4(((r_1 + (2u * 17u)) + d)*16));
                o2_ = _e95;
            }
            uint _e96 = s;
            if (((_e96 + 3u) < n)) {
                float4 _e107 = asfloat(x.Load4(((r_1 + (3u * 17u)) + A_D4_)*16));
                t3_ = _e107;
                float4 _e114 = asfloat(x.Load4(((r_1 + (3u * 17u)) + d)*16));
                o3_ = _e114;
            }
            float _e115 = m;
            float _e118 = t1_.x;
            float _e122 = t2_.x;
            float _e124 = t3_.x;
            float mn = max(max(_e115, max(t0_.x, _e118)), max(_e122, _e124));
            float _e127 = m;
            float c_1 = exp((_e127 - mn));
            float _e132 = t1_.x;
            float _e134 = t2_.x;
            float _e136 = t3_.x;
            float4 w_2 = exp((float4(t0_.x, _e132, _e134, _e136) - (mn).xxxx));
            float _e141 = sum;
            float _e145 = t1_.y;
            float _e147 = t2_.y;
            float _e149 = t3_.y;
            sum = ((_e141 * c_1) + dot(w_2, float4(t0_.y, _e145, _e147, _e149)));
            float4 _e153 = acc;
            float4 _e157 = o1_;
            float4 _e162 = o2_;
            float4 _e165 = o3_;
            acc = (((_e153 * c_1) + ((o0_ * w_2.x) + (_e157 * w_2.y))) + ((_e162 * w_2.z) + (_e165 * w_2.w)));
            m = mn;
        }
    }
    float4 _e173 = acc;
    float _e174 = sum;
    return (_e173 / (_e174).xxxx);
}

uint output_columns()
{
    uint _e2 = params.n_cols;
    return _e2;
}

uint source_column(uint c)
{
    return c;
}

float workgroup_sum(uint tid_1, float v)
{
    uint s_1 = 64u;

    red[min(uint(tid_1), 255u)] = v;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e22 = s_1;
            s_1 = naga_div(_e22, 2u);
        }
        loop_init_1 = false;
        uint _e6 = s_1;
        if ((_e6 > 0u)) {
        } else {
            break;
        }
        {
            uint _e9 = s_1;
            if ((tid_1 < _e9)) {
                float _e15 = red[min(uint(tid_1), 255u)];
                uint _e17 = s_1;
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
    float s_2 = (float)0;
    uint m_1 = 4u;

    s_2 = v_1;
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e13 = m_1;
            m_1 = naga_div(_e13, 2u);
        }
        loop_init_2 = false;
        uint _e5 = m_1;
        if ((_e5 > 0u)) {
        } else {
            break;
        }
        {
            float _e8 = s_2;
            float _e9 = s_2;
            uint _e10 = m_1;
            const float _e11 = WaveReadLaneAt(_e9, WaveGetLaneIndex() ^ _e10);
            s_2 = (_e8 + _e11);
        }
    }
    float _e16 = s_2;
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
    float amax_1 = (float)0;
    int q_sum = (int)0;
    float amax_2 = (float)0;
    int q_sum_1 = (int)0;
    float amax_3 = (float)0;
    int q_sum_2 = (int)0;

    uint i0_ = (tid_3 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 288u)) {
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
        const uint _e32 = source_column((col0_ + c0_));
        const float4 _e36 = combined(_e32, (naga_div(k0_1, 4u) + e0_));
        v0_ = _e36;
    }
    uint i1_ = (tid_3 + 128u);
    uint c1_ = naga_div(i1_, KC4_);
    uint e1_ = naga_mod(i1_, KC4_);
    if ((i1_ < 288u)) {
        local_7 = ((col0_ + c1_) < n_cols);
    } else {
        local_7 = false;
    }
    bool _e55 = local_7;
    if (_e55) {
        local_8 = ((e1_ * 4u) < kc);
    } else {
        local_8 = false;
    }
    bool _e62 = local_8;
    if (_e62) {
        const uint _e64 = source_column((col0_ + c1_));
        const float4 _e68 = combined(_e64, (naga_div(k0_1, 4u) + e1_));
        v1_ = _e68;
    }
    uint i2_ = (tid_3 + 256u);
    uint c2_ = naga_div(i2_, KC4_);
    uint e2_ = naga_mod(i2_, KC4_);
    if ((i2_ < 288u)) {
        local_9 = ((col0_ + c2_) < n_cols);
    } else {
        local_9 = false;
    }
    bool _e87 = local_9;
    if (_e87) {
        local_10 = ((e2_ * 4u) < kc);
    } else {
        local_10 = false;
    }
    bool _e94 = local_10;
    if (_e94) {
        const uint _e96 = source_column((col0_ + c2_));
        const float4 _e100 = combined(_e96, (naga_div(k0_1, 4u) + e2_));
        v2_ = _e100;
    }
    {
        float4 v_3 = v0_;
        float4 a_1 = abs(v_3);
        amax_1 = max(max(a_1.x, a_1.y), max(a_1.z, a_1.w));
        float _e111 = amax_1;
        float _e112 = amax_1;
        const float _e114 = WaveReadLaneAt(_e112, WaveGetLaneIndex() ^ 1u);
        amax_1 = max(_e111, _e114);
        float _e116 = amax_1;
        float _e117 = amax_1;
        const float _e119 = WaveReadLaneAt(_e117, WaveGetLaneIndex() ^ 2u);
        amax_1 = max(_e116, _e119);
        float _e121 = amax_1;
        float _e122 = amax_1;
        const float _e124 = WaveReadLaneAt(_e122, WaveGetLaneIndex() ^ 4u);
        amax_1 = max(_e121, _e124);
        float _e126 = amax_1;
        const int4 _e127 = quantise(v_3, _e126);
        q_sum = asint(asuint(asint(asuint(asint(asuint(_e127.x) + asuint(_e127.y))) + asuint(_e127.z))) + asuint(_e127.w));
        int _e136 = q_sum;
        int _e137 = q_sum;
        const int _e139 = WaveReadLaneAt(_e137, WaveGetLaneIndex() ^ 1u);
        q_sum = asint(asuint(_e136) + asuint(_e139));
        int _e141 = q_sum;
        int _e142 = q_sum;
        const int _e144 = WaveReadLaneAt(_e142, WaveGetLaneIndex() ^ 2u);
        q_sum = asint(asuint(_e141) + asuint(_e144));
        int _e146 = q_sum;
        int _e147 = q_sum;
        const int _e149 = WaveReadLaneAt(_e147, WaveGetLaneIndex() ^ 4u);
        q_sum = asint(asuint(_e146) + asuint(_e149));
        uint word_1 = ((((uint(_e127.x) & 255u) | ((uint(_e127.y) & 255u) << 8u)) | ((uint(_e127.z) & 255u) << 16u)) | (uint(_e127.w) << 24u));
        const uint _e175 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 1u);
        const uint _e177 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 2u);
        const uint _e179 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 3u);
        if ((i0_ < 288u)) {
            uint blk_2 = ((c0_ * KCP) + naga_div(e0_, 8u));
            if ((naga_mod(e0_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e0_, 4u), 2u) * 36u) + blk_2)), 71u)] = uint4(word_1, _e175, _e177, _e179);
            }
            if ((naga_mod(e0_, 8u) == 0u)) {
                float _e205 = amax_1;
                float d_1 = (_e205 / 127.0);
                int _e210 = q_sum;
                xd_sh[min(uint(blk_2), 35u)] = float2(d_1, (d_1 * float(_e210)));
            }
        }
    }
    {
        float4 v_4 = v1_;
        float4 a_2 = abs(v_4);
        amax_2 = max(max(a_2.x, a_2.y), max(a_2.z, a_2.w));
        float _e224 = amax_2;
        float _e225 = amax_2;
        const float _e227 = WaveReadLaneAt(_e225, WaveGetLaneIndex() ^ 1u);
        amax_2 = max(_e224, _e227);
        float _e229 = amax_2;
        float _e230 = amax_2;
        const float _e232 = WaveReadLaneAt(_e230, WaveGetLaneIndex() ^ 2u);
        amax_2 = max(_e229, _e232);
        float _e234 = amax_2;
        float _e235 = amax_2;
        const float _e237 = WaveReadLaneAt(_e235, WaveGetLaneIndex() ^ 4u);
        amax_2 = max(_e234, _e237);
        float _e239 = amax_2;
        const int4 _e240 = quantise(v_4, _e239);
        q_sum_1 = asint(asuint(asint(asuint(asint(asuint(_e240.x) + asuint(_e240.y))) + asuint(_e240.z))) + asuint(_e240.w));
        int _e249 = q_sum_1;
        int _e250 = q_sum_1;
        const int _e252 = WaveReadLaneAt(_e250, WaveGetLaneIndex() ^ 1u);
        q_sum_1 = asint(asuint(_e249) + asuint(_e252));
        int _e254 = q_sum_1;
        int _e255 = q_sum_1;
        const int _e257 = WaveReadLaneAt(_e255, WaveGetLaneIndex() ^ 2u);
        q_sum_1 = asint(asuint(_e254) + asuint(_e257));
        int _e259 = q_sum_1;
        int _e260 = q_sum_1;
        const int _e262 = WaveReadLaneAt(_e260, WaveGetLaneIndex() ^ 4u);
        q_sum_1 = asint(asuint(_e259) + asuint(_e262));
        uint word_2 = ((((uint(_e240.x) & 255u) | ((uint(_e240.y) & 255u) << 8u)) | ((uint(_e240.z) & 255u) << 16u)) | (uint(_e240.w) << 24u));
        const uint _e288 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 1u);
        const uint _e290 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 2u);
        const uint _e292 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 3u);
        if ((i1_ < 288u)) {
            uint blk_3 = ((c1_ * KCP) + naga_div(e1_, 8u));
            if ((naga_mod(e1_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e1_, 4u), 2u) * 36u) + blk_3)), 71u)] = uint4(word_2, _e288, _e290, _e292);
            }
            if ((naga_mod(e1_, 8u) == 0u)) {
                float _e318 = amax_2;
                float d_2 = (_e318 / 127.0);
                int _e323 = q_sum_1;
                xd_sh[min(uint(blk_3), 35u)] = float2(d_2, (d_2 * float(_e323)));
            }
        }
    }
    {
        float4 v_5 = v2_;
        float4 a_3 = abs(v_5);
        amax_3 = max(max(a_3.x, a_3.y), max(a_3.z, a_3.w));
        float _e337 = amax_3;
        float _e338 = amax_3;
        const float _e340 = WaveReadLaneAt(_e338, WaveGetLaneIndex() ^ 1u);
        amax_3 = max(_e337, _e340);
        float _e342 = amax_3;
        float _e343 = amax_3;
        const float _e345 = WaveReadLaneAt(_e343, WaveGetLaneIndex() ^ 2u);
        amax_3 = max(_e342, _e345);
        float _e347 = amax_3;
        float _e348 = amax_3;
        const float _e350 = WaveReadLaneAt(_e348, WaveGetLaneIndex() ^ 4u);
        amax_3 = max(_e347, _e350);
        float _e352 = amax_3;
        const int4 _e353 = quantise(v_5, _e352);
        q_sum_2 = asint(asuint(asint(asuint(asint(asuint(_e353.x) + asuint(_e353.y))) + asuint(_e353.z))) + asuint(_e353.w));
        int _e362 = q_sum_2;
        int _e363 = q_sum_2;
        const int _e365 = WaveReadLaneAt(_e363, WaveGetLaneIndex() ^ 1u);
        q_sum_2 = asint(asuint(_e362) + asuint(_e365));
        int _e367 = q_sum_2;
        int _e368 = q_sum_2;
        const int _e370 = WaveReadLaneAt(_e368, WaveGetLaneIndex() ^ 2u);
        q_sum_2 = asint(asuint(_e367) + asuint(_e370));
        int _e372 = q_sum_2;
        int _e373 = q_sum_2;
        const int _e375 = WaveReadLaneAt(_e373, WaveGetLaneIndex() ^ 4u);
        q_sum_2 = asint(asuint(_e372) + asuint(_e375));
        uint word_3 = ((((uint(_e353.x) & 255u) | ((uint(_e353.y) & 255u) << 8u)) | ((uint(_e353.z) & 255u) << 16u)) | (uint(_e353.w) << 24u));
        const uint _e401 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 1u);
        const uint _e403 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 2u);
        const uint _e405 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 3u);
        if ((i2_ < 288u)) {
            uint blk_4 = ((c2_ * KCP) + naga_div(e2_, 8u));
            if ((naga_mod(e2_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e2_, 4u), 2u) * 36u) + blk_4)), 71u)] = uint4(word_3, _e401, _e403, _e405);
            }
            if ((naga_mod(e2_, 8u) == 0u)) {
                float _e431 = amax_3;
                float d_3 = (_e431 / 127.0);
                int _e436 = q_sum_2;
                xd_sh[min(uint(blk_4), 35u)] = float2(d_3, (d_3 * float(_e436)));
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
    uint4 m_2 = (252645135u).xxxx;
    const Block block = ConstructBlock((r.q & m_2), ((r.q >> (4u).xxxx) & m_2), dm.x, dm.y);
    return block;
}

float dot_q8x(Block w, uint xb)
{
    uint4 xa = xq_sh[min(uint(xb), 71u)];
    uint4 xc = xq_sh[min(uint((36u + xb)), 71u)];
    float2 xd = xd_sh[min(uint(xb), 35u)];
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
    int acc_1 = asint(asuint(asint(asuint(asint(asuint(asint(asuint(asint(asuint(asint(asuint(asint(asuint(dot(int4(_e14, _e14 >> 8, _e14 >> 16, _e14 >> 24) << 24 >> 24, int4(_e15, _e15 >> 8, _e15 >> 16, _e15 >> 24) << 24 >> 24)) + asuint(dot(int4(_e18, _e18 >> 8, _e18 >> 16, _e18 >> 24) << 24 >> 24, int4(_e19, _e19 >> 8, _e19 >> 16, _e19 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e23, _e23 >> 8, _e23 >> 16, _e23 >> 24) << 24 >> 24, int4(_e24, _e24 >> 8, _e24 >> 16, _e24 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e28, _e28 >> 8, _e28 >> 16, _e28 >> 24) << 24 >> 24, int4(_e29, _e29 >> 8, _e29 >> 16, _e29 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e33, _e33 >> 8, _e33 >> 16, _e33 >> 24) << 24 >> 24, int4(_e34, _e34 >> 8, _e34 >> 16, _e34 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e38, _e38 >> 8, _e38 >> 16, _e38 >> 24) << 24 >> 24, int4(_e39, _e39 >> 8, _e39 >> 16, _e39 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e43, _e43 >> 8, _e43 >> 16, _e43 >> 24) << 24 >> 24, int4(_e44, _e44 >> 8, _e44 >> 16, _e44 >> 24) << 24 >> 24)))) + asuint(dot(int4(_e48, _e48 >> 8, _e48 >> 16, _e48 >> 24) << 24 >> 24, int4(_e49, _e49 >> 8, _e49 >> 16, _e49 >> 24) << 24 >> 24)));
    return ((float(acc_1) * (w.d * xd.x)) + (w.m * xd.y));
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
    int w_3 = asint(word);
    return float4(int4(naga_extractBits(w_3, 0u, 8u), naga_extractBits(w_3, 8u, 8u), naga_extractBits(w_3, 16u, 8u), naga_extractBits(w_3, 24u, 8u)));
}

float4 epilogue_operands(uint2 rows, uint col_1)
{
    float _e8 = asfloat(y.Load(((col_1 * Y_STRIDE) + rows.x)*4));
    return float4(_e8, 0.0, 0.0, 0.0);
}

void epilogue(uint unit_1, uint2 rows_1, uint col_2, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    float _e14 = a;
    y.Store(((col_2 * Y_STRIDE) + unit_1)*4, asuint((ops.x + _e14)));
    return;
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        xq_sh = (uint4[72])0;
        xd_sh = (float2[36])0;
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
    uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
    bool loop_init_3 = true;
    while(true) {
        if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
        if (!loop_init_3) {
            uint _e187 = round_;
            round_ = (_e187 + 1u);
        }
        loop_init_3 = false;
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
            uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
            bool loop_init_4 = true;
            while(true) {
                if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
                loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                if (!loop_init_4) {
                    uint _e142 = k0_;
                    k0_ = (_e142 + KC);
                }
                loop_init_4 = false;
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
                        uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
                        bool loop_init_5 = true;
                        while(true) {
                            if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                            loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                            if (!loop_init_5) {
                                uint _e138 = blk;
                                blk = (_e138 + TPU);
                            }
                            loop_init_5 = false;
                            uint _e85 = blk;
                            uint _e86 = k0_;
                            if ((_e85 < naga_div((_e86 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e91 = blk;
                                uint _e92 = k0_;
                                uint local_11 = ((_e91 - naga_div(_e92, 32u)) * XBS);
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
                                    const float _e127 = dot_block(_e116, (0u + local_11), 0u, 1.0);
                                    acc_a0_ = (_e122 + _e127);
                                }
                                if ((1u < live)) {
                                    float _e131 = acc_a1_;
                                    const float _e136 = dot_block(_e116, (18u + local_11), 0u, 1.0);
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
