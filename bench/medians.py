#!/usr/bin/env python3
"""Prints the rows of docs/BENCHMARKS.md from a bench/measure-all.sh results directory: per scenario and target, the
median of its runs' summary.json figures (each run's value in brackets after the headline ones), and hub / ceiling.

    python3 bench/medians.py bench/results/measure-<time>
"""
import json
import os
import re
import statistics
import sys


def load(base):
    runs = {}
    for entry in sorted(os.listdir(base)):
        m = re.fullmatch(r"(.+)-(hub|ceiling)-(\d+)", entry)
        path = os.path.join(base, entry, "summary.json")
        if not m or not os.path.isfile(path):
            continue
        with open(path) as f:
            lines = [line for line in f if line.strip()]
        if lines:
            runs.setdefault((m.group(1), m.group(2)), []).append(json.loads(lines[-1]))
    return runs


def get(summary, path):
    value = summary
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def med(runs, path):
    values = [get(r, path) for r in runs]
    values = [v for v in values if isinstance(v, (int, float))]
    return statistics.median(values) if values else None


def each(runs, path):
    return [get(r, path) for r in runs]


def fmt(value, digits=0):
    if value is None:
        return "–"
    if isinstance(value, float) and digits:
        return f"{value:,.{digits}f}"
    return f"{round(value):,}"


def ratio(a, b):
    return "–" if a is None or not b else f"{a / b:.2f}"


def tcp_mem(by_target):
    """The net.ipv4.tcp_mem the runs had (MB, low / pressure / high), if run.sh recorded it."""
    seen = set()
    for runs in by_target.values():
        for run in runs:
            value = get(run, "kernel.tcp_mem_bytes")
            if value:
                seen.add(" / ".join(f"{v / 1e6:,.0f}" for v in value))
    return f"net.ipv4.tcp_mem {'; '.join(sorted(seen))} MB (low / pressure / high)" if seen else ""


def fanout(name, by_target):
    print(f"\n#### {name}\n")
    kernel = tcp_mem(by_target)
    if kernel:
        print(kernel + "\n")
    print("| target | deliveries/s in window | late | never | lost | gaps | 4008 | 503 | publish achieved / asked |"
          " p50 ms | p99 ms | server CPU % | loadgen CPU % | retrans | RcvQDrop | mem pressure | TCP mem peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    medians = {}
    for target in ("ceiling", "hub"):
        runs = by_target.get(target)
        if not runs:
            continue
        loadgen = [max(c for c in (r.get("loadgen") or {}).get("cpu_percent", [0]) if c is not None) for r in runs]
        saturated = sum(1 for r in runs if (r.get("loadgen") or {}).get("saturated"))
        medians[target] = {p: med(runs, p) for p in ("deliveries_per_s", "latency_ms.p99")}
        print(f"| {target} | {fmt(med(runs, 'deliveries_per_s'))} ({', '.join(fmt(v) for v in each(runs, 'deliveries_per_s'))})"
              f" | {fmt(med(runs, 'late_deliveries'))} | {fmt(med(runs, 'never_delivered'))} | {fmt(med(runs, 'lost'))}"
              f" | {fmt(med(runs, 'gaps'))} | {fmt(med(runs, 'closed_4008'))} | {fmt(med(runs, 'publish_refused_503'))}"
              f" | {fmt(med(runs, 'publish_rate_achieved'))} / {fmt(med(runs, 'publish_rate_asked'))}"
              f" | {fmt(med(runs, 'latency_ms.p50'))} | {fmt(med(runs, 'latency_ms.p99'))}"
              f" ({', '.join(fmt(v) for v in each(runs, 'latency_ms.p99'))})"
              f" | {fmt(med(runs, 'server.cpu_percent'), 1)} | {fmt(statistics.median(loadgen), 1)}"
              f"{' (saturated in %d of %d)' % (saturated, len(runs)) if saturated else ''}"
              f" | {fmt(med(runs, 'kernel.nstat_delta.TcpRetransSegs'))}"
              f" | {fmt(med(runs, 'kernel.nstat_delta.TcpExtTCPRcvQDrop'))}"
              f" | {fmt(med(runs, 'kernel.nstat_delta.TcpExtTCPMemoryPressures'))}"
              f" | {fmt((med(runs, 'kernel.tcp_mem_peak_bytes') or 0) / 1e6, 1)} |")
    if "hub" in medians and "ceiling" in medians:
        h, c = medians["hub"], medians["ceiling"]
        print(f"\nhub ÷ ceiling: deliveries/s **{ratio(h['deliveries_per_s'], c['deliveries_per_s'])}**,"
              f" p99 **{ratio(h['latency_ms.p99'], c['latency_ms.p99'])}** (medians of {len(by_target['hub'])})")


def idle(by_target):
    print("\n#### idle\n")
    print("| target | connections | connect s (JVM start included) | RSS before → after MB | RSS per connection B |")
    print("|---|---|---|---|---|")
    for target in ("ceiling", "hub"):
        runs = by_target.get(target)
        if not runs:
            continue
        print(f"| {target} | {fmt(med(runs, 'connections'))} | {fmt(med(runs, 'connect_seconds'), 1)}"
              f" | {fmt((med(runs, 'server.rss_before_connect_bytes') or 0) / 1e6, 1)} →"
              f" {fmt((med(runs, 'server.rss_bytes') or 0) / 1e6, 1)}"
              f" | {fmt(med(runs, 'server.rss_per_connection_bytes'))}"
              f" ({', '.join(fmt(v) for v in each(runs, 'server.rss_per_connection_bytes'))}) |")


def logs(by_target):
    runs = by_target.get("hub")
    if not runs:
        return
    print("\n#### logs-batch\n")
    print("| deliveries/s in window | lost | batch frames per connection per s | items per frame | p99 ms | server CPU % |")
    print("|---|---|---|---|---|---|")
    print(f"| {fmt(med(runs, 'deliveries_per_s'))} | {fmt(med(runs, 'lost'))} | {fmt(med(runs, 'frames_per_conn_per_s'), 2)}"
          f" | {fmt(med(runs, 'items_per_batch'), 1)} | {fmt(med(runs, 'latency_ms.p99'))}"
          f" | {fmt(med(runs, 'server.cpu_percent'), 1)} |")


def storm(by_target):
    runs = by_target.get("hub")
    if not runs:
        return
    print("\n#### reconnect-storm\n")
    print("| connections | all back s (first 1001 → last resubscription) | recovered / not | longest away s |"
          " acknowledged / lost | 503 + failed publishes | peak server CPU % |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {fmt(med(runs, 'connections'))} | {fmt(med(runs, 'reconnect.all_back_s'), 2)}"
          f" ({', '.join(fmt(v, 2) for v in each(runs, 'reconnect.all_back_s'))})"
          f" | {fmt(med(runs, 'reconnect.recovered'))} / {fmt(med(runs, 'reconnect.not_recovered'))}"
          f" | {fmt(med(runs, 'reconnect.max_downtime_s'), 2)}"
          f" | {fmt(med(runs, 'published'))} / {fmt(med(runs, 'lost'))}"
          f" | {fmt(med(runs, 'publish_refused_503'))} + {fmt(med(runs, 'publish_errors'))}"
          f" | {fmt(med(runs, 'server_cpu_peak_percent'), 1)} |")


def channels(scenarios):
    rows = [(n, scenarios[n]["hub"]) for n in ("fanout-50", "channels-10k", "filters-100", "flat-50k")
            if n in scenarios and "hub" in scenarios[n]]
    if not any(n in ("channels-10k", "filters-100") for n, _ in rows):
        return
    print("\n#### channels and filters (hub)\n")
    print("| scenario | deliveries/s in window | publish achieved / asked | lost | misrouted | gaps | p50 ms | p99 ms |"
          " server CPU % | loadgen CPU % | RSS MB | RSS per connection B | retrans | RcvQDrop |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, runs in rows:
        loadgen = [max(c for c in (r.get("loadgen") or {}).get("cpu_percent", [0]) if c is not None) for r in runs]
        saturated = sum(1 for r in runs if (r.get("loadgen") or {}).get("saturated"))
        print(f"| {name} | {fmt(med(runs, 'deliveries_per_s'))} ({', '.join(fmt(v) for v in each(runs, 'deliveries_per_s'))})"
              f" | {fmt(med(runs, 'publish_rate_achieved'))} / {fmt(med(runs, 'publish_rate_asked'))}"
              f" | {fmt(med(runs, 'lost'))} | {fmt(med(runs, 'misrouted'))} | {fmt(med(runs, 'gaps'))}"
              f" | {fmt(med(runs, 'latency_ms.p50'))} | {fmt(med(runs, 'latency_ms.p99'))}"
              f" ({', '.join(fmt(v) for v in each(runs, 'latency_ms.p99'))})"
              f" | {fmt(med(runs, 'server.cpu_percent'), 1)} | {fmt(statistics.median(loadgen), 1)}"
              f"{' (saturated in %d of %d)' % (saturated, len(runs)) if saturated else ''}"
              f" | {fmt((med(runs, 'server.rss_bytes') or 0) / 1e6, 1)}"
              f" | {fmt(med(runs, 'server.rss_per_connection_bytes'))}"
              f" | {fmt(med(runs, 'kernel.nstat_delta.TcpRetransSegs'))}"
              f" | {fmt(med(runs, 'kernel.nstat_delta.TcpExtTCPRcvQDrop'))} |")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    runs = load(sys.argv[1])
    scenarios = {}
    for (name, target), summaries in runs.items():
        scenarios.setdefault(name, {})[target] = summaries
    for name in ("fanout-500", "fanout-50", "fanout-1k"):
        if name in scenarios:
            fanout(name, scenarios[name])
    if "idle" in scenarios:
        idle(scenarios["idle"])
    if "logs-batch" in scenarios:
        logs(scenarios["logs-batch"])
    if "reconnect-storm" in scenarios:
        storm(scenarios["reconnect-storm"])
    channels(scenarios)


if __name__ == "__main__":
    main()
