"""Text features and two deterministic models: the intent classifier (scikit-learn) and BM25 (FAQ retrieval).

No network, no randomness: the same files always give the same model.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import jieba
import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

from search.analysis import to_simplified

jieba.setLogLevel(60)
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\s,.!?;:，。！？；：、“”\"'（）()《》【】\[\]…~～-]+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


# Homophone slips of the pinyin input method in the names of kinds of records (承偌 for 承诺): read as meant.
# Only whole domain terms, so that no name of a company is changed.
TERM_SLIPS = {
    "承偌": "承诺",
    "违偌": "违诺",
    "容却": "容缺",
    "溶缺": "容缺",
    "行证强制": "行政强制",
    "行正强制": "行政强制",
    "荣鱼": "荣誉",
    "荣域": "荣誉",
    "评价等及": "评价等级",
    "信用等及": "信用等级",
}
_SLIPS = re.compile("|".join(map(re.escape, TERM_SLIPS)))


def clean_message(text: str) -> str:
    """What the bot reads: NFKC (full-width ９１４３…、２０２６、－ become ASCII) and Traditional → Simplified Chinese
    (查詢 → 查询), so names, 文号, codes and words match the data and the training utterances; homophone slips in
    domain terms corrected (TERM_SLIPS). Case is kept."""
    simple = to_simplified(unicodedata.normalize("NFKC", text))
    return _SLIPS.sub(lambda m: TERM_SLIPS[m.group(0)], simple)


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


class IntentModel:
    """Character 1–3-grams and jieba words (TF-IDF) into a linear SVM whose scores are calibrated into probabilities
    (scikit-learn; sigmoid calibration fitted on 5 stratified folds, one SVM on all the data answers).
    Deterministic: no shuffling, fixed seeds. predict() returns (label, probability, known character n-grams)."""

    def __init__(self, c: float = 1.0) -> None:
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
        self.words = TfidfVectorizer(tokenizer=words, token_pattern=None, lowercase=False, sublinear_tf=True)
        self.features = make_union(self.chars, self.words)
        self.model = CalibratedClassifierCV(LinearSVC(C=c, random_state=0), method="sigmoid", cv=5, ensemble=False)
        self.labels: list[str] = []

    def fit(self, samples: Iterable[tuple[str, str]]) -> IntentModel:
        pairs = list(samples)
        matrix = self.features.fit_transform([normalise(text) for text, _ in pairs])
        self.model.fit(matrix, [label for _, label in pairs])
        self.labels = [str(label) for label in self.model.classes_]
        # The fitted numbers, applied with plain Python and numpy in predict(): sklearn's per-call input checks
        # (feature union, 13 calibrators) cost ~20 ms a question, the arithmetic well under 1 ms
        # (tests/chat/test_privacy_and_sessions.py::test_the_fast_path_equals_sklearn).
        calibrated = self.model.calibrated_classifiers_[0]
        self._coef = calibrated.estimator.coef_.T.copy()
        self._intercept = calibrated.estimator.intercept_.copy()
        self._a = np.array([c.a_ for c in calibrated.calibrators])
        self._b = np.array([c.b_ for c in calibrated.calibrators])
        self._parts = []
        offset = 0
        for vectorizer in (self.chars, self.words):
            self._parts.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_, offset))
            offset += len(vectorizer.vocabulary_)
        return self

    def _row(self, text: str) -> tuple[np.ndarray, np.ndarray, int]:
        """The TF-IDF row of the text as (column indices, values): sublinear tf × idf, l2 per vectorizer."""
        columns, values, known = [], [], 0
        for analyse, vocabulary, idf, offset in self._parts:
            terms = [t for t in analyse(text) if t in vocabulary]
            if offset == 0:  # known character n-grams (the padding blank alone tells nothing)
                known = sum(1 for t in terms if t.strip())
            counts = Counter(vocabulary[t] for t in terms)
            if not counts:
                continue
            index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            weight = (1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))) * idf[index]
            columns.append(index + offset)
            values.append(weight / np.linalg.norm(weight))
        if not columns:
            return np.zeros(0, dtype=np.int64), np.zeros(0), 0
        return np.concatenate(columns), np.concatenate(values), known

    def probabilities(self, text: str) -> np.ndarray:
        """What CalibratedClassifierCV.predict_proba gives for the text (sigmoid per class, then normalised)."""
        columns, values, _known = self._row(normalise(text))
        return self._calibrate(values @ self._coef[columns] + self._intercept)

    def _calibrate(self, decision: np.ndarray) -> np.ndarray:
        proba = 1.0 / (1.0 + np.exp(self._a * decision + self._b))
        total = proba.sum()
        return proba / total if total > 0 else np.full_like(proba, 1.0 / proba.size)

    def predict(self, text: str) -> tuple[str, float, int]:
        """Best label, its probability, and how many known character n-grams the text had (0: nothing we know)."""
        columns, values, known = self._row(normalise(text))
        probs = self._calibrate(values @ self._coef[columns] + self._intercept)
        best = max(range(len(self.labels)), key=lambda i: (probs[i], self.labels[i]))
        return self.labels[best], float(probs[best]), int(known)


# The word and character n-grams of "是什么意思", "是啥", "怎么样", "如何".
_QUESTION_WORDS = frozenset(
    ("是什么", "什么", "是什", "么意", "意思", "什么意", "么意思", "什么意思", "是啥", "啥意", "啥意思")
    + ("怎么", "么样", "怎么样", "如何", "什么叫", "么叫", "是指", "指什")
)
_LATIN = re.compile(r"[a-z]")
_ENGLISH_FUNCTION_WORDS = frozenset(
    ("a", "an", "the", "is", "are", "was", "be", "do", "does", "did", "what", "how", "why", "when", "which", "who")
    + ("can", "could", "would", "should", "will", "i", "me", "my", "we", "our", "you", "your", "it", "its", "of")
    + ("to", "in", "on", "for", "at", "by", "with", "from", "and", "or", "if", "this", "that", "there", "mean")
    + ("means", "please", "explain", "tell")
)


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
        # Question words ("是什么意思", "怎么样") say how, not what is asked: entries written as questions of the
        # same form must not outrank the entry about the topic.
        # English is matched by whole words, without its function words: letter n-grams of "what does … mean" would
        # match any entry with English keywords.
        terms = [
            t
            for t in set(features(query))
            if t in self.idf
            and t[2:] not in _QUESTION_WORDS
            and not (t.startswith("c:") and _LATIN.search(t[2:]))
            and t[2:] not in _ENGLISH_FUNCTION_WORDS
        ]
        scored = []
        for i, doc in enumerate(self.docs):
            norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
            score = sum(self.idf[t] * doc[t] * (self.k1 + 1) / (doc[t] + norm) for t in terms if t in doc)
            scored.append((i, score))
        return sorted(scored, key=lambda pair: (-pair[1], pair[0]))
