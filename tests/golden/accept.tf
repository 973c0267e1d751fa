resource "huaweicloud_vpcep_approval" "web_frontend" {
  service_id = "4189d3c2-8882-4871-a3c2-d380272eed83"
  endpoints  = ["0a1b2c3d-0001-4001-8333-444455556666"]
}
