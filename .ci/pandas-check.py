#!/usr/bin/env python3
"""pandas-check.py: read a carve-out run's tables with pandas and check them
against its report.

    pandas-check.py DIR

DIR holds what `carveout run -out DIR -samples DIR/samples.csv` writes:
report.json, samples.csv (one row per trial), months.csv and, for a zonal
study, zones.csv and zone_months.csv. The checks are what a researcher
relies on when loading the tables instead of walking the JSON:

  - samples.csv has one row per trial of the report, trials 0..done-1 in
    order, and the columns the README lists;
  - each column's mean, computed by pandas, is the report's estimate to
    1e-12 relative (pandas sums in floating point, the report exactly;
    1.5e-16 was the largest difference on 10,000 Pakistan trials), the
    mean of an exactly rounded sum (math.fsum) is the report's to 2 ulp,
    and the standard error s/sqrt(n) agrees to 1e-9;
  - P(causes shedding) is the share of rows with delta_unserved_mwh > 0;
  - months.csv, zones.csv and zone_months.csv hold the report's numbers
    bit for bit, and the months add up to the year.

It prints one line per check and exits 1 if any fails. It needs pandas
(Debian: python3-pandas) and nothing else.
"""

import json
import math
import os
import sys

import pandas as pd

failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAIL", what)


def close(got, want, rel, abs_tol=0.0):
    return math.isclose(got, want, rel_tol=rel, abs_tol=abs_tol)


def number(x):
    """A report number: JSON null (an undefined estimate) is NaN."""
    return float("nan") if x is None else float(x)


def same(got, want):
    """Equal as float64, NaN equal to NaN (an empty CSV field)."""
    if math.isnan(want):
        return math.isnan(got)
    return got == want


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    d = sys.argv[1]
    with open(os.path.join(d, "report.json")) as f:
        r = json.load(f)
    # round_trip: parse each number to the float64 it was written from.
    read = lambda name: pd.read_csv(os.path.join(d, name), float_precision="round_trip")
    s = read("samples.csv")
    n = r["done"]
    print(f"pandas {pd.__version__}: {len(s)} samples x {len(s.columns)} columns, report of {n} trials")
    check(len(s) == n, f"samples.csv has {len(s)} rows, the report {n} trials")
    check((s["trial"] == range(len(s))).all(), "samples.csv rows are trials 0, 1, ... in order")

    # Column -> the report's estimate whose mean it is.
    b, c, risk, load = r["baseline"], r["carveout"], r["risk"], r["carveout_load"]
    means = {
        "baseline_unserved_mwh": b["eue_mwh"],
        "baseline_shortfall_h": b["lole_h"],
        "baseline_shortfall_days": b["lole_days"],
        "baseline_events": b["lolf"],
        "with_unserved_mwh": c["eue_mwh"],
        "with_shortfall_h": c["lole_h"],
        "with_shortfall_days": c["lole_days"],
        "with_events": c["lolf"],
        "delta_unserved_mwh": risk["delta_eue_mwh"],
        "delta_shortfall_h": risk["delta_lole_h"],
        "delta_events": risk["delta_lolf"],
        "carveout_curtailed_mwh": load["curtailed_mwh"],
        "carveout_curtailed_h": load["curtailed_h"],
        "carveout_shed_mwh": load["shed_mwh"],
        "carveout_served_mwh": load["served_mwh"],
        "miner_mwh": load["miner_mwh"],
        "miner_revenue_usd": load["miner_revenue_usd"],
    }
    for z in r.get("zones") or []:
        p = "zone_" + z["name"] + "_"
        means[p + "baseline_unserved_mwh"] = z["baseline"]["eue_mwh"]
        means[p + "baseline_shortfall_h"] = z["baseline"]["lole_h"]
        means[p + "with_unserved_mwh"] = z["carveout"]["eue_mwh"]
        means[p + "with_shortfall_h"] = z["carveout"]["lole_h"]
    worst = 0.0
    for col, est in means.items():
        if col not in s.columns:
            check(False, f"samples.csv has no column {col}")
            continue
        want, se = number(est["mean"]), number(est["se"])
        got = s[col].mean()
        if want != 0:
            worst = max(worst, abs(got - want) / abs(want))
        check(close(got, want, 1e-12, 1e-12), f"{col}: pandas mean {got!r}, report {want!r}")
        exact = math.fsum(s[col]) / n
        check(close(exact, want, 5e-16, 1e-300), f"{col}: fsum mean {exact!r}, report {want!r}")
        if n > 1 and not math.isnan(se):
            got_se = s[col].std(ddof=1) / math.sqrt(n)
            check(close(got_se, se, 1e-9, 1e-15), f"{col}: pandas SE {got_se!r}, report {se!r}")
    p = (s["delta_unserved_mwh"] > 0).mean()
    check(close(p, risk["p_causes_shedding"]["mean"], 1e-15), f"P(causes shedding): {p!r}, report {risk['p_causes_shedding']['mean']!r}")
    p = (s["baseline_shortfall_h"] > 0).mean()
    check(close(p, b["p_any_shortfall"]["mean"], 1e-15), f"P(any shortfall): {p!r}, report {b['p_any_shortfall']['mean']!r}")
    for col in ["btc_price_usd", "hashprice_usd_per_ph_day"]:
        check(bool((s[col] > 0).all()), f"{col} > 0 in every row")
    print(f"samples.csv: {len(means)} column means = the report's estimates "
          f"(largest relative difference of pandas' mean: {worst:.1e})")

    # The report's tables hold its numbers, bit for bit.
    def same_estimates(row, prefix_names, ests, where):
        for name, e in zip(prefix_names, ests):
            for suffix, key in (("", "mean"), ("_se", "se"), ("_lo", "lo"), ("_hi", "hi")):
                got, want = float(row[name + suffix]), number(e[key])
                check(same(got, want), f"{where} {name + suffix}: {got!r}, report {want!r}")

    month_names = ["baseline_lole_h", "baseline_eue_mwh", "with_lole_h", "with_eue_mwh", "delta_lole_h", "delta_eue_mwh"]
    m = read("months.csv")
    check(list(m["month"]) == [x["month"] for x in r["months"]], "months.csv has the report's months")
    for (_, row), x in zip(m.iterrows(), r["months"]):
        same_estimates(row, month_names, [x[k] for k in month_names], f"months.csv month {x['month']}")
    for col, want in [("baseline_lole_h", b["lole_h"]), ("with_lole_h", c["lole_h"]), ("delta_eue_mwh", risk["delta_eue_mwh"])]:
        got = m[col].sum()
        check(close(got, want["mean"], 1e-9, 1e-12), f"months.csv: {col} sums to {got!r}, the year is {want['mean']!r}")
    print(f"months.csv: {len(m)} months = the report's, summing to the year")

    zones = r.get("zones") or []
    if zones:
        zt = read("zones.csv")
        names = ["baseline_lole_h", "baseline_lolf", "baseline_eue_mwh", "baseline_p_any_shortfall",
                 "with_lole_h", "with_lolf", "with_eue_mwh", "with_p_any_shortfall",
                 "p_causes_shedding", "delta_lole_h", "delta_lolf", "delta_eue_mwh"]
        check(list(zt["zone"]) == [z["name"] for z in zones], "zones.csv has the report's zones in order")
        for (_, row), z in zip(zt.iterrows(), zones):
            zb, zc = z["baseline"], z["carveout"]
            ests = [zb["lole_h"], zb["lolf"], zb["eue_mwh"], zb["p_any_shortfall"],
                    zc["lole_h"], zc["lolf"], zc["eue_mwh"], zc["p_any_shortfall"],
                    z["p_causes_shedding"], z["delta_lole_h"], z["delta_lolf"], z["delta_eue_mwh"]]
            same_estimates(row, names, ests, f"zones.csv {z['name']}")
        zm = read("zone_months.csv")
        check(len(zm) == sum(len(z["months"]) for z in zones), "zone_months.csv has a row per zone and month")
        rows = zm.iterrows()
        for z in zones:
            for x in z["months"]:
                _, row = next(rows)
                check(row["zone"] == z["name"] and row["month"] == x["month"], f"zone_months.csv row {z['name']} {x['month']}")
                same_estimates(row, month_names, [x[k] for k in month_names], f"zone_months.csv {z['name']} {x['month']}")
        print(f"zones.csv, zone_months.csv: {len(zones)} zones = the report's")

    if failures:
        print(f"pandas-check: {len(failures)} of {checks} checks FAILED")
        return 1
    print(f"pandas-check: all {checks} checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
