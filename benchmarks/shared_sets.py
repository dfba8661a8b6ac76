"""The public labelled sets of ../shared/datasets as scorer.research.readers rows.

Each loader maps one set's own columns to the standard ones (label, group, date,
url) and keeps the set's descriptive columns (generator, method, style...) as
metadata for breakdowns. Texts are read from the shared folder and never copied
into the repository.

Label mapping: ``human`` → ok, ``machine`` → low_quality. Real reported news
(aeb-scrapinghub, l3s-gn1, polnear) is all ok.

Decontamination: the evaluation sets (sheepdog-style-rewrites test, politifact-
plusplus) are built from the same PolitiFact pages as part of the training sets,
so :func:`decontaminate` drops every training group with a text whose TF-IDF cosine
to any evaluation text is >= 0.5 (the rule the datasets' own SOURCE.md files use).
"""
from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Iterable, Sequence

from scorer.research.readers import LabelledRow, restore_paragraphs

SHARED = Path(os.environ.get("SCORER_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "datasets"

_TARGET = {"human": 0, "machine": 1}
_LABEL = {"human": "ok", "machine": "low_quality"}


def _jsonl(path: Path) -> Iterable[tuple[int, dict]]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, json.loads(line)


def _meta(record: dict, keys: Sequence[str], dataset: str) -> dict[str, str]:
    meta = {"dataset": dataset}
    for key in keys:
        value = record.get(key)
        meta[key] = "-" if value is None else str(value)
    return meta


def llmfake(root: Path = SHARED) -> list[LabelledRow]:
    """llmfake/train.jsonl (repaired): 685 human / 3,901 machine; group = near-duplicate cluster of the original."""
    path = root / "llmfake" / "train.jsonl"
    rows = []
    for number, r in _jsonl(path):
        # Unpaired free generations have no cluster: each is its own group.
        group = "llmfake:" + (r.get("dup_cluster") or r.get("pair_id") or r["id"])
        meta = _meta(r, ("generator", "method", "source_dataset"), "llmfake")
        meta["generator"] = meta["generator"] if r["label"] == "machine" else "human"
        rows.append(LabelledRow(f"{path}:{number}", restore_paragraphs(r["text"]), False, _LABEL[r["label"]], _TARGET[r["label"]], group, meta=meta))
    return rows


def sheepdog(split: str, root: Path = SHARED) -> list[LabelledRow]:
    """sheepdog-style-rewrites train or test: PolitiFact originals and their LLM style rewrites."""
    path = root / "sheepdog-style-rewrites" / f"{split}.jsonl"
    rows = []
    for number, r in _jsonl(path):
        style = r.get("style") or "-"
        meta = _meta(r, ("source_dataset", "veracity"), f"sheepdog-{split}")
        meta["style"] = style.split("+")[0] if style.startswith("adversarial") else style
        rows.append(LabelledRow(f"{path}:{number}", restore_paragraphs(r["text"]), False, _LABEL[r["label"]], _TARGET[r["label"]], "sheepdog:" + r["pair_id"], meta=meta))
    return rows


def politifact_plusplus(root: Path = SHARED) -> list[LabelledRow]:
    """politifact-plusplus/all.jsonl: human (HF, HR) vs machine (MF, MR) PolitiFact stories."""
    path = root / "politifact-plusplus" / "all.jsonl"
    rows = []
    for number, r in _jsonl(path):
        meta = _meta(r, ("subset", "veracity"), "politifact-plusplus")
        rows.append(LabelledRow(f"{path}:{number}", restore_paragraphs(r["text"]), False, _LABEL[r["label"]], _TARGET[r["label"]], "pfpp:" + str(r["pair_id"]), meta=meta))
    return rows


def aeb_scrapinghub(root: Path = SHARED) -> list[LabelledRow]:
    """aeb-scrapinghub: 121 real news pages (HTML); dates come from the pages' own metadata."""
    folder = root / "aeb-scrapinghub"
    rows = []
    for number, r in _jsonl(folder / "ground_truth.jsonl"):
        html = (folder / r["html_file"]).read_text(encoding="utf-8", errors="replace")
        rows.append(LabelledRow(str(folder / r["html_file"]), html, True, "ok", 0, "aeb:" + r["id"], url=r.get("url"), meta={"dataset": "aeb-scrapinghub"}))
    return rows


def l3s_gn1(root: Path = SHARED) -> list[LabelledRow]:
    """l3s-gn1: 414 Google News pages from 2008 (HTML, many in Latin-1)."""
    from scorer.core.config import DEFAULT_MAX_BYTES
    from scorer.ingest.load import decode

    folder = root / "l3s-gn1"
    rows = []
    for number, r in _jsonl(folder / "gold.jsonl"):
        loaded = decode((folder / r["html_file"]).read_bytes(), max_bytes=DEFAULT_MAX_BYTES)
        rows.append(LabelledRow(str(folder / r["html_file"]), loaded.text, True, "ok", 0, "l3s:" + r["id"], url=r.get("url"), meta={"dataset": "l3s-gn1"}))
    return rows


def polnear(root: Path = SHARED) -> list[LabelledRow]:
    """polnear train + dev: 2016 campaign news with their publication dates; one row per article."""
    import datetime as dt

    rows = []
    seen = set()
    for split in ("train", "dev"):
        path = root / "polnear" / f"{split}.jsonl"
        for number, r in _jsonl(path):
            if r["article"] in seen:
                continue
            seen.add(r["article"])
            date = dt.date.fromisoformat(r["publication_date"]) if r.get("publication_date") else None
            meta = {"dataset": "polnear", "publisher": str(r.get("publisher"))}
            rows.append(LabelledRow(f"{path}:{number}", r["text"], False, "ok", 0, "polnear:" + r["article"], date=date, meta=meta))
    return rows


def detectrl_xsum(root: Path = SHARED, *, length_matched: bool = False, seed: int = 0) -> list[LabelledRow]:
    """detectrl-xsum/dev.jsonl: BBC (XSum) news vs ChatGPT, Claude-instant, PaLM-2 and Llama-2-70b texts,
    with prompt, paraphrase and typo attacks (licence: none stated; BBC XSum research data).

    Group: a machine row's generator, so grouped cross-validation holds out whole generators;
    each human row is its own group (the rows are not paired). ``generator``, ``method`` and
    ``attack`` (the method's family: direct, prompt, paraphrase, adversarial; ``human`` for human
    rows) are kept for breakdowns and leave-one-out runs.

    ``length_matched``: each human row cut at a sentence end to a length drawn (seeded) from the
    machine rows' word counts. Its human articles run about 250 words, its machine texts about 135,
    so as they are length alone separates the classes (SOURCE.md): a model trained on them would
    learn "long means human". Training uses the matched rows; evaluation reads the rows as they are.
    """
    path = root / "detectrl-xsum" / "dev.jsonl"
    records = list(_jsonl(path))
    machine_lengths = [len(r["text"].split()) for _, r in records if r["label"] == "machine"]
    rng = random.Random(seed)
    rows = []
    for number, r in records:
        human = r["label"] == "human"
        text = r["text"]
        if human and length_matched:
            text = _cut_at_sentence(text, rng.choice(machine_lengths))
        generator = "human" if human else str(r["generator"])
        method = "human" if human else str(r["method"])
        # The attack family: prompt_* (disguised prompts), paraphrase_*, adversarial_* (typos, word swaps), direct_prompt.
        attack = "human" if human else method.split("_")[0] if method != "direct_prompt" else "direct"
        meta = {"dataset": "detectrl-xsum", "source_dataset": "detectrl-xsum", "generator": generator, "method": method, "attack": attack}
        group = f"detectrl:human:{number}" if human else f"detectrl:{generator}"
        rows.append(LabelledRow(f"{path}:{number}", text, False, _LABEL[r["label"]], _TARGET[r["label"]], group, meta=meta))
    return rows


def _cut_at_sentence(text: str, words: int) -> str:
    """``text`` cut at the sentence end nearest to ``words`` words (the whole text if shorter)."""
    from scorer.ingest.segment import split_sentences

    best, best_gap = text, abs(len(text.split()) - words)
    for _, end in split_sentences(text):
        gap = abs(len(text[:end].split()) - words)
        if gap < best_gap:
            best, best_gap = text[:end], gap
    return best


REAL_NEWS = {"aeb-scrapinghub": aeb_scrapinghub, "l3s-gn1": l3s_gn1, "polnear": polnear}


def decontaminate(train: Sequence[LabelledRow], evaluation: Sequence[LabelledRow], threshold: float = 0.5) -> tuple[list[LabelledRow], int]:
    """Training rows minus every group with a text too similar to an evaluation text.

    Returns the kept rows and how many groups were dropped.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    vectorizer.fit([row.content for row in evaluation] + [row.content for row in train])
    a = vectorizer.transform([row.content for row in train])
    b = vectorizer.transform([row.content for row in evaluation])
    best = (a @ b.T).max(axis=1).toarray().ravel()
    bad_groups = {row.group for row, score in zip(train, best) if score >= threshold}
    return [row for row in train if row.group not in bad_groups], len(bad_groups)


def horne_real(root: Path = SHARED) -> list[LabelledRow]:
    """horne-this-just-in: only the REAL articles (mainstream outlets), as extra reported news (ok).

    The fake and satire articles are left out: they are human-written, and their
    label is about veracity, which is not what low_quality means here.
    """
    path = root / "horne-this-just-in" / "all.jsonl"
    rows = []
    for number, r in _jsonl(path):
        if r["label"] != "real":
            continue
        text = (r.get("title") or "").strip() + "\n" + r["text"] if r.get("title") else r["text"]
        rows.append(LabelledRow(f"{path}:{number}", restore_paragraphs(text) if "\n" not in text else text, False, "ok", 0,
                                "horne:" + str(r["id"]), meta={"dataset": "horne-this-just-in", "subset": str(r.get("subset"))}))
    return rows


def fakenewsnet_real(root: Path = SHARED) -> list[LabelledRow]:
    """fakenewsnet-v1-content: only the REAL articles, with their dates and URLs, as extra reported news (ok)."""
    import datetime as dt

    path = root / "fakenewsnet-v1-content" / "all.jsonl"
    rows = []
    for number, r in _jsonl(path):
        if r["label"] != "real" or not (r.get("text") or "").strip():
            continue
        date = dt.date.fromisoformat(r["date"]) if r.get("date") else None
        rows.append(LabelledRow(f"{path}:{number}", restore_paragraphs(r["text"]), False, "ok", 0, "fnn:" + str(r["id"]),
                                date=date, url=r.get("url") or None, meta={"dataset": "fakenewsnet-v1-content", "subset": str(r.get("subset"))}))
    return rows


EXTRA_REPORTED = {"horne-this-just-in": horne_real, "fakenewsnet-v1-content": fakenewsnet_real}
