import os

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkvpcep.v1 import (
    VpcepClient,
    UpdateEndpointServiceRequest,
    UpdateEndpointServiceRequestBody,
)

credentials = BasicCredentials(
    os.environ["CLOUD_SDK_AK"],
    os.environ["CLOUD_SDK_SK"],
    "7c4e2a9b1d3f4e5a8b6c0d2e4f6a8b0c",
)
client = (
    VpcepClient.new_builder()
    .with_credentials(credentials)
    .with_endpoints(["https://vpcep.eu-de.otc.t-systems.com"])
    .build()
)

try:
    request = UpdateEndpointServiceRequest(
        vpc_endpoint_service_id="3a5c7e9b-1d2f-4a6b-8c0d-e1f2a3b4c5d6",
        body=UpdateEndpointServiceRequestBody(
            service_name="dns-tier",
        ),
    )
    response = client.update_endpoint_service(request)
    print(response)
except exceptions.ClientRequestException as e:
    print(e.status_code, e.request_id, e.error_code, e.error_msg)
