"""Raw newspaper pages (PDF-to-text) and JSONL exports → Articles."""
from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from qa.errors import MalformedRecordError, UnreadableFileError
from qa.text import normalize_text
from qa.types import Article

logger = logging.getLogger(__name__)

# Encodings charset-normalizer may choose from. The archive is Chinese, so a short GBK file must
# not come back as Korean cp949 (which it does when every code page is allowed).
_CANDIDATE_ENCODINGS = ["utf_16", "utf_32", "gb18030", "big5"]

# Where an item starts on a page: a news lead, a continuation from another page, a notice title.
_LEAD = re.compile(r"^本报(讯|\S{0,10}\d+日电)")
_CONTINUED_FROM = re.compile(r"^[（(]上接第?[一二三四五六七八九十\d]+版[）)]")
_CONTINUED_TO = re.compile(r"[（(]下转第?[一二三四五六七八九十\d]+版[）)]$")
_NOTICE_TITLE = re.compile(r"^\S{0,4}(公告|启事|声明|通告)$")  # 注销公告, 遗失声明; not "外交部发表声明"
_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)]*$")
_DATE_LINE = re.compile(r"^\d{4} *年 *\d{1,2} *月 *\d{1,2} *日$")
_REPORTER = re.compile(r"记者([\u4e00-\u9fff、 ]{2,12}?) *(?:报道|摄|[）)])")
# A space between two "tight" characters (CJK, CJK punctuation, digits) is an extraction artefact.
_TIGHT = r"[^\x00-\x2f\x3a-\x7f\s]"
_LOOSE_SPACE = re.compile(rf"(?<={_TIGHT}) +(?={_TIGHT})")
_DIGIT_SPACE = re.compile(rf"(?<=\d) +(?={_TIGHT})|(?<={_TIGHT}) +(?=\d)")


def article_id_for(text: str) -> str:
    """A stable id: the first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def read_text(path: Path) -> str:
    """A text file's content, in UTF-8 (BOM or not), UTF-16/32 with BOM, GBK/GB18030 or Big5."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise UnreadableFileError(f"{path}: no such file; check the path") from e
    except OSError as e:
        raise UnreadableFileError(f"{path}: cannot be read ({e.strerror}); check it is a readable file") from e
    try:
        text = data.decode("utf-8-sig")  # strict UTF-8 first: it is unambiguous when it succeeds
    except UnicodeDecodeError:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
        text = None if best is None else str(best)
    if text is None or "\x00" in text:  # NUL never occurs in text; ASCII-only binaries decode as UTF-8
        raise UnreadableFileError(
            f"{path}: binary data or an unknown encoding (tried UTF-8, UTF-16/32, GB18030, Big5); "
            "save it as UTF-8 text, or convert PDFs to text first")
    return text


def parse_jsonl(text: str, *, path: str = "<input>", source: str = "", date: str | None = None) -> list[Article]:
    """Articles from JSONL lines `{"id"?, "title", "date"?, "source"?, "text", "reporter"?}`."""
    return [article for _, article in _jsonl_records(text, path=path, source=source, date=date)]


def _jsonl_records(text: str, *, path: str, source: str, date: str | None) -> Iterator[tuple[int, Article]]:
    date = _check_date(date, "the default date")
    for n_line, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}, line {n_line}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise MalformedRecordError(f"{where}: not valid JSON ({e.msg}); each line must be one JSON object") from e
        if not isinstance(record, dict):
            raise MalformedRecordError(f"{where}: expected a JSON object, got {type(record).__name__}")
        yield n_line, _record_article(record, where, source=source, date=date)


def _record_article(record: dict, where: str, *, source: str, date: str | None) -> Article:
    def field(name: str, required: bool = False) -> str | None:
        value = record.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise MalformedRecordError(f'{where}: "{name}" is missing or empty; every record needs one')
            return None
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise MalformedRecordError(f'{where}: "{name}" must be a string, got {value!r}')
        return str(value)

    text = normalize_text(field("text", required=True))
    title = " ".join(normalize_text(field("title", required=True)).split())
    if not text:
        raise MalformedRecordError(f'{where}: "text" has no content after normalisation')
    try:
        record_date = _check_date(field("date"), "date")
    except ValueError as e:
        raise MalformedRecordError(f"{where}: {e}") from e
    return Article(article_id=field("id") or article_id_for(text), title=title, text=text,
                   date=record_date or date, source=field("source") or source, reporter=field("reporter"))


def _check_date(value: str | None, what: str) -> str | None:
    """`value` as YYYY-MM-DD (dates are compared as strings downstream, so "20230225" is rewritten)."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError as e:
        raise ValueError(f"{what} {value!r} is not an ISO date; write it as YYYY-MM-DD") from e


def read_articles(paths: Iterable[str | Path], *, source: str = "", date: str | None = None) -> list[Article]:
    """Articles from .txt pages and .jsonl exports (directories: their .txt/.jsonl files, sorted),
    each article once."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(f for f in path.iterdir() if f.suffix.lower() in (".jsonl", ".txt"))
        elif path.suffix.lower() in (".jsonl", ".txt"):
            files.append(path)
        else:
            raise UnreadableFileError(f"{path}: unknown file type {path.suffix!r}; "
                                      "use .txt for raw pages or .jsonl for article exports")
    seen: dict[str, tuple[Article, str]] = {}  # article_id -> (article, where it came from)
    by_text: dict[str, str] = {}               # text -> article_id
    for path in files:
        text = read_text(path)
        if path.suffix.lower() == ".jsonl":
            records = _jsonl_records(text, path=str(path), source=source, date=date)
            found = [(article, f"{path}, line {n}") for n, article in records]
        else:
            page = parse_page(text, source=source, date=date, page_id=path.stem)
            found = [(article, f"{path}, article {n}") for n, article in enumerate(page, 1)]
        for article, where in found:
            if article.article_id in seen:
                first, first_where = seen[article.article_id]
                if first.text != article.text:
                    raise MalformedRecordError(
                        f"id {article.article_id!r} has different texts at {first_where} and at {where}; "
                        "give one of them another id")
                continue
            if article.text in by_text:
                logger.warning("%s repeats the text of article %s; keeping the first", where, by_text[article.text])
                continue
            seen[article.article_id] = (article, where)
            by_text[article.text] = article.article_id
    return [article for article, _ in seen.values()]


# ---- raw pages ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    joined: bool  # printed right under the previous line, with no blank line between


@dataclass(frozen=True, slots=True)
class _Item:
    notice_title: str | None  # a notice's title is its first line; a story's headline is elsewhere
    body: tuple[str, ...]
    after: tuple[_Line, ...]  # lines after the body's last sentence: headlines, banners


def parse_page(text: str, *, source: str = "", date: str | None = None, page_id: str = "") -> list[Article]:
    """The articles of one PDF-to-text newspaper page, in page order.

    Each article's text is its headline block (kicker, title, subtitle, one per line) followed by
    its paragraphs; the title is the headline alone."""
    date = _check_date(date, "the default date")
    page_id = page_id or hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    leading, items = _split_items(_page_lines(normalize_text(text)))
    if not items:
        logger.warning("page %s: no article lead (本报讯, notice title, 上接…) found", page_id)
        return []
    # The column width: most lines are full, and full lines measure 15–16 characters here because
    # punctuation is set narrower than a character; the upper quartile picks the wide end.
    widths = sorted(_width(line) for item in items for line in item.body)
    typical_width = widths[len(widths) * 3 // 4] if widths else 0.0
    pools = [_headline_groups(leading)] + [_headline_groups(item.after) for item in items]
    # Headlines usually follow their body here, but some precede it. Going right to left, a story
    # takes the first headline printed after it; if there is none it takes the last one before it.
    # Groups nobody takes (page banners, slogans) are dropped.
    headlines: list[list[str]] = [[] for _ in items]
    for i in reversed(range(len(items))):
        if items[i].notice_title is None:
            if pools[i + 1]:
                headlines[i] = pools[i + 1].pop(0)
            elif pools[i]:
                headlines[i] = pools[i].pop()
    for group in (g for pool in pools for g in pool):
        logger.debug("page %s: dropping a line that belongs to no article: %s", page_id, " / ".join(group))
    articles = []
    for n, (item, group) in enumerate(zip(items, headlines), 1):
        if not item.body:
            logger.warning("page %s: article %d has no text; skipping it", page_id, n)
            continue
        if not (item.notice_title or group):
            logger.warning("page %s: article %d has no headline", page_id, n)
        articles.append(_article(item, group, typical_width, source=source, date=date))
    return articles


def _article(item: _Item, headline: list[str], typical_width: float, *, source: str, date: str | None) -> Article:
    title, head = (item.notice_title, [item.notice_title]) if item.notice_title else _headline(headline)
    paragraphs = _paragraphs(list(item.body), typical_width, notice=item.notice_title is not None)
    text = normalize_text("\n".join(head + paragraphs))
    # The title goes into the id too, so that two notices with the same wording stay apart.
    return Article(article_id=article_id_for(f"{title}\n{text}"), title=title, text=text, date=date,
                   source=source, reporter=_reporter(item.body))


def _reporter(body: tuple[str, ...]) -> str | None:
    """The reporters a lead names: "本报讯 记者赵勇报道：" → 赵勇; "本报讯（记者 陈静 通讯员 王五）" → 陈静."""
    lead = "".join(body[:3])[:40]
    found = _REPORTER.search(lead) if _LEAD.match(lead) else None
    if not found:
        return None
    return "、".join(found[1].split("通讯员")[0].replace("、", " ").split()) or None


def _page_lines(text: str) -> list[_Line]:
    lines, blank = [], True
    for raw in text.split("\n"):
        if raw.strip():
            lines.append(_Line(" ".join(raw.split()), joined=not blank))
        blank = not raw.strip()
    return lines


def _split_items(lines: list[_Line]) -> tuple[list[_Line], list[_Item]]:
    """Lines before the first item, and the items: each runs from its start line to the next one."""
    starts = [i for i, line in enumerate(lines)
              if _LEAD.match(line.text) or _CONTINUED_FROM.match(line.text) or _NOTICE_TITLE.match(line.text)]
    items = []
    for start, stop in zip(starts, starts[1:] + [len(lines)]):
        first = lines[start].text
        notice = first if _NOTICE_TITLE.match(first) else None
        rest = lines[start + 1:stop]
        # A story's body ends at its last full sentence; a notice's at its date line.
        dates = [i for i, line in enumerate(rest) if _DATE_LINE.match(line.text)] if notice else []
        ends = dates or [i for i, line in enumerate(rest) if _ends_body(line.text)]
        end = ends[-1] + 1 if ends else len(rest)
        head = [] if notice else [_CONTINUED_FROM.sub("", first).strip()]
        body = [_CONTINUED_TO.sub("", line.text).strip() for line in rest[:end]]
        items.append(_Item(notice, tuple(t for t in head + body if t), tuple(rest[end:])))
    return lines[:starts[0] if starts else len(lines)], items


def _ends_body(line: str) -> bool:
    return bool(_SENTENCE_END.search(line) or _CONTINUED_TO.search(line))


def _width(line: str) -> float:
    """Printed width in Chinese characters: half-width letters and digits count one half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line if not ch.isspace())


def _is_kicker(line: str) -> bool:
    """A kicker names who the headline is about ("区住建局："); it sits above the headline."""
    return line.endswith(("：", ":")) and _width(line) <= 12


def _headline_groups(lines: Iterable[_Line]) -> list[list[str]]:
    """Headline blocks: lines printed without blank lines between them. A kicker set apart joins the
    headline below it (or above, if none follows); a lone ——subtitle joins the headline above."""
    clusters: list[list[str]] = []
    for line in lines:
        if clusters and line.joined:
            clusters[-1].append(line.text)
        else:
            clusters.append([line.text])
    groups: list[list[str]] = []
    kickers: list[str] = []
    for cluster in clusters:
        if all(map(_is_kicker, cluster)):
            kickers += cluster
        elif groups and not kickers and cluster[0].startswith("—"):
            groups[-1] += cluster
        else:
            groups.append(kickers + cluster)
            kickers = []
    if kickers:
        groups[-1:] = [(groups[-1] if groups else []) + kickers]
    return groups


def _headline(group: list[str]) -> tuple[str, list[str]]:
    """(title, headline lines for the article text: kickers, title, subtitles)."""
    lines = [_DIGIT_SPACE.sub("", line) for line in group]
    kickers = [line for line in lines if _is_kicker(line)]
    rest = [line for line in lines if not _is_kicker(line)]
    # The title is the first line, plus the second if the first was wrapped. A line holding two
    # phrases ("早春草莓红 采摘乐趣多") is complete; a "——" line or any third line is a subtitle.
    n_title = 2 if len(rest) > 1 and " " not in rest[0] and not rest[1].startswith("—") else 1
    title = _join_title(rest[:n_title])
    return title, kickers + ([title] if title else []) + rest[n_title:]


def _join_title(lines: list[str]) -> str:
    """Two headline lines as one title. A wrapped phrase fills the first line, so its second line is
    shorter and they join without a space; if the second is at least as long, the first did not run
    out of room: the editor broke between two parallel phrases, which the paper separates by a space."""
    if len(lines) < 2:
        return "".join(lines)
    first, second = lines
    parallel = _width(second) >= _width(first) and not re.search(r"\W$", first)
    return f"{first} {second}" if parallel else first + second


def _paragraphs(lines: list[str], typical_width: float, *, notice: bool) -> list[str]:
    """Wrapped column lines joined into paragraphs, artefact spaces removed."""
    last_sentence = max((i for i, line in enumerate(lines) if _SENTENCE_END.search(line)), default=-1)
    paragraphs, current = [], ""
    for i, line in enumerate(lines):
        current = _join_lines(current, line)
        after = lines[i + 1] if i + 1 < len(lines) else ""
        # A notice's closing ("特此公告。") and what follows it (contact, signature, date) are
        # lines of their own.
        closing = notice and (i >= last_sentence or after.startswith("特此"))
        if not after or closing or _ends_paragraph(line, after, typical_width):
            paragraphs.append(_LOOSE_SPACE.sub("", current))
            current = ""
    return paragraphs


def _join_lines(left: str, right: str) -> str:
    """Chinese wraps between any two characters and needs no space; Latin words do."""
    return f"{left} {right}" if re.search(r"[A-Za-z]$", left) and re.match(r"[A-Za-z]", right) else left + right


def _ends_paragraph(line: str, after: str, typical_width: float) -> bool:
    """Paragraph starts are not marked in this extraction, so infer them from the column width: a
    paragraph ends with a sentence that stops short of the column edge, or before a line that is
    short because it was indented (unless that line is short because it ends a paragraph itself)."""
    if not _SENTENCE_END.search(line):
        return False
    short = typical_width - 2  # the paper indents paragraphs by two characters
    return _width(line) <= short or (_width(after) <= short and not _SENTENCE_END.search(after))
