"""Runs a snippet of the change as code with the real huaweicloudsdkvpcep, authenticated by
a token instead of an access key: for the tests only (tests/sdk_python.rs).

The SDK's extension point is its credentials class: this one, named BasicCredentials as the
client builder requires, puts the local API server's token in X-Auth-Token instead of
signing the request with CLOUD_SDK_AK and CLOUD_SDK_SK. The snippet itself runs unchanged.

    python token_credentials.py SNIPPET.py      (the token in VPCEP_TEST_TOKEN)
"""
import os
import sys
from concurrent.futures import Future

import huaweicloudsdkcore.auth.credentials as credentials
from huaweicloudsdkcore.signer.signer import Signer


class BasicCredentials(credentials.BasicCredentials):
    def process_auth_request(self, request, http_client):
        request.header_params["X-Auth-Token"] = os.environ["VPCEP_TEST_TOKEN"]
        Signer.process_request_uri(request)
        future = Future()
        future.set_result(request)
        return future


credentials.BasicCredentials = BasicCredentials

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    code = compile(f.read(), path, "exec")
exec(code, {"__name__": "__main__"})
