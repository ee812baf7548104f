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
    bit for bit, and the months add up to the year;
  - with the report's cost, cost.csv, cost_fuels.csv, cost_months.csv and
    duration_curve.csv hold its numbers bit for bit (the dollar columns
    its amounts at its exchange rate), the fuels' CO2 and the months' cost
    add up to the year's, and the duration curve's cumulative hours fall
    from the cheapest price; without a cost none of them is written.

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

    cost = r.get("cost")
    cost_tables = ["cost.csv", "cost_fuels.csv", "cost_months.csv", "duration_curve.csv"]
    if cost is None:
        for name in cost_tables:
            check(not os.path.exists(os.path.join(d, name)), f"{name} written for a report without cost")
    else:
        money = lambda path: not path.startswith(("served_mwh", "delta_co2_t", "marginal_emission", "stranded_mwh"))
        names = ["fuel_cost_baseline", "fuel_cost_with", "short_run_cost", "short_run_cost_per_mwh", "served_mwh",
                 "revenue", "margin", "subsidy.vs_marginal_cost", "subsidy.vs_purchase_price", "subsidy.vs_consumer_tariff",
                 "voll_cost", "delta_co2_t", "marginal_emission_t_per_mwh", "stranded_mwh", "miners_profit",
                 "payers.miners", "payers.other_consumers", "payers.circular_debt"]

        def at(path):
            x = cost
            for k in path.split("."):
                x = x[k]
            return x

        ct = read("cost.csv")
        check(list(ct["measure"]) == names, f"cost.csv lists the report's {len(names)} measures in order")
        rate = float(cost["per_usd"])
        for (_, row), name in zip(ct.iterrows(), names):
            e = at(name)
            same_estimates(row, ["estimate"], [e], f"cost.csv {name}")
            if money(name):
                check(row["unit"].startswith(cost["currency"]), f"cost.csv {name}: unit {row['unit']!r} in {cost['currency']}")
                for suffix, key in (("", "mean"), ("_se", "se"), ("_lo", "lo"), ("_hi", "hi")):
                    want = number(e[key])
                    got = float(row["usd" + suffix])
                    check(same(got, want) if math.isnan(want) else close(got * rate, want, 1e-12, 1e-300),
                          f"cost.csv {name} usd{suffix}: {got!r} × {rate} is not {want!r}")
            else:
                check(math.isnan(float(row["usd"])), f"cost.csv {name}: not money, yet a USD value")
        m = r["cost"]
        check(close(ct.set_index("measure").loc["margin", "estimate"],
                    m["revenue"]["mean"] - m["short_run_cost"]["mean"], 1e-9, 1e-3),
              "cost.csv: margin = revenue − short-run cost")
        cf = read("cost_fuels.csv")
        check(list(cf["fuel"]) == [f["fuel"] for f in cost["fuels"]], "cost_fuels.csv has the report's fuel groups")
        for (_, row), f in zip(cf.iterrows(), cost["fuels"]):
            same_estimates(row, ["delta_mwh", "delta_co2_t"], [f["delta_mwh"], f["delta_co2_t"]], f"cost_fuels.csv {f['fuel']}")
        got = cf["delta_co2_t"].sum()
        check(close(got, cost["delta_co2_t"]["mean"], 1e-9, 1e-6),
              f"cost_fuels.csv: delta_co2_t sums to {got!r}, the report's extra CO2 is {cost['delta_co2_t']['mean']!r}")
        cm = read("cost_months.csv")
        check(list(cm["month"]) == [x["month"] for x in cost["months"]], "cost_months.csv has the report's months")
        for (_, row), x in zip(cm.iterrows(), cost["months"]):
            same_estimates(row, ["delta_cost", "delta_mwh", "marginal_cost_per_mwh"],
                           [x["delta_cost"], x["delta_mwh"], x["marginal_cost_per_mwh"]], f"cost_months.csv month {x['month']}")
        got = cm["delta_cost"].sum()
        check(close(got, cost["short_run_cost"]["mean"], 1e-9, 1e-3),
              f"cost_months.csv: delta_cost sums to {got!r}, the short-run cost is {cost['short_run_cost']['mean']!r}")
        dc = read("duration_curve.csv")
        dr = cost["duration_curve"]
        check(list(dc["price_per_mwh"]) == dr["prices_per_mwh"], "duration_curve.csv has the report's prices")
        check(list(dc["hours_baseline"]) == dr["hours_baseline"] and list(dc["hours_with"]) == dr["hours_with"],
              "duration_curve.csv has the report's hours")
        check(dc["price_per_mwh"].is_monotonic_increasing and dc["cum_hours_baseline"].is_monotonic_decreasing
              and dc["cum_hours_with"].is_monotonic_decreasing, "duration_curve.csv: prices up, cumulative hours down")
        for col in ["baseline", "with"]:
            got = dc["cum_hours_" + col].iloc[0]
            want = dc["hours_" + col].sum()
            check(close(got, want, 1e-9) and got <= r["hours"] * (1 + 1e-12),
                  f"duration_curve.csv: cum_hours_{col} at the cheapest price {got!r}, all hours {want!r} <= {r['hours']}")
        print(f"cost.csv, cost_fuels.csv, cost_months.csv, duration_curve.csv: {len(names)} measures, "
              f"{len(cf)} fuels, {len(cm)} months, {len(dc)} prices = the report's")

    if failures:
        print(f"pandas-check: {len(failures)} of {checks} checks FAILED")
        return 1
    print(f"pandas-check: all {checks} checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
