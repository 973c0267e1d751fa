resource "huaweicloud_vpcep_service" "web_frontend" {
  # … the service's other arguments, as they are

  permissions = [
    # … the entries it has, then:
    "iam:domain::0123456789abcdef0123456789abcdef",
  ]
}
