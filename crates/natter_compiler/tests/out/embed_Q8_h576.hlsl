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

static const uint WG = 64u;
static const uint HIDDEN = 576u;
static const uint BLOCKS = 18u;
static const uint VOCAB = 49152u;

cbuffer params : register(b0) { Params params; }
ByteAddressBuffer cols : register(t1);
ByteAddressBuffer w_q : register(t2);
ByteAddressBuffer w_s : register(t3);
RWByteAddressBuffer x : register(u4);

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
uint naga_div(uint lhs, uint rhs) {
    return lhs / (rhs == 0u ? 1u : rhs);
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % (rhs == 0u ? 1u : rhs);
}

[numthreads(64, 1, 1)]
void main(uint3 gid : SV_DispatchThreadID)
{
    bool local = (bool)0;

    uint e = gid.x;
    uint col = gid.y;
    if (!((e >= HIDDEN))) {
        uint _e10 = params.n_cols;
        local = (col >= _e10);
    } else {
        local = true;
    }
    bool _e13 = local;
    if (_e13) {
        return;
    }
    uint _e17 = asuint(cols.Load(8+col*16));
    uint token = min(_e17, 49151u);
    uint b = ((token * BLOCKS) + naga_div(e, 32u));
    uint i = naga_mod(e, 32u);
    uint _e39 = asuint(w_q.Load(naga_div(naga_mod(i, 16u), 4u)*4+((2u * b) + naga_div(i, 16u))*16));
    int word = asint(_e39);
    int q = naga_extractBits(word, (8u * naga_mod(i, 4u)), 8u);
    uint _e55 = asuint(w_s.Load(b*4));
    x.Store(((col * HIDDEN) + e)*4, asuint((float(q) * float2(f16tof32(_e55), f16tof32((_e55) >> 16)).x)));
    return;
}
