"""Gradient-boosted regression trees, evaluated with numpy from the arrays scikit-learn's
trees are made of (each node's feature, threshold, left and right child, value), so the
package runs a fitted model without scikit-learn installed. The training script checks that
this gives scikit-learn's own ``decision_function`` on every line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

LEAF = -1  # scikit-learn's child index of a leaf


@dataclass(frozen=True)
class Tree:
    feature: np.ndarray  # int, per node
    threshold: np.ndarray  # float, per node: X[feature] <= threshold goes left
    left: np.ndarray  # int, per node; LEAF at a leaf
    right: np.ndarray
    value: np.ndarray  # float, per node (used at the leaves)
    depth: int

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tree:
        left = np.asarray(data["left"], dtype=np.int64)
        return cls(
            feature=np.maximum(np.asarray(data["feature"], dtype=np.int64), 0),
            threshold=np.asarray(data["threshold"], dtype=np.float64),
            left=left,
            right=np.asarray(data["right"], dtype=np.int64),
            value=np.asarray(data["value"], dtype=np.float64),
            depth=int(data["depth"]),
        )

    def predict(self, X: np.ndarray) -> np.ndarray:
        rows = np.arange(X.shape[0])
        node = np.zeros(X.shape[0], dtype=np.int64)
        for _ in range(self.depth):
            leaf = self.left[node] == LEAF
            go_left = X[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(leaf, node, np.where(go_left, self.left[node], self.right[node]))
        return self.value[node]


@dataclass(frozen=True)
class Ensemble:
    """A sum of trees times the learning rate, plus a constant: the log-odds of a class."""

    trees: tuple[Tree, ...]
    learning_rate: float
    intercept: float
    # GradientBoostingClassifier compares float32 features with its thresholds,
    # HistGradientBoostingClassifier float64 ones
    float32: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ensemble:
        return cls(
            trees=tuple(Tree.from_dict(t) for t in data["trees"]),
            learning_rate=float(data["learning_rate"]),
            intercept=float(data.get("intercept", 0.0)),
            float32=bool(data.get("float32", False)),
        )

    def decision(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=np.float32 if self.float32 else np.float64)
        raw = np.full(X.shape[0], self.intercept)
        for tree in self.trees:
            raw += self.learning_rate * tree.predict(X)
        return raw

    def probability(self, X: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.decision(X)))
