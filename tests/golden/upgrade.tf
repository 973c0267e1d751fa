resource "huaweicloud_vpcep_service_upgrade" "web_frontend" {
  service_id = "4189d3c2-8882-4871-a3c2-d380272eed83"
}
