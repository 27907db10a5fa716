"""Description similarity across German and English.

Word TF-IDF alone would see nothing in common between "Ladeinfrastruktur für Flotten" and
"charging infrastructure for fleets". The vocabulary is bilingual, so every description is
first tagged with the vocabulary terms (capabilities and sectors) whose distinctive words it
mentions in either language — as substrings, which catches German compounds such as
"Wasserstofftankstellen" — and each tag becomes one language-neutral token. Words and tags then
go through TF-IDF (sublinear tf), and latent semantic analysis (a truncated SVD fitted on the
whole snapshot, fixed seed) folds them into a few dense dimensions so that the similarity of
any pair is one dot product. The fitted model belongs to the run snapshot: chunks share it.
"""

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from matchmaking.engine.vocabulary import Vocabulary

_STOPWORD_TEXT = """
and the for with from into that this their our are was were has have will which who
its also more than other only such both through based including services systems
solutions company companies
und der die das den dem des ein eine einer eines einem fuer mit von vom zur zum auf aus
bei durch sich sowie oder als auch nach ueber unter wird werden sind ist ihre seine
unternehmen systeme loesungen dienstleistungen
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
WORDS_SHARE = 0.4
_WORD = re.compile(r"[a-z0-9]{5,}")


_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case, German letters spelt out, accents dropped: "Prüfstände" → "pruefstaende"."""
    text = text.lower().translate(_GERMAN)
    if text.isascii():  # the common case, and by far the cheapest
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def _alternation(words: Sequence[str]) -> str:
    """One regular expression for many words, factored as a trie ("lade|ladung" →
    "lad(?:e|ung)"): Python's engine then tries a position once, not once per word.
    Longer words still win over their prefixes, as in a longest-first alternation."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(sorted(branches)) + ")"
        return f"(?:{body})?" if ends else body

    return pattern(trie)


def _concept_keywords(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Distinctive words of the vocabulary's names (either language) → the terms using them."""
    terms = [("cap", term) for term in vocabulary.capabilities]
    terms += [("sector", term) for term in vocabulary.sectors]
    keywords: dict[str, set[str]] = {}
    for prefix, term in terms:
        tag = f"zz{prefix}{re.sub(r'[^a-z0-9]', '', term.slug)}"
        for word in _WORD.findall(fold(f"{term.name_de} {term.name_en}")):
            if word not in STOPWORDS:
                keywords.setdefault(word, set()).add(tag)
    # A word shared by many terms ("management", "infrastruktur") tells nothing apart ...
    distinctive = {word: sorted(tags) for word, tags in keywords.items() if len(tags) <= 2}
    # ... but a whole name does: "charging infrastructure", "ladeinfrastruktur".
    for prefix, term in terms:
        tag = f"zz{prefix}{re.sub(r'[^a-z0-9]', '', term.slug)}"
        for name in (term.name_de, term.name_en):
            phrase = fold(re.sub(r"\(.*?\)", "", name)).strip()
            if len(phrase) >= 5:
                distinctive.setdefault(phrase, [])
                distinctive[phrase] = sorted({*distinctive[phrase], tag})
    return distinctive


class DescriptionModel:
    """Fitted on one snapshot's descriptions; ``vectors`` has one unit row per description."""

    def __init__(self, vocabulary: Vocabulary, *, dimensions: int = 64, seed: int = 0) -> None:
        self.dimensions = dimensions
        self.seed = seed
        self.keywords = _concept_keywords(vocabulary)
        self.pattern = re.compile(_alternation(sorted(self.keywords))) if self.keywords else None
        self.concepts = TfidfVectorizer(
            sublinear_tf=True,
            token_pattern=r"zz[a-z0-9]+",  # noqa: S106 - not a password
        )
        self.vectorizer = TfidfVectorizer(
            sublinear_tf=True,
            token_pattern=r"(?u)\b[a-z][a-z0-9]{2,}\b",  # noqa: S106 - not a password
            stop_words=sorted(STOPWORDS),
            dtype=np.float32,
        )
        self.svd: TruncatedSVD | None = None

    def tags(self, folded: str) -> str:
        if not folded or self.pattern is None:
            return ""
        found = {tag for word in self.pattern.findall(folded) for tag in self.keywords[word]}
        return " ".join(sorted(found))

    def _fit(self, vectorizer: TfidfVectorizer, documents: list[str]) -> sp.csr_matrix:
        try:
            return vectorizer.fit_transform(documents)
        except ValueError:  # nothing but stop words: no vocabulary at all
            return sp.csr_matrix((len(documents), 0), dtype=np.float32)

    def fit_vectors(self, descriptions: Sequence[str]) -> np.ndarray:
        folded = [fold(text) for text in descriptions]
        width = self.dimensions
        # Words and vocabulary tags are two blocks of unit length; the tags weigh more,
        # because they are what a German and an English description have in common.
        words = self._fit(self.vectorizer, folded) * np.float32(WORDS_SHARE**0.5)
        tags = self._fit(self.concepts, [self.tags(text) for text in folded])
        matrix = sp.hstack([words, tags * np.float32((1 - WORDS_SHARE) ** 0.5)]).tocsr()
        if matrix.shape[1] == 0:
            return np.zeros((len(folded), width), dtype=np.float32)
        if matrix.shape[1] <= width:
            dense = matrix.toarray()
        elif matrix.shape[0] <= width:
            # Fewer documents than dimensions: an exact SVD keeps every cosine as it is.
            u, s, _ = np.linalg.svd(matrix.toarray().astype(np.float64), full_matrices=False)
            dense = u * s
        else:
            self.svd = TruncatedSVD(n_components=width, n_iter=5, random_state=self.seed)
            dense = self.svd.fit_transform(matrix)
        return _unit_rows(_pad(dense, width))


def _pad(matrix: np.ndarray, width: int) -> np.ndarray:
    out = np.zeros((matrix.shape[0], width), dtype=np.float32)
    out[:, : min(width, matrix.shape[1])] = matrix[:, :width]
    return out


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    matrix[~np.isfinite(matrix)] = 0
    return matrix.astype(np.float32)
