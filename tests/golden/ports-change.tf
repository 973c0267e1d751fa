import {
  to = huaweicloud_vpcep_service.web_frontend
  id = "4189d3c2-8882-4871-a3c2-d380272eed83"
}

resource "huaweicloud_vpcep_service" "web_frontend" {
  name        = "web-frontend"
  server_type = "VM"
  vpc_id      = "3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9"
  port_id     = "9a1c7e52-3b4d-4f6a-8e2b-1c0d9f8e7a65"
  approval    = false
  tcp_proxy   = "close"
  description = "Public web tier"

  port_mapping {
    terminal_port = 8080
    service_port  = 80
    protocol      = "TCP"
  }

  port_mapping {
    terminal_port = 9443
    service_port  = 443
    protocol      = "TCP"
  }

  tags = {
    env = "prod"
  }
}
