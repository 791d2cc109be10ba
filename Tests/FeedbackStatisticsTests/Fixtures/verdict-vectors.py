"""Reference values for the verdict tests (Tests/FeedbackStatisticsTests/VerdictTests.swift).

Computed independently of engage with scipy and statsmodels, and by brute-force
enumeration; run `python3 verdict-vectors.py > verdict-vectors.json` to regenerate.
The tests read only the JSON (copied values), never this script.
"""
import itertools, json, math
from scipy import stats, optimize
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint, proportions_ztest
from statsmodels.stats.multitest import multipletests

out = {}

# 1. The p-value of Newcombe's interval: the alpha at which its nearer end touches 0,
#    found with statsmodels' Newcombe interval and brentq.
def newcombe(x1, n1, x2, n2, alpha):
    return confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=alpha)

cases = []
for (x1, n1, x2, n2) in [(20, 40, 15, 48), (30, 40, 15, 48), (30, 40, 21, 48), (17, 22, 19, 36), (5, 12, 9, 10), (45, 50, 40, 50), (1, 6, 4, 6)]:
    d = x1 / n1 - x2 / n2
    lo, hi = newcombe(x1, n1, x2, n2, 0.05)
    end = 0 if d > 0 else 1
    f = lambda a: newcombe(x1, n1, x2, n2, a)[end]
    p = optimize.brentq(f, 1e-15, 1 - 1e-12, xtol=1e-15, rtol=1e-14)
    cases.append({"current": [x1, n1], "baseline": [x2, n2], "lower95": lo, "upper95": hi, "intervalP": p})
out["newcombeIntervalP"] = cases

# 2. The score test against a fixed value (what the Wilson interval inverts).
cases = []
for (x, n, target) in [(78, 100, 75), (31, 40, 75), (20, 40, 31.25), (1280, 1737, 75), (30, 40, 47), (9, 40, 47)]:
    z, p = proportions_ztest(x, n, value=target / 100, prop_var=target / 100)
    lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    cases.append({"positive": x, "total": n, "target": target, "p": p, "lower95": lo, "upper95": hi})
out["scoreTestAgainstFixed"] = cases

# 3. Holm's adjustment.
cases = []
for ps in [[0.01, 0.04, 0.03, 0.005], [0.2, 0.001, 0.049, 0.5, 0.012, 0.03], [0.04]]:
    rej, adj, _, _ = multipletests(ps, alpha=0.05, method="holm")
    cases.append({"p": ps, "adjusted": list(adj)})
out["holm"] = cases

# 4. Exact Cochran-Armitage, by enumerating every table with the same period totals
#    and the same number of positive answers.
def exact_trend(pos, tot, scores):
    used = [(x, n, t) for x, n, t in zip(pos, tot, scores) if n > 0]
    N = sum(n for _, n, _ in used); R = sum(x for x, _, _ in used)
    E = R * sum(n * t for _, n, t in used) / N
    tobs = sum(x * t for x, _, t in used)
    total = tail = 0.0
    for xs in itertools.product(*[range(n + 1) for _, n, _ in used]):
        if sum(xs) != R:
            continue
        w = math.prod(math.comb(n, x) for x, (_, n, _) in zip(xs, used))
        T = sum(x * t for x, (_, _, t) in zip(xs, used))
        total += w
        if abs(T - E) >= abs(tobs - E) * (1 - 1e-7):
            tail += w
    return tail / total

def asymptotic(pos, tot, scores):
    used = [(x, n, t) for x, n, t in zip(pos, tot, scores) if n > 0]
    N = sum(n for _, n, _ in used); R = sum(x for x, _, _ in used); pb = R / N
    T = sum(t * (x - n * pb) for x, n, t in used)
    S = sum(n * t * t for _, n, t in used) - sum(n * t for _, n, t in used) ** 2 / N
    z = T / math.sqrt(pb * (1 - pb) * S)
    return z * z, 2 * stats.norm.sf(abs(z))

cases = []
for pos, tot in [([0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1], [1] * 12),
                 ([1, 2, 3, 5], [6, 5, 6, 6]),
                 ([2, 0, 3, 4], [5, 0, 5, 5]),
                 ([5, 6, 6, 2], [6, 6, 7, 6]),
                 ([0, 1, 1, 3, 4], [4, 4, 4, 4, 4]),
                 ([3, 4, 6], [8, 8, 8]),
                 ([0, 1, 2, 2], [1, 2, 2, 2])]:
    scores = list(range(1, len(pos) + 1))
    chi2, p = asymptotic(pos, tot, scores)
    cases.append({"positive": pos, "total": tot, "exactP": exact_trend(pos, tot, scores), "chiSquared": chi2, "asymptoticP": p})
out["exactTrend"] = cases

# 5. Wilson at 99.9% (confidenceLevel 0.999).
lo, hi = proportion_confint(31, 40, alpha=0.001, method="wilson")
out["wilson999"] = {"positive": 31, "total": 40, "lower": lo, "upper": hi}

print(json.dumps(out, indent=1))
