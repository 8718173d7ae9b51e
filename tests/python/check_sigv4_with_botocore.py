#!/usr/bin/env python3
"""Cross-checks Warroom's SigV4 with botocore's own signer, both ways.

1. Runs the `aws_sign_request` helper, which prints requests signed by
   warroom::aws::SigV4Signer (Authorization headers and presigned URLs), signs the same
   requests again with botocore.auth.SigV4Auth / SigV4QueryAuth at the same time and
   with the same keys, and fails on any difference.
2. Signs the same requests with botocore, as boto3 would send them to warroom-server,
   and feeds them to `aws_sign_request --verify`, which must accept every one.

Usage: check_sigv4_with_botocore.py /path/to/aws_sign_request
Exit status: 0 all match, 1 a mismatch, 2 botocore is not installed or the helper failed.
"""

import base64
import datetime
import json
import subprocess
import sys
from unittest import mock
from urllib.parse import parse_qs, urlsplit

try:
    import botocore.auth
    import botocore.awsrequest
    import botocore.credentials
except ImportError as error:  # registration in CMake checks this first
    print(f"botocore is not installed: {error}", file=sys.stderr)
    sys.exit(2)


def signing_time(case):
    return datetime.datetime.strptime(case["time"], "%Y-%m-%dT%H:%M:%SZ")


def credentials_of(case):
    return botocore.credentials.Credentials(
        case["access_key"], case["secret_key"], case["token"] or None
    )


def botocore_request(case):
    return botocore.awsrequest.AWSRequest(
        method=case["method"],
        url=case["url"],
        data=case["body"].encode("utf-8"),
        headers={name: value for name, value in case["headers"]},
    )


def sign_with_botocore(case):
    """Returns (botocore's request after signing, the auth object that signed it)."""
    request = botocore_request(case)
    if case["presign"]:
        auth = botocore.auth.SigV4QueryAuth(
            credentials_of(case), case["service"], case["region"], expires=case["expires"]
        )
    else:
        auth = botocore.auth.SigV4Auth(credentials_of(case), case["service"], case["region"])
    # add_auth reads the clock through this function; pin it to the helper's time.
    with mock.patch("botocore.auth.get_current_datetime", return_value=signing_time(case)):
        auth.add_auth(request)
    return request, auth


def check_our_signatures(cases):
    failures = 0
    for case in cases:
        request, auth = sign_with_botocore(case)
        if case["presign"]:
            ours = case["signature"]
            theirs = parse_qs(urlsplit(request.url).query)["X-Amz-Signature"][0]
            same = ours == theirs
            detail = f"botocore URL: {request.url}\nours:         {case['presigned_url']}"
        else:
            ours = case["authorization"]
            theirs = request.headers["Authorization"]
            same = ours == theirs
            detail = (
                "botocore canonical request:\n"
                + auth.canonical_request(request)
                + "\n--- ours:\n"
                + case["canonical_request"]
            )
            for name, value in case["added_headers"]:
                if name != "Authorization" and request.headers.get(name) != value:
                    same = False
                    detail += f"\nheader {name}: botocore {request.headers.get(name)!r}, ours {value!r}"
        print(f"{'ok  ' if same else 'FAIL'} sign   {case['name']}")
        if not same:
            failures += 1
            print(f"  ours:     {ours}\n  botocore: {theirs}\n{detail}")
    return failures


def check_our_verifier(helper, cases):
    """Requests as boto3 puts them on the wire, for SigV4Signer::verify."""
    wire = []
    for case in cases:
        request, _ = sign_with_botocore(case)
        prepared = request.prepare()
        body = prepared.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        wire.append(
            {
                "name": case["name"],
                "method": prepared.method,
                "url": prepared.url,
                "headers": [[name, value] for name, value in prepared.headers.items()],
                "body_base64": base64.b64encode(body).decode("ascii"),
                "secret_key": case["secret_key"],
                "now": case["time"],
            }
        )
    completed = subprocess.run(
        [helper, "--verify"], input=json.dumps(wire).encode("utf-8"), capture_output=True, check=False
    )
    if completed.returncode != 0:
        print(completed.stderr.decode(errors="replace"), file=sys.stderr)
        sys.exit(2)
    failures = 0
    for result in json.loads(completed.stdout):
        print(f"{'ok  ' if result['valid'] else 'FAIL'} verify {result['name']}")
        if not result["valid"]:
            failures += 1
            print(f"  {result['error']}\n  our canonical request:\n{result['canonical_request']}")
    return failures


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    helper = sys.argv[1]
    completed = subprocess.run([helper], capture_output=True, check=False)
    if completed.returncode != 0:
        print(completed.stderr.decode(errors="replace"), file=sys.stderr)
        return 2
    cases = json.loads(completed.stdout)
    if not cases:
        print("the helper printed no requests", file=sys.stderr)
        return 2
    print(f"botocore {botocore.__version__}, {len(cases)} requests")
    failures = check_our_signatures(cases) + check_our_verifier(helper, cases)
    print(f"{failures} mismatches" if failures else "all signatures match botocore")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
