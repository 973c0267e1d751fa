curl -X PUT 'https://console.example.com/vpcep/v1/7c4e2a9b1d3f4e5a8b6c0d2e4f6a8b0c/vpc-endpoint-services/3a5c7e9b-1d2f-4a6b-8c0d-e1f2a3b4c5d6' \
  -H 'Accept: application/json' \
  -H "X-Auth-Token: $TOKEN" \
  -H 'Content-Type: application/json' \
  --data-raw '{"ports":[{"client_port":53,"server_port":53,"protocol":"UDP"},{"client_port":53,"server_port":53,"protocol":"TCP"}],"vip_port_id":"2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"}'