import os

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkvpcep.v1 import (
    VpcepClient,
    UpgradeEndpointServiceRequest,
)
from huaweicloudsdkvpcep.v1.region.vpcep_region import VpcepRegion

credentials = BasicCredentials(
    os.environ["CLOUD_SDK_AK"],
    os.environ["CLOUD_SDK_SK"],
    "2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a",
)
client = (
    VpcepClient.new_builder()
    .with_credentials(credentials)
    .with_region(VpcepRegion.value_of("cn-north-4"))
    .build()
)

try:
    # POST /v2/…/upgrade, with no body.
    request = UpgradeEndpointServiceRequest(
        vpc_endpoint_service_id="4189d3c2-8882-4871-a3c2-d380272eed83",
    )
    response = client.upgrade_endpoint_service(request)
    print(response)
except exceptions.ClientRequestException as e:
    print(e.status_code, e.request_id, e.error_code, e.error_msg)
