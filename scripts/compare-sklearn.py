#!/usr/bin/env python3
"""The accuracy comparison in the README (*Your own data*): writes 75/25 splits of six public
tables (scikit-learn's iris, wine, breast cancer and diabetes; docs/examples/penguins.csv twice)
as NAME-train.csv / NAME-test.csv into a folder, and scores scikit-learn's MLPClassifier /
MLPRegressor on them: one hidden layer of 100 (its default), StandardScaler on number columns,
OneHotEncoder on word columns, random_state 0, 1, 2. scripts/compare-sklearn.sh runs our side.
Needs pandas and scikit-learn (pip install scikit-learn pandas); nothing in the project uses them.
Usage: python3 scripts/compare-sklearn.py [FOLDER] [--splits-only]"""
import sys, os, json, warnings, statistics
import numpy as np, pandas as pd
from sklearn import datasets
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.pipeline import make_pipeline
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.metrics import accuracy_score, r2_score, mean_squared_error
from sklearn.exceptions import ConvergenceWarning
from sklearn.compose import TransformedTargetRegressor

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
OUT = ARGS[0] if ARGS else os.path.join(os.environ.get("TMPDIR", "/tmp"), "neuro-pool-sklearn")
os.makedirs(OUT, exist_ok=True)

def from_bunch(b, names=None):
    df = pd.DataFrame(b.data, columns=[str(c).replace(" ", "_") for c in b.feature_names])
    y = b.target if names is None else np.asarray(names)[b.target]
    df["label"] = y
    return df

def penguins():
    p = pd.read_csv(os.path.join(ROOT, "docs/examples/penguins.csv"), na_values=["NA", ""]).dropna().drop(columns=["year"])
    return p

def build():
    sets = {}
    sets["iris"] = (from_bunch(datasets.load_iris(), datasets.load_iris().target_names), "clf")
    sets["wine"] = (from_bunch(datasets.load_wine()), "clf")
    bc = datasets.load_breast_cancer()
    sets["breast_cancer"] = (from_bunch(bc, bc.target_names), "clf")  # malignant / benign
    p = penguins()
    sets["penguins"] = (p[[c for c in p.columns if c != "species"] + ["species"]], "clf")
    db = datasets.load_diabetes(scaled=False)
    sets["diabetes"] = (from_bunch(db), "reg")
    p = penguins()
    sets["penguins_mass"] = (p[[c for c in p.columns if c != "body_mass_g"] + ["body_mass_g"]], "reg")
    for name, (df, kind) in sets.items():
        y = df.iloc[:, -1]
        tr, te = train_test_split(df, test_size=0.25, random_state=0,
                                  stratify=y if kind == "clf" else None)
        tr.to_csv(f"{OUT}/{name}-train.csv", index=False)
        te.to_csv(f"{OUT}/{name}-test.csv", index=False)
    return {n: k for n, (_, k) in sets.items()}

def score(name, kind, seed, scale_target=False):
    tr = pd.read_csv(f"{OUT}/{name}-train.csv"); te = pd.read_csv(f"{OUT}/{name}-test.csv")
    Xtr, ytr = tr.iloc[:, :-1], tr.iloc[:, -1]; Xte, yte = te.iloc[:, :-1], te.iloc[:, -1]
    cat = [c for c in Xtr.columns if not pd.api.types.is_numeric_dtype(Xtr[c])]
    num = [c for c in Xtr.columns if c not in cat]
    pre = ColumnTransformer([("num", StandardScaler(), num),
                             ("cat", OneHotEncoder(handle_unknown="ignore"), cat)])
    est = (MLPClassifier if kind == "clf" else MLPRegressor)(hidden_layer_sizes=(100,), random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if scale_target:  # supplementary only: default MLPRegressor does not scale y
            est = TransformedTargetRegressor(regressor=est, transformer=StandardScaler())
        m = make_pipeline(pre, est).fit(Xtr, ytr)
    pred = m.predict(Xte)
    n_iter = (m[-1].regressor_ if scale_target else m[-1]).n_iter_
    if kind == "clf":
        return dict(acc=100 * accuracy_score(yte, pred), n_iter=n_iter)
    return dict(r2=r2_score(yte, pred), rmse=mean_squared_error(yte, pred) ** 0.5, n_iter=n_iter)

def main():
    kinds = build()
    if "--splits-only" in sys.argv:
        return
    rows, out = [], {}
    print(f"{'data set':15} {'train/test':>10} {'feat':>4}  {'metric':6} {'rs0':>8} {'rs1':>8} {'rs2':>8}  {'median (min-max)':>24}  n_iter")
    for name, kind in kinds.items():
        tr = pd.read_csv(f"{OUT}/{name}-train.csv"); te = pd.read_csv(f"{OUT}/{name}-test.csv")
        res = [score(name, kind, s) for s in (0, 1, 2)]
        key = "acc" if kind == "clf" else "r2"
        v = [r[key] for r in res]
        fmt = (lambda x: f"{x:.1f}%") if kind == "clf" else (lambda x: f"{x:.3f}")
        extra = "" if kind == "clf" else "  RMSE " + ",".join(f"{r['rmse']:.1f}" for r in res)
        print(f"{name:15} {len(tr):>4}/{len(te):<5} {tr.shape[1]-1:>4}  {key:6} " +
              " ".join(f"{fmt(x):>8}" for x in v) +
              f"  {fmt(statistics.median(v)):>8} ({fmt(min(v))}-{fmt(max(v))})  " +
              ",".join(str(r['n_iter']) for r in res) + extra)
        out[name] = dict(kind=kind, train=len(tr), test=len(te), features=tr.shape[1] - 1, results=res)
        if kind == "reg":  # supplementary row: same model, target standardized (TransformedTargetRegressor)
            res2 = [score(name, kind, s, scale_target=True) for s in (0, 1, 2)]
            v = [r["r2"] for r in res2]
            print(f"{'  +scaled y':15} {'':>10} {'':>4}  {key:6} " + " ".join(f"{fmt(x):>8}" for x in v) +
                  f"  {fmt(statistics.median(v)):>8} ({fmt(min(v))}-{fmt(max(v))})  " +
                  ",".join(str(r['n_iter']) for r in res2) + "  RMSE " + ",".join(f"{r['rmse']:.1f}" for r in res2))
            out[name]["results_scaled_y"] = res2
    with open(f"{OUT}/sklearn.json", "w") as f:
        json.dump(out, f, indent=1, default=float)

if __name__ == "__main__":
    main()
