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
static const uint UNITS = 480u;
static const uint Y_STRIDE = 576u;
static const uint B = 8u;
static const uint NR = 2u;
static const uint Q_DIM = 576u;
static const uint KV_DIM = 192u;
static const uint HEAD_DIM = 64u;
static const uint KV_HEADS = 3u;
static const uint CTX = 2048u;

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
groupshared float red[1024];
groupshared float col_scale[8];

struct ComputeInput_main {
    uint tid_4 : SV_GroupIndex;
    uint3 wg_1 : SV_GroupID;
};

uint output_columns()
{
    uint _e2 = params.n_cols;
    return _e2;
}

uint source_column(uint c_1)
{
    return c_1;
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
    float total_1 = red[0];
    GroupMemoryBarrierWithGroupSync();
    return total_1;
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

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

void column_scales(uint tid_3, uint sg_size_1, inout float ss_1[8])
{
    uint c_2 = 0u;
    float total = 0.0;
    uint i_1 = 0u;

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
            const float _e11 = WaveActiveSum(_e10);
            if ((naga_mod(tid_3, sg_size_1) == 0u)) {
                uint _e19 = c_2;
                red[min(uint(((naga_div(tid_3, sg_size_1) * B) + _e19)), 1023u)] = _e11;
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
                uint _e44 = i_1;
                i_1 = (_e44 + 1u);
            }
            loop_init_3 = false;
            uint _e31 = i_1;
            if ((_e31 < naga_div(WG, sg_size_1))) {
            } else {
                break;
            }
            {
                float _e35 = total;
                uint _e37 = i_1;
                float _e42 = red[min(uint(((_e37 * B) + tid_3)), 1023u)];
                total = (_e35 + _e42);
            }
        }
        float _e49 = total;
        col_scale[min(uint(tid_3), 7u)] = rsqrt(((_e49 / 576.0) + 1e-5));
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
    uint i_3 = naga_mod(_e34, 32u);
    uint _e36 = base;
    uint _e43 = base;
    return uint2(((_e36 + (head * HEAD_DIM)) + (2u * i_3)), (((_e43 + (head * HEAD_DIM)) + (2u * i_3)) + 1u));
}

float4 input(uint xb, uint nb, uint i_2, float scale)
{
    float4 _e7 = asfloat(x.Load4((xb + i_2)*16));
    float4 _e11 = asfloat(norm_w.Load4((nb + i_2)*16));
    return (_e7 * (scale * _e11));
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

Column ConstructColumn(uint arg0, uint arg1, uint arg2, uint arg3) {
    Column ret = (Column)0;
    ret.slot = arg0;
    ret.pos = arg1;
    ret.token = arg2;
    ret._pad = arg3;
    return ret;
}

void epilogue(uint unit_1, uint2 rows, uint col, float dot_a, float dot_b)
{
    float a = (float)0;
    float b = (float)0;

    a = dot_a;
    b = dot_b;
    Column info = ConstructColumn(asuint(cols.Load(col*16+0)), asuint(cols.Load(col*16+4)), asuint(cols.Load(col*16+8)), asuint(cols.Load(col*16+12)));
    if ((rows.x < 768u)) {
        uint i_4 = naga_div(naga_mod(rows.x, HEAD_DIM), 2u);
        float2 cs = asfloat(rope.Load2(((info.pos * 32u) + i_4)*8));
        float _e25 = a;
        float _e28 = b;
        float ra = ((_e25 * cs.x) - (_e28 * cs.y));
        float _e32 = a;
        float _e35 = b;
        float rb = ((_e32 * cs.y) + (_e35 * cs.x));
        a = ra;
        b = rb;
    }
    if ((rows.x < Q_DIM)) {
        float _e48 = a;
        y.Store(((col * Y_STRIDE) + rows.x)*4, asuint(_e48));
        float _e55 = b;
        y.Store(((col * Y_STRIDE) + rows.y)*4, asuint(_e55));
        return;
    }
    uint ra_1 = naga_mod((rows.x - Q_DIM), KV_DIM);
    uint rb_1 = naga_mod((rows.y - Q_DIM), KV_DIM);
    uint ia = ((((((info.slot * KV_HEADS) + naga_div(ra_1, HEAD_DIM)) * CTX) + info.pos) * HEAD_DIM) + naga_mod(ra_1, HEAD_DIM));
    uint ib = ((((((info.slot * KV_HEADS) + naga_div(rb_1, HEAD_DIM)) * CTX) + info.pos) * HEAD_DIM) + naga_mod(rb_1, HEAD_DIM));
    if ((rows.x < 768u)) {
        float _e101 = a;
        k_cache.Store(ia*4, asuint(_e101));
        float _e104 = b;
        k_cache.Store(ib*4, asuint(_e104));
        return;
    } else {
        float _e107 = a;
        v_cache.Store(ia*4, asuint(_e107));
        float _e110 = b;
        v_cache.Store(ib*4, asuint(_e110));
        return;
    }
}

[numthreads(128, 1, 1)]
void main(ComputeInput_main computeinput_main, uint3 local_invocation_id : SV_GroupThreadID)
{
    if (all(local_invocation_id == uint3(0u, 0u, 0u))) {
        red = (float[1024])0;
        col_scale = (float[8])0;
    }
    GroupMemoryBarrierWithGroupSync();
    uint tid = computeinput_main.tid_4;
    uint3 wg = computeinput_main.wg_1;
    uint sg_size = WaveGetLaneCount();
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

    uint lane = naga_mod(tid, TPU);
    uint unit_2 = ((wg.x * UNITS_PER_WG) + naga_div(tid, TPU));
    uint col0_ = (wg.y * B);
    const uint _e14 = output_columns();
    uint2 loop_bound_4 = uint2(4294967295u, 4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (all(loop_bound_4 == uint2(0u, 0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e51 = c;
            c = (_e51 + 1u);
        }
        loop_init_4 = false;
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
                uint base_1 = (_e29 * 144u);
                i = tid;
                uint2 loop_bound_5 = uint2(4294967295u, 4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (all(loop_bound_5 == uint2(0u, 0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e48 = i;
                        i = (_e48 + WG);
                    }
                    loop_init_5 = false;
                    uint _e33 = i;
                    if ((_e33 < 144u)) {
                    } else {
                        break;
                    }
                    {
                        uint _e37 = i;
                        float4 v_2 = asfloat(x.Load4((base_1 + _e37)*16));
                        uint _e41 = c;
                        uint _e43 = c;
                        float _e45 = ss[min(uint(_e43), 7u)];
                        ss[min(uint(_e41), 7u)] = (_e45 + dot(v_2, v_2));
                    }
                }
            }
        }
    }
    column_scales(tid, sg_size, ss);
    const uint2 _e56 = unit_rows(min(unit_2, 479u));
    if ((unit_2 < UNITS)) {
        blk = lane;
        uint2 loop_bound_6 = uint2(4294967295u, 4294967295u);
        bool loop_init_6 = true;
        while(true) {
            if (all(loop_bound_6 == uint2(0u, 0u))) { break; }
            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
            if (!loop_init_6) {
                uint _e317 = blk;
                blk = (_e317 + TPU);
            }
            loop_init_6 = false;
            uint _e92 = blk;
            if ((_e92 < BLOCKS)) {
            } else {
                break;
            }
            {
                uint _e96 = blk;
                const Block _e97 = dequant(_e56.x, _e96);
                uint _e99 = blk;
                const Block _e100 = dequant(_e56.y, _e99);
                {
                    const uint _e106 = source_column(min((col0_ + 0u), (_e14 - 1u)));
                    uint _e109 = blk;
                    uint xb_3 = ((_e106 * 144u) + (_e109 * 8u));
                    float scale_3 = col_scale[0];
                    float _e116 = acc_a0_;
                    uint _e117 = blk;
                    const float _e120 = dot_block(_e97, xb_3, (_e117 * 8u), scale_3);
                    acc_a0_ = (_e116 + _e120);
                    float _e122 = acc_b0_;
                    uint _e123 = blk;
                    const float _e126 = dot_block(_e100, xb_3, (_e123 * 8u), scale_3);
                    acc_b0_ = (_e122 + _e126);
                }
                {
                    const uint _e133 = source_column(min((col0_ + 1u), (_e14 - 1u)));
                    uint _e136 = blk;
                    uint xb_4 = ((_e133 * 144u) + (_e136 * 8u));
                    float scale_4 = col_scale[1];
                    float _e143 = acc_a1_;
                    uint _e144 = blk;
                    const float _e147 = dot_block(_e97, xb_4, (_e144 * 8u), scale_4);
                    acc_a1_ = (_e143 + _e147);
                    float _e149 = acc_b1_;
                    uint _e150 = blk;
                    const float _e153 = dot_block(_e100, xb_4, (_e150 * 8u), scale_4);
                    acc_b1_ = (_e149 + _e153);
                }
                {
                    const uint _e160 = source_column(min((col0_ + 2u), (_e14 - 1u)));
                    uint _e163 = blk;
                    uint xb_5 = ((_e160 * 144u) + (_e163 * 8u));
                    float scale_5 = col_scale[2];
                    float _e170 = acc_a2_;
                    uint _e171 = blk;
                    const float _e174 = dot_block(_e97, xb_5, (_e171 * 8u), scale_5);
                    acc_a2_ = (_e170 + _e174);
                    float _e176 = acc_b2_;
                    uint _e177 = blk;
                    const float _e180 = dot_block(_e100, xb_5, (_e177 * 8u), scale_5);
                    acc_b2_ = (_e176 + _e180);
                }
                {
                    const uint _e187 = source_column(min((col0_ + 3u), (_e14 - 1u)));
                    uint _e190 = blk;
                    uint xb_6 = ((_e187 * 144u) + (_e190 * 8u));
                    float scale_6 = col_scale[3];
                    float _e197 = acc_a3_;
                    uint _e198 = blk;
                    const float _e201 = dot_block(_e97, xb_6, (_e198 * 8u), scale_6);
                    acc_a3_ = (_e197 + _e201);
                    float _e203 = acc_b3_;
                    uint _e204 = blk;
                    const float _e207 = dot_block(_e100, xb_6, (_e204 * 8u), scale_6);
                    acc_b3_ = (_e203 + _e207);
                }
                {
                    const uint _e214 = source_column(min((col0_ + 4u), (_e14 - 1u)));
                    uint _e217 = blk;
                    uint xb_7 = ((_e214 * 144u) + (_e217 * 8u));
                    float scale_7 = col_scale[4];
                    float _e224 = acc_a4_;
                    uint _e225 = blk;
                    const float _e228 = dot_block(_e97, xb_7, (_e225 * 8u), scale_7);
                    acc_a4_ = (_e224 + _e228);
                    float _e230 = acc_b4_;
                    uint _e231 = blk;
                    const float _e234 = dot_block(_e100, xb_7, (_e231 * 8u), scale_7);
                    acc_b4_ = (_e230 + _e234);
                }
                {
                    const uint _e241 = source_column(min((col0_ + 5u), (_e14 - 1u)));
                    uint _e244 = blk;
                    uint xb_8 = ((_e241 * 144u) + (_e244 * 8u));
                    float scale_8 = col_scale[5];
                    float _e251 = acc_a5_;
                    uint _e252 = blk;
                    const float _e255 = dot_block(_e97, xb_8, (_e252 * 8u), scale_8);
                    acc_a5_ = (_e251 + _e255);
                    float _e257 = acc_b5_;
                    uint _e258 = blk;
                    const float _e261 = dot_block(_e100, xb_8, (_e258 * 8u), scale_8);
                    acc_b5_ = (_e257 + _e261);
                }
                {
                    const uint _e268 = source_column(min((col0_ + 6u), (_e14 - 1u)));
                    uint _e271 = blk;
                    uint xb_9 = ((_e268 * 144u) + (_e271 * 8u));
                    float scale_9 = col_scale[6];
                    float _e278 = acc_a6_;
                    uint _e279 = blk;
                    const float _e282 = dot_block(_e97, xb_9, (_e279 * 8u), scale_9);
                    acc_a6_ = (_e278 + _e282);
                    float _e284 = acc_b6_;
                    uint _e285 = blk;
                    const float _e288 = dot_block(_e100, xb_9, (_e285 * 8u), scale_9);
                    acc_b6_ = (_e284 + _e288);
                }
                {
                    const uint _e295 = source_column(min((col0_ + 7u), (_e14 - 1u)));
                    uint _e298 = blk;
                    uint xb_10 = ((_e295 * 144u) + (_e298 * 8u));
                    float scale_10 = col_scale[7];
                    float _e305 = acc_a7_;
                    uint _e306 = blk;
                    const float _e309 = dot_block(_e97, xb_10, (_e306 * 8u), scale_10);
                    acc_a7_ = (_e305 + _e309);
                    float _e311 = acc_b7_;
                    uint _e312 = blk;
                    const float _e315 = dot_block(_e100, xb_10, (_e312 * 8u), scale_10);
                    acc_b7_ = (_e311 + _e315);
                }
            }
        }
    }
    {
        float _e320 = acc_a0_;
        const float _e321 = unit_sum(tid, _e320);
        float _e322 = acc_b0_;
        const float _e323 = unit_sum(tid, _e322);
        if ((lane == 0u)) {
            local = (unit_2 < UNITS);
        } else {
            local = false;
        }
        bool _e331 = local;
        if (_e331) {
            local_1 = ((col0_ + 0u) < _e14);
        } else {
            local_1 = false;
        }
        bool _e338 = local_1;
        if (_e338) {
            epilogue(unit_2, _e56, (col0_ + 0u), _e321, _e323);
        }
    }
    {
        float _e341 = acc_a1_;
        const float _e342 = unit_sum(tid, _e341);
        float _e343 = acc_b1_;
        const float _e344 = unit_sum(tid, _e343);
        if ((lane == 0u)) {
            local_2 = (unit_2 < UNITS);
        } else {
            local_2 = false;
        }
        bool _e352 = local_2;
        if (_e352) {
            local_3 = ((col0_ + 1u) < _e14);
        } else {
            local_3 = false;
        }
        bool _e359 = local_3;
        if (_e359) {
            epilogue(unit_2, _e56, (col0_ + 1u), _e342, _e344);
        }
    }
    {
        float _e362 = acc_a2_;
        const float _e363 = unit_sum(tid, _e362);
        float _e364 = acc_b2_;
        const float _e365 = unit_sum(tid, _e364);
        if ((lane == 0u)) {
            local_4 = (unit_2 < UNITS);
        } else {
            local_4 = false;
        }
        bool _e373 = local_4;
        if (_e373) {
            local_5 = ((col0_ + 2u) < _e14);
        } else {
            local_5 = false;
        }
        bool _e380 = local_5;
        if (_e380) {
            epilogue(unit_2, _e56, (col0_ + 2u), _e363, _e365);
        }
    }
    {
        float _e383 = acc_a3_;
        const float _e384 = unit_sum(tid, _e383);
        float _e385 = acc_b3_;
        const float _e386 = unit_sum(tid, _e385);
        if ((lane == 0u)) {
            local_6 = (unit_2 < UNITS);
        } else {
            local_6 = false;
        }
        bool _e394 = local_6;
        if (_e394) {
            local_7 = ((col0_ + 3u) < _e14);
        } else {
            local_7 = false;
        }
        bool _e401 = local_7;
        if (_e401) {
            epilogue(unit_2, _e56, (col0_ + 3u), _e384, _e386);
        }
    }
    {
        float _e404 = acc_a4_;
        const float _e405 = unit_sum(tid, _e404);
        float _e406 = acc_b4_;
        const float _e407 = unit_sum(tid, _e406);
        if ((lane == 0u)) {
            local_8 = (unit_2 < UNITS);
        } else {
            local_8 = false;
        }
        bool _e415 = local_8;
        if (_e415) {
            local_9 = ((col0_ + 4u) < _e14);
        } else {
            local_9 = false;
        }
        bool _e422 = local_9;
        if (_e422) {
            epilogue(unit_2, _e56, (col0_ + 4u), _e405, _e407);
        }
    }
    {
        float _e425 = acc_a5_;
        const float _e426 = unit_sum(tid, _e425);
        float _e427 = acc_b5_;
        const float _e428 = unit_sum(tid, _e427);
        if ((lane == 0u)) {
            local_10 = (unit_2 < UNITS);
        } else {
            local_10 = false;
        }
        bool _e436 = local_10;
        if (_e436) {
            local_11 = ((col0_ + 5u) < _e14);
        } else {
            local_11 = false;
        }
        bool _e443 = local_11;
        if (_e443) {
            epilogue(unit_2, _e56, (col0_ + 5u), _e426, _e428);
        }
    }
    {
        float _e446 = acc_a6_;
        const float _e447 = unit_sum(tid, _e446);
        float _e448 = acc_b6_;
        const float _e449 = unit_sum(tid, _e448);
        if ((lane == 0u)) {
            local_12 = (unit_2 < UNITS);
        } else {
            local_12 = false;
        }
        bool _e457 = local_12;
        if (_e457) {
            local_13 = ((col0_ + 6u) < _e14);
        } else {
            local_13 = false;
        }
        bool _e464 = local_13;
        if (_e464) {
            epilogue(unit_2, _e56, (col0_ + 6u), _e447, _e449);
        }
    }
    {
        float _e467 = acc_a7_;
        const float _e468 = unit_sum(tid, _e467);
        float _e469 = acc_b7_;
        const float _e470 = unit_sum(tid, _e469);
        if ((lane == 0u)) {
            local_14 = (unit_2 < UNITS);
        } else {
            local_14 = false;
        }
        bool _e478 = local_14;
        if (_e478) {
            local_15 = ((col0_ + 7u) < _e14);
        } else {
            local_15 = false;
        }
        bool _e485 = local_15;
        if (_e485) {
            epilogue(unit_2, _e56, (col0_ + 7u), _e468, _e470);
            return;
        } else {
            return;
        }
    }
}
