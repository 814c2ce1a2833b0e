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
static const uint UNITS = 480u;
static const uint Y_STRIDE = 576u;
static const uint B = 2u;
static const uint ROUNDS = 1u;
static const uint NR = 2u;
static const uint Q_DIM = 576u;
static const uint KV_DIM = 192u;
static const uint HEAD_DIM = 64u;
static const uint KV_HEADS = 3u;
static const uint CTX = 2048u;
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
RWByteAddressBuffer k_cache : register(u9);
RWByteAddressBuffer v_cache : register(u10);
ByteAddressBuffer rope : register(t11);
groupshared uint4 xq_sh[72];
groupshared float2 xd_sh[36];
groupshared float red[256];
groupshared float col_scale[2];

struct ComputeInput_main {
    uint tid_5 : SV_GroupIndex;
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
    float total_1 = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total_1;
}

float unit_sum(uint tid_2, float v_1)
{
    float s_1 = (float)0;
    uint m = 4u;

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

void column_scales(uint tid_3, uint sg_size_1, inout float ss_1[2])
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
            float _e10 = ss_1[min(uint(_e8), 1u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_3, sg_size_1) == 0u)) {
                uint _e19 = c_1;
                red[min(uint(((naga_div(tid_3, sg_size_1) * B) + _e19)), 255u)] = _e11;
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
                float _e42 = red[min(uint(((_e37 * B) + tid_3)), 255u)];
                total = (_e35 + _e42);
            }
        }
        float _e49 = total;
        col_scale[min(uint(tid_3), 1u)] = rsqrt(((_e49 / 576.0) + 1e-5));
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
    bool local_9 = (bool)0;
    bool local_10 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_11 = (bool)0;
    bool local_12 = (bool)0;
    float4 v2_ = (0.0).xxxx;
    float4 g2_ = (1.0).xxxx;
    bool local_13 = (bool)0;
    bool local_14 = (bool)0;
    float amax_1 = (float)0;
    int q_sum = (int)0;
    float amax_2 = (float)0;
    int q_sum_1 = (int)0;
    float amax_3 = (float)0;
    int q_sum_2 = (int)0;

    uint i0_ = (tid_4 + 0u);
    uint c0_ = naga_div(i0_, KC4_);
    uint e0_ = naga_mod(i0_, KC4_);
    if ((i0_ < 288u)) {
        local_9 = ((col0_ + c0_) < n_cols);
    } else {
        local_9 = false;
    }
    bool _e24 = local_9;
    if (_e24) {
        local_10 = ((e0_ * 4u) < kc);
    } else {
        local_10 = false;
    }
    bool _e31 = local_10;
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
    if ((i1_ < 288u)) {
        local_11 = ((col0_ + c1_) < n_cols);
    } else {
        local_11 = false;
    }
    bool _e68 = local_11;
    if (_e68) {
        local_12 = ((e1_ * 4u) < kc);
    } else {
        local_12 = false;
    }
    bool _e75 = local_12;
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
    if ((i2_ < 288u)) {
        local_13 = ((col0_ + c2_) < n_cols);
    } else {
        local_13 = false;
    }
    bool _e112 = local_13;
    if (_e112) {
        local_14 = ((e2_ * 4u) < kc);
    } else {
        local_14 = false;
    }
    bool _e119 = local_14;
    if (_e119) {
        const uint _e122 = source_column((col0_ + c2_));
        float4 _e130 = asfloat(x.Load4((((_e122 * 144u) + naga_div(k0_1, 4u)) + e2_)*16));
        v2_ = _e130;
        float4 _e136 = asfloat(norm_w.Load4((naga_div(k0_1, 4u) + e2_)*16));
        g2_ = _e136;
    }
    {
        float4 _e137 = v0_;
        float _e142 = col_scale[min(uint(min(c0_, 1u)), 1u)];
        float4 _e143 = g0_;
        float4 v_3 = (_e137 * (_e142 * _e143));
        float4 a_1 = abs(v_3);
        amax_1 = max(max(a_1.x, a_1.y), max(a_1.z, a_1.w));
        float _e155 = amax_1;
        float _e156 = amax_1;
        const float _e158 = WaveReadLaneAt(_e156, WaveGetLaneIndex() ^ 1u);
        amax_1 = max(_e155, _e158);
        float _e160 = amax_1;
        float _e161 = amax_1;
        const float _e163 = WaveReadLaneAt(_e161, WaveGetLaneIndex() ^ 2u);
        amax_1 = max(_e160, _e163);
        float _e165 = amax_1;
        float _e166 = amax_1;
        const float _e168 = WaveReadLaneAt(_e166, WaveGetLaneIndex() ^ 4u);
        amax_1 = max(_e165, _e168);
        float _e170 = amax_1;
        const int4 _e171 = quantise(v_3, _e170);
        q_sum = asint(asuint(asint(asuint(asint(asuint(_e171.x) + asuint(_e171.y))) + asuint(_e171.z))) + asuint(_e171.w));
        int _e180 = q_sum;
        int _e181 = q_sum;
        const int _e183 = WaveReadLaneAt(_e181, WaveGetLaneIndex() ^ 1u);
        q_sum = asint(asuint(_e180) + asuint(_e183));
        int _e185 = q_sum;
        int _e186 = q_sum;
        const int _e188 = WaveReadLaneAt(_e186, WaveGetLaneIndex() ^ 2u);
        q_sum = asint(asuint(_e185) + asuint(_e188));
        int _e190 = q_sum;
        int _e191 = q_sum;
        const int _e193 = WaveReadLaneAt(_e191, WaveGetLaneIndex() ^ 4u);
        q_sum = asint(asuint(_e190) + asuint(_e193));
        uint word_1 = ((((uint(_e171.x) & 255u) | ((uint(_e171.y) & 255u) << 8u)) | ((uint(_e171.z) & 255u) << 16u)) | (uint(_e171.w) << 24u));
        const uint _e219 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 1u);
        const uint _e221 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 2u);
        const uint _e223 = WaveReadLaneAt(word_1, WaveGetLaneIndex() ^ 3u);
        if ((i0_ < 288u)) {
            uint blk_2 = ((c0_ * KCP) + naga_div(e0_, 8u));
            if ((naga_mod(e0_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e0_, 4u), 2u) * 36u) + blk_2)), 71u)] = uint4(word_1, _e219, _e221, _e223);
            }
            if ((naga_mod(e0_, 8u) == 0u)) {
                float _e249 = amax_1;
                float d = (_e249 / 127.0);
                int _e254 = q_sum;
                xd_sh[min(uint(blk_2), 35u)] = float2(d, (d * float(_e254)));
            }
        }
    }
    {
        float4 _e258 = v1_;
        float _e263 = col_scale[min(uint(min(c1_, 1u)), 1u)];
        float4 _e264 = g1_;
        float4 v_4 = (_e258 * (_e263 * _e264));
        float4 a_2 = abs(v_4);
        amax_2 = max(max(a_2.x, a_2.y), max(a_2.z, a_2.w));
        float _e276 = amax_2;
        float _e277 = amax_2;
        const float _e279 = WaveReadLaneAt(_e277, WaveGetLaneIndex() ^ 1u);
        amax_2 = max(_e276, _e279);
        float _e281 = amax_2;
        float _e282 = amax_2;
        const float _e284 = WaveReadLaneAt(_e282, WaveGetLaneIndex() ^ 2u);
        amax_2 = max(_e281, _e284);
        float _e286 = amax_2;
        float _e287 = amax_2;
        const float _e289 = WaveReadLaneAt(_e287, WaveGetLaneIndex() ^ 4u);
        amax_2 = max(_e286, _e289);
        float _e291 = amax_2;
        const int4 _e292 = quantise(v_4, _e291);
        q_sum_1 = asint(asuint(asint(asuint(asint(asuint(_e292.x) + asuint(_e292.y))) + asuint(_e292.z))) + asuint(_e292.w));
        int _e301 = q_sum_1;
        int _e302 = q_sum_1;
        const int _e304 = WaveReadLaneAt(_e302, WaveGetLaneIndex() ^ 1u);
        q_sum_1 = asint(asuint(_e301) + asuint(_e304));
        int _e306 = q_sum_1;
        int _e307 = q_sum_1;
        const int _e309 = WaveReadLaneAt(_e307, WaveGetLaneIndex() ^ 2u);
        q_sum_1 = asint(asuint(_e306) + asuint(_e309));
        int _e311 = q_sum_1;
        int _e312 = q_sum_1;
        const int _e314 = WaveReadLaneAt(_e312, WaveGetLaneIndex() ^ 4u);
        q_sum_1 = asint(asuint(_e311) + asuint(_e314));
        uint word_2 = ((((uint(_e292.x) & 255u) | ((uint(_e292.y) & 255u) << 8u)) | ((uint(_e292.z) & 255u) << 16u)) | (uint(_e292.w) << 24u));
        const uint _e340 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 1u);
        const uint _e342 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 2u);
        const uint _e344 = WaveReadLaneAt(word_2, WaveGetLaneIndex() ^ 3u);
        if ((i1_ < 288u)) {
            uint blk_3 = ((c1_ * KCP) + naga_div(e1_, 8u));
            if ((naga_mod(e1_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e1_, 4u), 2u) * 36u) + blk_3)), 71u)] = uint4(word_2, _e340, _e342, _e344);
            }
            if ((naga_mod(e1_, 8u) == 0u)) {
                float _e370 = amax_2;
                float d_1 = (_e370 / 127.0);
                int _e375 = q_sum_1;
                xd_sh[min(uint(blk_3), 35u)] = float2(d_1, (d_1 * float(_e375)));
            }
        }
    }
    {
        float4 _e379 = v2_;
        float _e384 = col_scale[min(uint(min(c2_, 1u)), 1u)];
        float4 _e385 = g2_;
        float4 v_5 = (_e379 * (_e384 * _e385));
        float4 a_3 = abs(v_5);
        amax_3 = max(max(a_3.x, a_3.y), max(a_3.z, a_3.w));
        float _e397 = amax_3;
        float _e398 = amax_3;
        const float _e400 = WaveReadLaneAt(_e398, WaveGetLaneIndex() ^ 1u);
        amax_3 = max(_e397, _e400);
        float _e402 = amax_3;
        float _e403 = amax_3;
        const float _e405 = WaveReadLaneAt(_e403, WaveGetLaneIndex() ^ 2u);
        amax_3 = max(_e402, _e405);
        float _e407 = amax_3;
        float _e408 = amax_3;
        const float _e410 = WaveReadLaneAt(_e408, WaveGetLaneIndex() ^ 4u);
        amax_3 = max(_e407, _e410);
        float _e412 = amax_3;
        const int4 _e413 = quantise(v_5, _e412);
        q_sum_2 = asint(asuint(asint(asuint(asint(asuint(_e413.x) + asuint(_e413.y))) + asuint(_e413.z))) + asuint(_e413.w));
        int _e422 = q_sum_2;
        int _e423 = q_sum_2;
        const int _e425 = WaveReadLaneAt(_e423, WaveGetLaneIndex() ^ 1u);
        q_sum_2 = asint(asuint(_e422) + asuint(_e425));
        int _e427 = q_sum_2;
        int _e428 = q_sum_2;
        const int _e430 = WaveReadLaneAt(_e428, WaveGetLaneIndex() ^ 2u);
        q_sum_2 = asint(asuint(_e427) + asuint(_e430));
        int _e432 = q_sum_2;
        int _e433 = q_sum_2;
        const int _e435 = WaveReadLaneAt(_e433, WaveGetLaneIndex() ^ 4u);
        q_sum_2 = asint(asuint(_e432) + asuint(_e435));
        uint word_3 = ((((uint(_e413.x) & 255u) | ((uint(_e413.y) & 255u) << 8u)) | ((uint(_e413.z) & 255u) << 16u)) | (uint(_e413.w) << 24u));
        const uint _e461 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 1u);
        const uint _e463 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 2u);
        const uint _e465 = WaveReadLaneAt(word_3, WaveGetLaneIndex() ^ 3u);
        if ((i2_ < 288u)) {
            uint blk_4 = ((c2_ * KCP) + naga_div(e2_, 8u));
            if ((naga_mod(e2_, 4u) == 0u)) {
                xq_sh[min(uint(((naga_mod(naga_div(e2_, 4u), 2u) * 36u) + blk_4)), 71u)] = uint4(word_3, _e461, _e463, _e465);
            }
            if ((naga_mod(e2_, 8u) == 0u)) {
                float _e491 = amax_3;
                float d_2 = (_e491 / 127.0);
                int _e496 = q_sum_2;
                xd_sh[min(uint(blk_4), 35u)] = float2(d_2, (d_2 * float(_e496)));
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 unit_rows(uint unit)
{
    uint base = 0u;
    uint p = (uint)0;

    p = unit;
    uint _e5 = p;
    if ((_e5 >= 288u)) {
        uint _e8 = p;
        p = (_e8 - 288u);
        base = Q_DIM;
        uint _e12 = p;
        if ((_e12 >= 96u)) {
            uint _e15 = p;
            p = (_e15 - 96u);
            base = 768u;
            uint _e19 = base;
            uint _e21 = p;
            uint _e24 = base;
            uint _e26 = p;
            return uint2((_e19 + (2u * _e21)), ((_e24 + (2u * _e26)) + 1u));
        }
    }
    uint _e32 = p;
    uint head = naga_div(_e32, 32u);
    uint _e34 = p;
    uint i_1 = naga_mod(_e34, 32u);
    uint _e36 = base;
    uint _e43 = base;
    return uint2(((_e36 + (head * HEAD_DIM)) + (2u * i_1)), (((_e43 + (head * HEAD_DIM)) + (2u * i_1)) + 1u));
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
    if ((rows.x < 768u)) {
        uint i_2 = naga_div(naga_mod(rows.x, HEAD_DIM), 2u);
        uint _e14 = asuint(cols.Load(4+col*16));
        float2 _e19 = asfloat(rope.Load2(((_e14 * 32u) + i_2)*8));
        return float4(_e19, 0.0, 0.0);
    }
    return (0.0).xxxx;
}

Column ConstructColumn(uint arg0, uint arg1, uint arg2, uint arg3) {
    Column ret = (Column)0;
    ret.slot = arg0;
    ret.pos = arg1;
    ret.token = arg2;
    ret._pad = arg3;
    return ret;
}

void epilogue(uint unit_1, uint2 rows_1, uint col_1, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    Column info = ConstructColumn(asuint(cols.Load(col_1*16+0)), asuint(cols.Load(col_1*16+4)), asuint(cols.Load(col_1*16+8)), asuint(cols.Load(col_1*16+12)));
    if ((rows_1.x < 768u)) {
        float2 cs = ops.xy;
        float _e15 = a;
        float _e18 = b;
        float ra_1 = ((_e15 * cs.x) - (_e18 * cs.y));
        float _e22 = a;
        float _e25 = b;
        float rb_1 = ((_e22 * cs.y) + (_e25 * cs.x));
        a = ra_1;
        b = rb_1;
    }
    if ((rows_1.x < Q_DIM)) {
        float _e38 = a;
        y.Store(((col_1 * Y_STRIDE) + rows_1.x)*4, asuint(_e38));
        float _e45 = b;
        y.Store(((col_1 * Y_STRIDE) + rows_1.y)*4, asuint(_e45));
        return;
    }
    uint ra_2 = naga_mod((rows_1.x - Q_DIM), KV_DIM);
    uint rb_2 = naga_mod((rows_1.y - Q_DIM), KV_DIM);
    uint ia = ((((((info.slot * KV_HEADS) + naga_div(ra_2, HEAD_DIM)) * CTX) + info.pos) * HEAD_DIM) + naga_mod(ra_2, HEAD_DIM));
    uint ib = ((((((info.slot * KV_HEADS) + naga_div(rb_2, HEAD_DIM)) * CTX) + info.pos) * HEAD_DIM) + naga_mod(rb_2, HEAD_DIM));
    if ((rows_1.x < 768u)) {
        float _e91 = a;
        k_cache.Store(ia*4, asuint(_e91));
        float _e94 = b;
        k_cache.Store(ib*4, asuint(_e94));
        return;
    } else {
        float _e97 = a;
        v_cache.Store(ia*4, asuint(_e97));
        float _e100 = b;
        v_cache.Store(ib*4, asuint(_e100));
        return;
    }
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        xq_sh = (uint4[72])0;
        xd_sh = (float2[36])0;
        red = (float[256])0;
        col_scale = (float[2])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_5;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
    float ss[2] = (float[2])0;
    float4 n0_0_ = (0.0).xxxx;
    bool local = (bool)0;
    float4 n0_1_ = (0.0).xxxx;
    bool local_1 = (bool)0;
    float4 n1_0_ = (0.0).xxxx;
    bool local_2 = (bool)0;
    float4 n1_1_ = (0.0).xxxx;
    bool local_3 = (bool)0;
    uint round_ = 0u;
    float acc_a0_ = (float)0;
    float acc_b0_ = (float)0;
    float acc_a1_ = (float)0;
    float acc_b1_ = (float)0;
    Raw ra = (Raw)0;
    Raw rb = (Raw)0;
    uint k0_ = (uint)0;
    bool local_4 = (bool)0;
    uint blk = (uint)0;
    uint nb = (uint)0;
    bool local_5 = (bool)0;
    bool local_6 = (bool)0;
    bool local_7 = (bool)0;
    bool local_8 = (bool)0;

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
    ss[0] = 0.0;
    float _e110 = ss[0];
    float4 _e111 = n0_0_;
    float4 _e112 = n0_0_;
    ss[0] = (_e110 + dot(_e111, _e112));
    float _e117 = ss[0];
    float4 _e118 = n0_1_;
    float4 _e119 = n0_1_;
    ss[0] = (_e117 + dot(_e118, _e119));
    ss[1] = 0.0;
    float _e126 = ss[1];
    float4 _e127 = n1_0_;
    float4 _e128 = n1_0_;
    ss[1] = (_e126 + dot(_e127, _e128));
    float _e133 = ss[1];
    float4 _e134 = n1_1_;
    float4 _e135 = n1_1_;
    ss[1] = (_e133 + dot(_e134, _e135));
    column_scales(tid, sg_size, ss);
    uint live = (_e8 - min(col0_1, _e8));
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e338 = round_;
            round_ = (_e338 + 1u);
        }
        loop_init_4 = false;
        uint _e142 = round_;
        if ((_e142 < ROUNDS)) {
        } else {
            break;
        }
        {
            uint _e148 = round_;
            uint unit_2 = ((((wg.x * ROUNDS) + _e148) * UNITS_PER_WG) + naga_div(tid, TPU));
            const uint2 _e157 = unit_rows(min(unit_2, 479u));
            acc_a0_ = 0.0;
            acc_b0_ = 0.0;
            const float4 _e167 = epilogue_operands(_e157, min((col0_1 + 0u), (_e8 - 1u)));
            acc_a1_ = 0.0;
            acc_b1_ = 0.0;
            const float4 _e177 = epilogue_operands(_e157, min((col0_1 + 1u), (_e8 - 1u)));
            uint last_blk = (naga_div(K, 32u) - 1u);
            const Raw _e189 = load_raw(_e157.x, min((naga_div(0u, 32u) + lane), last_blk));
            ra = _e189;
            const Raw _e196 = load_raw(_e157.y, min((naga_div(0u, 32u) + lane), last_blk));
            rb = _e196;
            k0_ = 0u;
            uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
            bool loop_init_5 = true;
            while(true) {
                if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                if (!loop_init_5) {
                    uint _e291 = k0_;
                    k0_ = (_e291 + KC);
                }
                loop_init_5 = false;
                uint _e199 = k0_;
                if ((_e199 < K)) {
                } else {
                    break;
                }
                {
                    uint _e202 = k0_;
                    uint kc_1 = min(KC, (K - _e202));
                    if (true) {
                        uint _e208 = round_;
                        local_4 = (_e208 == 0u);
                    } else {
                        local_4 = true;
                    }
                    bool _e212 = local_4;
                    if (_e212) {
                        uint _e213 = k0_;
                        stage_inputs(tid, col0_1, _e8, _e213, kc_1);
                    }
                    if ((unit_2 < UNITS)) {
                        uint _e216 = k0_;
                        blk = (naga_div(_e216, 32u) + lane);
                        uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
                        bool loop_init_6 = true;
                        while(true) {
                            if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
                            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                            if (!loop_init_6) {
                                uint _e287 = blk;
                                blk = (_e287 + TPU);
                            }
                            loop_init_6 = false;
                            uint _e221 = blk;
                            uint _e222 = k0_;
                            if ((_e221 < naga_div((_e222 + kc_1), 32u))) {
                            } else {
                                break;
                            }
                            {
                                uint _e227 = blk;
                                uint _e228 = k0_;
                                uint local_15 = ((_e227 - naga_div(_e228, 32u)) * XBS);
                                uint _e234 = blk;
                                nb = (_e234 + TPU);
                                uint _e238 = nb;
                                uint _e239 = k0_;
                                if ((_e238 >= naga_div((_e239 + kc_1), 32u))) {
                                    uint _e244 = k0_;
                                    nb = (naga_div((_e244 + kc_1), 32u) + lane);
                                }
                                uint _e249 = nb;
                                nb = min(_e249, last_blk);
                                Raw _e251 = ra;
                                const Block _e252 = dequant_raw(_e251);
                                uint _e254 = nb;
                                const Raw _e255 = load_raw(_e157.x, _e254);
                                ra = _e255;
                                Raw _e256 = rb;
                                const Block _e257 = dequant_raw(_e256);
                                uint _e259 = nb;
                                const Raw _e260 = load_raw(_e157.y, _e259);
                                rb = _e260;
                                if ((0u < live)) {
                                    const float2 _e267 = dot_pair(_e252, _e257, (0u + local_15), 0u, 1.0);
                                    float _e268 = acc_a0_;
                                    acc_a0_ = (_e268 + _e267.x);
                                    float _e271 = acc_b0_;
                                    acc_b0_ = (_e271 + _e267.y);
                                }
                                if ((1u < live)) {
                                    const float2 _e280 = dot_pair(_e252, _e257, (18u + local_15), 0u, 1.0);
                                    float _e281 = acc_a1_;
                                    acc_a1_ = (_e281 + _e280.x);
                                    float _e284 = acc_b1_;
                                    acc_b1_ = (_e284 + _e280.y);
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
                float _e296 = acc_a0_;
                const float _e297 = unit_sum(tid, _e296);
                float _e298 = acc_b0_;
                const float _e299 = unit_sum(tid, _e298);
                if ((lane == 0u)) {
                    local_5 = (unit_2 < UNITS);
                } else {
                    local_5 = false;
                }
                bool _e307 = local_5;
                if (_e307) {
                    local_6 = (0u < live);
                } else {
                    local_6 = false;
                }
                bool _e313 = local_6;
                if (_e313) {
                    epilogue(unit_2, _e157, (col0_1 + 0u), _e297, _e299, _e167);
                }
            }
            if ((1u < live)) {
                float _e318 = acc_a1_;
                const float _e319 = unit_sum(tid, _e318);
                float _e320 = acc_b1_;
                const float _e321 = unit_sum(tid, _e320);
                if ((lane == 0u)) {
                    local_7 = (unit_2 < UNITS);
                } else {
                    local_7 = false;
                }
                bool _e329 = local_7;
                if (_e329) {
                    local_8 = (1u < live);
                } else {
                    local_8 = false;
                }
                bool _e335 = local_8;
                if (_e335) {
                    epilogue(unit_2, _e157, (col0_1 + 1u), _e319, _e321, _e177);
                }
            }
        }
    }
    return;
}
