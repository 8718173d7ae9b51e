#!/usr/bin/env python3
"""warroom-server on HTTPS (--tls-cert/--tls-key) with a test CA made by openssl for this
run: boto3 with verify=<CA file> and the AWS CLI with --ca-bundle work unchanged; without
the CA, or with the wrong one, both refuse the certificate and nothing reaches the service.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import botocore.exceptions

os.environ.setdefault("AWS_CONFIG_FILE", "/nonexistent/warroom-test/aws-config")
os.environ.setdefault("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/warroom-test/aws-credentials")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
for name in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
             "AWS_CA_BUNDLE", "REQUESTS_CA_BUNDLE"):
    os.environ.pop(name, None)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverfixture import REGION, ServerProcess  # noqa: E402

CERTS = None
SERVER = None


def openssl(*args):
    subprocess.run(["openssl"] + list(args), check=True, capture_output=True, cwd=CERTS.name,
                   timeout=60)


def setUpModule():
    global CERTS, SERVER
    CERTS = tempfile.TemporaryDirectory(prefix="warroom-tls-test-")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=Warroom Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    with open(os.path.join(CERTS.name, "server.ext"), "w") as ext:
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                  "extendedKeyUsage=serverAuth\n")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=warroom test server")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-out", "server.pem", "-extfile", "server.ext")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key",
            "-out", "other.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1")
    SERVER = ServerProcess(extra_args=["--tls-cert", path("server.pem"),
                                       "--tls-key", path("server.key")])


def tearDownModule():
    code = None
    if SERVER is not None:
        code = SERVER.stop()
        SERVER.close()
    if CERTS is not None:
        CERTS.cleanup()
    if code not in (None, 0):
        raise AssertionError("server exited with %s" % code)


def path(name):
    return os.path.join(CERTS.name, name)


def new_case(client, title):
    return client.create_case(
        resolverType="Self", title=title, description="Over HTTPS", engagementType="Investigation",
        reportedIncidentStartDate=1764000000, impactedAccounts=[], watchers=[])["caseId"]


class Boto3(unittest.TestCase):
    def test_https_with_the_ca_works(self):
        self.assertTrue(SERVER.base.startswith("https://127.0.0.1:"))
        client = SERVER.client(verify=path("ca.pem"))
        case_id = new_case(client, "Created over HTTPS")
        self.assertEqual(client.get_case(caseId=case_id)["title"], "Created over HTTPS")
        arn = "arn:aws:security-ir:%s:123456789012:case/%s" % (REGION, case_id)
        client.tag_resource(resourceArn=arn, tags={"channel": "tls"})
        self.assertEqual(client.list_tags_for_resource(resourceArn=arn)["tags"], {"channel": "tls"})

    def test_untrusted_certificate_is_refused(self):
        before = len(SERVER.client(verify=path("ca.pem")).list_cases(maxResults=25)["items"])
        for verify in (True, path("other.pem")):  # the system CAs; an unrelated certificate
            client = SERVER.client(verify=verify)
            with self.assertRaises(botocore.exceptions.SSLError):
                new_case(client, "Must not be created")
        after = len(SERVER.client(verify=path("ca.pem")).list_cases(maxResults=25)["items"])
        self.assertEqual(after, before)


class AwsCli(unittest.TestCase):
    def aws(self, *args):
        key = SERVER.keys["full"]
        env = dict(os.environ, AWS_ACCESS_KEY_ID=key["accessKeyId"],
                   AWS_SECRET_ACCESS_KEY=key["secretAccessKey"], AWS_DEFAULT_REGION=REGION,
                   AWS_MAX_ATTEMPTS="1")
        return subprocess.run([os.environ.get("WARROOM_AWS_CLI", "aws"), "security-ir"]
                              + list(args) + ["--endpoint-url", SERVER.base, "--output", "json"],
                              capture_output=True, text=True, env=env, timeout=60)

    @unittest.skipUnless(shutil.which(os.environ.get("WARROOM_AWS_CLI", "aws")), "no aws CLI")
    def test_cli_with_ca_bundle(self):
        out = self.aws("create-case", "--resolver-type", "Self", "--title", "CLI over HTTPS",
                       "--description", "d", "--engagement-type", "Investigation",
                       "--reported-incident-start-date", "2026-01-01T00:00:00Z",
                       "--impacted-accounts", "111122223333", "--watchers", "email=a@example.com",
                       "--ca-bundle", path("ca.pem"))
        self.assertEqual(out.returncode, 0, out.stderr)
        case_id = json.loads(out.stdout)["caseId"]
        out = self.aws("get-case", "--case-id", case_id, "--ca-bundle", path("ca.pem"))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["title"], "CLI over HTTPS")
        out = self.aws("get-case", "--case-id", case_id)  # no CA: refused
        self.assertNotEqual(out.returncode, 0)
        self.assertIn("SSL", out.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
