package main

import (
	"fmt"
	"os"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	vpcep "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpcep/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpcep/v1/model"
	region "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpcep/v1/region"
)

func main() {
	auth, err := basic.NewCredentialsBuilder().
		WithAk(os.Getenv("CLOUD_SDK_AK")).
		WithSk(os.Getenv("CLOUD_SDK_SK")).
		WithProjectId("2b0c8e3f6a4d4e1b9c7f5a3d1e0b8c6a").
		SafeBuild()
	if err != nil {
		panic(err)
	}
	reg, err := region.SafeValueOf("cn-north-4")
	if err != nil {
		panic(err)
	}
	hc, err := vpcep.VpcepClientBuilder().
		WithRegion(reg).
		WithCredential(auth).
		SafeBuild()
	if err != nil {
		panic(err)
	}
	client := vpcep.NewVpcepClient(hc)

	request := &model.UpdateEndpointServiceRequest{
		VpcEndpointServiceId: "4189d3c2-8882-4871-a3c2-d380272eed83",
		Body: &model.UpdateEndpointServiceRequestBody{
			Ports: &[]model.PortList{
				{ClientPort: ptr(int32(8080)), ServerPort: ptr(int32(80)), Protocol: ptr(model.GetPortListProtocolEnum().TCP)},
				{ClientPort: ptr(int32(9443)), ServerPort: ptr(int32(443)), Protocol: ptr(model.GetPortListProtocolEnum().TCP)},
			},
		},
	}
	response, err := client.UpdateEndpointService(request)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(response)
}

// ptr gives the pointer that the SDK's optional fields take.
func ptr[T any](v T) *T { return &v }
