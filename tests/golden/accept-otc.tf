resource "opentelekomcloud_vpcep_approval_v1" "dns_resolver" {
  service_id = "3a5c7e9b-1d2f-4a6b-8c0d-e1f2a3b4c5d6"
  endpoints  = ["0a1b2c3d-0001-4001-8333-444455556666"]
}
