#!/usr/bin/env python3
"""Server benchmark (DESIGN.md section 6): signed GetCase and ListCases requests per second
against the real warroom-server on loopback, from wrk with 16 connections, next to a bare
QHttpServer route measured in the same run. Budget: GetCase >= 10,000 signed requests/s
and >= 0.25 x the bare route. Prints figures; fails only when something does not work.

Each request carries a real SigV4 signature that the server verifies; wrk replays one
signed request (it stays valid for the 15 minutes of allowed clock skew), so the client
side costs nothing and the figure is the server's."""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "server"))
import serverfixture  # noqa: E402

BARE = os.environ["WARROOM_BARE_SERVER"]
DURATION = os.environ.get("WARROOM_BENCH_SECONDS", "10")


def wrk(url, method="GET", headers=None, body=b""):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("wrk.method = %s\n" % json.dumps(method))
        script.write("wrk.body = %s\n" % json.dumps(body.decode()))
        for name, value in (headers or {}).items():
            script.write("wrk.headers[%s] = %s\n" % (json.dumps(name), json.dumps(value)))
        path = script.name
    try:
        out = subprocess.run(["wrk", "-t2", "-c16", "-d" + DURATION + "s", "-s", path, url],
                             check=True, capture_output=True, text=True, timeout=120).stdout
    finally:
        os.unlink(path)
    rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non2xx:
        raise SystemExit("wrk saw %s error responses from %s" % (non2xx.group(1), url))
    return rate


def signed_headers(server, method, path, body=b""):
    request = server.signed(method, path, body=body)
    return {k: v for k, v in request.headers.items() if k.lower() != "host"}


ROUNDS = int(os.environ.get("WARROOM_BENCH_ROUNDS", "3"))


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main():
    # The bare route runs for the whole benchmark and is measured right before each
    # GetCase round, so a machine whose load changes (other builds) moves both figures
    # of a pair; the medians of ROUNDS pairs are printed.
    bare = subprocess.Popen([BARE], stdout=subprocess.PIPE, text=True)
    try:
        bare_url = bare.stdout.readline().split()[-1] + "/v1/cases/1234567890/get-case"
        print("\nServer benchmark: wrk, 2 threads, 16 connections, %s s per figure, loopback, "
              "median of %d rounds next to the bare route" % (DURATION, ROUNDS))
        # PostgreSQL is measured when a throwaway cluster can start here (pgfixture.py);
        # WARROOM_BENCH_POSTGRESQL=0 leaves it out.
        backends = ["sqlite"]
        if os.environ.get("WARROOM_BENCH_POSTGRESQL", "1") != "0":
            try:
                import pgfixture
                pgfixture.cluster()
                backends.append("postgresql")
            except Exception as error:  # noqa: BLE001 - say why, measure SQLite anyway
                print("  (PostgreSQL not measured: %s)" % str(error).splitlines()[0])
        for backend in backends:
            serverfixture.BACKEND = backend
            server = serverfixture.ServerProcess(
                extra_args=["--rate", "0", "--access-log", os.devnull])
            try:
                client = server.client()
                case_id = client.create_case(
                    title="Benchmark case", description="GetCase benchmark",
                    engagementType="Investigation", resolverType="Self",
                    reportedIncidentStartDate=1764000000, impactedAccounts=[],
                    watchers=[])["caseId"]
                for i in range(30):
                    client.create_case(title="filler %d" % i, description="x",
                                       engagementType="Investigation", resolverType="Self",
                                       reportedIncidentStartDate=1764000000,
                                       impactedAccounts=[], watchers=[])
                path = "/v1/cases/%s/get-case" % case_id
                get_headers = signed_headers(server, "GET", path)
                bare_rates, get_rates = [], []
                for _ in range(ROUNDS):
                    bare_rates.append(wrk(bare_url))
                    get_rates.append(wrk(server.base + path, headers=get_headers))
                body = b'{"maxResults": 25}'
                list_headers = signed_headers(server, "POST", "/v1/list-cases", body)
                list_rate = wrk(server.base + "/v1/list-cases", "POST", list_headers, body)
            finally:
                server.close()
            bare_rate, get_rate = median(bare_rates), median(get_rates)
            ratio = median([g / b for g, b in zip(get_rates, bare_rates)])
            verdict = "within budget" if get_rate >= 10000 and ratio >= 0.25 else "OVER BUDGET"
            print("  %-46s %10.0f requests/s  (rounds: %s)" % (
                "bare QHttpServer route (the limit)", bare_rate,
                ", ".join("%.0f" % r for r in bare_rates)))
            print("  %-46s %10.0f requests/s  (%.2f x bare; budget >= 10,000 and >= 0.25 x) -> %s"
                  % ("GetCase, signed, " + backend, get_rate, ratio, verdict))
            print("  %-46s %10.0f requests/s  (25 cases a page)"
                  % ("ListCases, signed, " + backend, list_rate))
            sys.stdout.flush()
    finally:
        bare.terminate()
        bare.wait(10)
    with open("/proc/loadavg") as f:
        print("  load average at the end: %s" % " ".join(f.read().split()[:3]))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
