struct p0_Params {
    uint n_cols;
    uint n_out;
    uint span;
    uint _pad1_;
};

struct p0_Column {
    uint slot;
    uint pos;
    uint token;
    uint _pad;
};

struct p1_Params {
    uint n_cols;
    uint n_out;
    uint span;
    uint _pad1_;
};

struct p1_Column {
    uint slot;
    uint pos;
    uint token;
    uint _pad;
};

struct p2_Params {
    uint n_cols;
    uint n_out;
    uint span;
    uint _pad1_;
};

struct p2_Column {
    uint slot;
    uint pos;
    uint token;
    uint _pad;
};

struct p3_Params {
    uint n_cols;
    uint n_out;
    uint span;
    uint _pad1_;
};

struct p3_Column {
    uint slot;
    uint pos;
    uint token;
    uint _pad;
};

struct p4_Params {
    uint n_cols;
    uint n_out;
    uint span;
    uint _pad1_;
};

struct p4_Column {
    uint slot;
    uint pos;
    uint token;
    uint _pad;
};

struct p0_Raw {
    uint4 q;
    uint s;
    int _end_pad_0;
    int _end_pad_1;
    int _end_pad_2;
};

struct p2_Raw {
    uint4 q;
    uint s;
    int _end_pad_0;
    int _end_pad_1;
    int _end_pad_2;
};

struct p3_Raw {
    uint4 q;
    uint s;
    int _end_pad_0;
    int _end_pad_1;
    int _end_pad_2;
};

struct p4_Raw {
    uint4 q;
    uint s;
    int _end_pad_0;
    int _end_pad_1;
    int _end_pad_2;
};

static const uint BLOCK_WORKGROUPS = 132u;
static const uint SPIN_LIMIT = 1048576u;
static const uint PREFETCH_LOADS = 2u;
static const uint p0_WG = 128u;
static const uint p0_TPU = 16u;
static const uint p0_UNITS_PER_WG = 8u;
static const uint p0_K = 576u;
static const uint p0_BLOCKS = 18u;
static const uint p0_UNITS = 480u;
static const uint p0_Y_STRIDE = 576u;
static const uint p0_B = 1u;
static const uint p0_ROUNDS = 1u;
static const uint p0_PF = 2u;
static const uint p0_NR = 2u;
static const uint p0_Q_DIM = 576u;
static const uint p0_KV_DIM = 192u;
static const uint p0_HEAD_DIM = 64u;
static const uint p0_KV_HEADS = 3u;
static const uint p0_CTX = 2048u;
static const uint p0_KC = 576u;
static const uint p0_KC4_ = 144u;
static const uint p0_KCP = 162u;
static const uint p0_XBS = 9u;
static const uint p0_NV = 2u;
static const uint p1_WG = 128u;
static const uint p1_HEAD_DIM = 64u;
static const uint p1_N_HEADS = 9u;
static const uint p1_KV_HEADS = 3u;
static const uint p1_GROUP = 3u;
static const uint p1_CTX = 2048u;
static const uint p1_SPLITS = 32u;
static const uint p1_D4_ = 16u;
static const uint p1_GROUPS = 8u;
static const uint p2_WG = 128u;
static const uint p2_TPU = 16u;
static const uint p2_UNITS_PER_WG = 8u;
static const uint p2_K = 576u;
static const uint p2_BLOCKS = 18u;
static const uint p2_UNITS = 576u;
static const uint p2_Y_STRIDE = 576u;
static const uint p2_B = 1u;
static const uint p2_ROUNDS = 1u;
static const uint p2_PF = 2u;
static const uint p2_NR = 1u;
static const uint p2_A_D4_ = 16u;
static const uint p2_A_HEADS = 9u;
static const uint p2_A_SPLITS = 32u;
static const uint p2_KC = 576u;
static const uint p2_KC4_ = 144u;
static const uint p2_KCP = 162u;
static const uint p2_XBS = 9u;
static const uint p3_WG = 128u;
static const uint p3_TPU = 16u;
static const uint p3_UNITS_PER_WG = 8u;
static const uint p3_K = 576u;
static const uint p3_BLOCKS = 18u;
static const uint p3_UNITS = 1536u;
static const uint p3_Y_STRIDE = 1536u;
static const uint p3_B = 1u;
static const uint p3_ROUNDS = 1u;
static const uint p3_PF = 2u;
static const uint p3_NR = 2u;
static const uint p3_FFN = 1536u;
static const uint p3_KC = 576u;
static const uint p3_KC4_ = 144u;
static const uint p3_KCP = 162u;
static const uint p3_XBS = 9u;
static const uint p3_NV = 2u;
static const uint p4_WG = 128u;
static const uint p4_TPU = 16u;
static const uint p4_UNITS_PER_WG = 8u;
static const uint p4_K = 1536u;
static const uint p4_BLOCKS = 48u;
static const uint p4_UNITS = 576u;
static const uint p4_Y_STRIDE = 576u;
static const uint p4_B = 1u;
static const uint p4_ROUNDS = 1u;
static const uint p4_PF = 3u;
static const uint p4_NR = 1u;
static const uint p4_KC = 1536u;
static const uint p4_KC4_ = 384u;
static const uint p4_KCP = 432u;
static const uint p4_XBS = 9u;

cbuffer bind0_params : register(b0) { p0_Params bind0_params; }
ByteAddressBuffer bind1_cols : register(t1);
ByteAddressBuffer bind2_w_q : register(t2);
ByteAddressBuffer bind3_w_s : register(t3);
globallycoherent RWByteAddressBuffer bind4_x : register(u4);
globallycoherent RWByteAddressBuffer bind5_y : register(u5);
ByteAddressBuffer bind6_norm_w : register(t6);
globallycoherent RWByteAddressBuffer bind7_k_cache : register(u7);
globallycoherent RWByteAddressBuffer bind8_v_cache : register(u8);
ByteAddressBuffer bind9_rope : register(t9);
cbuffer bind10_params : register(b10) { p1_Params bind10_params; }
ByteAddressBuffer bind11_cols : register(t11);
globallycoherent RWByteAddressBuffer bind12_q : register(u12);
globallycoherent RWByteAddressBuffer bind13_k_cache : register(u13);
globallycoherent RWByteAddressBuffer bind14_v_cache : register(u14);
globallycoherent RWByteAddressBuffer bind15_out : register(u15);
cbuffer bind16_params : register(b16) { p2_Params bind16_params; }
ByteAddressBuffer bind17_cols : register(t17);
ByteAddressBuffer bind18_w_q : register(t18);
ByteAddressBuffer bind19_w_s : register(t19);
globallycoherent RWByteAddressBuffer bind20_y : register(u20);
cbuffer bind21_params : register(b21) { p3_Params bind21_params; }
ByteAddressBuffer bind22_cols : register(t22);
ByteAddressBuffer bind23_w_q : register(t23);
ByteAddressBuffer bind24_w_s : register(t24);
ByteAddressBuffer bind25_norm_w : register(t25);
cbuffer bind26_params : register(b26) { p4_Params bind26_params; }
ByteAddressBuffer bind27_cols : register(t27);
ByteAddressBuffer bind28_w_q : register(t28);
ByteAddressBuffer bind29_w_s : register(t29);
RWByteAddressBuffer grid_barrier : register(u30);
groupshared uint phase_groups;
groupshared float pool_f32_0_[128];
groupshared float pool_f32_1_[128];
groupshared float4 pool_vec4_f32_0_[432];
groupshared float4 pool_vec4_f32_1_[16];

struct ComputeInput_main {
    uint tid_25 : SV_GroupIndex;
    uint3 wg_6 : SV_GroupID;
};

uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

void grid_sync(uint tid_1)
{
    uint spins = 0u;
    bool local = (bool)0;
    bool local_1 = (bool)0;

    DeviceMemoryBarrierWithGroupSync();
    GroupMemoryBarrierWithGroupSync();
    if ((tid_1 == 0u)) {
        uint _e6; grid_barrier.InterlockedAdd(0, 1u, _e6);
        uint goal = ((naga_div(_e6, BLOCK_WORKGROUPS) + 1u) * BLOCK_WORKGROUPS);
        uint2 loop_bound = uint2(4294967295u, 4294967295u);
        while(true) {
            if (all(loop_bound == uint2(0u, 0u))) { break; }
            loop_bound -= uint2(loop_bound.y == 0u, 1u);
            uint _e17 = asuint(grid_barrier.Load(0));
            if ((_e17 >= goal)) {
                break;
            }
            uint _e19 = spins;
            spins = (_e19 + 1u);
            uint _e22 = spins;
            if (!((_e22 > SPIN_LIMIT))) {
                uint _e28 = spins;
                if (((_e28 & 1023u) == 0u)) {
                    uint _e37 = asuint(grid_barrier.Load(4));
                    local_1 = (_e37 != 0u);
                } else {
                    local_1 = false;
                }
                bool _e41 = local_1;
                local = _e41;
            } else {
                local = true;
            }
            bool _e43 = local;
            if (_e43) {
                grid_barrier.Store(4, asuint(1u));
                break;
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    DeviceMemoryBarrierWithGroupSync();
    return;
}

uint p0_output_columns()
{
    uint _e2 = bind0_params.n_cols;
    return _e2;
}

uint p0_source_column(uint c)
{
    return c;
}

float p0_workgroup_sum(uint tid_2, float v_5)
{
    uint s = 64u;

    pool_f32_0_[min(uint(tid_2), 127u)] = v_5;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound_1 = uint2(4294967295u, 4294967295u);
    bool loop_init = true;
    while(true) {
        if (all(loop_bound_1 == uint2(0u, 0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
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
            if ((tid_2 < _e9)) {
                float _e15 = pool_f32_0_[min(uint(tid_2), 127u)];
                uint _e17 = s;
                float _e20 = pool_f32_0_[min(uint((tid_2 + _e17)), 127u)];
                pool_f32_0_[min(uint(tid_2), 127u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_3 = pool_f32_0_[0];
    GroupMemoryBarrierWithGroupSync();
    return total_3;
}

float p0_unit_sum(uint tid_3, float v_6)
{
    float s_1 = (float)0;
    uint m = 8u;

    s_1 = v_6;
    uint2 loop_bound_2 = uint2(4294967295u, 4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (all(loop_bound_2 == uint2(0u, 0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
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

void p0_column_scales(uint tid_4, uint sg_size_1, inout float ss[1])
{
    uint c_1 = 0u;
    float total = 0.0;
    uint i = 0u;

    uint2 loop_bound_3 = uint2(4294967295u, 4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (all(loop_bound_3 == uint2(0u, 0u))) { break; }
        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e22 = c_1;
            c_1 = (_e22 + 1u);
        }
        loop_init_2 = false;
        uint _e5 = c_1;
        if ((_e5 < p0_B)) {
        } else {
            break;
        }
        {
            uint _e8 = c_1;
            float _e10 = ss[min(uint(_e8), 0u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_4, sg_size_1) == 0u)) {
                uint _e19 = c_1;
                pool_f32_0_[min(uint(((naga_div(tid_4, sg_size_1) * p0_B) + _e19)), 127u)] = _e11;
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    if ((tid_4 < p0_B)) {
        uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
        bool loop_init_3 = true;
        while(true) {
            if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
            loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
            if (!loop_init_3) {
                uint _e44 = i;
                i = (_e44 + 1u);
            }
            loop_init_3 = false;
            uint _e31 = i;
            if ((_e31 < naga_div(p0_WG, sg_size_1))) {
            } else {
                break;
            }
            {
                float _e35 = total;
                uint _e37 = i;
                float _e42 = pool_f32_0_[min(uint(((_e37 * p0_B) + tid_4)), 127u)];
                total = (_e35 + _e42);
            }
        }
        float _e49 = total;
        pool_f32_1_[min(uint(tid_4), 127u)] = rsqrt(((_e49 / 576.0) + 1e-5));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void p0_stage_inputs(uint tid_5, uint col0_, uint n_cols, uint k0_, uint kc)
{
    float4 v0_ = (0.0).xxxx;
    float4 g0_ = (1.0).xxxx;
    bool local_2 = (bool)0;
    bool local_3 = (bool)0;
    float4 v1_ = (0.0).xxxx;
    float4 g1_ = (1.0).xxxx;
    bool local_4 = (bool)0;
    bool local_5 = (bool)0;

    uint i0_ = (tid_5 + 0u);
    uint c0_ = naga_div(i0_, p0_KC4_);
    uint e0_ = naga_mod(i0_, p0_KC4_);
    if ((i0_ < 144u)) {
        local_2 = ((col0_ + c0_) < n_cols);
    } else {
        local_2 = false;
    }
    bool _e24 = local_2;
    if (_e24) {
        local_3 = ((e0_ * 4u) < kc);
    } else {
        local_3 = false;
    }
    bool _e31 = local_3;
    if (_e31) {
        const uint _e34 = p0_source_column((col0_ + c0_));
        float4 _e42 = asfloat(bind4_x.Load4((((_e34 * 144u) + naga_div(k0_, 4u)) + e0_)*16));
        v0_ = _e42;
        float4 _e48 = asfloat(bind6_norm_w.Load4((naga_div(k0_, 4u) + e0_)*16));
        g0_ = _e48;
    }
    uint i1_ = (tid_5 + 128u);
    uint c1_ = naga_div(i1_, p0_KC4_);
    uint e1_ = naga_mod(i1_, p0_KC4_);
    if ((i1_ < 144u)) {
        local_4 = ((col0_ + c1_) < n_cols);
    } else {
        local_4 = false;
    }
    bool _e68 = local_4;
    if (_e68) {
        local_5 = ((e1_ * 4u) < kc);
    } else {
        local_5 = false;
    }
    bool _e75 = local_5;
    if (_e75) {
        const uint _e78 = p0_source_column((col0_ + c1_));
        float4 _e86 = asfloat(bind4_x.Load4((((_e78 * 144u) + naga_div(k0_, 4u)) + e1_)*16));
        v1_ = _e86;
        float4 _e92 = asfloat(bind6_norm_w.Load4((naga_div(k0_, 4u) + e1_)*16));
        g1_ = _e92;
    }
    if ((i0_ < 144u)) {
        float4 _e103 = v0_;
        float _e106 = pool_f32_1_[min(uint(c0_), 127u)];
        float4 _e107 = g0_;
        pool_vec4_f32_0_[min(uint((((c0_ * p0_KCP) + e0_) + naga_div(e0_, 8u))), 431u)] = (_e103 * (_e106 * _e107));
    }
    if ((i1_ < 144u)) {
        float4 _e120 = v1_;
        float _e123 = pool_f32_1_[min(uint(c1_), 127u)];
        float4 _e124 = g1_;
        pool_vec4_f32_0_[min(uint((((c1_ * p0_KCP) + e1_) + naga_div(e1_, 8u))), 431u)] = (_e120 * (_e123 * _e124));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void p0_stage_kept(uint tid_6, inout float4 kept[2])
{
    {
        uint e_1 = (tid_6 + 0u);
        if ((e_1 < 144u)) {
            float4 _e12 = kept[0];
            float _e15 = pool_f32_1_[0];
            pool_vec4_f32_0_[min(uint((e_1 + naga_div(e_1, 8u))), 431u)] = (_e12 * _e15);
        }
    }
    {
        uint e_2 = (tid_6 + 128u);
        if ((e_2 < 144u)) {
            float4 _e27 = kept[1];
            float _e30 = pool_f32_1_[0];
            pool_vec4_f32_0_[min(uint((e_2 + naga_div(e_2, 8u))), 431u)] = (_e27 * _e30);
        }
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 p0_unit_rows(uint unit)
{
    uint base = 0u;
    uint p = (uint)0;

    p = unit;
    uint _e5 = p;
    if ((_e5 >= 288u)) {
        uint _e8 = p;
        p = (_e8 - 288u);
        base = p0_Q_DIM;
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
    uint i_8 = naga_mod(_e34, 32u);
    uint _e36 = base;
    uint _e43 = base;
    return uint2(((_e36 + (head * p0_HEAD_DIM)) + (2u * i_8)), (((_e43 + (head * p0_HEAD_DIM)) + (2u * i_8)) + 1u));
}

float4 p0_input(uint xb, uint nb, uint i_1, float scale)
{
    float4 _e7 = pool_vec4_f32_0_[min(uint((xb + i_1)), 431u)];
    return _e7;
}

float p0_q4_dot(uint4 q, uint s_2, uint xb_1, uint nb_1, float scale_1)
{
    float acc_2 = (float)0;

    float2 dm = float2(f16tof32(s_2), f16tof32((s_2) >> 16));
    uint4 m_5 = (15u).xxxx;
    const float4 _e9 = p0_input(xb_1, nb_1, 0u, scale_1);
    const float4 _e11 = p0_input(xb_1, nb_1, 1u, scale_1);
    const float4 _e13 = p0_input(xb_1, nb_1, 2u, scale_1);
    const float4 _e15 = p0_input(xb_1, nb_1, 3u, scale_1);
    const float4 _e17 = p0_input(xb_1, nb_1, 4u, scale_1);
    const float4 _e19 = p0_input(xb_1, nb_1, 5u, scale_1);
    const float4 _e21 = p0_input(xb_1, nb_1, 6u, scale_1);
    const float4 _e23 = p0_input(xb_1, nb_1, 7u, scale_1);
    uint4 shifts_lo = uint4(0u, 8u, 16u, 24u);
    uint4 shifts_hi = uint4(4u, 12u, 20u, 28u);
    acc_2 = (dot(float4((((q.x).xxxx >> shifts_lo) & m_5)), _e9) + dot(float4((((q.x).xxxx >> shifts_hi) & m_5)), _e17));
    float _e48 = acc_2;
    acc_2 = ((_e48 + dot(float4((((q.y).xxxx >> shifts_lo) & m_5)), _e11)) + dot(float4((((q.y).xxxx >> shifts_hi) & m_5)), _e19));
    float _e63 = acc_2;
    acc_2 = ((_e63 + dot(float4((((q.z).xxxx >> shifts_lo) & m_5)), _e13)) + dot(float4((((q.z).xxxx >> shifts_hi) & m_5)), _e21));
    float _e78 = acc_2;
    acc_2 = ((_e78 + dot(float4((((q.w).xxxx >> shifts_lo) & m_5)), _e15)) + dot(float4((((q.w).xxxx >> shifts_hi) & m_5)), _e23));
    float4 one = (1.0).xxxx;
    float sum_1 = (dot((((_e9 + _e11) + _e13) + _e15), one) + dot((((_e17 + _e19) + _e21) + _e23), one));
    float _e105 = acc_2;
    return ((dm.x * _e105) + (dm.y * sum_1));
}

float p0_block_dot(uint row, uint blk, uint xb_2, float scale_2)
{
    uint b_4 = ((row * p0_BLOCKS) + blk);
    uint nb_8 = (blk * 8u);
    uint4 _e11 = asuint(bind2_w_q.Load4(b_4*16));
    uint _e14 = asuint(bind3_w_s.Load(b_4*4));
    const float _e15 = p0_q4_dot(_e11, _e14, xb_2, nb_8, scale_2);
    return _e15;
}

p0_Raw Constructp0_Raw(uint4 arg0, uint arg1) {
    p0_Raw ret = (p0_Raw)0;
    ret.q = arg0;
    ret.s = arg1;
    return ret;
}

p0_Raw p0_load_raw(uint row_1, uint blk_1)
{
    uint b_5 = ((row_1 * p0_BLOCKS) + blk_1);
    uint4 _e7 = asuint(bind2_w_q.Load4(b_5*16));
    uint _e10 = asuint(bind3_w_s.Load(b_5*4));
    const p0_Raw p0_raw = Constructp0_Raw(_e7, _e10);
    return p0_raw;
}

float p0_raw_dot(p0_Raw r, uint xb_3)
{
    const float _e6 = p0_q4_dot(r.q, r.s, xb_3, 0u, 1.0);
    return _e6;
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
float4 p0_bytes(uint word)
{
    int w = asint(word);
    return float4(int4(naga_extractBits(w, 0u, 8u), naga_extractBits(w, 8u, 8u), naga_extractBits(w, 16u, 8u), naga_extractBits(w, 24u, 8u)));
}

float4 p0_epilogue_operands(uint2 rows, uint col)
{
    if ((rows.x < 768u)) {
        uint i_9 = naga_div(naga_mod(rows.x, p0_HEAD_DIM), 2u);
        uint _e14 = asuint(bind1_cols.Load(4+col*16));
        float2 _e19 = asfloat(bind9_rope.Load2(((_e14 * 32u) + i_9)*8));
        return float4(_e19, 0.0, 0.0);
    }
    return (0.0).xxxx;
}

p0_Column Constructp0_Column(uint arg0, uint arg1, uint arg2, uint arg3) {
    p0_Column ret = (p0_Column)0;
    ret.slot = arg0;
    ret.pos = arg1;
    ret.token = arg2;
    ret._pad = arg3;
    return ret;
}

void p0_epilogue(uint unit_1, uint2 rows_1, uint col_1, float dot_a, float dot_b, float4 ops)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    p0_Column info = Constructp0_Column(asuint(bind1_cols.Load(col_1*16+0)), asuint(bind1_cols.Load(col_1*16+4)), asuint(bind1_cols.Load(col_1*16+8)), asuint(bind1_cols.Load(col_1*16+12)));
    if ((rows_1.x < 768u)) {
        float2 cs = ops.xy;
        float _e15 = a;
        float _e18 = b;
        float ra = ((_e15 * cs.x) - (_e18 * cs.y));
        float _e22 = a;
        float _e25 = b;
        float rb = ((_e22 * cs.y) + (_e25 * cs.x));
        a = ra;
        b = rb;
    }
    if ((rows_1.x < p0_Q_DIM)) {
        float _e38 = a;
        bind5_y.Store(((col_1 * p0_Y_STRIDE) + rows_1.x)*4, asuint(_e38));
        float _e45 = b;
        bind5_y.Store(((col_1 * p0_Y_STRIDE) + rows_1.y)*4, asuint(_e45));
        return;
    }
    uint ra_1 = naga_mod((rows_1.x - p0_Q_DIM), p0_KV_DIM);
    uint rb_1 = naga_mod((rows_1.y - p0_Q_DIM), p0_KV_DIM);
    uint ia = ((((((info.slot * p0_KV_HEADS) + naga_div(ra_1, p0_HEAD_DIM)) * p0_CTX) + info.pos) * p0_HEAD_DIM) + naga_mod(ra_1, p0_HEAD_DIM));
    uint ib = ((((((info.slot * p0_KV_HEADS) + naga_div(rb_1, p0_HEAD_DIM)) * p0_CTX) + info.pos) * p0_HEAD_DIM) + naga_mod(rb_1, p0_HEAD_DIM));
    if ((rows_1.x < 768u)) {
        float _e91 = a;
        bind7_k_cache.Store(ia*4, asuint(_e91));
        float _e94 = b;
        bind7_k_cache.Store(ib*4, asuint(_e94));
        return;
    } else {
        float _e97 = a;
        bind8_v_cache.Store(ia*4, asuint(_e97));
        float _e100 = b;
        bind8_v_cache.Store(ib*4, asuint(_e100));
        return;
    }
}

void p0_main(uint tid_7, uint3 wg_1, uint sg_size_2)
{
    float ss_1[1] = (float[1])0;
    float4 kept_1[2] = (float4[2])0;
    float4 v_7 = (0.0).xxxx;
    float4 g = (0.0).xxxx;
    float4 v_8 = (0.0).xxxx;
    float4 g_1 = (0.0).xxxx;
    float acc_a = 0.0;
    float acc_b = 0.0;
    uint blk_2 = (uint)0;
    bool local_6 = (bool)0;
    bool local_7 = (bool)0;

    uint lane = naga_mod(tid_7, p0_TPU);
    uint col0_4 = (wg_1.y * p0_B);
    const uint _e8 = p0_output_columns();
    uint unit_8 = ((wg_1.x * p0_UNITS_PER_WG) + naga_div(tid_7, p0_TPU));
    const uint2 _e17 = p0_unit_rows(min(unit_8, 479u));
    const float4 _e21 = p0_epilogue_operands(_e17, min(col0_4, (_e8 - 1u)));
    uint pf_b0_ = min((lane + 0u), 17u);
    const p0_Raw _e27 = p0_load_raw(_e17.x, pf_b0_);
    const p0_Raw _e29 = p0_load_raw(_e17.y, pf_b0_);
    uint pf_b1_ = min((lane + 16u), 17u);
    const p0_Raw _e35 = p0_load_raw(_e17.x, pf_b1_);
    const p0_Raw _e37 = p0_load_raw(_e17.y, pf_b1_);
    ss_1[0] = 0.0;
    const uint _e45 = p0_source_column(min(col0_4, (_e8 - 1u)));
    uint kbase = (_e45 * 144u);
    {
        uint i_10 = (tid_7 + 0u);
        if ((i_10 < 144u)) {
            float4 _e61 = asfloat(bind4_x.Load4((kbase + i_10)*16));
            v_7 = _e61;
            float4 _e64 = asfloat(bind6_norm_w.Load4(i_10*16));
            g = _e64;
        }
        float _e67 = ss_1[0];
        float4 _e68 = v_7;
        float4 _e69 = v_7;
        ss_1[0] = (_e67 + dot(_e68, _e69));
        float4 _e73 = v_7;
        float4 _e74 = g;
        kept_1[0] = (_e73 * _e74);
    }
    {
        uint i_11 = (tid_7 + 128u);
        if ((i_11 < 144u)) {
            float4 _e89 = asfloat(bind4_x.Load4((kbase + i_11)*16));
            v_8 = _e89;
            float4 _e92 = asfloat(bind6_norm_w.Load4(i_11*16));
            g_1 = _e92;
        }
        float _e95 = ss_1[0];
        float4 _e96 = v_8;
        float4 _e97 = v_8;
        ss_1[0] = (_e95 + dot(_e96, _e97));
        float4 _e101 = v_8;
        float4 _e102 = g_1;
        kept_1[1] = (_e101 * _e102);
    }
    p0_column_scales(tid_7, sg_size_2, ss_1);
    p0_stage_kept(tid_7, kept_1);
    if ((unit_8 < p0_UNITS)) {
        if (((lane + 0u) < p0_BLOCKS)) {
            float _e114 = acc_a;
            const float _e117 = p0_raw_dot(_e27, (pf_b0_ * 9u));
            acc_a = (_e114 + _e117);
            float _e119 = acc_b;
            const float _e122 = p0_raw_dot(_e29, (pf_b0_ * 9u));
            acc_b = (_e119 + _e122);
        }
        if (((lane + 16u) < p0_BLOCKS)) {
            float _e128 = acc_a;
            const float _e131 = p0_raw_dot(_e35, (pf_b1_ * 9u));
            acc_a = (_e128 + _e131);
            float _e133 = acc_b;
            const float _e136 = p0_raw_dot(_e37, (pf_b1_ * 9u));
            acc_b = (_e133 + _e136);
        }
        blk_2 = (lane + 32u);
        uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
        bool loop_init_4 = true;
        while(true) {
            if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
            loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
            if (!loop_init_4) {
                uint _e162 = blk_2;
                blk_2 = (_e162 + p0_TPU);
            }
            loop_init_4 = false;
            uint _e141 = blk_2;
            if ((_e141 < p0_BLOCKS)) {
            } else {
                break;
            }
            {
                float _e144 = acc_a;
                uint _e146 = blk_2;
                uint _e147 = blk_2;
                const float _e151 = p0_block_dot(_e17.x, _e146, (_e147 * 9u), 1.0);
                acc_a = (_e144 + _e151);
                float _e153 = acc_b;
                uint _e155 = blk_2;
                uint _e156 = blk_2;
                const float _e160 = p0_block_dot(_e17.y, _e155, (_e156 * 9u), 1.0);
                acc_b = (_e153 + _e160);
            }
        }
    }
    float _e165 = acc_a;
    const float _e166 = p0_unit_sum(tid_7, _e165);
    float _e167 = acc_b;
    const float _e168 = p0_unit_sum(tid_7, _e167);
    if ((lane == 0u)) {
        local_6 = (unit_8 < p0_UNITS);
    } else {
        local_6 = false;
    }
    bool _e176 = local_6;
    if (_e176) {
        local_7 = (col0_4 < _e8);
    } else {
        local_7 = false;
    }
    bool _e181 = local_7;
    if (_e181) {
        p0_epilogue(unit_8, _e17, col0_4, _e166, _e168, _e21);
        return;
    } else {
        return;
    }
}

float p1_reduce_max(uint tid_8, uint sg_size_3, float v_9)
{
    float r_1 = (float)0;
    uint i_2 = 1u;

    const float _e3 = WaveActiveMax(v_9);
    if ((naga_mod(tid_8, sg_size_3) == 0u)) {
        pool_f32_1_[min(uint(naga_div(tid_8, sg_size_3)), 127u)] = _e3;
    }
    GroupMemoryBarrierWithGroupSync();
    float _e12 = pool_f32_1_[0];
    r_1 = _e12;
    uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e26 = i_2;
            i_2 = (_e26 + 1u);
        }
        loop_init_5 = false;
        uint _e16 = i_2;
        if ((_e16 < naga_div(p1_WG, sg_size_3))) {
        } else {
            break;
        }
        {
            float _e20 = r_1;
            uint _e22 = i_2;
            float _e24 = pool_f32_1_[min(uint(_e22), 127u)];
            r_1 = max(_e20, _e24);
        }
    }
    GroupMemoryBarrierWithGroupSync();
    float _e29 = r_1;
    return _e29;
}

float p1_reduce_sum(uint tid_9, uint sg_size_4, float v_10)
{
    float r_2 = (float)0;
    uint i_3 = 1u;

    const float _e3 = WaveActiveSum(v_10);
    if ((naga_mod(tid_9, sg_size_4) == 0u)) {
        pool_f32_1_[min(uint(naga_div(tid_9, sg_size_4)), 127u)] = _e3;
    }
    GroupMemoryBarrierWithGroupSync();
    float _e12 = pool_f32_1_[0];
    r_2 = _e12;
    uint2 loop_bound_7 = uint2(4294967295u, 4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (all(loop_bound_7 == uint2(0u, 0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e26 = i_3;
            i_3 = (_e26 + 1u);
        }
        loop_init_6 = false;
        uint _e16 = i_3;
        if ((_e16 < naga_div(p1_WG, sg_size_4))) {
        } else {
            break;
        }
        {
            float _e20 = r_2;
            uint _e22 = i_3;
            float _e24 = pool_f32_1_[min(uint(_e22), 127u)];
            r_2 = (_e20 + _e24);
        }
    }
    GroupMemoryBarrierWithGroupSync();
    float _e29 = r_2;
    return _e29;
}

float p1_score(uint kb)
{
    float d = 0.0;

    float4 k0_4 = asfloat(bind13_k_cache.Load4((kb + 0u)*16));
    float4 k1_ = asfloat(bind13_k_cache.Load4((kb + 1u)*16));
    float4 k2_ = asfloat(bind13_k_cache.Load4((kb + 2u)*16));
    float4 k3_ = asfloat(bind13_k_cache.Load4((kb + 3u)*16));
    float4 k4_ = asfloat(bind13_k_cache.Load4((kb + 4u)*16));
    float4 k5_ = asfloat(bind13_k_cache.Load4((kb + 5u)*16));
    float4 k6_ = asfloat(bind13_k_cache.Load4((kb + 6u)*16));
    float4 k7_ = asfloat(bind13_k_cache.Load4((kb + 7u)*16));
    float4 k8_ = asfloat(bind13_k_cache.Load4((kb + 8u)*16));
    float4 k9_ = asfloat(bind13_k_cache.Load4((kb + 9u)*16));
    float4 k10_ = asfloat(bind13_k_cache.Load4((kb + 10u)*16));
    float4 k11_ = asfloat(bind13_k_cache.Load4((kb + 11u)*16));
    float4 k12_ = asfloat(bind13_k_cache.Load4((kb + 12u)*16));
    float4 k13_ = asfloat(bind13_k_cache.Load4((kb + 13u)*16));
    float4 k14_ = asfloat(bind13_k_cache.Load4((kb + 14u)*16));
    float4 k15_ = asfloat(bind13_k_cache.Load4((kb + 15u)*16));
    float _e83 = d;
    float4 _e86 = pool_vec4_f32_1_[0];
    d = (_e83 + dot(_e86, k0_4));
    float _e89 = d;
    float4 _e92 = pool_vec4_f32_1_[1];
    d = (_e89 + dot(_e92, k1_));
    float _e95 = d;
    float4 _e98 = pool_vec4_f32_1_[2];
    d = (_e95 + dot(_e98, k2_));
    float _e101 = d;
    float4 _e104 = pool_vec4_f32_1_[3];
    d = (_e101 + dot(_e104, k3_));
    float _e107 = d;
    float4 _e110 = pool_vec4_f32_1_[4];
    d = (_e107 + dot(_e110, k4_));
    float _e113 = d;
    float4 _e116 = pool_vec4_f32_1_[5];
    d = (_e113 + dot(_e116, k5_));
    float _e119 = d;
    float4 _e122 = pool_vec4_f32_1_[6];
    d = (_e119 + dot(_e122, k6_));
    float _e125 = d;
    float4 _e128 = pool_vec4_f32_1_[7];
    d = (_e125 + dot(_e128, k7_));
    float _e131 = d;
    float4 _e134 = pool_vec4_f32_1_[8];
    d = (_e131 + dot(_e134, k8_));
    float _e137 = d;
    float4 _e140 = pool_vec4_f32_1_[9];
    d = (_e137 + dot(_e140, k9_));
    float _e143 = d;
    float4 _e146 = pool_vec4_f32_1_[10];
    d = (_e143 + dot(_e146, k10_));
    float _e149 = d;
    float4 _e152 = pool_vec4_f32_1_[11];
    d = (_e149 + dot(_e152, k11_));
    float _e155 = d;
    float4 _e158 = pool_vec4_f32_1_[12];
    d = (_e155 + dot(_e158, k12_));
    float _e161 = d;
    float4 _e164 = pool_vec4_f32_1_[13];
    d = (_e161 + dot(_e164, k13_));
    float _e167 = d;
    float4 _e170 = pool_vec4_f32_1_[14];
    d = (_e167 + dot(_e170, k14_));
    float _e173 = d;
    float4 _e176 = pool_vec4_f32_1_[15];
    d = (_e173 + dot(_e176, k15_));
    float _e179 = d;
    return _e179;
}

p1_Column Constructp1_Column(uint arg0, uint arg1, uint arg2, uint arg3) {
    p1_Column ret = (p1_Column)0;
    ret.slot = arg0;
    ret.pos = arg1;
    ret.token = arg2;
    ret._pad = arg3;
    return ret;
}

void p1_main(uint tid_10, uint3 wg_2, uint sg_size_5)
{
    float4 qv = (0.0).xxxx;
    float run_max = -3e38;
    float run_sum = 0.0;
    float4 acc_3 = (0.0).xxxx;
    uint tile = (uint)0;
    float4 v0_1 = (float4)0;
    bool local_8 = (bool)0;
    float4 v1_1 = (float4)0;
    bool local_9 = (bool)0;
    float4 v2_ = (float4)0;
    bool local_10 = (bool)0;
    float4 v3_ = (float4)0;
    bool local_11 = (bool)0;
    float4 v4_ = (float4)0;
    bool local_12 = (bool)0;
    float4 v5_ = (float4)0;
    bool local_13 = (bool)0;
    float4 v6_ = (float4)0;
    bool local_14 = (bool)0;
    float4 v7_ = (float4)0;
    bool local_15 = (bool)0;
    float4 v8_ = (float4)0;
    bool local_16 = (bool)0;
    float4 v9_ = (float4)0;
    bool local_17 = (bool)0;
    float4 v10_ = (float4)0;
    bool local_18 = (bool)0;
    float4 v11_ = (float4)0;
    bool local_19 = (bool)0;
    float4 v12_ = (float4)0;
    bool local_20 = (bool)0;
    float4 v13_ = (float4)0;
    bool local_21 = (bool)0;
    float4 v14_ = (float4)0;
    bool local_22 = (bool)0;
    float4 v15_ = (float4)0;
    bool local_23 = (bool)0;
    float s_3 = (float)0;
    float d_1 = (float)0;
    float p_1 = (float)0;
    float4 total_1 = (0.0).xxxx;
    uint g_2 = 0u;

    uint head_1 = wg_2.x;
    uint col_9 = wg_2.y;
    uint _e7 = bind10_params.n_cols;
    if ((col_9 >= _e7)) {
        return;
    }
    uint q_base = (((col_9 * p1_N_HEADS) + head_1) * p1_D4_);
    if ((tid_10 < p1_D4_)) {
        float4 _e22 = asfloat(bind12_q.Load4((q_base + tid_10)*16));
        qv = _e22;
    }
    p1_Column info_1 = Constructp1_Column(asuint(bind11_cols.Load(col_9*16+0)), asuint(bind11_cols.Load(col_9*16+4)), asuint(bind11_cols.Load(col_9*16+8)), asuint(bind11_cols.Load(col_9*16+12)));
    uint span = bind10_params.span;
    uint first = (wg_2.z * span);
    if ((first > info_1.pos)) {
        return;
    }
    uint len = min((info_1.pos + 1u), (first + span));
    uint kv_base = (((info_1.slot * p1_KV_HEADS) + naga_div(head_1, p1_GROUP)) * p1_CTX);
    uint kb0_ = ((kv_base + min((first + tid_10), (len - 1u))) * p1_D4_);
    float4 k0_0_ = asfloat(bind13_k_cache.Load4((kb0_ + 0u)*16));
    float4 k0_1_ = asfloat(bind13_k_cache.Load4((kb0_ + 1u)*16));
    float4 k0_2_ = asfloat(bind13_k_cache.Load4((kb0_ + 2u)*16));
    float4 k0_3_ = asfloat(bind13_k_cache.Load4((kb0_ + 3u)*16));
    float4 k0_4_ = asfloat(bind13_k_cache.Load4((kb0_ + 4u)*16));
    float4 k0_5_ = asfloat(bind13_k_cache.Load4((kb0_ + 5u)*16));
    float4 k0_6_ = asfloat(bind13_k_cache.Load4((kb0_ + 6u)*16));
    float4 k0_7_ = asfloat(bind13_k_cache.Load4((kb0_ + 7u)*16));
    float4 k0_8_ = asfloat(bind13_k_cache.Load4((kb0_ + 8u)*16));
    float4 k0_9_ = asfloat(bind13_k_cache.Load4((kb0_ + 9u)*16));
    float4 k0_10_ = asfloat(bind13_k_cache.Load4((kb0_ + 10u)*16));
    float4 k0_11_ = asfloat(bind13_k_cache.Load4((kb0_ + 11u)*16));
    float4 k0_12_ = asfloat(bind13_k_cache.Load4((kb0_ + 12u)*16));
    float4 k0_13_ = asfloat(bind13_k_cache.Load4((kb0_ + 13u)*16));
    float4 k0_14_ = asfloat(bind13_k_cache.Load4((kb0_ + 14u)*16));
    float4 k0_15_ = asfloat(bind13_k_cache.Load4((kb0_ + 15u)*16));
    if ((tid_10 < p1_D4_)) {
        float4 _e138 = qv;
        pool_vec4_f32_1_[min(uint(tid_10), 15u)] = _e138;
    }
    GroupMemoryBarrierWithGroupSync();
    uint d4_ = naga_mod(tid_10, p1_D4_);
    uint group = naga_div(tid_10, p1_D4_);
    tile = first;
    uint2 loop_bound_8 = uint2(4294967295u, 4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (all(loop_bound_8 == uint2(0u, 0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e794 = tile;
            tile = (_e794 + p1_WG);
        }
        loop_init_7 = false;
        uint _e151 = tile;
        if ((_e151 < len)) {
        } else {
            break;
        }
        {
            uint _e154 = tile;
            uint count = min(p1_WG, (len - _e154));
            uint _e157 = tile;
            uint vb = (((kv_base + _e157) * p1_D4_) + d4_);
            v0_1 = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_8 = ((group + 0u) < count);
            } else {
                local_8 = false;
            }
            bool _e173 = local_8;
            if (_e173) {
                float4 _e181 = asfloat(bind14_v_cache.Load4((vb + ((group + 0u) * p1_D4_))*16));
                v0_1 = _e181;
            }
            v1_1 = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_9 = ((group + 8u) < count);
            } else {
                local_9 = false;
            }
            bool _e193 = local_9;
            if (_e193) {
                float4 _e201 = asfloat(bind14_v_cache.Load4((vb + ((group + 8u) * p1_D4_))*16));
                v1_1 = _e201;
            }
            v2_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_10 = ((group + 16u) < count);
            } else {
                local_10 = false;
            }
            bool _e213 = local_10;
            if (_e213) {
                float4 _e221 = asfloat(bind14_v_cache.Load4((vb + ((group + 16u) * p1_D4_))*16));
                v2_ = _e221;
            }
            v3_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_11 = ((group + 24u) < count);
            } else {
                local_11 = false;
            }
            bool _e233 = local_11;
            if (_e233) {
                float4 _e241 = asfloat(bind14_v_cache.Load4((vb + ((group + 24u) * p1_D4_))*16));
                v3_ = _e241;
            }
            v4_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_12 = ((group + 32u) < count);
            } else {
                local_12 = false;
            }
            bool _e253 = local_12;
            if (_e253) {
                float4 _e261 = asfloat(bind14_v_cache.Load4((vb + ((group + 32u) * p1_D4_))*16));
                v4_ = _e261;
            }
            v5_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_13 = ((group + 40u) < count);
            } else {
                local_13 = false;
            }
            bool _e273 = local_13;
            if (_e273) {
                float4 _e281 = asfloat(bind14_v_cache.Load4((vb + ((group + 40u) * p1_D4_))*16));
                v5_ = _e281;
            }
            v6_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_14 = ((group + 48u) < count);
            } else {
                local_14 = false;
            }
            bool _e293 = local_14;
            if (_e293) {
                float4 _e301 = asfloat(bind14_v_cache.Load4((vb + ((group + 48u) * p1_D4_))*16));
                v6_ = _e301;
            }
            v7_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_15 = ((group + 56u) < count);
            } else {
                local_15 = false;
            }
            bool _e313 = local_15;
            if (_e313) {
                float4 _e321 = asfloat(bind14_v_cache.Load4((vb + ((group + 56u) * p1_D4_))*16));
                v7_ = _e321;
            }
            v8_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_16 = ((group + 64u) < count);
            } else {
                local_16 = false;
            }
            bool _e333 = local_16;
            if (_e333) {
                float4 _e341 = asfloat(bind14_v_cache.Load4((vb + ((group + 64u) * p1_D4_))*16));
                v8_ = _e341;
            }
            v9_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_17 = ((group + 72u) < count);
            } else {
                local_17 = false;
            }
            bool _e353 = local_17;
            if (_e353) {
                float4 _e361 = asfloat(bind14_v_cache.Load4((vb + ((group + 72u) * p1_D4_))*16));
                v9_ = _e361;
            }
            v10_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_18 = ((group + 80u) < count);
            } else {
                local_18 = false;
            }
            bool _e373 = local_18;
            if (_e373) {
                float4 _e381 = asfloat(bind14_v_cache.Load4((vb + ((group + 80u) * p1_D4_))*16));
                v10_ = _e381;
            }
            v11_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_19 = ((group + 88u) < count);
            } else {
                local_19 = false;
            }
            bool _e393 = local_19;
            if (_e393) {
                float4 _e401 = asfloat(bind14_v_cache.Load4((vb + ((group + 88u) * p1_D4_))*16));
                v11_ = _e401;
            }
            v12_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_20 = ((group + 96u) < count);
            } else {
                local_20 = false;
            }
            bool _e413 = local_20;
            if (_e413) {
                float4 _e421 = asfloat(bind14_v_cache.Load4((vb + ((group + 96u) * p1_D4_))*16));
                v12_ = _e421;
            }
            v13_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_21 = ((group + 104u) < count);
            } else {
                local_21 = false;
            }
            bool _e433 = local_21;
            if (_e433) {
                float4 _e441 = asfloat(bind14_v_cache.Load4((vb + ((group + 104u) * p1_D4_))*16));
                v13_ = _e441;
            }
            v14_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_22 = ((group + 112u) < count);
            } else {
                local_22 = false;
            }
            bool _e453 = local_22;
            if (_e453) {
                float4 _e461 = asfloat(bind14_v_cache.Load4((vb + ((group + 112u) * p1_D4_))*16));
                v14_ = _e461;
            }
            v15_ = (0.0).xxxx;
            if ((group < p1_GROUPS)) {
                local_23 = ((group + 120u) < count);
            } else {
                local_23 = false;
            }
            bool _e473 = local_23;
            if (_e473) {
                float4 _e481 = asfloat(bind14_v_cache.Load4((vb + ((group + 120u) * p1_D4_))*16));
                v15_ = _e481;
            }
            uint _e482 = tile;
            uint j_8 = (_e482 + tid_10);
            s_3 = -3e38;
            if ((j_8 < len)) {
                d_1 = 0.0;
                uint _e489 = tile;
                if ((_e489 == first)) {
                    float _e491 = d_1;
                    float4 _e494 = pool_vec4_f32_1_[0];
                    d_1 = (_e491 + dot(_e494, k0_0_));
                    float _e497 = d_1;
                    float4 _e500 = pool_vec4_f32_1_[1];
                    d_1 = (_e497 + dot(_e500, k0_1_));
                    float _e503 = d_1;
                    float4 _e506 = pool_vec4_f32_1_[2];
                    d_1 = (_e503 + dot(_e506, k0_2_));
                    float _e509 = d_1;
                    float4 _e512 = pool_vec4_f32_1_[3];
                    d_1 = (_e509 + dot(_e512, k0_3_));
                    float _e515 = d_1;
                    float4 _e518 = pool_vec4_f32_1_[4];
                    d_1 = (_e515 + dot(_e518, k0_4_));
                    float _e521 = d_1;
                    float4 _e524 = pool_vec4_f32_1_[5];
                    d_1 = (_e521 + dot(_e524, k0_5_));
                    float _e527 = d_1;
                    float4 _e530 = pool_vec4_f32_1_[6];
                    d_1 = (_e527 + dot(_e530, k0_6_));
                    float _e533 = d_1;
                    float4 _e536 = pool_vec4_f32_1_[7];
                    d_1 = (_e533 + dot(_e536, k0_7_));
                    float _e539 = d_1;
                    float4 _e542 = pool_vec4_f32_1_[8];
                    d_1 = (_e539 + dot(_e542, k0_8_));
                    float _e545 = d_1;
                    float4 _e548 = pool_vec4_f32_1_[9];
                    d_1 = (_e545 + dot(_e548, k0_9_));
                    float _e551 = d_1;
                    float4 _e554 = pool_vec4_f32_1_[10];
                    d_1 = (_e551 + dot(_e554, k0_10_));
                    float _e557 = d_1;
                    float4 _e560 = pool_vec4_f32_1_[11];
                    d_1 = (_e557 + dot(_e560, k0_11_));
                    float _e563 = d_1;
                    float4 _e566 = pool_vec4_f32_1_[12];
                    d_1 = (_e563 + dot(_e566, k0_12_));
                    float _e569 = d_1;
                    float4 _e572 = pool_vec4_f32_1_[13];
                    d_1 = (_e569 + dot(_e572, k0_13_));
                    float _e575 = d_1;
                    float4 _e578 = pool_vec4_f32_1_[14];
                    d_1 = (_e575 + dot(_e578, k0_14_));
                    float _e581 = d_1;
                    float4 _e584 = pool_vec4_f32_1_[15];
                    d_1 = (_e581 + dot(_e584, k0_15_));
                } else {
                    const float _e590 = p1_score(((kv_base + j_8) * p1_D4_));
                    d_1 = _e590;
                }
                float _e591 = d_1;
                s_3 = (_e591 * 0.125);
            }
            float _e593 = run_max;
            float _e594 = s_3;
            const float _e595 = p1_reduce_max(tid_10, sg_size_5, _e594);
            float new_max = max(_e593, _e595);
            p_1 = 0.0;
            if ((j_8 < len)) {
                float _e600 = s_3;
                p_1 = exp((_e600 - new_max));
            }
            float _e605 = p_1;
            pool_f32_0_[min(uint(tid_10), 127u)] = _e605;
            float _e606 = run_max;
            float correction = exp((_e606 - new_max));
            float _e609 = run_sum;
            float _e611 = p_1;
            const float _e612 = p1_reduce_sum(tid_10, sg_size_5, _e611);
            run_sum = ((_e609 * correction) + _e612);
            run_max = new_max;
            float4 _e614 = acc_3;
            acc_3 = (_e614 * correction);
            if ((group < p1_GROUPS)) {
                float4 _e618 = acc_3;
                float _e625 = pool_f32_0_[min(uint(min((group + 0u), 127u)), 127u)];
                float4 _e626 = v0_1;
                acc_3 = (_e618 + (_e625 * _e626));
                float4 _e629 = acc_3;
                float _e636 = pool_f32_0_[min(uint(min((group + 8u), 127u)), 127u)];
                float4 _e637 = v1_1;
                acc_3 = (_e629 + (_e636 * _e637));
                float4 _e640 = acc_3;
                float _e647 = pool_f32_0_[min(uint(min((group + 16u), 127u)), 127u)];
                float4 _e648 = v2_;
                acc_3 = (_e640 + (_e647 * _e648));
                float4 _e651 = acc_3;
                float _e658 = pool_f32_0_[min(uint(min((group + 24u), 127u)), 127u)];
                float4 _e659 = v3_;
                acc_3 = (_e651 + (_e658 * _e659));
                float4 _e662 = acc_3;
                float _e669 = pool_f32_0_[min(uint(min((group + 32u), 127u)), 127u)];
                float4 _e670 = v4_;
                acc_3 = (_e662 + (_e669 * _e670));
                float4 _e673 = acc_3;
                float _e680 = pool_f32_0_[min(uint(min((group + 40u), 127u)), 127u)];
                float4 _e681 = v5_;
                acc_3 = (_e673 + (_e680 * _e681));
                float4 _e684 = acc_3;
                float _e691 = pool_f32_0_[min(uint(min((group + 48u), 127u)), 127u)];
                float4 _e692 = v6_;
                acc_3 = (_e684 + (_e691 * _e692));
                float4 _e695 = acc_3;
                float _e702 = pool_f32_0_[min(uint(min((group + 56u), 127u)), 127u)];
                float4 _e703 = v7_;
                acc_3 = (_e695 + (_e702 * _e703));
                float4 _e706 = acc_3;
                float _e713 = pool_f32_0_[min(uint(min((group + 64u), 127u)), 127u)];
                float4 _e714 = v8_;
                acc_3 = (_e706 + (_e713 * _e714));
                float4 _e717 = acc_3;
                float _e724 = pool_f32_0_[min(uint(min((group + 72u), 127u)), 127u)];
                float4 _e725 = v9_;
                acc_3 = (_e717 + (_e724 * _e725));
                float4 _e728 = acc_3;
                float _e735 = pool_f32_0_[min(uint(min((group + 80u), 127u)), 127u)];
                float4 _e736 = v10_;
                acc_3 = (_e728 + (_e735 * _e736));
                float4 _e739 = acc_3;
                float _e746 = pool_f32_0_[min(uint(min((group + 88u), 127u)), 127u)];
                float4 _e747 = v11_;
                acc_3 = (_e739 + (_e746 * _e747));
                float4 _e750 = acc_3;
                float _e757 = pool_f32_0_[min(uint(min((group + 96u), 127u)), 127u)];
                float4 _e758 = v12_;
                acc_3 = (_e750 + (_e757 * _e758));
                float4 _e761 = acc_3;
                float _e768 = pool_f32_0_[min(uint(min((group + 104u), 127u)), 127u)];
                float4 _e769 = v13_;
                acc_3 = (_e761 + (_e768 * _e769));
                float4 _e772 = acc_3;
                float _e779 = pool_f32_0_[min(uint(min((group + 112u), 127u)), 127u)];
                float4 _e780 = v14_;
                acc_3 = (_e772 + (_e779 * _e780));
                float4 _e783 = acc_3;
                float _e790 = pool_f32_0_[min(uint(min((group + 120u), 127u)), 127u)];
                float4 _e791 = v15_;
                acc_3 = (_e783 + (_e790 * _e791));
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float4 _e799 = acc_3;
    pool_vec4_f32_0_[min(uint(tid_10), 431u)] = _e799;
    GroupMemoryBarrierWithGroupSync();
    if ((tid_10 < p1_D4_)) {
        uint2 loop_bound_9 = uint2(4294967295u, 4294967295u);
        bool loop_init_8 = true;
        while(true) {
            if (all(loop_bound_9 == uint2(0u, 0u))) { break; }
            loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
            if (!loop_init_8) {
                uint _e819 = g_2;
                g_2 = (_e819 + 1u);
            }
            loop_init_8 = false;
            uint _e807 = g_2;
            if ((_e807 < p1_GROUPS)) {
            } else {
                break;
            }
            {
                float4 _e810 = total_1;
                uint _e812 = g_2;
                float4 _e817 = pool_vec4_f32_0_[min(uint(((_e812 * p1_D4_) + tid_10)), 431u)];
                total_1 = (_e810 + _e817);
            }
        }
        uint rec = (((((col_9 * p1_N_HEADS) + head_1) * p1_SPLITS) + wg_2.z) * 17u);
        float4 _e834 = total_1;
        bind15_out.Store4((rec + tid_10)*16, asuint(_e834));
        if ((tid_10 == 0u)) {
            float _e841 = run_max;
            float _e842 = run_sum;
            bind15_out.Store4((rec + p1_D4_)*16, asuint(float4(_e841, _e842, 0.0, 0.0)));
            return;
        } else {
            return;
        }
    } else {
        return;
    }
}

float4 p2_combined(uint col_2, uint e)
{
    float m_1 = -3e38;
    float sum = 0.0;
    float4 acc_4 = (0.0).xxxx;
    uint s_4 = 0u;
    float4 t1_ = (float4)0;
    float4 t2_ = (float4)0;
    float4 t3_ = (float4)0;
    float4 o1_ = (float4)0;
    float4 o2_ = (float4)0;
    float4 o3_ = (float4)0;

    uint d_2 = naga_mod(e, p2_A_D4_);
    uint _e7 = asuint(bind17_cols.Load(4+col_2*16));
    uint _e10 = bind16_params.span;
    uint n = (naga_div(_e7, _e10) + 1u);
    uint base_1 = (((col_2 * p2_A_HEADS) + naga_div(e, p2_A_D4_)) * p2_A_SPLITS);
    uint2 loop_bound_10 = uint2(4294967295u, 4294967295u);
    bool loop_init_9 = true;
    while(true) {
        if (all(loop_bound_10 == uint2(0u, 0u))) { break; }
        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
        if (!loop_init_9) {
            uint _e170 = s_4;
            s_4 = (_e170 + 4u);
        }
        loop_init_9 = false;
        uint _e31 = s_4;
        if ((_e31 < n)) {
        } else {
            break;
        }
        {
            uint _e33 = s_4;
            uint r_6 = ((base_1 + _e33) * 17u);
            float4 t0_ = asfloat(bind15_out.Load4((r_6 + p2_A_D4_)*16));
            float4 o0_ = asfloat(bind15_out.Load4((r_6 + d_2)*16));
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
            uint _e62 = s_4;
            if (((_e62 + 1u) < n)) {
                float4 _e71 = asfloat(bind15_out.Load4(((r_6 + 17u) + p2_A_D4_)*16));
                t1_ = _e71;
                float4 _e76 = asfloat(bind15_out.Load4(((r_6 + 17u) + d_2)*16));
                o1_ = _e76;
            }
            uint _e77 = s_4;
            if (((_e77 + 2u) < n)) {
                float4 _e88 = asfloat(bind15_out.Load4(((r_6 + (2u * 17u)) + p2_A_D4_)*16));
                t2_ = _e88;
                float4 _e95 = asfloat(bind15_out.Load4(((r_6 + (2u * 17u)) + d_2)*16));
                o2_ = _e95;
            }
            uint _e96 = s_4;
            if (((_e96 + 3u) < n)) {
                float4 _e107 = asfloat(bind15_out.Load4(((r_6 + (3u * 17u)) + p2_A_D4_)*16));
                t3_ = _e107;
                float4 _e114 = asfloat(bind15_out.Load4(((r_6 + (3u * 17u)) + d_2)*16));
                o3_ = _e114;
            }
            float _e115 = m_1;
            float _e118 = t1_.x;
            float _e122 = t2_.x;
            float _e124 = t3_.x;
            float mn = max(max(_e115, max(t0_.x, _e118)), max(_e122, _e124));
            float _e127 = m_1;
            float c_6 = exp((_e127 - mn));
            float _e132 = t1_.x;
            float _e134 = t2_.x;
            float _e136 = t3_.x;
            float4 w_1 = exp((float4(t0_.x, _e132, _e134, _e136) - (mn).xxxx));
            float _e141 = sum;
            float _e145 = t1_.y;
            float _e147 = t2_.y;
            float _e149 = t3_.y;
            sum = ((_e141 * c_6) + dot(w_1, float4(t0_.y, _e145, _e147, _e149)));
            float4 _e153 = acc_4;
            float4 _e157 = o1_;
            float4 _e162 = o2_;
            float4 _e165 = o3_;
            acc_4 = (((_e153 * c_6) + ((o0_ * w_1.x) + (_e157 * w_1.y))) + ((_e162 * w_1.z) + (_e165 * w_1.w)));
            m_1 = mn;
        }
    }
    float4 _e173 = acc_4;
    float _e174 = sum;
    return (_e173 / (_e174).xxxx);
}

uint p2_output_columns()
{
    uint _e2 = bind16_params.n_cols;
    return _e2;
}

uint p2_source_column(uint c_2)
{
    return c_2;
}

float p2_workgroup_sum(uint tid_11, float v_11)
{
    uint s_5 = 64u;

    pool_f32_0_[min(uint(tid_11), 127u)] = v_11;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound_11 = uint2(4294967295u, 4294967295u);
    bool loop_init_10 = true;
    while(true) {
        if (all(loop_bound_11 == uint2(0u, 0u))) { break; }
        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
        if (!loop_init_10) {
            uint _e22 = s_5;
            s_5 = naga_div(_e22, 2u);
        }
        loop_init_10 = false;
        uint _e6 = s_5;
        if ((_e6 > 0u)) {
        } else {
            break;
        }
        {
            uint _e9 = s_5;
            if ((tid_11 < _e9)) {
                float _e15 = pool_f32_0_[min(uint(tid_11), 127u)];
                uint _e17 = s_5;
                float _e20 = pool_f32_0_[min(uint((tid_11 + _e17)), 127u)];
                pool_f32_0_[min(uint(tid_11), 127u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_4 = pool_f32_0_[0];
    GroupMemoryBarrierWithGroupSync();
    return total_4;
}

float p2_unit_sum(uint tid_12, float v_12)
{
    float s_6 = (float)0;
    uint m_2 = 8u;

    s_6 = v_12;
    uint2 loop_bound_12 = uint2(4294967295u, 4294967295u);
    bool loop_init_11 = true;
    while(true) {
        if (all(loop_bound_12 == uint2(0u, 0u))) { break; }
        loop_bound_12 -= uint2(loop_bound_12.y == 0u, 1u);
        if (!loop_init_11) {
            uint _e13 = m_2;
            m_2 = naga_div(_e13, 2u);
        }
        loop_init_11 = false;
        uint _e5 = m_2;
        if ((_e5 > 0u)) {
        } else {
            break;
        }
        {
            float _e8 = s_6;
            float _e9 = s_6;
            uint _e10 = m_2;
            const float _e11 = WaveReadLaneAt(_e9, WaveGetLaneIndex() ^ _e10);
            s_6 = (_e8 + _e11);
        }
    }
    float _e16 = s_6;
    return _e16;
}

void p2_stage_inputs(uint tid_13, uint col0_1, uint n_cols_1, uint k0_1, uint kc_1)
{
    float4 v0_2 = (0.0).xxxx;
    float4 g0_1 = (1.0).xxxx;
    bool local_24 = (bool)0;
    bool local_25 = (bool)0;
    float4 v1_2 = (0.0).xxxx;
    float4 g1_1 = (1.0).xxxx;
    bool local_26 = (bool)0;
    bool local_27 = (bool)0;

    uint i0_1 = (tid_13 + 0u);
    uint c0_1 = naga_div(i0_1, p2_KC4_);
    uint e0_1 = naga_mod(i0_1, p2_KC4_);
    if ((i0_1 < 144u)) {
        local_24 = ((col0_1 + c0_1) < n_cols_1);
    } else {
        local_24 = false;
    }
    bool _e23 = local_24;
    if (_e23) {
        local_25 = ((e0_1 * 4u) < kc_1);
    } else {
        local_25 = false;
    }
    bool _e30 = local_25;
    if (_e30) {
        const uint _e32 = p2_source_column((col0_1 + c0_1));
        const float4 _e36 = p2_combined(_e32, (naga_div(k0_1, 4u) + e0_1));
        v0_2 = _e36;
    }
    uint i1_1 = (tid_13 + 128u);
    uint c1_1 = naga_div(i1_1, p2_KC4_);
    uint e1_1 = naga_mod(i1_1, p2_KC4_);
    if ((i1_1 < 144u)) {
        local_26 = ((col0_1 + c1_1) < n_cols_1);
    } else {
        local_26 = false;
    }
    bool _e55 = local_26;
    if (_e55) {
        local_27 = ((e1_1 * 4u) < kc_1);
    } else {
        local_27 = false;
    }
    bool _e62 = local_27;
    if (_e62) {
        const uint _e64 = p2_source_column((col0_1 + c1_1));
        const float4 _e68 = p2_combined(_e64, (naga_div(k0_1, 4u) + e1_1));
        v1_2 = _e68;
    }
    if ((i0_1 < 144u)) {
        float4 _e79 = v0_2;
        pool_vec4_f32_0_[min(uint((((c0_1 * p2_KCP) + e0_1) + naga_div(e0_1, 8u))), 431u)] = _e79;
    }
    if ((i1_1 < 144u)) {
        float4 _e90 = v1_2;
        pool_vec4_f32_0_[min(uint((((c1_1 * p2_KCP) + e1_1) + naga_div(e1_1, 8u))), 431u)] = _e90;
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 p2_unit_rows(uint unit_2)
{
    return uint2(unit_2, unit_2);
}

float4 p2_input(uint xb_4, uint nb_2, uint i_4, float scale_3)
{
    float4 _e7 = pool_vec4_f32_0_[min(uint((xb_4 + i_4)), 431u)];
    return _e7;
}

float p2_q4_dot(uint4 q_1, uint s_7, uint xb_5, uint nb_3, float scale_4)
{
    float acc_5 = (float)0;

    float2 dm_1 = float2(f16tof32(s_7), f16tof32((s_7) >> 16));
    uint4 m_6 = (15u).xxxx;
    const float4 _e9 = p2_input(xb_5, nb_3, 0u, scale_4);
    const float4 _e11 = p2_input(xb_5, nb_3, 1u, scale_4);
    const float4 _e13 = p2_input(xb_5, nb_3, 2u, scale_4);
    const float4 _e15 = p2_input(xb_5, nb_3, 3u, scale_4);
    const float4 _e17 = p2_input(xb_5, nb_3, 4u, scale_4);
    const float4 _e19 = p2_input(xb_5, nb_3, 5u, scale_4);
    const float4 _e21 = p2_input(xb_5, nb_3, 6u, scale_4);
    const float4 _e23 = p2_input(xb_5, nb_3, 7u, scale_4);
    uint4 shifts_lo_1 = uint4(0u, 8u, 16u, 24u);
    uint4 shifts_hi_1 = uint4(4u, 12u, 20u, 28u);
    acc_5 = (dot(float4((((q_1.x).xxxx >> shifts_lo_1) & m_6)), _e9) + dot(float4((((q_1.x).xxxx >> shifts_hi_1) & m_6)), _e17));
    float _e48 = acc_5;
    acc_5 = ((_e48 + dot(float4((((q_1.y).xxxx >> shifts_lo_1) & m_6)), _e11)) + dot(float4((((q_1.y).xxxx >> shifts_hi_1) & m_6)), _e19));
    float _e63 = acc_5;
    acc_5 = ((_e63 + dot(float4((((q_1.z).xxxx >> shifts_lo_1) & m_6)), _e13)) + dot(float4((((q_1.z).xxxx >> shifts_hi_1) & m_6)), _e21));
    float _e78 = acc_5;
    acc_5 = ((_e78 + dot(float4((((q_1.w).xxxx >> shifts_lo_1) & m_6)), _e15)) + dot(float4((((q_1.w).xxxx >> shifts_hi_1) & m_6)), _e23));
    float4 one_1 = (1.0).xxxx;
    float sum_2 = (dot((((_e9 + _e11) + _e13) + _e15), one_1) + dot((((_e17 + _e19) + _e21) + _e23), one_1));
    float _e105 = acc_5;
    return ((dm_1.x * _e105) + (dm_1.y * sum_2));
}

float p2_block_dot(uint row_2, uint blk_3, uint xb_6, float scale_5)
{
    uint b_6 = ((row_2 * p2_BLOCKS) + blk_3);
    uint nb_9 = (blk_3 * 8u);
    uint4 _e11 = asuint(bind18_w_q.Load4(b_6*16));
    uint _e14 = asuint(bind19_w_s.Load(b_6*4));
    const float _e15 = p2_q4_dot(_e11, _e14, xb_6, nb_9, scale_5);
    return _e15;
}

p2_Raw Constructp2_Raw(uint4 arg0, uint arg1) {
    p2_Raw ret = (p2_Raw)0;
    ret.q = arg0;
    ret.s = arg1;
    return ret;
}

p2_Raw p2_load_raw(uint row_3, uint blk_4)
{
    uint b_7 = ((row_3 * p2_BLOCKS) + blk_4);
    uint4 _e7 = asuint(bind18_w_q.Load4(b_7*16));
    uint _e10 = asuint(bind19_w_s.Load(b_7*4));
    const p2_Raw p2_raw = Constructp2_Raw(_e7, _e10);
    return p2_raw;
}

float p2_raw_dot(p2_Raw r_3, uint xb_7)
{
    const float _e6 = p2_q4_dot(r_3.q, r_3.s, xb_7, 0u, 1.0);
    return _e6;
}

float4 p2_bytes(uint word_1)
{
    int w_2 = asint(word_1);
    return float4(int4(naga_extractBits(w_2, 0u, 8u), naga_extractBits(w_2, 8u, 8u), naga_extractBits(w_2, 16u, 8u), naga_extractBits(w_2, 24u, 8u)));
}

float4 p2_epilogue_operands(uint2 rows_2, uint col_3)
{
    float _e8 = asfloat(bind20_y.Load(((col_3 * p2_Y_STRIDE) + rows_2.x)*4));
    return float4(_e8, 0.0, 0.0, 0.0);
}

void p2_epilogue(uint unit_3, uint2 rows_3, uint col_4, float dot_a_1, float dot_b_1, float4 ops_1)
{
    float a_1 = (float)0;
    float b_1 = (float)0;

    a_1 = dot_a_1;
    b_1 = dot_b_1;
    float _e14 = a_1;
    bind20_y.Store(((col_4 * p2_Y_STRIDE) + unit_3)*4, asuint((ops_1.x + _e14)));
    return;
}

void p2_main(uint tid_14, uint3 wg_3, uint sg_size_6)
{
    float acc_a_1 = 0.0;
    float acc_b_1 = 0.0;
    uint blk_5 = (uint)0;
    bool local_28 = (bool)0;
    bool local_29 = (bool)0;

    uint lane_1 = naga_mod(tid_14, p2_TPU);
    uint col0_5 = (wg_3.y * p2_B);
    const uint _e8 = p2_output_columns();
    uint unit_9 = ((wg_3.x * p2_UNITS_PER_WG) + naga_div(tid_14, p2_TPU));
    const uint2 _e17 = p2_unit_rows(min(unit_9, 575u));
    const float4 _e21 = p2_epilogue_operands(_e17, min(col0_5, (_e8 - 1u)));
    uint pf_b0_1 = min((lane_1 + 0u), 17u);
    const p2_Raw _e27 = p2_load_raw(_e17.x, pf_b0_1);
    uint pf_b1_1 = min((lane_1 + 16u), 17u);
    const p2_Raw _e33 = p2_load_raw(_e17.x, pf_b1_1);
    p2_stage_inputs(tid_14, col0_5, _e8, 0u, p2_K);
    if ((unit_9 < p2_UNITS)) {
        if (((lane_1 + 0u) < p2_BLOCKS)) {
            float _e45 = acc_a_1;
            const float _e48 = p2_raw_dot(_e27, (pf_b0_1 * 9u));
            acc_a_1 = (_e45 + _e48);
        }
        if (((lane_1 + 16u) < p2_BLOCKS)) {
            float _e54 = acc_a_1;
            const float _e57 = p2_raw_dot(_e33, (pf_b1_1 * 9u));
            acc_a_1 = (_e54 + _e57);
        }
        blk_5 = (lane_1 + 32u);
        uint2 loop_bound_13 = uint2(4294967295u, 4294967295u);
        bool loop_init_12 = true;
        while(true) {
            if (all(loop_bound_13 == uint2(0u, 0u))) { break; }
            loop_bound_13 -= uint2(loop_bound_13.y == 0u, 1u);
            if (!loop_init_12) {
                uint _e74 = blk_5;
                blk_5 = (_e74 + p2_TPU);
            }
            loop_init_12 = false;
            uint _e62 = blk_5;
            if ((_e62 < p2_BLOCKS)) {
            } else {
                break;
            }
            {
                float _e65 = acc_a_1;
                uint _e67 = blk_5;
                uint _e68 = blk_5;
                const float _e72 = p2_block_dot(_e17.x, _e67, (_e68 * 9u), 1.0);
                acc_a_1 = (_e65 + _e72);
            }
        }
    }
    float _e77 = acc_a_1;
    const float _e78 = p2_unit_sum(tid_14, _e77);
    if ((lane_1 == 0u)) {
        local_28 = (unit_9 < p2_UNITS);
    } else {
        local_28 = false;
    }
    bool _e87 = local_28;
    if (_e87) {
        local_29 = (col0_5 < _e8);
    } else {
        local_29 = false;
    }
    bool _e92 = local_29;
    if (_e92) {
        p2_epilogue(unit_9, _e17, col0_5, _e78, 0.0, _e21);
        return;
    } else {
        return;
    }
}

uint p3_output_columns()
{
    uint _e2 = bind21_params.n_cols;
    return _e2;
}

uint p3_source_column(uint c_3)
{
    return c_3;
}

float p3_workgroup_sum(uint tid_15, float v_13)
{
    uint s_8 = 64u;

    pool_f32_0_[min(uint(tid_15), 127u)] = v_13;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound_14 = uint2(4294967295u, 4294967295u);
    bool loop_init_13 = true;
    while(true) {
        if (all(loop_bound_14 == uint2(0u, 0u))) { break; }
        loop_bound_14 -= uint2(loop_bound_14.y == 0u, 1u);
        if (!loop_init_13) {
            uint _e22 = s_8;
            s_8 = naga_div(_e22, 2u);
        }
        loop_init_13 = false;
        uint _e6 = s_8;
        if ((_e6 > 0u)) {
        } else {
            break;
        }
        {
            uint _e9 = s_8;
            if ((tid_15 < _e9)) {
                float _e15 = pool_f32_0_[min(uint(tid_15), 127u)];
                uint _e17 = s_8;
                float _e20 = pool_f32_0_[min(uint((tid_15 + _e17)), 127u)];
                pool_f32_0_[min(uint(tid_15), 127u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_5 = pool_f32_0_[0];
    GroupMemoryBarrierWithGroupSync();
    return total_5;
}

float p3_unit_sum(uint tid_16, float v_14)
{
    float s_9 = (float)0;
    uint m_3 = 8u;

    s_9 = v_14;
    uint2 loop_bound_15 = uint2(4294967295u, 4294967295u);
    bool loop_init_14 = true;
    while(true) {
        if (all(loop_bound_15 == uint2(0u, 0u))) { break; }
        loop_bound_15 -= uint2(loop_bound_15.y == 0u, 1u);
        if (!loop_init_14) {
            uint _e13 = m_3;
            m_3 = naga_div(_e13, 2u);
        }
        loop_init_14 = false;
        uint _e5 = m_3;
        if ((_e5 > 0u)) {
        } else {
            break;
        }
        {
            float _e8 = s_9;
            float _e9 = s_9;
            uint _e10 = m_3;
            const float _e11 = WaveReadLaneAt(_e9, WaveGetLaneIndex() ^ _e10);
            s_9 = (_e8 + _e11);
        }
    }
    float _e16 = s_9;
    return _e16;
}

void p3_column_scales(uint tid_17, uint sg_size_7, inout float ss_2[1])
{
    uint c_4 = 0u;
    float total_2 = 0.0;
    uint i_5 = 0u;

    uint2 loop_bound_16 = uint2(4294967295u, 4294967295u);
    bool loop_init_15 = true;
    while(true) {
        if (all(loop_bound_16 == uint2(0u, 0u))) { break; }
        loop_bound_16 -= uint2(loop_bound_16.y == 0u, 1u);
        if (!loop_init_15) {
            uint _e22 = c_4;
            c_4 = (_e22 + 1u);
        }
        loop_init_15 = false;
        uint _e5 = c_4;
        if ((_e5 < p3_B)) {
        } else {
            break;
        }
        {
            uint _e8 = c_4;
            float _e10 = ss_2[min(uint(_e8), 0u)];
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_17, sg_size_7) == 0u)) {
                uint _e19 = c_4;
                pool_f32_0_[min(uint(((naga_div(tid_17, sg_size_7) * p3_B) + _e19)), 127u)] = _e11;
            }
        }
    }
    GroupMemoryBarrierWithGroupSync();
    if ((tid_17 < p3_B)) {
        uint2 loop_bound_17 = uint2(4294967295u, 4294967295u);
        bool loop_init_16 = true;
        while(true) {
            if (all(loop_bound_17 == uint2(0u, 0u))) { break; }
            loop_bound_17 -= uint2(loop_bound_17.y == 0u, 1u);
            if (!loop_init_16) {
                uint _e44 = i_5;
                i_5 = (_e44 + 1u);
            }
            loop_init_16 = false;
            uint _e31 = i_5;
            if ((_e31 < naga_div(p3_WG, sg_size_7))) {
            } else {
                break;
            }
            {
                float _e35 = total_2;
                uint _e37 = i_5;
                float _e42 = pool_f32_0_[min(uint(((_e37 * p3_B) + tid_17)), 127u)];
                total_2 = (_e35 + _e42);
            }
        }
        float _e49 = total_2;
        pool_f32_1_[min(uint(tid_17), 127u)] = rsqrt(((_e49 / 576.0) + 1e-5));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void p3_stage_inputs(uint tid_18, uint col0_2, uint n_cols_2, uint k0_2, uint kc_2)
{
    float4 v0_3 = (0.0).xxxx;
    float4 g0_2 = (1.0).xxxx;
    bool local_30 = (bool)0;
    bool local_31 = (bool)0;
    float4 v1_3 = (0.0).xxxx;
    float4 g1_2 = (1.0).xxxx;
    bool local_32 = (bool)0;
    bool local_33 = (bool)0;

    uint i0_2 = (tid_18 + 0u);
    uint c0_2 = naga_div(i0_2, p3_KC4_);
    uint e0_2 = naga_mod(i0_2, p3_KC4_);
    if ((i0_2 < 144u)) {
        local_30 = ((col0_2 + c0_2) < n_cols_2);
    } else {
        local_30 = false;
    }
    bool _e24 = local_30;
    if (_e24) {
        local_31 = ((e0_2 * 4u) < kc_2);
    } else {
        local_31 = false;
    }
    bool _e31 = local_31;
    if (_e31) {
        const uint _e34 = p3_source_column((col0_2 + c0_2));
        float4 _e42 = asfloat(bind4_x.Load4((((_e34 * 144u) + naga_div(k0_2, 4u)) + e0_2)*16));
        v0_3 = _e42;
        float4 _e48 = asfloat(bind25_norm_w.Load4((naga_div(k0_2, 4u) + e0_2)*16));
        g0_2 = _e48;
    }
    uint i1_2 = (tid_18 + 128u);
    uint c1_2 = naga_div(i1_2, p3_KC4_);
    uint e1_2 = naga_mod(i1_2, p3_KC4_);
    if ((i1_2 < 144u)) {
        local_32 = ((col0_2 + c1_2) < n_cols_2);
    } else {
        local_32 = false;
    }
    bool _e68 = local_32;
    if (_e68) {
        local_33 = ((e1_2 * 4u) < kc_2);
    } else {
        local_33 = false;
    }
    bool _e75 = local_33;
    if (_e75) {
        const uint _e78 = p3_source_column((col0_2 + c1_2));
        float4 _e86 = asfloat(bind4_x.Load4((((_e78 * 144u) + naga_div(k0_2, 4u)) + e1_2)*16));
        v1_3 = _e86;
        float4 _e92 = asfloat(bind25_norm_w.Load4((naga_div(k0_2, 4u) + e1_2)*16));
        g1_2 = _e92;
    }
    if ((i0_2 < 144u)) {
        float4 _e103 = v0_3;
        float _e106 = pool_f32_1_[min(uint(c0_2), 127u)];
        float4 _e107 = g0_2;
        pool_vec4_f32_0_[min(uint((((c0_2 * p3_KCP) + e0_2) + naga_div(e0_2, 8u))), 431u)] = (_e103 * (_e106 * _e107));
    }
    if ((i1_2 < 144u)) {
        float4 _e120 = v1_3;
        float _e123 = pool_f32_1_[min(uint(c1_2), 127u)];
        float4 _e124 = g1_2;
        pool_vec4_f32_0_[min(uint((((c1_2 * p3_KCP) + e1_2) + naga_div(e1_2, 8u))), 431u)] = (_e120 * (_e123 * _e124));
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

void p3_stage_kept(uint tid_19, inout float4 kept_2[2])
{
    {
        uint e_3 = (tid_19 + 0u);
        if ((e_3 < 144u)) {
            float4 _e12 = kept_2[0];
            float _e15 = pool_f32_1_[0];
            pool_vec4_f32_0_[min(uint((e_3 + naga_div(e_3, 8u))), 431u)] = (_e12 * _e15);
        }
    }
    {
        uint e_4 = (tid_19 + 128u);
        if ((e_4 < 144u)) {
            float4 _e27 = kept_2[1];
            float _e30 = pool_f32_1_[0];
            pool_vec4_f32_0_[min(uint((e_4 + naga_div(e_4, 8u))), 431u)] = (_e27 * _e30);
        }
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 p3_unit_rows(uint unit_4)
{
    return uint2(unit_4, (p3_FFN + unit_4));
}

float4 p3_input(uint xb_8, uint nb_4, uint i_6, float scale_6)
{
    float4 _e7 = pool_vec4_f32_0_[min(uint((xb_8 + i_6)), 431u)];
    return _e7;
}

float p3_q4_dot(uint4 q_2, uint s_10, uint xb_9, uint nb_5, float scale_7)
{
    float acc_6 = (float)0;

    float2 dm_2 = float2(f16tof32(s_10), f16tof32((s_10) >> 16));
    uint4 m_7 = (15u).xxxx;
    const float4 _e9 = p3_input(xb_9, nb_5, 0u, scale_7);
    const float4 _e11 = p3_input(xb_9, nb_5, 1u, scale_7);
    const float4 _e13 = p3_input(xb_9, nb_5, 2u, scale_7);
    const float4 _e15 = p3_input(xb_9, nb_5, 3u, scale_7);
    const float4 _e17 = p3_input(xb_9, nb_5, 4u, scale_7);
    const float4 _e19 = p3_input(xb_9, nb_5, 5u, scale_7);
    const float4 _e21 = p3_input(xb_9, nb_5, 6u, scale_7);
    const float4 _e23 = p3_input(xb_9, nb_5, 7u, scale_7);
    uint4 shifts_lo_2 = uint4(0u, 8u, 16u, 24u);
    uint4 shifts_hi_2 = uint4(4u, 12u, 20u, 28u);
    acc_6 = (dot(float4((((q_2.x).xxxx >> shifts_lo_2) & m_7)), _e9) + dot(float4((((q_2.x).xxxx >> shifts_hi_2) & m_7)), _e17));
    float _e48 = acc_6;
    acc_6 = ((_e48 + dot(float4((((q_2.y).xxxx >> shifts_lo_2) & m_7)), _e11)) + dot(float4((((q_2.y).xxxx >> shifts_hi_2) & m_7)), _e19));
    float _e63 = acc_6;
    acc_6 = ((_e63 + dot(float4((((q_2.z).xxxx >> shifts_lo_2) & m_7)), _e13)) + dot(float4((((q_2.z).xxxx >> shifts_hi_2) & m_7)), _e21));
    float _e78 = acc_6;
    acc_6 = ((_e78 + dot(float4((((q_2.w).xxxx >> shifts_lo_2) & m_7)), _e15)) + dot(float4((((q_2.w).xxxx >> shifts_hi_2) & m_7)), _e23));
    float4 one_2 = (1.0).xxxx;
    float sum_3 = (dot((((_e9 + _e11) + _e13) + _e15), one_2) + dot((((_e17 + _e19) + _e21) + _e23), one_2));
    float _e105 = acc_6;
    return ((dm_2.x * _e105) + (dm_2.y * sum_3));
}

float p3_block_dot(uint row_4, uint blk_6, uint xb_10, float scale_8)
{
    uint b_8 = ((row_4 * p3_BLOCKS) + blk_6);
    uint nb_10 = (blk_6 * 8u);
    uint4 _e11 = asuint(bind23_w_q.Load4(b_8*16));
    uint _e14 = asuint(bind24_w_s.Load(b_8*4));
    const float _e15 = p3_q4_dot(_e11, _e14, xb_10, nb_10, scale_8);
    return _e15;
}

p3_Raw Constructp3_Raw(uint4 arg0, uint arg1) {
    p3_Raw ret = (p3_Raw)0;
    ret.q = arg0;
    ret.s = arg1;
    return ret;
}

p3_Raw p3_load_raw(uint row_5, uint blk_7)
{
    uint b_9 = ((row_5 * p3_BLOCKS) + blk_7);
    uint4 _e7 = asuint(bind23_w_q.Load4(b_9*16));
    uint _e10 = asuint(bind24_w_s.Load(b_9*4));
    const p3_Raw p3_raw = Constructp3_Raw(_e7, _e10);
    return p3_raw;
}

float p3_raw_dot(p3_Raw r_4, uint xb_11)
{
    const float _e6 = p3_q4_dot(r_4.q, r_4.s, xb_11, 0u, 1.0);
    return _e6;
}

float4 p3_bytes(uint word_2)
{
    int w_3 = asint(word_2);
    return float4(int4(naga_extractBits(w_3, 0u, 8u), naga_extractBits(w_3, 8u, 8u), naga_extractBits(w_3, 16u, 8u), naga_extractBits(w_3, 24u, 8u)));
}

float4 p3_epilogue_operands(uint2 rows_4, uint col_5)
{
    return (0.0).xxxx;
}

void p3_epilogue(uint unit_5, uint2 rows_5, uint col_6, float dot_a_2, float dot_b_2, float4 ops_2)
{
    float a_2 = (float)0;
    float b_2 = (float)0;

    a_2 = dot_a_2;
    b_2 = dot_b_2;
    float _e13 = a_2;
    float _e14 = a_2;
    float _e20 = b_2;
    bind5_y.Store(((col_6 * p3_Y_STRIDE) + unit_5)*4, asuint(((_e13 / (1.0 + exp(-(_e14)))) * _e20)));
    return;
}

void p3_main(uint tid_20, uint3 wg_4, uint sg_size_8)
{
    float ss_3[1] = (float[1])0;
    float4 kept_3[2] = (float4[2])0;
    float4 v_15 = (0.0).xxxx;
    float4 g_3 = (0.0).xxxx;
    float4 v_16 = (0.0).xxxx;
    float4 g_4 = (0.0).xxxx;
    float acc_a_2 = 0.0;
    float acc_b_2 = 0.0;
    uint blk_8 = (uint)0;
    bool local_34 = (bool)0;
    bool local_35 = (bool)0;

    uint lane_2 = naga_mod(tid_20, p3_TPU);
    uint col0_6 = (wg_4.y * p3_B);
    const uint _e8 = p3_output_columns();
    uint unit_10 = ((wg_4.x * p3_UNITS_PER_WG) + naga_div(tid_20, p3_TPU));
    const uint2 _e17 = p3_unit_rows(min(unit_10, 1535u));
    const float4 _e21 = p3_epilogue_operands(_e17, min(col0_6, (_e8 - 1u)));
    uint pf_b0_2 = min((lane_2 + 0u), 17u);
    const p3_Raw _e27 = p3_load_raw(_e17.x, pf_b0_2);
    const p3_Raw _e29 = p3_load_raw(_e17.y, pf_b0_2);
    uint pf_b1_2 = min((lane_2 + 16u), 17u);
    const p3_Raw _e35 = p3_load_raw(_e17.x, pf_b1_2);
    const p3_Raw _e37 = p3_load_raw(_e17.y, pf_b1_2);
    ss_3[0] = 0.0;
    const uint _e45 = p3_source_column(min(col0_6, (_e8 - 1u)));
    uint kbase_1 = (_e45 * 144u);
    {
        uint i_12 = (tid_20 + 0u);
        if ((i_12 < 144u)) {
            float4 _e61 = asfloat(bind4_x.Load4((kbase_1 + i_12)*16));
            v_15 = _e61;
            float4 _e64 = asfloat(bind25_norm_w.Load4(i_12*16));
            g_3 = _e64;
        }
        float _e67 = ss_3[0];
        float4 _e68 = v_15;
        float4 _e69 = v_15;
        ss_3[0] = (_e67 + dot(_e68, _e69));
        float4 _e73 = v_15;
        float4 _e74 = g_3;
        kept_3[0] = (_e73 * _e74);
    }
    {
        uint i_13 = (tid_20 + 128u);
        if ((i_13 < 144u)) {
            float4 _e89 = asfloat(bind4_x.Load4((kbase_1 + i_13)*16));
            v_16 = _e89;
            float4 _e92 = asfloat(bind25_norm_w.Load4(i_13*16));
            g_4 = _e92;
        }
        float _e95 = ss_3[0];
        float4 _e96 = v_16;
        float4 _e97 = v_16;
        ss_3[0] = (_e95 + dot(_e96, _e97));
        float4 _e101 = v_16;
        float4 _e102 = g_4;
        kept_3[1] = (_e101 * _e102);
    }
    p3_column_scales(tid_20, sg_size_8, ss_3);
    p3_stage_kept(tid_20, kept_3);
    if ((unit_10 < p3_UNITS)) {
        if (((lane_2 + 0u) < p3_BLOCKS)) {
            float _e114 = acc_a_2;
            const float _e117 = p3_raw_dot(_e27, (pf_b0_2 * 9u));
            acc_a_2 = (_e114 + _e117);
            float _e119 = acc_b_2;
            const float _e122 = p3_raw_dot(_e29, (pf_b0_2 * 9u));
            acc_b_2 = (_e119 + _e122);
        }
        if (((lane_2 + 16u) < p3_BLOCKS)) {
            float _e128 = acc_a_2;
            const float _e131 = p3_raw_dot(_e35, (pf_b1_2 * 9u));
            acc_a_2 = (_e128 + _e131);
            float _e133 = acc_b_2;
            const float _e136 = p3_raw_dot(_e37, (pf_b1_2 * 9u));
            acc_b_2 = (_e133 + _e136);
        }
        blk_8 = (lane_2 + 32u);
        uint2 loop_bound_18 = uint2(4294967295u, 4294967295u);
        bool loop_init_17 = true;
        while(true) {
            if (all(loop_bound_18 == uint2(0u, 0u))) { break; }
            loop_bound_18 -= uint2(loop_bound_18.y == 0u, 1u);
            if (!loop_init_17) {
                uint _e162 = blk_8;
                blk_8 = (_e162 + p3_TPU);
            }
            loop_init_17 = false;
            uint _e141 = blk_8;
            if ((_e141 < p3_BLOCKS)) {
            } else {
                break;
            }
            {
                float _e144 = acc_a_2;
                uint _e146 = blk_8;
                uint _e147 = blk_8;
                const float _e151 = p3_block_dot(_e17.x, _e146, (_e147 * 9u), 1.0);
                acc_a_2 = (_e144 + _e151);
                float _e153 = acc_b_2;
                uint _e155 = blk_8;
                uint _e156 = blk_8;
                const float _e160 = p3_block_dot(_e17.y, _e155, (_e156 * 9u), 1.0);
                acc_b_2 = (_e153 + _e160);
            }
        }
    }
    float _e165 = acc_a_2;
    const float _e166 = p3_unit_sum(tid_20, _e165);
    float _e167 = acc_b_2;
    const float _e168 = p3_unit_sum(tid_20, _e167);
    if ((lane_2 == 0u)) {
        local_34 = (unit_10 < p3_UNITS);
    } else {
        local_34 = false;
    }
    bool _e176 = local_34;
    if (_e176) {
        local_35 = (col0_6 < _e8);
    } else {
        local_35 = false;
    }
    bool _e181 = local_35;
    if (_e181) {
        p3_epilogue(unit_10, _e17, col0_6, _e166, _e168, _e21);
        return;
    } else {
        return;
    }
}

uint p4_output_columns()
{
    uint _e2 = bind26_params.n_cols;
    return _e2;
}

uint p4_source_column(uint c_5)
{
    return c_5;
}

float p4_workgroup_sum(uint tid_21, float v_17)
{
    uint s_11 = 64u;

    pool_f32_0_[min(uint(tid_21), 127u)] = v_17;
    GroupMemoryBarrierWithGroupSync();
    uint2 loop_bound_19 = uint2(4294967295u, 4294967295u);
    bool loop_init_18 = true;
    while(true) {
        if (all(loop_bound_19 == uint2(0u, 0u))) { break; }
        loop_bound_19 -= uint2(loop_bound_19.y == 0u, 1u);
        if (!loop_init_18) {
            uint _e22 = s_11;
            s_11 = naga_div(_e22, 2u);
        }
        loop_init_18 = false;
        uint _e6 = s_11;
        if ((_e6 > 0u)) {
        } else {
            break;
        }
        {
            uint _e9 = s_11;
            if ((tid_21 < _e9)) {
                float _e15 = pool_f32_0_[min(uint(tid_21), 127u)];
                uint _e17 = s_11;
                float _e20 = pool_f32_0_[min(uint((tid_21 + _e17)), 127u)];
                pool_f32_0_[min(uint(tid_21), 127u)] = (_e15 + _e20);
            }
            GroupMemoryBarrierWithGroupSync();
        }
    }
    float total_6 = pool_f32_0_[0];
    GroupMemoryBarrierWithGroupSync();
    return total_6;
}

float p4_unit_sum(uint tid_22, float v_18)
{
    float s_12 = (float)0;
    uint m_4 = 8u;

    s_12 = v_18;
    uint2 loop_bound_20 = uint2(4294967295u, 4294967295u);
    bool loop_init_19 = true;
    while(true) {
        if (all(loop_bound_20 == uint2(0u, 0u))) { break; }
        loop_bound_20 -= uint2(loop_bound_20.y == 0u, 1u);
        if (!loop_init_19) {
            uint _e13 = m_4;
            m_4 = naga_div(_e13, 2u);
        }
        loop_init_19 = false;
        uint _e5 = m_4;
        if ((_e5 > 0u)) {
        } else {
            break;
        }
        {
            float _e8 = s_12;
            float _e9 = s_12;
            uint _e10 = m_4;
            const float _e11 = WaveReadLaneAt(_e9, WaveGetLaneIndex() ^ _e10);
            s_12 = (_e8 + _e11);
        }
    }
    float _e16 = s_12;
    return _e16;
}

void p4_stage_inputs(uint tid_23, uint col0_3, uint n_cols_3, uint k0_3, uint kc_3)
{
    float4 v0_4 = (0.0).xxxx;
    float4 g0_3 = (1.0).xxxx;
    bool local_36 = (bool)0;
    bool local_37 = (bool)0;
    float4 v1_4 = (0.0).xxxx;
    float4 g1_3 = (1.0).xxxx;
    bool local_38 = (bool)0;
    bool local_39 = (bool)0;
    float4 v2_1 = (0.0).xxxx;
    float4 g2_ = (1.0).xxxx;
    bool local_40 = (bool)0;
    bool local_41 = (bool)0;

    uint i0_3 = (tid_23 + 0u);
    uint c0_3 = naga_div(i0_3, p4_KC4_);
    uint e0_3 = naga_mod(i0_3, p4_KC4_);
    if ((i0_3 < 384u)) {
        local_36 = ((col0_3 + c0_3) < n_cols_3);
    } else {
        local_36 = false;
    }
    bool _e23 = local_36;
    if (_e23) {
        local_37 = ((e0_3 * 4u) < kc_3);
    } else {
        local_37 = false;
    }
    bool _e30 = local_37;
    if (_e30) {
        const uint _e33 = p4_source_column((col0_3 + c0_3));
        float4 _e41 = asfloat(bind12_q.Load4((((_e33 * 384u) + naga_div(k0_3, 4u)) + e0_3)*16));
        v0_4 = _e41;
    }
    uint i1_3 = (tid_23 + 128u);
    uint c1_3 = naga_div(i1_3, p4_KC4_);
    uint e1_3 = naga_mod(i1_3, p4_KC4_);
    if ((i1_3 < 384u)) {
        local_38 = ((col0_3 + c1_3) < n_cols_3);
    } else {
        local_38 = false;
    }
    bool _e60 = local_38;
    if (_e60) {
        local_39 = ((e1_3 * 4u) < kc_3);
    } else {
        local_39 = false;
    }
    bool _e67 = local_39;
    if (_e67) {
        const uint _e70 = p4_source_column((col0_3 + c1_3));
        float4 _e78 = asfloat(bind12_q.Load4((((_e70 * 384u) + naga_div(k0_3, 4u)) + e1_3)*16));
        v1_4 = _e78;
    }
    uint i2_ = (tid_23 + 256u);
    uint c2_ = naga_div(i2_, p4_KC4_);
    uint e2_ = naga_mod(i2_, p4_KC4_);
    if ((i2_ < 384u)) {
        local_40 = ((col0_3 + c2_) < n_cols_3);
    } else {
        local_40 = false;
    }
    bool _e97 = local_40;
    if (_e97) {
        local_41 = ((e2_ * 4u) < kc_3);
    } else {
        local_41 = false;
    }
    bool _e104 = local_41;
    if (_e104) {
        const uint _e107 = p4_source_column((col0_3 + c2_));
        float4 _e115 = asfloat(bind12_q.Load4((((_e107 * 384u) + naga_div(k0_3, 4u)) + e2_)*16));
        v2_1 = _e115;
    }
    if ((i0_3 < 384u)) {
        float4 _e126 = v0_4;
        pool_vec4_f32_0_[min(uint((((c0_3 * p4_KCP) + e0_3) + naga_div(e0_3, 8u))), 431u)] = _e126;
    }
    if ((i1_3 < 384u)) {
        float4 _e137 = v1_4;
        pool_vec4_f32_0_[min(uint((((c1_3 * p4_KCP) + e1_3) + naga_div(e1_3, 8u))), 431u)] = _e137;
    }
    if ((i2_ < 384u)) {
        float4 _e148 = v2_1;
        pool_vec4_f32_0_[min(uint((((c2_ * p4_KCP) + e2_) + naga_div(e2_, 8u))), 431u)] = _e148;
    }
    GroupMemoryBarrierWithGroupSync();
    return;
}

uint2 p4_unit_rows(uint unit_6)
{
    return uint2(unit_6, unit_6);
}

float4 p4_input(uint xb_12, uint nb_6, uint i_7, float scale_9)
{
    float4 _e7 = pool_vec4_f32_0_[min(uint((xb_12 + i_7)), 431u)];
    return _e7;
}

float p4_q4_dot(uint4 q_3, uint s_13, uint xb_13, uint nb_7, float scale_10)
{
    float acc_7 = (float)0;

    float2 dm_3 = float2(f16tof32(s_13), f16tof32((s_13) >> 16));
    uint4 m_8 = (15u).xxxx;
    const float4 _e9 = p4_input(xb_13, nb_7, 0u, scale_10);
    const float4 _e11 = p4_input(xb_13, nb_7, 1u, scale_10);
    const float4 _e13 = p4_input(xb_13, nb_7, 2u, scale_10);
    const float4 _e15 = p4_input(xb_13, nb_7, 3u, scale_10);
    const float4 _e17 = p4_input(xb_13, nb_7, 4u, scale_10);
    const float4 _e19 = p4_input(xb_13, nb_7, 5u, scale_10);
    const float4 _e21 = p4_input(xb_13, nb_7, 6u, scale_10);
    const float4 _e23 = p4_input(xb_13, nb_7, 7u, scale_10);
    uint4 shifts_lo_3 = uint4(0u, 8u, 16u, 24u);
    uint4 shifts_hi_3 = uint4(4u, 12u, 20u, 28u);
    acc_7 = (dot(float4((((q_3.x).xxxx >> shifts_lo_3) & m_8)), _e9) + dot(float4((((q_3.x).xxxx >> shifts_hi_3) & m_8)), _e17));
    float _e48 = acc_7;
    acc_7 = ((_e48 + dot(float4((((q_3.y).xxxx >> shifts_lo_3) & m_8)), _e11)) + dot(float4((((q_3.y).xxxx >> shifts_hi_3) & m_8)), _e19));
    float _e63 = acc_7;
    acc_7 = ((_e63 + dot(float4((((q_3.z).xxxx >> shifts_lo_3) & m_8)), _e13)) + dot(float4((((q_3.z).xxxx >> shifts_hi_3) & m_8)), _e21));
    float _e78 = acc_7;
    acc_7 = ((_e78 + dot(float4((((q_3.w).xxxx >> shifts_lo_3) & m_8)), _e15)) + dot(float4((((q_3.w).xxxx >> shifts_hi_3) & m_8)), _e23));
    float4 one_3 = (1.0).xxxx;
    float sum_4 = (dot((((_e9 + _e11) + _e13) + _e15), one_3) + dot((((_e17 + _e19) + _e21) + _e23), one_3));
    float _e105 = acc_7;
    return ((dm_3.x * _e105) + (dm_3.y * sum_4));
}

float p4_block_dot(uint row_6, uint blk_9, uint xb_14, float scale_11)
{
    uint b_10 = ((row_6 * p4_BLOCKS) + blk_9);
    uint nb_11 = (blk_9 * 8u);
    uint4 _e11 = asuint(bind28_w_q.Load4(b_10*16));
    uint _e14 = asuint(bind29_w_s.Load(b_10*4));
    const float _e15 = p4_q4_dot(_e11, _e14, xb_14, nb_11, scale_11);
    return _e15;
}

p4_Raw Constructp4_Raw(uint4 arg0, uint arg1) {
    p4_Raw ret = (p4_Raw)0;
    ret.q = arg0;
    ret.s = arg1;
    return ret;
}

p4_Raw p4_load_raw(uint row_7, uint blk_10)
{
    uint b_11 = ((row_7 * p4_BLOCKS) + blk_10);
    uint4 _e7 = asuint(bind28_w_q.Load4(b_11*16));
    uint _e10 = asuint(bind29_w_s.Load(b_11*4));
    const p4_Raw p4_raw = Constructp4_Raw(_e7, _e10);
    return p4_raw;
}

float p4_raw_dot(p4_Raw r_5, uint xb_15)
{
    const float _e6 = p4_q4_dot(r_5.q, r_5.s, xb_15, 0u, 1.0);
    return _e6;
}

float4 p4_bytes(uint word_3)
{
    int w_4 = asint(word_3);
    return float4(int4(naga_extractBits(w_4, 0u, 8u), naga_extractBits(w_4, 8u, 8u), naga_extractBits(w_4, 16u, 8u), naga_extractBits(w_4, 24u, 8u)));
}

float4 p4_epilogue_operands(uint2 rows_6, uint col_7)
{
    float _e8 = asfloat(bind20_y.Load(((col_7 * p4_Y_STRIDE) + rows_6.x)*4));
    return float4(_e8, 0.0, 0.0, 0.0);
}

void p4_epilogue(uint unit_7, uint2 rows_7, uint col_8, float dot_a_3, float dot_b_3, float4 ops_3)
{
    float a_3 = (float)0;
    float b_3 = (float)0;

    a_3 = dot_a_3;
    b_3 = dot_b_3;
    float _e14 = a_3;
    bind20_y.Store(((col_8 * p4_Y_STRIDE) + unit_7)*4, asuint((ops_3.x + _e14)));
    return;
}

void p4_main(uint tid_24, uint3 wg_5, uint sg_size_9)
{
    float acc_a_3 = 0.0;
    float acc_b_3 = 0.0;
    uint blk_11 = (uint)0;
    bool local_42 = (bool)0;
    bool local_43 = (bool)0;

    uint lane_3 = naga_mod(tid_24, p4_TPU);
    uint col0_7 = (wg_5.y * p4_B);
    const uint _e8 = p4_output_columns();
    uint unit_11 = ((wg_5.x * p4_UNITS_PER_WG) + naga_div(tid_24, p4_TPU));
    const uint2 _e17 = p4_unit_rows(min(unit_11, 575u));
    const float4 _e21 = p4_epilogue_operands(_e17, min(col0_7, (_e8 - 1u)));
    uint pf_b0_3 = min((lane_3 + 0u), 47u);
    const p4_Raw _e27 = p4_load_raw(_e17.x, pf_b0_3);
    uint pf_b1_3 = min((lane_3 + 16u), 47u);
    const p4_Raw _e33 = p4_load_raw(_e17.x, pf_b1_3);
    uint pf_b2_ = min((lane_3 + 32u), 47u);
    const p4_Raw _e39 = p4_load_raw(_e17.x, pf_b2_);
    p4_stage_inputs(tid_24, col0_7, _e8, 0u, p4_K);
    if ((unit_11 < p4_UNITS)) {
        if (((lane_3 + 0u) < p4_BLOCKS)) {
            float _e51 = acc_a_3;
            const float _e54 = p4_raw_dot(_e27, (pf_b0_3 * 9u));
            acc_a_3 = (_e51 + _e54);
        }
        if (((lane_3 + 16u) < p4_BLOCKS)) {
            float _e60 = acc_a_3;
            const float _e63 = p4_raw_dot(_e33, (pf_b1_3 * 9u));
            acc_a_3 = (_e60 + _e63);
        }
        if (((lane_3 + 32u) < p4_BLOCKS)) {
            float _e69 = acc_a_3;
            const float _e72 = p4_raw_dot(_e39, (pf_b2_ * 9u));
            acc_a_3 = (_e69 + _e72);
        }
        blk_11 = (lane_3 + 48u);
        uint2 loop_bound_21 = uint2(4294967295u, 4294967295u);
        bool loop_init_20 = true;
        while(true) {
            if (all(loop_bound_21 == uint2(0u, 0u))) { break; }
            loop_bound_21 -= uint2(loop_bound_21.y == 0u, 1u);
            if (!loop_init_20) {
                uint _e89 = blk_11;
                blk_11 = (_e89 + p4_TPU);
            }
            loop_init_20 = false;
            uint _e77 = blk_11;
            if ((_e77 < p4_BLOCKS)) {
            } else {
                break;
            }
            {
                float _e80 = acc_a_3;
                uint _e82 = blk_11;
                uint _e83 = blk_11;
                const float _e87 = p4_block_dot(_e17.x, _e82, (_e83 * 9u), 1.0);
                acc_a_3 = (_e80 + _e87);
            }
        }
    }
    float _e92 = acc_a_3;
    const float _e93 = p4_unit_sum(tid_24, _e92);
    if ((lane_3 == 0u)) {
        local_42 = (unit_11 < p4_UNITS);
    } else {
        local_42 = false;
    }
    bool _e102 = local_42;
    if (_e102) {
        local_43 = (col0_7 < _e8);
    } else {
        local_43 = false;
    }
    bool _e107 = local_43;
    if (_e107) {
        p4_epilogue(unit_11, _e17, col0_7, _e93, 0.0, _e21);
        return;
    } else {
        return;
    }
}

uint NagaBufferLength(ByteAddressBuffer buffer)
{
    uint ret;
    buffer.GetDimensions(ret);
    return ret;
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        phase_groups = (uint)0;
        pool_f32_0_ = (float[128])0;
        pool_f32_1_ = (float[128])0;
        pool_vec4_f32_0_ = (float4[432])0;
        pool_vec4_f32_1_ = (float4[16])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_25;
    uint3 wg = computeinput_main.wg_6;
    uint sg_size = WaveGetLaneCount();
    uint acc = 0u;
    uint j = (uint)0;
    uint j_1 = (uint)0;
    uint j_2 = (uint)0;
    uint j_3 = (uint)0;
    uint v = (uint)0;
    uint v_1 = (uint)0;
    uint acc_1 = 0u;
    uint j_4 = (uint)0;
    uint j_5 = (uint)0;
    uint j_6 = (uint)0;
    uint j_7 = (uint)0;
    uint v_2 = (uint)0;
    uint v_3 = (uint)0;
    uint v_4 = (uint)0;

    if ((wg.x >= 60u)) {
        uint t = (((wg.x - 60u) * 128u) + tid);
        j = (t * 2u);
        uint2 loop_bound_22 = uint2(4294967295u, 4294967295u);
        bool loop_init_21 = true;
        while(true) {
            if (all(loop_bound_22 == uint2(0u, 0u))) { break; }
            loop_bound_22 -= uint2(loop_bound_22.y == 0u, 1u);
            if (!loop_init_21) {
                uint _e35 = j;
                j = (_e35 + (9216u * 2u));
            }
            loop_init_21 = false;
            uint _e18 = j;
            if ((_e18 < min(((NagaBufferLength(bind18_w_q) - 0) / 16), ((t + (PREFETCH_LOADS * 9216u)) * 2u)))) {
            } else {
                break;
            }
            {
                uint _e28 = acc;
                uint _e30 = j;
                uint _e33 = asuint(bind18_w_q.Load(0+_e30*16));
                acc = (_e28 ^ _e33);
            }
        }
        j_1 = (t * 8u);
        uint2 loop_bound_23 = uint2(4294967295u, 4294967295u);
        bool loop_init_22 = true;
        while(true) {
            if (all(loop_bound_23 == uint2(0u, 0u))) { break; }
            loop_bound_23 -= uint2(loop_bound_23.y == 0u, 1u);
            if (!loop_init_22) {
                uint _e58 = j_1;
                j_1 = (_e58 + (9216u * 8u));
            }
            loop_init_22 = false;
            uint _e42 = j_1;
            if ((_e42 < min(((NagaBufferLength(bind19_w_s) - 0) / 4), ((t + (PREFETCH_LOADS * 9216u)) * 8u)))) {
            } else {
                break;
            }
            {
                uint _e52 = acc;
                uint _e54 = j_1;
                uint _e56 = asuint(bind19_w_s.Load(_e54*4));
                acc = (_e52 ^ _e56);
            }
        }
        j_2 = (t * 2u);
        uint2 loop_bound_24 = uint2(4294967295u, 4294967295u);
        bool loop_init_23 = true;
        while(true) {
            if (all(loop_bound_24 == uint2(0u, 0u))) { break; }
            loop_bound_24 -= uint2(loop_bound_24.y == 0u, 1u);
            if (!loop_init_23) {
                uint _e82 = j_2;
                j_2 = (_e82 + (9216u * 2u));
            }
            loop_init_23 = false;
            uint _e65 = j_2;
            if ((_e65 < min(((NagaBufferLength(bind23_w_q) - 0) / 16), ((t + (PREFETCH_LOADS * 9216u)) * 2u)))) {
            } else {
                break;
            }
            {
                uint _e75 = acc;
                uint _e77 = j_2;
                uint _e80 = asuint(bind23_w_q.Load(0+_e77*16));
                acc = (_e75 ^ _e80);
            }
        }
        j_3 = (t * 8u);
        uint2 loop_bound_25 = uint2(4294967295u, 4294967295u);
        bool loop_init_24 = true;
        while(true) {
            if (all(loop_bound_25 == uint2(0u, 0u))) { break; }
            loop_bound_25 -= uint2(loop_bound_25.y == 0u, 1u);
            if (!loop_init_24) {
                uint _e105 = j_3;
                j_3 = (_e105 + (9216u * 8u));
            }
            loop_init_24 = false;
            uint _e89 = j_3;
            if ((_e89 < min(((NagaBufferLength(bind24_w_s) - 0) / 4), ((t + (PREFETCH_LOADS * 9216u)) * 8u)))) {
            } else {
                break;
            }
            {
                uint _e99 = acc;
                uint _e101 = j_3;
                uint _e103 = asuint(bind24_w_s.Load(_e101*4));
                acc = (_e99 ^ _e103);
            }
        }
        uint _e109 = acc;
        if ((_e109 == 2654435769u)) {
            uint _e115; grid_barrier.InterlockedOr(8, 1u, _e115);
        }
    }
    v = wg.x;
    uint2 loop_bound_26 = uint2(4294967295u, 4294967295u);
    bool loop_init_25 = true;
    while(true) {
        if (all(loop_bound_26 == uint2(0u, 0u))) { break; }
        loop_bound_26 -= uint2(loop_bound_26.y == 0u, 1u);
        if (!loop_init_25) {
            uint _e125 = v;
            v = (_e125 + BLOCK_WORKGROUPS);
        }
        loop_init_25 = false;
        uint _e118 = v;
        if ((_e118 < 60u)) {
        } else {
            break;
        }
        {
            uint _e121 = v;
            p0_main(tid, uint3(_e121, 0u, 0u), sg_size);
            GroupMemoryBarrierWithGroupSync();
        }
    }
    grid_sync(tid);
    if ((tid == 0u)) {
        uint _e135 = asuint(bind11_cols.Load(4+0));
        uint _e138 = bind10_params.span;
        phase_groups = (9u * min((naga_div(_e135, _e138) + 1u), 32u));
    }
    GroupMemoryBarrierWithGroupSync();
    uint _e146 = phase_groups;
    GroupMemoryBarrierWithGroupSync();
    v_1 = wg.x;
    uint2 loop_bound_27 = uint2(4294967295u, 4294967295u);
    bool loop_init_26 = true;
    while(true) {
        if (all(loop_bound_27 == uint2(0u, 0u))) { break; }
        loop_bound_27 -= uint2(loop_bound_27.y == 0u, 1u);
        if (!loop_init_26) {
            uint _e159 = v_1;
            v_1 = (_e159 + BLOCK_WORKGROUPS);
        }
        loop_init_26 = false;
        uint _e149 = v_1;
        if ((_e149 < _e146)) {
        } else {
            break;
        }
        {
            uint _e151 = v_1;
            uint _e155 = v_1;
            p1_main(tid, uint3(naga_mod(_e151, 9u), 0u, naga_div(_e155, 9u)), sg_size);
            GroupMemoryBarrierWithGroupSync();
        }
    }
    grid_sync(tid);
    if ((wg.x >= 72u)) {
        uint t_1 = (((wg.x - 72u) * 128u) + tid);
        j_4 = (t_1 * 2u);
        uint2 loop_bound_28 = uint2(4294967295u, 4294967295u);
        bool loop_init_27 = true;
        while(true) {
            if (all(loop_bound_28 == uint2(0u, 0u))) { break; }
            loop_bound_28 -= uint2(loop_bound_28.y == 0u, 1u);
            if (!loop_init_27) {
                uint _e194 = j_4;
                j_4 = (_e194 + (7680u * 2u));
            }
            loop_init_27 = false;
            uint _e177 = j_4;
            if ((_e177 < min(((NagaBufferLength(bind23_w_q) - 0) / 16), ((t_1 + (PREFETCH_LOADS * 7680u)) * 2u)))) {
            } else {
                break;
            }
            {
                uint _e187 = acc_1;
                uint _e189 = j_4;
                uint _e192 = asuint(bind23_w_q.Load(0+_e189*16));
                acc_1 = (_e187 ^ _e192);
            }
        }
        j_5 = (t_1 * 8u);
        uint2 loop_bound_29 = uint2(4294967295u, 4294967295u);
        bool loop_init_28 = true;
        while(true) {
            if (all(loop_bound_29 == uint2(0u, 0u))) { break; }
            loop_bound_29 -= uint2(loop_bound_29.y == 0u, 1u);
            if (!loop_init_28) {
                uint _e217 = j_5;
                j_5 = (_e217 + (7680u * 8u));
            }
            loop_init_28 = false;
            uint _e201 = j_5;
            if ((_e201 < min(((NagaBufferLength(bind24_w_s) - 0) / 4), ((t_1 + (PREFETCH_LOADS * 7680u)) * 8u)))) {
            } else {
                break;
            }
            {
                uint _e211 = acc_1;
                uint _e213 = j_5;
                uint _e215 = asuint(bind24_w_s.Load(_e213*4));
                acc_1 = (_e211 ^ _e215);
            }
        }
        j_6 = (t_1 * 2u);
        uint2 loop_bound_30 = uint2(4294967295u, 4294967295u);
        bool loop_init_29 = true;
        while(true) {
            if (all(loop_bound_30 == uint2(0u, 0u))) { break; }
            loop_bound_30 -= uint2(loop_bound_30.y == 0u, 1u);
            if (!loop_init_29) {
                uint _e241 = j_6;
                j_6 = (_e241 + (7680u * 2u));
            }
            loop_init_29 = false;
            uint _e224 = j_6;
            if ((_e224 < min(((NagaBufferLength(bind28_w_q) - 0) / 16), ((t_1 + (PREFETCH_LOADS * 7680u)) * 2u)))) {
            } else {
                break;
            }
            {
                uint _e234 = acc_1;
                uint _e236 = j_6;
                uint _e239 = asuint(bind28_w_q.Load(0+_e236*16));
                acc_1 = (_e234 ^ _e239);
            }
        }
        j_7 = (t_1 * 8u);
        uint2 loop_bound_31 = uint2(4294967295u, 4294967295u);
        bool loop_init_30 = true;
        while(true) {
            if (all(loop_bound_31 == uint2(0u, 0u))) { break; }
            loop_bound_31 -= uint2(loop_bound_31.y == 0u, 1u);
            if (!loop_init_30) {
                uint _e264 = j_7;
                j_7 = (_e264 + (7680u * 8u));
            }
            loop_init_30 = false;
            uint _e248 = j_7;
            if ((_e248 < min(((NagaBufferLength(bind29_w_s) - 0) / 4), ((t_1 + (PREFETCH_LOADS * 7680u)) * 8u)))) {
            } else {
                break;
            }
            {
                uint _e258 = acc_1;
                uint _e260 = j_7;
                uint _e262 = asuint(bind29_w_s.Load(_e260*4));
                acc_1 = (_e258 ^ _e262);
            }
        }
        uint _e268 = acc_1;
        if ((_e268 == 2654435769u)) {
            uint _e274; grid_barrier.InterlockedOr(8, 1u, _e274);
        }
    }
    v_2 = wg.x;
    uint2 loop_bound_32 = uint2(4294967295u, 4294967295u);
    bool loop_init_31 = true;
    while(true) {
        if (all(loop_bound_32 == uint2(0u, 0u))) { break; }
        loop_bound_32 -= uint2(loop_bound_32.y == 0u, 1u);
        if (!loop_init_31) {
            uint _e284 = v_2;
            v_2 = (_e284 + BLOCK_WORKGROUPS);
        }
        loop_init_31 = false;
        uint _e277 = v_2;
        if ((_e277 < 72u)) {
        } else {
            break;
        }
        {
            uint _e280 = v_2;
            p2_main(tid, uint3(_e280, 0u, 0u), sg_size);
            GroupMemoryBarrierWithGroupSync();
        }
    }
    grid_sync(tid);
    v_3 = wg.x;
    uint2 loop_bound_33 = uint2(4294967295u, 4294967295u);
    bool loop_init_32 = true;
    while(true) {
        if (all(loop_bound_33 == uint2(0u, 0u))) { break; }
        loop_bound_33 -= uint2(loop_bound_33.y == 0u, 1u);
        if (!loop_init_32) {
            uint _e296 = v_3;
            v_3 = (_e296 + BLOCK_WORKGROUPS);
        }
        loop_init_32 = false;
        uint _e289 = v_3;
        if ((_e289 < 192u)) {
        } else {
            break;
        }
        {
            uint _e292 = v_3;
            p3_main(tid, uint3(_e292, 0u, 0u), sg_size);
            GroupMemoryBarrierWithGroupSync();
        }
    }
    grid_sync(tid);
    v_4 = wg.x;
    uint2 loop_bound_34 = uint2(4294967295u, 4294967295u);
    bool loop_init_33 = true;
    while(true) {
        if (all(loop_bound_34 == uint2(0u, 0u))) { break; }
        loop_bound_34 -= uint2(loop_bound_34.y == 0u, 1u);
        if (!loop_init_33) {
            uint _e308 = v_4;
            v_4 = (_e308 + BLOCK_WORKGROUPS);
        }
        loop_init_33 = false;
        uint _e301 = v_4;
        if ((_e301 < 72u)) {
        } else {
            break;
        }
        {
            uint _e304 = v_4;
            p4_main(tid, uint3(_e304, 0u, 0u), sg_size);
            GroupMemoryBarrierWithGroupSync();
        }
    }
    return;
}
