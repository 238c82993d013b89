#!/usr/bin/env python3
"""The accuracy comparisons with scikit-learn (docs/data.md, *Against scikit-learn*). Writes 75/25
splits as NAME-train.csv / NAME-test.csv into a folder, with tables.tsv (each table's label, kind
and the flags our errors asked for), and scores scikit-learn's MLPClassifier / MLPRegressor on
them: one hidden layer of 16 and of 100 (its default), StandardScaler on number columns,
OneHotEncoder on word columns, rows with a missing cell dropped, random_state 0, 1, 2.
scripts/compare-sklearn.sh runs our side on the same files.
  (no --public)  six small tables: scikit-learn's iris, wine, breast cancer and diabetes,
                 docs/examples/penguins.csv twice (species; body mass)
  --public SRC   the six public tables scripts/public-tables.sh writes into SRC
  --splits N     also N further splits per classifier, ours (seed 1) against (100,): the mean
                 difference and its standard error, as one split's test part is small
Needs pandas and scikit-learn (pip install scikit-learn pandas); nothing in the project uses them.
Usage: python3 scripts/compare-sklearn.py [FOLDER] [--public SRC] [--splits N] [--splits-only]"""
import sys, os, re, json, warnings, statistics, subprocess
import numpy as np, pandas as pd
from sklearn import datasets
from sklearn.model_selection import train_test_split
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.pipeline import make_pipeline
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.metrics import accuracy_score, r2_score
from sklearn.exceptions import ConvergenceWarning

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
def flag(name):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None
VALUED = {flag("--public"), flag("--splits")}
ARGS = [a for a in sys.argv[1:] if not a.startswith("--") and a not in VALUED]
OUT = ARGS[0] if ARGS else os.path.join(os.environ.get("TMPDIR", "/tmp"), "neuro-pool-sklearn")
os.makedirs(OUT, exist_ok=True)

# name: (label column, kind, the flags our error messages ask for on its training file)
PUBLIC = {
    "diamonds": ("price", "reg", "--label price"),
    "glass": ("Type", "clf", ""),
    "pima": ("diabetes", "clf", "--missing drop"),
    "satellite": ("classes", "clf", ""),
    "auto-mpg": ("Miles_per_Gallon", "reg", "--label Miles_per_Gallon --missing drop --ignore Name"),
    "seattle-weather": ("weather", "clf", "--ignore date"),
}

def from_bunch(b, names=None):
    df = pd.DataFrame(b.data, columns=[str(c).replace(" ", "_") for c in b.feature_names])
    df["label"] = b.target if names is None else np.asarray(names)[b.target]
    return df

def small_tables():
    p = pd.read_csv(os.path.join(ROOT, "docs/examples/penguins.csv"), na_values=["NA", ""]).dropna().drop(columns=["year"])
    bc, db = datasets.load_breast_cancer(), datasets.load_diabetes(scaled=False)
    last = lambda df, c: df[[x for x in df.columns if x != c] + [c]]
    return {"iris": (from_bunch(datasets.load_iris(), datasets.load_iris().target_names), "label", "clf", ""),
            "wine": (from_bunch(datasets.load_wine()), "label", "clf", ""),
            "breast_cancer": (from_bunch(bc, bc.target_names), "label", "clf", ""),
            "penguins": (last(p, "species"), "species", "clf", ""),
            "diabetes": (from_bunch(db), "label", "reg", ""),
            "penguins_mass": (last(p, "body_mass_g"), "body_mass_g", "reg", "")}

def public_tables(src):
    # Read as text, so that every cell is written back as the source has it (NA stays NA).
    return {n: (pd.read_csv(f"{src}/{n}.csv", dtype=str, keep_default_na=False), label, kind, flags)
            for n, (label, kind, flags) in PUBLIC.items()}

def split(df, label, kind, seed=0):
    df = df[~df[label].isin(["", "NA"])] if df[label].dtype == object else df  # a row without a label teaches nothing
    return train_test_split(df, test_size=0.25, random_state=seed, stratify=df[label] if kind == "clf" else None)

def write(tables):
    with open(f"{OUT}/tables.tsv", "w") as f:
        for name, (df, label, kind, flags) in tables.items():
            tr, te = split(df, label, kind)
            tr.to_csv(f"{OUT}/{name}-train.csv", index=False); te.to_csv(f"{OUT}/{name}-test.csv", index=False)
            f.write(f"{name}\t{label}\t{kind}\t{flags or '-'}\n")  # "-": none (an empty field would shift the others)

def ignored(flags):
    """The columns our --ignore leaves out (an ID, a date, a name), which scikit-learn's side leaves out too."""
    words = flags.split()
    return words[words.index("--ignore") + 1].split(",") if "--ignore" in words else []

def score(tr_path, te_path, label, kind, width, seed, scale_target=False, drop=()):
    tr, te = (pd.read_csv(p).drop(columns=list(drop)).dropna() for p in (tr_path, te_path))
    Xtr, ytr, Xte, yte = tr.drop(columns=[label]), tr[label], te.drop(columns=[label]), te[label]
    cat = [c for c in Xtr.columns if not pd.api.types.is_numeric_dtype(Xtr[c])]
    pre = ColumnTransformer([("num", StandardScaler(), [c for c in Xtr.columns if c not in cat]),
                             ("cat", OneHotEncoder(handle_unknown="ignore"), cat)])
    est = (MLPClassifier if kind == "clf" else MLPRegressor)(hidden_layer_sizes=(width,), random_state=seed)
    if scale_target:  # supplementary only: the default MLPRegressor does not scale y
        est = TransformedTargetRegressor(regressor=est, transformer=StandardScaler())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        pred = make_pipeline(pre, est).fit(Xtr, ytr).predict(Xte)
    return 100 * accuracy_score(yte, pred) if kind == "clf" else r2_score(yte, pred)

def cell(v, kind):
    f = (lambda x: f"{x:.1f}%") if kind == "clf" else (lambda x: f"{x:.3f}")
    return f"{f(statistics.median(v))} ({f(min(v))}-{f(max(v))})"

def ours(tr_path, te_path, flags):
    model = f"{OUT}/splits-model.json"
    subprocess.run(["node", "dist/train.js", "--data", tr_path, "--seed", "1", "--quiet", "--out", model, *flags.split()],
                   cwd=ROOT, check=True, capture_output=True)
    out = subprocess.run(["node", "dist/predict.js", "--model", model, "--data", te_path], cwd=ROOT, capture_output=True, text=True).stdout
    return float(re.search(r"^accuracy: *([0-9.]+)%", out, re.M).group(1))

def repeated(tables, n):
    """Ours (seed 1) minus scikit-learn's (100,) (random_state 0) over n further splits of each classifier."""
    subprocess.run(["node", "scripts/build.mjs"], cwd=ROOT, check=True, capture_output=True)
    for name, (df, label, kind, flags) in tables.items():
        if kind != "clf": continue
        diffs = []
        for s in range(1, n + 1):
            tr, te = split(df, label, kind, s)
            paths = (f"{OUT}/split-train.csv", f"{OUT}/split-test.csv")
            tr.to_csv(paths[0], index=False); te.to_csv(paths[1], index=False)
            diffs.append(ours(*paths, flags) - score(*paths, label, kind, 100, 0, drop=ignored(flags)))
        se = statistics.stdev(diffs) / len(diffs) ** 0.5
        print(f"{name:15} {n} splits: ours - (100,) = {statistics.mean(diffs):+.2f} points (standard error {se:.2f}; one split's spread {statistics.stdev(diffs):.1f})")

def main():
    tables = public_tables(flag("--public")) if flag("--public") else small_tables()
    write(tables)
    if "--splits-only" in sys.argv: return
    print(f"{'data set':15} {'train/test':>11}  {'(16,) median (min-max)':>24}  {'(100,) median (min-max)':>24}")
    out = {}
    for name, (_, label, kind, flags) in tables.items():
        paths = (f"{OUT}/{name}-train.csv", f"{OUT}/{name}-test.csv")
        drop = ignored(flags)
        n = [len(pd.read_csv(p).drop(columns=drop).dropna()) for p in paths]
        res = {w: [score(*paths, label, kind, w, s, drop=drop) for s in (0, 1, 2)] for w in (16, 100)}
        print(f"{name:15} {n[0]:>5}/{n[1]:<5}  {cell(res[16], kind):>24}  {cell(res[100], kind):>24}", flush=True)
        if kind == "reg":  # supplementary: the same model with the target standardised, as ours is
            res["100 scaled y"] = [score(*paths, label, kind, 100, s, True, drop) for s in (0, 1, 2)]
            print(f"{'  target scaled':15} {'':>11}  {'':>24}  {cell(res['100 scaled y'], kind):>24}", flush=True)
        out[name] = dict(kind=kind, train=n[0], test=n[1], results={str(k): v for k, v in res.items()})
    with open(f"{OUT}/sklearn.json", "w") as f:
        json.dump(out, f, indent=1, default=float)
    if flag("--splits"): repeated(tables, int(flag("--splits")))

if __name__ == "__main__":
    main()
