resource "opentelekomcloud_vpcep_service_v1" "dns_resolver" {
  # … the service's other arguments, as they are

  whitelist = [
    # … the entries it has, then:
    "0123456789abcdef0123456789abcdef",
  ]
}
