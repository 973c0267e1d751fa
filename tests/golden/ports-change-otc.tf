import {
  to = opentelekomcloud_vpcep_service_v1.dns_resolver
  id = "3a5c7e9b-1d2f-4a6b-8c0d-e1f2a3b4c5d6"
}

resource "opentelekomcloud_vpcep_service_v1" "dns_resolver" {
  name             = "dns-resolver"
  server_type      = "VM"
  vpc_id           = "8d7c6b5a-4e3f-4d2c-9b1a-0f9e8d7c6b5a"
  port_id          = "6b5a4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d"
  vip_port_id      = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
  approval_enabled = true
  service_type     = "interface"
  tcp_proxy        = "close"
  description      = "Internal DNS"

  port {
    client_port = 53
    server_port = 53
    protocol    = "UDP"
  }

  port {
    client_port = 53
    server_port = 53
    protocol    = "TCP"
  }
}
