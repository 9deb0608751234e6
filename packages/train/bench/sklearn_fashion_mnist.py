"""scikit-learn's LogisticRegression(C=1.0, solver="lbfgs") on the Fashion-MNIST embeddings that
train.bench.mjs dumps (BENCH_TRAIN_DUMP=<dir>): the reference the bench compares @mobilenetv1/train with.

    BENCH_TRAIN_DUMP=/tmp/fm node packages/train/bench/train.bench.mjs
    /usr/bin/python3 packages/train/bench/sklearn_fashion_mnist.py /tmp/fm

Writes fashion-mnist-sklearn.json beside itself (python3-sklearn from Debian; numpy).
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

src = sys.argv[1]
meta = json.load(open(os.path.join(src, "labels.json")))
c = meta["numFeatures"]
x_train = np.fromfile(os.path.join(src, "train.f32"), dtype=np.float32).reshape(-1, c)
x_test = np.fromfile(os.path.join(src, "test.f32"), dtype=np.float32).reshape(-1, c)
y_train = np.array(meta["train"])
y_test = np.array(meta["test"])

clf = LogisticRegression(C=1.0, solver="lbfgs", max_iter=100)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    t0 = time.perf_counter()
    clf.fit(x_train, y_train)
    fit_ms = (time.perf_counter() - t0) * 1000
out = {
    "sklearn": sklearn.__version__,
    "rows": int(x_train.shape[0]),
    "numFeatures": c,
    "testAccuracy": float((clf.predict(x_test) == y_test).mean()),
    "trainAccuracy": float((clf.predict(x_train) == y_train).mean()),
    "iterations": int(clf.n_iter_[0]),
    "converged": not any("ConvergenceWarning" in type(w.message).__name__ for w in caught),
    "fitMs": fit_ms,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fashion-mnist-sklearn.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps(out))
