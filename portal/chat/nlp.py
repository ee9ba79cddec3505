"""Text features and two small deterministic models: multinomial naive Bayes (intents) and BM25 (FAQ retrieval).

Pure Python, no network, no randomness: the same files always give the same model.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import jieba

from search.analysis import to_simplified

jieba.setLogLevel(60)
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\s,.!?;:，。！？；：、“”\"'（）()《》【】\[\]…~～-]+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


def clean_message(text: str) -> str:
    """What the bot reads: NFKC (full-width ９１４３…、２０２６、－ become ASCII) and Traditional → Simplified Chinese
    (查詢 → 查询), so names, 文号, codes and words match the data and the training utterances. Case is kept."""
    return to_simplified(unicodedata.normalize("NFKC", text))


def words(text: str) -> list[str]:
    return [w for w in jieba.lcut(_PUNCT.sub(" ", normalise(text))) if w.strip()]


def features(text: str) -> list[str]:
    """jieba tokens plus character 1–3-grams of each punctuation-free chunk."""
    clean = normalise(text)
    out = ["w:" + w for w in words(clean)]
    for chunk in _PUNCT.split(clean):
        for n in (1, 2, 3):
            out.extend("c:" + chunk[i : i + n] for i in range(len(chunk) - n + 1))
    return out


class NaiveBayes:
    """Multinomial naive Bayes with Laplace smoothing; predict() returns (label, posterior probability)."""

    def __init__(self, alpha: float = 0.3) -> None:
        self.alpha = alpha
        self.labels: list[str] = []
        self.priors: dict[str, float] = {}
        self.counts: dict[str, Counter[str]] = {}
        self.totals: dict[str, int] = {}
        self.vocab: set[str] = set()

    def fit(self, samples: Iterable[tuple[str, str]]) -> NaiveBayes:
        per_label: Counter[str] = Counter()
        for text, label in samples:
            per_label[label] += 1
            feats = features(text)
            self.counts.setdefault(label, Counter()).update(feats)
            self.vocab.update(feats)
        self.labels = sorted(per_label)
        total = sum(per_label.values())
        self.priors = {label: math.log(per_label[label] / total) for label in self.labels}
        self.totals = {label: sum(self.counts[label].values()) for label in self.labels}
        return self

    def scores(self, text: str) -> dict[str, float]:
        feats = [f for f in features(text) if f in self.vocab]
        size = len(self.vocab)
        out = {}
        for label in self.labels:
            counts, denom = self.counts[label], self.totals[label] + self.alpha * size
            out[label] = self.priors[label] + sum(math.log((counts[f] + self.alpha) / denom) for f in feats)
        return out

    def predict(self, text: str) -> tuple[str, float, int]:
        """Best label, its probability, and how many known features the text had."""
        known = sum(1 for f in features(text) if f in self.vocab)
        scores = self.scores(text)
        best = max(self.labels, key=lambda label: (scores[label], label))
        top = scores[best]
        norm = sum(math.exp(s - top) for s in scores.values())
        return best, 1.0 / norm, known


class BM25:
    """Okapi BM25 over short documents (k1 = 1.5, b = 0.75)."""

    def __init__(self, docs: Sequence[str], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.docs = [Counter(features(d)) for d in docs]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg = sum(self.lengths) / max(len(self.docs), 1)
        df: Counter[str] = Counter()
        for d in self.docs:
            df.update(d.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}

    def rank(self, query: str) -> list[tuple[int, float]]:
        terms = [t for t in set(features(query)) if t in self.idf]
        scored = []
        for i, doc in enumerate(self.docs):
            norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
            score = sum(self.idf[t] * doc[t] * (self.k1 + 1) / (doc[t] + norm) for t in terms if t in doc)
            scored.append((i, score))
        return sorted(scored, key=lambda pair: (-pair[1], pair[0]))
