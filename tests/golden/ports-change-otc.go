package main

import (
	"fmt"
	"os"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	coreregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	vpcep "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpcep/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpcep/v1/model"
)

func main() {
	auth, err := basic.NewCredentialsBuilder().
		WithAk(os.Getenv("CLOUD_SDK_AK")).
		WithSk(os.Getenv("CLOUD_SDK_SK")).
		WithProjectId("7c4e2a9b1d3f4e5a8b6c0d2e4f6a8b0c").
		SafeBuild()
	if err != nil {
		panic(err)
	}
	reg := coreregion.NewRegion("eu-de", "https://vpcep.eu-de.otc.t-systems.com")
	hc, err := vpcep.VpcepClientBuilder().
		WithRegion(reg).
		WithCredential(auth).
		SafeBuild()
	if err != nil {
		panic(err)
	}
	client := vpcep.NewVpcepClient(hc)

	var udp model.PortListProtocol
	if err := udp.UnmarshalJSON([]byte(`"UDP"`)); err != nil {
		panic(err)
	}
	request := &model.UpdateEndpointServiceRequest{
		VpcEndpointServiceId: "3a5c7e9b-1d2f-4a6b-8c0d-e1f2a3b4c5d6",
		Body: &model.UpdateEndpointServiceRequestBody{
			Ports: &[]model.PortList{
				{ClientPort: ptr(int32(53)), ServerPort: ptr(int32(53)), Protocol: &udp},
				{ClientPort: ptr(int32(53)), ServerPort: ptr(int32(53)), Protocol: ptr(model.GetPortListProtocolEnum().TCP)},
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
