"""Starts the real warroom-server on 127.0.0.1 with a temporary key file and database.

The database is a SQLite file in the temporary directory, or, with
WARROOM_TEST_DATABASE=postgresql, a fresh database on a throwaway PostgreSQL server
(pgfixture.py) for every ServerProcess. `database_url` shares one database between
several servers.
"""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

import boto3
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

REGION = "us-east-1"
ACCOUNT = "123456789012"
SERVER = os.environ.get("WARROOM_SERVER", "warroom-server")
BACKEND = os.environ.get("WARROOM_TEST_DATABASE", "sqlite")


def new_database_url(directory):
    """A fresh database for one server: a SQLite file in `directory` or a PostgreSQL one."""
    if BACKEND == "postgresql":
        import pgfixture
        return pgfixture.cluster().create_database()
    if BACKEND != "sqlite":
        raise RuntimeError("WARROOM_TEST_DATABASE must be sqlite or postgresql, not %r" % BACKEND)
    return "sqlite:" + os.path.join(directory, "cases.sqlite")


class ServerProcess:
    def __init__(self, extra_args=(), roles=("full", "case-full", "read-only"),
                 database_url=None, keys_from=None):
        self.dir = tempfile.TemporaryDirectory(prefix="warroom-server-test-")
        self.keys_file = os.path.join(self.dir.name, "keys.json")
        self.database_url = database_url or new_database_url(self.dir.name)
        self.access_log = os.path.join(self.dir.name, "access.log")
        self.keys = {}
        if keys_from is not None:
            # Another server's key file: the same clients work against both.
            shutil.copyfile(keys_from.keys_file, self.keys_file)
            os.chmod(self.keys_file, 0o600)
            self.keys = dict(keys_from.keys)
            roles = ()
        for role in roles:
            out = subprocess.run(
                [SERVER, "keys", "create", "--keys", self.keys_file, "--role", role,
                 "--principal", "arn:aws:iam::%s:user/%s" % (ACCOUNT, role)],
                check=True, capture_output=True, text=True, timeout=30)
            self.keys[role] = json.loads(out.stdout)
        self.stderr = open(os.path.join(self.dir.name, "stderr.log"), "w+")
        self.proc = subprocess.Popen(
            [SERVER, "--listen", "127.0.0.1:0", "--database", self.database_url,
             "--keys", self.keys_file, "--account-id", ACCOUNT, "--region", REGION,
             "--access-log", self.access_log] + list(extra_args),
            stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        line = self.proc.stdout.readline().strip()
        if not (line.startswith("listening on http://127.0.0.1:")
                or line.startswith("listening on https://127.0.0.1:")):
            self.proc.kill()
            self.stderr.seek(0)
            raise RuntimeError("server did not start: %r %s" % (line, self.stderr.read()))
        self.base = line.split(" ")[-1]
        self.port = int(self.base.rsplit(":", 1)[1])

    def client(self, role="full", secret=None, key_id=None, verify=None, **config):
        key = self.keys[role]
        config.setdefault("retries", {"max_attempts": 1, "mode": "standard"})
        return boto3.client(
            "security-ir", endpoint_url=self.base, region_name=REGION, verify=verify,
            aws_access_key_id=key_id or key["accessKeyId"],
            aws_secret_access_key=secret or key["secretAccessKey"],
            config=Config(**config))

    def signed(self, method, path, body=b"", role="full", query="", headers=None):
        """A request signed like botocore signs it; returns the AWSRequest (mutable)."""
        key = self.keys[role]
        url = self.base + path + ("?" + query if query else "")
        all_headers = {"Content-Type": "application/json"} if body else {}
        all_headers.update(headers or {})
        request = AWSRequest(method=method, url=url, data=body, headers=all_headers)
        SigV4Auth(Credentials(key["accessKeyId"], key["secretAccessKey"]), "security-ir",
                  REGION).add_auth(request)
        return request

    @staticmethod
    def send(request, url=None, body=None, drop=()):
        prepared = request.prepare()
        headers = {k: v for k, v in prepared.headers.items() if k.lower() not in drop}
        return requests.request(prepared.method, url or prepared.url, headers=headers,
                                data=prepared.body if body is None else body, timeout=30)

    def admin(self, *args):
        return subprocess.run([SERVER] + list(args) + ["--database", self.database_url],
                              capture_output=True, text=True, timeout=30)

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def close(self):
        self.stop()
        self.proc.stdout.close()
        self.stderr.close()
        self.dir.cleanup()


def wait_until(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
